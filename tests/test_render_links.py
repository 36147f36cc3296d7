"""Card links: only http(s) addresses become links, always escaped for the attribute."""

from __future__ import annotations

import pytest
from fake_telegram import parse_telegram_html

from bot.render import card_html
from digest.card import ArticleCard


def card(url: str | None) -> ArticleCard:
    return ArticleCard(title="Мост открыт", text="Текст.", url=url)


@pytest.mark.parametrize("url", [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "tg://resolve?domain=spam",
    "//evil.example/x",
    "/relative/path",
    "http://",
    "https://exa mple.ru/",
    "https://example.ru/\nline",
    "https://[::1/",
])
def test_anything_but_an_http_address_is_no_link(url):
    text = card_html(7, card(url))
    _, entities = parse_telegram_html(text)
    assert "href" not in text and not [e for e in entities if e["type"] == "text_link"]


@pytest.mark.parametrize("url", [
    'https://example.ru/a"><b>x</b>',
    "https://example.ru/?q=<script>&a=1",
    "http://example.ru/it's",
])
def test_quotes_and_brackets_stay_inside_the_attribute(url):
    _, entities = parse_telegram_html(card_html(7, card(url)))
    [link] = [e for e in entities if e["type"] == "text_link"]
    assert link["url"] == url  # Telegram reads back exactly the address, nothing broke out


def test_a_plain_https_address_is_the_source_link():
    _, entities = parse_telegram_html(card_html(7, card("https://tass.ru/politika/1")))
    assert [e["url"] for e in entities if e["type"] == "text_link"] == ["https://tass.ru/politika/1"]
