"""`python -m bot` stops promptly on SIGTERM while a worker is deep in a long analysis."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

from bot_harness import ADMIN, TOKEN
from bot_process import start_bot
from fake_telegram import FakeTelegram


def _stat(pid: int | str) -> list[str]:
    """Fields of /proc/<pid>/stat after the command name: state, ppid, …"""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return []


def workers(pid: int) -> set[int]:
    """The bot's analysis workers: its children and theirs, minus the multiprocessing helpers
    (forkserver, resource tracker), which run `python -c "from multiprocessing… import main"`."""
    parents = {int(p.name): int(s[1]) for p in Path("/proc").iterdir()
               if p.name.isdigit() and (s := _stat(p.name))}
    children = {c for c, parent in parents.items() if parent == pid}
    helpers = {c for c in children if b"import main" in _cmdline(c)}
    return (children - helpers) | {c for c, parent in parents.items() if parent in helpers}


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError):
        return b""


def alive(pid: int) -> bool:
    fields = _stat(pid)
    return bool(fields) and fields[0] != "Z"


def cpu_ticks(pid: int) -> int:
    fields = _stat(pid)
    return int(fields[11]) + int(fields[12]) if fields else 0  # utime + stime


def long_text() -> bytes:
    """≈1.5 MB of distinct sentences: before the caps, hours of LexRank in one worker."""
    lines = []
    for i in range(7_000):
        lines.append(f"Предприятие номер {i} в городе Северск увеличило выпуск продукции на "
                     f"{i % 97},{i % 10}% по сравнению с прошлым годом, сообщил директор.")
        if i % 5 == 4:
            lines.append("")
    return "\n".join(lines).encode()


async def test_sigterm_during_a_long_analysis_stops_the_bot_promptly(tmp_path):
    async with FakeTelegram(token=TOKEN) as tg:
        proc = await start_bot(tg, tmp_path / "db.sqlite3", tmp_path)
        try:
            await tg.wait_for_call("getUpdates", timeout=60)
            tg.send_document(ADMIN, "long.txt", long_text())
            await tg.wait_for_call("getFile", timeout=60)
            # a worker has spent 0.3 s of CPU on the article: the analysis is under way (with
            # spawned workers that is still model loading, but the article is already queued)
            for _ in range(1200):
                running = workers(proc.pid)
                if any(cpu_ticks(pid) > 30 for pid in running):
                    break
                await asyncio.sleep(0.05)
            else:
                raise AssertionError("no analysis worker started")
            proc.send_signal(signal.SIGTERM)
            _, err = await asyncio.wait_for(proc.communicate(), 30)
        finally:
            if proc.returncode is None:
                proc.kill()
        log = err.decode()
        assert proc.returncode == 0, log[-2000:]
        assert "bot stopped cleanly" in log
        for _ in range(100):
            if not any(alive(pid) for pid in running):
                break
            await asyncio.sleep(0.1)
        assert running and not any(alive(pid) for pid in running)

