"""Same story = same event: the labelled pair set, and what storage groups when ingesting it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date

import pytest

from bench.stories import TARGET_PRECISION, TARGET_RECALL, analyse, keys_of, precision_recall
from bench.story_pairs import load_pairs, load_reports
from digest import identity
from digest.analyze import analyze_text
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


BLACKOUT = (
    "Четыре района остались без света из-за аварии на подстанции",
    "Вечером в среду из-за аварии на подстанции «Северная» без света остались жители четырёх "
    "районов Тамбова, сообщили в региональном управлении МЧС. Энергетики обещают вернуть "
    "электричество к утру. Больницы перешли на резервные генераторы, в домах не работают "
    "лифты.\n\nПо словам мэра города Максима Косенкова, аварийные бригады работают на месте, "
    "причины аварии выясняют.",
)
BLACKOUT_REWRITE = (
    "Энергетики вернут электричество в дома к утру",
    "Около 60 тысяч человек сидят в темноте: виновником аварии стал сгоревший на подстанции "
    "трансформатор, без света осталась половина Тамбова. Встали троллейбусы, погасли "
    "светофоры, на перекрёстках движение регулируют инспекторы ГИБДД.\n\nВ мэрии "
    "развернули пункты обогрева в трёх школах. Горожан просят запастись питьевой водой.",
)


async def test_a_rewrite_telling_the_stored_reports_headline_joins_it_after_a_restart(tmp_path):
    """Few words in common, but each headline is told by the other report: one story, also
    when the first report's key is rebuilt from its stored row (a new Archive): the rewrite's
    headline is told by the first report's text, not by its headline."""
    first = analyze_text(BLACKOUT[1], title=BLACKOUT[0], published="2026-11-18", source="ТАСС")
    second = analyze_text(BLACKOUT_REWRITE[1], title=BLACKOUT_REWRITE[0],
                          published="2026-11-18", source="Вести Тамбов")
    day = date(2026, 11, 18)
    a, b = identity.story_key(first, day), identity.story_key(second, day)
    text = identity.word_overlap(a, b)
    assert identity._evidence(a, b, text, 0) < identity.SAME_STORY_SCORE  # words alone: no
    assert identity.headlines_told(a, b) and identity.same_story(a, b)
    assert not identity.headlines_told(replace(a, words=a.title_words), b)
    path = tmp_path / "blackout.sqlite3"
    async with Archive.open(path) as archive:
        stored = await archive.articles.add(first)
    async with Archive.open(path) as archive:
        rewrite = await archive.articles.add(second)
    assert rewrite.story_id == stored.story_id
