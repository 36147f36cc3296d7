"""`newsdigest ingest` of many files while the bot runs and readers query (issue 13).

    python -m bench.cli_with_bot [--articles 200]

Starts the real bot process (`python -m bot`) against the fake Bot API server
(tests/fake_telegram.py) on 127.0.0.1 with a temporary database, runs `newsdigest ingest`
as a separate process on a folder of N invented articles (bench/corpus.py), and meanwhile
sends /person and /topic every ~200 ms as a reader, timing each reply. Prints the articles
stored, the CLI exit code, "database is locked" in both processes' output, reader p50/p95/max.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from bot_harness import READER, TOKEN  # noqa: E402
from fake_telegram import FakeTelegram, WaitTimeout  # noqa: E402

from bench.corpus import news  # noqa: E402
from bot import texts  # noqa: E402

LOCKED = "database is locked"
QUERIES = ("/person Дорохова", "/topic тариф")
REFUSALS = {texts.DB_BUSY, texts.THROTTLED, texts.FAILED}
# The bot allows one command a second per user (ThrottlingMiddleware), so queries every
# 200 ms come from five readers in turn.
READERS = [READER + k for k in range(5)]


@dataclass
class Result:
    articles: int
    stored: int
    cli_exit: int | None
    locked: int
    latencies_ms: list[float] = field(default_factory=list)
    unanswered: int = 0
    refused: int = 0  # "database busy", throttled or an apology instead of an answer
    wall_s: float = 0.0


def write_corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        name, text = news(i)
        (folder / name).write_text(text, encoding="utf-8")


async def run(workdir: Path, n: int, reply_timeout: float = 60) -> Result:
    corpus = workdir / "corpus"
    write_corpus(corpus, n)
    db = workdir / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "TELEGRAM_API_URL")}
    env.update(DATABASE_PATH=str(db), ADMIN_IDS="1001")
    started = time.perf_counter()
    async with FakeTelegram(token=TOKEN) as tg:
        bot_env = {**env, "BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": tg.base_url}
        bot = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=workdir, env=bot_env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        try:
            await tg.wait_for_call("getUpdates", timeout=120)
            cli = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "newsdigest", "ingest", "--db", str(db), str(corpus),
                cwd=workdir, env=env,
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
            )  # fmt: skip
            cli_output = asyncio.create_task(cli.communicate())
            result = Result(articles=n, stored=0, cli_exit=None, locked=0)
            asked = 0
            while not cli_output.done():
                query = QUERIES[asked % len(QUERIES)]
                reader = READERS[asked % len(READERS)]
                asked += 1
                before = len(tg.sent_messages(reader))
                t0 = time.perf_counter()
                tg.send_text(reader, query)
                try:
                    await tg.wait_for_messages(reader, before + 1, timeout=reply_timeout)
                except WaitTimeout:
                    result.unanswered += 1
                else:
                    result.latencies_ms.append((time.perf_counter() - t0) * 1000)
                    reply = tg.sent_messages(reader)[before].text
                    result.refused += reply in REFUSALS
                await asyncio.sleep(0.2)
            out, _ = await cli_output
            result.cli_exit = cli.returncode
        finally:
            if bot.returncode is None:
                bot.terminate()
        bot_out, bot_err = await asyncio.wait_for(bot.communicate(), 60)
    result.wall_s = time.perf_counter() - started
    logs = (out or b"").decode(errors="replace") + bot_out.decode(errors="replace")
    logs += bot_err.decode(errors="replace")
    result.locked = logs.lower().count(LOCKED)
    with sqlite3.connect(db) as conn:
        result.stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    return result


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * share + 0.5) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        cpu0 = os.times()
        r = asyncio.run(run(Path(tmp), args.articles))
        cpu1 = os.times()
    lat = r.latencies_ms
    cpu = (cpu1.children_user + cpu1.children_system) - (cpu0.children_user + cpu0.children_system)
    print(f"articles stored: {r.stored} of {r.articles}")
    print(f"CLI exit code: {r.cli_exit}")
    print(f"'{LOCKED}' in bot + CLI output: {r.locked}")
    if lat:
        print(f"reader queries: answered {len(lat)} (refused {r.refused}), "
              f"unanswered {r.unanswered}; "
              f"p50={statistics.median(lat):.0f} ms, p95={percentile(lat, 0.95):.0f} ms, "
              f"max={max(lat):.0f} ms")
    else:
        print(f"reader queries: none answered, unanswered {r.unanswered}")
    print(f"wall time: {r.wall_s:.1f} s (CPU of child processes: {cpu:.1f} s)")


if __name__ == "__main__":
    main()
