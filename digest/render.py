"""Plain-text rendering of a card, for the terminal."""

from __future__ import annotations

from digest.card import ArticleCard, Figure, FigureKind

_KIND_LABEL = {
    FigureKind.MONEY: "деньги", FigureKind.PERCENT: "проценты", FigureKind.QUANTITY: "количество"
}


def figure_line(f: Figure) -> str:
    return f"{f.text} ({_KIND_LABEL.get(f.kind, f.kind)})"


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
        ("Цифры", [figure_line(f) for f in card.figures]),
        ("Даты", [f"{d.text} → {d.value}" for d in card.dates]),
        ("Цитаты", [f"«{q.text}» — {q.speaker or 'источник не назван'}" for q in card.quotes]),
    ]
    for label, items in sections:
        if items:
            lines.append(f"{label}:")
            lines.extend(f"  • {item}" for item in items)
    if card.topics:
        lines.append("Темы: " + ", ".join(card.topics))
    lines.append(f"Хеш: {card.content_hash[:16]}")
    return "\n".join(lines)
