"""kill -9 in the middle of a large zip upload, then a restart (issue 13).

    python -m bench.batch_kill [--articles 500] [--kill-at 200]

The real bot process (`python -m bot`) against the fake Bot API server (tests/fake_telegram.py)
on 127.0.0.1 with a temporary database. The admin sends a zip of N invented articles
(bench/corpus.py); one member in 25 is empty and one is binary noise (both must be rejected),
one repeats the member before it (a duplicate). Once the database holds `kill_at` articles the
bot gets SIGKILL — no cleanup of any kind. Then: PRAGMA integrity_check, articles missing a
part (card, text, full-text row, people), a restart and the report it sends the admin compared
with the database, member by member, and a third start that must send nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import os
import re
import signal
import sqlite3
import sys
import time
import zipfile
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from bot_harness import ADMIN, TOKEN  # noqa: E402
from bot_process import bot_env  # noqa: E402
from fake_telegram import FakeTelegram  # noqa: E402

from bench.corpus import news  # noqa: E402
from bench.proctree import tree, usage  # noqa: E402

ZIP_NAME = "новости.zip"
EMPTY, NOISE, REPEAT = 5, 12, 20  # positions modulo 25


def members(n: int) -> list[tuple[str, bytes]]:
    out: list[tuple[str, bytes]] = []
    for i in range(n):
        if i % 25 == EMPTY:
            data = b""
        elif i % 25 == NOISE:
            data = bytes((i * 37 + k * 101) % 256 for k in range(6000))
        elif i % 25 == REPEAT and out:
            data = out[-1][1]
        else:
            data = news(i)[1].encode()
        out.append((f"news_{i:03d}.txt", data))
    return out


def zipped(files: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            z.writestr(name, data)
    return buf.getvalue()


@dataclass
class Counts:
    added: int
    duplicates: int
    rejected: int
    pending: int


@dataclass
class Result:
    members: int
    kill_at: int
    db: Counts  # batch_members after the kill, as the database has them
    stored: int  # rows in articles after the kill
    stored_after_restarts: int
    integrity: str
    half_written: int  # articles missing their card, text, full-text row or people
    reported: Counts | None  # parsed from the report after the restart
    report: str
    progress_text: str  # the progress message after the restart
    admin_messages: int  # messages the admin got in all (progress + report)
    third_start_messages: int  # sent by a third start (must be 0: reported once)
    stored_names_ok: bool  # the report's "Сохранены" names are the stored articles' files
    pending_names_ok: bool  # its "Не обработаны" names are the members left pending, in order
    restart_exit: int | None
    orphans: int  # the killed bot's analysis processes still alive 2 s after it died
    seconds_to_kill: float
    seconds_restart_to_report: float
    wall_s: float
    cpu_first_s: float  # the killed bot's process tree, read just before SIGKILL
    cpu_restarts_s: float
    log_tail: str = field(default="", repr=False)


def _db_counts(db: Path) -> tuple[Counts, int, str, int, list[str], list[str]]:
    with closing(sqlite3.connect(db)) as conn:
        status = dict(conn.execute(
            "SELECT status, count(*) FROM batch_members GROUP BY status").fetchall())
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        integrity = "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
        half = conn.execute(
            "SELECT count(*) FROM articles a WHERE length(a.card) < 3 OR length(a.text) = 0"
            " OR NOT EXISTS (SELECT 1 FROM articles_fts f WHERE f.rowid = a.id)"
            " OR NOT EXISTS (SELECT 1 FROM article_people p WHERE p.article_id = a.id)"
        ).fetchone()[0]
        added = [r[0] for r in conn.execute(
            "SELECT name FROM batch_members WHERE status = 'added' ORDER BY position")]
        pending = [r[0] for r in conn.execute(
            "SELECT name FROM batch_members WHERE status = 'pending' ORDER BY position")]
    counts = Counts(status.get("added", 0), status.get("duplicate", 0),
                    status.get("rejected", 0), status.get("pending", 0))
    return counts, stored, integrity, half, added, pending


def _stored(db: Path) -> int:
    try:
        with closing(sqlite3.connect(db)) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def _listed(report: str, prefix: str) -> tuple[list[str], int]:
    """The names a report line shows and how many it says it left out."""
    for line in report.splitlines():
        if line.startswith(prefix):
            body = line.removeprefix(prefix)
            more = re.search(r" … и ещё (\d+)$", body)
            if more:
                body = body[: more.start()]
            return body.split(", "), int(more[1]) if more else 0
    return [], 0


def _parse(report: str) -> Counts | None:
    found = re.search(r"Сохранено: (\d+), дубликатов: (\d+), отклонено: (\d+), "
                      r"не обработано: (\d+)", report)
    return Counts(*(int(x) for x in found.groups())) if found else None


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state != "Z"


async def _start(tg: FakeTelegram, db: Path, log: Path) -> asyncio.subprocess.Process:
    # no pipes: after kill -9 the analysis forkserver child would hold them open for a while
    with log.open("ab") as out:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=db.parent, env=bot_env(tg, db),
            stdout=asyncio.subprocess.DEVNULL, stderr=out,
        )


async def _stop(proc: asyncio.subprocess.Process) -> float:
    """SIGTERM, wait; returns the process tree's CPU seconds read just before."""
    cpu = usage(proc.pid).cpu_s
    proc.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(proc.wait(), 60)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    return cpu


