"""Archive commands of the `newsdigest` console script: ingest, person, topic, article, stats,
reindex-stories."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tqdm import tqdm

from core.ingest import IngestReport, ingest_items
from core.search import add_person_hints
from digest.pool import AnalysisPool
from digest.unpack import Item, iter_items
from newsdigest.argtypes import db_parent, db_path, existing_db, open_archive
from storage import ArticleRef, PersonResult

EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE = 0, 1, 2


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Register the archive commands on the main parser's subparsers."""
    db = db_parent()
    paging = argparse.ArgumentParser(add_help=False)
    paging.add_argument("--json", action="store_true", help="массив статей в JSON")
    paging.add_argument("--limit", type=int, default=10,
                        help="статей на странице (по умолчанию 10)")
    paging.add_argument("--offset", type=int, default=0)

    p = subparsers.add_parser("ingest", parents=[db], help="разобрать файлы и сохранить в архив")
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help=".txt .md .html .json .jsonl .zip или папка"
    )
    p.add_argument("--workers", type=int, default=2, help="процессов анализа (по умолчанию 2)")
    p.set_defaults(func=cmd_ingest)

    p = subparsers.add_parser("person", parents=[db, paging], help="статьи о человеке")
    p.add_argument("name", nargs="+", metavar="NAME")
    p.set_defaults(func=cmd_person)

    p = subparsers.add_parser("topic", parents=[db, paging], help="полнотекстовый поиск по теме")
    p.add_argument("words", nargs="+", metavar="WORD")
    p.set_defaults(func=cmd_topic)

    p = subparsers.add_parser("article", parents=[db], help="одна статья из архива")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_article)

    p = subparsers.add_parser("stats", parents=[db], help="статистика архива")
    p.add_argument("--days", type=int, default=7, help="период в днях (по умолчанию 7)")
    p.set_defaults(func=cmd_stats)

    p = subparsers.add_parser(
        "reindex-stories", parents=[db],
        help="пересчитать подписи сюжетов, сохранённые в старом формате",
    )
    p.set_defaults(func=cmd_reindex_stories)


# --- ingest ---------------------------------------------------------------------------


def _all_items(paths: list[str]) -> Iterable[Item]:
    for path in paths:
        yield from iter_items(path)


def cmd_ingest(args: argparse.Namespace) -> int:
    if args.workers < 1:
        print("--workers должен быть не меньше 1", file=sys.stderr)
        return EXIT_USAGE

    async def run() -> IngestReport:
        bar = tqdm(unit=" ст.", disable=not sys.stderr.isatty(), file=sys.stderr)
        try:
            async with open_archive(db_path(args)) as archive, \
                    AnalysisPool(workers=args.workers) as pool:
                return await ingest_items(
                    archive, pool, _all_items(args.paths), on_progress=lambda *_: bar.update()
                )
        finally:
            bar.close()

    report = asyncio.run(run())
    print("\n".join(report.lines()))
    # the rest is stored, but a path that does not exist is a mistake the caller must see
    missing = [p for p in args.paths if not Path(p).exists()]
    return EXIT_NOT_FOUND if missing else EXIT_OK


# --- queries --------------------------------------------------------------------------


def _print_refs(refs: list[ArticleRef], as_json: bool) -> None:
    if as_json:
        print(json.dumps([r.to_dict() for r in refs], ensure_ascii=False, indent=2))
        return
    for ref in refs:
        meta = " · ".join(x for x in (ref.published and ref.published.isoformat(), ref.source) if x)
        print(f"#{ref.id} {ref.title}" + (f" ({meta})" if meta else ""))
        if ref.role:
            print(f"   {ref.role}")
        if ref.snippet:
            print(f"   {ref.snippet}")


def cmd_person(args: argparse.Namespace) -> int:
    path = existing_db(args)
    if path is None:
        return EXIT_USAGE
    query = " ".join(args.name)

    async def run() -> PersonResult:
        async with open_archive(path) as archive:
            found = await archive.articles.find_person(query, args.limit, args.offset)
            if not args.json:
                await add_person_hints(archive, found)
            return found

    result = asyncio.run(run())
    if result.ambiguous:
        print("Под этим именем несколько человек, уточните:", file=sys.stderr)
        for c in result.candidates:
            role = f" — {c.role}" if c.role else ""
            print(f"  {c.name}{role} (статей: {c.articles})", file=sys.stderr)
        if args.json:
            print("[]")
        return EXIT_OK
    if not args.json:
        if not result.articles:
            print(f"Ничего не найдено: {query}")
            if result.suggestions:
                print("Может быть, вы имели в виду:")
                print("\n".join(f"  {name}" for name in result.suggestions))
            elif result.example:
                print(f"В архиве есть, например: newsdigest person {result.example}")
            return EXIT_OK
        print(", ".join(result.names))
    _print_refs(result.articles, args.json)
    return EXIT_OK


def cmd_topic(args: argparse.Namespace) -> int:
    path = existing_db(args)
    if path is None:
        return EXIT_USAGE
    query = " ".join(args.words)

    async def run():
        async with open_archive(path) as archive:
            return await archive.articles.search_topic(query, args.limit, args.offset)

    result = asyncio.run(run())
    if not result.articles and not args.json:
        print(f"Ничего не найдено: {query}")
        return EXIT_OK
    _print_refs(result.articles, args.json)
    return EXIT_OK


def cmd_article(args: argparse.Namespace) -> int:
    path = existing_db(args)
    if path is None:
        return EXIT_USAGE

    async def run():
        async with open_archive(path) as archive:
            return await archive.articles.get_stored(args.id)

    stored = asyncio.run(run())
    if stored is None:
        print(f"Статья #{args.id} не найдена", file=sys.stderr)
        return EXIT_NOT_FOUND
    if args.json:
        data = {
            "id": stored.id,
            "story_id": stored.story_id,
            "ingested_at": stored.ingested_at,
            "filename": stored.filename,
            **stored.card.to_dict(with_text=True),
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        from digest.render import card_to_text

        print(f"#{stored.id} (сюжет #{stored.story_id}, добавлена {stored.ingested_at} UTC)")
        print(card_to_text(stored.card))
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    path = existing_db(args)
    if path is None:
        return EXIT_USAGE
    since = datetime.now(UTC) - timedelta(days=max(0, args.days))

    async def run():
        async with open_archive(path) as archive:
            return await archive.articles.stats(since)

    s = asyncio.run(run())
    print(f"Всего статей в архиве: {s.total_articles}")
    print(
        f"За {args.days} дн.: статей {s.articles}, сюжетов {s.stories}, "
        f"людей {s.people}, источников {s.sources}"
    )
    if s.top_people:
        print("Чаще всего упоминаются:")
        for name, n in s.top_people:
            print(f"  {name} — {n}")
    if s.top_topics:
        print("Темы:")
        for topic, n in s.top_topics:
            print(f"  {topic} — {n}")
    return EXIT_OK


def cmd_reindex_stories(args: argparse.Namespace) -> int:
    path = existing_db(args)
    if path is None:
        return EXIT_USAGE

    async def run():
        async with open_archive(path) as archive:
            return await archive.articles.rebuild_signatures()

    done = asyncio.run(run())
    print(f"Пересчитано подписей: {done.signatures}; присоединено к сюжетам: {done.joined}")
    return EXIT_OK
