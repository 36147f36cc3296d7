"""What one article may cost: caps on input, analysed length and card lists, and time budgets.

A hostile or unlucky upload (a 630 KB list of 5,000 names, a 126 KB single paragraph, a table
of numbers) must cost bounded time and memory. Input over MAX_INPUT_BYTES is refused before any
decoding; only the first MAX_ANALYSED_CHARS of a body are analysed (cut at a paragraph or
sentence end); the summarizer ranks at most summary.MAX_RANKED sentences; the card keeps at most
the caps below; the worker pool enforces the time budget.
Worst cases and their times: `python -m bench.worst_case`.
"""

from __future__ import annotations

import dataclasses

from digest.card import ArticleCard, Document

MAX_INPUT_BYTES = 2_000_000  # one file or record, before decoding (decode.MAX_BYTES agrees)
MAX_ANALYSED_CHARS = 30_000  # ≈ a long read; news is 2–6 K. Beyond it NER/quotes grow linearly
MAX_PEOPLE = 40
MAX_ENTITIES = 40  # organizations and locations, each
MAX_FIGURES = 40
MAX_QUOTES = 30
MAX_DATES = 40
MAX_TOPICS = 20

ARTICLE_SECONDS = 30.0  # a worker busy longer on one article is replaced; the article rejected
START_SECONDS = 300.0  # first worker start with model loading, on a very busy machine
IDLE_SECONDS = 300.0  # workers (and their models) are released after this long without work

TOO_SLOW = (
    "Статья слишком сложна для разбора: анализ занял больше {seconds:.0f} с и был прерван. "
    "Разделите текст на части или уберите из него таблицы и списки."
)
TOO_BIG = "Файл слишком большой: {size:.1f} МБ. Максимум — {limit:.0f} МБ."


def analysed_part(text: str, limit: int = MAX_ANALYSED_CHARS) -> str:
    """The leading part of `text` that is analysed: whole paragraphs, else whole sentences."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    for stop in ("\n\n", ". ", "\n", " "):
        cut = head.rfind(stop)
        if cut > limit // 2:
            return head[: cut + (1 if stop == ". " else 0)]
    return head


def capped(card: ArticleCard) -> ArticleCard:
    """The card with every list cut to its cap (they are ordered by importance already)."""
    return dataclasses.replace(
        card,
        people=card.people[:MAX_PEOPLE],
        organizations=card.organizations[:MAX_ENTITIES],
        locations=card.locations[:MAX_ENTITIES],
        figures=card.figures[:MAX_FIGURES],
        quotes=card.quotes[:MAX_QUOTES],
        dates=card.dates[:MAX_DATES],
        topics=card.topics[:MAX_TOPICS],
    )


def bounded_document(document: Document) -> Document:
    """The document with its text cut to what is analysed."""
    text = analysed_part(document.text)
    return document if text is document.text else dataclasses.replace(document, text=text)
