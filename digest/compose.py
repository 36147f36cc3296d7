"""Digest composition: articles → stories → ranked items. Pure and fast.

Built once per distinct reader profile (the set of followed people and topics), not once per
subscriber: subscribers who follow nothing share one digest. Stories about what the reader
follows lead, at most MAX_FOLLOWED of them; the others rank with the day's news.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from digest import figure_context, nlp
from digest.card import ArticleCard, Figure, FigureKind, Person
from digest.keys import bare_first_name, person_keys, query_person_keys

MAX_ITEMS = 60  # stories kept; a message shows what fits, "ещё N" pages through the rest
MAX_FOLLOWED = 3  # the "Вы следите" block: followed stories never crowd out the news
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
    sources: list[tuple[int, str]]  # (article id, source name) of the reports that name one
    article_ids: list[int]
    followed: list[str] = field(default_factory=list)  # what made it rank first
    weight: float = 0.0
    links: dict[int, str] = field(default_factory=dict)  # article id → its http(s) original
    url: str | None = None  # the lead report's original, when it is http(s)
    sentence: str = ""  # one sentence that tells the story
    key_figure: str | None = None  # "38 тыс. рублей — средняя зарплата аграриев"
    published: date | None = None  # the newest report's own date, when known

    @property
    def lead_id(self) -> int:
        return self.article_ids[0]


@dataclass(slots=True)
class Digest:
    items: list[DigestItem]  # ranked; the first `followed` items form the "Вы следите" block
    more: int  # stories left out
    people_of_day: list[tuple[str, int]]  # (name, stories mentioning them)
    articles: int  # articles covered
    followed: int = 0
    sources: int = 0  # distinct outlets among the covered articles

    @property
    def empty(self) -> bool:
        return not self.items

    @property
    def stories(self) -> int:
        return len(self.items) + self.more


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
    order = {FigureKind.MONEY: 0, FigureKind.PERCENT: 1, FigureKind.QUANTITY: 2}
    return sorted(out, key=lambda f: order.get(f.kind, 3))


_WORDS = re.compile(r"[А-Яа-яЁёA-Za-z0-9]+(?:-[А-Яа-яЁёA-Za-z0-9]+)*")  # "Су-57", "G20"


def topic_words(text: str) -> list[str]:
    """The lemmas a followed topic is matched by, in a story's topics and headline and in
    the follow itself ("снегопадов" → "снегопад", "Су-57" → "су-57")."""
    return [nlp.lemma(w) for w in _WORDS.findall(text)]


def _story_lemmas(story: list[DigestArticle]) -> set[str]:
    words: set[str] = set()
    for a in story:
        for t in a.card.topics:  # phrases are inflected ("иностранные дела"): lemmatize
            # words only: a topic may be a name with quotes ("партия «Зелёный берег»")
            words.update(topic_words(t))
        words.update(topic_words(a.card.title))
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
            topics=tuple((t, frozenset(topic_words(t))) for t in sorted(profile.topics)),
        )


def _followed(item_people: list[Person], lemmas: set[str], wanted: _Wanted) -> list[str]:
    keys = {k for p in item_people for k in person_keys(p.name)}
    hits = [name for name, name_keys in wanted.people if keys & name_keys]
    hits += [topic for topic, words in wanted.topics if words and words <= lemmas]
    return hits


def figure_phrase(f: Figure) -> str:
    """The figure with the words of its own clause: "68,4 тыс. рублей — средняя зарплата в
    Томской области", "Власти края выделят 2 млрд рублей на ремонт школ". Only the figure
    when its clause says nothing more."""
    return figure_context.figure_phrase(f.text, f.context)


def figure_lines(figures: list[Figure], limit: int | None = None) -> list[str]:
    """The card's figure lines: one per phrase, so two figures of one clause ("вырос на 11% и
    превысил 3,4 млрд долларов") are one line, not the same line twice."""
    lines = list(dict.fromkeys(figure_phrase(f) for f in figures))
    return lines[:limit] if limit is not None else lines


