"""Patterns of scraped Russian news pages that QA found misread: a logo in <h1>, rubric lines
taken for headlines, date lines with counters, outlets or rubrics around the stamp, a question
to the interviewee, the editorial disclaimer. All texts here are invented."""

from datetime import date

import pytest

from digest.meta import title_from_lead
from digest.prepare import prepare_bytes, prepare_text

REF = date(2026, 5, 1)
LEAD = (
    "Аграрии Заозёрного района завершили уборку льна и собрали 12 тысяч тонн волокна, что на "
    "9% больше прошлогоднего. Об этом рассказал глава районного управления сельского хозяйства."
)
MORE = "Лён в этом году посеяли на трёх тысячах гектаров, урожайность выросла до 40 центнеров."
HEADLINE = "Заозёрные аграрии собрали рекордный урожай льна"


def _html(head: str, body: str) -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


def _card(text: str):
    return prepare_text(text, reference_date=REF)


# --- 1. a site logo in <h1> ------------------------------------------------------------------


def test_logo_h1_is_not_the_headline_the_posts_h2_is() -> None:
    page = _html(
        f"<title>{HEADLINE} — ЛёнИнфо</title>",
        '<h1 class="logo">ЛёнИнфо</h1><ul class="menu"><li>Новости</li><li>Контакты</li></ul>'
        f'<div class="post"><h2>{HEADLINE}</h2><p>{LEAD}</p><p>{MORE}</p></div>',
    )
    doc = prepare_bytes(page, "page.html", reference_date=REF)
    assert doc.title == HEADLINE
    assert doc.subtitle is None
    assert doc.source == "ЛёнИнфо"
    assert doc.text.startswith("Аграрии Заозёрного района")


def test_h1_equal_to_the_site_name_gives_way_to_og_title() -> None:
    page = _html(
        '<meta property="og:site_name" content="Вестник Заозерья">'
        f'<meta property="og:title" content="{HEADLINE}">',
        f"<h1>Вестник Заозерья</h1><article><p>{LEAD}</p><p>{MORE}</p></article>",
    )
    doc = prepare_bytes(page, "page.html", reference_date=REF)
    assert doc.title == HEADLINE
    assert doc.source == "Вестник Заозерья"


def test_short_h1_inside_the_page_title_is_the_site_not_the_headline() -> None:
    page = _html(
        f"<title>ЛёнИнфо: {HEADLINE}</title>",
        f"<h1>ЛёнИнфо</h1><article><h2>{HEADLINE}</h2><p>{LEAD}</p><p>{MORE}</p></article>",
    )
    doc = prepare_bytes(page, "page.html", reference_date=REF)
    assert doc.title == HEADLINE


def test_articles_own_h1_in_its_header_stays_the_headline() -> None:
    page = _html(
        f"<title>{HEADLINE} | ЛёнИнфо</title>",
        f'<article><header class="article-header"><h1>{HEADLINE}</h1></header>'
        f"<p>{LEAD}</p><p>{MORE}</p></article>",
    )
    doc = prepare_bytes(page, "page.html", reference_date=REF)
    assert doc.title == HEADLINE


# --- 2. rubric lines are not headlines ---------------------------------------------------------


@pytest.mark.parametrize(
    "rubric",
    ["Заозёрск. Новости культуры", "Новости Заозерья | ЛёнИнфо", "Новости культуры и спорта"],
)
def test_rubric_line_above_the_headline_is_furniture(rubric: str) -> None:
    text = f"Культура | 20.11.2024\n{rubric}\n{HEADLINE}\n\n{LEAD}\n\n{MORE}"
    doc = _card(text)
    assert doc.title == HEADLINE
    assert doc.subtitle is None
    assert rubric not in doc.text


# --- 3. date lines: counters, outlets, rubrics, no time, glued to the headline ------------------


@pytest.mark.parametrize(
    ("line", "published", "source"),
    [
        ("11.03.2025 08:15  Просмотров: 2 741", date(2025, 3, 11), None),
        ("12.03.2025 09:10 · Комментарии 12 · 👁 3 400", date(2025, 3, 12), None),
        ("ЛёнИнфо.ру • 9 октября 2024 • 👁 1 205", date(2024, 10, 9), "ЛёнИнфо.ру"),
        ("В регионах / 14 ноября 2024 г., 23:05", date(2024, 11, 14), None),
        ("Заозёрская газета, 2 февраля 2024", date(2024, 2, 2), "Заозёрская газета"),
        ("zaozerie-news.ru, 6 декабря 2025 года", date(2025, 12, 6), "zaozerie-news.ru"),
        ("Заозёрск, 6 декабря 2025 г.", date(2025, 12, 6), None),
        ("Новости Заозерья — 1 марта 2024, 11:05 — ЗаозёрИнформ", date(2024, 3, 1), "ЗаозёрИнформ"),
    ],
)
def test_date_line_under_the_headline_gives_the_date(
    line: str, published: date, source: str | None
) -> None:
    text = f"{HEADLINE}\n{line}\nЗАОЗЁРСК, 3 апреля. {LEAD}\n\n{MORE}"
    doc = _card(text)
    assert doc.title == HEADLINE
    assert doc.subtitle is None
    assert doc.published == published  # not the year-less dateline read in the current year
    assert doc.source == source
    assert line.split()[0] not in doc.text


