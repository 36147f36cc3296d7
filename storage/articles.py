"""The articles repository: articles with their people, topics, full-text index and stories.
Owns `articles`, `people`, `person_keys`, `article_people`, `topics` and `articles_fts`."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from datetime import date, datetime
from typing import Any, NamedTuple

import aiosqlite

from digest import identity, keys
from digest.card import ArticleCard, Person
from digest.compose import DigestArticle
from digest.identity import StoryKey
from storage import audit, batches, rows, search, stories
from storage.db import Database
from storage.models import (
    AddResult,
    ArticleRef,
    PersonActivity,
    PersonResult,
    Stats,
    StoredArticle,
    TopicResult,
)
from storage.stories import KEY_COLUMNS, StoryWindow, stored_key

_ARTICLE_COLUMNS = "id, story_id, ingested_at, uploaded_by, filename, card, text, signature"


class ArticleRepo:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._stories = StoryWindow(self._load_day)

    async def _load_day(self, day: str) -> list[tuple[int, int | None, StoryKey | None]]:
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                f"SELECT id, story_id, {KEY_COLUMNS} FROM articles WHERE day = ?", (day,)
            )

        def story_keys() -> list[tuple[int, int | None, StoryKey | None]]:
            return [
                (r["id"], r["story_id"], stored_key(*(r[c] for c in range(2, len(r)))))
                for r in found
            ]

        return await asyncio.to_thread(story_keys)  # JSON and name keys: off the event loop

    async def add(
        self,
        card: ArticleCard,
        *,
        uploaded_by: int | None = None,
        filename: str | None = None,
        index_text: tuple[str, str] | None = None,
        batch_member: batches.MemberRef | None = None,
    ) -> AddResult:
        """Store one analysed article in a single transaction.

        An exact re-upload (same content_hash) is not stored: status "duplicate" with the
        existing id. A report of the same event (digest.identity.same_story: the same or the
        next day, or a reprint within a week) joins that article's story. `index_text` =
        precomputed (title, body) lemma text; computed with digest.keys.index_text when omitted.
        `batch_member`: the upload batch line that records this outcome in the same transaction.
        """
        if not card.content_hash:
            raise ValueError("card.content_hash is empty")
        # lemmatizing is CPU work: keep it off the event loop (the bot stays responsive)
        title_idx, body_idx, snippets = await asyncio.to_thread(_prepare, card, index_text)
        now = rows.utc_stamp()
        day = card.published.isoformat() if card.published else now[:10]
        key = await asyncio.to_thread(identity.story_key, card, date.fromisoformat(day))
        async with self.db.write() as conn:
            found = rows.first_row(await conn.execute_fetchall(
                "SELECT data_version, a.id, a.story_id FROM pragma_data_version"
                " LEFT JOIN articles a ON a.content_hash = ?",
                (card.content_hash,),
            ))
            assert found is not None
            if found["id"] is not None:
                if batch_member is not None:
                    await batches.record_in(conn, batch_member, "duplicate", found["id"])
                return AddResult("duplicate", found["id"], found["story_id"])
            # another process committed since our last write: its articles are not cached
            self._stories.check_version(found["data_version"])
            story = await self._stories.find_story(key)
            article_id = await _insert_article(conn, card, day, now, uploaded_by, filename)
            story_id = story or article_id
            await conn.execute(
                "UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id)
            )
            await conn.execute(
                "INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)",
                (article_id, title_idx, body_idx),
            )
            await _insert_people(conn, article_id, day, card, snippets)
            topics = [(article_id, t) for t in dict.fromkeys(card.topics)]
            if topics:
                await conn.executemany(
                    "INSERT OR IGNORE INTO topics(article_id, topic) VALUES (?, ?)", topics
                )
            if uploaded_by is not None:
                await audit.record_in(conn, uploaded_by, "add", article_id, filename)
            if batch_member is not None:
                await batches.record_in(conn, batch_member, "added", article_id)
        self._stories.added(article_id, story_id, key)
        return AddResult("added", article_id, story_id)

    async def fill_from_duplicate(
        self, article_id: int, card: ArticleCard, *, explicit_date: bool
    ) -> Amended:
        """Metadata a duplicate upload knows better, written into the stored article: a
        source or url it lacks, a date it lacks, or — when the duplicate's date is explicit
        (a record's own field) — the year of a date whose day and month agree (the stored
        one read a year-less dateline and guessed the year). Other differences are only
        returned, never written: a wrong date is worse than one left as it was."""
        async with self.db.write() as conn:
            row = rows.first_row(await conn.execute_fetchall(
                "SELECT published, source, url, card FROM articles WHERE id = ?", (article_id,)
            ))
            if row is None:
                return Amended([], [])
            changes, amended = _amendments(row, card, explicit_date)
            if not changes:
                return amended
            stored = json.loads(row["card"])  # in Python: an old card may hold `Infinity`
            stored.update({k: v for k, v in changes.items() if k != "day"})
            await conn.execute(
                f"UPDATE articles SET {', '.join(f'{c} = :{c}' for c in changes)},"
                " card = :card WHERE id = :id",
                {**changes, "id": article_id, "card": json.dumps(stored, ensure_ascii=False)},
            )
            if "day" in changes:
                await conn.execute("UPDATE article_people SET day = ? WHERE article_id = ?",
                                   (changes["day"], article_id))
        if "day" in changes:
            self._stories.forget()  # the article moved to another day's window
        return amended

    async def stale_signatures(self) -> int:
        """Articles whose signature is missing or of an older identity.SIGNATURE_VERSION."""
        return await stories.stale_signatures(self.db)

    async def rebuild_signatures(self) -> stories.Rebuilt:
        """Recompute the stale signatures and let those articles join their stories."""
        return await stories.rebuild_signatures(self.db, self._stories)

    async def get_stored(self, article_id: int) -> StoredArticle | None:
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
            )
        row = rows.first_row(found)
        return _stored(row) if row else None

    async def get(self, article_id: int) -> ArticleCard | None:
        stored = await self.get_stored(article_id)
        return stored.card if stored else None

    async def story_reports(self, article_id: int, limit: int = 20) -> list[ArticleRef]:
        """The other reports grouped into this article's story, oldest first."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT o.id, o.title, o.published, o.source, o.url, o.story_id"
                " FROM articles a JOIN articles o ON o.story_id = a.story_id AND o.id != a.id"
                " WHERE a.id = ? ORDER BY o.id LIMIT ?",
                (article_id, limit),
            )
        return [
            ArticleRef(r["id"], r["title"], rows.parse_date(r["published"]), r["source"],
                       r["url"], None, None, r["story_id"])
            for r in found
        ]

    async def title(self, article_id: int) -> str | None:
        """The title alone (to name an article before deleting it)."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT title FROM articles WHERE id = ?", (article_id,)
            )
        row = rows.first_row(found)
        return row["title"] if row else None

    async def delete(self, article_id: int, actor: int | None) -> bool:
        """Delete an article and everything hanging off it; logged in the audit log."""
        async with self.db.write() as conn:
            found = await conn.execute_fetchall(
                "SELECT person_id FROM article_people WHERE article_id = ?", (article_id,)
            )
            person_ids = [r["person_id"] for r in found]
            deleted = rows.first_row(await conn.execute_fetchall(
                "DELETE FROM articles WHERE id = ? RETURNING title", (article_id,)
            ))
            if not deleted:
                return False
            await conn.executemany(
                "DELETE FROM people WHERE id = ? AND NOT EXISTS"
                " (SELECT 1 FROM article_people WHERE person_id = ?)",
                [(pid, pid) for pid in person_ids],
            )
            await audit.record_in(conn, actor, "delete", article_id, deleted["title"])
        self._stories.forget()
        return True

    async def between(
        self, since: datetime, until: datetime, *, limit: int = 5000
    ) -> list[DigestArticle]:
        """Articles ingested in [since, until) (aware or naive-UTC datetimes), oldest first."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT id, story_id, card FROM articles WHERE ingested_at >= ?"
                " AND ingested_at < ? ORDER BY ingested_at, id LIMIT ?",
                (rows.utc_stamp(since), rows.utc_stamp(until), limit),
            )
        return [_digest_article(r) for r in found]

    async def published_on(self, day: date, *, limit: int = 5000) -> list[DigestArticle]:
        """Articles published on `day` (by their own date), oldest first."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall(
                "SELECT id, story_id, card FROM articles WHERE published = ?"
                " ORDER BY ingested_at, id LIMIT ?",
                (day.isoformat(), limit),
            )
        return [_digest_article(r) for r in found]

    # --- queries (storage.search) ----------------------------------------------------------

    async def resolve_person(self, query: str) -> tuple[list[tuple[int, str]], bool]:
        """(people, ambiguous): see storage.search.resolve_person."""
        async with self.db.read() as conn:
            return await search.resolve_person(conn, query)

    async def find_person(self, query: str, limit: int = 10, offset: int = 0) -> PersonResult:
        """Articles about a person, newest first; or the candidates when the name is shared."""
        async with self.db.read() as conn:
            return await search.find_person(conn, query, limit, offset)

    async def person_names(self) -> list[str]:
        """Every person's canonical name the archive knows (for "did you mean")."""
        async with self.db.read() as conn:
            found = await conn.execute_fetchall("SELECT name FROM people")
        return [r[0] for r in found]

    async def prominent_people(self, recent: int = 2000, limit: int = 5) -> list[str]:
        """Names of the people most written about lately: see storage.search."""
        async with self.db.read() as conn:
            return await search.prominent_people(conn, recent, limit)

    async def person_activity(
        self, query: str, since: date, max_quotes: int = 5
    ) -> PersonActivity | None:
        """Mentions per day since `since` and latest quotes: see storage.search."""
        async with self.db.read() as conn:
            return await search.person_activity(conn, query, since, max_quotes)

    async def search_topic(self, query: str, limit: int = 10, offset: int = 0) -> TopicResult:
        """Full-text search over lemmas, BM25 within recency tiers, with a snippet."""
        async with self.db.read() as conn:
            return await search.search_topic(conn, query, limit, offset)

    async def stats(self, since: datetime | date | None = None, top: int = 10) -> Stats:
        """Counts over articles ingested since `since` (all time when None)."""
        async with self.db.read() as conn:
            return await search.stats(conn, since, top)


