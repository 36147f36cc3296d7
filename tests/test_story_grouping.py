"""Same story = same event: the labelled pair set, and what storage groups when ingesting it."""

from __future__ import annotations

from collections import defaultdict

import pytest

from bench.stories import TARGET_PRECISION, TARGET_RECALL, analyse, keys_of, precision_recall
from bench.story_pairs import load_pairs, load_reports
from digest import identity
from storage import Archive


@pytest.fixture(scope="module")
def labelled():
    reports = load_reports()
    cards = analyse(reports)
    return reports, cards, keys_of(cards)


def test_pair_set_is_large_and_hard_enough():
    pairs = load_pairs()
    kinds = defaultdict(int)
    for p in pairs:
        kinds[p.kind] += 1
    assert len(pairs) >= 150
    assert kinds["same_event"] >= 50 and kinds["same_family"] >= 100
    ids = {r.id for r in load_reports()}
    assert all(p.a in ids and p.b in ids for p in pairs)


def test_same_story_meets_the_targets_on_the_labelled_pairs(labelled):
    _, _, keys = labelled
    pairs = load_pairs()
    precision, recall = precision_recall(
        pairs, lambda a, b: identity.same_story(keys[a], keys[b])
    )
    assert precision >= TARGET_PRECISION
    assert recall >= TARGET_RECALL


async def test_archive_keeps_three_lavrov_events_apart_and_joins_each(tmp_path, labelled):
    reports, cards, _ = labelled
    lavrov = sorted((r for r in reports if r.family == "lavrov"), key=lambda r: (r.date, r.id))
    async with Archive.open(tmp_path / "stories.sqlite3") as archive:
        story_of = {}
        for r in lavrov[: len(lavrov) // 2]:
            story_of[r.id] = (await archive.articles.add(cards[r.id])).story_id
    # a second Archive rebuilds the window from the stored rows, not from the cache
    async with Archive.open(tmp_path / "stories.sqlite3") as archive:
        for r in lavrov[len(lavrov) // 2 :]:
            story_of[r.id] = (await archive.articles.add(cards[r.id])).story_id
    by_event = defaultdict(set)
    for r in lavrov:
        by_event[r.event].add(story_of[r.id])
    assert set(by_event) == {"lavrov-serbia", "lavrov-veterans", "lavrov-india",
                             "lavrov-serbia-call"}
    assert all(len(stories) == 1 for stories in by_event.values()), by_event
    assert len(set().union(*by_event.values())) == 4
