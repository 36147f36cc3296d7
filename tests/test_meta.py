from datetime import date

import pytest

from digest.meta import split_dateline, split_title_date, title_from_lead
from digest.prepare import prepare_bytes, prepare_text

REF = date(2025, 3, 1)
LEAD = (
    "Министр экономического развития Андрей Колесников заявил, что правительство рассчитывает "
    "на рост инвестиций в обрабатывающую промышленность на 4% уже в следующем году. "
    "Об этом он сказал на форуме в Казани."
)
BODY = "Второй абзац: по словам министра, программа льготных кредитов будет продлена до 2027 года."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "МОСКВА, 22 октября. /ТАСС/. Лидер партии выступил.",
            ("Лидер партии выступил.", "22 октября", "ТАСС"),
        ),
        (
            "АСТАНА, 5 марта — РИА Новости. Сенат принял закон.",
            ("Сенат принял закон.", "5 марта", "РИА Новости"),
        ),
        (
            "ВАШИНГТОН, 5 марта 2025 года. /Корр. ТАСС Иван Петров/. Текст.",
            ("Текст.", "5 марта 2025 года", "ТАСС"),
        ),
        (
            'Москва, 22 октября - "Интерфакс". Банк снизил ставки.',
            ("Банк снизил ставки.", "22 октября", "Интерфакс"),
        ),
        ("САНКТ-ПЕТЕРБУРГ, 1 июня. Форум открылся.", ("Форум открылся.", "1 июня", None)),
        # RIA Novosti's own form abbreviates the month
        (
            "ЧИТА, 2 дек — РИА Новости. Движение поездов восстановлено.",
            ("Движение поездов восстановлено.", "2 дек", "РИА Новости"),
        ),
        ("КАЗАНЬ, 14 сент. /ТАСС/. Мост открыт.", ("Мост открыт.", "14 сент.", "ТАСС")),
        ("Москва, 3 дек. Декабрь выдался теплым.", ("Москва, 3 дек. Декабрь выдался теплым.",
                                                   None, None)),
        ("МОСКВА, 22 октября /ТАСС/", ("", "22 октября", "ТАСС")),
        (
            "Москва, 22 октября стала местом встречи.",
            ("Москва, 22 октября стала местом встречи.", None, None),
        ),
        (
            "Сегодня, 22 октября, открылся форум.",
            ("Сегодня, 22 октября, открылся форум.", None, None),
        ),
    ],
)
def test_split_dateline(line: str, expected: tuple) -> None:
    assert split_dateline(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Глава Минфина оценил бюджет 12.03.2025 10:15",
            ("Глава Минфина оценил бюджет", "12.03.2025 10:15"),
        ),
        (
            "date 2025-10-21 Власти открыли мост через Обь",
            ("Власти открыли мост через Обь", "2025-10-21"),
        ),
        (
            "21 октября 2025, 14:30 | Рубль укрепился к доллару",
            ("Рубль укрепился к доллару", "21 октября 2025"),
        ),
        ("Рост ВВП на 5% к 2025 году", ("Рост ВВП на 5% к 2025 году", None)),
        # a time glued to the last word by the template, with or without the date after it
        (
            "В Тамбове открыли крытый каток у стадиона17:05, 3 декабря 2024",
            ("В Тамбове открыли крытый каток у стадиона", "17:05, 3 декабря 2024"),
        ),
        ("Мэрия Вологды закрыла мост09:30", ("Мэрия Вологды закрыла мост", "09:30")),
        ("«Сокол» обыграл «Титан»21:15", ("«Сокол» обыграл «Титан»", "21:15")),
        ("Матч в Вологде начнётся в 19:30", ("Матч в Вологде начнётся в 19:30", None)),
        ("«Сокол» обыграл «Титан» 3:1", ("«Сокол» обыграл «Титан» 3:1", None)),
    ],
)
def test_split_title_date(line: str, expected: tuple) -> None:
    assert split_title_date(line) == expected


def test_title_from_long_lead_cut_at_word_boundary() -> None:
    title = title_from_lead(LEAD)
    assert title == (
        "Министр экономического развития Андрей Колесников заявил, что правительство "
        "рассчитывает на рост инвестиций…"
    )


def test_title_from_lead_drops_dangling_preposition() -> None:
    lead = (
        "Губернатор Савельев провёл совещание в Пскове с руководителями районов и сообщил о "
        "новых мерах поддержки семей с детьми."
    )
    # the 12th word is "о": the cut moves back to "сообщил"
    assert title_from_lead(lead) == (
        "Губернатор Савельев провёл совещание в Пскове с руководителями районов и сообщил…"
    )


def test_headline_with_glued_date_split() -> None:
    doc = prepare_text(f"Глава Минфина оценил бюджет 12.03.2025 10:15\n\n{LEAD}\n\n{BODY}")
    assert doc.title == "Глава Минфина оценил бюджет"
    assert doc.published == date(2025, 3, 12)
    assert doc.text.startswith("Министр экономического развития")


