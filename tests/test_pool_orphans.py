"""A kill -9 of the process that owns the analysis pool takes its workers, forkserver and
resource tracker with it: nothing keeps the models in memory after a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

OWNER = """
import asyncio
from digest.pool import AnalysisPool

async def main():
    pool = AnalysisPool(2, idle_seconds=None)
    await pool.warm_up()
    await asyncio.gather(*(pool.run(sum, [i, 1]) for i in range(8)))
    print("ready", flush=True)
    await asyncio.sleep(3600)

asyncio.run(main())
"""


def _parents() -> dict[int, int]:
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            found[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return found


def _descendants(pid: int) -> set[int]:
    parents, found, todo = _parents(), set(), [pid]
    while todo:
        parent = todo.pop()
        children = {child for child, ppid in parents.items() if ppid == parent}
        found |= children
        todo.extend(children)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_kill_9_of_the_owner_leaves_no_analysis_process_behind():
    owner = subprocess.Popen([sys.executable, "-c", OWNER], stdout=subprocess.PIPE, text=True)
    helpers: set[int] = set()
    try:
        assert owner.stdout is not None
        assert owner.stdout.readline().strip() == "ready"
        helpers = _descendants(owner.pid)
        # the forkserver, at least one worker forked from it, and the resource tracker
        assert len(helpers) >= 3, helpers
        os.kill(owner.pid, signal.SIGKILL)
        owner.wait()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and any(_alive(p) for p in helpers):
            time.sleep(0.2)
        left = sorted(p for p in helpers if _alive(p))
        assert not left, f"still running after the owner's kill -9: {left}"
    finally:
        if owner.poll() is None:
            owner.kill()
        for pid in helpers | _descendants(owner.pid):
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
