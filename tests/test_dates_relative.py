"""Dates against the publication date; no future dates without one (invented sentences)."""

from __future__ import annotations

from datetime import date

from digest.dates import extract_dates

PUBLISHED = date(2025, 6, 12)  # a Thursday


def _values(text: str, **kwargs) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in extract_dates(text, **kwargs)]


def test_this_and_last_year_resolve_against_the_publication_date():
    text = "Закон принят 3 марта этого года, а проект внесли 20 ноября прошлого года."
    assert _values(text, reference=PUBLISHED, published=PUBLISHED) == [
        ("3 марта этого года", "2025-03-03"),
        ("20 ноября прошлого года", "2024-11-20"),
    ]


def test_yesterday_and_weekdays_resolve_against_the_publication_date():
    text = (
        "Вчера мэр открыл мост. Во вторник прошло заседание комиссии. "
        "В понедельник состоится голосование."
    )
    assert _values(text, reference=PUBLISHED, published=PUBLISHED) == [
        ("Вчера", "2025-06-11"),
        ("Во вторник", "2025-06-10"),
        ("В понедельник", "2025-06-16"),
    ]


def test_without_a_publication_date_no_date_lands_in_the_future():
    upload_day = date(2025, 2, 10)
    text = "Соглашение подписали 28 декабря. Вчера его ратифицировали."
    assert _values(text, reference=upload_day) == [("28 декабря", "2024-12-28")]
    # "вчера" and "прошлого года" have no anchor: nothing is invented
    assert _values("Отчет за 5 мая прошлого года опубликован.", reference=upload_day) == []


def test_without_a_publication_date_a_sentence_about_the_future_may_point_ahead():
    upload_day = date(2025, 2, 10)
    text = "Форум пройдет 14 марта в Казани."
    assert _values(text, reference=upload_day) == [("14 марта", "2025-03-14")]
