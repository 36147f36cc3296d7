"""What went wrong with the database, in words an operator or a reader can act on.

`DatabaseUnusable` is raised at start for a file the program must not touch (not SQLite,
another program's database, a newer schema, damaged pages); its text is one Russian line.
`failure_kind` names a runtime SQLite failure (locked, full disk, …) without exposing classes.
"""

from __future__ import annotations

import sqlite3
from enum import Enum


class DatabaseUnusable(RuntimeError):
    """The database file cannot be used as it is; ``str()`` is one line for the operator."""


class Failure(Enum):
    LOCKED = "locked"  # another writer held the lock past busy_timeout
    FULL = "full"  # disk or max_page_count exhausted
    READONLY = "readonly"
    CORRUPT = "corrupt"
    IO = "io"


# primary result codes (https://sqlite.org/rescode.html)
_KINDS = {
    5: Failure.LOCKED,  # SQLITE_BUSY
    6: Failure.LOCKED,  # SQLITE_LOCKED
    8: Failure.READONLY,
    10: Failure.IO,
    11: Failure.CORRUPT,
    13: Failure.FULL,
    26: Failure.CORRUPT,  # SQLITE_NOTADB
}


def failure_kind(exc: BaseException) -> Failure | None:
    """The kind of an SQLite failure, or None when ``exc`` is not one (or not a known kind)."""
    if isinstance(exc, OSError) and exc.errno == 28:  # ENOSPC while writing beside the db
        return Failure.FULL
    if not isinstance(exc, sqlite3.Error):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _KINDS:
        return _KINDS[code & 0xFF]
    text = str(exc).lower()  # errors raised before SQLite set a code
    if "locked" in text or "busy" in text:
        return Failure.LOCKED
    if "full" in text:
        return Failure.FULL
    return None
