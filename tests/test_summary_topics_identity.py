"""Summary, topics and identity on invented articles."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from digest import identity
from digest.analyze import analyze_bytes
from digest.nlp import parse_doc
from digest.sentences import split_sentences
from digest.summary import METHODS, summarize
from digest.topics import extract_topics

FIXTURES = Path(__file__).parent / "fixtures"


def _body(name: str) -> str:
    # the first paragraph of these fixtures is the headline
    return (FIXTURES / name).read_text("utf-8").split("\n\n", 1)[1]


def test_razdel_splits_inside_quotes_but_sentences_do_not():
    text = "«Первое. Второе предложение цитаты», — сказал он. Дальше текст."
    assert [s.text for s in split_sentences(text)] == [
        "«Первое. Второе предложение цитаты», — сказал он.",
        "Дальше текст.",
    ]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("count", [2, 3, 4])
def test_summary_is_in_order_whole_quotes_and_no_dialogue(method, count):
    text = _body("card_bridge.txt")
    sentences = split_sentences(text)
    summary = summarize(text, sentences, count=count, method=method)
    assert len(summary) == count
    positions = [text.index(s) for s in summary]
    assert positions == sorted(positions)
    for s in summary:
        assert s.count("«") == s.count("»")
        assert not s.startswith(("–", "—"))  # dialogue lines are quotes, not narrative


def test_summary_skips_sentences_that_tell_no_fact_of_the_story():
    """Where the news came from, with no one named; what the newsroom does; bullets of a
    post. A named source stays: who said it is news."""
    text = (
        "В Томске водители автобусов отказались выходить на маршруты из-за долгов по зарплате. "
        "Об этом ТАСС сообщили в профсоюзной организации предприятия. Разбираемся, как "
        "теперь добраться до работы.\n\n"
        "▪️ на линию вышли 40 машин из 160;\n"
        "🔥 Мэрия обещает погасить долги до пятницы. Об этом заявил мэр Олег Сомов на "
        "совещании. Долг перед водителями превысил 30 млн рублей."
    )
    summary = summarize(text, split_sentences(text), count=3, method="lead")
    assert summary == [
        "В Томске водители автобусов отказались выходить на маршруты из-за долгов по зарплате.",
        "Мэрия обещает погасить долги до пятницы.",
        "Об этом заявил мэр Олег Сомов на совещании.",
    ]


def test_unknown_method_is_rejected():
    with pytest.raises(ValueError, match="unknown summary method"):
        summarize("Текст.", split_sentences("Текст."), method="magic")


def test_topics_are_lemmas_and_name_the_story():
    text = _body("card_vaccine.txt")
    doc = parse_doc(text)
    topics = extract_topics(doc, set())
    assert 3 <= len(topics) <= 8
    assert "вакцина" in topics or "вакцинация" in topics
    assert any("клещ" in t for t in topics)
    assert all(t == t.lower() for t in topics)


def test_content_hash_ignores_whitespace_and_case_only():
    a = "Мост через Обь   построят к 2028 году.\n"
    assert identity.content_hash(a) == identity.content_hash("мост через обь построят к 2028 году.")
    assert identity.content_hash(a) != identity.content_hash("Мост через Обь построят к 2029 году.")


def _key(path: Path, day: date = date(2026, 3, 14)) -> identity.StoryKey:
    card = analyze_bytes(path.read_bytes(), path.name, reference_date=day)
    return identity.story_key(card, card.published or day)


def test_same_event_from_two_sites_is_one_story_unrelated_is_not():
    bridge = _key(FIXTURES / "card_bridge.txt")
    other_site = _key(FIXTURES / "card_bridge_other.txt")
    vaccine = _key(FIXTURES / "card_vaccine.txt")
    assert identity.same_story(bridge, other_site)
    assert not identity.same_story(bridge, vaccine)
    assert identity.similarity(bridge.signature, bridge.signature) == 1.0


def test_the_same_event_a_week_later_is_another_story_unless_reprinted():
    bridge = _key(FIXTURES / "card_bridge.txt")
    week_later = replace(_key(FIXTURES / "card_bridge_other.txt"), day=date(2026, 3, 21))
    reprint = replace(bridge, day=date(2026, 3, 20))
    assert not identity.same_story(bridge, week_later)
    assert identity.same_story(bridge, reprint)


def test_different_events_on_one_theme_are_not_one_story(seeds_dir):
    # three real reports about one bilateral relationship, each a different meeting
    keys = [_key(p, date(2025, 1, 1)) for p in sorted(seeds_dir.glob("*.txt"))]
    pairs = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1 :]]
    assert len(pairs) == 3
    assert not any(identity.same_story(a, b) for a, b in pairs)
