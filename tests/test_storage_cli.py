"""`newsdigest ingest / person / topic / article / stats` end to end on real files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_storage_cards import LAVROV_TEXT, make_card

from newsdigest.cli import main
from storage import Archive

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
async def db(tmp_path) -> Path:
    path = tmp_path / "cli.sqlite3"
    async with Archive.open(path) as archive:
        await archive.articles.add(
            make_card(
                "Лавров провёл переговоры в Анкаре",
                LAVROV_TEXT,
                people=[("Сергей Лавров", "министр иностранных дел России", 2)],
                topics=["переговоры"],
            )
        )
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_person_text_and_json(db, capsys):
    code, out, _ = run(capsys, "person", "Лаврова", "--db", str(db))
    assert code == 0 and "Сергей Лавров" in out and "#1 Лавров провёл" in out
    code, out, _ = run(capsys, "person", "Сергея", "Лаврова", "--json", "--db", str(db))
    [item] = json.loads(out)
    assert item["id"] == 1 and item["role"] == "министр иностранных дел России"
    assert item["published"] == "2025-03-10"
    assert item["snippet"].startswith("Министр иностранных дел России Сергей Лавров")
    code, out, _ = run(capsys, "person", "Песков", "--json", "--db", str(db))
    assert code == 0 and json.loads(out) == []


def test_topic_article_stats(db, capsys, monkeypatch):
    code, out, _ = run(capsys, "topic", "переговоров", "--json", "--db", str(db))
    assert code == 0 and [a["id"] for a in json.loads(out)] == [1]
    code, out, _ = run(capsys, "topic", "NOT", "(", "--db", str(db))
    assert code == 0 and "Ничего не найдено" in out
    monkeypatch.setenv("DATABASE_PATH", str(db))  # --db defaults to $DATABASE_PATH
    code, out, _ = run(capsys, "article", "1", "--json")
    data = json.loads(out)
    assert code == 0 and data["id"] == 1 and data["text"] == LAVROV_TEXT
    code, _, err = run(capsys, "article", "99")
    assert code == 1 and "не найдена" in err
    code, out, _ = run(capsys, "stats")
    assert code == 0 and "Всего статей в архиве: 1" in out and "Сергей Лавров — 1" in out


def test_query_on_missing_db(tmp_path, capsys):
    code, _, err = run(capsys, "person", "Лавров", "--db", str(tmp_path / "none.sqlite3"))
    assert code == 2 and "база данных не найдена" in err
    assert not (tmp_path / "none.sqlite3").exists()


def test_bad_usage_exit_code(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["ingest"])
    assert exc.value.code == 2


def test_ingest_batch_with_bad_members(tmp_path, capsys):
    batch = tmp_path / "batch"
    batch.mkdir()
    for name in ("card_vaccine.txt", "card_bridge.txt"):
        shutil.copy(FIXTURES / name, batch / name)
    shutil.copy(FIXTURES / "card_vaccine.txt", batch / "copy.txt")
    (batch / "scan.pdf").write_bytes(b"%PDF-1.4")
    (batch / "empty.txt").write_bytes(b"")
    (batch / "feed.jsonl").write_text("{broken\n", encoding="utf-8")
    db = tmp_path / "ingest.sqlite3"
    code, out, _ = run(capsys, "ingest", str(batch), str(tmp_path / "nope.txt"), "--db", str(db))
    lines = out.splitlines()
    assert code == 1  # a missing path: the rest is stored, the exit status says it
    assert lines[0] == "Добавлено: 2, дубликатов: 1, отклонено: 4"
    assert "  batch/feed.jsonl:1: строка 1: неверный JSON" in lines
    assert f"  {tmp_path / 'nope.txt'}: файл не найден" in lines
    assert any(line.startswith("  batch/scan.pdf: неподдерживаемый формат") for line in lines)
    assert any(line.startswith("  batch/empty.txt: ") for line in lines)
    dup = [line for line in lines if "дубликат статьи #" in line]
    assert len(dup) == 1 and ("copy.txt" in dup[0] or "card_vaccine.txt" in dup[0])
    code, out, _ = run(capsys, "topic", "вакцины", "--json", "--db", str(db))
    assert len(json.loads(out)) == 1


def test_ingest_keeps_the_date_and_source_of_a_scraper_export(tmp_path, capsys):
    """JSONL as scrapers and feed dumps write it: "date" or RSS's "pubDate", "body",
    "headline", "link", a source object. The article is dated by it, not by the upload."""
    text = ("Городская дума утвердила бюджет на следующий год. Доходы составят 41 млрд рублей, "
            "расходы — 43 млрд рублей, сообщила председатель думы Анна Соколова.")
    lines = [{"headline": "Дума утвердила бюджет", "body": text, "date": "2046-01-19",
              "source": "Городские вести", "link": "https://example.ru/budget"},
             {"title": "Мэр подписал бюджет", "content": text.replace("Городская дума утвердила",
                                                                      "Мэр подписал"),
              "pubDate": "Tue, 20 Jan 2046 09:30:00 +0500", "source": {"name": "Вечерний город"}}]
    feed = tmp_path / "export.jsonl"
    feed.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines),
                    encoding="utf-8")
    db = tmp_path / "export.sqlite3"
    code, out, _ = run(capsys, "ingest", str(feed), "--db", str(db))
    assert code == 0 and out.splitlines()[0] == "Добавлено: 2, дубликатов: 0, отклонено: 0"
    articles = []
    for article_id in ("1", "2"):
        code, out, _ = run(capsys, "article", article_id, "--json", "--db", str(db))
        articles.append(json.loads(out))
    assert [(a["title"], a["published"], a["source"]) for a in articles] == [
        ("Дума утвердила бюджет", "2046-01-19", "Городские вести"),
        ("Мэр подписал бюджет", "2046-01-20", "Вечерний город")]
    assert articles[0]["url"] == "https://example.ru/budget"


def test_a_file_that_is_not_an_archive_is_one_line_and_untouched(tmp_path, capsys):
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("список покупок\n" * 100, encoding="utf-8")
    before = notes.read_bytes()
    code, out, err = run(capsys, "stats", "--db", str(notes))
    assert code == 2 and not out
    assert len(err.strip().splitlines()) == 1 and "не читается как SQLite" in err
    assert notes.read_bytes() == before
