"""Defects QA found in search and storage: one person however ё is written, copies with other
typography, names in any word order, the not-found hint, the CLI's limits and inputs, and
duplicates that carry better metadata."""

from __future__ import annotations

import asyncio
import hashlib
import json
import sqlite3
import zipfile
from datetime import date
from pathlib import Path

import aiosqlite
import pytest
from test_storage_cards import make_card
from test_storage_cli import run

from digest import identity, keys
from digest.card import Figure
from storage import Archive
from storage.db import connect
from storage.schema import migrate

PLETNEVA_TEXT = (
    "Главный врач районной больницы Ольга Плетнёва рассказала о новом отделении. "
    "Ремонт корпуса обошёлся в 40 миллионов рублей."
)
PLETNEVA_PLAIN_TEXT = (
    "Ольга Плетнева, главный врач больницы, открыла кабинет томографии. "
    "Первых пациентов примут в понедельник."
)


def pletneva_cards(yo_first: bool):
    with_yo = make_card("Новое отделение больницы", PLETNEVA_TEXT,
                        people=[("Ольга Плетнёва", "главный врач", 1)])
    without = make_card("Кабинет томографии открыт", PLETNEVA_PLAIN_TEXT,
                        people=[("Ольга Плетнева", "главный врач больницы", 1)],
                        published=date(2025, 3, 11))
    return [with_yo, without] if yo_first else [without, with_yo]


async def _archive_of(path: Path, cards) -> None:
    async with Archive.open(path) as archive:
        for card in cards:
            assert (await archive.articles.add(card)).status == "added"


def test_yo_and_ye_spellings_are_one_person(tmp_path, capsys):
    for yo_first in (True, False):
        path = tmp_path / f"yo-{yo_first}.sqlite3"
        asyncio.run(_archive_of(path, pletneva_cards(yo_first)))
        code, out, _ = run(capsys, "stats", "--days", "100000", "--db", str(path))
        assert code == 0
        assert "  Ольга Плетнёва — 2" in out.splitlines()
        assert "Плетнева" not in out
        for query in ("Плетнёва", "Плетневой", "Ольга Плетнева"):
            code, out, err = run(capsys, "person", query, "--db", str(path))
            assert "несколько человек" not in err
            lines = out.splitlines()
            assert lines[0] == "Ольга Плетнёва"
            assert [ln.split(" ", 1)[1] for ln in lines if ln.startswith("#")] == [
                "Кабинет томографии открыт (2025-03-11 · ТАСС)",
                "Новое отделение больницы (2025-03-10 · ТАСС)",
            ]


async def test_one_article_writing_both_spellings_counts_one_person(tmp_path, capsys):
    card = make_card("Больница", PLETNEVA_TEXT + " " + PLETNEVA_PLAIN_TEXT,
                     people=[("Ольга Плетнева", "главный врач", 2), ("Ольга Плетнёва", None, 1)])
    path = tmp_path / "both.sqlite3"
    async with Archive.open(path) as archive:
        await archive.articles.add(card)
        found = await archive.articles.find_person("Плетнёвой")
    assert found.names == ["Ольга Плетнёва"]
    assert [a.role for a in found.articles] == ["главный врач"]


async def _find_person(path: Path, query: str):
    async with Archive.open(path) as archive:
        return await archive.articles.find_person(query)


async def _schema_v8(path: Path) -> None:
    """An empty archive at schema v8, as the code before v9 left it."""
    conn = await connect(path)
    try:
        await migrate(conn, target=8)
    finally:
        await conn.close()


