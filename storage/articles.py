"""Articles: add (one transaction each), get, recent, delete."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from datetime import date

import aiosqlite

from digest import identity, keys
from digest.card import ArticleCard, Person
from digest.identity import StoryKey
from storage import rows
from storage.db import Database
from storage.models import AddResult, StoredArticle
from storage.stories import KEY_COLUMNS, StoryWindow, stored_key

_ARTICLE_COLUMNS = "id, story_id, ingested_at, uploaded_by, filename, card, text, signature"


class ArticlesMixin:
    db: Database
    _stories: StoryWindow

    async def _load_day(self, day: str) -> list[tuple[int, int | None, StoryKey | None]]:
        async with self.db.read() as conn:
            found_rows = await conn.execute_fetchall(
                f"SELECT id, story_id, {KEY_COLUMNS} FROM articles WHERE day = ?", (day,)
            )

        def keys() -> list[tuple[int, int | None, StoryKey | None]]:
            return [(r[0], r[1], stored_key(*r[2:])) for r in found_rows]

        return await asyncio.to_thread(keys)  # JSON and name keys: off the event loop

    async def add_article(
        self,
        card: ArticleCard,
        *,
        uploaded_by: int | None = None,
        filename: str | None = None,
        index_text: tuple[str, str] | None = None,
    ) -> AddResult:
        """Store one analysed article in a single transaction.

        An exact re-upload (same content_hash) is not stored: status "duplicate" with the
        existing id. A report of the same event (digest.identity.same_story: the same or the
        next day, or a reprint within a week) joins that article's story. `index_text` =
        precomputed (title, body) lemma text; computed with digest.keys.index_text when omitted.
        """
        if not card.content_hash:
            raise ValueError("card.content_hash is empty")
        # lemmatizing is CPU work: keep it off the event loop (the bot stays responsive)
        title_idx, body_idx, snippets = await asyncio.to_thread(_prepare, card, index_text)
        now = rows.utc_stamp()
        day = card.published.isoformat() if card.published else now[:10]
        async with self.db.write() as conn:
            found_rows = await conn.execute_fetchall(
                "SELECT data_version, a.id, a.story_id FROM pragma_data_version"
                " LEFT JOIN articles a ON a.content_hash = ?",
                (card.content_hash,),
            )
            version, existing_id, existing_story = rows.first_row(found_rows)
            if existing_id is not None:
                return AddResult("duplicate", existing_id, existing_story)
            # another process committed since our last write: its articles are not cached
            self._stories.check_version(version)
            key = identity.story_key(card, date.fromisoformat(day))
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
            await _insert_entities(conn, article_id, card)
            if uploaded_by is not None:
                await conn.execute(
                    "INSERT INTO audit_log(actor, action, article_id, detail, at)"
                    " VALUES (?, 'add', ?, ?, ?)",
                    (uploaded_by, article_id, filename, now),
                )
        self._stories.added(article_id, story_id, key)
        return AddResult("added", article_id, story_id)

    async def get_stored(self, article_id: int) -> StoredArticle | None:
        async with self.db.read() as conn:
            found_rows = await conn.execute_fetchall(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
            )
            row = rows.first_row(found_rows)
        return _stored(row, with_text=True) if row else None

    async def get_article(self, article_id: int) -> ArticleCard | None:
        stored = await self.get_stored(article_id)
        return stored.card if stored else None

    async def delete_article(self, article_id: int, actor: int | None) -> bool:
        """Delete an article and everything hanging off it; logged in the audit log."""
        async with self.db.write() as conn:
            found_rows = await conn.execute_fetchall(
                "SELECT person_id FROM article_people WHERE article_id = ?", (article_id,)
            )
            person_ids = [r[0] for r in found_rows]
            found_rows = await conn.execute_fetchall(
                "DELETE FROM articles WHERE id = ? RETURNING title", (article_id,)
            )
            deleted = rows.first_row(found_rows)
            if not deleted:
                return False
            await conn.executemany(
                "DELETE FROM people WHERE id = ? AND NOT EXISTS"
                " (SELECT 1 FROM article_people WHERE person_id = ?)",
                [(pid, pid) for pid in person_ids],
            )
            await conn.execute(
                "INSERT INTO audit_log(actor, action, article_id, detail, at)"
                " VALUES (?, 'delete', ?, ?, ?)",
                (actor, article_id, deleted[0], rows.utc_stamp()),
            )
        self._stories.forget()
        return True


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
            json.dumps(replace(card, text="", signature=[]).to_dict(), ensure_ascii=False),
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
    """Batched: a handful of round trips to the writer thread whatever the number of people."""
    mentions: dict[str, tuple[Person, str | None]] = {}
    for person, snippet in zip(card.people, snippets, strict=True):
        name = " ".join(person.name.split())
        if name and name not in mentions:
            mentions[name] = (person, snippet)
    if not mentions:
        return
    names = list(mentions)
    await conn.executemany(
        "INSERT INTO people(name) VALUES (?) ON CONFLICT(name) DO NOTHING", [(n,) for n in names]
    )
    ids = {
        name: pid
        for pid, name in await conn.execute_fetchall(
            f"SELECT id, name FROM people WHERE name IN ({','.join('?' * len(names))})", names
        )
    }
    await conn.executemany(
        "INSERT OR IGNORE INTO person_keys(key, person_id) VALUES (?, ?)",
        [(k, ids[n]) for n in names for k in keys.person_keys(n)],
    )
    await conn.executemany(
        "INSERT INTO article_people(article_id, person_id, day, mentions, role, snippet)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(article_id, ids[n], day, p.mentions, p.role, snip) for n, (p, snip) in mentions.items()],
    )


async def _insert_entities(conn: aiosqlite.Connection, article_id: int, card: ArticleCard) -> None:
    batches = [
        (
            "INSERT INTO organizations(article_id, name, mentions) VALUES (?, ?, ?)",
            [(article_id, e.name, e.mentions) for e in card.organizations],
        ),
        (
            "INSERT INTO locations(article_id, name, mentions) VALUES (?, ?, ?)",
            [(article_id, e.name, e.mentions) for e in card.locations],
        ),
        (
            "INSERT INTO figures(article_id, text, value, unit, kind, context)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(article_id, f.text, f.value, f.unit, f.kind, f.context) for f in card.figures],
        ),
        (
            "INSERT INTO quotes(article_id, speaker, text) VALUES (?, ?, ?)",
            [(article_id, q.speaker, q.text) for q in card.quotes],
        ),
        (
            "INSERT OR IGNORE INTO topics(article_id, topic) VALUES (?, ?)",
            [(article_id, t) for t in dict.fromkeys(card.topics)],
        ),
    ]
    for sql, params in batches:
        if params:  # every call is a round trip to the writer thread
            await conn.executemany(sql, params)


def _stored(row: tuple, *, with_text: bool) -> StoredArticle:
    article_id, story_id, ingested_at, uploaded_by, filename, card_json, text, sig = row
    data = json.loads(card_json)
    data["text"] = text if with_text else ""
    card = ArticleCard.from_dict(data)
    card.signature = rows.unpack_signature(sig)
    return StoredArticle(article_id, story_id, ingested_at, uploaded_by, filename, card)
