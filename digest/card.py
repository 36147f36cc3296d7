"""The data model that flows from analysis to storage and to the bot."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from digest.document import Body, Line


class AnalysisError(ValueError):
    """Input that cannot become an article. The message is user-facing (Russian)."""


@dataclass(slots=True)
class Person:
    name: str  # nominative, "Сергей Лавров"
    role: str | None = None  # nominative, "министр иностранных дел России"
    mentions: int = 0


@dataclass(slots=True)
class Entity:
    name: str
    mentions: int = 0


class FigureKind(StrEnum):
    MONEY = "money"
    PERCENT = "percent"
    QUANTITY = "quantity"


@dataclass(slots=True)
class Figure:
    text: str  # as written: "27,8 миллиарда долларов"
    value: float  # 27.8e9
    unit: str  # "USD", "%", "километр", "доза"
    kind: FigureKind
    context: str  # its clause, as written (cards stored before: the whole sentence)
    upper: float | None = None  # the upper end of a range ("10–15%": value 10, upper 15)
    headline: bool = False  # the headline states it too


@dataclass(slots=True)
class DateMention:
    text: str
    value: str  # ISO date "2025-01-30"


@dataclass(slots=True)
class Quote:
    speaker: str | None
    text: str


@dataclass(slots=True)
class Document:
    """Text after decoding and cleaning, with whatever metadata the source carried."""

    text: str  # clean body text, paragraphs separated by blank lines
    title: str | None = None
    subtitle: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    lines: list[Line] = field(default_factory=list)  # the page's lines with their roles
    body: Body | None = None  # paragraphs → sentences of `text`, built once

    def structure(self) -> Body:
        """The segmented body; built on first use and kept."""
        if self.body is None or self.body.text != self.text:
            from digest.document import build_body

            self.body = build_body(self.text)
        return self.body


@dataclass(slots=True)
class ArticleCard:
    title: str
    text: str
    subtitle: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    summary: list[str] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    organizations: list[Entity] = field(default_factory=list)
    locations: list[Entity] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    content_hash: str = ""
    signature: list[int] = field(default_factory=list)  # MinHash values

    def to_dict(self, *, with_text: bool = False) -> dict:
        """JSON-ready dict with the keys of `newsdigest analyze --json`."""
        data = _plain(self)
        data["published"] = self.published.isoformat() if self.published else None
        data.pop("signature")
        if not with_text:
            data.pop("text")
        return data

    @classmethod
    def from_dict(cls, data: dict) -> ArticleCard:
        published = data.get("published")
        return cls(
            title=data["title"],
            text=data.get("text", ""),
            subtitle=data.get("subtitle"),
            published=date.fromisoformat(published) if published else None,
            source=data.get("source"),
            url=data.get("url"),
            summary=list(data.get("summary", [])),
            people=[Person(**p) for p in data.get("people", [])],
            organizations=[Entity(**e) for e in data.get("organizations", [])],
            locations=[Entity(**e) for e in data.get("locations", [])],
            figures=[
                Figure(**{**f, "kind": FigureKind(f["kind"])}) for f in data.get("figures", [])
            ],
            dates=[DateMention(**d) for d in data.get("dates", [])],
            quotes=[Quote(**q) for q in data.get("quotes", [])],
            topics=list(data.get("topics", [])),
            content_hash=data.get("content_hash", ""),
            signature=list(data.get("signature", [])),
        )


def _plain(obj: object) -> dict:
    """dataclasses.asdict for the card's own types (fields of str, numbers, lists of those
    and of flat dataclasses), without its deep copies: storing a card calls it once."""
    return {f.name: _plain_value(getattr(obj, f.name)) for f in fields(obj)}  # type: ignore[arg-type]


def _plain_value(value: object) -> object:
    if isinstance(value, list):
        return [_plain_value(v) for v in value]
    if is_dataclass(value):
        return _plain(value)
    return value
