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
