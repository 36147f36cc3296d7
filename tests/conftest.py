from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    return SEEDS


@pytest.fixture(scope="session")
def analysis_pool():
    """One real worker pool for the whole session (models load once per worker)."""
    from digest.pool import AnalysisPool

    pool = AnalysisPool(workers=1)
    pool.start()
    yield pool
    pool.shutdown()


@pytest.fixture(scope="session")
def twenty_stories():
    """One report of each of 20 different events (invented fixtures), analysed for real."""
    from dataclasses import replace

    from bench.stories import analyse
    from bench.story_pairs import load_reports

    first: dict[str, object] = {}
    for report in load_reports():
        first.setdefault(report.event, report)
    reports = list(first.values())[:20]
    cards = analyse(reports)
    return [replace(cards[r.id], url=f"https://news.example/{r.id}") for r in reports]


@pytest.fixture
async def twenty_bot(tmp_path, analysis_pool, twenty_stories):
    """The real bot with the twenty stories in its archive."""
    from bot_harness import running_bot

    async with running_bot(tmp_path, analysis_pool) as harness:
        for card in twenty_stories:
            assert (await harness.archive.articles.add(card)).status == "added"
        yield harness
        assert harness.tg.errors == []  # Telegram would have rejected nothing the bot sent
