"""Row and result types of the articles repository."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from digest.card import ArticleCard


@dataclass(frozen=True, slots=True)
class AddResult:
    status: Literal["added", "duplicate"]
    article_id: int  # the new article, or the one it duplicates
    story_id: int | None = None


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """One article in a result list, with the sentence that made it match."""

    id: int
    title: str
    published: date | None
    source: str | None
    url: str | None
    snippet: str | None
    role: str | None = None  # person queries: the person's role in this article
    story_id: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "url": self.url,
            "snippet": self.snippet,
            "role": self.role,
            "story_id": self.story_id,
        }


@dataclass(frozen=True, slots=True)
class PersonCandidate:
    person_id: int
    name: str
    articles: int
    role: str | None  # the most recent known role


@dataclass(slots=True)
class PersonResult:
    """Either `candidates` (several people share the name: ask which one) or `articles`."""

    query: str
    names: list[str] = field(default_factory=list)  # the people the articles are about
    candidates: list[PersonCandidate] = field(default_factory=list)
    articles: list[ArticleRef] = field(default_factory=list)
    has_more: bool = False
    suggestions: list[str] = field(default_factory=list)  # close names when nothing matched
    example: str | None = None  # a surname in the archive to try when nothing is close

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


@dataclass(frozen=True, slots=True)
class PersonQuote:
    article_id: int
    day: date
    source: str | None
    url: str | None
    speaker: str
    text: str


@dataclass(slots=True)
class PersonActivity:
    """One person's mentions per day (articles that name them) and their latest quotes."""

    names: list[str]
    per_day: dict[date, int]
    quotes: list[PersonQuote]


@dataclass(slots=True)
class TopicResult:
    query: str
    articles: list[ArticleRef] = field(default_factory=list)
    has_more: bool = False


@dataclass(frozen=True, slots=True)
class StoredArticle:
    id: int
    story_id: int | None
    ingested_at: str
    uploaded_by: int | None
    filename: str | None
    card: ArticleCard


@dataclass(slots=True)
class Stats:
    since: str | None
    articles: int
    stories: int
    people: int
    sources: int
    top_people: list[tuple[str, int]]  # (name, articles)
    top_topics: list[tuple[str, int]]
    total_articles: int  # whole archive
