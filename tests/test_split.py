"""core.split: HTML messages cut into parts Telegram accepts (checked with the fake server's
parser, which is what answers "can't parse entities" / "message is too long")."""

from __future__ import annotations

import random

import pytest
from fake_telegram import MAX_TEXT_UTF16, parse_telegram_html
from fake_telegram import utf16_len as server_utf16_len

from core.split import split_html, utf16_len, visible_len


def check(parts: list[str], limit: int = 4096) -> list[str]:
    """Every part parses like Telegram, is non-empty and within the limit; returns plain texts."""
    plains = []
    for part in parts:
        plain, _ = parse_telegram_html(part)
        assert plain.strip(), part
        assert server_utf16_len(plain) <= limit
        assert server_utf16_len(plain) <= MAX_TEXT_UTF16
        assert visible_len(part) == server_utf16_len(plain)
        plains.append(plain)
    return plains


def words(plains: list[str]) -> list[str]:
    return " ".join(plains).split()


def test_lengths() -> None:
    assert utf16_len("абв") == 3
    assert utf16_len("😀👍🏽") == 6
    assert visible_len("<b>a&amp;b</b> <a href='x'>😀</a>") == 6
    assert visible_len("&#128512;") == 2
    sample = "Привет 😀 мир"
    assert utf16_len(sample) == len(sample.encode("utf-16-le")) // 2


def test_short_text_unchanged() -> None:
    text = "<b>Дайджест</b>\n\nКоротко &amp; ясно 😀"
    assert split_html(text) == [text]
    assert split_html("x" * 4096) == ["x" * 4096]
    assert split_html("") == [] and split_html(" \n ") == []


def test_paragraphs_packed_greedily() -> None:
    paragraphs = [f"Абзац {i}: " + "слово " * 60 for i in range(40)]  # ~370 units each
    text = "\n\n".join(p.strip() for p in paragraphs)
    parts = split_html(text, limit=1000)
    plains = check(parts, 1000)
    # each part is a whole number of paragraphs, as many as fit
    per_part = [p.count("Абзац") for p in plains]
    assert all(count == 2 for count in per_part[:-1])
    assert sum(per_part) == 40
    assert all(p.startswith("Абзац") and p.endswith("слово") for p in plains)
    assert words(plains) == text.split()


def test_short_paragraph_then_giant_one_is_filled() -> None:
    text = "Вступление.\n\n" + "Длинное предложение из слов. " * 400
    parts = split_html(text, limit=500)
    plains = check(parts, 500)
    assert words(plains) == text.split()
    assert len(parts) <= 26  # parts are well filled, not one tiny part per paragraph


def test_paragraph_that_fits_whole_is_not_split() -> None:
    first = "Первый абзац. " * 10
    second = "Второй абзац. " * 30  # 420 units
    text = first.strip() + "\n\n" + second.strip()
    parts = split_html(text, limit=450)
    assert [p.strip() for p in check(parts, 450)] == [first.strip(), second.strip()]


def test_lines_then_sentences_then_words() -> None:
    lines = "\n".join(f"Строка номер {i} с текстом" for i in range(200))
    plains = check(split_html(lines, limit=300), 300)
    assert all(p.startswith("Строка") and p[-1].isalpha() for p in plains)

    sentences = " ".join(f"Предложение {i} закончилось." for i in range(300))
    plains = check(split_html(sentences, limit=300), 300)
    assert all(p.endswith("закончилось.") for p in plains)
    assert words(plains) == sentences.split()


def test_one_giant_word() -> None:
    word = "ы" * 10000
    parts = split_html(word)
    plains = check(parts)
    assert "".join(plains) == word
    assert [len(p) for p in plains] == [4096, 4096, 1808]


def test_emoji_heavy_text_near_limit() -> None:
    text = "😀" * 2048
    assert split_html(text) == [text]
    parts = split_html("😀" * 2049)
    plains = check(parts)
    assert "".join(plains) == "😀" * 2049
    mixed = "а😀" * 1500 + " " + "👍🏽 " * 800
    plains = check(split_html(mixed))
    assert "".join(plains).replace(" ", "") == mixed.replace(" ", "")
    # skin tone modifiers stay with their emoji
    assert not any(p.startswith("\U0001f3fd") for p in plains)


def test_tags_spanning_the_boundary_are_closed_and_reopened() -> None:
    body = " ".join(f"слово{i}" for i in range(400))
    text = f'<blockquote expandable>Цитата: <b>{body}</b> <a href="https://x.ru/?a=1&amp;b=2">ссылка</a></blockquote>'
    parts = split_html(text, limit=1000)
    assert len(parts) >= 3
    check(parts, 1000)
    assert parts[0].startswith("<blockquote expandable>Цитата: <b>")
    assert parts[0].endswith("</b></blockquote>")
    for part in parts[1:-1]:
        assert part.startswith("<blockquote expandable><b>") and part.endswith("</b></blockquote>")
    assert parts[-1].startswith("<blockquote expandable><b>")
    assert parts[-1].endswith('<a href="https://x.ru/?a=1&amp;b=2">ссылка</a></blockquote>')


def test_entities_are_never_cut() -> None:
    text = "&amp;&lt;&gt;&quot;&#128512;" * 1000
    parts = split_html(text, limit=100)
    plains = check(parts, 100)
    assert "".join(plains) == '&<>"😀' * 1000
    assert "".join(parts) == text


def test_cut_never_inside_a_tag() -> None:
    link = '<a href="https://example.com/very/long/path?x=1&amp;y=2">ссылка</a>'
    text = " ".join([link] * 300)
    parts = split_html(text, limit=200)
    check(parts, 200)
    assert sum(p.count("<a ") for p in parts) == 300


def test_pre_and_nested_tags() -> None:
    code = "\n".join(f"line_{i} = {i} &lt; {i + 1}" for i in range(500))
    text = f'<b>Код:</b>\n<pre><code class="language-python">{code}</code></pre>\n<i>конец</i>'
    parts = split_html(text, limit=700)
    check(parts, 700)
    assert all('<pre><code class="language-python">' in p for p in parts[1:-1])


@pytest.mark.parametrize("seed", range(20))
def test_random_documents(seed: int) -> None:
    rng = random.Random(seed)
    vocabulary = ["новость", "Лавров", "&amp;", "😀", "👍🏽", "2,8%", "«цитата»", "мост."]
    tags = [("<b>", "</b>"), ("<i>", "</i>"), ('<a href="https://x.ru">', "</a>"), ("", "")]
    chunks = []
    for _ in range(rng.randint(50, 400)):
        opening, closing = rng.choice(tags)
        inner = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 40)))
        chunks.append(opening + inner + closing + rng.choice([" ", "\n", "\n\n", ". "]))
    text = f"<blockquote>{''.join(chunks)}</blockquote>"
    limit = rng.choice([120, 500, 4096])
    parts = split_html(text, limit=limit)
    plains = check(parts, limit)
    original, _ = parse_telegram_html(text)
    assert "".join("".join(plains).split()) == "".join(original.split())
