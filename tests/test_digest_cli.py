"""`newsdigest digest`: a preview from the archive, plain text or JSON; nothing recorded."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime, timedelta

import pytest

from core.html import day_month
from digest.card import ArticleCard, Figure, Person
from storage import Archive

TODAY = datetime.now(UTC).date()
MONTHS_GENITIVE = ("", "января", "февраля", "марта", "апреля", "мая", "июня", "июля",
                   "августа", "сентября", "октября", "ноября", "декабря")


def card(i: int, title: str, source: str, person: str, published: date) -> ArticleCard:
    return ArticleCard(
        title=title, text="", summary=[f"Суть новости {i}.", "Подробности."],
        published=published,
        people=[Person(person, "министр", 2)],
        figures=[Figure("1,5 трлн рублей", 1.5e12, "RUB", "money", "")],
        source=source, topics=["бюджет"], content_hash=f"cli-{i}",
    )


@pytest.fixture
async def db(tmp_path):
    path = tmp_path / "cli.sqlite3"
    async with Archive.open(path) as archive:
        await archive.articles.add(card(1, "Бюджет принят", "ТАСС", "Антон Силуанов", TODAY),
                                  index_text=("t", "b"))
        await archive.articles.add(card(2, "Лавров в Анкаре", "РБК", "Сергей Лавров",
                                       TODAY - timedelta(days=2)),
                                  index_text=("t", "b"))
        await archive.subscribers.subscribe(42, delivery_time="09:00", tz="Asia/Almaty")
        await archive.subscribers.follow(42, "person", "Лаврова")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """`newsdigest ARGV` as a user runs it."""
    from newsdigest import cli

    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plain_preview(db, capsys):
    code, out, _ = run(capsys, "digest", "--db", str(db))
    assert code == 0
    assert out.startswith("Дайджест на ") and "2 сюжета из 2 источников" in out
    assert "Бюджет принят" in out and "Люди дня:" in out
    # the Lavrov report was published two days ago: not today's news, so it says when
    assert f"РБК · {day_month(TODAY - timedelta(days=2))} · /a" in out
    assert "<b>" not in out


def test_json_for_a_reader(db, capsys):
    code, out, _ = run(capsys, "digest", "--for", "42", "--json", "--db", str(db))
    assert code == 0
    data = json.loads(out)
    assert data["chat_id"] == 42 and data["profile"]["people"] == ["лаврова"]
    assert data["items"][0]["title"] == "Лавров в Анкаре"
    assert data["items"][0]["followed"] == ["лаврова"]
    assert data["items"][0]["sources"] == [{"article_id": 2, "source": "РБК"}]
    assert data["items"][0]["figures"][0]["text"] == "1,5 трлн рублей"
    assert data["articles"] == 2 and data["messages"] == 1
    # the reader's own date (Almaty)
    assert data["date"] == datetime.now(UTC).astimezone(
        __import__("zoneinfo").ZoneInfo("Asia/Almaty")).date().isoformat()


def test_preview_records_nothing(db, capsys):
    run(capsys, "digest", "--for", "42", "--db", str(db))

    async def check() -> None:
        async with Archive.open(db) as archive:
            assert await archive.outbox.counts() == {}
            assert await archive.outbox.runs() == []

    asyncio.run(check())


def test_date_is_the_publication_day(db, capsys):
    # both articles were ingested just now; --date picks by the date they were published
    code, out, _ = run(capsys, "digest", "--date", TODAY.isoformat(), "--tz", "UTC", "--json",
                       "--db", str(db))
    data = json.loads(out)
    assert code == 0 and data["date"] == TODAY.isoformat() and data["articles"] == 1
    assert [i["title"] for i in data["items"]] == ["Бюджет принят"]
    assert data["window"]["since"].startswith(TODAY.isoformat())
    earlier = (TODAY - timedelta(days=2)).isoformat()
    code, out, _ = run(capsys, "digest", "--date", earlier, "--for", "42", "--db", str(db))
    assert code == 0 and "Лавров в Анкаре" in out and "Вы следите" in out
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    code, out, _ = run(capsys, "digest", "--date", yesterday, "--tz", "UTC", "--db", str(db))
    # a day with nothing published says so, not "nothing since the last digest"
    day = TODAY - timedelta(days=1)
    assert code == 0 and out.strip() == (
        f"В архиве нет статей, опубликованных {day.day} {MONTHS_GENITIVE[day.month]} {day.year}."
    )


def test_errors(db, tmp_path, capsys):
    code, _, err = run(capsys, "digest", "--for", "7", "--db", str(db))
    assert code == 2 and "подписчик 7 не найден" in err
    code, _, err = run(capsys, "digest", "--db", str(tmp_path / "missing.sqlite3"))
    assert code == 2 and "не найдена" in err
    assert not (tmp_path / "missing.sqlite3").exists()
    with pytest.raises(SystemExit):
        run(capsys, "digest", "--date", "21.11.2025", "--db", str(db))
