"""The labelled same-story pair sets in tests/fixtures/stories: articles and pairs.

The tuning set lives in tests/fixtures/stories, the held-out sets in its heldout/ and fresh/
folders; all use the same block format and the same pair rule (`generate_pairs`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "stories"
HELD_OUT = FIXTURES / "heldout"
FRESH = FIXTURES / "fresh"  # a second held-out set, written after the held-out one guided changes
BLIND = FIXTURES / "blind"  # written by someone who never saw the signal or the other sets
BLIND2 = FIXTURES / "blind2"  # the same, later, measured first with the signal of 50755b2
BLIND3 = FIXTURES / "blind3"  # the same, later, measured first with the signal of 2de18ea
BLIND4 = FIXTURES / "blind4"  # the same, later, measured first with the signal of 063dd20
BLIND5 = FIXTURES / "blind5"  # the same, later, measured first with the signal of 45292cd
BLIND6 = FIXTURES / "blind6"  # the same, later, measured first with the signal of cc0d134
BLIND7 = FIXTURES / "blind7"  # the same, later, measured first with the signal of 1ad83f4
BLIND8 = FIXTURES / "blind8"  # the same, later, measured first with the signal of 4b10883
BLIND9 = FIXTURES / "blind9"  # the same, later, measured first with the signal of 297d08c
BLIND10 = FIXTURES / "blind10"  # the same, later, measured first with the signal of bae061d
BLIND11 = FIXTURES / "blind11"  # the same, later, measured first with the signal of bd6511f
BLIND12 = FIXTURES / "blind12"  # the same, later, measured first with the signal of 195d1cd
BLIND13 = FIXTURES / "blind13"  # the same, later, measured first with the signal of a489ff0
BLIND14 = FIXTURES / "blind14"  # the same, later, measured first with the signal of f24873a
BLIND15 = FIXTURES / "blind15"  # the same, later, measured first with the signal of be2b3c5
BLIND16 = FIXTURES / "blind16"  # the same, later, measured first with the signal of b98da0d
BLIND17 = FIXTURES / "blind17"  # the same, later, measured first with the signal of b98da0d
BLIND18 = FIXTURES / "blind18"  # the same, later, measured first with the signal of 36820dc
BLIND19 = FIXTURES / "blind19"  # the same, later, measured first with the signal of 36820dc
BLIND20 = FIXTURES / "blind20"  # the same, later, measured first with the signal of 9c27740
BLIND21 = FIXTURES / "blind21"  # the same, later, measured first with the signal of 36820dc
BLIND22 = FIXTURES / "blind22"  # the same, later, measured first with the signal of 36820dc
BLIND23 = FIXTURES / "blind23"  # the same, later, measured first with the signal of 9c27740
BLIND24 = FIXTURES / "blind24"  # the same, later, measured first with the signal of 556c84d
BLIND25 = FIXTURES / "blind25"  # the same, later, measured first with the signal of 556c84d
BLIND26 = FIXTURES / "blind26"  # the same, later, measured first with the signal of 556c84d
BLIND27 = FIXTURES / "blind27"  # the same, later, measured first with the signal of d0a9805
BLIND28 = FIXTURES / "blind28"  # the same, later, measured first with the signal of d0a9805
BLIND29 = FIXTURES / "blind29"  # the same, later, measured first with the signal of 87376ff
BLIND30 = FIXTURES / "blind30"  # the same, later, measured first with the signal of 87376ff
BLIND31 = FIXTURES / "blind31"  # the same, later, measured first with the signal of 485404e
BLIND32 = FIXTURES / "blind32"  # the same, later, measured first with the signal of 485404e
BLIND33 = FIXTURES / "blind33"  # the same, later, measured first with the signal of 97fb074
BLIND34 = FIXTURES / "blind34"  # the same, later, measured first with the signal of 97fb074
# every blind set, in the order they were written
BLIND_SETS = (BLIND, BLIND2, BLIND3, BLIND4, BLIND5, BLIND6, BLIND7, BLIND8, BLIND9, BLIND10,
              BLIND11, BLIND12, BLIND13, BLIND14, BLIND15, BLIND16, BLIND17,
              BLIND18, BLIND19, BLIND20, BLIND21, BLIND22, BLIND23, BLIND24, BLIND25,
              BLIND26, BLIND27, BLIND28, BLIND29, BLIND30, BLIND31, BLIND32,
              BLIND33, BLIND34)


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


def generate_pairs(reports: list[Report]) -> list[Pair]:
    """Every pair inside a family, plus each report against one report of the next family.

    Families are taken in name order (the last one wraps to the first); report i of a family
    meets report i (modulo its size) of the next one.
    """
    families: dict[str, list[Report]] = {}
    for report in reports:
        families.setdefault(report.family, []).append(report)
    names = sorted(families)
    pairs: list[Pair] = []
    for n, name in enumerate(names):
        members = families[name]
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                same = a.event == b.event
                pairs.append(Pair(a.id, b.id, same, "same_event" if same else "same_family"))
        following = families[names[(n + 1) % len(names)]]
        if following is not members:
            for i, a in enumerate(members):
                pairs.append(Pair(a.id, following[i % len(following)].id, False, "other_family"))
    return pairs


def write_pairs(pairs: list[Pair], folder: Path) -> None:
    lines = ["# Labelled same-story pairs over articles_*.txt; generated by"
             " bench.story_pairs.generate_pairs (see README.md).",
             "a\tb\tsame\tkind"]
    lines += [f"{p.a}\t{p.b}\t{int(p.same)}\t{p.kind}" for p in pairs]
    (folder / "pairs.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HELD_OUT
    write_pairs(generate_pairs(load_reports(target)), target)