def _key_figure(figures: list[Figure], lead: DigestArticle, sentence: str) -> Figure | None:
    """The headline's own figure when the body tells it, else the first (money, then
    percent…), always with words of context. A figure the headline or the story's sentence
    already shows would just repeat the line above it."""
    title = lead.card.title.replace("\xa0", " ")
    folded, said = nlp_fold(title), nlp_fold(sentence)
    told = [
        f for f in figures
        if not ((c := nlp_fold(f.context)) and (c in folded or c in said))
        and not ((t := nlp_fold(f.text)) and said and f" {t} " in f" {said} ")
        and figure_phrase(f) != f.text  # "68 тысяч рублей" alone says nothing on its line
    ]
    if not told:
        return None
    stated = next((f for f in lead.card.figures if f.headline and f in told), None)
    if stated is not None:  # the lead's headline figure, in whatever wording the body has
        return stated
    return next((f for f in told if f.text and f.text in title), told[0])


def _http_url(url: str | None) -> str | None:
    return url if url and re.match(r"https?://[^\s]+$", url.strip(), re.IGNORECASE) else None


_MAX_SENTENCE = 240


def _one_sentence(card: ArticleCard) -> str:
    """The first summary sentence that does not just repeat the headline, kept short."""
    title = nlp_fold(card.title)
    candidates = [s.strip() for s in card.summary if s.strip()] or [card.subtitle or ""]
    sentence = next((s for s in candidates if nlp_fold(s) != title), candidates[0])
    if len(sentence) > _MAX_SENTENCE:
        sentence = sentence[:_MAX_SENTENCE].rsplit(" ", 1)[0].rstrip(",;:—– ") + "…"
    return sentence


def nlp_fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower().replace("ё", "е")))


def compose(
    articles: list[DigestArticle], profile: Profile = Profile(), *, max_items: int = MAX_ITEMS,
    pinned: Sequence[int] | None = None,
) -> Digest:
    """One reader's digest of the given articles (what was ingested since their last one).

    `pinned` (lead article ids) remakes a digest as it was made: those stories lead, in that
    order, in place of the ones `profile` follows; stories no longer there drop out.
    """
    items: list[DigestItem] = []
    mentions: Counter[str] = Counter()  # stories naming each person
    said: Counter[str] = Counter()  # and how often, to rank those in as many stories
    wanted = _Wanted.of(profile)
    for story in _stories(articles):
        lead = _lead(story)
        people = _merge_people(story)
        figures = _figures(story, lead)
        sources = [(a.id, name) for a in story if (name := (a.card.source or "").strip())]
        item = DigestItem(
            story_id=story[0].story_id or story[0].id,
            title=lead.card.title,
            summary=lead.card.summary[:3],
            figures=figures[:MAX_FIGURES],
            people=people[:MAX_PEOPLE],
            sources=sources,
            article_ids=[lead.id, *(a.id for a in story if a is not lead)],
            followed=_followed(people, _story_lemmas(story), wanted),
            links={a.id: url for a in story if (url := _http_url(a.card.url))},
            url=_http_url(lead.card.url),
            sentence=(sentence := _one_sentence(lead.card)),
            key_figure=(
                figure_phrase(key) if (key := _key_figure(figures, lead, sentence)) else None
            ),
            published=max((a.card.published for a in story if a.card.published), default=None),
        )
        item.weight = 3.0 * len(story) + min(len(figures), 5) + 0.5 * min(len(people), 5)
        items.append(item)
        named = [p for p in people if not bare_first_name(p.name)]
        mentions.update(p.name for p in named)
        said.update({p.name: p.mentions for p in named})
    items.sort(key=lambda i: (-i.weight, -i.lead_id))
    if pinned is None:
        followed = [i for i in items if i.followed][:MAX_FOLLOWED]
    else:
        by_lead = {i.lead_id: i for i in items}
        followed = [by_lead[lead] for lead in dict.fromkeys(pinned) if lead in by_lead]
    items = followed + [i for i in items if not any(i is f for f in followed)]
    outlets = {name.lower() for a in articles if (name := (a.card.source or "").strip())}
    return Digest(
        items=items[:max_items],
        more=max(0, len(items) - max_items),
        people_of_day=[(n, mentions[n]) for n in sorted(
            mentions, key=lambda n: (-mentions[n], -said[n]))[:PEOPLE_OF_DAY]],
        articles=len(articles),
        followed=min(len(followed), max_items),
        sources=len(outlets),
    )
