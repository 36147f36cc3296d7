"""Figure lines as a reader sees them on a card and in the digest (``figure_lines``), for the
shapes QA found wrong: a line must mean what its sentence says, read as a clause, and keep its
quotes paired. Invented sentences."""

from __future__ import annotations

import pytest

from digest.card import ArticleCard
from digest.compose import figure_lines
from digest.figure_context import MAX_CHARS
from digest.figures import extract_figures


def _lines(sentence: str) -> list[str]:
    return figure_lines(extract_figures([sentence]))


def _contexts(sentence: str) -> list[str]:
    return [f.context for f in extract_figures([sentence])]


# --- 1. the figure line keeps the sentence's meaning ----------------------------------------


def test_a_negated_limit_keeps_its_verb():
    assert _lines("Дефицит областного бюджета в будущем году не превысит 2% ВРП.") == [
        "Дефицит областного бюджета в будущем году не превысит 2% ВРП"
    ]
    assert _lines("Рост тарифов не превысит 9% до конца года.") == [
        "Рост тарифов не превысит 9% до конца года"
    ]
    assert _lines("Затраты на праздник не должны превышать 4 млн рублей.") == [
        "Затраты на праздник не должны превышать 4 млн рублей"
    ]


def test_more_than_is_not_shown_as_equal_to():
    # "12% — безработица" would say it is 12%
    assert _lines("Безработица в городе превысила 12%.") == ["Безработица в городе превысила 12%"]


def test_words_that_belong_to_the_figure_stay_with_it():
    # not "3% — дефицит ВРП": "ВРП" is the figure's own word
    assert _lines("Дефицит составит 3% ВРП.") == ["Дефицит составит 3% ВРП"]
    # a clause that only names the figure is still shown as "figure — what it measures"
    assert _lines("Средний чек в кафе составил 900 рублей в будни.") == [
        "900 рублей — средний чек в кафе в будни"
    ]


def test_a_relative_what_keeps_the_clause_it_stands_for():
    sentence = "Продажи фермы выросли до 7 млн рублей, что на 35% больше, чем весной."
    assert _contexts(sentence)[1] == "Продажи фермы выросли до 7 млн рублей, что на 35% больше"
    assert _lines(sentence)[1] == "Продажи фермы выросли до 7 млн рублей, что на 35% больше"
    # a "что" clause with its own subject stands alone
    assert _lines("Глава района сказал, что тарифы вырастут на 6%.") == ["Тарифы вырастут на 6%"]


def test_a_subject_parted_from_its_verb_by_a_participle_phrase_comes_back():
    sentence = "Число школ, перешедших на новый учебник, в области составляет 140."
    assert _contexts("Доля семей, получающих пособие, в районе составляет 18%.") == [
        "Доля семей, получающих пособие, в районе составляет 18%"
    ]
    assert _lines("Доля семей, получающих пособие, в районе составляет 18%.") == [
        "18% — доля семей, получающих пособие, в районе"
    ]
    assert _lines("Завод, который открылся весной, выпустил 300 тракторов.") == [
        "Завод, который открылся весной, выпустил 300 тракторов"
    ]
    assert extract_figures([sentence]) == []  # a bare number is no figure: nothing to join


def test_a_closing_quote_whose_opening_is_outside_the_clause_is_dropped():
    sentence = "«Судя по продажам, заполняемость летних рейсов уже превышает 85%», — сказал он."
    assert _contexts(sentence) == ["заполняемость летних рейсов уже превышает 85%"]
    assert _lines(sentence) == ["Заполняемость летних рейсов уже превышает 85%"]


