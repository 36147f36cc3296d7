"""Feeds as they come: RSS 0.91/1.0/2.0, Atom, cp1251, HTML entities, no dates, hostile DTDs."""

from __future__ import annotations

import resource
import time
from datetime import UTC, datetime

import pytest
from feeds_server import FIXTURES

from core.feeds.discover import feed_links
from core.feeds.parse import FeedError, looks_like_feed, parse_feed

BASE = "https://vp.example/feeds/"


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_rss2_entries_keep_id_absolute_link_title_date_and_summary():
    feed = parse_feed(read("rss2.xml"), BASE + "rss2.xml")
    assert feed.title == "Вечерний Прибайкалец"
    first, second, third = feed.entries
    assert first.key == "vp-2026-11-18-ferry"
    assert first.link == "https://vp.example/pages/ferry.html"
    assert second.link == "https://vp.example/feeds/pages/clinic.html"  # relative to the feed
    assert first.title == "Паромная линия до Ольхона начнёт работать на месяц раньше"
    assert first.published == datetime(2026, 11, 18, 1, 30, tzinfo=UTC)
    assert third.text.split("\n\n")[0].startswith("Международный аэропорт Иркутска")
    assert len(third.text.split("\n\n")) == 3 and "<p>" not in third.text


def test_atom_entries_html_titles_become_plain_text_and_content_beats_summary():
    feed = parse_feed(read("atom.xml"), BASE + "atom.xml")
    harvest, arena = feed.entries
    assert harvest.title == "Аграрии Приангарья собрали рекордный урожай рапса"
    assert harvest.key == "tag:severny-vestnik.example,2026:harvest"
    assert harvest.link == "https://vp.example/pages/harvest.html"
    assert harvest.published == datetime(2026, 11, 19, 5, 45, tzinfo=UTC)
    assert arena.published == datetime(2026, 11, 20, 7, 20, tzinfo=UTC)  # only <updated>
    assert arena.text.startswith("В Братске открылась ледовая арена")
    assert "«Каждый ребёнок" in arena.text


@pytest.mark.parametrize("declaration", [b'encoding="windows-1251"', b'encoding="utf-8"',
                                         b'encoding="iso-8859-1"', b""])
def test_cp1251_feed_reads_as_russian_whatever_it_declares(declaration):
    body = read("cp1251.xml").replace(b'encoding="windows-1251"', declaration)
    feed = parse_feed(body, BASE + "cp1251.xml")
    assert feed.title == "Байкальские новости"
    assert [e.title for e in feed.entries] == [
        "В Байкальске запустили станцию очистки стоков",
        "Школьники Слюдянки вышли в финал олимпиады по экологии",
    ]
    assert "очищенную по современным нормативам" in feed.entries[0].text


def test_http_charset_that_lies_is_overruled_by_the_bytes():
    feed = parse_feed(read("cp1251.xml"), BASE + "cp1251.xml", charset="utf-8")
    assert feed.entries[1].title.startswith("Школьники Слюдянки")
    utf8 = parse_feed(read("rss2.xml"), BASE + "rss2.xml", charset="windows-1251")
    assert utf8.title == "Вечерний Прибайкалец"


def test_html_entities_and_markup_in_titles_and_missing_dates():
    feed = parse_feed(read("entities.xml"), BASE + "entities.xml")
    assert feed.title == "Тайшетская правда — новости"
    heating, bridge = feed.entries
    assert heating.title == "Мэр Тайшета пообещал «тёплую» зиму — котельные готовы"
    assert bridge.title == "Ремонт моста через Бирюсу & объезд: что нужно знать"
    assert heating.published is None and bridge.published is None
    assert heating.key == "https://vp.example/pages/taishet-gone.html"  # no guid: the link
    assert bridge.key == "https://vp.example/pages/biryusa-gone.html"  # a guid, resolved
    assert "46 тысяч тонн — на всю зиму" in heating.text
    assert "«Аварийных отключений, как прошлой зимой, не будет», — сказал Гордеев." in heating.text


def test_old_rss_versions():
    rss091 = parse_feed(read("rss091.xml"), BASE + "rss091.xml")
    assert rss091.entries[0].title == "В Усолье-Сибирском начали рекультивацию промплощадки"
    assert rss091.entries[0].link == "https://vp.example/pages/usolye-gone.html"
    rdf = parse_feed(read("rss10.rdf"), BASE + "rss10.rdf")
    assert rdf.entries[0].title == "Черемховский разрез увеличил добычу угля"
    assert rdf.entries[0].published == datetime(2026, 11, 16, 2, 0, tzinfo=UTC)


def test_billion_laughs_expands_nothing():
    body = read("billion_laughs.xml")
    before_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    feed = parse_feed(body, BASE + "lol.xml")
    cpu = time.process_time() - started
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before_rss
    # 10^9 "lol"s would be 3 GB and minutes of CPU; unexpanded it is an ordinary small feed
    assert len(feed.entries) == 1 and len(feed.entries[0].title or "") < 100
    assert len(feed.entries[0].text) < 100
    assert grown_kb < 50_000 and cpu < 5
    # the undeclared references name nothing: no "&lol9;" as the source's or entry's title
    assert feed.title is None and feed.entries[0].title == "Новости"


def test_what_is_not_a_feed():
    page = (FIXTURES / "pages" / "plain.html").read_bytes()
    assert not looks_like_feed(page, "text/html")
    with pytest.raises(FeedError, match="не RSS/Atom"):
        parse_feed(page, BASE + "about.html")
    assert looks_like_feed(b"<?xml version='1.0'?>\n<!-- generated -->\n<feed>", "text/html")
    assert looks_like_feed(b"{}", "application/rss+xml; charset=utf-8")


def test_autodiscovery_resolves_relative_hrefs_in_page_order():
    page = (FIXTURES / "pages" / "index.html").read_bytes()
    assert feed_links(page, "https://vp.example/pages/index.html") == [
        "https://vp.example/rss2.xml",
        "https://vp.example/atom.xml",
    ]
    based = page.replace(b"<head>", b'<head><base href="https://cdn.vp.example/x/">')
    assert feed_links(based, "https://vp.example/pages/index.html")[0] == (
        "https://cdn.vp.example/rss2.xml"
    )
    assert feed_links((FIXTURES / "pages" / "plain.html").read_bytes(), "https://vp.example/") == []
