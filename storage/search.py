"""Article queries: people, topics (FTS5 BM25), statistics. Functions over a reader
connection; `storage.articles.ArticleRepo` is their public face."""

from __future__ import annotations

import asyncio
import json
from datetime import date, datetime
from typing import Any

import aiosqlite

from digest import keys
from storage import rows
from storage.models import (
    ArticleRef,
    PersonActivity,
    PersonCandidate,
    PersonQuote,
    PersonResult,
    Stats,
    TopicResult,
)

MAX_LIMIT = 100
RECENT_TIER = 20_000  # articles (by id) ranked before older ones in topic search


def _first(summary_json: str) -> str | None:
    summary = json.loads(summary_json)
    return summary[0] if summary else None


async def _people_for_keys(
    conn: aiosqlite.Connection, key_list: list[str]
) -> list[tuple[int, str]]:
    if not key_list:
        return []
    marks = ",".join("?" * len(key_list))
    found = await conn.execute_fetchall(
        "SELECT DISTINCT p.id, p.name FROM person_keys k"
        f" JOIN people p ON p.id = k.person_id WHERE k.key IN ({marks}) ORDER BY p.id",
        key_list,
    )
    return [(r["id"], r["name"]) for r in found]


async def resolve_person(
    conn: aiosqlite.Connection, query: str
) -> tuple[list[tuple[int, str]], bool]:
    """(people, ambiguous). A full-name match wins; a surname shared by several full
    names is ambiguous; surname-only records ("Лавров") go with the single full name."""
    all_keys = keys.query_person_keys(query)
    full = [k for k in all_keys if " " in k]
    if full:
        found = await _people_for_keys(conn, full)
        if found:
            return found, len({n for _, n in found}) > 1
    found = await _people_for_keys(conn, [k for k in all_keys if " " not in k])
    named = [p for p in found if len(p[1].split()) > 1]
    if full:  # "Сергей Лавров" must not fall back to Иван Лавров; bare "Лавров" is fine
        return [p for p in found if p not in named], False
    if len(named) > 1:
        return named, True
    return found, False


async def prominent_people(
    conn: aiosqlite.Connection, recent: int, limit: int
) -> list[str]:
    """The people named in most of the latest `recent` articles, most named first (a range
    of the article_people key: cheap in any archive)."""
    # the counting subquery reads the primary key's range of the latest articles; grouped
    # directly, the planner walked the whole person index instead to skip a sort (0.6-0.9 s
    # on 100k articles)
    found = await conn.execute_fetchall(
        "SELECT p.name FROM (SELECT person_id, COUNT(*) AS n, SUM(mentions) AS m"
        "  FROM article_people"
        "  WHERE article_id > (SELECT coalesce(max(id), 0) FROM articles) - ?"
        "  GROUP BY +person_id) AS c"
        " JOIN people p ON p.id = c.person_id ORDER BY c.n DESC, c.m DESC, p.name LIMIT ?",
        (recent, limit),
    )
    return [r["name"] for r in found]


def _ref(r: Any, snippet: str | None, role: str | None) -> ArticleRef:
    return ArticleRef(r["id"], r["title"], rows.parse_date(r["published"]), r["source"],
                      r["url"], snippet, role, r["story_id"])


async def find_person(
    conn: aiosqlite.Connection, query: str, limit: int, offset: int
) -> PersonResult:
    limit = max(1, min(limit, MAX_LIMIT))
    result = PersonResult(query=query)
    people, ambiguous = await resolve_person(conn, query)
    if not people:
        return result
    ids = [pid for pid, _ in people]
    marks = ",".join("?" * len(ids))
    if ambiguous:
        found = await conn.execute_fetchall(
            "SELECT p.id, p.name,"
            " (SELECT COUNT(*) FROM article_people c WHERE c.person_id = p.id) AS n,"
            " (SELECT r.role FROM article_people r WHERE r.person_id = p.id"
            "  AND r.role IS NOT NULL ORDER BY r.day DESC, r.article_id DESC LIMIT 1) AS role"
            f" FROM people p WHERE p.id IN ({marks}) ORDER BY n DESC, p.name",
            ids,
        )
        result.candidates = [
            PersonCandidate(r["id"], r["name"], r["n"], r["role"]) for r in found
        ]
        return result
    result.names = [name for _, name in people]
    page = list(await conn.execute_fetchall(
        "SELECT a.id, a.title, a.published, a.source, a.url, ap.snippet, ap.role,"
        " a.story_id FROM article_people ap JOIN articles a ON a.id = ap.article_id"
        f" WHERE ap.person_id IN ({marks})"
        + (" GROUP BY ap.day, ap.article_id" if len(ids) > 1 else "")
        + " ORDER BY ap.day DESC, ap.article_id DESC LIMIT ? OFFSET ?",
        [*ids, limit + 1, offset],
    ))
    result.has_more = len(page) > limit
    result.articles = [_ref(r, r["snippet"], r["role"]) for r in page[:limit]]
    return result