def test_a_shortened_line_starts_where_a_phrase_starts():
    sentence = ("Губернатор похвалил волонтеров приюта и пообещал направить 600 млн рублей на "
                "строительство нового корпуса и покупку оборудования для всех его отделений "
                "в ближайшие три года.")
    [line] = _lines(sentence)
    assert line.startswith("…пообещал направить 600 млн рублей на строительство нового корпуса")
    assert len(line.strip("…")) <= MAX_CHARS  # the phrase, without the marks of its cuts
    # after a comma: the gerund opens the line, not the noun before the comma
    sentence = ("Фермеры области собрали в этом сезоне рекордный урожай пшеницы и ячменя, "
                "нарастив его в сравнении с прошлым сезоном на 14% за счет новых сортов.")
    assert _lines(sentence)[0].startswith("…нарастив его в сравнении с прошлым сезоном на 14%")


# --- 2. ranges keep their lower end, thousands grouped or not -------------------------------


def _range(sentence: str) -> tuple[str, float, float | None, str]:
    [figure] = extract_figures([sentence])
    return figure.text, figure.value, figure.upper, figure.unit


def test_a_range_with_grouped_thousands_keeps_its_lower_end():
    assert _range("Абонемент в бассейн обойдется от 3 200 до 18 000 рублей.") == (
        "от 3 200 до 18 000 рублей", 3200, 18000, "RUB")
    assert _range("Стипендии составят от 35 000 до 52 000 рублей в месяц.") == (
        "от 35 000 до 52 000 рублей", 35000, 52000, "RUB")
    assert _range("Штрафы для компаний вырастут до 20 000–80 000 рублей.") == (
        "20 000–80 000 рублей", 20000, 80000, "RUB")
    # as the ungrouped ranges always did
    assert _range("Премии составят от 150 до 300 тысяч рублей.") == (
        "от 150 до 300 тысяч рублей", 150000, 300000, "RUB")
    assert _range("Тарифы поднимут на 4–6%.") == ("4–6%", 4, 6, "%")
    assert _range("Квартиры получат 2 400 семей.") == ("2 400 семей", 2400, None, "семья")


# --- 3. people counted, in words or by a participle used as a noun --------------------------


def _counts(sentence: str) -> list[tuple[str, float, str]]:
    return [(f.text, f.value, f.unit) for f in extract_figures([sentence])]


def test_people_counted_in_words_are_figures():
    assert _counts("Четыре человека погибли при пожаре на складе.") == [
        ("Четыре человека", 4, "человек")]
    assert _counts("На месте работали двадцать два человека.") == [
        ("двадцать два человека", 22, "человек")]
    assert _lines("Четыре человека погибли при пожаре на складе.") == [
        "Четыре человека погибли при пожаре на складе"]


def test_victims_counted_by_a_participle_noun_are_figures():
    assert _counts("Шесть пострадавших доставлены в районную больницу.") == [
        ("Шесть пострадавших", 6, "пострадавший")]
    assert _counts("Двое погибших и 9 госпитализированных.") == [
        ("Двое погибших", 2, "погибший"), ("9 госпитализированных", 9, "госпитализированный")]
    # a noun after the participle is the counted thing
    assert _counts("5 пострадавших пассажиров отпустили домой.") == [
        ("5 пострадавших пассажиров", 5, "пассажир")]


def test_other_spelled_out_numbers_stay_text():
    assert _counts("Три проекта одобрили, два отклонили.") == []
    assert _counts("Он один из пострадавших.") == []


# --- 4. organizations in the nominative keep their words ------------------------------------


def _card(text: str) -> ArticleCard:
    from digest.analyze import analyze_text

    return analyze_text(text, title="Новости дня", published="2026-05-04", source="ТАСС")


def _organizations(text: str) -> list[str]:
    return [e.name for e in _card(text).organizations]


def test_a_superlative_adjective_keeps_its_stem_in_the_nominative():
    orgs = _organizations("Доклад подготовили аналитики Высшей школы экономики. Авторы "
                          "изучили цены на жилье в двадцати городах страны.")
    assert "Высшая школа экономики" in orgs
    assert not any("Высочайш" in name for name in orgs)


def test_a_genitive_place_after_a_common_noun_stays_genitive():
    card = _organizations("Аналитики Банка России ждут замедления инфляции. Прогноз "
                          "опубликован на сайте регулятора во вторник.")
    assert "Банк России" in card
    assert "Банк Россия" not in card


