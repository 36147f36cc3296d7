"""Upload batches (a zip, a JSON list): what became of each member, written as it happens, so a
batch cut short (kill -9, SIGTERM, a power loss) can be reported after a restart.
Owns `batches` and `batch_members`."""

from __future__ import annotations

from dataclasses import dataclass

from storage import rows
from storage.db import Database


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

    async def record(self, batch_id: int, position: int, status: str,
                     article_id: int | None = None, reason: str | None = None) -> None:
        async with self.db.write() as conn:
            await conn.execute(
                "UPDATE batch_members SET status = ?, article_id = ?, reason = ?"
                " WHERE batch_id = ? AND position = ?",
                (status, article_id, reason, batch_id, position),
            )

    async def finish(self, batch_id: int) -> None:
        async with self.db.write() as conn:
            await conn.execute("UPDATE batches SET finished_at = ? WHERE id = ?",
                               (rows.utc_stamp(), batch_id))

    async def unfinished(self) -> list[OpenBatch]:
        """Batches a stop cut short. A member still "pending" whose article was committed just
        before the stop (the article and its member line are separate transactions) is found
        by its file name, uploader and time and reported as added."""
        async with self.db.read() as conn:
            batches = await conn.execute_fetchall(
                "SELECT id, chat_id, message_id, filename, uploaded_by, started_at FROM batches"
                " WHERE finished_at IS NULL ORDER BY id"
            )
            found: list[OpenBatch] = []
            for b in batches:
                members = await conn.execute_fetchall(
                    "SELECT m.position, m.name, m.status, m.article_id, m.reason,"
                    " (SELECT a.id FROM articles a WHERE a.filename = m.name"
                    "   AND a.uploaded_by IS ? AND a.ingested_at >= ? ORDER BY a.id LIMIT 1)"
                    " FROM batch_members m WHERE m.batch_id = ? ORDER BY m.position",
                    (b["uploaded_by"], b["started_at"], b["id"]),
                )
                listed = []
                for m in members:
                    status, article_id = m[2], m[3]
                    if status == "pending" and m[5] is not None:
                        status, article_id = "added", m[5]
                    listed.append(BatchMember(m[0], m[1], status, article_id, m[4]))
                found.append(OpenBatch(b["id"], b["chat_id"], b["message_id"], b["filename"],
                                       b["started_at"], listed))
        return found
