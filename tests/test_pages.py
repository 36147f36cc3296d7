"""Cards of invented news pages with real kinds of furniture, as a reader sees them.

Every fixture in tests/fixtures/pages exists as plain text and as HTML; its .json says what
the card must show (see tests/fixtures/pages/build.py). Each of the seven failure patterns of
issue 8 has several fixtures.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

import pytest

from bench.pages import Page, furniture_left, norm, pages, story_lost
from digest.analyze import analyze_bytes
from digest.card import ArticleCard

ALL = pages()
_QUOTE_MARKS = re.compile(r"[«»„“\"]")
# four or more words between quote marks: a quotation, not a name like «Аэрофлот»
_QUOTATION = re.compile(r"[«\"„][^»\"“]*\s[^»\"“]*\s[^»\"“]*\s[^»\"“]*[»\"“]")


@cache
def card_of(path: str) -> ArticleCard:
    page = next(p for p in ALL if str(p.path) == path)
    return analyze_bytes(page.path.read_bytes(), page.path.name, reference_date=page.reference)


def _ids(page: Page) -> str:
    return f"{page.name}.{page.kind}"


def test_every_pattern_has_plain_text_and_html_fixtures() -> None:
    for pattern in range(1, 8):
        kinds = {p.kind for p in ALL if pattern in p.expected["patterns"]}
        assert kinds == {"txt", "html"}, pattern
    assert len({p.name for p in ALL}) >= 30


@pytest.mark.parametrize("page", ALL, ids=_ids)
def test_headline_subtitle_and_date(page: Page) -> None:
    card = card_of(str(page.path))
    want = page.expected
    assert card.title == want["title"]
    assert card.subtitle == want["subtitle"]
    assert card.published == (date.fromisoformat(want["published"]) if want["published"] else None)


@pytest.mark.parametrize("page", ALL, ids=_ids)
def test_no_furniture_anywhere_and_story_kept(page: Page) -> None:
    card = card_of(str(page.path))
    assert furniture_left(card, page.expected["furniture"], page.expected["title"]) == []
    assert story_lost(card, page.expected["keep"]) == []


@pytest.mark.parametrize("page", ALL, ids=_ids)
def test_summary_reads_as_a_digest(page: Page) -> None:
    card = card_of(str(page.path))
    assert 2 <= len(card.summary) <= 4
    title = norm(card.title)
    for sentence in card.summary:
        assert sentence in card.text
        assert norm(sentence).rstrip() != title  # not the headline again
        marks = _QUOTE_MARKS.findall(sentence)
        assert not _QUOTATION.search(sentence), sentence
        assert len(marks) % 2 == 0, sentence
        assert not sentence.lstrip().startswith(("–", "—", "-")), sentence


def test_default_summary_is_not_worse_than_the_first_three_sentences() -> None:
    from bench.rouge import rouge
    from digest.document import build_body

    ours, first_three = [], []
    for page in ALL:
        if page.kind != "txt":
            continue
        card = card_of(str(page.path))
        reference = page.expected["summary"]
        ours.append(rouge(" ".join(card.summary), reference).rl)
        lead = [s.text for s in build_body(card.text).sentences[:3]]
        first_three.append(rouge(" ".join(lead), reference).rl)
    assert sum(ours) >= sum(first_three)


@pytest.mark.parametrize("page", [p for p in ALL if p.kind == "txt"], ids=_ids)
def test_each_line_has_its_role(page: Page) -> None:
    from digest.prepare import prepare_bytes

    doc = prepare_bytes(page.path.read_bytes(), page.path.name, reference_date=page.reference)
    roles: dict[str, set[str]] = {}
    for line in doc.lines:
        roles.setdefault(norm(line.text), set()).add(line.role)
    want = page.expected
    assert "headline" in roles[norm(want["title"])]
    if want["subtitle"] and norm(want["subtitle"]) != norm(want["title"]):
        assert roles[norm(want["subtitle"])] == {"deck"}
    for item in want["furniture"]:
        if norm(item) in roles and norm(item) != norm(want["title"]):
            assert roles[norm(item)] & {"body", "signature", "headline", "deck"} == set(), item
    for item in want["keep"]:
        if norm(item) in roles:
            assert roles[norm(item)] <= {"body", "signature"}, item


def test_dateline_byline_and_caption_roles() -> None:
    from digest.prepare import prepare_bytes

    def roles(name: str) -> dict[str, str]:
        page = next(p for p in ALL if p.name == name and p.kind == "txt")
        doc = prepare_bytes(page.path.read_bytes(), page.path.name, reference_date=page.reference)
        return {line.text: line.role for line in doc.lines}

    assert roles("p6_yearless_future")["ЯРОСЛАВЛЬ, 28 июля."] == "dateline"
    assert roles("p6_byline_agency")["29 февраля 2024, 14:12 — Интерфакс"] == "byline"
    captions = roles("p3_caption_credit")
    assert captions["Уборка свёклы в Льговском районе. Фотохроника «Курских известий»"] == "caption"
    markup = roles("p3_image_markup")
    assert markup["![](https://klg-news.example/uploads/2023/06/prichal.jpg)"] == "caption"
