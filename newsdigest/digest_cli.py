"""`newsdigest digest`: preview a digest from the archive WITHOUT sending or recording it."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from dataclasses import asdict
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsdigest.argtypes import db_parent, existing_db, iso_date

EXIT_OK, EXIT_USAGE = 0, 2
DEFAULT_TZ = "Europe/Moscow"


def _zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise argparse.ArgumentTypeError(f"неизвестный часовой пояс {value!r}") from None
    return value


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Register `digest` on the main parser's subparsers."""
    p = subparsers.add_parser(
        "digest", help="preview a digest (nothing is sent or recorded)",
        description="Without --date: the digest as the bot would compose it now (for --for: "
        "since that reader's last digest, else the last 24 hours). With --date: the articles "
        "ingested on that local day.",
        parents=[db_parent()],
    )
    p.add_argument("--date", type=iso_date, default=None, metavar="YYYY-MM-DD")
    p.add_argument("--for", dest="chat_id", type=int, default=None, metavar="CHAT_ID",
                   help="a subscriber: their follows, time zone and last digest")
    p.add_argument("--tz", type=_zone, default=None,
                   help=f"time zone for --date (default: the reader's, else {DEFAULT_TZ})")
    p.add_argument("--json", action="store_true", help="one JSON object")
    p.set_defaults(func=cmd_digest)


def _preview_json(preview: Any, chat_id: int | None) -> dict[str, Any]:
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


async def _preview(path: Path, args: argparse.Namespace) -> tuple[Any, str | None]:
    from bot.delivery import DigestComposer
    from storage import Archive

    async with Archive.open(path) as archive:
        sub = await archive.get_subscriber(args.chat_id) if args.chat_id is not None else None
        if args.chat_id is not None and sub is None:
            return None, f"подписчик {args.chat_id} не найден"
        composer = DigestComposer(archive, default_tz=args.tz or DEFAULT_TZ)
        if args.date is None:
            return await composer.preview(args.chat_id, datetime.now(UTC), tz=args.tz), None
        zone = ZoneInfo(args.tz or (sub.tz if sub else DEFAULT_TZ))
        start = datetime.combine(args.date, time(0), tzinfo=zone)
        end = datetime.combine(args.date + timedelta(days=1), time(0), tzinfo=zone)
        # the window ends at now + 1 s (exclusive): the last second of the day is in
        preview = await composer.preview(args.chat_id, end - timedelta(seconds=1),
                                         tz=zone.key, since=start,
                                         local_date=args.date)
        return preview, None


def cmd_digest(args: argparse.Namespace) -> int:
    from bot.digest_format import to_plain
    path = existing_db(args)
    if path is None:
        return EXIT_USAGE
    preview, error = asyncio.run(_preview(path, args))
    if error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps(_preview_json(preview, args.chat_id), ensure_ascii=False))
    else:
        print("\n\n".join(to_plain(part) for part in preview.parts))
    return EXIT_OK
