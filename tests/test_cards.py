"""Whole cards, as `newsdigest analyze` shows them: the seeds and our own samples."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from digest.analyze import analyze_bytes
from digest.compose import figure_phrase

SAMPLES = Path(__file__).resolve().parents[1] / "digest" / "samples"
FIXTURES_DIR = Path(__file__).parent / "fixtures"
REFERENCE = date(2025, 2, 1)


def _card(path: Path):
    return analyze_bytes(path.read_bytes(), path.name, reference_date=REFERENCE)


def _figures(card):
    return [(f.text, pytest.approx(f.value), f.unit, f.kind) for f in card.figures]


def _people(card):
    return {p.name: p.role for p in card.people}


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    return {p.stem[-1]: _card(p) for p in sorted(seeds_dir.glob("article_*.txt"))}


def test_seed_a_meeting_of_ministers(seeds):
    card = seeds["a"]
    # no headline in the file: a short title made from the lead
    assert card.title == (
        "Министр иностранных дел Республики Казахстан Мурат Нуртлеу встретился с главой "
        "российского внешнеполитического…"
    )
    assert card.published is None
    assert _people(card) == {
        "Мурат Нуртлеу": "министр иностранных дел Республики Казахстан",
        "Сергей Лавров": "глава российского внешнеполитического ведомства",
        "Михаил Галузин": "заместитель министра иностранных дел России",
        "Александр Панкин": "заместитель министра иностранных дел России",
    }
    assert _figures(card) == [
        ("27,8 миллиарда долларов", 27.8e9, "USD", "money"),
        ("2,8%", 2.8, "%", "percent"),
        ("30 миллиардов долларов", 30e9, "USD", "money"),
    ]
    assert [(q.speaker, q.text[:30]) for q in card.quotes] == [
        ("Мурат Нуртлеу", "Поддержание высокой динамики п"),
        ("Сергей Лавров", "Казахстан – наш надежный союзн"),
    ]
    # the clause of the figure, joined with the one its "которого" refers to
    assert figure_phrase(card.figures[0]) == (
        "…товарооборота, объем которого в минувшем году составил 27,8 миллиарда долларов"
    )


def test_seed_b_heads_of_government(seeds):
    card = seeds["b"]
    assert card.title == "Михаил Мишустин: Казахстан — наш стратегический партнёр и союзник"
    assert card.subtitle == "Главы правительств Казахстана и России встретились в Астане"
    assert _people(card) == {
        "Олжас Бектенов": "глава правительства Казахстана",
        "Михаил Мишустин": "глава правительства России",
        "Касым-Жомарт Токаев": "президент РК",
        "Владимир Путин": "президент РФ",
    }
    assert _figures(card) == [
        ("$24,2 млрд", 24.2e9, "USD", "money"),
        ("$30 млрд", 30e9, "USD", "money"),
        ("5%", 5.0, "%", "percent"),
        ("$3,2 млрд", 3.2e9, "USD", "money"),
        ("99 казахско-российских проектов", 99.0, "проект", "quantity"),
        ("$18,6 млрд", 18.6e9, "USD", "money"),
    ]
    assert [q.speaker for q in card.quotes] == [
        "пресс-служба казахстанского премьера",
        "пресс-служба",
        "Олжас Бектенов",
        "Михаил Мишустин",
        None,
    ]
    # "30 января" has no year: resolved against the reference date
    assert [(d.text, d.value) for d in card.dates] == [("30 января", "2025-01-30")]
    # the split quote is one quote without the attribution in the middle
    assert "напомнили" not in card.quotes[1].text
    assert card.quotes[1].text.endswith("на предстоящий период")


def test_seed_c_boilerplate_gone_and_dialogue_quotes(seeds):
    card = seeds["c"]
    assert card.title == "Токаев: Наше сотрудничество с Россией развивается по восходящей линии"
    assert card.published == date(2024, 11, 27)
    assert card.source == "Kazpravda.kz"
    for junk in ("Image", "SHARES", "Похожие материалы", "Авторитетно", "\n63\n", "378"):
        assert junk not in card.text
    assert _people(card) == {
        "Касым-Жомарт Токаев": "глава государства",
        "Владимир Путин": "президент России",
    }
    # "– …, – отметил президент Казахстана": the text states that office for no one (Токаев
    # is called "глава государства" once, of no named country), so no speaker rather than a
    # guess by nearness
    assert [q.speaker for q in card.quotes] == [
        "Касым-Жомарт Токаев",
        None,
        "Владимир Путин",
    ]
    assert ("22 тысяч новых рабочих мест", pytest.approx(22_000), "рабочее место", "quantity") in (
        _figures(card)
    )
    assert [f.text for f in card.figures if f.kind == "money"] == [
        "30 млрд долларов", "18,3 млрд долларов", "29,5 млрд долларов",
    ]


def test_summaries_are_whole_sentences_from_the_text(seeds):
    for card in seeds.values():
        assert 2 <= len(card.summary) <= 4
        for sentence in card.summary:
            assert sentence in card.text
            assert sentence.count("«") == sentence.count("»")


def test_sample_html_page():
    card = _card(SAMPLES / "economy_forecast.html")
    assert card.title == "Минэкономразвития повысило прогноз роста ВВП на 2026 год"
    assert card.published == date(2025, 10, 21)
    assert card.source == "Экономический вестник"
    assert _people(card)["Андрей Колесников"] == "министр экономического развития"
    assert [e.name for e in card.organizations][:1] == ["Министерство экономического развития"]
    assert ("1,2 трлн рублей", pytest.approx(1.2e12), "RUB", "money") in _figures(card)
    # «…», — добавила она: the pronoun resolves to the woman named just before
    assert [q.speaker for q in card.quotes] == ["Андрей Колесников", "Марина Белова"]


def test_sample_tass_dateline_and_quantities():
    card = _card(SAMPLES / "region_bridge.txt")
    assert card.source == "ТАСС"
    assert card.published == date(2024, 10, 17)  # "17 октября" before the reference date
    assert not card.text.startswith("ЕКАТЕРИНБУРГ")
    assert _people(card) == {
        "Игорь Ветлугин": "министр транспорта и дорожного хозяйства региона"
    }
    assert ("7 км", pytest.approx(7), "км", "quantity") in _figures(card)
    assert ("6,8 млрд рублей", pytest.approx(6.8e9), "RUB", "money") in _figures(card)


def test_sample_surname_only_mention_merges_and_role_found():
    card = _card(SAMPLES / "health_vaccine.txt")
    assert [(p.name, p.mentions) for p in card.people] == [("Елена Кравцова", 3)]
    assert card.people[0].role == "главный внештатный специалист Минздрава по эпидемиологии"
    assert "вакцина" in card.topics


def test_two_reports_of_one_event_share_a_story():
    from digest.identity import same_story, story_key

    first = _card(SAMPLES / "economy_forecast.html")
    second = _card(SAMPLES / "economy_second_cp1251.txt")  # cp1251 bytes, another site
    other = _card(SAMPLES / "harvest_record.txt")
    day = first.published or date(2025, 10, 1)
    assert same_story(story_key(first, day), story_key(second, day))
    assert not same_story(story_key(first, day), story_key(other, day))
    assert second.title == "Правительство ждёт ускорения экономики в 2026 году"


def test_a_line_is_not_an_article_and_given_subtitle_is_kept():
    from digest.analyze import analyze_text
    from digest.card import AnalysisError

    with pytest.raises(AnalysisError, match="Слишком короткий текст"):
        analyze_text("Коротко.")
    body = (FIXTURES_DIR / "card_vaccine.txt").read_text("utf-8").split("\n\n", 1)[1]
    title, subtitle = "Прививки для подростков", "Первая партия — 40 тысяч доз"
    card = analyze_text(body, title=title, subtitle=subtitle)
    assert (card.title, card.subtitle) == (title, subtitle)
