"""The labelled same-story pair set in tests/fixtures/stories: articles and pairs."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "stories"


@dataclass(frozen=True, slots=True)
class Report:
    id: str  # "lavrov-serbia/rbk"
    event: str
    family: str  # same person or theme; pairs across events of one family are hard negatives
    date: str
    source: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class Pair:
    a: str
    b: str
    same: bool
    kind: str  # same_event | same_family | other_family


def load_reports(folder: Path = FIXTURES) -> list[Report]:
    reports: list[Report] = []
    for path in sorted(folder.glob("articles_*.txt")):
        blocks = path.read_text(encoding="utf-8").split("\n=== ")[1:]
        for block in blocks:
            head, _, body = block.partition("\n\n")
            lines = head.splitlines()
            fields = dict(line.split(": ", 1) for line in lines[1:])
            reports.append(Report(id=lines[0].strip(), text=body.strip(), **fields))
    return reports


def load_pairs(folder: Path = FIXTURES) -> list[Pair]:
    with (folder / "pairs.tsv").open(encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return [Pair(r["a"], r["b"], r["same"] == "1", r["kind"]) for r in rows]
