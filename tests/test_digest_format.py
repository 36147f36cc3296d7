"""core.digest_text and bot.digest_format: digest HTML parts (valid for Telegram's parser, escaped,
split) and the card buttons."""

from __future__ import annotations

from datetime import date

from fake_telegram import MAX_TEXT_UTF16, parse_telegram_html, utf16_len

from bot.callbacks import CardCB
from bot.digest_format import digest_keyboard, digest_messages
from core.digest_text import EMPTY_TEXT, render_digest
from core.html import plural, to_plain
from digest.card import ArticleCard, Figure, Person
from digest.compose import DigestArticle, Profile, compose

DAY = date(2025, 11, 21)


def art(i: int, *, story: int | None = None, source: str = "ТАСС", long: bool = False):
    sentence = ("Очень длинное предложение о событиях дня " * (12 if long else 1)).strip()
    card = ArticleCard(
        title=f"Заголовок {i} <script>&amp; «кавычки»",
        text="",
        summary=[f"{sentence} {i}.", "Второе <b>предложение</b>.", "Третье.", "Четвёртое."],
        people=[Person("Сергей Лавров", "министр иностранных дел России", 2),
                Person("Иван <Иванов>", None, 1)],
        figures=[Figure("27,8 млрд долларов", 27.8e9, "USD", "money", ""),
                 Figure("на 2,8%", 2.8, "%", "percent", "")],
        source=source,
    )
    return DigestArticle(i, story, card)


def plains(parts: list[str]) -> list[str]:
    out = []
    for part in parts:
        plain, _ = parse_telegram_html(part)  # raises like "can't parse entities"
        assert 0 < utf16_len(plain) <= MAX_TEXT_UTF16
        out.append(plain)
    return out


def test_layout_and_escaping():
    digest = compose([art(1, story=1), art(2, story=1, source="РБК"), art(3)], Profile())
    [part] = render_digest(digest, local_date=DAY)
    [plain] = plains([part])
    assert plain.startswith("Дайджест на 21 ноября\n3 статьи, 2 сюжета")
    assert "1. Заголовок" in plain and "2. Заголовок" in plain
    assert "<script>&amp; «кавычки»" in plain  # shown literally, never as markup
    assert "<script>" not in part and "Второе <b>" not in part
    assert "Источники: ТАСС, РБК" in plain and "Источник: ТАСС" in plain
    assert "• 27,8 млрд долларов (деньги)" in plain
    assert "👤 Сергей Лавров — министр иностранных дел России; Иван <Иванов>" in plain
    assert "Четвёртое" not in plain  # 2–3 sentences
    assert f"/article {digest.items[0].lead_id}" in plain
    assert plain.rstrip().endswith("Иван <Иванов> (2)") and "Люди дня: Сергей Лавров (2)" in plain
    assert "И ещё" not in plain


def test_more_line_and_long_digest_splits():
    digest = compose([art(i, long=True) for i in range(1, 12)], Profile())
    parts = render_digest(digest, local_date=date(2025, 3, 1))
    assert len(parts) >= 2
    texts = plains(parts)
    whole = "\n".join(texts)
    assert texts[0].startswith("Дайджест на 1 марта")
    assert "И ещё 4 сюжета — /digest" in whole and "Люди дня:" in texts[-1]
    assert [n for n in range(1, 12) if f"\n{n}. Заголовок" in "\n" + whole] == list(range(1, 8))


def test_followed_marked():
    digest = compose([art(1), art(2)], Profile(people=frozenset({"лаврова"})))
    plain = plains(render_digest(digest, local_date=DAY))[0]
    assert "⭐ 1. Заголовок" in plain and "Вы следите: лаврова" in plain


def test_keyboard_buttons_open_cards():
    digest = compose([art(i) for i in range(1, 10)], Profile())
    markup = digest_keyboard(digest)
    rows = markup.inline_keyboard
    assert [len(r) for r in rows] == [4, 3]
    buttons = [b for r in rows for b in r]
    assert [b.text for b in buttons] == [f"📄 {n}" for n in range(1, 8)]
    ids = [CardCB.unpack(b.callback_data).article_id for b in buttons]
    assert ids == [item.lead_id for item in digest.items]


def test_messages_carry_keyboard_on_last_part():
    digest = compose([art(i, long=True) for i in range(1, 12)], Profile())
    messages = digest_messages(digest, local_date=DAY)
    assert len(messages) >= 2 and all(m["reply_markup"] is None for m in messages[:-1])
    assert messages[-1]["reply_markup"]["inline_keyboard"][0][0]["text"] == "📄 1"


def test_empty_digest():
    empty = compose([], Profile())
    assert render_digest(empty, local_date=DAY) == []
    assert digest_messages(empty, local_date=DAY) == []
    assert digest_keyboard(empty) is None
    assert render_digest(empty, local_date=DAY, empty_text=EMPTY_TEXT) == [EMPTY_TEXT]


def test_helpers():
    assert [plural(n, "сюжет", "сюжета", "сюжетов") for n in (1, 2, 5, 11, 21, 22, 112)] == [
        "сюжет", "сюжета", "сюжетов", "сюжетов", "сюжет", "сюжета", "сюжетов"]
    assert to_plain("<b>a &lt;b&gt;</b> &amp; c") == "a <b> & c"
