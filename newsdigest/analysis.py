"""`newsdigest analyze` and `demo`: one file or JSON record analysed in this process within
the limits the bot's workers apply (digest.pool.analyze_item, digest.limits): the input size
checked before decoding, only the leading MAX_ANALYSED_CHARS analysed, the card's lists
capped, and ARTICLE_SECONDS at most (a timer signal here, a replaced worker in the bot)."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import FrameType
from typing import Any

from digest import identity, limits
from digest.card import AnalysisError, ArticleCard
from digest.unpack import RawFile, Record


def analyze_bounded(
    item: RawFile | Record,
    *,
    reference_date: date | None = None,
    summary_sentences: int = 3,
    summary_method: str | None = None,
    seconds: float = limits.ARTICLE_SECONDS,
) -> ArticleCard:
    """The card of one item as the bot makes it; AnalysisError with a Russian reason when
    the item is bad, too big or takes longer than `seconds`. The card keeps the whole text
    and its hash."""
    from digest.analyze import analyze_document
    from digest.prepare import prepare_bytes, prepare_text

    options: dict[str, Any] = {"summary_sentences": summary_sentences}
    if summary_method:
        options["summary_method"] = summary_method
    with _time_budget(seconds):
        if isinstance(item, RawFile):
            _check_size(len(item.data))
            document = prepare_bytes(item.data, Path(item.name).name,
                                     reference_date=reference_date)
        else:
            _check_size(len(item.fields["text"].encode("utf-8", errors="replace")))
            fields = {k: v for k, v in item.fields.items() if k != "text"}
            document = prepare_text(item.fields["text"], reference_date=reference_date,
                                    **fields)
        full_text = document.text
        card = limits.capped(analyze_document(
            limits.bounded_document(document), reference_date=reference_date, **options
        ))
    if card.text != full_text:
        card.text, card.content_hash = full_text, identity.content_hash(full_text)
    return card


def _check_size(size: int) -> None:
    if size > limits.MAX_INPUT_BYTES:
        mb, cap = 1_000_000, limits.MAX_INPUT_BYTES
        raise AnalysisError(limits.TOO_BIG.format(size=size / mb, limit=cap / mb))


class _OverBudget(AnalysisError):
    """Raised by the timer signal; an AnalysisError even if it lands outside the block."""

    def __init__(self, seconds: float) -> None:
        super().__init__(limits.TOO_SLOW.format(seconds=seconds))


@contextlib.contextmanager
def _time_budget(seconds: float) -> Iterator[None]:
    """AnalysisError(limits.TOO_SLOW) when the block runs longer than `seconds` (SIGALRM:
    the main thread of a POSIX process only; elsewhere the block runs unbounded)."""
    in_main = threading.current_thread() is threading.main_thread()
    if not hasattr(signal, "setitimer") or not in_main:
        yield
        return

    def over(signum: int, frame: FrameType | None) -> None:
        raise _OverBudget(seconds)

    previous = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
