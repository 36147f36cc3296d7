"""`newsdigest ingest` as a separate process while `python -m bot` answers readers (issue 13)."""

from __future__ import annotations

import pytest

from bench.cli_with_bot import run

pytestmark = pytest.mark.e2e  # real processes: `pytest -m "not e2e"` skips them


async def test_cli_ingest_while_the_bot_answers_readers_never_hits_a_locked_database(tmp_path):
    result = await run(tmp_path, 15, reply_timeout=60)
    assert result.cli_exit == 0
    assert result.locked == 0
    assert result.stored == 15
    assert result.unanswered == 0
    assert result.refused == 0  # every answer is a real one, not "database busy"
    assert result.latencies_ms  # readers really queried during the ingest
