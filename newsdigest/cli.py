"""`newsdigest` console script."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from importlib import resources

from core.config import ConfigError
from digest.card import AnalysisError
from digest.unpack import RawFile, Rejected, iter_items
from newsdigest import archive_cli, digest_cli, feeds_cli
from newsdigest.argtypes import iso_date
from storage.errors import DatabaseUnusable

EXIT_OK, EXIT_USAGE = 0, 2

# argparse's own words (usage, section titles, its errors) in the language of the output;
# argparse looks its module-level `_` up at call time
_ARGPARSE_RU = {
    "usage: ": "использование: ",
    "positional arguments": "аргументы",
    "options": "параметры",
    "show this help message and exit": "показать эту справку и выйти",
    "the following arguments are required: %s": "не хватает аргументов: %s",
    "unrecognized arguments: %s": "лишние аргументы: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "неизвестный вариант %(value)r (возможны: %(choices)s)",
    "invalid %(type)s value: %(value)r": "неверное значение %(value)r",
    "expected one argument": "ожидается значение",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
}
argparse._ = lambda text: _ARGPARSE_RU.get(text, text)  # type: ignore[attr-defined]


def _print_card(card, as_json: bool, name: str) -> None:
    from digest.render import card_to_text

    if as_json:
        data = {"file": name, **card.to_dict()}
        print(json.dumps(data, ensure_ascii=False))
    else:
        print(card_to_text(card))
        print()


def cmd_analyze(args: argparse.Namespace) -> int:
    """Cards of files, folders, .zip and .json/.jsonl records, read as `ingest` reads them."""
    from newsdigest.analysis import analyze_bounded

    failed = 0
    for path in args.files:
        for item in iter_items(path):
            if isinstance(item, Rejected):
                print(f"{item.name}: {item.reason}", file=sys.stderr)
                failed += 1
                continue
            try:
                card = analyze_bounded(
                    item, reference_date=args.reference_date,
                    summary_sentences=args.sentences, summary_method=args.method,
                )
            except AnalysisError as exc:
                print(f"{item.name}: {exc}", file=sys.stderr)
                failed += 1
                continue
            _print_card(card, args.json, item.name)
    return EXIT_USAGE if failed else EXIT_OK


def sample_files() -> list[tuple[str, bytes]]:
    """The sample articles bundled with the package."""
    folder = resources.files("digest").joinpath("samples")
    return sorted(
        (f.name, f.read_bytes()) for f in folder.iterdir() if f.is_file() and f.name[0] != "."
    )


def cmd_demo(args: argparse.Namespace) -> int:
    from newsdigest.analysis import analyze_bounded

    samples = sample_files()
    print(f"newsdigest demo: {len(samples)} sample articles, analyzed offline\n", file=sys.stderr)
    for name, data in samples:
        try:
            card = analyze_bounded(RawFile(name, data), reference_date=args.reference_date)
        except AnalysisError as exc:
            print(f"{name}: {exc}", file=sys.stderr)
            continue
        if not args.json:
            print(f"── {name} ──")
        _print_card(card, args.json, name)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdigest",
        description="Новости на русском → карточки с цифрами и ежедневные дайджесты",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="подробный журнал (DEBUG)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("analyze", help="разобрать файлы статей и показать их карточки")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help=".txt .md .html .json .jsonl .zip или папка, как для ingest")
    p.add_argument("--json", action="store_true", help="по объекту JSON на файл")
    p.add_argument("--reference-date", type=iso_date, default=None,
                   help="даты без года относить к этой дате (по умолчанию сегодня)")
    p.add_argument("--sentences", type=int, default=3, choices=range(1, 7), metavar="N",
                   help="длина выжимки, 1–6 предложений (по умолчанию 3)")
    p.add_argument("--method", default="lexrank",
                   choices=["lexrank", "textrank", "lsa", "luhn", "lead"])
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("demo", help="разобрать статьи-примеры из пакета (без сети)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--reference-date", type=iso_date, default=None)
    p.set_defaults(func=cmd_demo)

    archive_cli.add_parsers(sub)
    digest_cli.add_parsers(sub)
    feeds_cli.add_parsers(sub)

    p = sub.add_parser("run", help="запустить Telegram-бота (то же, что python -m bot)")
    p.set_defaults(func=cmd_run)
    return parser


def cmd_run(args: argparse.Namespace) -> int:
    """Hand the process over to the bot's entry point (the CLI itself never imports bot/)."""
    os.execv(sys.executable, [sys.executable, "-m", "bot"])


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.func(args) or 0)
    except ConfigError as exc:
        print(f"newsdigest: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("прервано", file=sys.stderr)
        return 130
    except DatabaseUnusable as exc:  # not SQLite, another program's, newer schema: one line
        print(f"newsdigest: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `newsdigest person Лавров | head`
        sys.stderr.close()
        return 0