class Amended(NamedTuple):
    """What a duplicate upload filled in (Russian words) and where it differs, unwritten."""

    filled: list[str]
    differs: list[str]


def _amendments(
    row: Any, card: ArticleCard, explicit_date: bool
) -> tuple[dict[str, str], Amended]:
    changes: dict[str, str] = {}
    amended = Amended([], [])
    another_outlet = bool(card.source and row["source"] and card.source != row["source"])
    stored = rows.parse_date(row["published"])
    if card.published and card.published != stored:
        guessed_year = (stored is not None and explicit_date
                        and (stored.month, stored.day) == (card.published.month,
                                                           card.published.day))
        if (stored is None or guessed_year) and not another_outlet:
            changes["published"] = changes["day"] = card.published.isoformat()
            amended.filled.append("год" if guessed_year else "дата")
        else:
            amended.differs.append(f"другая дата {card.published.isoformat()}"
                                   f" (в архиве {stored.isoformat() if stored else 'нет'})")
    if card.source and not row["source"]:
        changes["source"] = card.source
        amended.filled.append("источник")
    elif card.source and card.source != row["source"]:
        amended.differs.append(f"другой источник «{card.source}» (в архиве «{row['source']}»)")
    if card.url and not row["url"]:
        if another_outlet:  # its link is that outlet's page, not the stored article's
            amended.differs.append(f"своя ссылка {card.url}")
        else:
            changes["url"] = card.url
            amended.filled.append("ссылка")
    return changes, amended


