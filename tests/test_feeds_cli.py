"""`newsdigest feeds …` as an operator runs it, against the local site (in a thread: the CLI
runs its own event loop)."""

from __future__ import annotations

import asyncio
import json
import threading

import pytest
from feeds_server import FeedServer

from newsdigest.cli import main


@pytest.fixture
def site(monkeypatch):
    monkeypatch.setenv("FETCH_ALLOW_PRIVATE", "1")
    loop = asyncio.new_event_loop()
    server = FeedServer()
    ready, stop = threading.Event(), None

    def serve() -> None:
        nonlocal stop
        asyncio.set_event_loop(loop)
        stop = asyncio.Event()
        loop.run_until_complete(server.__aenter__())
        ready.set()
        loop.run_until_complete(stop.wait())
        loop.run_until_complete(server.__aexit__(None, None, None))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    ready.wait(10)
    yield server
    loop.call_soon_threadsafe(stop.set)
    thread.join(10)
    loop.close()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_poll_pause_resume_delete(tmp_path, site, capsys):
    db = str(tmp_path / "cli.sqlite3")
    code, out, _ = run(capsys, "feeds", "add", site.url("pages/index.html"), "--db", db)
    assert code == 0 and out.strip() == (
        f"Источник #1 «Вечерний Прибайкалец» добавлен: {site.url('rss2.xml')}"
    )
    code, out, _ = run(capsys, "feeds", "add", site.url("rss2.xml"), "--db", db)
    assert "уже есть" in out
    code, _, err = run(capsys, "feeds", "add", site.url("pages/plain.html"), "--db", db)
    assert code == 2 and "не ссылается на ленту" in err

    code, out, _ = run(capsys, "feeds", "poll", "--workers", "1", "--db", db)
    assert code == 0
    assert "#1 Вечерний Прибайкалец: Добавлено: 3, дубликатов: 0, отклонено: 0" in out
    code, out, _ = run(capsys, "feeds", "poll", "--db", db)
    assert out.strip() == "Нет источников, которым пора обновиться."

    code, out, _ = run(capsys, "feeds", "list", "--db", db)
    assert "#1 Вечерний Прибайкалец — каждые 10 мин" in out and "взято статей: 3" in out
    code, out, _ = run(capsys, "feeds", "pause", "1", "--db", db)
    assert out.strip() == "Источник #1 «Вечерний Прибайкалец» на паузе"
    code, out, _ = run(capsys, "feeds", "list", "--json", "--db", db)
    [row] = json.loads(out)
    assert row["paused"] is True and row["items_taken"] == 3
    code, out, _ = run(capsys, "feeds", "resume", "1", "--db", db)
    assert "снова опрашивается" in out
    code, out, _ = run(capsys, "feeds", "del", "1", "--db", db)
    assert code == 0 and "удалён" in out
    code, _, err = run(capsys, "feeds", "del", "1", "--db", db)
    assert code == 1 and "источника #1 нет" in err


def test_private_addresses_are_refused_without_the_setting(tmp_path, site, capsys, monkeypatch):
    monkeypatch.delenv("FETCH_ALLOW_PRIVATE")
    code, _, err = run(capsys, "feeds", "add", site.url("rss2.xml"), "--db",
                       str(tmp_path / "cli.sqlite3"))
    assert code == 2 and "внутренний сервер" in err
    assert site.hits["/rss2.xml"] == 0
