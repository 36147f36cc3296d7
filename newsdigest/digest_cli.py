"""`newsdigest digest`: preview a digest from the archive WITHOUT sending or recording it."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from core.config import known_zone
from core.digests import Preview, UnknownReader, cli_preview
from core.html import to_plain
from newsdigest.argtypes import app_config, db_parent, existing_db, iso_date, open_archive

EXIT_OK, EXIT_USAGE = 0, 2


def _zone(value: str) -> str:
    if not known_zone(value):
        raise argparse.ArgumentTypeError(f"неизвестный часовой пояс {value!r}")
    return value


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Register `digest` on the main parser's subparsers."""
    p = subparsers.add_parser(
        "digest", help="показать дайджест (ничего не отправляется и не записывается)",
        description="Без --date: дайджест, каким бот собрал бы его сейчас (для --for — с "
        "последнего дайджеста этого читателя, иначе за 24 часа). С --date: статьи, "
        "опубликованные в этот день.",
        parents=[db_parent()],
    )
    p.add_argument("--date", type=iso_date, default=None, metavar="YYYY-MM-DD")
    p.add_argument("--for", dest="chat_id", type=int, default=None, metavar="CHAT_ID",
                   help="подписчик: его подписки на людей и темы, пояс и прошлый дайджест")
    p.add_argument("--tz", type=_zone, default=None,
                   help="часовой пояс (по умолчанию пояс читателя, иначе TIMEZONE)")
    p.add_argument("--json", action="store_true", help="один объект JSON")
    p.set_defaults(func=cmd_digest)


def _preview_json(preview: Preview, chat_id: int | None) -> dict[str, Any]:
    d = preview.digest
    return {
        "date": preview.local_date.isoformat(),
        "chat_id": chat_id,
        "window": {"since": preview.since.isoformat(), "until": preview.until.isoformat()},
        "profile": {"people": sorted(preview.profile.people),
                    "topics": sorted(preview.profile.topics)},
        "articles": d.articles,
        "more": d.more,
        "people_of_day": [{"name": n, "stories": c} for n, c in d.people_of_day],
        "messages": 0 if d.empty else len(preview.parts),
        "items": [
            {
                "story_id": i.story_id,
                "title": i.title,
                "summary": i.summary,
                "figures": [asdict(f) for f in i.figures],
                "people": [{"name": p.name, "role": p.role} for p in i.people],
                "sources": [{"article_id": a, "source": s} for a, s in i.sources],
                "article_ids": i.article_ids,
                "followed": i.followed,
            }
            for i in d.items
        ],
    }


async def _preview(path: Path, args: argparse.Namespace) -> tuple[Preview | None, str | None]:
    default_tz = app_config().timezone
    async with open_archive(path) as archive:
        try:
            preview = await cli_preview(archive, chat_id=args.chat_id, day=args.date,
                                        tz=args.tz, default_tz=default_tz)
        except UnknownReader:
            return None, f"подписчик {args.chat_id} не найден"
    return preview, None


def cmd_digest(args: argparse.Namespace) -> int:
    path = existing_db(args)
    if path is None:
        return EXIT_USAGE
    preview, error = asyncio.run(_preview(path, args))
    if preview is None:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps(_preview_json(preview, args.chat_id), ensure_ascii=False))
    else:
        print("\n\n".join(to_plain(part) for part in preview.parts))
    return EXIT_OK
