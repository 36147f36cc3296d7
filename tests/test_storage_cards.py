"""Hand-built ArticleCards for the storage tests, and tests of the pure row helpers."""

from __future__ import annotations

from datetime import date

from digest import identity
from digest.card import ArticleCard, Entity, Figure, Person, Quote
from storage import rows


def make_card(
    title: str,
    text: str,
    *,
    people: list[tuple[str, str | None, int]] = (),  # type: ignore[assignment]
    quotes: list[tuple[str | None, str]] = (),  # type: ignore[assignment]
    topics: list[str] = (),  # type: ignore[assignment]
    published: date | None = date(2025, 3, 10),
    source: str | None = "ТАСС",
) -> ArticleCard:
    return ArticleCard(
        title=title,
        text=text,
        published=published,
        source=source,
        url=f"https://example.org/{abs(hash(title)) % 10**6}",
        summary=[text.split(". ")[0]],
        people=[Person(n, r, m) for n, r, m in people],
        organizations=[Entity("МИД России", 1)],
        locations=[Entity("Москва", 2)],
        figures=[Figure("2,8%", 2.8, "%", "percent", "Рост составил 2,8%.")],
        quotes=[Quote(s, t) for s, t in quotes],
        topics=list(topics),
        content_hash=identity.content_hash(text),
        signature=identity.signature(text),
    )


LAVROV_TEXT = (
    "Министр иностранных дел России Сергей Лавров провёл переговоры в Анкаре. "
    "Стороны обсудили поставки зерна.\n\n"
    "«Мы готовы к диалогу», — подчеркнул Лавров. Встреча длилась три часа."
)


def test_sentence_around_keeps_quote_whole():
    text = "Первое предложение. «Мы придём. И победим», — сказал он. Третье."
    assert rows.sentence_around(text, text.index("придём")) == (
        "«Мы придём. И победим», — сказал он."
    )


def test_person_snippet_prefers_own_quote():
    card = make_card(
        "Лавров в Анкаре",
        LAVROV_TEXT,
        people=[("Сергей Лавров", "министр", 2)],
        quotes=[("Сергей Лавров", "Мы готовы к диалогу")],
    )
    assert rows.person_snippet(card.people[0], card) == "«Мы готовы к диалогу»"


def test_person_snippet_finds_inflected_sentence():
    text = "Вчера прошёл саммит. Встречу с Марией Захаровой отменили. Итоги позже."
    card = make_card("Саммит", text, people=[("Мария Захарова", None, 1)])
    assert rows.person_snippet(card.people[0], card) == "Встречу с Марией Захаровой отменили."


def test_signature_blob_roundtrip():
    sig = identity.signature("Лавров провёл переговоры в Анкаре")
    assert rows.unpack_signature(rows.pack_signature(sig)) == sig
    assert rows.pack_signature([]) is None