async def person_activity(
    conn: aiosqlite.Connection, query: str, since: date, max_quotes: int, scan: int = 60
) -> PersonActivity | None:
    """Articles per day naming the person since `since`, and their latest quotes (newest
    first) among the `scan` latest articles about them. None when the name is unknown or
    shared by several people (the text answer asks which one)."""
    people, ambiguous = await resolve_person(conn, query)
    if not people or ambiguous:
        return None
    ids = [pid for pid, _ in people]
    marks = ",".join("?" * len(ids))
    counted = await conn.execute_fetchall(
        "SELECT day, COUNT(DISTINCT article_id) AS n FROM article_people"
        f" WHERE person_id IN ({marks}) AND day >= ? GROUP BY day",
        [*ids, since.isoformat()],
    )
    latest = await conn.execute_fetchall(
        "SELECT a.id, a.day, a.source, a.url, json_extract(a.card, '$.quotes') AS quotes"
        " FROM article_people ap JOIN articles a ON a.id = ap.article_id"
        f" WHERE ap.person_id IN ({marks}) GROUP BY a.id"
        " ORDER BY a.day DESC, a.id DESC LIMIT ?",
        [*ids, scan],
    )
    wanted = {k for _, name in people for k in keys.person_keys(name)}
    quotes: list[PersonQuote] = []
    for r in latest:
        for q in json.loads(r["quotes"] or "[]"):
            speaker = q.get("speaker") or ""
            if speaker and wanted & set(keys.person_keys(speaker)) and q.get("text"):
                quotes.append(PersonQuote(r["id"], date.fromisoformat(r["day"]), r["source"],
                                          r["url"], speaker, q["text"]))
        if len(quotes) >= max_quotes:
            break
    return PersonActivity(
        names=[name for _, name in people],
        per_day={date.fromisoformat(r["day"]): r["n"] for r in counted},
        quotes=quotes[:max_quotes],
    )


async def search_topic(
    conn: aiosqlite.Connection, query: str, limit: int, offset: int
) -> TopicResult:
    """Full-text search over lemmas with a snippet.

    Ranked by BM25 (title weighs 3×) within recency tiers: the newest RECENT_TIER
    articles first, then the older ones. Ranking every match of a common word in a large
    archive costs ~1.5 µs per matching article; the tier keeps that bounded, and for news
    the recent match is the one wanted. Pages are consistent (same order every call).
    """
    limit = max(1, min(limit, MAX_LIMIT))
    result = TopicResult(query=query)
    match = keys.fts_query(query)
    if match is None:
        return result
    need = offset + limit + 1
    hits: list[int] = []
    top = rows.first_row(await conn.execute_fetchall(
        "SELECT max(rowid) AS top FROM articles_fts"
    ))
    cutoff = max(0, ((top["top"] if top else None) or 0) - RECENT_TIER)
    for lo, hi in ((cutoff, None), (None, cutoff)):
        if hi == 0:
            break
        bounds = " AND rowid > :lo" if lo is not None else " AND rowid <= :hi"
        found = await conn.execute_fetchall(
            "SELECT rowid AS id, bm25(articles_fts, 3.0, 1.0) AS score FROM articles_fts"
            f" WHERE articles_fts MATCH :match{bounds} ORDER BY score, rowid LIMIT :n",
            {"match": match, "lo": lo, "hi": hi, "n": need - len(hits)},
        )
        hits += [r["id"] for r in found]
        if len(hits) >= need:
            break
    page = hits[offset:need]
    marks = ",".join("?" * len(page))
    found = await conn.execute_fetchall(
        "SELECT id, title, published, source, url, story_id, text, summary"
        f" FROM articles WHERE id IN ({marks})",
        page,
    )
    by_id = {r["id"]: r for r in found}
    articles = [by_id[i] for i in page if i in by_id]
    lemmas = {lemma for group in keys.query_lemmas(query) for lemma in group}
    result.has_more = len(articles) > limit
    snippets = await asyncio.to_thread(
        lambda: [rows.text_snippet(r["text"], lemmas) or _first(r["summary"])
                 for r in articles[:limit]]
    )
    result.articles = [_ref(r, s, None) for r, s in zip(articles, snippets, strict=False)]
    return result


async def stats(conn: aiosqlite.Connection, since: datetime | date | None, top: int) -> Stats:
    if since is not None and not isinstance(since, datetime):
        since = datetime(since.year, since.month, since.day)
    stamp = rows.utc_stamp(since) if since else "0000"
    window = "SELECT id FROM articles WHERE ingested_at >= :since"
    params = {"since": stamp, "top": top}
    counts = rows.first_row(await conn.execute_fetchall(
        "SELECT COUNT(*) AS articles, COUNT(DISTINCT story_id) AS stories,"
        " COUNT(DISTINCT source) AS sources, (SELECT COUNT(*) FROM articles) AS total"
        " FROM articles WHERE ingested_at >= :since",
        params,
    ))
    assert counts is not None
    found = await conn.execute_fetchall(
        "SELECT p.name, COUNT(*) AS n FROM article_people ap JOIN people p"
        f" ON p.id = ap.person_id WHERE ap.article_id IN ({window})"
        " GROUP BY p.id ORDER BY n DESC, SUM(ap.mentions) DESC, p.name LIMIT :top",
        params,
    )
    top_people = [(r["name"], r["n"]) for r in found]
    people = rows.first_row(await conn.execute_fetchall(
        f"SELECT COUNT(DISTINCT person_id) AS n FROM article_people"
        f" WHERE article_id IN ({window})",
        params,
    ))
    assert people is not None
    found = await conn.execute_fetchall(
        f"SELECT topic, COUNT(*) AS n FROM topics WHERE article_id IN ({window})"
        " GROUP BY topic ORDER BY n DESC, topic LIMIT :top",
        params,
    )
    top_topics = [(r["topic"], r["n"]) for r in found]
    return Stats(
        since=stamp if since else None,
        articles=counts["articles"],
        stories=counts["stories"],
        people=people["n"],
        sources=counts["sources"],
        top_people=top_people,
        top_topics=top_topics,
        total_articles=counts["total"],
    )
