"""The audit log: who added or deleted what, and chats that moved. Owns `audit_log`."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from storage import rows
from storage.db import Database


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    actor: int | None
    action: str
    article_id: int | None
    detail: str | None
    at: str


async def record_in(
    conn: aiosqlite.Connection, actor: int | None, action: str, article_id: int | None = None,
    detail: str | None = None,
) -> int:
    """Write an entry inside the caller's transaction (an article and its log line commit
    together)."""
    cur = await conn.execute(
        "INSERT INTO audit_log(actor, action, article_id, detail, at) VALUES (?, ?, ?, ?, ?)",
        (actor, action, article_id, detail, rows.utc_stamp()),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


class AuditLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(
        self, actor: int | None, action: str, article_id: int | None = None,
        detail: str | None = None,
    ) -> int:
        async with self.db.write() as conn:
            return await record_in(conn, actor, action, article_id, detail)

    async def entries(self, *, limit: int = 50, article_id: int | None = None) -> list[AuditEntry]:
        """Newest first."""
        where, params = (
            ("WHERE article_id = ?", [article_id]) if article_id is not None else ("", [])
        )
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                f"SELECT id, actor, action, article_id, detail, at FROM audit_log {where}"
                " ORDER BY id DESC LIMIT ?",
                [*params, limit],
            )
        return [
            AuditEntry(r["id"], r["actor"], r["action"], r["article_id"], r["detail"], r["at"])
            for r in found
        ]