async def _next_poll(tg: FakeTelegram) -> None:
    """Wait until the bot (a new process) polls: its start-up reports are sent by then."""
    await tg.wait_for_call("getUpdates", count=len(tg.calls_to("getUpdates")) + 1, timeout=120)


async def run(workdir: Path, n: int = 500, kill_at: int = 200,
              stall_timeout: float = 300) -> Result:
    db, log = workdir / "db.sqlite3", workdir / "bot.log"
    files = members(n)
    data = zipped(files)
    started = time.perf_counter()
    async with FakeTelegram(token=TOKEN) as tg:
        first = await _start(tg, db, log)
        try:
            await tg.wait_for_call("getUpdates", timeout=120)
            sent_at = time.perf_counter()
            tg.send_document(ADMIN, ZIP_NAME, data)
            await tg.wait_for_messages(ADMIN, 1, timeout=120)  # "Обрабатываю: 0 из N…"
            loop = asyncio.get_running_loop()
            deadline = loop.time() + stall_timeout
            while _stored(db) < kill_at and loop.time() < deadline:  # the database, no clock
                await asyncio.sleep(0.05)
            cpu_first = usage(first.pid).cpu_s
        finally:
            descendants = tree(first.pid)[1:]
            first.kill()  # SIGKILL
            await first.wait()
        await asyncio.sleep(2)
        orphans = [pid for pid in descendants if _alive(pid)]
        for pid in orphans:  # they would hold ~250 MB of models each until the machine stops
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        seconds_to_kill = time.perf_counter() - sent_at
        db_counts, stored, integrity, half, added_names, pending_names = _db_counts(db)
        [progress] = tg.sent_messages(ADMIN)

        restarted = time.perf_counter()
        second = await _start(tg, db, log)
        try:
            await _next_poll(tg)
            sent = await tg.wait_for_messages(ADMIN, 2, timeout=60)
            seconds_to_report = time.perf_counter() - restarted
        finally:
            cpu_restarts = await _stop(second)
        restart_exit = second.returncode
        before_third = len(tg.sent_messages(ADMIN))
        third = await _start(tg, db, log)
        try:
            await _next_poll(tg)
        finally:
            cpu_restarts += await _stop(third)
        admin_messages = len(tg.sent_messages(ADMIN))
        progress_now = next(m for m in tg.sent_messages(ADMIN)
                            if m.message_id == progress.message_id)

    report = sent[1].plain
    shown_stored, more_stored = _listed(report, "Сохранены: ")
    shown_pending, more_pending = _listed(report, "Не обработаны: ")
    return Result(
        members=n, kill_at=kill_at, db=db_counts, stored=stored,
        stored_after_restarts=_stored(db), integrity=integrity, half_written=half,
        reported=_parse(report), report=report, progress_text=progress_now.text,
        admin_messages=admin_messages, third_start_messages=admin_messages - before_third,
        stored_names_ok=(set(shown_stored) <= set(added_names)
                         and len(shown_stored) + more_stored == len(added_names)),
        pending_names_ok=(shown_pending == pending_names[:len(shown_pending)]
                          and len(shown_pending) + more_pending == len(pending_names)),
        restart_exit=restart_exit, orphans=len(orphans), seconds_to_kill=seconds_to_kill,
        seconds_restart_to_report=seconds_to_report, wall_s=time.perf_counter() - started,
        cpu_first_s=cpu_first, cpu_restarts_s=cpu_restarts,
        log_tail=log.read_text(errors="replace")[-3000:],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--kill-at", type=int, default=200,
                        help="SIGKILL once the database holds this many articles")
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        r = asyncio.run(run(Path(tmp), args.articles, args.kill_at))
    d, rep = r.db, r.reported
    print(f"zip: {r.members} members; SIGKILL after {r.seconds_to_kill:.1f} s "
          f"with {r.stored} articles in the database")
    print(f"database after the kill: stored {d.added}, duplicates {d.duplicates}, "
          f"rejected {d.rejected}, unprocessed {d.pending}; articles rows {r.stored}")
    if rep is None:
        print("report after the restart: NOT FOUND")
    else:
        print(f"report after the restart: stored {rep.added}, duplicates {rep.duplicates}, "
              f"rejected {rep.rejected}, unprocessed {rep.pending} — "
              f"{'matches' if rep == d else 'DIFFERS FROM'} the database")
    print(f"names in the report match the database: stored {r.stored_names_ok}, "
          f"unprocessed {r.pending_names_ok}")
    print(f"PRAGMA integrity_check: {r.integrity}; half-written articles: {r.half_written}")
    print(f"articles after two restarts: {r.stored_after_restarts} (was {r.stored})")
    print(f"progress message now: {r.progress_text!r}")
    print(f"messages to the admin: {r.admin_messages} (progress + report); report sent once: "
          f"{r.admin_messages == 2 and r.third_start_messages == 0}; restart exit code "
          f"{r.restart_exit}")
    print(f"analysis processes of the killed bot still alive 2 s later: {r.orphans} "
          "(then killed by the bench)")
    print(f"restart → report: {r.seconds_restart_to_report:.1f} s; wall {r.wall_s:.1f} s; "
          f"CPU: killed bot tree {r.cpu_first_s:.1f} s, restarts {r.cpu_restarts_s:.1f} s")


if __name__ == "__main__":
    main()
