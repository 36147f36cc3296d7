"""`newsdigest analyze` and `demo`: one file or JSON record analysed in this process within
the limits the bot's workers apply (digest.pool.bounded_card), and ARTICLE_SECONDS at most
(a timer signal here, a replaced worker in the bot)."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from datetime import date
from types import FrameType
from typing import Any

from digest import limits
from digest.card import AnalysisError, ArticleCard
from digest.pool import bounded_card, with_full_text
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
    options: dict[str, Any] = {"summary_sentences": summary_sentences}
    if summary_method:
        options["summary_method"] = summary_method
    with _time_budget(seconds):
        card, full_text = bounded_card(item, reference_date=reference_date, **options)
    return with_full_text(card, full_text)


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
