"""Reading and planting `deliveries` rows directly, for tests (the program never looks a
delivery up by chat and date: it creates them with their parts and resumes the open ones)."""

from __future__ import annotations

from datetime import date

from storage import Archive, Delivery
from storage.outbox import _COLUMNS


async def delivery_row(archive: Archive, chat_id: int, day: date) -> Delivery | None:
    async with archive.db.read() as conn:
        found = await conn.execute_fetchall(
            f"SELECT {_COLUMNS} FROM deliveries d WHERE d.chat_id = ? AND d.digest_date = ?",
            (chat_id, day.isoformat()),
        )
    return Delivery.from_row(found[0]) if found else None


async def delivery_by_id(archive: Archive, delivery_id: int) -> Delivery | None:
    async with archive.db.read() as conn:
        found = await conn.execute_fetchall(
            f"SELECT {_COLUMNS} FROM deliveries d WHERE d.id = ?", (delivery_id,)
        )
    return Delivery.from_row(found[0]) if found else None


async def bare_delivery(archive: Archive, chat_id: int, day: date) -> Delivery:
    """A pending row without parts, as a v2 program wrote them."""
    async with archive.db.write() as conn:
        await conn.execute(
            "INSERT OR IGNORE INTO deliveries(chat_id, digest_date, created_at, updated_at)"
            " VALUES (?, ?, '2025-01-01 00:00:00', '2025-01-01 00:00:00')",
            (chat_id, day.isoformat()),
        )
    row = await delivery_row(archive, chat_id, day)
    assert row is not None
    return row
