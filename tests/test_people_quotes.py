"""People, roles and quotes on invented articles (real natasha models)."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.nlp import parse_doc
from digest.people import group_people, to_people
from digest.quotes import extract_quotes

FIXTURES = Path(__file__).parent / "fixtures"


def _card_parts(text: str):
    groups = group_people(parse_doc(text))
    quotes = extract_quotes(text, groups)
    return {p.name: p for p in to_people(groups)}, quotes


@pytest.fixture(scope="module")
def bridge():
    return _card_parts((FIXTURES / "card_bridge.txt").read_text("utf-8"))


def test_people_in_nominative_with_roles(bridge):
    people, _ = bridge
    assert set(people) == {"Павел Дорохов", "Игорь Ветров", "Елена Корнилова", "Анна Лисицына"}
    assert people["Павел Дорохов"].role == "губернатор Северной области"
    # "с министром транспорта России Игорем Ветровым": both role and name put in the nominative
    assert people["Игорь Ветров"].role == "министр транспорта России"
    assert people["Елена Корнилова"].role == "заместитель губернатора"
    assert people["Анна Лисицына"].role == "директор областного департамента строительства"
    assert people["Павел Дорохов"].mentions == 2


def test_quotes_attributed_after_before_and_by_role(bridge):
    _, quotes = bridge
    assert [(q.speaker, q.text.split()[0]) for q in quotes] == [
        ("Павел Дорохов", "Мост"),  # «…», — заявил Павел Дорохов.
        ("Игорь Ветров", "Мы"),  # Игорь Ветров пояснил: «…»
        ("Павел Дорохов", "Это"),  # – …, – отметил глава региона (the governor, not the minister)
    ]
    assert quotes[0].text.endswith("жителей левобережья")
    assert "«" not in quotes[2].text and "–" not in quotes[2].text


def test_surname_mentions_merge_and_conjoined_names_share_role():
    text = (
        "Главы министерств финансов Армении и Грузии Артур Саакян и Давид Кипиани подписали "
        "соглашение. Позже Саакян добавил, что документ вступит в силу летом."
    )
    people, _ = _card_parts(text)
    assert people["Артур Саакян"].mentions == 2
    assert people["Артур Саакян"].role == "глава министерства финансов Армении"
    assert people["Давид Кипиани"].role == "глава министерства финансов Грузии"


def test_photo_credit_is_not_a_person():
    text = "Фото: Олег Смирнов\n\nМэр Твери Ирина Ковалёва открыла новую школу на 800 мест."
    people, _ = _card_parts(text)
    assert list(people) == ["Ирина Ковалёва"]
    assert people["Ирина Ковалёва"].role == "мэр Твери"


def test_short_guillemets_are_names_not_quotes():
    text = (
        "Инженер Пётр Гусев награжден орденом «Знак почета» за работу на заводе «Север». "
        "«Награда — заслуга всей нашей бригады и ее мастеров», — сказал Пётр Гусев."
    )
    _, quotes = _card_parts(text)
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Пётр Гусев", "Награда — заслуга всей нашей бригады и ее мастеров")
    ]


def test_split_quote_joins_both_halves():
    text = (
        "«Мы не будем повышать тарифы в этом году, — заявил мэр Самары Олег Рябинин. — "
        "Бюджет города это позволяет»."
    )
    _, quotes = _card_parts(text)
    assert len(quotes) == 1
    assert quotes[0].speaker == "Олег Рябинин"
    assert quotes[0].text == "Мы не будем повышать тарифы в этом году. Бюджет города это позволяет"
