"""End-to-end ingest rate: a zip of unseen articles through the real ingest path.

    python -m bench.ingest [--articles 300] [--workers 2]

What `newsdigest ingest batch.zip` and a bot upload do: unpack the zip, analyse every article in
the worker pool, store each card in its own transaction (SQLite file, FTS index, stories).
"cold" starts from nothing: the clock includes starting the forkserver, loading the models and
forking the workers. "warm" is a second zip of other unseen articles on the same, running pool.
CPU is the whole process tree's (this process, forkserver, workers), read from /proc before the
workers stop, and split into this process (unpacking, unpickling cards, SQLite, FTS, stories)
and the analysis workers: on a shared machine the wall rate is depressed, CPU per article much
less. "rate from CPU" = 2 cores / tree CPU per article: the rate 2 otherwise idle cores give.
Target (issue 14): ≥ 25 articles/s end to end on 2 cores.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

from bench.corpus import make_zip
from bench.proctree import cpu_of, usage
from core.ingest import ingest_items
from digest.pool import AnalysisPool
from digest.unpack import iter_items
from storage import Archive


async def _batch(archive: Archive, pool: AnalysisPool, data: bytes) -> tuple[str, int, float]:
    started = time.perf_counter()
    items = list(iter_items(data, "batch.zip"))
    report = await ingest_items(archive, pool, items)
    return report.summary(), len(items), time.perf_counter() - started


async def run(articles: int, workers: int) -> None:
    cold_zip, warm_zip = make_zip(articles, seed=11), make_zip(articles, seed=12)
    me = os.getpid()
    print(f"{articles} unseen articles per zip ({len(cold_zip) / 1e6:.1f} MB zipped), "
          f"{workers} workers, {os.cpu_count()} CPUs\n")
    print(f"{'run':<6} {'wall s':>7} {'art/s':>7} {'CPU s':>7} {'CPU ms/art':>11} "
          f"{'main ms':>8} {'workers':>8} {'rate from CPU':>14}  result")
    with tempfile.TemporaryDirectory() as tmp:
        async with Archive.open(Path(tmp) / "db.sqlite3") as archive:
            pool = AnalysisPool(workers=workers, idle_seconds=None)
            try:
                for label, data in (("cold", cold_zip), ("warm", warm_zip)):
                    cpu0, main0 = usage(me).cpu_s, cpu_of(me)
                    summary, n, wall = await _batch(archive, pool, data)
                    cpu, main = usage(me).cpu_s - cpu0, cpu_of(me) - main0
                    print(f"{label:<6} {wall:7.1f} {n / wall:7.1f} {cpu:7.1f} "
                          f"{cpu / n * 1e3:11.1f} {main / n * 1e3:8.1f} "
                          f"{(cpu - main) / n * 1e3:8.1f} {2 * n / cpu:9.1f} art/s  {summary}")
            finally:
                await pool.close()
    print("\ncold includes forkserver start, model load and worker start; CPU is the tree's "
          "(main = this process, workers = forkserver and workers).\n"
          "Issue 14's figure: the warm run's 'rate from CPU' (≥ 25 articles/s on 2 cores), and "
          "its wall art/s on a quiet machine.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    asyncio.run(run(args.articles, args.workers))


if __name__ == "__main__":
    main()
