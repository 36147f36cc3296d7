"""The `newsdigest analyze` and `demo` commands as a user runs them."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from newsdigest.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
CARD_KEYS = {
    "title", "subtitle", "published", "source", "summary", "people", "organizations",
    "locations", "figures", "dates", "quotes", "topics", "content_hash",
}


def test_analyze_json_prints_one_card_per_file(capsys):
    files = [FIXTURES / "card_bridge.txt", FIXTURES / "card_vaccine.txt"]
    code = main(["analyze", "--json", *map(str, files)])
    out = capsys.readouterr().out.strip().splitlines()
    assert code == 0
    cards = [json.loads(line) for line in out]
    assert len(cards) == 2
    for card in cards:
        assert set(card) >= CARD_KEYS
    assert cards[0]["title"].startswith("Власти Северной области и Минтранс договорились")
    people = {p["name"]: p for p in cards[0]["people"]}
    assert people["Павел Дорохов"]["role"] == "губернатор Северной области"
    assert {"text", "value", "unit", "kind", "context"} <= set(cards[0]["figures"][0])
    assert 2 <= len(cards[0]["summary"]) <= 4


def test_bad_files_are_reported_and_the_rest_still_analyzed(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    one_line = tmp_path / "line.txt"
    one_line.write_text("слово " * 20_000, encoding="utf-8")
    boiler = tmp_path / "boiler.txt"
    boiler.write_text("Поделиться\n\n756 SHARES\n\nЧитайте также\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    good = FIXTURES / "card_vaccine.txt"
    code = main(["analyze", "--json", *map(str, [empty, binary, good, one_line, boiler, missing])])
    captured = capsys.readouterr()
    assert code == 2
    cards = [json.loads(line) for line in captured.out.strip().splitlines()]
    assert [c["file"] for c in cards] == [str(good)]
    err = captured.err
    assert "Traceback" not in err
    for path in (empty, binary, one_line, boiler, missing):
        assert str(path) in err
    lines = {line.split(": ", 1)[0]: line.split(": ", 1)[1] for line in err.strip().splitlines()}
    assert "пуст" in lines[str(empty)]
    assert lines[str(missing)] == "файл не найден"


def test_readable_card_without_json(capsys):
    assert main(["analyze", str(FIXTURES / "card_bridge.txt")]) == 0
    out = capsys.readouterr().out
    assert "Люди:" in out and "Павел Дорохов — губернатор Северной области" in out
    assert "Цитаты:" in out and "— Игорь Ветров" in out


def test_demo_analyzes_every_bundled_sample(capsys):
    assert main(["demo", "--json"]) == 0
    cards = [json.loads(line) for line in capsys.readouterr().out.strip().splitlines()]
    assert len(cards) >= 5
    assert all(c["title"] and c["summary"] and c["topics"] for c in cards)


def _parsers(parser):
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _parsers(sub)


def test_help_is_in_the_language_of_the_output():
    from newsdigest.cli import build_parser

    for parser in _parsers(build_parser()):
        text = parser.format_help()
        assert text.startswith("использование: "), parser.prog
        assert "show this help" not in text and "options:" not in text, parser.prog
        for action in parser._actions:
            if action.help and action.help != argparse.SUPPRESS:
                assert re.search("[а-яё]", action.help), (parser.prog, action.help)


def test_usage_errors_are_russian(capsys):
    with pytest.raises(SystemExit) as info:
        main(["digest", "--date", "21.11.2025"])
    assert info.value.code == 2
    assert "ошибка: аргумент --date: ожидается дата ГГГГ-ММ-ДД" in capsys.readouterr().err


def test_run_hands_the_process_to_the_bot_entry_point(monkeypatch):
    calls = []
    monkeypatch.setattr("os.execv", lambda path, argv: calls.append(argv))
    main(["run"])
    assert calls and calls[0][1:] == ["-m", "bot"]