def _prepare(
    card: ArticleCard, index_text: tuple[str, str] | None
) -> tuple[str, str, list[str | None]]:
    title_idx, body_idx = index_text or keys.card_index_text(card)
    return title_idx, body_idx, [rows.person_snippet(p, card) for p in card.people]


async def _insert_article(
    conn: aiosqlite.Connection,
    card: ArticleCard,
    day: str,
    now: str,
    uploaded_by: int | None,
    filename: str | None,
) -> int:
    row = await conn.execute_insert(
        "INSERT INTO articles(title, subtitle, published, day, source, url, summary, text, card,"
        " content_hash, signature, ingested_at, uploaded_by, filename)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            card.title,
            card.subtitle,
            card.published.isoformat() if card.published else None,
            day,
            card.source,
            card.url,
            json.dumps(card.summary, ensure_ascii=False),
            card.text,
            # text and signature have their own columns; dropping them first also spares
            # asdict() deep-copying them
            # figures too large for a float (10^400 read as inf) would be stored as
            # `Infinity`, which SQLite's JSON functions reject
            json.dumps(replace(card, text="", signature=[], figures=[
                f for f in card.figures if rows.finite_figure(f.value, f.upper)
            ]).to_dict(), ensure_ascii=False),
            card.content_hash,
            rows.pack_signature(card.signature),
            now,
            uploaded_by,
            filename,
        ),
    )
    assert row is not None
    return int(row[0])


