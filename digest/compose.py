"""Digest composition: articles → stories → ranked items. Pure and fast.

Built once per distinct reader profile (the set of followed people and topics), not once per
subscriber: subscribers who follow nothing share one digest.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from digest import nlp
from digest.card import ArticleCard, Figure, Person
from digest.keys import person_keys, query_person_keys

MAX_ITEMS = 7
MAX_FIGURES = 3
MAX_PEOPLE = 3
PEOPLE_OF_DAY = 5


@dataclass(frozen=True, slots=True)
class DigestArticle:
    """What composition needs of a stored article."""

    id: int
    story_id: int | None
    card: ArticleCard


@dataclass(frozen=True, slots=True)
class Profile:
    """What a reader follows; equal profiles share one composed digest."""

    people: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()

    @classmethod
    def from_follows(cls, follows: Sequence[tuple[str, str]]) -> Profile:
        return cls(
            people=frozenset(v for k, v in follows if k == "person"),
            topics=frozenset(v for k, v in follows if k == "topic"),
        )


@dataclass(slots=True)
class DigestItem:
    story_id: int
    title: str
    summary: list[str]
    figures: list[Figure]
    people: list[Person]
    sources: list[tuple[int, str]]  # (article id, source name), one per article of the story
    article_ids: list[int]
    followed: list[str] = field(default_factory=list)  # what made it rank first
    weight: float = 0.0
    links: dict[int, str] = field(default_factory=dict)  # article id → its original's URL

    @property
    def lead_id(self) -> int:
        return self.article_ids[0]


@dataclass(slots=True)
class Digest:
    items: list[DigestItem]
    more: int  # stories left out
    people_of_day: list[tuple[str, int]]  # (name, stories mentioning them)
    articles: int  # articles covered

    @property
    def empty(self) -> bool:
        return not self.items


def _stories(articles: list[DigestArticle]) -> list[list[DigestArticle]]:
    groups: dict[int, list[DigestArticle]] = {}
    for a in sorted(articles, key=lambda a: a.id):
        groups.setdefault(a.story_id or a.id, []).append(a)
    return list(groups.values())


def _lead(story: list[DigestArticle]) -> DigestArticle:
    """The fullest report leads: most figures and people, then the earliest."""
    return max(story, key=lambda a: (len(a.card.figures) + len(a.card.people), -a.id))


def _merge_people(story: list[DigestArticle]) -> list[Person]:
    merged: dict[str, Person] = {}
    for a in story:
        for p in a.card.people:
            keys = person_keys(p.name)
            key = keys[-1] if keys else p.name
            have = merged.get(key)
            if have is None:
                merged[key] = Person(p.name, p.role, p.mentions)
            else:
                have.mentions += p.mentions
                have.role = have.role or p.role
                if len(p.name) > len(have.name):
                    have.name = p.name
    return sorted(merged.values(), key=lambda p: -p.mentions)


def _figures(story: list[DigestArticle], lead: DigestArticle) -> list[Figure]:
    seen: set[tuple[str, float, str]] = set()
    out: list[Figure] = []
    for a in [lead, *(x for x in story if x is not lead)]:
        for f in a.card.figures:
            key = (f.kind, round(f.value, 6), f.unit)
            if key not in seen:
                seen.add(key)
                out.append(f)
    # money and percentages say most in one line; plain counts come after
    order = {"money": 0, "percent": 1, "quantity": 2}
    return sorted(out, key=lambda f: order.get(f.kind, 3))


def _story_lemmas(story: list[DigestArticle]) -> set[str]:
    words: set[str] = set()
    for a in story:
        for t in a.card.topics:  # phrases are inflected ("иностранные дела"): lemmatize
            words.update(nlp.lemma(w) for w in t.split())
        words.update(nlp.lemma(w) for w in re.findall(r"[А-Яа-яЁёA-Za-z-]+", a.card.title))
    return words


@dataclass(frozen=True, slots=True)
class _Wanted:
    """A profile's follows as lookup keys and lemmas, computed once per digest."""

    people: tuple[tuple[str, frozenset[str]], ...]
    topics: tuple[tuple[str, frozenset[str]], ...]

    @classmethod
    def of(cls, profile: Profile) -> _Wanted:
        return cls(
            people=tuple((n, frozenset(query_person_keys(n))) for n in sorted(profile.people)),
            topics=tuple((t, frozenset(nlp.lemma(w) for w in t.split()))
                         for t in sorted(profile.topics)),
        )


def _followed(item_people: list[Person], lemmas: set[str], wanted: _Wanted) -> list[str]:
    keys = {k for p in item_people for k in person_keys(p.name)}
    hits = [name for name, name_keys in wanted.people if keys & name_keys]
    hits += [topic for topic, words in wanted.topics if words and words <= lemmas]
    return hits


def compose(
    articles: list[DigestArticle], profile: Profile = Profile(), *, max_items: int = MAX_ITEMS
) -> Digest:
    """One reader's digest of the given articles (what was ingested since their last one)."""
    items: list[DigestItem] = []
    mentions: Counter[str] = Counter()
    wanted = _Wanted.of(profile)
    for story in _stories(articles):
        lead = _lead(story)
        people = _merge_people(story)
        figures = _figures(story, lead)
        sources = [(a.id, a.card.source or "источник не указан") for a in story]
        item = DigestItem(
            story_id=story[0].story_id or story[0].id,
            title=lead.card.title,
            summary=lead.card.summary[:3],
            figures=figures[:MAX_FIGURES],
            people=people[:MAX_PEOPLE],
            sources=sources,
            article_ids=[lead.id, *(a.id for a in story if a is not lead)],
            followed=_followed(people, _story_lemmas(story), wanted),
            links={a.id: a.card.url for a in story if a.card.url},
        )
        item.weight = 3.0 * len(story) + min(len(figures), 5) + 0.5 * min(len(people), 5)
        items.append(item)
        mentions.update(p.name for p in people)
    items.sort(key=lambda i: (not i.followed, -i.weight, -i.lead_id))
    return Digest(
        items=items[:max_items],
        more=max(0, len(items) - max_items),
        people_of_day=[(n, c) for n, c in mentions.most_common(PEOPLE_OF_DAY)],
        articles=len(articles),
    )
