"""Topics a reader sees: the story's subject, not idioms or words every story uses."""

from __future__ import annotations

from digest.nlp import parse_doc
from digest.topics import extract_topics

STORY = (
    "Фермеры области начали сбор маслосемян. С точки зрения агрономов, урожай маслосемян "
    "будет высоким. Страна увеличит экспорт, работа в регионе идет с начала месяца. "
    "Капельное орошение помогло хозяйствам: капельное орошение есть уже на трети полей. "
    "В течение недели маслосемена отправят на элеваторы, где их проверят на влажность."
)


def test_idiom_fragments_and_generic_words_are_not_topics():
    topics = extract_topics(parse_doc(STORY), set())
    for word in ("точка", "зрение", "течение", "страна", "работа", "регион", "начало"):
        assert word not in topics


def test_plural_only_noun_is_shown_in_the_plural_and_repeated_phrase_is_kept():
    topics = extract_topics(parse_doc(STORY), set())
    assert "маслосемена" in topics
    assert "маслосемя" not in topics
    assert "капельное орошение" in topics
