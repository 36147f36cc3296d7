"""`newsdigest feeds …`: the feed sources, as the bot's /feeds and /feed commands manage them."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from dataclasses import asdict

from newsdigest.argtypes import app_config, db_parent, db_path, existing_db, open_archive

EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE = 0, 1, 2


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Register `feeds` and its subcommands on the main parser's subparsers."""
    feeds = subparsers.add_parser(
        "feeds", help="источники RSS/Atom: list, add, del, pause, resume, poll",
        description="Работающий бот сам опрашивает источники; `poll` делает это один раз сейчас.",
    )
    sub = feeds.add_subparsers(dest="feeds_command", required=True, metavar="ACTION")
    db = db_parent()

    p = sub.add_parser("list", parents=[db], help="источники и их состояние")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("add", parents=[db],
                       help="добавить ленту (или страницу со ссылкой на ленту)")
    p.add_argument("url")
    p.add_argument("--interval", type=int, default=10, metavar="MIN",
                   help="минут между опросами (по умолчанию 10)")
    p.set_defaults(func=cmd_add)

    for name, text in (("del", "удалить источник (его статьи остаются)"),
                       ("pause", "перестать опрашивать источник"),
                       ("resume", "снова опрашивать источник")):
        p = sub.add_parser(name, parents=[db], help=text)
        p.add_argument("id", type=int)
        p.set_defaults(func=cmd_change, action=name)

    p = sub.add_parser("poll", parents=[db],
                       help="опросить все источники, которым пора, один раз сейчас")
    p.add_argument("--workers", type=int, default=2, help="процессов анализа (по умолчанию 2)")
    p.set_defaults(func=cmd_poll)


def cmd_list(args: argparse.Namespace) -> int:
    path = existing_db(args)
    if path is None:
        return EXIT_NOT_FOUND

    async def run() -> int:
        from core.feeds.status import health_lines
        from storage.feeds import FeedSources

        async with open_archive(path) as archive:
            sources = await FeedSources(archive.db).all()
        if args.json:
            print(json.dumps([asdict(s) for s in sources], ensure_ascii=False))
        elif not sources:
            print("Источников нет. Добавьте: newsdigest feeds add URL")
        for source in [] if args.json else sources:
            print("\n".join(health_lines(source)))
        return EXIT_OK

    return asyncio.run(run())


def cmd_add(args: argparse.Namespace) -> int:
    if args.interval < 1:
        print("интервал — не меньше 1 минуты", file=sys.stderr)
        return EXIT_USAGE

    async def run() -> int:
        from core.feeds.discover import discover
        from core.feeds.fetch import Fetcher, FetchError, make_session
        from core.feeds.parse import FeedError
        from core.feeds.poller import source_name
        from storage.feeds import FeedSources

        private = app_config().fetch_allow_private
        async with make_session(allow_private=private) as session:
            try:
                found = await discover(Fetcher(session, allow_private=private), args.url)
            except (FetchError, FeedError) as exc:
                print(f"{args.url}: {exc}", file=sys.stderr)
                return EXIT_USAGE
        async with open_archive(db_path(args)) as archive:
            source, created = await FeedSources(archive.db).add(
                found.url, source_name(found.feed.title, found.url), interval=args.interval * 60
            )
        verb = "добавлен" if created else "уже есть"
        print(f"Источник #{source.id} «{source.name}» {verb}: {source.url}")
        return EXIT_OK

    return asyncio.run(run())


def cmd_change(args: argparse.Namespace) -> int:
    path = existing_db(args)
    if path is None:
        return EXIT_NOT_FOUND

    async def run() -> int:
        from storage.feeds import FeedSources

        async with open_archive(path) as archive:
            sources = FeedSources(archive.db)
            if args.action == "del":
                source = await sources.delete(args.id)
            else:
                source = await sources.set_paused(args.id, args.action == "pause")
        if source is None:
            print(f"источника #{args.id} нет", file=sys.stderr)
            return EXIT_NOT_FOUND
        done = {"del": "удалён", "pause": "на паузе", "resume": "снова опрашивается"}
        print(f"Источник #{source.id} «{source.name}» {done[args.action]}")
        return EXIT_OK

    return asyncio.run(run())


def cmd_poll(args: argparse.Namespace) -> int:
    path = existing_db(args)
    if path is None:
        return EXIT_NOT_FOUND

    async def run() -> int:
        from core.feeds.fetch import Fetcher, make_session
        from core.feeds.poller import Feeds
        from digest.pool import AnalysisPool

        private = app_config().fetch_allow_private
        async with (open_archive(path) as archive, AnalysisPool(args.workers) as pool,
                    make_session(allow_private=private) as session):
            feeds = Feeds(archive, pool, Fetcher(session, allow_private=private))
            names = {s.id: s.name for s in await feeds.sources.all()}
            results = await feeds.tick()
        if not results:
            print("Нет источников, которым пора обновиться.")
        failed = 0
        for result in results:
            name = names.get(result.source_id, "?")
            if result.error:
                failed += 1
                print(f"#{result.source_id} {name}: ошибка — {result.error}")
            elif result.not_modified:
                print(f"#{result.source_id} {name}: без изменений")
            elif result.report is not None:
                print(f"#{result.source_id} {name}: " + "\n".join(result.report.lines()))
        return EXIT_USAGE if failed else EXIT_OK

    return asyncio.run(run())
