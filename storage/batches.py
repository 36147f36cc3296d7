"""Upload batches (a zip, a JSON list): what became of each member, written as it happens, so a
batch cut short (kill -9, SIGTERM, a power loss) can be reported after a restart.
Owns `batches` and `batch_members`; a stored article writes its member line in its own
transaction (record_in), so the two cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from storage import rows
from storage.db import Database

MemberRef = tuple[int, int]  # (batch id, position)


@dataclass(frozen=True, slots=True)
class BatchMember:
    position: int
    name: str
    status: str  # pending | added | duplicate | rejected
    article_id: int | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class OpenBatch:
    id: int
    chat_id: int
    message_id: int | None
    filename: str
    started_at: str
    members: list[BatchMember]
    report_attempts: int = 0  # sends of its report whose outcome is unknown (a kill, a timeout)


async def record_in(conn: aiosqlite.Connection, member: MemberRef, status: str,
                    article_id: int | None = None, reason: str | None = None) -> None:
    """Write a member's fate inside the caller's transaction."""
    await conn.execute(
        "UPDATE batch_members SET status = ?, article_id = ?, reason = ?"
        " WHERE batch_id = ? AND position = ?",
        (status, article_id, reason, *member),
    )


class Batches:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def start(self, chat_id: int, message_id: int | None, filename: str,
                    uploaded_by: int | None, names: list[str]) -> int:
        async with self.db.write() as conn:
            cur = await conn.execute(
                "INSERT INTO batches(chat_id, message_id, filename, uploaded_by, total,"
                " started_at) VALUES (?, ?, ?, ?, ?, ?)",
                (chat_id, message_id, filename, uploaded_by, len(names), rows.utc_stamp()),
            )
            batch_id = cur.lastrowid
            assert batch_id is not None
            await conn.executemany(
                "INSERT INTO batch_members(batch_id, position, name) VALUES (?, ?, ?)",
                [(batch_id, i, name) for i, name in enumerate(names)],
            )
        return batch_id

    async def record(self, member: MemberRef, status: str, article_id: int | None = None,
                     reason: str | None = None) -> None:
        async with self.db.write() as conn:
            await record_in(conn, member, status, article_id, reason)

    async def finish(self, batch_id: int, *, error: str | None = None) -> None:
        """Close the batch without a report (`error`: why none could be sent)."""
        async with self.db.write() as conn:
            await conn.execute(
                "UPDATE batches SET finished_at = ?, report_error = ? WHERE id = ?",
                (rows.utc_stamp(), error, batch_id))

    async def begin_report(self, batch_id: int) -> None:
        """Count a send of the report before it goes out (its outcome unknown until told)."""
        async with self.db.write() as conn:
            await conn.execute(
                "UPDATE batches SET report_attempts = report_attempts + 1 WHERE id = ?",
                (batch_id,))

    async def report_not_sent(self, batch_id: int) -> None:
        """Telegram refused the send: it did not go out and is no longer counted."""
        async with self.db.write() as conn:
            await conn.execute(
                "UPDATE batches SET report_attempts = max(report_attempts - 1, 0) WHERE id = ?",
                (batch_id,))

    async def reported(self, batch_id: int, message_id: int) -> None:
        """The report Telegram confirmed; the batch is closed in the same transaction."""
        async with self.db.write() as conn:
            await conn.execute(
                "UPDATE batches SET report_message_id = ?, finished_at = ? WHERE id = ?",
                (message_id, rows.utc_stamp(), batch_id))

    async def unfinished(self) -> list[OpenBatch]:
        """Batches a stop cut short or whose report was not confirmed, each member with its
        recorded fate."""
        async with self.db.read() as conn:
            batches = await conn.execute_fetchall(
                "SELECT id, chat_id, message_id, filename, started_at, report_attempts"
                " FROM batches"
                " WHERE finished_at IS NULL ORDER BY id"
            )
            found: list[OpenBatch] = []
            for b in batches:
                members = await conn.execute_fetchall(
                    "SELECT position, name, status, article_id, reason FROM batch_members"
                    " WHERE batch_id = ? ORDER BY position",
                    (b["id"],),
                )
                found.append(OpenBatch(
                    b["id"], b["chat_id"], b["message_id"], b["filename"], b["started_at"],
                    [BatchMember(m[0], m[1], m[2], m[3], m[4]) for m in members],
                    b["report_attempts"]))
        return found
