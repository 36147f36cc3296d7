"""Figures the card shows for the shapes real news uses (invented sentences)."""

from __future__ import annotations

import pytest

from digest.figures import extract_figures


def _figures(sentence: str) -> list[tuple[str, float, float | None, str]]:
    return [(f.text, f.value, f.upper, f.unit) for f in extract_figures([sentence])]


def test_scores_date_ranges_anniversaries_and_times_are_not_quantities():
    assert _figures("Хозяева выиграли 2:1, а в прошлом туре сыграли 0 : 0 с гостями.") == []
    assert _figures("Ярмарка пройдет с 3 по 9 октября на набережной.") == []
    assert _figures("Комбинат отметил 45 летие, а школа готовится к 90-летию.") == []


def test_coordinated_list_keeps_its_noun_not_the_conjunction():
    assert _figures("На объекте трудятся 1520 монтажников и 86 сварщиков.") == [
        ("1520 монтажников", 1520, None, "монтажник"),
        ("86 сварщиков", 86, None, "сварщик"),
    ]


def test_compound_amount_is_one_figure():
    assert _figures("Контракт оценен в 3 млрд 150 млн тенге.") == [
        ("3 млрд 150 млн тенге", pytest.approx(3.15e9), None, "KZT")
    ]


def test_negatives_keep_their_sign():
    assert _figures("Ночью до −14 градусов, днем минус 6 градусов.") == [
        ("14 градусов", -14, None, "градус"),
        ("6 градусов", -6, None, "градус"),
    ]


def test_ranges_keep_both_ends():
    assert _figures("Цены поднимутся на 4–6%.") == [("4–6%", 4, 6, "%")]
    assert _figures("Оклады составят от 70 до 95 тысяч рублей.") == [
        ("от 70 до 95 тысяч рублей", 7e4, 9.5e4, "RUB")
    ]
