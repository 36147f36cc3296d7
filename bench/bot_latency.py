"""Reader latency while an admin's large zip is ingested: the event loop must stay free.

    python -m bench.bot_latency [--articles 500] [--workers 2]

Starts the real bot against the fake Bot API server (tests/fake_telegram.py), uploads a zip
of N articles made by recombining paragraphs of the bundled samples, and sends `/person`
every 200 ms from another reader until the ingest report arrives. Reports p50/p95/max of the
time from the reader's message to the bot's answer, and the ingest rate.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from bot_harness import ADMIN, running_bot  # noqa: E402

from bench.corpus import make_zip  # noqa: E402
from digest.pool import AnalysisPool  # noqa: E402

READER = 777


async def main_async(articles: int, workers: int) -> None:
    data = make_zip(articles)
    with tempfile.TemporaryDirectory() as tmp:
        pool = AnalysisPool(workers=workers)
        pool.start()
        try:
            async with running_bot(Path(tmp), pool) as h:
                await h.upload(ADMIN, "seed.txt", (ROOT / "tests/fixtures/card_bridge.txt")
                               .read_bytes())
                before = len(h.tg.sent_messages(ADMIN))
                started = time.perf_counter()
                h.tg.send_document(ADMIN, "batch.zip", data)
                latencies = []
                while len(h.tg.sent_messages(ADMIN)) < before + 2:
                    t0 = time.perf_counter()
                    await h.ask(READER, "/person Дорохова", timeout=60)
                    latencies.append((time.perf_counter() - t0) * 1000)
                    await asyncio.sleep(0.2)
                elapsed = time.perf_counter() - started
                report = h.tg.sent_messages(ADMIN)[-1].text
        finally:
            pool.shutdown()
    latencies.sort()
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
    print(f"ingest: {articles} articles in {elapsed:.1f} s = {articles / elapsed:.1f} articles/s "
          f"({workers} workers)")
    print(f"report: {report.splitlines()[0]}")
    print(f"/person during ingest: n={len(latencies)}, p50={statistics.median(latencies):.0f} ms, "
          f"p95={p95:.0f} ms, max={latencies[-1]:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    asyncio.run(main_async(args.articles, args.workers))


if __name__ == "__main__":
    main()