def test_outlet_of_a_date_line_does_not_override_a_known_source() -> None:
    text = f"{HEADLINE}\nЗаозёрская газета, 2 февраля 2024\n\n{LEAD}\n\n{MORE}"
    doc = prepare_text(text, source="Вестник льноводов", reference_date=REF)
    assert doc.source == "Вестник льноводов"
    assert doc.published == date(2024, 2, 2)


def test_person_in_a_date_line_is_not_the_source() -> None:
    text = f"{HEADLINE}\nИльдар Гарипов, 04.12.2024, 12:30\n\n{LEAD}\n\n{MORE}"
    doc = _card(text)
    assert doc.published == date(2024, 12, 4)
    assert doc.source is None


def test_date_glued_to_the_headline_goes_to_the_date() -> None:
    text = f"{HEADLINE}22 апреля 2024\nЗаозёрск.Онлайн\n\n{LEAD}\n\n{MORE}"
    doc = _card(text)
    assert doc.title == HEADLINE
    assert doc.published == date(2024, 4, 22)


def test_number_glued_to_a_headline_without_a_year_stays() -> None:
    text = f"Выпуск номер15 мая посвятят льну\n\n{LEAD}\n\n{MORE}"
    doc = _card(text)
    assert doc.title == "Выпуск номер15 мая посвятят льну"
    assert doc.published is None


def test_stamp_inside_a_story_sentence_is_kept() -> None:
    sentence = "Новый закон о льняных кооперативах вступил в силу 6 декабря 2025 г."
    doc = _card(f"{HEADLINE}\n\n{LEAD}\n\n{sentence}\n\n{MORE}")
    assert sentence in doc.text


# --- 4. the interviewer's first question ------------------------------------------------------

QUESTION = "Ольга Викторовна, сколько льна нужно области, чтобы фабрика работала круглый год?"
ANSWER = (
    "Ольга Смирнова: Фабрике нужно около 15 тысяч тонн волокна в год, а сейчас мы получаем "
    "от местных хозяйств лишь две трети этого объёма, остальное везём из соседних регионов."
)


@pytest.mark.parametrize("deck", ["", "Глава фабрики Ольга Смирнова — о сырье и заработках\n"])
def test_first_interview_question_stays_in_the_body(deck: str) -> None:
    text = f"«Фабрике нужно больше волокна»\n{deck}\n{QUESTION}\n\n{ANSWER}\n\n{MORE}"
    doc = _card(text)
    assert doc.title == "«Фабрике нужно больше волокна»"
    assert doc.subtitle == (deck.strip() or None)
    assert doc.text.startswith(QUESTION)


def test_question_by_first_name_with_you_stays_in_the_body() -> None:
    question = "Ольга, почему вы решили вернуть лён на поля области?"
    doc = _card(f"«Фабрике нужно больше волокна»\n\n{question}\n\n{ANSWER}\n\n{MORE}")
    assert doc.text.startswith(question)


@pytest.mark.parametrize(
    "headline",
    [
        "Смирнова, Петров и Ким: кто получит субсидии на лён?",
        "Заозёрск, когда откроют новую льняную фабрику?",
    ],
)
def test_headline_question_with_a_name_in_front_is_still_a_headline(headline: str) -> None:
    doc = _card(f"{headline}\n\n{LEAD}\n\n{MORE}")
    assert doc.title == headline


# --- 5. the editorial disclaimer ----------------------------------------------------------------


@pytest.mark.parametrize(
    "disclaimer",
    [
        "Мнение редакции может не совпадать с мнением автора.",
        "Точка зрения автора может не совпадать с позицией редакции.",
        "Редакция не всегда разделяет мнение авторов колонок.",
    ],
)
def test_editorial_disclaimer_is_furniture(disclaimer: str) -> None:
    doc = _card(f"{HEADLINE}\n\n{LEAD}\n\n{MORE}\n\n{disclaimer}")
    assert disclaimer not in doc.text
    assert doc.text.endswith(MORE)


