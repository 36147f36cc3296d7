"""Connections: one writer behind an asyncio.Lock, a small pool of read-only readers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import aiosqlite

from storage.schema import migrate

BUSY_TIMEOUT_MS = 10_000


@dataclass(frozen=True, slots=True)
class Tuning:
    """Memory per connection: page cache, and memory-mapped reads (0 = off)."""

    cache_mb: int = 8
    mmap_mb: int = 0


DEFAULT_TUNING = Tuning()


async def connect(
    path: Path, *, readonly: bool = False, tuning: Tuning = DEFAULT_TUNING
) -> aiosqlite.Connection:
    # isolation_level=None: no implicit transactions; writes use explicit BEGIN IMMEDIATE.
    conn = await aiosqlite.connect(path, isolation_level=None)
    conn.row_factory = aiosqlite.Row  # rows are read by column name
    try:
        await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        await conn.execute("PRAGMA foreign_keys = ON")
        await conn.execute("PRAGMA synchronous = NORMAL")
        await conn.execute(f"PRAGMA cache_size = -{int(tuning.cache_mb) * 1024:d}")
        await conn.execute("PRAGMA temp_store = MEMORY")
        if readonly:
            await conn.execute("PRAGMA query_only = ON")
            await conn.execute(f"PRAGMA mmap_size = {int(tuning.mmap_mb) * 1024 * 1024:d}")
        else:
            await conn.execute("PRAGMA journal_mode = WAL")
    except BaseException:
        await conn.close()
        raise
    return conn


class Database:
    """Owns the connections. Use `async with Database.open(path) as db`."""

    def __init__(self, path: Path, writer: aiosqlite.Connection) -> None:
        self.path = path
        self._writer = writer
        self._write_lock = asyncio.Lock()
        self._readers: asyncio.Queue[aiosqlite.Connection] = asyncio.Queue()
        self._all_readers: list[aiosqlite.Connection] = []

    @classmethod
    async def create(
        cls, path: str | Path, *, readers: int = 2, tuning: Tuning = DEFAULT_TUNING
    ) -> Database:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        writer = await connect(path, tuning=tuning)
        db = cls(path, writer)
        try:
            await migrate(writer)
            for _ in range(max(1, readers)):
                reader = await connect(path, readonly=True, tuning=tuning)
                db._all_readers.append(reader)
                db._readers.put_nowait(reader)
        except BaseException:
            await db.close()
            raise
        return db

    async def close(self) -> None:
        for reader in self._all_readers:
            await reader.close()
        self._all_readers.clear()
        try:
            await self._writer.execute("PRAGMA optimize")
        finally:
            await self._writer.close()

    @asynccontextmanager
    async def read(self) -> AsyncIterator[aiosqlite.Connection]:
        """A reader connection for queries (sees the last committed state)."""
        conn = await self._readers.get()
        try:
            yield conn
        finally:
            self._readers.put_nowait(conn)

    @asynccontextmanager
    async def write(self) -> AsyncIterator[aiosqlite.Connection]:
        """The writer inside BEGIN IMMEDIATE … COMMIT; rolled back on any exception."""
        async with self._write_lock:
            await self._writer.execute("BEGIN IMMEDIATE")
            try:
                yield self._writer
            except BaseException:
                await self._writer.rollback()
                raise
            await self._writer.commit()
