"""Archive on real SQLite files: articles, people, topics, duplicates, stories, delete."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest
from test_storage_cards import LAVROV_TEXT, make_card

from storage import Archive

OTHER_LAVROV = (
    "Депутат Иван Лавров предложил новый закон о парковках. "
    "Законопроект внесён в Госдуму. Лавров рассчитывает на поддержку коллег."
)
VACCINE_TEXTS = [
    "Первые партии вакцины от гриппа поступили в регионы. Прививки начнутся в понедельник.",
    "Минздрав закупил четыре миллиона доз вакцин. Поставки завершатся к осени.",
    "Новая вакцина прошла испытания. Учёные довольны результатами исследования.",
]


@pytest.fixture
async def archive(tmp_path):
    async with Archive.open(tmp_path / "sub" / "archive.sqlite3") as archive:
        yield archive


async def add_lavrov(archive: Archive, day: date = date(2025, 3, 10)):
    card = make_card(
        "Лавров провёл переговоры в Анкаре",
        LAVROV_TEXT,
        people=[("Сергей Лавров", "министр иностранных дел России", 2)],
        quotes=[("Сергей Лавров", "Мы готовы к диалогу")],
        topics=["переговоры", "зерно"],
        published=day,
    )
    return await archive.articles.add(card, uploaded_by=42, filename="lavrov.txt")


async def test_open_creates_folder_and_pragmas(tmp_path):
    path = tmp_path / "a" / "b" / "x.sqlite3"
    async with Archive.open(path) as archive:
        async with archive.db.read() as conn:
            mode = await (await conn.execute("PRAGMA journal_mode")).fetchone()
            fk = await (await conn.execute("PRAGMA foreign_keys")).fetchone()
        assert mode[0] == "wal" and fk[0] == 1
    assert path.exists()


async def test_add_get_roundtrip(archive):
    result = await add_lavrov(archive)
    assert result.status == "added" and result.story_id == result.article_id
    card = await archive.articles.get(result.article_id)
    assert card is not None
    assert card.title == "Лавров провёл переговоры в Анкаре"
    assert card.text == LAVROV_TEXT
    assert card.people[0].role == "министр иностранных дел России"
    assert card.published == date(2025, 3, 10)
    assert len(card.signature) == 128
    assert await archive.articles.get(999) is None


async def test_exact_duplicate_not_stored(archive):
    first = await add_lavrov(archive)
    again = await add_lavrov(archive)
    assert again.status == "duplicate" and again.article_id == first.article_id
    assert (await archive.articles.stats()).total_articles == 1


async def test_near_duplicate_joins_story_only_within_window(archive):
    base = "Министр иностранных дел России Сергей Лавров провёл переговоры в Анкаре с коллегой. "
    first = await archive.articles.add(make_card("A", base + "Обсуждали зерно и газ."))
    second = await archive.articles.add(
        make_card("B", base + "Темой стали поставки зерна.", published=date(2025, 3, 12))
    )
    far = await archive.articles.add(
        make_card("C", base + "Речь шла о газе и зерне.", published=date(2025, 5, 1))
    )
    other = await archive.articles.add(make_card("D", VACCINE_TEXTS[0]))
    assert second.status == "added" and second.story_id == first.article_id
    assert far.story_id == far.article_id
    assert other.story_id == other.article_id


@pytest.mark.parametrize(
    "query",
    [
        "Лавров",
        "Лаврова",
        "Лавровым",
        "лавров",
        "ЛАВРОВ",
        "Сергей Лавров",
        "Сергея Лаврова",
        "сергеем лавровым",
        "  Лавров  ",
    ],
)
async def test_find_person_every_form(archive, query):
    added = await add_lavrov(archive)
    result = await archive.articles.find_person(query)
    assert not result.ambiguous
    assert result.names == ["Сергей Лавров"]
    [ref] = result.articles
    assert ref.id == added.article_id
    assert ref.role == "министр иностранных дел России"
    assert ref.snippet == "«Мы готовы к диалогу»"


async def test_find_person_yo_and_e(archive):
    text = "Глава Минэнерго Семён Лёвин открыл станцию. Лёвин назвал её крупнейшей в регионе."
    await archive.articles.add(make_card("Станция", text, people=[("Семён Лёвин", "глава", 2)]))
    for query in ("Левин", "Лёвина", "Семен Левин", "СЕМЁНА ЛЁВИНА"):
        result = await archive.articles.find_person(query)
        assert [a.title for a in result.articles] == ["Станция"], query
        assert result.articles[0].snippet == "Глава Минэнерго Семён Лёвин открыл станцию."


async def test_same_surname_gives_candidates(archive):
    await add_lavrov(archive)
    await archive.articles.add(
        make_card("Закон о парковках", OTHER_LAVROV, people=[("Иван Лавров", "депутат", 2)])
    )
    result = await archive.articles.find_person("Лаврова")
    assert result.ambiguous and not result.articles
    assert {c.name for c in result.candidates} == {"Сергей Лавров", "Иван Лавров"}
    assert {c.role for c in result.candidates} == {"министр иностранных дел России", "депутат"}
    # the full name picks one of them
    ivan = await archive.articles.find_person("Ивана Лаврова")
    assert ivan.names == ["Иван Лавров"]
    assert ivan.articles[0].snippet.startswith("Депутат Иван Лавров предложил")


async def test_surname_only_record_joins_single_full_name(archive):
    await add_lavrov(archive)
    text = "Лавров прибыл в Минск. Визит продлится два дня."
    await archive.articles.add(
        make_card("Визит", text, people=[("Лавров", None, 1)], published=date(2025, 3, 11))
    )
    result = await archive.articles.find_person("Лавров")
    assert not result.ambiguous
    assert [a.title for a in result.articles] == ["Визит", "Лавров провёл переговоры в Анкаре"]


async def test_find_person_paging_newest_first(archive):
    for i in range(5):
        text = f"Сергей Лавров выступил на форуме номер {i}. Форум посвящён теме {i * 7}."
        await archive.articles.add(
            make_card(
                f"Форум {i}",
                text,
                people=[("Сергей Лавров", None, 1)],
                published=date(2025, 1, 1) + timedelta(days=30 * i),
            )
        )
    page1 = await archive.articles.find_person("Лавров", limit=2)
    page3 = await archive.articles.find_person("Лавров", limit=2, offset=4)
    assert [a.title for a in page1.articles] == ["Форум 4", "Форум 3"] and page1.has_more
    assert [a.title for a in page3.articles] == ["Форум 0"] and not page3.has_more


async def test_unknown_person(archive):
    await add_lavrov(archive)
    result = await archive.articles.find_person("Песков")
    assert result.articles == [] and result.candidates == [] and result.names == []
    assert (await archive.articles.find_person('"; DROP TABLE people; --')).articles == []


async def add_vaccines(archive):
    for i, text in enumerate(VACCINE_TEXTS):
        await archive.articles.add(make_card(f"Вакцины {i}", text, topics=["вакцинация"]))
    await add_lavrov(archive)


@pytest.mark.parametrize("query", ["вакцина", "вакцины", "вакцин", "ВАКЦИНАМИ", "вакцине"])
async def test_search_topic_morphology(archive, query):
    await add_vaccines(archive)
    result = await archive.articles.search_topic(query)
    assert sorted(a.title for a in result.articles) == ["Вакцины 0", "Вакцины 1", "Вакцины 2"]
    assert all("вакцин" in a.snippet.lower() for a in result.articles)


async def test_search_topic_ranks_title_and_snippet(archive):
    await add_vaccines(archive)
    result = await archive.articles.search_topic("переговоры в Анкаре")
    assert [a.title for a in result.articles] == ["Лавров провёл переговоры в Анкаре"]
    assert result.articles[0].snippet.startswith("Министр иностранных дел России")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"', 0),
        ("AND", 0),
        ("*", 0),
        ("(", 0),
        ("-", 0),
        ("", 0),
        ("NOT вакцина", 3),
        ("вакцина OR", 3),
        ('вакцина"', 3),
        ("вакцин*", 3),
        ("(вакцина)", 3),
        ("-вакцина", 3),
        ('NEAR("вакцина" "грипп")', 1),
        ("вакцина AND", 3),
    ],
)
async def test_search_topic_hostile_syntax(archive, query, expected):
    await add_vaccines(archive)
    result = await archive.articles.search_topic(query)
    assert len(result.articles) == expected


async def test_search_topic_paging(archive):
    await add_vaccines(archive)
    first = await archive.articles.search_topic("вакцина", limit=2)
    rest = await archive.articles.search_topic("вакцина", limit=2, offset=2)
    assert first.has_more and not rest.has_more
    assert len({a.id for a in first.articles + rest.articles}) == 3


async def test_delete_cascades(archive, tmp_path):
    added = await add_lavrov(archive)
    await archive.articles.add(
        make_card("Закон о парковках", OTHER_LAVROV, people=[("Иван Лавров", "депутат", 2)])
    )
    assert await archive.articles.delete(added.article_id, actor=7)
    assert not await archive.articles.delete(added.article_id, actor=7)
    assert await archive.articles.get(added.article_id) is None
    assert (await archive.articles.search_topic("Анкара")).articles == []
    assert (await archive.articles.find_person("Сергей Лавров")).articles == []
    # only Иван is left: the surname is no longer ambiguous
    assert (await archive.articles.find_person("Лавров")).names == ["Иван Лавров"]
    async with archive.db.read() as conn:
        for table in ("topics", "article_people"):
            cur = await conn.execute(
                f"SELECT COUNT(*) FROM {table} WHERE article_id = ?", (added.article_id,)
            )
            assert (await cur.fetchone())[0] == 0, table
        cur = await conn.execute(
            "SELECT COUNT(*) FROM articles_fts WHERE rowid = ?", (added.article_id,)
        )
        assert (await cur.fetchone())[0] == 0
        cur = await conn.execute("SELECT COUNT(*) FROM people WHERE name = 'Сергей Лавров'")
        assert (await cur.fetchone())[0] == 0
    log = await archive.audit.entries()
    assert [(e.action, e.actor, e.article_id) for e in log[:1]] == [("delete", 7, added.article_id)]
    # the same text can be uploaded again after deletion
    assert (await add_lavrov(archive)).status == "added"


async def test_articles_between_and_stats(archive):
    before = datetime.now(UTC) - timedelta(seconds=5)
    await add_vaccines(archive)
    later = datetime.now(UTC) + timedelta(minutes=1)
    recent = await archive.articles.between(before, later)
    assert [a.card.title for a in recent][:3] == ["Вакцины 0", "Вакцины 1", "Вакцины 2"]
    assert recent[0].card.text == "" and recent[0].card.summary
    assert await archive.articles.between(later, later + timedelta(minutes=1)) == []
    stats = await archive.articles.stats(before)
    assert stats.articles == 4 and stats.total_articles == 4
    assert stats.top_people == [("Сергей Лавров", 1)]
    assert stats.top_topics[0] == ("вакцинация", 3)
    empty = await archive.articles.stats(datetime.now(UTC) + timedelta(days=1))
    assert empty.articles == 0 and empty.top_people == [] and empty.total_articles == 4


async def test_add_is_one_transaction(archive):
    """A failure late in an article (topics go last) leaves nothing of it behind."""
    async with archive.db.write() as conn:
        await conn.execute(
            "CREATE TRIGGER fail_topic BEFORE INSERT ON topics WHEN NEW.topic = 'взрыв'"
            " BEGIN SELECT RAISE(ABORT, 'boom'); END"
        )
    card = make_card(
        "Сломанная",
        "Текст статьи про Ивана Петрова.",
        people=[("Иван Петров", None, 1)],
        topics=["взрыв"],
    )
    with pytest.raises(sqlite3.IntegrityError, match="boom"):
        await archive.articles.add(card)
    stats = await archive.articles.stats()
    assert stats.total_articles == 0
    assert (await archive.articles.find_person("Петров")).names == []
    assert (await archive.articles.search_topic("статья")).articles == []
    card.topics = ["стройка"]
    assert (await archive.articles.add(card)).status == "added"
    assert (await archive.articles.find_person("Петров")).names == ["Иван Петров"]


async def test_search_topic_recency_tiers_page_consistently(archive, monkeypatch):
    monkeypatch.setattr("storage.search.RECENT_TIER", 2)
    ids = []
    for i in range(5):
        text = f"Вакцина номер {i} поступила в регион {i}. " + "Вакцина. " * (i % 3)
        ids.append((await archive.articles.add(make_card(f"В{i}", text))).article_id)
    everything = (await archive.articles.search_topic("вакцины", limit=10)).articles
    assert {a.id for a in everything} == set(ids)
    assert {a.id for a in everything[:2]} == set(ids[-2:])  # the newest tier comes first
    paged = []
    for offset in range(0, 5, 2):
        paged += (await archive.articles.search_topic("вакцины", limit=2, offset=offset)).articles
    assert [a.id for a in paged] == [a.id for a in everything]
