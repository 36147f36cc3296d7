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


def test_coins_and_periods_of_one_amount_are_one_figure():
    assert _figures("Проезд в трамвае подорожал до 38 рублей 50 копеек.") == [
        ("38 рублей 50 копеек", 38.5, None, "RUB")
    ]
    assert _figures("Сбор составит 7 долларов 25 центов с пассажира.") == [
        ("7 долларов 25 центов", 7.25, None, "USD")
    ]
    assert _figures("Поезд шел до Казани 11 часов 40 минут.") == [
        ("11 часов 40 минут", 700, None, "минута")
    ]
    assert _figures("Эфир длился 1 ч 5 мин, из них реклама заняла 12 минут.") == [
        ("1 ч 5 мин", 65, None, "минута")
    ]


def test_a_lone_period_and_a_coin_count_after_other_money_are_not_joined():
    assert _figures("Ремонт займет 3 месяца.") == []
    assert _figures("За 2 часа по 300 рублей 20 школьников сдали на подарки.") == [
        ("300 рублей", 300, None, "RUB"), ("20 школьников", 20, None, "школьник"),
    ]


def test_short_words_after_a_count_are_not_its_noun():
    assert _figures("На складе 700 т зерна и 40 т сахара.") == [
        ("700 т", 700, None, "т"), ("40 т", 40, None, "т"),
    ]


def test_headline_figure_in_other_words_is_the_body_figure_once():
    figures = extract_figures(
        ["Банк выдаст 3 миллиарда рублей на строительство школ.", "Еще 15% получат больницы."],
        title="Банк выдаст ₽3 млрд на школы и 40 автобусов",
    )
    assert [(f.text, f.context, f.headline) for f in figures] == [
        ("3 миллиарда рублей", "Банк выдаст 3 миллиарда рублей на строительство школ", True),
        ("40 автобусов", "Банк выдаст ₽3 млрд на школы и 40 автобусов", True),
        ("15%", "Еще 15% получат больницы", False),
    ]


def test_numbers_that_label_a_part_or_a_house_are_not_counts():
    assert _figures("Обвинение предъявлено по части 2 статьи 228 УК, по ч. 1 ст. 30.") == []
    assert _figures("Согласно пункту 4 статьи 19 закона, жильцы дома 7 получат жилье.") == []
    assert _figures("Изменения внесут в 6 законов и 11 постановлений.") == [
        ("6 законов", 6, None, "закон"),
        ("11 постановлений", 11, None, "постановление"),
    ]


def test_speed_keeps_its_unit():
    assert _figures("Поезд разгоняется до 160 км/ч, ветер дул со скоростью 18 м/с.") == [
        ("160 км/ч", 160, None, "км/ч"),
        ("18 м/с", 18, None, "м/с"),
    ]
    assert _figures("Порывы ветра достигали 25 метров в секунду.") == [
        ("25 метров в секунду", 25, None, "м/с"),
    ]


def test_numbers_in_words_before_a_percent_or_a_sum_are_figures_as_written():
    assert _figures("Ставка осталась на прежних пятнадцати процентах.") == [
        ("пятнадцати процентах", 15, None, "%")
    ]
    assert _figures("Выручка выросла на двадцать пять процентов, до двух миллиардов рублей.") == [
        ("двадцать пять процентов", 25, None, "%"),
        ("двух миллиардов рублей", pytest.approx(2e9), None, "RUB"),
    ]
    assert _figures("Пенсии вырастут на полтора процента, собрано более ста тысяч подписей.") == [
        ("полтора процента", 1.5, None, "%"),
        ("ста тысяч подписей", 100000, None, "подпись"),
    ]
    # a count in words is left to the text: "три причала" is no key figure
    assert _figures("Волны высотой до пяти метров повредили три причала.") == []


def test_a_figure_in_words_carries_its_clause_as_written():
    (words,) = extract_figures(["Набиуллина напомнила, что ставка — двенадцать процентов."])
    (digits,) = extract_figures(["Набиуллина напомнила, что ставка — 12 процентов."])
    assert words.context == "что ставка — двенадцать процентов"
    assert digits.context == "что ставка — 12 процентов"
    assert (words.value, words.unit) == (digits.value, digits.unit) == (12, "%")
