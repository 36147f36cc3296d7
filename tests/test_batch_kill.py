"""kill -9 in the middle of a zip upload, then a restart: no half-written article, the file
passes PRAGMA integrity_check, and the admin is told what was stored and what was not — the
report agrees with the database member by member and is sent once. `bench/batch_kill.py` runs
the same with 500 articles and prints the figures."""

from __future__ import annotations

import pytest

from bench.batch_kill import ZIP_NAME, run

pytestmark = pytest.mark.e2e
MEMBERS = 30


async def test_kill_9_mid_batch_then_restart_reports_what_was_stored(tmp_path):
    r = await run(tmp_path, MEMBERS, kill_at=3)
    assert r.integrity == "ok", r.log_tail
    assert r.half_written == 0
    assert 3 <= r.stored == r.db.added and r.db.pending > 0  # really cut short
    assert r.reported == r.db, r.report  # stored / duplicates / rejected / unprocessed
    assert r.stored_names_ok and r.pending_names_ok, r.report
    assert f"«{ZIP_NAME}» прервалась" in r.report
    assert r.progress_text == f"Прервано: {MEMBERS - r.db.pending} из {MEMBERS}."
    assert r.admin_messages == 2 and r.third_start_messages == 0  # reported exactly once
    assert r.stored_after_restarts == r.stored  # the restarts stored or lost nothing
    assert r.restart_exit == 0, r.log_tail
