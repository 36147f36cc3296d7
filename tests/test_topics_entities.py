"""Topics name the organizations and places a story is about, and /topic finds them."""

from __future__ import annotations

import pytest

from digest.analyze import analyze_text
from storage import Archive

TITLE = "Правительство Чили подняло пошлины на медь"
STORY = (
    "Правительство Чили в среду объявило о повышении экспортных пошлин на медь. "
    "По словам министра, новые пошлины на медь вступят в силу в марте, а выручку направят "
    "на строительство дорог в горных провинциях.\n\n"
    "Покупатели меди из Азии уже попросили отсрочку. В частности, крупные плавильные "
    "заводы готовят новые контракты: экспортные пошлины съедят часть их прибыли.\n\n"
    "Вечером в Белом доме заявили, что изучат решение. Аналитики ждут, что цены на медь "
    "вырастут до конца года. Позже в правительстве Чили уточнили сроки."
)


@pytest.fixture(scope="module")
def card():
    return analyze_text(STORY, title=TITLE)


def test_the_subject_organization_is_a_topic_as_the_card_names_it(card):
    assert "правительство Чили" in card.topics
    assert "правительство Чили" in [e.name for e in card.organizations]


def test_a_name_covers_its_own_words_and_the_places_inside_it(card):
    # "Чили" and "правительство" on their own would repeat the name
    assert "Чили" not in card.topics
    assert "правительство" not in card.topics


def test_words_of_a_name_and_idiom_fragments_are_not_topics(card):
    assert "дом" not in card.topics  # of "Белый дом"
    assert "частность" not in card.topics  # of "в частности"


def test_the_story_terms_stay(card):
    assert "медь" in card.topics
    assert "экспортные пошлины" in card.topics or "пошлины" in card.topics


HARVEST = (
    "Фермеры начали сбор урожая подсолнечника на полях юга. Урожай подсолнечника в этом "
    "году высокий: погода была тёплой, дожди прошли вовремя, а вредителей почти не было.\n\n"
    "Элеваторы заполнены на две трети, и хозяйства арендуют дополнительные склады. "
    "Аграрии ждут роста закупочных цен на масло и жмых, переработчики готовят новые "
    "линии.\n\nПо оценкам отраслевых аналитиков, часть подсолнечного масла уйдёт в Египет."
)


def test_a_place_named_once_late_is_not_a_topic():
    card = analyze_text(HARVEST, title="Фермеры начали сбор подсолнечника")
    assert "Египет" in [e.name for e in card.locations]
    assert "Египет" not in card.topics


@pytest.mark.parametrize(
    "query", ["правительство Чили", "правительству Чили", "Правительства чили"]
)
async def test_topic_search_finds_the_organization_in_any_case(tmp_path, card, query):
    async with Archive.open(tmp_path / "archive.sqlite3") as archive:
        await archive.articles.add(card)
        other = analyze_text(HARVEST, title="Фермеры начали сбор подсолнечника")
        await archive.articles.add(other)
        result = await archive.articles.search_topic(query)
        assert [a.title for a in result.articles] == [TITLE]


FUEL_TITLE = "Правительство снова взялось за цены на топливо"
FUEL = (
    "Вице-премьер Александр Новак собрал нефтяников, чтобы обсудить рекордные биржевые цены "
    "на бензин. Обычно зимой цены снижаются, но тонна бензина на бирже подорожала на 6%.\n\n"
    "Собеседник «Ведомостей» в одной из компаний говорит, что рост цен связан с ремонтами "
    "на трёх крупных НПЗ. Зимой спрос на бензин падает, а ремонты НПЗ обычно переносят "
    "на весну, добавил он."
)


@pytest.fixture(scope="module")
def fuel():
    return analyze_text(FUEL, title=FUEL_TITLE, source="Ведомости")


def test_the_outlet_naming_itself_is_no_topic_but_stays_a_mention(fuel):
    assert "Ведомости" not in fuel.topics
    assert "Ведомости" in [e.name for e in fuel.organizations]


def test_a_generic_abbreviation_is_no_organization_and_keeps_its_capitals_as_a_topic(fuel):
    assert "НПЗ" not in [e.name for e in fuel.organizations]
    assert "НПЗ" in fuel.topics and "нпз" not in fuel.topics


def test_when_words_are_no_topics(fuel):
    assert not {"зимой", "зима", "весна"} & set(fuel.topics)
    assert "бензин" in fuel.topics
