"""Memory of the running bot's whole process tree, and how the worker options compare.

    python -m bench.memory [--articles 500] [--idle 15]
    python -m bench.memory --compare [--articles 60]

Default: runs `python -m bot` against the fake Bot API server (tests/fake_telegram.py, on
127.0.0.1), measures how soon /start is answered, then the tree's RSS and PSS (sum over the bot,
its forkserver and workers, from /proc/*/smaps_rollup; PSS splits shared pages fairly, RSS
counts them once per process) at: start with the models preloading, idle after the workers
stopped, during the ingest of a zip of N unseen articles uploaded by an admin (peak and mean
of samples every 0.25 s), right after it, and after the idle stop (ANALYSIS_IDLE_SECONDS).

--compare: the same N unseen articles analysed by 2 spawned workers that each load their own
models (the old pool), by 2 workers forked from a preloaded forkserver (digest.pool), and by 2
threads in one process; each in a fresh process; tree PSS peak, wall rate and CPU per article.
Target (issue 14): ≤ 450 MB during a 500-article ingest, back near idle after it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import make_zip, news
from bench.proctree import Usage, usage

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456:BENCH-token-for-the-fake-server"
ADMIN, READER = 1001, 2002


async def _sample_while(root: int, done: asyncio.Future, every: float = 0.25) -> list[Usage]:
    samples = []
    while not done.done():
        samples.append(usage(root))
        await asyncio.sleep(every)
    return samples


def _line(label: str, u: Usage | None = None, *, rss: float = 0, pss: float = 0,
          n: str = "") -> None:
    if u is not None:
        rss, pss, n = u.rss_mb, u.pss_mb, str(u.processes)
    print(f"{label:<44} {n:>5} {rss:8.0f} {pss:8.0f}")


async def bot_tree(articles: int, idle: float) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from fake_telegram import FakeTelegram

    data = make_zip(articles, seed=21)
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeTelegram(token=TOKEN) as tg:
            env = {**os.environ, "BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": tg.base_url,
                   "DATABASE_PATH": str(Path(tmp) / "db.sqlite3"), "ADMIN_IDS": str(ADMIN),
                   "ANALYSIS_IDLE_SECONDS": str(idle), "LOG_LEVEL": "WARNING"}
            started = time.perf_counter()
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", cwd=tmp, env=env,
                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
            try:
                await tg.wait_for_call("getUpdates", timeout=120)
                polling = time.perf_counter() - started
                tg.send_text(READER, "/start")
                await tg.wait_for_messages(READER, 1, timeout=120)
                answered = time.perf_counter() - started
                print(f"`python -m bot`: first poll after {polling:.1f} s, /start answered "
                      f"{answered:.1f} s after launch (target ≤ 3 s on a quiet machine)\n")
                print(f"{'bot process tree':<44} {'procs':>5} {'RSS MB':>8} {'PSS MB':>8}")
                await asyncio.sleep(3)
                _line("just started (models loading in background)", usage(proc.pid))
                await _wait_idle(proc.pid, idle)
                before = usage(proc.pid)
                idle_pss = before.pss_mb
                _line("idle (workers stopped)", before)

                t0, cpu0 = time.perf_counter(), usage(proc.pid).cpu_s
                tg.send_document(ADMIN, "batch.zip", data)
                done = asyncio.ensure_future(
                    tg.wait_for_messages(ADMIN, 2, timeout=articles * 2 + 120))
                samples = await _sample_while(proc.pid, done)
                await done
                wall, cpu = time.perf_counter() - t0, usage(proc.pid).cpu_s - cpu0
                report = tg.sent_messages(ADMIN)[-1].text.splitlines()[0]
                _line(f"during ingest of {articles}: peak PSS sample",
                      max(samples, key=lambda u: u.pss_mb))
                _line(f"during ingest of {articles}: mean of {len(samples)} samples",
                      rss=statistics.mean(u.rss_mb for u in samples),
                      pss=statistics.mean(u.pss_mb for u in samples),
                      n=f"{statistics.mean(u.processes for u in samples):.1f}")
                _line("right after ingest", usage(proc.pid))
                await _wait_idle(proc.pid, idle)
                after = usage(proc.pid)
                _line(f"after the idle stop ({idle:.0f} s without work)", after)
                peak = max(u.pss_mb for u in samples)
                print(f"\ningest via upload: {articles} articles in {wall:.1f} s = "
                      f"{articles / wall:.1f} articles/s wall; tree CPU {cpu:.1f} s "
                      f"({cpu / articles * 1e3:.0f} ms/article = {2 * articles / cpu:.1f} "
                      f"articles/s on 2 cores from CPU); report: {report}")
                print(f"issue 14: tree PSS peak {peak:.0f} MB during the ingest of {articles} "
                      f"(target ≤ 450); {after.pss_mb:.0f} MB after the idle stop vs "
                      f"{idle_pss:.0f} MB idle before it")
            finally:
                proc.send_signal(signal.SIGTERM)
                try:
                    await asyncio.wait_for(proc.wait(), 30)
                except TimeoutError:
                    proc.kill()


async def _wait_idle(root: int, idle: float) -> None:
    """Until only the bot (and the resource tracker) is left: the pool stopped its workers."""
    deadline = time.monotonic() + idle + 60
    await asyncio.sleep(idle)
    while time.monotonic() < deadline and usage(root).processes > 2:
        await asyncio.sleep(0.5)


# --compare: one mode per fresh process ------------------------------------------------------

def _load_models() -> None:
    import digest.warm  # noqa: F401


def _analyze(i: int) -> None:
    from digest.pool import analyze_item
    from digest.unpack import RawFile

    name, text = news(i)
    analyze_item(RawFile(name, text.encode()))


def _mode(mode: str, articles: int) -> dict:
    import multiprocessing
    from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

    executor: Executor
    if mode == "spawn":
        executor = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_load_models)
    elif mode == "forkserver":
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["digest.warm"])
        executor = ProcessPoolExecutor(2, mp_context=context)
    else:
        _load_models()
        executor = ThreadPoolExecutor(2)
    me = os.getpid()
    base = 31 * 1_000_000
    list(executor.map(_analyze, [base - 1, base - 2]))  # workers up, models loaded
    cpu0, peak = usage(me).cpu_s, 0.0
    t0 = time.perf_counter()
    futures = [executor.submit(_analyze, base + i) for i in range(articles)]
    while not all(f.done() for f in futures):
        peak = max(peak, usage(me).pss_mb)
        time.sleep(0.2)
    wall = time.perf_counter() - t0
    cpu = usage(me).cpu_s - cpu0
    for f in futures:
        f.result()
    executor.shutdown()
    return {"mode": mode, "pss": peak, "rate": articles / wall, "cpu_ms": cpu / articles * 1e3}


def compare(articles: int) -> None:
    print(f"{articles} unseen articles, 2 workers each; tree PSS includes the parent process\n")
    print(f"{'option':<42} {'peak PSS MB':>11} {'art/s':>7} {'CPU ms/art':>11}")
    labels = {"spawn": "spawned workers, own models each (old)",
              "forkserver": "forked from a preloaded forkserver (new)",
              "threads": "2 threads in one process"}
    for mode in labels:
        out = subprocess.run(
            [sys.executable, "-m", "bench.memory", "--mode", mode, "--articles", str(articles)],
            capture_output=True, text=True, cwd=ROOT, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{labels[mode]:<42} {row['pss']:11.0f} {row['rate']:7.1f} {row['cpu_ms']:11.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument("--idle", type=float, default=15.0, help="ANALYSIS_IDLE_SECONDS")
    parser.add_argument("--compare", action="store_true")
    parser.add_argument("--mode", choices=("spawn", "forkserver", "threads"))
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(_mode(args.mode, args.articles or 60)))
    elif args.compare:
        compare(args.articles or 60)
    else:
        asyncio.run(bot_tree(args.articles or 500, args.idle))


if __name__ == "__main__":
    main()
