"""The quote and figure gold sets that bench.quality_facts scores, and the figure scorer itself."""

from __future__ import annotations

from bench.quality_facts import GOLD, read_jsonl, score_figures


def test_gold_sets_are_the_size_the_quality_issue_names():
    quotes = read_jsonl(GOLD / "quotes.jsonl")
    figures = read_jsonl(GOLD / "figures.jsonl")
    assert sum(len(item["quotes"]) for item in quotes) >= 60
    assert sum(len(item["figures"]) for item in figures) >= 150
    # non-quantities (scores, date ranges, anniversaries, phones) are in the set as well
    assert sum(not item["figures"] for item in figures) >= 30
    for item in figures:
        for figure in item["figures"]:
            assert isinstance(figure["value"], int | float) and figure["unit"], item


def test_a_figure_listed_twice_is_sane_once():
    items = [
        {"text": "Собрали 20 млн тонн зерна. Итог — 20 млн тонн, на 8% больше.",
         "figures": [{"value": 2e7, "unit": "тонна"}, {"value": 8, "unit": "%"}]},
        {"text": "Финал сыграли 3:1.", "figures": []},
    ]
    scores = score_figures(items)
    assert scores["expected"] == 2 and scores["found"] == 2
    # "20 млн тонн" read in both sentences: two card figures, one of them sane
    assert scores["card figures"] == 3 and scores["sane"] == 2