async def _insert_people(
    conn: aiosqlite.Connection,
    article_id: int,
    day: str,
    card: ArticleCard,
    snippets: list[str | None],
) -> None:
    """Batched: a handful of round trips to the writer thread whatever the number of people.

    One row per person whatever the spelling of ё or case (keys.person_identity); the stored
    name takes the ё a new spelling writes."""
    mentions = _mentions_by_identity(card.people, snippets)
    if not mentions:
        return
    await conn.executemany(
        "INSERT OR IGNORE INTO people(name, name_key) VALUES (?, ?)",
        [(p.name, key) for key, (p, _) in mentions.items()],
    )
    marks = ",".join("?" * len(mentions))
    found = await conn.execute_fetchall(
        f"SELECT id, name, name_key FROM people WHERE name_key IN ({marks})", list(mentions)
    )
    ids = {r["name_key"]: r["id"] for r in found}
    renamed = [
        (better, r["id"]) for r in found
        if (better := keys.with_yo_of(r["name"], mentions[r["name_key"]][0].name)) != r["name"]
    ]
    if renamed:
        await conn.executemany("UPDATE people SET name = ? WHERE id = ?", renamed)
    await conn.executemany(
        "INSERT OR IGNORE INTO person_keys(key, person_id) VALUES (?, ?)",
        [(k, ids[key]) for key, (p, _) in mentions.items() for k in keys.person_keys(p.name)],
    )
    await conn.executemany(
        "INSERT INTO article_people(article_id, person_id, day, mentions, role, snippet)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(article_id, ids[key], day, p.mentions, p.role, snip)
         for key, (p, snip) in mentions.items()],
    )


def _mentions_by_identity(
    people: list[Person], snippets: list[str | None]
) -> dict[str, tuple[Person, str | None]]:
    """The card's people by keys.person_identity, spellings of one person merged: mentions
    added, the first role and snippet, every ё kept."""
    merged: dict[str, tuple[Person, str | None]] = {}
    for person, snippet in zip(people, snippets, strict=True):
        name = " ".join(person.name.split())
        if not name:
            continue
        key = keys.person_identity(name)
        if key not in merged:
            merged[key] = (replace(person, name=name), snippet)
            continue
        first, first_snippet = merged[key]
        merged[key] = (
            replace(first, name=keys.with_yo_of(first.name, name),
                    mentions=first.mentions + person.mentions, role=first.role or person.role),
            first_snippet or snippet,
        )
    return merged


def _stored(row: Any) -> StoredArticle:
    data = json.loads(row["card"])
    data["text"] = row["text"]
    card = ArticleCard.from_dict(data)
    card.signature = rows.unpack_signature(row["signature"])
    return StoredArticle(row["id"], row["story_id"], row["ingested_at"], row["uploaded_by"],
                         row["filename"], card)


def _digest_article(row: Any) -> DigestArticle:
    data = json.loads(row["card"])
    data["text"] = ""
    return DigestArticle(row["id"], row["story_id"], ArticleCard.from_dict(data))
