"""One running bot per database: an advisory lock on a file beside it, released by the OS.

`flock` is tied to the open file: when the process exits — cleanly, by SIGKILL or by a crash —
the kernel drops the lock, so a stale lock file never blocks a restart.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from storage.errors import DatabaseUnusable


class AlreadyRunning(DatabaseUnusable):
    """Another process holds the database's instance lock."""


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


@contextlib.contextmanager
def instance_lock(database: Path) -> Iterator[Path]:
    """Hold the database's instance lock for the block; AlreadyRunning if another has it."""
    path = lock_path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            raise AlreadyRunning(
                f"{database}: с этой базой уже работает другой экземпляр бота (pid {holder}) — "
                "второй не запущен, чтобы дайджесты не ушли дважды"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        # the file stays: unlinking it would let a newcomer lock a fresh inode beside ours
        yield path
    finally:
        os.close(fd)
