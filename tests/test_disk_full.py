"""The database on a really full disk: a small tmpfs holds it, a ballast file takes every free
byte. An upload is refused with the Russian "disk full" answer and writes nothing, readers are
still answered, PRAGMA integrity_check stays ok, and once space returns the same upload is
stored. (tests/test_bot_faults.py does the same with SQLite's own max_page_count, which runs
everywhere; mounting needs root or CAP_SYS_ADMIN.)"""

from __future__ import annotations

import errno
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest
from bot_harness import ADMIN, READER, running_bot

from bench.corpus import news
from bot import texts

DISK_MB = 8
DISK_FULL_WORD = "диск"


def db_dump(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def fill(ballast: Path) -> int:
    """Write `ballast` until the filesystem refuses a single byte more; returns its size."""
    with ballast.open("wb", buffering=0) as out:
        for chunk in (1 << 20, 1 << 12, 1):
            while True:
                try:
                    out.write(b"\0" * chunk)
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    break
    return ballast.stat().st_size


@pytest.fixture
def small_disk(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK_MB}m,mode=0700", "tmpfs", str(disk)],
        capture_output=True, text=True,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root or CAP_SYS_ADMIN): "
                    + (mounted.stderr.strip() or f"mount exit {mounted.returncode}"))
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


@pytest.fixture
async def h(small_disk, analysis_pool):
    async with running_bot(small_disk, analysis_pool) as harness:
        yield harness


async def test_a_really_full_disk_refuses_writes_keeps_reading_and_recovers(h, small_disk):
    name, text = news(4242)
    title = text.split("\n", 1)[0]
    [subscribed] = await h.ask(READER, "/subscribe 08:30")
    assert "08:30" in subscribed.text
    with closing(sqlite3.connect(h.archive.path, isolation_level=None)) as conn:
        conn.execute("VACUUM")  # no free pages inside the file
        # an empty WAL: the next write has to take new space on the disk
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    assert busy == 0
    ballast = small_disk / "ballast"
    assert fill(ballast) > 0
    before = db_dump(h.archive.path)

    [full] = await h.upload(ADMIN, name, text.encode())
    assert full.text.startswith("Не удалось добавить") and DISK_FULL_WORD in full.text.lower()
    assert "Error" not in full.text
    [refused] = await h.ask(READER, "/unsubscribe")  # any write: the same clear answer
    assert refused.text == texts.DISK_FULL
    [still] = await h.ask(READER, "/settings")  # readers are still answered from the archive
    assert "08:30" in still.text
    [nothing] = await h.ask(READER, "/article 1")
    assert "нет в архиве" in nothing.text
    assert db_dump(h.archive.path) == before  # nothing half-written
    with closing(sqlite3.connect(h.archive.path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    ballast.unlink()  # space is back
    [card] = await h.upload(ADMIN, name, text.encode())
    assert title in card.plain, card.plain
    [found] = await h.ask(READER, "/article 1")
    assert title in found.plain
    [unsubscribed] = await h.ask(READER, "/unsubscribe")
    assert unsubscribed.text != texts.DISK_FULL
    with closing(sqlite3.connect(h.archive.path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
