"""Memory and CPU of a process and all its descendants, from /proc (Linux)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str]:
    """Fields after the command name: state, ppid, …, utime (11), stime (12)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return []


def tree(root: int) -> list[int]:
    """root and every live descendant (workers forked by a forkserver included)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))):
            parents[int(entry.name)] = int(fields[1])
    found, frontier = [root], {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier}
        found += sorted(frontier)
    return found


def cpu_of(pid: int) -> float:
    """user + system seconds of one process (all its threads)."""
    fields = _stat(pid)
    return (int(fields[11]) + int(fields[12])) / _TICK if fields else 0.0


@dataclass
class Usage:
    processes: int
    rss_mb: float
    pss_mb: float
    cpu_s: float  # user + system of the live processes


def usage(root: int) -> Usage:
    rss = pss = 0
    cpu = 0.0
    pids = tree(root)
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                key, _, value = line.partition(":")
                if key == "Rss":
                    rss += int(value.split()[0])
                elif key == "Pss":
                    pss += int(value.split()[0])
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        fields = _stat(pid)
        if fields:
            cpu += (int(fields[11]) + int(fields[12])) / _TICK
    return Usage(len(pids), rss / 1024, pss / 1024, cpu)
