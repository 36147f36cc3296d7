"""storage.batches: an upload batch and each member's fate, and what a restart finds open."""

from __future__ import annotations

from datetime import date

import pytest
from test_storage_cards import LAVROV_TEXT, make_card

from storage import Archive


@pytest.fixture
async def archive(tmp_path):
    async with Archive.open(tmp_path / "archive.sqlite3") as archive:
        yield archive


def lavrov_card():
    return make_card(
        "Лавров провёл переговоры в Анкаре", LAVROV_TEXT,
        people=[("Сергей Лавров", "министр иностранных дел России", 2)],
        topics=["переговоры"], published=date(2025, 3, 10),
    )


async def test_an_unfinished_batch_lists_each_member_and_closes_once(archive):
    names = ["news.zip/a.txt", "news.zip/b.txt", "news.zip/c.txt", "news.zip/d.txt"]
    batch = await archive.batches.start(1001, 77, "news.zip", 42, names)
    # the article and its member line are written by one transaction
    added = await archive.articles.add(lavrov_card(), uploaded_by=42, filename=names[0],
                                       batch_member=(batch, 0))
    await archive.batches.record((batch, 1), "rejected", reason="не похоже на статью")
    again = await archive.articles.add(lavrov_card(), uploaded_by=42, filename=names[2],
                                       batch_member=(batch, 2))
    assert (added.status, again.status) == ("added", "duplicate")

    [open_batch] = await archive.batches.unfinished()
    assert (open_batch.id, open_batch.chat_id, open_batch.message_id, open_batch.filename) == (
        batch, 1001, 77, "news.zip")
    assert [(m.name, m.status, m.article_id, m.reason) for m in open_batch.members] == [
        ("news.zip/a.txt", "added", added.article_id, None),
        ("news.zip/b.txt", "rejected", None, "не похоже на статью"),
        ("news.zip/c.txt", "duplicate", added.article_id, None),
        ("news.zip/d.txt", "pending", None, None),
    ]

    await archive.batches.finish(batch)
    assert await archive.batches.unfinished() == []

