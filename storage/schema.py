"""Schema as an ordered list of forward migrations, tracked in PRAGMA user_version."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Awaitable, Callable
from functools import reduce
from typing import Any

import aiosqlite

from digest import identity, keys
from storage import rows
from storage.cancel import to_the_end
from storage.errors import DatabaseUnusable

# A step is SQL, or a function for what SQL cannot do alone (SQLite's lower() and a hash
# do not know Russian); either runs inside the step's transaction.
Step = str | Callable[[aiosqlite.Connection], Awaitable[None]]


async def _fold_person_into(conn: aiosqlite.Connection, dup: int, keep: int) -> None:
    """Move person `dup`'s links to `keep` (one article naming both: mentions added) and
    delete `dup`."""
    await conn.execute(
        "UPDATE article_people AS ap SET mentions = ap.mentions + d.mentions,"
        " role = coalesce(ap.role, d.role), snippet = coalesce(ap.snippet, d.snippet)"
        " FROM article_people AS d WHERE d.person_id = ? AND ap.person_id = ?"
        " AND ap.article_id = d.article_id",
        (dup, keep),
    )
    await conn.execute(
        "UPDATE OR IGNORE article_people SET person_id = ? WHERE person_id = ?", (keep, dup)
    )
    await conn.execute(
        "UPDATE OR IGNORE person_keys SET person_id = ? WHERE person_id = ?", (keep, dup)
    )
    await conn.execute("DELETE FROM people WHERE id = ?", (dup,))  # cascades the leftovers


async def people_by_identity(conn: aiosqlite.Connection) -> None:
    """One row per person however a source spells ё or case. Rows whose names fold to
    one (digest.keys.person_identity) merge into the oldest, named with every ё any of them
    wrote; `name_key` keeps new spellings from splitting a person again."""
    await conn.execute("ALTER TABLE people ADD COLUMN name_key TEXT")
    groups: dict[str, list[tuple[int, str]]] = {}
    for row in await conn.execute_fetchall("SELECT id, name FROM people ORDER BY id"):
        groups.setdefault(keys.person_identity(row[1]), []).append((row[0], row[1]))
    for members in groups.values():
        (keep, name), *dups = members
        for dup, _ in dups:
            await _fold_person_into(conn, dup, keep)
        best = reduce(keys.with_yo_of, [n for _, n in dups], name)
        if best != name:
            await conn.execute("UPDATE people SET name = ? WHERE id = ?", (best, keep))
    await conn.executemany(
        "UPDATE people SET name_key = ? WHERE id = ?",
        [(key, members[0][0]) for key, members in groups.items()],
    )
    await conn.execute("CREATE UNIQUE INDEX people_name_key ON people(name_key)")


_REHASH_BATCH = 2000


async def rehash_contents(conn: aiosqlite.Connection) -> None:
    """Content hashes of the stored texts as identity.content_hash now computes them
    (typography folded), so a copy in other quotes or dashes of an article stored before is
    found a duplicate. Stored articles that are now equal keep their rows: the oldest takes
    the hash, the others get it suffixed with their id (no upload can match them twice).
    The card is rewritten in Python, not with SQLite's json_set: a card stored with a figure
    of 10^400 holds `Infinity`, which SQLite's JSON rejects; such figures are dropped."""
    # a temporary unique value first: a new hash may equal another row's old one (in
    # batches: one UPDATE over a large table holds about its size in temp memory)
    last = 0
    while True:
        found = list(await conn.execute_fetchall(
            "SELECT max(id) FROM (SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?)",
            (last, _REHASH_BATCH),
        ))
        upto = found[0][0] if found else None
        if upto is None:
            break
        await conn.execute("UPDATE articles SET content_hash = 'rehash:' || id"
                           " WHERE id > ? AND id <= ?", (last, upto))
        last = upto
    taken: set[str] = set()
    last = 0
    while batch := await conn.execute_fetchall(
        "SELECT id, text, card FROM articles WHERE id > ? ORDER BY id LIMIT ?",
        (last, _REHASH_BATCH),
    ):
        chunk = list(batch)
        last = chunk[-1][0]
        # hashing every text and rewriting its card is CPU work: off the event loop
        updates = await asyncio.to_thread(_rehashed, chunk, taken)
        await conn.executemany(
            "UPDATE articles SET content_hash = ?, card = ? WHERE id = ?", updates
        )


