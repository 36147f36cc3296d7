"""Subscription use cases: subscribe with the configured defaults, the schedule, follows.

The defaults (DIGEST_TIME, TIMEZONE) and the checks of a time and a zone live here once; the
bot's handlers only parse their command and word the answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.config import DEFAULT_TIME, DEFAULT_ZONE, AppConfig, known_zone, parse_hhmm
from core.search import query_kind
from core.zones import resolve_zone
from storage import Archive, FollowKind, Subscriber


class BadTime(ValueError):
    """Not a time of day (HH:MM)."""


class BadZone(ValueError):
    """Not an IANA zone this machine knows."""


@dataclass(frozen=True, slots=True)
class ReaderSettings:
    subscriber: Subscriber | None  # None: never subscribed
    people: list[str]
    topics: list[str]

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
        """Follow a person (when the archive knows the name) or a topic; a reader who is not
        subscribed yet is subscribed with the defaults (following only matters in a digest).
        Returns the kind and the normalized text."""
        value = " ".join(text.split())
        if await self.archive.subscribers.get(chat_id) is None:
            await self.archive.subscribers.subscribe(
                chat_id, delivery_time=self.default_time, tz=self.default_zone
            )
        kind = await query_kind(self.archive, value)
        await self.archive.subscribers.follow(chat_id, kind, value)
        return kind, value

    async def person_name(self, value: str) -> str:
        """A followed person as the archive names them: "лаврова" → "Сергей Лавров" (the
        nominative, capitalized); as typed when the name is unknown or shared."""
        people, ambiguous = await self.archive.articles.resolve_person(value)
        names = {name for _, name in people}
        if len(names) == 1 and not ambiguous:
            return names.pop()
        return value

    async def unfollow(self, chat_id: int, text: str) -> bool:
        """Stop following `text` as a person or a topic; False if it was not followed."""
        value = " ".join(text.split())
        removed = False
        for kind in FollowKind:
            removed |= await self.archive.subscribers.unfollow(chat_id, kind, value)
        return removed

    async def follows(self, chat_id: int) -> list[str]:
        return [value for _, value in await self.archive.subscribers.follows(chat_id)]

    async def settings(self, chat_id: int) -> ReaderSettings:
        sub = await self.archive.subscribers.get(chat_id)
        follows = await self.archive.subscribers.follows(chat_id)
        return ReaderSettings(
            sub,
            [v for k, v in follows if k == FollowKind.PERSON],
            [v for k, v in follows if k == FollowKind.TOPIC],
        )