# --- a "brand" wrapper, a site-name <title>, furniture <h2> (review of 8055ed2) -----------------


def test_h1_inside_an_ad_branding_wrapper_is_the_headline() -> None:
    page = _html(
        "<title>Вестник Заозерья</title>",
        f'<div id="brand-layout"><div class="branding-wrap"><main><article><h1>{HEADLINE}</h1>'
        f"<p>{LEAD}</p><p>{MORE}</p></article></main></div></div>",
    )
    doc = prepare_bytes(page, "page.html", reference_date=REF)
    assert doc.title == HEADLINE


def test_h1_in_a_link_inside_the_site_logo_is_still_the_site() -> None:
    page = _html(
        f"<title>{HEADLINE} — ЛёнИнфо</title>",
        '<div class="site-logo"><a href="/"><h1>Льноводы</h1></a></div>'
        f"<article><h2>{HEADLINE}</h2><p>{LEAD}</p><p>{MORE}</p></article>",
    )
    doc = prepare_bytes(page, "page.html", reference_date=REF)
    assert doc.title == HEADLINE


def test_furniture_h2_without_any_page_title_is_not_the_headline() -> None:
    page = _html(
        "",
        '<main><article><h2>Читайте также</h2><ul><li><a href="/x">В Заозёрске открыли сквер'
        f"</a></li></ul><p><b>{HEADLINE}</b></p><p>{LEAD}</p><p>{MORE}</p></article></main>",
    )
    doc = prepare_bytes(page, "page.html", reference_date=REF)
    assert doc.title != "Читайте также"
    assert doc.title == HEADLINE


def test_h2_after_the_body_paragraphs_without_a_page_title_is_not_the_headline() -> None:
    page = _html(
        "",
        f'<div class="text"><p>{LEAD}</p><p>{MORE}</p><h2>Сев озимых завершат к октябрю</h2>'
        f"<p>{MORE}</p></div>",
    )
    doc = prepare_bytes(page, "page.html", reference_date=REF)
    assert doc.title != "Сев озимых завершат к октябрю"
    # no headline on the page: the title is made from the lead
    assert doc.title == title_from_lead(LEAD)
    assert doc.title.startswith("Аграрии Заозёрного района завершили уборку льна")


def test_site_name_h1_and_title_give_way_to_the_articles_h2() -> None:
    page = _html(
        '<meta property="og:site_name" content="Вестник Заозерья"><title>Вестник Заозерья</title>',
        '<div class="header"><h1>Вестник Заозерья</h1></div>'
        f"<main><article><h2>Популярное</h2><p>Сев озимых: что дальше</p><h2>{HEADLINE}</h2>"
        f"<p>{LEAD}</p><p>{MORE}</p></article></main>",
    )
    doc = prepare_bytes(page, "page.html", reference_date=REF)
    assert doc.title == HEADLINE
    assert doc.source == "Вестник Заозерья"


# --- a photo credit or a word that merely contains an outlet word is not the source -----------


@pytest.mark.parametrize(
    "credit", ["Фото: ТАСС, 3 марта 2024", "Видео: Вести Заозерье, 3 марта 2024"]
)
def test_photo_credit_with_a_date_gives_the_date_not_the_source(credit: str) -> None:
    doc = _card(f"{HEADLINE}\n\n{credit}\n\n{LEAD}\n\n{MORE}")
    assert doc.title == HEADLINE
    assert doc.published == date(2024, 3, 3)
    assert doc.source is None


@pytest.mark.parametrize(
    "line", ["Экспресс-опрос, 3 марта 2024", "Сибирский вестник Петра Жукова, 3 марта 2024"]
)
def test_line_that_only_contains_an_outlet_word_is_not_the_source(line: str) -> None:
    doc = _card(f"{HEADLINE}\n\n{line}\n\n{LEAD}\n\n{MORE}")
    assert doc.title == HEADLINE
    assert doc.source is None


@pytest.mark.parametrize(
    ("line", "source"),
    [("Заозёрье-Информ, 3 марта 2024", "Заозёрье-Информ"), ("Вести Заозерье, 3 марта 2024",
     "Вести Заозерье")],
)
def test_outlet_name_in_a_date_line_is_still_the_source(line: str, source: str) -> None:
    doc = _card(f"{HEADLINE}\n\n{line}\n\n{LEAD}\n\n{MORE}")
    assert doc.source == source
    assert doc.published == date(2024, 3, 3)
