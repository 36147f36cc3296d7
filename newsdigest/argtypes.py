"""argparse value types shared by the command-line modules."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path


def db_parent() -> argparse.ArgumentParser:
    """The --db option, as a parent parser for every command that reads the archive."""
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", type=Path, default=None,
                    help="SQLite file (default: $DATABASE_PATH or data/newsdigest.sqlite3)")
    return db


def db_path(args: argparse.Namespace) -> Path:
    from storage import default_path

    return args.db or default_path()


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
