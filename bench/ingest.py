"""Ingest rate with real analysis: `newsdigest ingest` of a zip of N articles, 2 workers.

    python -m bench.ingest [--articles 300] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from bench.corpus import make_zip
from core.ingest import ingest_items
from digest.pool import AnalysisPool
from digest.unpack import iter_items
from storage import Archive


async def run(articles: int, workers: int) -> None:
    data = make_zip(articles)
    items = list(iter_items(data, "batch.zip"))
    kb = sum(len(i.data) for i in items) / len(items) / 1024
    with tempfile.TemporaryDirectory() as tmp:
        async with Archive.open(Path(tmp) / "db.sqlite3") as archive, \
                AnalysisPool(workers=workers) as pool:
            await pool.analyze_for_index(items[0])  # workers up, models loaded
            await pool.analyze_for_index(items[1])
            started = time.perf_counter()
            report = await ingest_items(archive, pool, items)
            elapsed = time.perf_counter() - started
    print(f"{report.summary()}; {len(items)} articles of {kb:.1f} KB")
    print(f"ingest with {workers} workers: {elapsed:.1f} s = {len(items) / elapsed:.1f} articles/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    asyncio.run(run(args.articles, args.workers))


if __name__ == "__main__":
    main()
