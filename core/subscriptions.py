"""Subscription use cases: subscribe with the configured defaults, the schedule, follows.

The defaults (DIGEST_TIME, TIMEZONE) and the checks of a time and a zone live here once; the
bot's handlers only parse their command and word the answer.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import NamedTuple

from core.config import DEFAULT_TIME, DEFAULT_ZONE, AppConfig, known_zone, parse_hhmm
from core.search import MAX_PERSON_WORDS
from core.zones import capitalized, resolve_zone
from digest.compose import topic_words
from digest.keys import fold
from storage import Archive, FollowKind, Subscriber


class BadTime(ValueError):
    """Not a time of day (HH:MM)."""


class BadZone(ValueError):
    """Not an IANA zone this machine knows."""


class NothingToFollow(ValueError):
    """No word to follow (emoji, punctuation): it could never match a story."""


class SeveralPeople(LookupError):
    """The name fits several people: the reader picks one of `names`."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(", ".join(names))
        self.names = names


def topic_key(text: str) -> str:
    """A followed topic as stored: its words' lemmas ("снегопадов" → "снегопад"); "" when it
    has no word a story could match."""
    return " ".join(topic_words(text))


class _Follow(NamedTuple):
    """A follow as _tidy leaves it: its kind, its stored value, today's form of it (a person's
    folded name) and how /settings shows it (a person by name, a topic by its lemmas)."""

    kind: FollowKind
    stored: str
    normal: str
    shown: str


@dataclass(frozen=True, slots=True)
class ReaderSettings:
    subscriber: Subscriber | None  # None: never subscribed
    people: list[str]  # by name: "Сергей Лавров"
    topics: list[str]  # as lemmas: "вакцина"

    @property
    def subscribed(self) -> bool:
        return self.subscriber is not None and self.subscriber.active