async def _old_archive_with_split_people(path: Path) -> None:
    """What the code before schema v9 wrote: people keyed by the exact display string."""
    await _schema_v8(path)
    cards = [*pletneva_cards(yo_first=False),
             make_card("Обе записи", "Ольга Плетнева и Ольга Плетнёва — один человек.",
                       people=[("Ольга Плетнева", "врач", 1), ("Ольга Плетнёва", None, 2)],
                       published=date(2025, 3, 12))]
    async with aiosqlite.connect(path) as raw:
        for article_id, card in enumerate(cards, start=1):
            day = card.published.isoformat()
            await raw.execute(
                "INSERT INTO articles(id, title, published, day, source, summary, text, card,"
                " content_hash, story_id, ingested_at) VALUES (?, ?, ?, ?, 'ТАСС', '[]', ?,"
                " '{}', ?, ?, ?)",
                (article_id, card.title, day, day, card.text, card.content_hash, article_id,
                 f"{day} 10:00:00"),
            )
            for person in card.people:
                await raw.execute("INSERT OR IGNORE INTO people(name) VALUES (?)", (person.name,))
                [(person_id,)] = await raw.execute_fetchall(
                    "SELECT id FROM people WHERE name = ?", (person.name,))
                await raw.executemany(
                    "INSERT OR IGNORE INTO person_keys(key, person_id) VALUES (?, ?)",
                    [(k, person_id) for k in keys.person_keys(person.name)])
                await raw.execute(
                    "INSERT INTO article_people VALUES (?, ?, ?, ?, ?, NULL)",
                    (article_id, person_id, day, person.mentions, person.role))
        await raw.commit()
        [(people,)] = await raw.execute_fetchall("SELECT COUNT(*) FROM people")
    assert people == 2  # the defect, as QA saw it


def test_migration_merges_people_split_by_yo(tmp_path, capsys):
    path = tmp_path / "old.sqlite3"
    asyncio.run(_old_archive_with_split_people(path))
    code, out, _ = run(capsys, "stats", "--days", "100000", "--db", str(path))
    assert code == 0
    assert "  Ольга Плетнёва — 3" in out.splitlines() and "Плетнева" not in out
    code, out, err = run(capsys, "person", "Плетнёва", "--db", str(path))
    assert "несколько человек" not in err
    assert out.splitlines()[0] == "Ольга Плетнёва"
    assert sum(ln.startswith("#") for ln in out.splitlines()) == 3
    with sqlite3.connect(path) as raw:
        both = raw.execute(
            "SELECT mentions, role FROM article_people WHERE article_id = 3").fetchall()
        [(people,)] = raw.execute("SELECT COUNT(*) FROM people")
        assert list(map(tuple, both)) == [(3, "врач")] and people == 1
    asyncio.run(_archive_of(path, [make_card(
        "Плетнева снова", "Ольга Плетнева провела приём граждан в поликлинике.",
        people=[("Ольга Плетнева", None, 1)], published=date(2025, 3, 13))]))
    # a later upload in either spelling joins the merged person
    found = asyncio.run(_find_person(path, "Плетнева"))
    assert found.names == ["Ольга Плетнёва"] and len(found.articles) == 4


# --- 2. copies that differ in typography are duplicates ---------------------------------

STATION_TEXT = (
    "Метеостанция в посёлке Озёрный\n\n"
    "ОЗЁРНЫЙ, 12 марта. Ученики сельской школы собрали метеостанцию — она передаёт "
    "температуру и влажность каждые 10 минут.\n\n"
    "«Датчики ребята паяли сами, я только подсказывала», — рассказала учитель физики "
    "Нина Зотова.\n\n"
    "Станция обошлась в 180 тысяч рублей… Деньги выделил районный фонд."
)


def typographic_copy(text: str, *, web: bool = False) -> str:
    """The text as a KOI8-R copy or an old editor writes it: straight quotes, hyphens for
    dashes, е for ё, three dots, a no-break space; `web`: a soft hyphen, a zero-width space
    and typographic quotes of another language."""
    copy = (text.replace("«", '"').replace("»", '"').replace("—", "-").replace("ё", "е")
            .replace("Ё", "Е").replace("…", "...").replace("180 тысяч", "180\u00a0тысяч"))
    if web:
        copy = (copy.replace("метеостанцию", "метео\u00adстанцию").replace('"Д', "„Д")
                .replace('",', "“,").replace("Нина", "\u200bНина"))
    return copy


def test_a_typographic_copy_in_koi8_is_a_duplicate(tmp_path, capsys):
    original = tmp_path / "station.txt"
    original.write_text(STATION_TEXT, encoding="utf-8")
    copy = tmp_path / "station_koi8.txt"
    copy.write_bytes(typographic_copy(STATION_TEXT).encode("koi8-r"))
    web = tmp_path / "station_web.txt"
    web.write_text(typographic_copy(STATION_TEXT, web=True), encoding="utf-8")
    db = tmp_path / "dup.sqlite3"
    assert run(capsys, "ingest", str(original), "--db", str(db))[0] == 0  # first: id 1
    code, out, _ = run(capsys, "ingest", str(copy), str(web), "--db", str(db))
    assert code == 0
    assert out.splitlines() == ["Добавлено: 0, дубликатов: 2, отклонено: 0",
                                f"  {copy}: дубликат статьи #1",
                                f"  {web}: дубликат статьи #1"]


