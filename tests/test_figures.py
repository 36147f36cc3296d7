"""extract_figures: money, percent and quantity figures from invented Russian sentences."""

from __future__ import annotations

import pytest

from digest.card import Figure
from digest.figures import _grammar, extract_figures, parser

# isort: split
from yargy import Parser

NBSP = "\u00a0"
THIN = "\u2009"
NARROW_NBSP = "\u202f"

# (sentence, kind, value, unit, text): sentences holding exactly one figure
SINGLE = [
    # money
    ("Экспорт зерна принёс стране 27,8 миллиарда долларов.",
     "money", 27.8e9, "USD", "27,8 миллиарда долларов"),
    ("Фонд вложил в порты $24,2 млрд.", "money", 24.2e9, "USD", "$24,2 млрд"),
    ("Цель — довести оборот до $30 млрд к концу десятилетия.",
     "money", 30e9, "USD", "$30 млрд"),
    ("На ремонт дорог выделят 1,5 трлн рублей.", "money", 1.5e12, "RUB", "1,5 трлн рублей"),
    ("Каждый фермер получит 100 тысяч тенге.", "money", 1e5, "KZT", "100 тысяч тенге"),
    ("Поставки оцениваются в 18,3 млрд долларов.",
     "money", 18.3e9, "USD", "18,3 млрд долларов"),
    ("Город получил грант в 5 млн евро.", "money", 5e6, "EUR", "5 млн евро"),
    ("Проект стоил €2 млн.", "money", 2e6, "EUR", "€2 млн"),
    ("Штраф для водителей составит 300 руб.", "money", 300, "RUB", "300 руб."),
    ("Банк одобрил кредит на ₽1,2 млрд для завода.", "money", 1.2e9, "RUB", "₽1,2 млрд"),
    ("Фермы закупили удобрения на 40 млн юаней.", "money", 40e6, "CNY", "40 млн юаней"),
    ("Зарплата учителя выросла до 50 тысяч сомов.", "money", 5e4, "KGS", "50 тысяч сомов"),
    ("Пенсия составит 3 тысячи гривен.", "money", 3e3, "UAH", "3 тысячи гривен"),
    ("Музей потратил 15 млн долл. на реставрацию.", "money", 15e6, "USD", "15 млн долл."),
    ("Завод оценили в 7 млрд белорусских рублей.",
     "money", 7e9, "BYN", "7 млрд белорусских рублей"),
    ("Сделку на 2 млрд долларов США закрыли вчера.",
     "money", 2e9, "USD", "2 млрд долларов США"),
    ("Один билет стоит 21 доллар.", "money", 21, "USD", "21 доллар"),
    ("Бюджет фестиваля — 45 млн $.", "money", 45e6, "USD", "45 млн $"),
    ("Ремонт обошёлся в 1,5 млрд. рублей.", "money", 1.5e9, "RUB", "1,5 млрд. рублей"),
    ("Экспорт составил 400 млн USD.", "money", 400e6, "USD", "400 млн USD"),
    # percent
    ("Цены выросли на 2,8% за полгода.", "percent", 2.8, "%", "2,8%"),
    ("Доля рынка достигла 5 % в регионе.", "percent", 5, "%", "5 %"),
    ("Продажи упали на 12 процентов.", "percent", 12, "%", "12 процентов"),
    ("Инфляция составила 7,4 процента.", "percent", 7.4, "%", "7,4 процента"),
    ("Ставку подняли на 0,5 процентного пункта.",
     "percent", 0.5, "п.п.", "0,5 процентного пункта"),
    ("Безработица снизилась на 3,4 п.п. за сезон.", "percent", 3.4, "п.п.", "3,4 п.п."),
    ("Регулятор снизил ставку на 25 базисных пунктов.",
     "percent", 25, "б.п.", "25 базисных пунктов"),
    # quantity
    ("Протяжённость трассы составит 7 591 километр.",
     "quantity", 7591, "километр", "7 591 километр"),
    ("В регион доставили 4 миллиона доз вакцины.", "quantity", 4e6, "доза", "4 миллиона доз"),
    ("Совет одобрил 93 проекта в сфере энергетики.", "quantity", 93, "проект", "93 проекта"),
    ("Комбинат даст области 22 тысячи рабочих мест.",
     "quantity", 22e3, "рабочее место", "22 тысячи рабочих мест"),
    ("Программа создаст более 20 тысяч рабочих мест.",
     "quantity", 20e3, "рабочее место", "20 тысяч рабочих мест"),
    ("Стороны запустили 99 казахско-российских проектов.",
     "quantity", 99, "проект", "99 казахско-российских проектов"),
    ("Новая ветка метро протянется на 12 км.", "quantity", 12, "км", "12 км"),
    ("Грузовик перевозил 3,5 тонны песка.", "quantity", 3.5, "тонна", "3,5 тонны"),
    ("Парад посмотрели 150 тыс. человек.", "quantity", 150e3, "человек", "150 тыс. человек"),
    ("Ферма вырастила 2 тысячи тонн зерна.", "quantity", 2e3, "тонна", "2 тысячи тонн"),
    ("Станция выдаёт 100 МВт в пиковые часы.", "quantity", 100, "МВт", "100 МВт"),
    ("Каждой семье выделят 50 кв. м жилья.", "quantity", 50, "кв. м", "50 кв. м"),
    ("Рост оказался в 1,5 раза выше прогноза.", "quantity", 1.5, "раз", "1,5 раза"),
    # a year-like number counts only with a genitive noun
    ("Завод создаст 2050 рабочих мест.", "quantity", 2050, "рабочее место", "2050 рабочих мест"),
]


