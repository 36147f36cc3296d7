"""digest.pool with real worker processes: crashes, time budget, idle stop, threads, caps."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from bot_harness import ADMIN, running_bot

from digest import limits
from digest.card import AnalysisError
from digest.pool import AnalysisPool, analyze_item
from digest.unpack import RawFile, Record

FIXTURES = Path(__file__).parent / "fixtures"


def article(name: str) -> RawFile:
    return RawFile(name, (FIXTURES / name).read_bytes())


async def gone(pid: int) -> None:
    """Wait until a killed worker has really exited (its parent reaps it)."""
    for _ in range(600):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split()[2]
        except FileNotFoundError:
            return
        if state == "Z":
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"worker {pid} still alive")


async def test_a_worker_killed_by_sigkill_does_not_stop_later_uploads(tmp_path):
    async with AnalysisPool(workers=1) as pool, running_bot(tmp_path, pool) as h:
        [first] = await h.upload(ADMIN, "vaccine.txt", (FIXTURES / "card_vaccine.txt").read_bytes())
        assert "вакцин" in first.text.lower()
        for pid in pool.worker_pids():
            os.kill(pid, signal.SIGKILL)  # as the OOM killer would
            await gone(pid)
        [second] = await h.upload(ADMIN, "bridge.txt", (FIXTURES / "card_bridge.txt").read_bytes())
        assert "мост" in second.text.lower()
        assert "ошибка" not in second.text.lower()
        [third] = await h.upload(ADMIN, "other.txt",
                                 (FIXTURES / "card_bridge_other.txt").read_bytes())
        assert "ошибка" not in third.text.lower()
        assert pool.restarts == 1


async def test_an_article_killed_mid_analysis_is_retried_once_on_fresh_workers():
    async with AnalysisPool(workers=1) as pool:
        await pool.warm_up()
        [pid] = pool.worker_pids()
        task = asyncio.ensure_future(pool.analyze_for_index(article("card_vaccine.txt")))
        await asyncio.sleep(0)  # submitted
        os.kill(pid, signal.SIGKILL)
        card, _ = await task
        assert "вакцин" in card.text.lower()
        assert pool.worker_pids() != [pid]


async def test_over_the_time_budget_the_article_is_rejected_and_the_others_go_on():
    # 10 s is ~100× what a fixture article takes; the stuck "article" sleeps ten minutes
    async with AnalysisPool(workers=2, article_seconds=10) as pool:
        await pool.warm_up()
        stuck = asyncio.ensure_future(pool.run(time.sleep, 600))
        good = [asyncio.ensure_future(pool.analyze_for_index(article(name)))
                for name in ("card_vaccine.txt", "card_bridge.txt", "card_bridge_other.txt")]
        with pytest.raises(AnalysisError) as error:
            await stuck
        assert str(error.value) == limits.TOO_SLOW.format(seconds=10)
        assert "больше 10 с" in str(error.value)
        cards = [card for card, _ in await asyncio.gather(*good)]
        assert [("вакцин" in c.text.lower(), "мост" in c.text.lower()) for c in cards] == [
            (True, False), (False, True), (False, True)
        ]
        assert pool.restarts >= 1


async def test_idle_workers_and_their_models_stop_and_start_again_on_demand():
    async with AnalysisPool(workers=1, idle_seconds=0.5) as pool:
        await pool.analyze_for_index(article("card_vaccine.txt"))
        [pid] = pool.worker_pids()
        for _ in range(600):
            if not pool.running:
                break
            await asyncio.sleep(0.05)
        assert not pool.running
        await gone(pid)
        card, _ = await pool.analyze_for_index(article("card_bridge.txt"))
        assert "мост" in card.text.lower()


def _os_and_python_threads() -> tuple[int, int]:
    return len(os.listdir("/proc/self/task")), threading.active_count()


async def test_workers_run_numpy_with_one_thread():
    """OpenBLAS starts a thread per core when it loads unless pinned (issue 11): every OS thread
    of a worker is one of its Python threads (the main one and the owner watch)."""
    async with AnalysisPool(workers=1) as pool:
        os_threads, python_threads = await pool.run(_os_and_python_threads)
        assert os_threads == python_threads == 2


def test_a_long_text_is_analysed_up_to_the_cap_and_stored_whole():
    paragraph = (FIXTURES / "card_vaccine.txt").read_text(encoding="utf-8")
    body = "\n\n".join(paragraph.split("\n\n")[1:])  # without the title line
    text = "\n\n".join(body.replace("вакцин", f"вакцин{i}") for i in range(130))
    assert len(text) > 3 * limits.MAX_ANALYSED_CHARS
    card, (_, index_body) = analyze_item(Record("long.json", {"text": text, "title": "Доставка"}))
    assert len(card.text) > 3 * limits.MAX_ANALYSED_CHARS  # the whole text is kept
    assert card.text.endswith("вакцин129 — еще 60 тысяч доз — ожидают в апреле.")
    assert len(index_body) < len(text) / 2  # only the analysed part is indexed
    assert len(card.figures) <= limits.MAX_FIGURES
    assert len(card.people) <= limits.MAX_PEOPLE


def test_input_over_the_size_cap_is_refused_before_decoding():
    data = ("Новость. " * (limits.MAX_INPUT_BYTES // 9 + 1000)).encode()
    with pytest.raises(AnalysisError, match="Файл слишком большой"):
        analyze_item(RawFile("huge.txt", data))