def _old_hash(text: str) -> str:
    """content_hash before schema v9: case and whitespace folded only."""
    return hashlib.sha256(keys.fold(text).encode("utf-8")).hexdigest()


async def _old_archive_with_copies(path: Path) -> None:
    """Schema v8 with hashes as the old code computed them, and two stored articles that are
    typographic copies of each other (both stored before the fix)."""
    await _schema_v8(path)
    texts = [STATION_TEXT, typographic_copy(STATION_TEXT), PLETNEVA_TEXT]
    async with aiosqlite.connect(path) as raw:
        for article_id, text in enumerate(texts, start=1):
            await raw.execute(
                "INSERT INTO articles(id, title, day, summary, text, card, content_hash,"
                " story_id, ingested_at) VALUES (?, 'Статья', '2025-03-12', '[]', ?, ?, ?, ?,"
                " '2025-03-12 10:00:00')",
                (article_id, text, f'{{"content_hash": "{_old_hash(text)}"}}', _old_hash(text),
                 article_id),
            )
        await raw.commit()


async def _add_all(path: Path, cards) -> list[tuple[str, int]]:
    async with Archive.open(path) as archive:
        return [((r := await archive.articles.add(c)).status, r.article_id) for c in cards]


def test_migration_rehashes_stored_articles(tmp_path):
    path = tmp_path / "v8.sqlite3"
    asyncio.run(_old_archive_with_copies(path))
    copies = [make_card("Копия", typographic_copy(STATION_TEXT, web=True)),
              make_card("Оригинал", STATION_TEXT),
              make_card("Больница", PLETNEVA_TEXT.replace("ё", "е"))]
    assert asyncio.run(_add_all(path, copies)) == [
        ("duplicate", 1), ("duplicate", 1), ("duplicate", 3)]
    with sqlite3.connect(path) as raw:
        stored = raw.execute(
            "SELECT id, content_hash, json_extract(card, '$.content_hash') FROM articles"
            " ORDER BY id").fetchall()
    assert [r[0] for r in stored] == [1, 2, 3]  # nothing stored is dropped
    assert stored[1][1] == f"{stored[0][1]}#2" and all(r[1] == r[2] for r in stored)


# --- 3. a name in any word order --------------------------------------------------------

GROMOV_TEXT = ("Тренер сборной Виктор Громов объявил состав команды на чемпионат. "
               "В заявку вошли 23 игрока.")
LOKOT_TEXT = ("Мэр города Анатолий Евгеньевич Локоть открыл новый мост через реку. "
              "Его длина составила 420 метров.")


async def _names_archive(path: Path) -> None:
    await _archive_of(path, [
        make_card("Громов назвал состав", GROMOV_TEXT, people=[("Виктор Громов", "тренер", 2)]),
        make_card("Локоть открыл мост", LOKOT_TEXT,
                  people=[("Анатолий Евгеньевич Локоть", "мэр города", 1)],
                  published=date(2025, 3, 11)),
    ])


def test_surname_first_and_full_names_find_the_person(tmp_path, capsys):
    path = tmp_path / "names.sqlite3"
    asyncio.run(_names_archive(path))
    for argv, name, title in [
        (["Громов Виктор"], "Виктор Громов", "Громов назвал состав"),
        (["Громова", "Виктора"], "Виктор Громов", "Громов назвал состав"),
        (["Виктор Громов"], "Виктор Громов", "Громов назвал состав"),
        (["Локоть Анатолий Евгеньевич"], "Анатолий Евгеньевич Локоть", "Локоть открыл мост"),
        (["Локоть", "Анатолий"], "Анатолий Евгеньевич Локоть", "Локоть открыл мост"),
        (["Анатолий Евгеньевич Локоть"], "Анатолий Евгеньевич Локоть", "Локоть открыл мост"),
    ]:
        code, out, _ = run(capsys, "person", *argv, "--db", str(path))
        lines = out.splitlines()
        assert code == 0 and lines[0] == name, argv
        assert lines[1].startswith("#") and title in lines[1], argv


async def _bot_search(path: Path, query: str):
    from core.search import query_kind, search_page

    async with Archive.open(path) as archive:
        kind = await query_kind(archive, query)
        return kind, await search_page(archive, kind, query, 0)


