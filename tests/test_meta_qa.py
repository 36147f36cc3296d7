"""Patterns of scraped Russian news pages that QA found misread: a logo in <h1>, rubric lines
taken for headlines, date lines with counters, outlets or rubrics around the stamp, a question
to the interviewee, the editorial disclaimer. All texts here are invented."""

from datetime import date


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
