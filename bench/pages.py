"""The page fixtures (tests/fixtures/pages) and how a card is scored against them.

Shared by bench/quality.py, bench/summary.py and the tests, so all three judge the same way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from digest.card import ArticleCard

PAGES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "pages"
_DROP = re.compile(r"[^\w%]+")


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    path: Path  # the .txt or .html file
    expected: dict

    @property
    def reference(self) -> date:
        return date.fromisoformat(self.expected["reference"])

    @property
    def kind(self) -> str:
        return self.path.suffix.lstrip(".")


def pages(kinds: tuple[str, ...] = ("txt", "html")) -> list[Page]:
    out = []
    for spec in sorted(PAGES.glob("*.json")):
        expected = json.loads(spec.read_text("utf-8"))
        for kind in kinds:
            out.append(Page(spec.stem, spec.with_suffix(f".{kind}"), expected))
    return out


def norm(text: str) -> str:
    """Lower-case words only, ё→е: what "the same text" means for titles and furniture."""
    return " ".join(_DROP.sub(" ", text.lower().replace("ё", "е")).split())


def card_lines(card: ArticleCard) -> list[str]:
    """Everything a reader can see in a card, one piece per line or sentence."""
    lines = [card.title, card.subtitle or "", *card.summary, *card.text.split("\n")]
    lines += [q.text for q in card.quotes] + [p.name for p in card.people]
    return [line for line in lines if line.strip()]


def furniture_left(card: ArticleCard, furniture: list[str], title: str = "") -> list[str]:
    """Furniture strings found in the card. One- and two-word labels ("Спорт", "Войти") count
    when a whole visible line is that label; longer ones anywhere as a substring. A second
    copy of the headline counts anywhere but in the title itself."""
    lines = [norm(line) for line in card_lines(card)]
    if title and norm(card.title) == norm(title):
        lines = lines[1:]
    joined = " \n ".join(lines)
    found = []
    for item in furniture:
        key = norm(item)
        if not key:
            continue
        if len(key.split()) <= 2:
            if any(line == key for line in lines):
                found.append(item)
        elif key in joined:
            found.append(item)
    return found


def story_lost(card: ArticleCard, keep: list[str]) -> list[str]:
    """Story lines (signatures, paragraphs after an inner heading) the cleaner dropped."""
    text = norm(card.text)
    return [k for k in keep if norm(k) not in text]


def summary_furniture(card: ArticleCard, furniture: list[str]) -> int:
    """Summary sentences that carry furniture."""
    keys = [norm(f) for f in furniture if len(norm(f).split()) > 2]
    return sum(1 for s in card.summary if any(k in norm(s) for k in keys))
