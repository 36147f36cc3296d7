"""Channels and groups that get the daily digest: `/channel @name HH:MM [zone]`, the list,
detaching. A bot admin attaches a chat; it becomes a subscriber of kind channel or group with
its own time and zone, so the scheduler, the outbox and the rate limits treat it like any
reader.

What Telegram says about the chat (its id, kind, whether the bot may post, whether the admin
administers it) is the front end's to ask; this module parses the command and records the
outcome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from core.config import DEFAULT_ZONE, known_zone, parse_hhmm
from core.subscriptions import BadTime, BadZone
from core.zones import resolve_zone
from storage import Archive, ChatKind, Subscriber

# a public chat's @name (Telegram: 5–32 letters, digits, underscores), also as a t.me link
_USERNAME = re.compile(
    r"(?:@|(?:https?://)?t(?:elegram)?\.me/)?(?P<name>[A-Za-z][A-Za-z0-9_]{4,31})/?"
)
_CHAT_ID = re.compile(r"-\d{1,19}")


class BadChatRef(ValueError):
    """Neither a public @name nor a group's or channel's numeric id."""


ChatRef = int | str  # a numeric chat id, or "@name"


def parse_chat_ref(text: str) -> ChatRef:
    """"@news_daily", "t.me/news_daily" → "@news_daily"; "-1001234567890" → the id.

    Raises BadChatRef (a private chat's positive id is not a group or channel)."""
    value = text.strip()
    if _CHAT_ID.fullmatch(value):
        number = int(value)
        if number >= -(2**63):
            return number
    if m := _USERNAME.fullmatch(value):
        return f"@{m['name']}"
    raise BadChatRef(value)


@dataclass(frozen=True, slots=True)
class ChannelRequest:
    """A parsed `/channel CHAT HH:MM [zone]`: the chat, the time and the IANA zone."""

    chat: ChatRef
    delivery_time: str
    tz: str


@dataclass(frozen=True, slots=True)
class ChatFacts:
    """What Telegram said about the chat (getChat)."""

    chat_id: int
    kind: ChatKind
    title: str | None
    username: str | None


class Channels:
    def __init__(self, archive: Archive, *, default_zone: str = DEFAULT_ZONE) -> None:
        self.archive = archive
        self.default_zone = default_zone

    def parse(self, args: str) -> ChannelRequest:
        """`CHAT HH:MM [zone]`. Raises BadChatRef, BadTime (also when the time is missing)
        or BadZone."""
        chat_text, _, rest = args.strip().partition(" ")
        chat = parse_chat_ref(chat_text)
        hhmm_text, _, zone_text = rest.strip().partition(" ")
        hhmm = parse_hhmm(hhmm_text)
        if hhmm is None:
            raise BadTime(hhmm_text)
        zone_text = zone_text.strip()
        tz = (resolve_zone(zone_text) or zone_text) if zone_text else self.default_zone
        if not known_zone(tz):
            raise BadZone(zone_text)
        return ChannelRequest(chat, hhmm, tz)

    async def attach(self, facts: ChatFacts, request: ChannelRequest, admin_id: int) -> Subscriber:
        """Record the checked chat as a subscriber with the requested schedule. A chat that
        was paused gets today's digest it missed (the scheduler resumes it)."""
        sub = await self.archive.subscribers.attach(
            facts.chat_id, kind=facts.kind, title=facts.title, username=facts.username,
            attached_by=admin_id, delivery_time=request.delivery_time, tz=request.tz,
        )
        # local dates span UTC−12…UTC+14: two days back covers every zone's today
        since = datetime.now(UTC).date() - timedelta(days=2)
        await self.archive.outbox.reopen_blocked(facts.chat_id, since)
        return sub

    async def attached(self) -> list[Subscriber]:
        return await self.archive.subscribers.chats()

    async def find(self, chat: ChatRef) -> Subscriber | None:
        """An attached group or channel by id or @name (None if it gets no digest)."""
        if isinstance(chat, int):
            sub = await self.archive.subscribers.get(chat)
        else:
            sub = await self.archive.subscribers.find_chat(chat)
        if sub is None or sub.kind == ChatKind.PRIVATE or not sub.active:
            return None
        return sub

    async def lost(self, chat_id: int) -> bool:
        """Telegram says the bot can no longer post in an attached chat: pause it (its admin
        is told by the scheduler). False if the chat is not attached or already paused."""
        sub = await self.archive.subscribers.get(chat_id)
        if sub is None or sub.kind == ChatKind.PRIVATE or not sub.active or sub.blocked_at:
            return False
        return await self.archive.subscribers.mark_blocked(chat_id)

    async def detach(self, chat_id: int) -> Subscriber | None:
        """Stop the chat's digest (its delivery history stays); None if it was not attached."""
        sub = await self.archive.subscribers.get(chat_id)
        if sub is None or sub.kind == ChatKind.PRIVATE or not sub.active:
            return None
        await self.archive.subscribers.unsubscribe(chat_id)
        return sub