class Subscriptions:
    def __init__(
        self, archive: Archive, *, default_time: str = DEFAULT_TIME,
        default_zone: str = DEFAULT_ZONE,
    ) -> None:
        self.archive = archive
        self.default_time = default_time
        self.default_zone = default_zone

    @classmethod
    def from_config(cls, archive: Archive, config: AppConfig) -> Subscriptions:
        return cls(archive, default_time=config.digest_hhmm, default_zone=config.timezone)

    async def welcome(self, chat_id: int) -> tuple[Subscriber | None, str, str]:
        """(subscriber or None, their time, their zone) for /start; a reader who had blocked
        the bot and came back is active again."""
        sub = await self.archive.subscribers.get(chat_id)
        if sub is not None and not sub.active and sub.blocked_at:
            await self.archive.subscribers.reactivate(chat_id)
            sub = await self.archive.subscribers.get(chat_id)
        if sub is None:
            return None, self.default_time, self.default_zone
        return sub, sub.delivery_time, sub.tz

    async def subscribe(self, chat_id: int, hhmm: str | None = None) -> Subscriber:
        """Subscribe (or reactivate, keeping the schedule); `hhmm` ("8:30") sets the time.

        Raises BadTime for a time that is not HH:MM."""
        time_ = None
        if hhmm is not None:
            time_ = parse_hhmm(hhmm)
            if time_ is None:
                raise BadTime(hhmm)
        sub = await self.archive.subscribers.subscribe(
            chat_id, delivery_time=time_ or self.default_time, tz=self.default_zone
        )
        if time_ and sub.delivery_time != time_:
            await self.archive.subscribers.set_schedule(chat_id, time_, sub.tz)
            found = await self.archive.subscribers.get(chat_id)
            assert found is not None
            sub = found
        return sub

    async def set_zone(self, chat_id: int, zone: str) -> Subscriber:
        """Change only the zone (the reader's time stays; default time for a new reader)."""
        sub = await self.archive.subscribers.get(chat_id)
        return await self.set_time(chat_id, sub.delivery_time if sub else self.default_time, zone)

    async def unsubscribe(self, chat_id: int) -> bool:
        """False when there was nothing to stop (never subscribed, or already unsubscribed)."""
        sub = await self.archive.subscribers.get(chat_id)
        if sub is None or not sub.active:
            return False
        return await self.archive.subscribers.unsubscribe(chat_id)

    async def set_time(self, chat_id: int, hhmm: str, zone: str | None = None) -> Subscriber:
        """Set the digest time (and zone; default: the reader's, else the configured one),
        subscribing on the way. Raises BadTime or BadZone."""
        time_ = parse_hhmm(hhmm)
        if time_ is None:
            raise BadTime(hhmm)
        sub = await self.archive.subscribers.get(chat_id)
        if zone is not None:  # "МСК", "UTC+3", "Новосибирск", "europe/moscow"…
            tz = resolve_zone(zone) or zone
        else:
            tz = sub.tz if sub else self.default_zone
        if not known_zone(tz):
            raise BadZone(zone or tz)
        if sub is None or not sub.active:
            await self.archive.subscribers.subscribe(chat_id, delivery_time=time_, tz=tz)
        await self.archive.subscribers.set_schedule(chat_id, time_, tz)
        found = await self.archive.subscribers.get(chat_id)
        assert found is not None
        return found

    async def follow(self, chat_id: int, text: str) -> tuple[FollowKind, str]:
        """Follow a person the archive knows (stored under their nominative name, so any form
        of it is one follow) or else a topic (stored as lemmas); a reader who is not
        subscribed yet is subscribed with the defaults (following only matters in a digest).
        Returns the kind and the name to show. Raises SeveralPeople or NothingToFollow."""
        value = " ".join(text.split())
        name, several = await self._person(value)
        if several:
            raise SeveralPeople(several)
        kind, key = FollowKind.PERSON, name or ""
        if name is None:
            kind, key = FollowKind.TOPIC, await asyncio.to_thread(topic_key, value)
            if not key:
                raise NothingToFollow(value)
        if await self.archive.subscribers.get(chat_id) is None:
            await self.archive.subscribers.subscribe(
                chat_id, delivery_time=self.default_time, tz=self.default_zone
            )
        await self._tidy(chat_id)
        await self.archive.subscribers.follow(chat_id, kind, key)
        return kind, key

    async def _person(self, text: str) -> tuple[str | None, list[str]]:
        """(the one person the archive knows by `text`, []), (None, their names) when it fits
        several, (None, []) when it names nobody known."""
        if len(text.split()) > MAX_PERSON_WORDS:
            return None, []
        people, ambiguous = await self.archive.articles.resolve_person(text)
        names = list(dict.fromkeys(name for _, name in people))
        full = [n for n in names if len(n.split()) > 1]  # "Лавров" alone goes with the one
        if len(full) == 1 and not ambiguous:
            return full[0], []
        if len(names) == 1:
            return names[0], []
        return None, full or names

    async def person_name(self, value: str) -> str:
        """A followed person as the archive names them: "лаврова" → "Сергей Лавров" (the
        nominative, capitalized); capitalized as stored when the name is unknown or shared."""
        name, _ = await self._person(value)
        return name or capitalized(value)

    async def _tidy(self, chat_id: int) -> list[_Follow]:
        """This reader's follows, older ones rewritten in today's form where that is safe (two
        forms of one name become one follow)."""
        follows = await self.archive.subscribers.follows(chat_id)
        topics = [value for kind, value in follows if kind is not FollowKind.PERSON]
        # lemmas of all the topics in one go: CPU work, off the event loop
        topic_keys = await asyncio.to_thread(lambda: {t: topic_key(t) for t in topics})
        tidy: list[_Follow] = []
        for kind, value in follows:
            name = None
            if kind is FollowKind.PERSON:
                name, _ = await self._person(value)
                normal = fold(name) if name else value
            else:
                normal = topic_keys[value] or value
            stored = normal
            if kind is FollowKind.PERSON and value not in (normal, normal.split()[-1]):
                # typed inflected ("федорова"): it may mean a namesake the archive does not
                # know yet (Фёдорова beside Пётр Фёдоров), so it is kept as typed; it still
                # matches every form, and /unfollow finds it by the name it resolves to
                stored = value
            if stored != value:
                await self.archive.subscribers.unfollow(chat_id, kind, value)
                await self.archive.subscribers.follow(chat_id, kind, stored)
            if kind is not FollowKind.PERSON:
                shown = stored
            elif stored == value:  # person_name(stored), from the lookup just made
                shown = name or capitalized(value)
            else:
                shown = await self.person_name(stored)
            if all((kind, stored) != (f.kind, f.stored) for f in tidy):
                tidy.append(_Follow(kind, stored, normal, shown))
        return tidy

    async def unfollow(self, chat_id: int, text: str) -> list[str]:
        """Stop following `text` — a person or a topic in any grammatical form, or as /settings
        shows it. Returns the names of what was removed ([] if it was not followed).
        Raises SeveralPeople when the name fits several people this reader follows."""
        value = " ".join(text.split())
        follows = await self._tidy(chat_id)
        name, several = await self._person(value)
        people = {fold(n) for n in ([name] if name else several)}
        topic = await asyncio.to_thread(topic_key, value)
        hits = [f for f in follows
                if f.stored == fold(value) or (f.kind is FollowKind.PERSON and f.normal in people)
                or (f.kind is FollowKind.TOPIC and topic and f.stored == topic)]
        if len([f for f in hits if f.kind is FollowKind.PERSON]) > 1 and several:
            raise SeveralPeople([f.shown for f in hits])
        for f in hits:
            await self.archive.subscribers.unfollow(chat_id, f.kind, f.stored)
        return [f.shown for f in hits]

    async def follows(self, chat_id: int) -> list[str]:
        """What this reader follows, as /settings shows it (people by name)."""
        return [f.shown for f in await self._tidy(chat_id)]

    async def settings(self, chat_id: int) -> ReaderSettings:
        sub = await self.archive.subscribers.get(chat_id)
        follows = await self._tidy(chat_id)
        return ReaderSettings(
            sub,
            list(dict.fromkeys([f.shown for f in follows if f.kind == FollowKind.PERSON])),
            [f.stored for f in follows if f.kind == FollowKind.TOPIC],
        )
