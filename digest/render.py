"""Plain-text rendering of a card, for the terminal; the quote shortening the bot's card uses
too (the card JSON keeps every quote whole)."""

from __future__ import annotations

import re

from digest.card import ArticleCard
from digest.compose import figure_lines

QUOTE_CHARS = 200
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"„(—–-]?[А-ЯЁA-Z0-9])")


def short_quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """Whole sentences of a quote while they fit in `limit` characters ("…" marks the rest);
    a first sentence longer than that is cut at a word boundary before "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    shown = ""
    for sentence in _SENTENCE_END.split(text):
        candidate = f"{shown} {sentence}".strip()
        if len(candidate) > limit:
            break
        shown = candidate
    if shown:
        return f"{shown} …"
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return cut.rstrip(",;:—–- ") + "…"


def card_to_text(card: ArticleCard, *, width: int = 100) -> str:
    lines = [card.title, "=" * min(width, max(10, len(card.title)))]
    if card.subtitle:
        lines.append(card.subtitle)
    meta = [x for x in (card.published and card.published.isoformat(), card.source) if x]
    if meta:
        lines.append(" · ".join(meta))
    lines.append("")
    if card.summary:
        lines.append("Кратко:")
        lines.extend(f"  • {s}" for s in card.summary)
    sections: list[tuple[str, list[str]]] = [
        ("Люди", [f"{p.name}" + (f" — {p.role}" if p.role else "") + f" ({p.mentions})"
                  for p in card.people]),
        ("Организации", [f"{e.name} ({e.mentions})" for e in card.organizations]),
        ("Места", [f"{e.name} ({e.mentions})" for e in card.locations]),
        ("Цифры", figure_lines(card.figures)),
        ("Даты", [f"{d.text} → {d.value}" for d in card.dates]),
        ("Цитаты", [f"«{short_quote(q.text)}» — {q.speaker or 'источник не назван'}"
                    for q in card.quotes]),
    ]
    for label, items in sections:
        if items:
            lines.append(f"{label}:")
            lines.extend(f"  • {item}" for item in items)
    if card.topics:
        lines.append("Темы: " + ", ".join(card.topics))
    lines.append(f"Хеш: {card.content_hash[:16]}")
    return "\n".join(lines)
