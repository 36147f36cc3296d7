"""Defects QA found in search and storage: one person however ё is written, copies with other
typography, names in any word order, the not-found hint, the CLI's limits and inputs, and
duplicates that carry better metadata."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import date
from pathlib import Path

import aiosqlite
from test_storage_cards import make_card

from digest import keys
from newsdigest.cli import main
from storage import Archive
from storage.db import connect
from storage.schema import migrate

PLETNEVA_TEXT = (
    "Главный врач районной больницы Ольга Плетнёва рассказала о новом отделении. "
    "Ремонт корпуса обошёлся в 40 миллионов рублей."
)
PLETNEVA_PLAIN_TEXT = (
    "Ольга Плетнева, главный врач больницы, открыла кабинет томографии. "
    "Первых пациентов примут в понедельник."
)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def pletneva_cards(yo_first: bool):
    with_yo = make_card("Новое отделение больницы", PLETNEVA_TEXT,
                        people=[("Ольга Плетнёва", "главный врач", 1)])
    without = make_card("Кабинет томографии открыт", PLETNEVA_PLAIN_TEXT,
                        people=[("Ольга Плетнева", "главный врач больницы", 1)],
                        published=date(2025, 3, 11))
    return [with_yo, without] if yo_first else [without, with_yo]


async def _archive_of(path: Path, cards) -> None:
    async with Archive.open(path) as archive:
        for card in cards:
            assert (await archive.articles.add(card)).status == "added"


def test_yo_and_ye_spellings_are_one_person(tmp_path, capsys):
    for yo_first in (True, False):
        path = tmp_path / f"yo-{yo_first}.sqlite3"
        asyncio.run(_archive_of(path, pletneva_cards(yo_first)))
        code, out, _ = run(capsys, "stats", "--days", "100000", "--db", str(path))
        assert code == 0
        assert "  Ольга Плетнёва — 2" in out.splitlines()
        assert "Плетнева" not in out
        for query in ("Плетнёва", "Плетневой", "Ольга Плетнева"):
            code, out, err = run(capsys, "person", query, "--db", str(path))
            assert "несколько человек" not in err
            lines = out.splitlines()
            assert lines[0] == "Ольга Плетнёва"
            assert [ln.split(" ", 1)[1] for ln in lines if ln.startswith("#")] == [
                "Кабинет томографии открыт (2025-03-11 · ТАСС)",
                "Новое отделение больницы (2025-03-10 · ТАСС)",
            ]


async def test_one_article_writing_both_spellings_counts_one_person(tmp_path, capsys):
    card = make_card("Больница", PLETNEVA_TEXT + " " + PLETNEVA_PLAIN_TEXT,
                     people=[("Ольга Плетнева", "главный врач", 2), ("Ольга Плетнёва", None, 1)])
    path = tmp_path / "both.sqlite3"
    async with Archive.open(path) as archive:
        await archive.articles.add(card)
        found = await archive.articles.find_person("Плетнёвой")
    assert found.names == ["Ольга Плетнёва"]
    assert [a.role for a in found.articles] == ["главный врач"]


async def _find_person(path: Path, query: str):
    async with Archive.open(path) as archive:
        return await archive.articles.find_person(query)


async def _old_archive_with_split_people(path: Path) -> None:
    """What the code before schema v9 wrote: people keyed by the exact display string."""
    conn = await connect(path)
    try:
        await migrate(conn, target=8)
    finally:
        await conn.close()
    cards = [*pletneva_cards(yo_first=False),
             make_card("Обе записи", "Ольга Плетнева и Ольга Плетнёва — один человек.",
                       people=[("Ольга Плетнева", "врач", 1), ("Ольга Плетнёва", None, 2)],
                       published=date(2025, 3, 12))]
    async with aiosqlite.connect(path) as raw:
        for article_id, card in enumerate(cards, start=1):
            day = card.published.isoformat()
            await raw.execute(
                "INSERT INTO articles(id, title, published, day, source, summary, text, card,"
                " content_hash, story_id, ingested_at) VALUES (?, ?, ?, ?, 'ТАСС', '[]', ?,"
                " '{}', ?, ?, ?)",
                (article_id, card.title, day, day, card.text, card.content_hash, article_id,
                 f"{day} 10:00:00"),
            )
            for person in card.people:
                await raw.execute("INSERT OR IGNORE INTO people(name) VALUES (?)", (person.name,))
                [(person_id,)] = await raw.execute_fetchall(
                    "SELECT id FROM people WHERE name = ?", (person.name,))
                await raw.executemany(
                    "INSERT OR IGNORE INTO person_keys(key, person_id) VALUES (?, ?)",
                    [(k, person_id) for k in keys.person_keys(person.name)])
                await raw.execute(
                    "INSERT INTO article_people VALUES (?, ?, ?, ?, ?, NULL)",
                    (article_id, person_id, day, person.mentions, person.role))
        await raw.commit()
        [(people,)] = await raw.execute_fetchall("SELECT COUNT(*) FROM people")
    assert people == 2  # the defect, as QA saw it


def test_migration_merges_people_split_by_yo(tmp_path, capsys):
    path = tmp_path / "old.sqlite3"
    asyncio.run(_old_archive_with_split_people(path))
    code, out, _ = run(capsys, "stats", "--days", "100000", "--db", str(path))
    assert code == 0
    assert "  Ольга Плетнёва — 3" in out.splitlines() and "Плетнева" not in out
    code, out, err = run(capsys, "person", "Плетнёва", "--db", str(path))
    assert "несколько человек" not in err
    assert out.splitlines()[0] == "Ольга Плетнёва"
    assert sum(ln.startswith("#") for ln in out.splitlines()) == 3
    with sqlite3.connect(path) as raw:
        both = raw.execute(
            "SELECT mentions, role FROM article_people WHERE article_id = 3").fetchall()
        [(people,)] = raw.execute("SELECT COUNT(*) FROM people")
        assert list(map(tuple, both)) == [(3, "врач")] and people == 1
    asyncio.run(_archive_of(path, [make_card(
        "Плетнева снова", "Ольга Плетнева провела приём граждан в поликлинике.",
        people=[("Ольга Плетнева", None, 1)], published=date(2025, 3, 13))]))
    # a later upload in either spelling joins the merged person
    found = asyncio.run(_find_person(path, "Плетнева"))
    assert found.names == ["Ольга Плетнёва"] and len(found.articles) == 4
