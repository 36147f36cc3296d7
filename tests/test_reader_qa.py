"""Reader-facing defects QA found, each driven through the real bot and the fake Bot API."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

import pytest
from bot_harness import READER, running_bot

from bench.stories import analyse
from bench.story_pairs import load_reports


@pytest.fixture(scope="module")
def twenty_stories():
    """One report of each of 20 different events (invented fixtures), analysed for real."""
    first: dict[str, object] = {}
    for report in load_reports():
        first.setdefault(report.event, report)
    reports = list(first.values())[:20]
    cards = analyse(reports)
    return [replace(cards[r.id], url=f"https://news.example/{r.id}") for r in reports]


@pytest.fixture
async def twenty(tmp_path, analysis_pool, twenty_stories):
    async with running_bot(tmp_path, analysis_pool) as harness:
        for card in twenty_stories:
            assert (await harness.archive.articles.add(card)).status == "added"
        yield harness
        assert harness.tg.errors == []


def _numbered(plain: str) -> list[tuple[int, str]]:
    return [(int(n), t) for n, t in re.findall(r"^(\d+)\. (.+)$", plain, flags=re.M)]


def _person_only_in(cards, titles: set[str]) -> str:
    """A full name whose surname only the stories outside `titles` mention."""
    surnames = Counter(p.name.split()[-1] for c in cards for p in c.people)
    for card in cards:
        if card.title in titles:
            continue
        for person in card.people:
            if len(person.name.split()) >= 2 and surnames[person.name.split()[-1]] == 1:
                return person.name
    raise AssertionError("no person named only in a later story")


async def test_next_page_continues_the_digest_after_a_new_follow(twenty, twenty_stories):
    [digest] = await twenty.ask(READER, "/digest")
    first_page = _numbered(digest.plain)
    assert digest.buttons()[-1]["text"].startswith("ещё")
    name = _person_only_in(twenty_stories, {t for _, t in first_page})
    [followed] = await twenty.ask(READER, f"/follow {name}")
    assert "Слежу за человеком" in followed.text
    shown = list(first_page)
    page = digest
    while page.buttons() and page.buttons()[-1]["text"].startswith("ещё"):
        [page] = await twenty.press(READER, page, page.buttons()[-1]["callback_data"], expect=1)
        shown += _numbered(page.plain)
    assert [n for n, _ in shown] == list(range(1, 21))
    titles = [t for _, t in shown]
    assert len(set(titles)) == 20, Counter(titles).most_common(2)
    assert set(titles) == {c.title for c in twenty_stories}
