"""Connections: one writer behind an asyncio.Lock, a small pool of read-only readers."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import aiosqlite

from storage.cancel import to_the_end
from storage.errors import DatabaseUnusable
from storage.schema import SCHEMA_VERSION, SchemaError, migrate, user_version

BUSY_TIMEOUT_MS = 10_000


@dataclass(frozen=True, slots=True)
class Tuning:
    """Memory per connection: page cache, and memory-mapped reads (0 = off)."""

    cache_mb: int = 8
    mmap_mb: int = 0


DEFAULT_TUNING = Tuning()


async def check_file(conn: aiosqlite.Connection, path: Path, *, thorough: bool) -> None:
    """Refuse, before anything is written, a file that is not ours to change.

    Raises DatabaseUnusable (one line) for a non-SQLite file, another program's database, a
    newer schema, and — with `thorough` (PRAGMA quick_check reads every page) — damage.
    """
    try:
        async with conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'") as cur:
            row = await cur.fetchone()
        tables = int(row[0]) if row else 0
        version = await user_version(conn)
    except sqlite3.DatabaseError as exc:
        if (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF == sqlite3.SQLITE_CORRUPT:
            # an SQLite file whose schema pages are damaged (a torn write), not a foreign
            # file; the low byte is the primary code (SQLITE_CORRUPT_INDEX and the like)
            raise _damaged(path, str(exc)) from None
        raise DatabaseUnusable(
            f"{path}: это не база newsdigest (файл не читается как SQLite: {exc}) — "
            "файл не изменён; проверьте DATABASE_PATH"
        ) from None
    if version > SCHEMA_VERSION:
        raise SchemaError(version, path)
    if version == 0 and tables:
        raise DatabaseUnusable(
            f"{path}: база SQLite другой программы (в ней нет схемы newsdigest) — файл не "
            "изменён; укажите другой DATABASE_PATH"
        )
    if thorough and version:
        try:
            async with conn.execute("PRAGMA quick_check(3)") as cur:
                problems = [str(r[0]) for r in await cur.fetchall() if r[0] != "ok"]
        except sqlite3.DatabaseError as exc:
            problems = [str(exc)]
        if problems:
            raise _damaged(path, "PRAGMA quick_check: " + "; ".join(problems))


def _damaged(path: Path, detail: str) -> DatabaseUnusable:
    return DatabaseUnusable(
        f"{path}: база повреждена ({detail.replace(chr(10), ' ')[:200]}) — восстановите её из "
        "резервной копии; файл не изменён"
    )


async def connect(
    path: Path, *, readonly: bool = False, tuning: Tuning = DEFAULT_TUNING,
    check: bool | None = None,
) -> aiosqlite.Connection:
    """A connection with the project's pragmas. `check` (writers): None skips the file check,
    False runs the cheap one, True adds PRAGMA quick_check."""
    # isolation_level=None: no implicit transactions; writes use explicit BEGIN IMMEDIATE.
    conn = await aiosqlite.connect(path, isolation_level=None)
    conn.row_factory = aiosqlite.Row  # rows are read by column name
    try:
        await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if check is not None:
            await check_file(conn, path, thorough=check)
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
        cls, path: str | Path, *, readers: int = 2, tuning: Tuning = DEFAULT_TUNING,
        thorough_check: bool = False,
    ) -> Database:
        """Open (creating) the file; DatabaseUnusable when it must not be touched.
        `thorough_check` runs PRAGMA quick_check (reads the whole file: for the bot's start)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        writer = await connect(path, tuning=tuning, check=thorough_check)
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
            try:
                # BEGIN inside the try: a cancel (a graceful stop) can land while BEGIN still
                # runs in the connection's thread, and must not leave the transaction open
                await self._writer.execute("BEGIN IMMEDIATE")
                yield self._writer
                await self._writer.commit()
            except BaseException:
                # sqlite3's rollback is a no-op without a transaction; it runs to the end even
                # if we are cancelled again, before the lock lets the next write BEGIN
                await to_the_end(self._writer.rollback())
                raise

