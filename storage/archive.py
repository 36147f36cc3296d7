"""The Archive: the database and one repository per aggregate over it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from storage.articles import ArticleRepo
from storage.audit import AuditLog
from storage.batches import Batches
from storage.db import DEFAULT_TUNING, Database, Tuning
from storage.feeds import FeedSources
from storage.outbox import Outbox
from storage.subscribers import SubscriberRepo


class Archive:
    """Use as `async with Archive.open(path) as archive:` (connections must be closed:
    aiosqlite threads are not daemons).

    `articles` (with people, topics, full-text index, stories), `subscribers` (with follows),
    `outbox` (deliveries and digest runs), `audit` and `feeds` (sources and entries taken)
    each own their tables."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.articles = ArticleRepo(db)
        self.subscribers = SubscriberRepo(db)
        self.outbox = Outbox(db)
        self.audit = AuditLog(db)
        self.batches = Batches(db)
        self.feeds = FeedSources(db)

    @property
    def path(self) -> Path:
        return self.db.path

    @classmethod
    @asynccontextmanager
    async def open(
        cls, path: str | Path, *, readers: int = 2, tuning: Tuning = DEFAULT_TUNING,
        thorough_check: bool = False,
    ) -> AsyncIterator[Archive]:
        """Open (creating the folder and file, applying migrations); close on exit.

        A file that must not be touched raises storage.DatabaseUnusable; `thorough_check`
        adds PRAGMA quick_check (reads every page).
        """
        db = await Database.create(path, readers=readers, tuning=tuning,
                                   thorough_check=thorough_check)
        try:
            yield cls(db)
        finally:
            await db.close()