@pytest.mark.parametrize(("sentence", "kind", "value", "unit", "text"), SINGLE)
def test_single_figure(sentence: str, kind: str, value: float, unit: str, text: str) -> None:
    (figure,) = extract_figures([sentence])
    assert figure.kind == kind
    assert figure.value == pytest.approx(value)
    assert figure.unit == unit
    assert figure.text == text
    assert figure.text in figure.context and figure.context in sentence  # its clause


@pytest.mark.parametrize("sep", [" ", NBSP, THIN, NARROW_NBSP])
def test_thousands_separators(sep: str) -> None:
    money = f"Премия составила 2{sep}500{sep}000 рублей."
    area = f"Сад занимает 12{sep}400 гектаров."
    got = extract_figures([money, area])
    assert [(f.kind, f.unit, f.text) for f in got] == [
        ("money", "RUB", f"2{sep}500{sep}000 рублей"),
        ("quantity", "гектар", f"12{sep}400 гектаров"),
    ]
    assert got[0].value == pytest.approx(2_500_000)
    assert got[1].value == pytest.approx(12_400)


NEGATIVES = [
    "Соглашение подписали в 2023 году.",
    "Программа рассчитана на 2021–2025 годы.",
    "Встреча прошла 30 января в столице.",
    "Документ датирован 27.11.2024, обновлён в 14:25.",
    "Отчёт опубликован 2025-03-14 на сайте ведомства.",
    "Режиссёр награждён орденом II степени.",
    "Спортсмен занял 3-е место на турнире.",
    "За 11 месяцев товарооборот заметно вырос.",
    "По итогам 10 месяцев 2024 года план выполнен.",
    "Стройка заняла 5 лет и 2 недели.",
    "Справки по телефону +7 (495) 123-45-67 или 8-800-555-35-35.",
    "Истребитель Су-57 и вирус COVID-19 обсуждали эксперты.",
    "Пакет № 3 поправок внесли в парламент.",
    "В 2024 россияне чаще ездили на море.",
    "Население выросло до 150 тысяч.",
    "Два проекта уже одобрены.",
    "В 2030 школах появятся новые классы.",
    "Совещание продлилось два часа.",
    "Команда вышла в 1/8 финала Кубка России.",
    "Сервис работает 24/7 без выходных.",
]


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_not_figures(sentence: str) -> None:
    assert extract_figures([sentence]) == []


def test_multi_figure_sentence_keeps_order_and_context() -> None:
    sentence = (
        "В 2024 году сеть заработала $3,2 млрд, увеличив выручку на 5%, "
        "и открыла 49 магазинов площадью 120 тыс. кв. м."
    )
    got = extract_figures([sentence])
    assert [(f.kind, f.unit, f.text) for f in got] == [
        ("money", "USD", "$3,2 млрд"),
        ("percent", "%", "5%"),
        ("quantity", "магазин", "49 магазинов"),
        ("quantity", "кв. м", "120 тыс. кв. м"),
    ]
    assert [f.value for f in got] == pytest.approx([3.2e9, 5, 49, 120e3])
    assert [f.context for f in got] == [
        "В 2024 году сеть заработала $3,2 млрд",
        "В 2024 году сеть заработала $3,2 млрд, увеличив выручку на 5%",  # a gerund leans back
        "и открыла 49 магазинов площадью 120 тыс. кв. м",
        "и открыла 49 магазинов площадью 120 тыс. кв. м",
    ]