def test_reader_search_takes_the_surname_first(tmp_path):
    """What /person and plain text run: the query is a person, found; a misspelt surname
    typed first is suggested."""
    from storage import FollowKind

    path = tmp_path / "reader.sqlite3"
    asyncio.run(_names_archive(path))
    kind, found = asyncio.run(_bot_search(path, "Громов Виктор"))
    assert kind is FollowKind.PERSON and found.names == ["Виктор Громов"]
    assert [a.title for a in found.articles] == ["Громов назвал состав"]
    kind, found = asyncio.run(_bot_search(path, "Локоть Анатолий Евгеньевич"))
    assert kind is FollowKind.PERSON and found.names == ["Анатолий Евгеньевич Локоть"]
    from core.search import search_page

    async def misspelt():
        async with Archive.open(path) as archive:
            return await search_page(archive, FollowKind.PERSON, "Громв Виктор", 0)

    assert asyncio.run(misspelt()).suggestions == ["Виктор Громов"]


# --- 4. the not-found hint names someone in the archive ---------------------------------


def test_nothing_found_suggests_a_person_of_the_archive_not_the_query(tmp_path, capsys):
    path = tmp_path / "hint.sqlite3"
    asyncio.run(_names_archive(path))
    asyncio.run(_archive_of(path, pletneva_cards(yo_first=True)))
    code, out, _ = run(capsys, "person", "Лавров", "--db", str(path))
    assert code == 0
    assert out.splitlines() == ["Ничего не найдено: Лавров",
                                "В архиве есть, например: newsdigest person Плетнёва"]
    code, out, _ = run(capsys, "person", "Плетнва", "--db", str(path))
    assert out.splitlines() == ["Ничего не найдено: Плетнва", "Может быть, вы имели в виду:",
                                "  Ольга Плетнёва"]


async def _examples(path: Path, queries: list[str]) -> list[str | None]:
    from core.search import person_example

    async with Archive.open(path) as archive:
        return [await person_example(archive, q) for q in queries]


def test_person_example_is_never_the_query(tmp_path):
    path = tmp_path / "example.sqlite3"
    asyncio.run(_archive_of(path, pletneva_cards(yo_first=True)))
    asyncio.run(_archive_of(path, [make_card("Громов назвал состав", GROMOV_TEXT,
                                             people=[("Виктор Громов", "тренер", 2)])]))
    assert asyncio.run(_examples(path, ["Лавров", "Плетнева", "Ольгу Плетнёву"])) == [
        "Плетнёва", "Громов", "Громов"]
    assert asyncio.run(_examples(tmp_path / "empty.sqlite3", ["Лавров"])) == [None]


# --- 5. newsdigest analyze: the bot's limits, and JSON / zip read as ingest reads them ---


def _long_article(late_name: str) -> str:
    """A long report: a name in its first paragraph, filler paragraphs past the analysed
    part (limits.MAX_ANALYSED_CHARS), and a name only at the very end."""
    from digest import limits

    parts = ["Отчёт о работе районных служб\n",
             "Глава района Михаил Сорокин представил годовой отчёт о работе служб."]
    n = 0
    while sum(map(len, parts)) < limits.MAX_ANALYSED_CHARS * 2:
        n += 1
        parts.append(f"Пункт {n}. Службы района выполнили плановые работы по участку {n}, "
                     f"заменено {n + 10} метров труб, осмотрено {n + 3} домов.")
    parts.append(f"В завершение выступил депутат {late_name}.")
    return "\n\n".join(parts)


def test_analyze_applies_the_bots_limits(tmp_path, capsys):
    big = tmp_path / "report.txt"
    big.write_text(_long_article("Аркадий Веденеев"), encoding="utf-8")
    code, out, err = run(capsys, "analyze", "--json", str(big))
    assert code == 0 and "Traceback" not in err
    [card] = [json.loads(line) for line in out.splitlines()]
    names = [p["name"] for p in card["people"]]
    assert "Михаил Сорокин" in names and "Аркадий Веденеев" not in names  # not analysed
    assert card["content_hash"] == identity.content_hash(
        big.read_text(encoding="utf-8").split("\n\n", 1)[1])  # ... but the whole text kept


