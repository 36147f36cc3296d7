"""core.digest_text and bot.digest_format: the digest as one Telegram message per page (valid
for Telegram's parser, escaped, ≤ 4096 UTF-16 units of HTML), numbered buttons and "ещё N"."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from fake_telegram import MAX_TEXT_UTF16, parse_telegram_html, utf16_len

from bot.callbacks import CardCB, DigestMoreCB
from bot.digest_format import digest_messages, digest_page_message
from core.digest_text import EMPTY_TEXT, render_all_pages, render_digest, render_page
from core.html import plural, to_plain
from digest.card import ArticleCard, Figure, Person
from digest.compose import DigestArticle, Profile, compose

DAY = date(2025, 11, 21)
WINDOW = (datetime(2025, 11, 20, 6, tzinfo=UTC), datetime(2025, 11, 21, 6, tzinfo=UTC))
SALARY = "Средняя зарплата аграриев в регионе составила 38 тыс. рублей, сообщил Росстат."


def art(i: int, *, story: int | None = None, source: str | None = "ТАСС", long: bool = False,
        url: str | None = None, people: tuple[str, ...] = ("Сергей Лавров",)):
    sentence = ("Очень длинное предложение о событиях дня " * (12 if long else 1)).strip()
    card = ArticleCard(
        title=f"Заголовок {i} <script>&amp; «кавычки»" + (" и подробности" * 8 if long else ""),
        text="",
        url=url if url is not None else f"https://news.example/{i}?a=1&b=2",
        summary=[f"{sentence} {i}.", "Второе <b>предложение</b>.", "Третье."],
        people=[Person(p, None, 2) for p in people] + [Person("Иван <Иванов>", None, 1)],
        figures=[Figure("38 тыс. рублей", 38e3, "RUB", "money", SALARY)],
        source=source,
    )
    return DigestArticle(i, story, card)


def plain_of(html: str) -> str:
    plain, _ = parse_telegram_html(html)  # raises like "can't parse entities"
    assert 0 < utf16_len(plain) <= MAX_TEXT_UTF16
    assert utf16_len(html) <= MAX_TEXT_UTF16  # the HTML itself, tags and links included
    return plain


def test_story_layout_links_and_escaping():
    digest = compose([art(1, story=1), art(2, story=1, source="РБК"), art(3)], Profile())
    [part] = render_digest(digest, local_date=DAY)
    plain = plain_of(part)
    assert plain.startswith("Дайджест на 21 ноября\n2 сюжета из 2 источников\n\n1. Заголовок")
    assert "<script>&amp; «кавычки»" in plain and "<script>" not in part  # literal, escaped
    assert '<a href="https://news.example/1?a=1&amp;b=2">Заголовок 1 &lt;script&gt;' in part
    assert "Очень длинное предложение о событиях дня 1." in plain and "Второе" not in plain
    assert "▪ 38 тыс. рублей — средняя зарплата аграриев в регионе" in plain
    assert "(деньги)" not in plain
    assert "ТАСС, РБК · /a1" in plain and "ТАСС · /a3" in plain
    assert plain.rstrip().endswith("Люди дня: Сергей Лавров (2), Иван <Иванов> (2)")


def test_only_http_links_and_attributes_escaped():
    digest = compose([art(1, url="javascript:alert(1)"), art(2, url='https://x.example/"><b>'),
                      art(3, url="")], Profile())
    [part] = render_digest(digest, local_date=DAY)
    plain_of(part)
    assert "javascript" not in part
    assert 'href="https://x.example/&quot;&gt;&lt;b&gt;"' in part
    assert part.count("<a href") == 1 and "<b>Заголовок 1" in part and "<b>Заголовок 3" in part


def test_a_story_older_than_the_digest_day_shows_its_date():
    """An archive uploaded today is not today's news: a story published two or more days
    before the digest's day says when (with the year when it is another year's)."""

    def published(i: int, day: date | None) -> DigestArticle:
        a = art(i)
        a.card.published = day
        return a

    stories = [published(1, DAY), published(2, date(2025, 11, 20)),
               published(3, date(2025, 10, 14)), published(4, date(2024, 12, 30)),
               published(5, None)]
    [part] = render_digest(compose(stories, Profile()), local_date=DAY)
    plain = plain_of(part)
    assert "ТАСС · /a1" in plain and "ТАСС · /a2" in plain and "ТАСС · /a5" in plain
    assert "ТАСС · 14 октября · /a3" in plain
    assert "ТАСС · 30 декабря 2024 · /a4" in plain


def test_unknown_sources_are_left_out():
    [part] = render_digest(compose([art(1, source=None)], Profile()), local_date=DAY)
    plain = plain_of(part)
    assert "1 сюжет\n" in plain and "источник" not in plain.lower()
    assert "\n/a1" in plain


def test_twenty_stories_one_message_then_pages_cover_each_story_once():
    digest = compose([art(i, long=True, source=f"Издание {i % 7}") for i in range(1, 21)],
                     Profile())
    assert digest.stories == 20 and digest.sources == 7
    [message] = digest_messages(digest, local_date=DAY, window=WINDOW)
    plain = plain_of(message["text"])
    assert plain.startswith("Дайджест на 21 ноября\n20 сюжетов из 7 источников")
    first = render_page(digest, local_date=DAY)
    assert 3 <= len(first.stories) < 20 and first.rest == 20 - len(first.stories)
    assert f"И ещё {first.rest} " in plain
    rows = message["reply_markup"]["inline_keyboard"]
    numbers = [b for row in rows[:-1] for b in row]
    assert [b["text"] for b in numbers] == [str(n) for n, _ in first.stories]
    assert [CardCB.unpack(b["callback_data"]).article_id for b in numbers] == [
        i for _, i in first.stories]
    [more] = rows[-1]
    assert more["text"] == f"ещё {first.rest} ›"
    page_cb = DigestMoreCB.unpack(more["callback_data"])
    assert (page_cb.start, page_cb.since, page_cb.until) == (
        len(first.stories), int(WINDOW[0].timestamp()), int(WINDOW[1].timestamp()))
    pages = render_all_pages(digest, local_date=DAY)
    shown = [n for p in pages for n, _ in p.stories]
    assert shown == list(range(1, 21))
    for page in pages:
        plain = plain_of(page.html)
        assert all(f"\n{n}. Заголовок" in f"\n{plain}" for n, _ in page.stories)
    second = digest_page_message(digest, local_date=DAY, start=pages[1].start, window=WINDOW)
    assert plain_of(second["text"]).startswith("Дайджест на 21 ноября · продолжение")


def test_followed_block_is_capped_at_three():
    followed = [art(i, people=("Мария Захарова",)) for i in range(1, 6)]
    news = [art(i, story=i, source=s) for i in (10, 11) for s in ("ТАСС", "РБК")]
    digest = compose(followed + news, Profile(people=frozenset({"захаровой"})))
    plain = plain_of(render_digest(digest, local_date=DAY)[0])
    block, rest = plain.split("Главное за день", 1)
    assert "Вы следите" in block and len(re.findall(r"/a\d+", block)) == 3
    # the day's two-source stories come before the two follows left out of the block
    assert re.findall(r"/a(\d+)", rest) == ["11", "10", "2", "1"]


def test_empty_digest():
    empty = compose([], Profile())
    assert render_digest(empty, local_date=DAY) == []
    assert digest_messages(empty, local_date=DAY) == []
    assert render_digest(empty, local_date=DAY, empty_text=EMPTY_TEXT) == [EMPTY_TEXT]


def test_helpers():
    assert [plural(n, "сюжет", "сюжета", "сюжетов") for n in (1, 2, 5, 11, 21, 22, 112)] == [
        "сюжет", "сюжета", "сюжетов", "сюжетов", "сюжет", "сюжета", "сюжетов"]
    assert to_plain("<b>a &lt;b&gt;</b> &amp; c") == "a <b> & c"


def test_other_outlets_link_to_their_reports():
    digest = compose([art(1, story=1), art(2, story=1, source="РБК", url='https://b.example/?q="x"'),
                      art(3, story=1, source="Вести", url="javascript:alert(1)")], Profile())
    [part] = render_digest(digest, local_date=DAY)
    plain = plain_of(part)
    assert "ТАСС, РБК, Вести · /a" in plain
    assert '<a href="https://b.example/?q=&quot;x&quot;">РБК</a>' in part
    assert "javascript" not in part and part.count("<a href") == 2  # headline + РБК
