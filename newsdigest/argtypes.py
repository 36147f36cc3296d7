"""argparse value types shared by the command-line modules."""

from __future__ import annotations

import argparse
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path

from core.config import AppConfig, load_config
from storage import Archive, Tuning


def db_parent() -> argparse.ArgumentParser:
    """The --db option, as a parent parser for every command that reads the archive."""
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", type=Path, default=None,
                    help="файл SQLite (по умолчанию DATABASE_PATH из окружения или .env, "
                    "иначе data/newsdigest.sqlite3)")
    return db


def app_config() -> AppConfig:
    """The same configuration as the bot's (environment and .env); no token needed."""
    return load_config(need_token=False)


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else app_config().database_path


@asynccontextmanager
async def open_archive(path: Path) -> AsyncIterator[Archive]:
    """The archive at `path` with the configured SQLite memory settings."""
    config = app_config()
    tuning = Tuning(cache_mb=config.sqlite_cache_mb, mmap_mb=config.sqlite_mmap_mb)
    async with Archive.open(path, tuning=tuning) as archive:
        yield archive


def existing_db(args: argparse.Namespace) -> Path | None:
    """The archive file, or None after telling the user it does not exist yet."""
    path = db_path(args)
    if not path.is_file():
        print(f"база данных не найдена: {path} (сначала newsdigest ingest)", file=sys.stderr)
        return None
    return path


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ожидается дата ГГГГ-ММ-ДД, получено {value!r}") from None
