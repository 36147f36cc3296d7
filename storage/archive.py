"""The Archive: every query and write the bot, the CLI and the scheduler need."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from storage.articles import ArticlesMixin
from storage.db import DEFAULT_TUNING, Database, Tuning
from storage.digests import DigestsMixin
from storage.search import SearchMixin
from storage.stories import StoryWindow
from storage.subscribers import SubscribersMixin


class Archive(ArticlesMixin, SearchMixin, SubscribersMixin, DigestsMixin):
    """Use as `async with Archive.open(path) as archive:` (connections must be closed:
    aiosqlite threads are not daemons)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._stories = StoryWindow(self._load_day)

    @property
    def path(self) -> Path:
        return self.db.path

    @classmethod
    @asynccontextmanager
    async def open(
        cls, path: str | Path, *, readers: int = 2, tuning: Tuning = DEFAULT_TUNING
    ) -> AsyncIterator[Archive]:
        """Open (creating the folder and file, applying migrations); close on exit."""
        db = await Database.create(path, readers=readers, tuning=tuning)
        try:
            yield cls(db)
        finally:
            await db.close()
