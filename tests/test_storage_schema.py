"""Migrations from an empty file and from every earlier version."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import date

import aiosqlite
import pytest
from outbox_rows import bare_delivery
from test_storage_cards import LAVROV_TEXT, make_card

from storage import SCHEMA_VERSION, Archive, SchemaError
from storage.db import connect
from storage.schema import MIGRATIONS, migrate, user_version


def schema_sql(path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")}


def tables(path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        return {r[0] for r in rows}


async def test_empty_file_gets_latest_schema(tmp_path):
    path = tmp_path / "new.sqlite3"
    async with Archive.open(path):
        pass
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 2
    assert {
        "articles",
        "articles_fts",
        "people",
        "person_keys",
        "article_people",
        "subscribers",
        "follows",
        "deliveries",
        "audit_log",
    } <= tables(path)


async def test_reopen_is_idempotent(tmp_path):
    path = tmp_path / "x.sqlite3"
    for _ in range(2):
        async with Archive.open(path) as archive:
            await archive.subscribers.subscribe(1, delivery_time="09:00", tz="Europe/Moscow")
    async with Archive.open(path) as archive:
        assert len(await archive.subscribers.all()) == 1


@pytest.mark.parametrize("start", range(1, SCHEMA_VERSION))
async def test_upgrade_from_earlier_version_keeps_data(tmp_path, start):
    path = tmp_path / f"v{start}.sqlite3"
    conn = await connect(path)
    try:
        assert await migrate(conn, target=start) == start
    finally:
        await conn.close()
    fresh = tmp_path / "fresh.sqlite3"
    async with Archive.open(fresh):
        pass
    assert schema_sql(path) != schema_sql(fresh)  # really an older schema
    # write v1 data with plain SQL, as the v1 program would have
    card = make_card("Старая статья", LAVROV_TEXT, people=[("Сергей Лавров", "министр", 2)])
    async with aiosqlite.connect(path) as raw:
        await raw.execute(
            "INSERT INTO articles(id, title, day, summary, text, card, content_hash, story_id,"
            " ingested_at) VALUES (5, 'Старая статья', '2025-03-10', '[]', ?, ?, ?, 5,"
            " '2025-03-10 10:00:00')",
            (card.text, '{"title": "Старая статья"}', card.content_hash),
        )
        await raw.execute("INSERT INTO people(id, name) VALUES (1, 'Сергей Лавров')")
        await raw.execute("INSERT INTO person_keys VALUES ('лавров', 1), ('сергей лавров', 1)")
        await raw.execute(
            "INSERT INTO article_people VALUES (5, 1, '2025-03-10', 2, 'министр', 'Сниппет')"
        )
        await raw.execute(
            "INSERT INTO articles_fts(rowid, title, body) VALUES (5, 'старый статья', 'лавров')"
        )
        await raw.commit()

    async with Archive.open(path) as archive:
        assert await user_version(archive.db._writer) == SCHEMA_VERSION
        assert schema_sql(path) == schema_sql(fresh)
        found = await archive.articles.find_person("Лаврова")
        assert [(a.id, a.snippet) for a in found.articles] == [(5, "Сниппет")]
        assert [a.id for a in (await archive.articles.search_topic("статьи")).articles] == [5]
        # v2 features work on the upgraded file
        await archive.subscribers.subscribe(10, delivery_time="09:00", tz="Europe/Moscow")
        delivery = await bare_delivery(archive, 10, date(2025, 3, 11))
        assert delivery.status == "pending"
        assert (await archive.articles.add(card)).status == "duplicate"


async def test_failed_migration_rolls_back(tmp_path, monkeypatch):
    path = tmp_path / "bad.sqlite3"
    monkeypatch.setattr("storage.schema.MIGRATIONS", [*MIGRATIONS[:1], "CREATE TABLE oops(;"])
    conn = await connect(path)
    try:
        with pytest.raises(sqlite3.OperationalError):
            await migrate(conn, target=2)
        assert await user_version(conn) == 1
    finally:
        await conn.close()


async def test_newer_file_is_refused(tmp_path):
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaError):
        async with Archive.open(path):
            pass


async def test_a_stop_during_a_migrations_begin_leaves_no_transaction_open(tmp_path):
    """A cancel (a stop during start-up) that lands while BEGIN IMMEDIATE still runs in the
    connection's thread: the half-open transaction is rolled back, so the same connection
    migrates on the next try instead of failing with "cannot start a transaction within a
    transaction"."""
    conn = await connect(tmp_path / "stopped.sqlite3")
    try:
        execute = conn.execute

        def cancelled_at_begin(sql: str, *args):
            if sql == "BEGIN IMMEDIATE":
                task = asyncio.current_task()
                assert task is not None
                task.cancel()  # delivered at the await on this very statement
            return execute(sql, *args)

        conn.execute = cancelled_at_begin  # type: ignore[method-assign]
        with pytest.raises(asyncio.CancelledError):
            await asyncio.create_task(migrate(conn))
        conn.execute = execute  # type: ignore[method-assign]
        assert await migrate(conn) == SCHEMA_VERSION
        assert await user_version(conn) == SCHEMA_VERSION
    finally:
        await conn.close()