def test_analyze_over_the_time_budget_is_a_reason_not_a_hang(monkeypatch):
    import time

    from digest import limits
    from digest.card import AnalysisError
    from digest.unpack import RawFile
    from newsdigest import analysis
    from newsdigest.analysis import analyze_bounded

    def slow_card(*args, **kwargs):  # an analysis certain to outlast the budget
        time.sleep(60)
        return real_card(*args, **kwargs)

    real_card = analysis.bounded_card
    item = RawFile("long.txt", _long_article("Аркадий Веденеев").encode("utf-8"))
    with monkeypatch.context() as m:
        m.setattr(analysis, "bounded_card", slow_card)
        started = time.monotonic()
        with pytest.raises(AnalysisError) as raised:
            analyze_bounded(item, seconds=1)
        assert time.monotonic() - started < 10  # the timer cut it, not the sleep's end
    assert str(raised.value) == limits.TOO_SLOW.format(seconds=1)
    assert "анализ занял больше 1 с" in str(raised.value)
    card = analyze_bounded(RawFile("short.txt", STATION_TEXT.encode("utf-8")))
    assert card.title == "Метеостанция в посёлке Озёрный"  # the timer is gone after a budget


def test_analyze_reads_json_jsonl_and_zip_like_ingest(tmp_path, capsys):
    record = {"headline": "Метеостанция в посёлке Озёрный",
              "body": STATION_TEXT.split("\n\n", 1)[1], "date": "2025-03-12",
              "source": {"name": "Озёрные вести"}}
    one = tmp_path / "one.json"
    one.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    lines = tmp_path / "feed.jsonl"
    lines.write_text(json.dumps(record, ensure_ascii=False) + "\n{не json\n", encoding="utf-8")
    packed = tmp_path / "pack.zip"
    with zipfile.ZipFile(packed, "w") as zf:
        zf.writestr("station.txt", STATION_TEXT)
        zf.writestr("pic.png", b"\x89PNG....")
    code, out, err = run(capsys, "analyze", "--json", str(one), str(lines), str(packed))
    cards = [json.loads(line) for line in out.splitlines()]
    assert [(c["file"], c["title"]) for c in cards] == [
        (str(one), "Метеостанция в посёлке Озёрный"),
        (f"{lines}:1", "Метеостанция в посёлке Озёрный"),
        (f"{packed}/station.txt", "Метеостанция в посёлке Озёрный"),
    ]
    assert [(c["published"], c["source"]) for c in cards[:2]] == [
        ("2025-03-12", "Озёрные вести")] * 2
    assert code == 2  # the bad line and the picture
    assert err.splitlines() == [
        f"{lines}:2: строка 2: неверный JSON",
        f"{packed}/pic.png: неподдерживаемый формат файла «.png» (допустимы .htm, .html, "
        ".json, .jsonl, .md, .txt, .zip)",
    ]
    assert "Это архив" not in err


# --- 6. a duplicate that knows the date, source and link better -------------------------


def _article_json(capsys, db: Path, article_id: int) -> dict:
    code, out, _ = run(capsys, "article", str(article_id), "--json", "--db", str(db))
    assert code == 0
    return json.loads(out)


def test_a_duplicate_with_better_metadata_fills_the_stored_article(tmp_path, capsys):
    plain = tmp_path / "station.txt"  # a year-less dateline, no source, no link
    plain.write_text(STATION_TEXT, encoding="utf-8")
    db = tmp_path / "meta.sqlite3"
    assert run(capsys, "ingest", str(plain), "--db", str(db))[0] == 0
    guessed = _article_json(capsys, db, 1)
    assert guessed["published"].endswith("-03-12") and guessed["published"] != "2019-03-12"
    assert guessed["source"] is None and guessed["url"] is None
    record = {"title": "Метеостанция в посёлке Озёрный",
              "text": STATION_TEXT.split("\n\n", 1)[1], "published": "2019-03-12",
              "source": "Озёрные вести", "url": "https://ozernye.example/station"}
    export = tmp_path / "export.json"
    export.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "ingest", str(export), "--db", str(db))
    assert code == 0 and out.splitlines() == [
        "Добавлено: 0, дубликатов: 1, отклонено: 0",
        f"  {export}: дубликат статьи #1 (дополнено из дубликата: год, источник, ссылка)"]
    stored = _article_json(capsys, db, 1)
    assert (stored["published"], stored["source"], stored["url"]) == (
        "2019-03-12", "Озёрные вести", "https://ozernye.example/station")
    code, out, _ = run(capsys, "person", "Зотова", "--db", str(db))
    assert "(2019-03-12 · Озёрные вести)" in out


