from datetime import date

import pytest

from digest.card import DateMention
from digest.dates import extract_dates, parse_date

REF = date(2025, 3, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-10-21", date(2025, 10, 21)),
        ("2025-10-21T12:40:00+03:00", date(2025, 10, 21)),
        ("date 2025-10-21", date(2025, 10, 21)),
        ("27.11.2024 14:25", date(2024, 11, 27)),
        ("21 октября 2025 года", date(2025, 10, 21)),
        ("12 декабря 2024 г.", date(2024, 12, 12)),
        ("3 мар. 2024", date(2024, 3, 3)),
        ("1-го сентября 2023", date(2023, 9, 1)),
        # no year: the most recent such date not after the reference
        ("30 января", date(2025, 1, 30)),
        ("5 мая", date(2024, 5, 5)),
        ("1 марта", date(2025, 3, 1)),
        ("29 февраля", date(2024, 2, 29)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text, REF) == expected


@pytest.mark.parametrize(
    "text", ["в 2023 году", "31 февраля 2024", "32.01.2024", "5 майских праздников", ""]
)
def test_parse_date_rejects_non_dates(text: str) -> None:
    assert parse_date(text, REF) is None


def test_extract_dates_in_order_deduplicated() -> None:
    text = (
        "Переговоры прошли 30 января, а соглашение вступит в силу 21 октября 2025 года. "
        "В 2023 году товарооборот вырос. Документ от 27.11.2024 продлён до 2025-10-21, "
        "следующая встреча — снова 30 января."
    )
    assert extract_dates(text, REF) == [
        DateMention(text="30 января", value="2025-01-30"),
        DateMention(text="21 октября 2025 года", value="2025-10-21"),
        DateMention(text="27.11.2024", value="2024-11-27"),
    ]


def test_extract_dates_month_in_other_cases() -> None:
    found = extract_dates("к 15 декабрю и 3 мартом 2024", REF)
    assert [m.value for m in found] == ["2024-12-15", "2024-03-03"]


# A date line's own forms, read only as a whole stamp: a two-digit year, a day word with a time.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07.02.25 11:05", date(2025, 2, 7)),
        ("28.12.24", date(2024, 12, 28)),
        ("Вчера в 21:30", date(2025, 2, 28)),
        ("вчера, 09:05", date(2025, 2, 28)),
        ("Сегодня, 7:40", date(2025, 3, 1)),
        ("Сегодня в 13:00", date(2025, 3, 1)),
        ("Позавчера 23:59", date(2025, 2, 27)),
    ],
)
def test_parse_date_reads_stamp_forms(text: str, expected: date) -> None:
    assert parse_date(text, REF) == expected


@pytest.mark.parametrize("text", ["31.02.25", "Вчера мэр открыл мост", "сегодня", "вчера в 25:10"])
def test_parse_date_stamp_forms_need_a_real_date_and_time(text: str) -> None:
    assert parse_date(text, REF) is None


def test_short_year_and_day_words_are_not_read_in_running_text() -> None:
    text = "Версию 2.10.24 выпустили вчера в 10:00, а обновление вышло сегодня."
    assert extract_dates(text, REF) == []