def test_subtitle_after_headline() -> None:
    top = "Инвестиции в промышленность вырастут\nМинэкономразвития обновило прогноз"
    doc = prepare_text(f"{top}\n\n{LEAD}\n\n{BODY}")
    assert doc.title == "Инвестиции в промышленность вырастут"
    assert doc.subtitle == "Минэкономразвития обновило прогноз"
    assert doc.text.split("\n\n")[0] == LEAD


def test_date_without_year_resolved_against_reference() -> None:
    doc = prepare_text(f"Опубликовано: 30 декабря\n\n{LEAD}\n\n{BODY}", reference_date=REF)
    assert doc.published == date(2024, 12, 30)
    assert doc.text.split("\n\n") == [LEAD, BODY]
    assert doc.title and doc.title.startswith("Министр экономического развития")


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (f"{LEAD} Об этом сообщает РИА Новости.\n\n{BODY}", "РИА Новости"),
        (f"{LEAD}\n\n{BODY}\n\nИсточник: Интерфакс", "Интерфакс"),
        (f"{LEAD} Как передаёт ТАСС, решение уже принято.\n\n{BODY}", "ТАСС"),
        (f"{LEAD}\n\n{BODY}", None),
    ],
)
def test_source_detected(text: str, source: str | None) -> None:
    assert prepare_text(text).source == source


def test_given_fields_win_over_detected() -> None:
    text = f"МОСКВА, 22 октября. /ТАСС/. {LEAD}\n\n{BODY}"
    doc = prepare_text(
        text,
        title="Инвестиции вырастут на 4%",
        published="2025-10-23",
        source="Мой сайт",
        url="https://example.org/a",
        reference_date=date(2025, 11, 1),
    )
    assert (doc.title, doc.published, doc.source, doc.url) == (
        "Инвестиции вырастут на 4%",
        date(2025, 10, 23),
        "Мой сайт",
        "https://example.org/a",
    )
    assert doc.text.split("\n\n") == [LEAD, BODY]


def test_given_title_repeated_in_text_dropped() -> None:
    doc = prepare_text(f"Инвестиции вырастут на 4%\n\n{LEAD}", title="Инвестиции вырастут на 4%")
    assert doc.text == LEAD


def test_html_record_text_is_reduced() -> None:
    doc = prepare_text(f"<div><p>{LEAD}</p><p>{BODY}</p><nav><a href='/'>Главная</a></nav></div>")
    assert doc.text.split("\n\n") == [LEAD, BODY]


@pytest.mark.parametrize(
    ("stamp", "published"),
    [
        ("Вчера в 21:30 · Анна Белова", date(2025, 2, 28)),
        ("Сегодня, 07:40", date(2025, 3, 1)),
        ("28.02.25 16:05", date(2025, 2, 28)),
    ],
)
def test_byline_with_day_word_or_short_year_dates_the_page(stamp: str, published: date) -> None:
    top = "Инвестиции в промышленность вырастут"
    text = f"{top}\n{stamp}\nОбновлено в 22:05\nВремя чтения: 3 минуты\n\n{LEAD}\n\n{BODY}"
    doc = prepare_text(text, reference_date=REF)
    assert doc.title == top
    assert doc.subtitle is None
    assert doc.published == published
    assert doc.text.split("\n\n") == [LEAD, BODY]


def test_reading_time_between_headline_and_deck_is_not_the_deck() -> None:
    top = "Инвестиции в промышленность вырастут\nВремя чтения: 4 минуты\n👁 1 032"
    deck = "Минэкономразвития обновило прогноз"
    doc = prepare_text(f"{top}\n{deck}\n\n{LEAD}\n\n{BODY}", reference_date=REF)
    assert doc.title == "Инвестиции в промышленность вырастут"
    assert doc.subtitle == deck


def test_page_headline_with_a_glued_time_and_date() -> None:
    head = "В Тамбове открыли крытый каток у стадиона"
    html = (
        f"<html><head><title>{head}14:20, 27 февраля 2025 | Тамбов-Инфо</title></head><body>"
        f"<article><h1>{head}14:20, 27 февраля 2025</h1><p>{LEAD}</p><p>{BODY}</p></article>"
        "</body></html>"
    )
    doc = prepare_bytes(html.encode(), "page.html", reference_date=REF)
    assert doc.title == head
    assert doc.published == date(2025, 2, 27)


def test_headline_line_and_its_glued_stamp_get_their_own_roles() -> None:
    head = "В Тамбове открыли крытый каток у стадиона"
    doc = prepare_text(f"{head}14:20, 27 февраля 2025\n\n{LEAD}\n\n{BODY}", reference_date=REF)
    assert (doc.title, doc.published) == (head, date(2025, 2, 27))
    roles = {line.text: line.role for line in doc.lines}
    assert roles[head] == "headline"
    assert roles["14:20, 27 февраля 2025"] == "byline"
