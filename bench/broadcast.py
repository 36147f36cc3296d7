"""Broadcast benchmark: one digest to N subscribers against the fake Bot API on loopback.

    python -m bench.broadcast                      # 10,000 subscribers (≈ 400 s at 25/s)
    python -m bench.broadcast --subscribers 1000   # quick run (≈ 40 s)

The fake server enforces a global flood limit (default 30 msgs/s, 429 with retry_after);
the broadcaster runs at BROADCAST_RATE (default 25). Reports achieved msgs/s against the
target, 429 answers, duplicates and losses (per chat: messages delivered vs parts stored),
and the CPU time spent composing (subscribers share a few distinct profiles).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from aiogram import Bot  # noqa: E402
from aiogram.client.session.aiohttp import AiohttpSession  # noqa: E402
from aiogram.client.telegram import TelegramAPIServer  # noqa: E402
from fake_telegram import FakeTelegram  # noqa: E402

from bot.delivery import Broadcaster, Due  # noqa: E402
from digest.card import ArticleCard, Figure, Person  # noqa: E402
from storage import Archive, rows  # noqa: E402

PEOPLE = ["Сергей Лавров", "Мария Захарова", "Антон Силуанов", "Эльвира Набиуллина",
          "Хакан Фидан", "Антониу Гутерриш"]
PROFILES = [
    [],
    [("person", "лаврова")],
    [("person", "набиуллиной"), ("topic", "ключевая ставка")],
    [("topic", "урожай")],
    [("person", "захарову"), ("topic", "переговоры")],
]


def article(i: int) -> ArticleCard:
    people = [Person(PEOPLE[i % len(PEOPLE)], "министр", 3),
              Person(PEOPLE[(i + 2) % len(PEOPLE)], None, 1)]
    topics = [["переговоры"], ["ключевая ставка", "инфляция"], ["урожай", "зерно"]][i % 3]
    return ArticleCard(
        title=f"Новость {i}: {topics[0]} и {people[0].name}",
        text="",
        summary=[f"Первое предложение новости {i} о том, что произошло сегодня.",
                 "Второе предложение с подробностями и цифрами.",
                 "Третье предложение с мнением экспертов."],
        people=people,
        figures=[Figure(f"{i},5 млрд рублей", i * 1.5e9, "RUB", "money", ""),
                 Figure(f"на {i % 9 + 1}%", i % 9 + 1.0, "%", "percent", "")],
        source=["ТАСС", "РБК", "Интерфакс", "Коммерсантъ"][i % 4],
        topics=topics,
        content_hash=f"bench-{i}",
    )


async def setup(archive: Archive, subscribers: int, articles: int) -> None:
    for i in range(articles):
        await archive.articles.add(article(i), index_text=("t", "b"))
    now = rows.utc_stamp()
    async with archive.db.write() as conn:
        await conn.executemany(
            "INSERT INTO subscribers(chat_id, delivery_time, tz, created_at) VALUES (?,?,?,?)",
            [(100_000 + n, "00:00", "UTC", now) for n in range(subscribers)],
        )
        await conn.executemany(
            "INSERT INTO follows(chat_id, kind, value) VALUES (?, ?, ?)",
            [(100_000 + n, kind, value) for n in range(subscribers)
             for kind, value in PROFILES[n % len(PROFILES)]],
        )


async def bench(args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeTelegram(token="123456:BENCH") as tg, \
                Archive.open(Path(tmp) / "bench.sqlite3") as archive:
            await setup(archive, args.subscribers, args.articles)
            tg.flood_limit(per_second=args.flood_limit)
            bot = Bot(tg.token,
                      session=AiohttpSession(api=TelegramAPIServer.from_base(tg.base_url)))
            try:
                broadcaster = Broadcaster(archive, bot, rate=args.rate)
                now = datetime.now(UTC) + timedelta(seconds=1)
                due = [Due(100_000 + n, now.date()) for n in range(args.subscribers)]
                cpu0, wall0 = time.process_time(), time.perf_counter()
                boxes = await broadcaster.prepare(due, now)
                prepare_cpu = time.process_time() - cpu0
                prepare_wall = time.perf_counter() - wall0
                compose_cpu = broadcaster.composer.compose_seconds
                composed = broadcaster.composer.composed
                parts = {b.chat_id: len(b.parts) for b in boxes}
                started = time.perf_counter()
                stats = await broadcaster.run([], boxes, now)
                seconds = time.perf_counter() - started
            finally:
                await bot.session.close()
            messages = sum(tg.delivered(c) for c in parts)
            expected = sum(parts.values())
            duplicates = sum(max(0, tg.delivered(c) - n) for c, n in parts.items())
            lost = sum(max(0, n - tg.delivered(c)) for c, n in parts.items())
            counts = await archive.outbox.counts()
    achieved = messages / seconds if seconds else 0.0
    return {
        "subscribers": args.subscribers,
        "profiles": len(PROFILES),
        "digests_composed": composed,
        "compose_cpu_s": round(compose_cpu, 4),
        "prepare_cpu_s": round(prepare_cpu, 3),
        "prepare_wall_s": round(prepare_wall, 3),
        "messages": messages,
        "expected_messages": expected,
        "send_seconds": round(seconds, 2),
        "achieved_msgs_per_s": round(achieved, 2),
        "broadcast_rate": args.rate,
        "achieved_vs_rate": round(achieved / args.rate, 4),
        "flood_limit": args.flood_limit,
        "answers_429": sum(1 for e in tg.errors if e.status == 429),
        "duplicates": duplicates,
        "lost": lost,
        "deliveries": counts,
        "run": {k: v for k, v in stats.as_dict().items() if k not in ("started_at", "id")},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--rate", type=float, default=25.0, help="BROADCAST_RATE msgs/s")
    parser.add_argument("--flood-limit", type=int, default=30, help="server limit msgs/s")
    args = parser.parse_args(argv)
    result = asyncio.run(bench(args))
    print(json.dumps(result, ensure_ascii=False, indent=2))
    ok = result["duplicates"] == 0 and result["lost"] == 0 and result["achieved_vs_rate"] >= 0.95
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
