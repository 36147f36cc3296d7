"""Sentence units that never cut a quotation in half."""

from __future__ import annotations

from dataclasses import dataclass

from razdel import sentenize

_DASHES = "–—-"


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int  # character offsets in the whole text
    stop: int


def _open_quote(text: str) -> bool:
    return text.count("«") > text.count("»") or text.count("„") > text.count("“")


def split_sentences(text: str) -> list[Sentence]:
    """razdel sentences, merged while a «…» quotation is open.

    razdel splits inside quotations; a summary or a snippet must never show half of one.
    Paragraphs (separated by blank lines) are never merged with each other.
    """
    out: list[Sentence] = []
    offset = 0
    for paragraph in text.split("\n\n"):
        pending: Sentence | None = None
        for s in sentenize(paragraph):
            cur = Sentence(s.text, offset + s.start, offset + s.stop)
            if pending is not None:
                joined = text[pending.start : cur.stop]
                cur = Sentence(" ".join(joined.split()), pending.start, cur.stop)
            if _open_quote(cur.text):
                pending = cur
                continue
            pending = None
            out.append(cur)
        if pending is not None:
            out.append(pending)
        offset += len(paragraph) + 2
    return out


def is_dialogue(paragraph: str) -> bool:
    """A paragraph of direct speech set off by a dash (– Цитата, – сказал он.)."""
    stripped = paragraph.lstrip()
    return bool(stripped) and stripped[0] in _DASHES