def _rehashed(chunk: list[Any], taken: set[str]) -> list[tuple[str, str, int]]:
    """(hash, card, id) for each (id, text, card) row; the hashes given are added to `taken`."""
    updates = []
    for article_id, text, card in chunk:
        new = identity.content_hash(text)
        if new in taken:
            new = f"{new}#{article_id}"
        taken.add(new)
        updates.append((new, _card_with_hash(card, new), article_id))
    return updates


def _card_with_hash(card: str, content_hash: str) -> str:
    data = json.loads(card)  # Python reads `Infinity`
    data["content_hash"] = content_hash
    data["figures"] = [f for f in data.get("figures") or []
                       if rows.finite_figure(f.get("value"), f.get("upper"))]
    return json.dumps(data, ensure_ascii=False)


async def people_and_hashes_folded(conn: aiosqlite.Connection) -> None:
    """v9: see people_by_identity and rehash_contents."""
    await people_by_identity(conn)
    await rehash_contents(conn)


# Version N is reached by running MIGRATIONS[N - 1]. Never edit a shipped step: append one.
MIGRATIONS: list[Step] = [
    # v1: the archive.
    """
    CREATE TABLE articles (
        id           INTEGER PRIMARY KEY,
        title        TEXT NOT NULL,
        subtitle     TEXT,
        published    TEXT,              -- ISO date or NULL
        day          TEXT NOT NULL,     -- published, else the ingestion date: story window, order
        source       TEXT,
        url          TEXT,
        summary      TEXT NOT NULL,     -- JSON list of sentences
        text         TEXT NOT NULL,
        card         TEXT NOT NULL,     -- ArticleCard.to_dict() without text
        content_hash TEXT NOT NULL UNIQUE,
        signature    BLOB,              -- MinHash, little-endian uint32
        story_id     INTEGER,
        ingested_at  TEXT NOT NULL,     -- UTC 'YYYY-MM-DD HH:MM:SS'
        uploaded_by  INTEGER,
        filename     TEXT
    );
    CREATE INDEX articles_day ON articles(day, id);
    CREATE INDEX articles_ingested ON articles(ingested_at);
    CREATE INDEX articles_story ON articles(story_id);

    CREATE TABLE people (
        id   INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE       -- canonical nominative name as analysed
    );
    CREATE TABLE person_keys (
        key       TEXT NOT NULL,
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        PRIMARY KEY (key, person_id)
    ) WITHOUT ROWID;
    CREATE INDEX person_keys_person ON person_keys(person_id);
    CREATE TABLE article_people (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        day        TEXT NOT NULL,     -- copy of articles.day: newest-first scans by index
        mentions   INTEGER NOT NULL DEFAULT 0,
        role       TEXT,
        snippet    TEXT,
        PRIMARY KEY (article_id, person_id)
    ) WITHOUT ROWID;
    CREATE INDEX article_people_person ON article_people(person_id, day, article_id);

    CREATE TABLE organizations (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        name TEXT NOT NULL, mentions INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX organizations_article ON organizations(article_id);
    CREATE INDEX organizations_name ON organizations(name);
    CREATE TABLE locations (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        name TEXT NOT NULL, mentions INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX locations_article ON locations(article_id);
    CREATE INDEX locations_name ON locations(name);
    CREATE TABLE figures (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        text TEXT NOT NULL, value REAL, unit TEXT, kind TEXT, context TEXT
    );
    CREATE INDEX figures_article ON figures(article_id);
    CREATE TABLE quotes (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        speaker TEXT, text TEXT NOT NULL
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE TABLE topics (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        topic TEXT NOT NULL,
        PRIMARY KEY (article_id, topic)
    ) WITHOUT ROWID;
    CREATE INDEX topics_topic ON topics(topic, article_id);

    -- rowid = articles.id; lemmas only (see digest.keys.index_text)
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.id;
    END;
    """,
    # v2: subscribers, deliveries, audit log.
    """
    CREATE TABLE subscribers (
        chat_id       INTEGER PRIMARY KEY,
        active        INTEGER NOT NULL DEFAULT 1,
        delivery_time TEXT NOT NULL DEFAULT '08:00',
        tz            TEXT NOT NULL DEFAULT 'Europe/Moscow',
        created_at    TEXT NOT NULL,
        blocked_at    TEXT
    );
    CREATE TABLE follows (
        chat_id INTEGER NOT NULL REFERENCES subscribers(chat_id) ON DELETE CASCADE,
        kind    TEXT NOT NULL CHECK (kind IN ('person', 'topic')),
        value   TEXT NOT NULL,
        PRIMARY KEY (chat_id, kind, value)
    ) WITHOUT ROWID;
    CREATE TABLE deliveries (
        id          INTEGER PRIMARY KEY,
        chat_id     INTEGER NOT NULL REFERENCES subscribers(chat_id) ON DELETE CASCADE,
        digest_date TEXT NOT NULL,
        status      TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'partial', 'sent', 'failed', 'blocked')),
        attempts    INTEGER NOT NULL DEFAULT 0,
        message_ids TEXT NOT NULL DEFAULT '[]',
        error       TEXT,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        UNIQUE (chat_id, digest_date)
    );
    CREATE INDEX deliveries_status ON deliveries(status, digest_date);
    CREATE TABLE audit_log (
        id         INTEGER PRIMARY KEY,
        actor      INTEGER,
        action     TEXT NOT NULL,
        article_id INTEGER,             -- no foreign key: the log outlives deleted articles
        detail     TEXT,
        at         TEXT NOT NULL
    );
    CREATE INDEX audit_log_article ON audit_log(article_id);
    """,
    # v3: digest outbox (the rendered parts are stored before the first send, so a resumed
    # delivery sends exactly the remaining parts), each digest's article window, run stats.
    """
    ALTER TABLE deliveries ADD COLUMN parts TEXT;         -- JSON [{"text", "reply_markup"}]
    ALTER TABLE deliveries ADD COLUMN window_since TEXT;  -- UTC stamps: articles ingested
    ALTER TABLE deliveries ADD COLUMN window_until TEXT;  -- in [since, until)
    CREATE TABLE digest_runs (
        id          INTEGER PRIMARY KEY,
        started_at  TEXT NOT NULL,
        finished_at TEXT,
        due         INTEGER NOT NULL DEFAULT 0,
        resumed     INTEGER NOT NULL DEFAULT 0,
        sent        INTEGER NOT NULL DEFAULT 0,
        empty       INTEGER NOT NULL DEFAULT 0,
        failed      INTEGER NOT NULL DEFAULT 0,
        blocked     INTEGER NOT NULL DEFAULT 0,
        pending     INTEGER NOT NULL DEFAULT 0,
        messages    INTEGER NOT NULL DEFAULT 0,
        retry_after INTEGER NOT NULL DEFAULT 0,
        error       TEXT
    );
    """,
    # v4: feed sources with their schedule and health; entries already taken (storage.feeds).
    """
    CREATE TABLE feed_sources (
        id            INTEGER PRIMARY KEY,
        url           TEXT NOT NULL UNIQUE,  -- the feed itself, after autodiscovery
        name          TEXT NOT NULL,         -- becomes the articles' source
        interval_s    INTEGER NOT NULL DEFAULT 600,
        paused        INTEGER NOT NULL DEFAULT 0,
        etag          TEXT,
        last_modified TEXT,
        next_at       TEXT NOT NULL,         -- UTC stamp of the next fetch
        last_success  TEXT,
        last_error    TEXT,
        last_error_at TEXT,
        failures      INTEGER NOT NULL DEFAULT 0,  -- in a row: the backoff exponent
        items_taken   INTEGER NOT NULL DEFAULT 0,
        added_by      INTEGER,
        added_at      TEXT NOT NULL
    );
    CREATE INDEX feed_sources_due ON feed_sources(paused, next_at);
    -- no foreign key: what was taken stays taken after its source is deleted
    CREATE TABLE feed_entries (
        source_id  INTEGER NOT NULL,
        key        TEXT NOT NULL,          -- the entry's id, else its link
        link       TEXT,
        outcome    TEXT NOT NULL CHECK (outcome IN ('added', 'duplicate', 'rejected')),
        article_id INTEGER,
        seen_at    TEXT NOT NULL,
        PRIMARY KEY (source_id, key)
    ) WITHOUT ROWID;
    CREATE INDEX feed_entries_link ON feed_entries(link);
    """,
    # v5: organizations, locations, figures and quotes were written for every article and never
    # read: the card (articles.card, JSON) holds them and is what every reader is shown.
    """
    DROP TABLE organizations;
    DROP TABLE locations;
    DROP TABLE figures;
    DROP TABLE quotes;
    """,
    # v6: upload batches and what became of each member, written as it happens, so a batch a
    # stop cut short is reported after the restart (storage.batches).
    """
    CREATE TABLE batches (
        id          INTEGER PRIMARY KEY,
        chat_id     INTEGER NOT NULL,
        message_id  INTEGER,            -- the progress message
        filename    TEXT NOT NULL,
        uploaded_by INTEGER,
        total       INTEGER NOT NULL,
        started_at  TEXT NOT NULL,
        finished_at TEXT
    );
    CREATE INDEX batches_open ON batches(finished_at);
    CREATE TABLE batch_members (
        batch_id   INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        name       TEXT NOT NULL,
        status     TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'added', 'duplicate', 'rejected')),
        article_id INTEGER,             -- no foreign key: the record outlives deleted articles
        reason     TEXT,
        PRIMARY KEY (batch_id, position)
    ) WITHOUT ROWID;
    """,
    # v7: what kind of chat a subscriber is; channels and groups a bot admin attached with
    # /channel carry their name, who attached them and whether that admin was told that the
    # bot lost the chat (storage.subscribers).
    """
    ALTER TABLE subscribers ADD COLUMN kind TEXT NOT NULL DEFAULT 'private'
        CHECK (kind IN ('private', 'group', 'channel'));
    ALTER TABLE subscribers ADD COLUMN title TEXT;
    ALTER TABLE subscribers ADD COLUMN username TEXT;
    ALTER TABLE subscribers ADD COLUMN attached_by INTEGER;
    ALTER TABLE subscribers ADD COLUMN paused_notice_at TEXT;
    UPDATE subscribers SET kind = 'group' WHERE chat_id < 0;  -- groups that subscribed
    """,
    # v8: a batch's report is sent at least once: each send begun is counted before it goes
    # out (a restart that finds one resends it marked as a repeat), and the batch is closed
    # together with the message id Telegram confirmed (bot.batch_report).
    """
    ALTER TABLE batches ADD COLUMN report_attempts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE batches ADD COLUMN report_message_id INTEGER;
    ALTER TABLE batches ADD COLUMN report_error TEXT;  -- why the report was given up
    """,
    # v9: people keyed by their folded name (ё/е, case), duplicates merged; content hashes
    # fold typography (quotes, dashes, NBSP, soft hyphens).
    people_and_hashes_folded,
]

