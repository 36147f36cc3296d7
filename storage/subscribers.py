"""Subscribers and what they follow. Owns `subscribers` and `follows`.

A subscriber is a chat: a reader's private chat, a group, or a channel a bot admin attached
(/channel); each has its own time and zone and goes through the same outbox. Times and zones
arrive checked (core.config); defaults are the caller's (core.subscriptions, core.channels).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from digest.keys import fold
from storage import rows
from storage.db import Database

_COLUMNS = (
    "chat_id, active, delivery_time, tz, created_at, blocked_at, kind, title, username,"
    " attached_by, paused_notice_at"
)
# a chat id below zero is a group, a supergroup or a channel (Telegram's convention)
_KIND_OF_NEW = "CASE WHEN ? < 0 THEN 'group' ELSE 'private' END"


class FollowKind(StrEnum):
    """What a reader follows, and what a search query is: a person or a topic."""

    PERSON = "person"
    TOPIC = "topic"


class ChatKind(StrEnum):
    PRIVATE = "private"
    GROUP = "group"  # groups and supergroups
    CHANNEL = "channel"


@dataclass(frozen=True, slots=True)
class Subscriber:
    chat_id: int
    active: bool
    delivery_time: str  # "HH:MM"
    tz: str  # IANA zone
    created_at: str
    blocked_at: str | None  # the bot cannot post there (blocked, removed): paused
    kind: ChatKind = ChatKind.PRIVATE
    title: str | None = None  # a group's or channel's title
    username: str | None = None  # a public chat's @name, without "@"
    attached_by: int | None = None  # the bot admin who attached the chat (/channel)
    paused_notice_at: str | None = None  # when attached_by was told the bot lost the chat

    @classmethod
    def from_row(cls, row: Any) -> Subscriber:
        return cls(row["chat_id"], bool(row["active"]), row["delivery_time"], row["tz"],
                   row["created_at"], row["blocked_at"], ChatKind(row["kind"]), row["title"],
                   row["username"], row["attached_by"], row["paused_notice_at"])

    @property
    def name(self) -> str:
        """How a list names the chat: @username, else its title, else its id."""
        if self.username:
            return f"@{self.username}"
        return self.title or str(self.chat_id)


class SubscriberRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def subscribe(self, chat_id: int, *, delivery_time: str, tz: str) -> Subscriber:
        """Create the subscriber or reactivate it (an existing schedule is kept)."""
        async with self.db.write() as conn:
            found = await conn.execute_fetchall(
                "INSERT INTO subscribers(chat_id, delivery_time, tz, created_at, kind)"
                f" VALUES (?, ?, ?, ?, {_KIND_OF_NEW})"
                " ON CONFLICT(chat_id) DO UPDATE SET active = 1, blocked_at = NULL"
                f" RETURNING {_COLUMNS}",
                (chat_id, delivery_time, tz, rows.utc_stamp(), chat_id),
            )
        row = rows.first_row(found)
        assert row is not None
        return Subscriber.from_row(row)

    async def attach(
        self, chat_id: int, *, kind: ChatKind, title: str | None, username: str | None,
        attached_by: int, delivery_time: str, tz: str,
    ) -> Subscriber:
        """A bot admin attaches a group or channel with its own schedule: created, or made
        active and unpaused again with the new schedule, name and admin."""
        async with self.db.write() as conn:
            found = await conn.execute_fetchall(
                "INSERT INTO subscribers(chat_id, delivery_time, tz, created_at, kind, title,"
                " username, attached_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(chat_id) DO UPDATE SET active = 1, blocked_at = NULL,"
                " paused_notice_at = NULL, delivery_time = excluded.delivery_time,"
                " tz = excluded.tz, kind = excluded.kind, title = excluded.title,"
                " username = excluded.username, attached_by = excluded.attached_by"
                f" RETURNING {_COLUMNS}",
                (chat_id, delivery_time, tz, rows.utc_stamp(), ChatKind(kind).value, title,
                 username, attached_by),
            )
        row = rows.first_row(found)
        assert row is not None
        return Subscriber.from_row(row)

    async def chats(self) -> list[Subscriber]:
        """The groups and channels that get the digest (paused ones too), by name."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                f"SELECT {_COLUMNS} FROM subscribers WHERE kind != 'private' AND active = 1"
                " ORDER BY COALESCE(username, title, ''), chat_id"
            )
        return [Subscriber.from_row(r) for r in found]

    async def find_chat(self, username: str) -> Subscriber | None:
        """An attached group or channel by its @name (any case, with or without "@")."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                f"SELECT {_COLUMNS} FROM subscribers WHERE kind != 'private'"
                " AND lower(username) = lower(?) ORDER BY active DESC, chat_id LIMIT 1",
                (username.removeprefix("@"),),
            )
        row = rows.first_row(found)
        return Subscriber.from_row(row) if row else None

    async def pause_notices_due(self) -> list[int]:
        """Paused chats whose admin has not been told yet (see take_pause_notice)."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT chat_id FROM subscribers WHERE blocked_at IS NOT NULL AND active = 1"
                " AND paused_notice_at IS NULL AND attached_by IS NOT NULL ORDER BY chat_id"
            )
        return [r["chat_id"] for r in found]

    async def take_pause_notice(self, chat_id: int) -> Subscriber | None:
        """The paused chat whose admin is still to be told (marked told now), else None:
        the admin who attached a chat hears once that the bot lost it."""
        async with self.db.write() as conn:
            found = await conn.execute_fetchall(
                "UPDATE subscribers SET paused_notice_at = ? WHERE chat_id = ?"
                " AND blocked_at IS NOT NULL AND paused_notice_at IS NULL"
                f" AND attached_by IS NOT NULL RETURNING {_COLUMNS}",
                (rows.utc_stamp(), chat_id),
            )
        row = rows.first_row(found)
        return Subscriber.from_row(row) if row else None

    async def return_pause_notice(self, chat_id: int) -> None:
        """The notice could not be sent: a later pause of the chat tries again."""
        await self._update(chat_id, "paused_notice_at = NULL", ())

    async def move(self, old_chat_id: int, new_chat_id: int) -> bool:
        """A group became a supergroup with a new id: the subscription, follows and delivery
        history move to it in one transaction. If the new id is a subscriber already, it
        keeps its own settings and the old id is switched off. False if `old` is unknown."""
        async with self.db.write() as conn:
            old = rows.first_row(await conn.execute_fetchall(
                "SELECT 1 FROM subscribers WHERE chat_id = ?", (old_chat_id,)))
            if old is None:
                return False
            taken = rows.first_row(await conn.execute_fetchall(
                "SELECT 1 FROM subscribers WHERE chat_id = ?", (new_chat_id,)))
            if taken is not None:
                await conn.execute(
                    "UPDATE subscribers SET active = 0 WHERE chat_id = ?", (old_chat_id,))
                return True
            await conn.execute(
                "INSERT INTO subscribers(chat_id, active, delivery_time, tz, created_at,"
                " blocked_at, kind, title, username, attached_by, paused_notice_at)"
                " SELECT ?, active, delivery_time, tz, created_at, blocked_at, 'group', title,"
                " username, attached_by, paused_notice_at FROM subscribers WHERE chat_id = ?",
                (new_chat_id, old_chat_id),
            )
            for table in ("follows", "deliveries"):
                await conn.execute(f"UPDATE {table} SET chat_id = ? WHERE chat_id = ?",
                                   (new_chat_id, old_chat_id))
            await conn.execute("DELETE FROM subscribers WHERE chat_id = ?", (old_chat_id,))
        return True

    async def get(self, chat_id: int) -> Subscriber | None:
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                f"SELECT {_COLUMNS} FROM subscribers WHERE chat_id = ?", (chat_id,)
            )
        row = rows.first_row(found)
        return Subscriber.from_row(row) if row else None

    async def all(self, *, active_only: bool = True) -> list[Subscriber]:
        where = " WHERE active = 1 AND blocked_at IS NULL" if active_only else ""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                f"SELECT {_COLUMNS} FROM subscribers{where} ORDER BY chat_id"
            )
        return [Subscriber.from_row(r) for r in found]

    async def counts(self) -> tuple[int, int]:
        """(active, blocked the bot) for /stats."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT COALESCE(SUM(active = 1 AND blocked_at IS NULL), 0) AS active,"
                " COALESCE(SUM(blocked_at IS NOT NULL), 0) AS blocked FROM subscribers"
            )
        row = rows.first_row(found)
        assert row is not None
        return int(row["active"]), int(row["blocked"])

    async def _update(self, chat_id: int, sql: str, params: tuple[Any, ...]) -> bool:
        async with self.db.write() as conn:
            cur = await conn.execute(
                f"UPDATE subscribers SET {sql} WHERE chat_id = ?", (*params, chat_id)
            )
            return cur.rowcount > 0

    async def unsubscribe(self, chat_id: int) -> bool:
        return await self._update(chat_id, "active = 0", ())

    async def set_schedule(self, chat_id: int, delivery_time: str, tz: str) -> bool:
        return await self._update(chat_id, "delivery_time = ?, tz = ?", (delivery_time, tz))

    async def mark_blocked(self, chat_id: int) -> bool:
        """The user blocked the bot (403): stop sending, keep the subscription settings."""
        return await self._update(
            chat_id, "blocked_at = COALESCE(blocked_at, ?)", (rows.utc_stamp(),)
        )

    async def reactivate(self, chat_id: int) -> bool:
        return await self._update(chat_id, "active = 1, blocked_at = NULL", ())

    async def follow(self, chat_id: int, kind: FollowKind, value: str) -> bool:
        """Follow a person or topic (stored folded: lower case, ё → е). False if already.

        The chat must be a subscriber (sqlite3.IntegrityError otherwise)."""
        kind = FollowKind(kind)  # ValueError for anything else
        async with self.db.write() as conn:
            cur = await conn.execute(
                "INSERT INTO follows(chat_id, kind, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (chat_id, kind.value, fold(value)),
            )
            return cur.rowcount > 0

    async def unfollow(self, chat_id: int, kind: FollowKind, value: str) -> bool:
        async with self.db.write() as conn:
            cur = await conn.execute(
                "DELETE FROM follows WHERE chat_id = ? AND kind = ? AND value = ?",
                (chat_id, FollowKind(kind).value, fold(value)),
            )
            return cur.rowcount > 0

    async def follows(self, chat_id: int) -> list[tuple[FollowKind, str]]:
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT kind, value FROM follows WHERE chat_id = ? ORDER BY kind, value",
                (chat_id,),
            )
        return [(FollowKind(r["kind"]), r["value"]) for r in found]

    async def all_follows(
        self, chat_ids: Iterable[int] | None = None
    ) -> dict[int, list[tuple[FollowKind, str]]]:
        """chat_id → [(kind, value)] for every chat (of `chat_ids`) that follows something."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT chat_id, kind, value FROM follows ORDER BY chat_id, kind, value"
            )
        wanted = set(chat_ids) if chat_ids is not None else None
        out: dict[int, list[tuple[FollowKind, str]]] = {}
        for r in found:
            if wanted is None or r["chat_id"] in wanted:
                out.setdefault(r["chat_id"], []).append((FollowKind(r["kind"]), r["value"]))
        return out
