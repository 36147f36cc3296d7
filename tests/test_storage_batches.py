"""storage.batches: an upload batch and each member's fate, and what a restart finds open."""

from __future__ import annotations

import pytest
from test_storage import add_lavrov

from storage import Archive


@pytest.fixture
async def archive(tmp_path):
    async with Archive.open(tmp_path / "archive.sqlite3") as archive:
        yield archive


async def test_an_unfinished_batch_lists_each_member_and_closes_once(archive):
    names = ["news.zip/a.txt", "news.zip/b.txt", "lavrov.txt", "news.zip/d.txt"]
    batch = await archive.batches.start(1001, 77, "news.zip", 42, names)
    await archive.batches.record(batch, 0, "added", 5)
    await archive.batches.record(batch, 1, "rejected", reason="не похоже на статью")
    # stored, but the stop came before its member line was written (a separate transaction)
    stored = await add_lavrov(archive)

    [open_batch] = await archive.batches.unfinished()
    assert (open_batch.chat_id, open_batch.message_id, open_batch.filename) == (
        1001, 77, "news.zip")
    assert [(m.name, m.status, m.article_id, m.reason) for m in open_batch.members] == [
        ("news.zip/a.txt", "added", 5, None),
        ("news.zip/b.txt", "rejected", None, "не похоже на статью"),
        ("lavrov.txt", "added", stored.article_id, None),
        ("news.zip/d.txt", "pending", None, None),
    ]

    await archive.batches.finish(batch)
    assert await archive.batches.unfinished() == []


async def test_an_article_stored_before_the_batch_is_not_taken_for_a_member(archive):
    await add_lavrov(archive)
    async with archive.db.write() as conn:  # the earlier upload was a minute before
        await conn.execute("UPDATE articles SET ingested_at = datetime(ingested_at, '-1 minute')")
    batch = await archive.batches.start(1001, None, "again.zip", 42, ["lavrov.txt"])
    [open_batch] = await archive.batches.unfinished()
    assert open_batch.id == batch
    assert [m.status for m in open_batch.members] == ["pending"]
