"""Signatures stored in an older format are rebuilt, and their articles join new stories."""

from __future__ import annotations

import asyncio
import sqlite3

import numpy as np
from bot_harness import running_bot

from bench.stories import analyse, before_signature
from bench.story_pairs import load_reports
from digest import identity
from newsdigest.cli import main
from storage import Archive
from storage.stories import KEY_COLUMNS, stored_key


def _reports(*ids: str):
    by_id = {r.id: r for r in load_reports()}
    return [by_id[i] for i in ids]


def _store_old_format(path, article_id: int, text: str) -> None:
    """What the archive wrote before the signature format changed: a MinHash of text lemma
    bigrams, NUM_PERM values with no version tag."""
    blob = np.asarray(before_signature(text), dtype="<u4").tobytes()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE articles SET signature = ? WHERE id = ?", (blob, article_id))


def test_reindex_stories_rebuilds_old_signatures_and_joins_the_story(tmp_path, capsys):
    first, second, third = _reports(
        "lavrov-serbia/vesti", "lavrov-serbia/rbk", "lavrov-serbia/izv"
    )
    cards = analyse([first, second, third])
    path = tmp_path / "archive.sqlite3"

    async def store_first() -> int:
        async with Archive.open(path) as archive:
            return (await archive.articles.add(cards[first.id])).article_id

    old = asyncio.run(store_first())
    _store_old_format(path, old, cards[first.id].text)

    async def store_second():
        async with Archive.open(path) as archive:
            assert await archive.articles.stale_signatures() == 1
            return await archive.articles.add(cards[second.id])

    new = asyncio.run(store_second())
    # the old signature cannot be compared with the new one: a story of its own
    assert new.story_id == new.article_id != old

    assert main(["reindex-stories", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Пересчитано подписей: 1; присоединено к сюжетам: 1" in out

    async def after():
        async with Archive.open(path) as archive:
            assert await archive.articles.stale_signatures() == 0
            stored = await archive.articles.get_stored(old)
            assert stored is not None
            assert stored.story_id == new.story_id
            # rebuilt from the stored title and text: what analysis computes
            assert stored.card.signature == cards[first.id].signature
            # the next report of the event finds the story through the rebuilt article too
            assert (await archive.articles.add(cards[third.id])).story_id == new.story_id

    asyncio.run(after())
    assert main(["reindex-stories", "--db", str(path)]) == 0
    assert "Пересчитано подписей: 0; присоединено к сюжетам: 0" in capsys.readouterr().out


async def test_rebuild_keeps_a_story_that_others_already_joined(tmp_path):
    first, second = _reports("lavrov-serbia/vesti", "lavrov-serbia/rbk")
    cards = analyse([first, second])
    path = tmp_path / "archive.sqlite3"
    async with Archive.open(path) as archive:
        a = await archive.articles.add(cards[first.id])
        b = await archive.articles.add(cards[second.id])
    assert a.story_id == b.story_id
    _store_old_format(path, a.article_id, cards[first.id].text)
    async with Archive.open(path) as archive:
        done = await archive.articles.rebuild_signatures()
        assert (done.signatures, done.joined) == (1, 0)
        assert (await archive.articles.get_stored(a.article_id)).story_id == a.story_id
        assert (await archive.articles.get_stored(b.article_id)).story_id == a.story_id


async def test_a_reloaded_window_builds_the_key_the_writer_built(tmp_path):
    # a report with names, and a place and a figure in its headline
    reports = [r for r in load_reports() if r.id == "roads-nsk/nsk"]
    card = analyse(reports)[reports[0].id]
    live = identity.story_key(card, card.published)
    assert live.names and live.title_places and live.title_figures and live.source
    async with Archive.open(tmp_path / "archive.sqlite3") as archive:
        article_id = (await archive.articles.add(card)).article_id
        async with archive.db.read() as conn:
            row = list(await conn.execute_fetchall(
                f"SELECT {KEY_COLUMNS} FROM articles WHERE id = ?", (article_id,)
            ))[0]
    reloaded = stored_key(*row)
    assert reloaded is not None
    assert np.array_equal(reloaded.signature, live.signature)
    for field in ("day", "names", "figures", "units", "places", "title_places",
                  "title_figures", "source"):
        assert getattr(reloaded, field) == getattr(live, field), field


async def test_the_bot_rebuilds_old_signatures_at_start(tmp_path, analysis_pool):
    first, second = _reports("lavrov-serbia/vesti", "lavrov-serbia/rbk")
    cards = analyse([first, second])
    path = tmp_path / "bot.sqlite3"  # the archive running_bot opens
    async with Archive.open(path) as archive:
        old = (await archive.articles.add(cards[first.id])).article_id
    _store_old_format(path, old, cards[first.id].text)

    async with running_bot(tmp_path, analysis_pool) as harness:
        articles = harness.archive.articles
        # the rebuild runs in the background: wait for it, with a generous bound
        for _ in range(600):
            if not await articles.stale_signatures():
                break
            await asyncio.sleep(0.1)
        assert await articles.stale_signatures() == 0
        stored = await articles.get_stored(old)
        assert stored is not None and stored.card.signature == cards[first.id].signature
        joined = await articles.add(cards[second.id])
        assert joined.story_id == stored.story_id
