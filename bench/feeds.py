"""Reader latency while the poller takes 20 sources × 50 new entries: the loop must stay free.

    nice python -m bench.feeds [--sources 20] [--entries 50] [--workers 2]

Serves N feeds of M entries each from a local aiohttp site on 127.0.0.1 (every entry links to
its own HTML page: paragraphs of the bench corpus recombined, so every article is new), starts
the real bot against the fake Bot API server (tests/fake_telegram.py) with those sources in
its database, runs one poll, and sends `/person` every 200 ms from a reader until the poll is
done. Prints p50/p95/max of the reader's answer time (target p95 < 300 ms), the articles
filed per second, and the bot process's CPU time beside the wall time.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from aiohttp import web

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

READER = 777


def corpus_paragraphs() -> list[str]:
    from bench.corpus import article_files
    from digest.prepare import prepare_bytes

    out: list[str] = []
    for path in article_files():
        doc = prepare_bytes(path.read_bytes(), path.name)
        out += [p for p in doc.text.split("\n\n") if len(p) > 80]
    return out


def make_site(sources: int, entries: int, seed: int = 11) -> dict[str, tuple[bytes, str]]:
    """path → (body, media type): /s{j}/feed.xml and its pages /s{j}/{i}.html."""
    rng = random.Random(seed)
    paragraphs = corpus_paragraphs()
    site: dict[str, tuple[bytes, str]] = {}
    for j in range(sources):
        items = []
        for i in range(entries):
            title = f"Сводка {j}-{i}: новости региона"
            body = "".join(f"<p>{html.escape(p)}</p>" for p in rng.sample(paragraphs, 5))
            page = (f"<!DOCTYPE html><html lang='ru'><head><meta charset='utf-8'><title>{title}"
                    f"</title></head><body><article><h1>{title}</h1>{body}</article></body></html>")
            site[f"/s{j}/{i}.html"] = (page.encode(), "text/html")
            items.append(f"<item><title>{title}</title><link>/s{j}/{i}.html</link>"
                         f"<guid isPermaLink='false'>s{j}-{i}</guid></item>")
        feed = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                f"<title>Источник {j}</title><link>/</link>{''.join(items)}</channel></rss>")
        site[f"/s{j}/feed.xml"] = (feed.encode(), "application/rss+xml")
    return site


async def serve(site: dict[str, tuple[bytes, str]]) -> tuple[web.AppRunner, int]:
    async def handle(request: web.Request) -> web.Response:
        found = site.get(request.path)
        if found is None:
            raise web.HTTPNotFound()
        return web.Response(body=found[0], content_type=found[1])

    app = web.Application()
    app.router.add_get("/{path:.*}", handle)
    runner = web.AppRunner(app)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    return runner, tcp._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]


async def main_async(sources: int, entries: int, workers: int) -> None:
    os.environ["FETCH_ALLOW_PRIVATE"] = "1"  # the site is on 127.0.0.1
    from bot_harness import ADMIN, running_bot

    from core.person_chart import render_png
    from digest.pool import AnalysisPool

    site = make_site(sources, entries)
    runner, port = await serve(site)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            pool = AnalysisPool(workers=workers)
            pool.start()
            try:
                async with running_bot(Path(tmp), pool) as h:
                    await h.upload(ADMIN, "seed.txt",
                                   (ROOT / "tests/fixtures/card_bridge.txt").read_bytes())
                    await h.ask(READER, "/person Дорохова", timeout=60)  # warm the reader path
                    # /person draws a chart once the person has recent articles; the first
                    # render imports matplotlib and loads fonts (seconds, once per process),
                    # which is not the poll's cost: draw one before the poll
                    today = date.today()
                    await asyncio.to_thread(render_png, "Прогрев", [(today, 1)])
                    for j in range(sources):
                        await h.feeds.sources.add(f"http://127.0.0.1:{port}/s{j}/feed.xml",
                                                  f"Источник {j}")
                    cpu0, started = time.process_time(), time.perf_counter()
                    poll = asyncio.create_task(h.feeds.tick())
                    latencies, slow = [], []
                    while not poll.done():
                        t0 = time.perf_counter()
                        await h.ask(READER, "/person Дорохова", timeout=60)
                        latencies.append((time.perf_counter() - t0) * 1000)
                        if latencies[-1] > 1000:
                            slow.append((t0 - started, latencies[-1]))
                        await asyncio.sleep(0.2)
                    results = poll.result()
                    elapsed = time.perf_counter() - started
                    cpu = time.process_time() - cpu0
            finally:
                pool.shutdown()
    finally:
        await runner.cleanup()
    added = sum(len(r.report.added) for r in results if r.report)
    failed = [r.error for r in results if r.error]
    latencies.sort()
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
    print(f"poll: {sources} sources × {entries} entries → {added} articles filed in "
          f"{elapsed:.1f} s wall = {added / elapsed:.1f} articles/s ({workers} workers); "
          f"bot process CPU {cpu:.1f} s; failed sources: {len(failed)}")
    print(f"/person during the poll: n={len(latencies)}, "
          f"p50={statistics.median(latencies):.0f} ms, p95={p95:.0f} ms, "
          f"max={latencies[-1]:.0f} ms (target p95 < 300 ms)")
    print("answers over 1 s (seconds into the poll, ms): "
          + (", ".join(f"{at:.0f} s: {ms:.0f}" for at, ms in slow) or "none"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", type=int, default=20)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    asyncio.run(main_async(args.sources, args.entries, args.workers))


if __name__ == "__main__":
    main()