def test_order_across_sentences_and_figure_type() -> None:
    first = "Выпуск вырос на 4%."
    second = "Завод отгрузил 300 вагонов на 2 млрд рублей."
    got = extract_figures([first, "Без цифр тут.", second])
    assert got == [
        Figure("4%", pytest.approx(4), "%", "percent", first[:-1]),
        Figure("300 вагонов", pytest.approx(300), "вагон", "quantity", second[:-1]),
        Figure("2 млрд рублей", pytest.approx(2e9), "RUB", "money", second[:-1]),
    ]


def test_deduplicates_same_figure_in_same_sentence() -> None:
    sentence = "Сначала ставка была 5%, потом снова 5%, а затем 6%."
    got = extract_figures([sentence, sentence])
    assert [(f.value, f.unit) for f in got] == [(5, "%"), (6, "%")]


def test_same_figure_in_different_sentences_is_kept() -> None:
    a, b = "Рост составил 3%.", "Спад составил 3%."
    assert [f.context for f in extract_figures([a, b])] == ["Рост составил 3%", "Спад составил 3%"]


def test_empty_input() -> None:
    assert extract_figures([]) == []
    assert extract_figures(["", "Просто слова без чисел."]) == []


def test_parser_is_built_once() -> None:
    assert parser() is parser()


def test_pruned_parser_matches_plain_yargy() -> None:
    """The anchored/lookahead parser must find exactly what yargy's own parser finds."""
    plain = Parser(_grammar(), tokenizer=parser().tokenizer)
    sentences = [case[0] for case in SINGLE] + NEGATIVES + [
        "Итог: 5 млн $, €3 млрд, 2 п. п. и 40 новых автобусных маршрутов.",
        "Станции выработали 5 млрд кВт·ч, а 12 тыс. т груза ушли 14:00 поездом.",
    ]
    for sentence in sentences:
        ours = [m.span for m in parser().findall(sentence)]
        theirs = [m.span for m in plain.findall(sentence)]
        assert ours == theirs, sentence


@pytest.mark.parametrize(("sentence", "units"), [
    ("К 9 утра загруженность дорог достигла 9 баллов.", ["балл"]),
    ("Прорыв водовода произошёл в четверг около 6 утра.", []),
    ("Движение по мосту открыли в 11 вечера, а в 2 ночи снова закрыли.", []),
])
def test_a_time_of_day_is_no_quantity(sentence: str, units: list[str]) -> None:
    assert [f.unit for f in extract_figures([sentence])] == units


@pytest.mark.parametrize(("sentence", "figures"), [
    ("Суд приговорил бывшего директора к 7,5 года колонии общего режима.",
     [(7.5, "год", "7,5 года колонии общего режима")]),
    ("Экс-чиновник получил шесть лет колонии строгого режима.",
     [(6, "год", "шесть лет колонии строгого режима")]),
    ("Блогеру назначили 3 года лишения свободы условно и штраф 500 тысяч рублей.",
     [(3, "год", "3 года лишения свободы условно"), (5e5, "RUB", "500 тысяч рублей")]),
    ("Ему грозит до 10 лет лишения свободы.", [(10, "год", "10 лет лишения свободы")]),
    ("Суд назначил ей полтора года колонии-поселения.",
     [(1.5, "год", "полтора года колонии-поселения")]),
    # years and months of one term are one figure, in months
    ("Его приговорили к 4 годам и 6 месяцам колонии.",
     [(54, "месяц", "4 годам и 6 месяцам колонии")]),
    ("Наказание — 7 лет 6 месяцев лишения свободы.",
     [(90, "месяц", "7 лет 6 месяцев лишения свободы")]),
    # years in words are not read: the months alone would misstate the term
    ("Его приговорили к четырём годам и 6 месяцам колонии.", []),
    # a period that is no sentence stays no figure
    ("Ранее он провёл два года в колонии.", []),
    ("Фигуранта арестовали на 2 месяца.", []),
])
def test_a_sentence_term_is_a_figure(
    sentence: str, figures: list[tuple[float, str, str]]
) -> None:
    got = extract_figures([sentence])
    assert [(f.value, f.unit, f.text) for f in got] == [
        (pytest.approx(value), unit, text) for value, unit, text in figures
    ]