SCHEMA_VERSION = len(MIGRATIONS)


class SchemaError(DatabaseUnusable):
    """The database file was written by a newer version of the program."""

    def __init__(self, found: int, where: object = "база") -> None:
        super().__init__(
            f"{where}: создана более новой версией newsdigest (схема v{found}, эта версия "
            f"знает до v{SCHEMA_VERSION}) — обновите программу; база не изменена"
        )
        self.found = found


async def user_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def migrate(conn: aiosqlite.Connection, target: int = SCHEMA_VERSION) -> int:
    """Apply the missing steps up to `target`, each in its own transaction. Returns the version."""
    current = await user_version(conn)
    if current > SCHEMA_VERSION:
        raise SchemaError(current)
    for version in range(current + 1, target + 1):
        try:
            # BEGIN and COMMIT inside the try: a cancel (a stop during start-up) can land
            # while either still runs in the connection's thread (as in Database.write)
            await conn.execute("BEGIN IMMEDIATE")
            step = MIGRATIONS[version - 1]
            if isinstance(step, str):
                # executescript would COMMIT first; run the statements one by one instead.
                for statement in _statements(step):
                    await conn.execute(statement)
            else:
                await step(conn)
            await conn.execute(f"PRAGMA user_version = {version:d}")
            await conn.commit()
        except BaseException:
            await to_the_end(conn.rollback())
            raise
    return max(current, target)


def _statements(script: str) -> list[str]:
    """Split a migration into statements (sqlite3.complete_statement handles triggers)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip() and not buf.strip().startswith("--"):
        out.append(buf.strip())
    return out