def test_a_compound_name_left_in_its_case_is_put_in_the_nominative():
    assert "Мосбиржа" in _organizations(
        "Торги на Мосбирже завершились ростом индекса. Аналитики ждут продолжения роста "
        "на следующей неделе.")
    assert "Мосбирже" not in _organizations(
        "Курс юаня на Мосбирже вырос к вечеру пятницы. Аналитики ждут продолжения роста "
        "на следующей неделе.")


def test_a_quoted_name_keeps_its_closing_mark():
    assert "АЭС «Аккую»" in _organizations(
        "Монтаж оборудования АЭС «Аккую» идет по графику. Пуск блока намечен на осень.")
    assert _organizations("Омский «Авангард» обыграл «Трактор» в овертайме. Болельщики "
                          "ликовали до утра на трибунах.") == ["Омский «Авангард»", "Трактор"]


# --- 5. topics: a noun stays a noun -----------------------------------------------------------


def _topics(text: str) -> list[str]:
    return _card(text).topics


def test_a_participle_used_as_a_noun_is_no_verb_topic():
    topics = _topics("Нападающий «Ротора» оформил хет-трик в матче с «Волгой». Главный тренер "
                     "отметил игру нападающего, а болельщики признали нападающего лучшим.")
    assert "нападать" not in topics
    topics = _topics("Пострадавших доставили в районную больницу. Врачи осмотрели "
                     "пострадавших, всех пострадавших выпишут до пятницы.")
    assert "пострадать" not in topics
    assert "пострадавшие" in topics


def test_a_noun_the_dictionary_first_reads_as_a_verb_is_its_noun():
    topics = _topics("Цены на стали для мостов выросли за месяц. Производители стали "
                     "просят снизить пошлины на стали из-за рубежа.")
    assert "стать" not in topics
    assert "сталь" in topics


# --- a count of people by a participle ends at the participle ---------------------------------


def test_people_counted_by_a_participle_do_not_take_the_verb_as_their_noun():
    sentence = "Четверо пострадавших были доставлены в районную больницу Заозёрска."
    assert [(f.text, f.unit, f.value) for f in extract_figures([sentence])] == [
        ("Четверо пострадавших", "пострадавший", 4)
    ]
    figures = extract_figures(["9 эвакуированных были размещены в школе."])
    assert [(f.text, f.unit) for f in figures] == [("9 эвакуированных", "эвакуированный")]


def test_a_noun_in_another_case_after_a_participle_count_is_not_its_unit():
    figures = extract_figures(["Пятеро задержанных полицией дали показания."])
    assert [(f.text, f.unit) for f in figures] == [("Пятеро задержанных", "задержанный")]


def test_a_noun_counted_after_a_participle_stays_the_unit():
    figures = extract_figures(["Спасатели подняли на поверхность 11 погибших горняков."])
    assert [(f.text, f.unit) for f in figures] == [("11 погибших горняков", "горняк")]


# --- a street named after a person keeps the genitive as written, with its street word -------


def _locations(text: str) -> list[str]:
    return [e.name for e in _card(text).locations]


@pytest.mark.parametrize("street", ["Маршала Рокоссовского", "Академика Павлова", "Белы Куна"])
def test_a_street_named_after_a_person_keeps_the_name_as_written(street: str) -> None:
    places = _locations(f"В Заозёрске на улице {street} открыли новую поликлинику. "
                        "Здание рассчитано на 400 посещений в смену.")
    assert f"улица {street}" in places
    first = street.split()[0]
    assert not any(name.startswith(first[:-1] + " ") for name in places)  # "Маршал Рокоссовского"


def test_a_number_too_large_for_a_float_is_no_figure():
    """400 digits read as infinity: `newsdigest analyze --json` would print `Infinity`,
    which is no JSON, and the archive's card could not be read by SQLite."""
    figures = extract_figures(["Бюджет составил 1" + "0" * 400 + " рублей, а рост — 5%."])
    assert [f.text for f in figures] == ["5%"]