def test_a_duplicate_that_disagrees_is_reported_not_written(tmp_path, capsys):
    record = {"title": "Метеостанция в посёлке Озёрный",
              "text": STATION_TEXT.split("\n\n", 1)[1], "published": "2025-03-12",
              "source": "Озёрные вести"}
    first = tmp_path / "first.json"
    first.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({**record, "published": "2025-03-13", "source": "Вестник"},
                                ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "differs.sqlite3"
    assert run(capsys, "ingest", str(first), "--db", str(db))[0] == 0
    code, out, _ = run(capsys, "ingest", str(other), "--db", str(db))
    assert out.splitlines()[1] == (
        f"  {other}: дубликат статьи #1 (у дубликата другая дата 2025-03-13 (в архиве "
        "2025-03-12), другой источник «Вестник» (в архиве «Озёрные вести»))")
    stored = _article_json(capsys, db, 1)
    assert (stored["published"], stored["source"]) == ("2025-03-12", "Озёрные вести")


# --- review: a card holding Infinity, and a duplicate from another outlet -----------------


async def _old_archive_with_an_infinite_figure(path: Path) -> None:
    """Schema v8 with a card as the old code stored a figure of 10^400: `Infinity`."""
    await _schema_v8(path)
    card = ('{"title": "Бюджет", "content_hash": "old", "figures": [{"text": "1' + "0" * 400
            + ' рублей", "value": Infinity, "unit": "RUB", "kind": "money", "context": ""},'
            ' {"text": "5%", "value": 5.0, "unit": "%", "kind": "percent", "context": ""}]}')
    async with aiosqlite.connect(path) as raw:
        await raw.execute(
            "INSERT INTO articles(id, title, day, summary, text, card, content_hash, story_id,"
            " ingested_at) VALUES (1, 'Бюджет', '2025-03-12', '[]', ?, ?, 'old', 1,"
            " '2025-03-12 10:00:00')", (STATION_TEXT, card))
        await raw.commit()


def test_migration_runs_over_a_card_holding_infinity(tmp_path):
    path = tmp_path / "inf.sqlite3"
    asyncio.run(_old_archive_with_an_infinite_figure(path))
    assert asyncio.run(_add_all(path, [make_card("Копия", STATION_TEXT)])) == [("duplicate", 1)]
    with sqlite3.connect(path) as raw:
        figures = raw.execute("SELECT json_extract(card, '$.figures') FROM articles").fetchone()
    assert [f["text"] for f in json.loads(figures[0])] == ["5%"]


def test_a_figure_too_large_for_a_float_is_not_stored(tmp_path):
    card = make_card("Бюджет", STATION_TEXT)
    card.figures = [Figure("1" + "0" * 400 + " рублей", float("inf"), "RUB", "money", ""),
                    Figure("5%", 5.0, "%", "percent", "")]
    path = tmp_path / "big.sqlite3"
    assert asyncio.run(_add_all(path, [card])) == [("added", 1)]
    with sqlite3.connect(path) as raw:  # SQLite's JSON reads the stored card
        figures = raw.execute("SELECT json_extract(card, '$.figures') FROM articles").fetchone()
    assert [f["text"] for f in json.loads(figures[0])] == ["5%"]


def test_a_duplicate_from_another_outlet_reports_its_link_and_date_but_writes_neither(
    tmp_path, capsys
):
    record = {"title": "Метеостанция в посёлке Озёрный",
              "text": STATION_TEXT.split("\n\n", 1)[1], "source": "Озёрные вести"}
    first = tmp_path / "first.json"
    first.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({**record, "source": "Вестник", "published": "2025-03-13",
                                 "url": "https://vestnik.example/1"}, ensure_ascii=False),
                     encoding="utf-8")
    db = tmp_path / "outlets.sqlite3"
    assert run(capsys, "ingest", str(first), "--db", str(db))[0] == 0
    before = _article_json(capsys, db, 1)
    code, out, _ = run(capsys, "ingest", str(other), "--db", str(db))
    assert "другой источник «Вестник»" in out and "своя ссылка https://vestnik.example/1" in out
    assert "дополнено" not in out
    stored = _article_json(capsys, db, 1)
    assert (stored["published"], stored["source"], stored["url"]) == (
        before["published"], "Озёрные вести", None)
