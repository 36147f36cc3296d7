"""A small ROUGE-1/2/L (F1) on razdel tokens reduced to natasha lemmas.

Lemmas, so "мост" and "моста" count as the same word; punctuation is not a token.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from razdel import tokenize

from digest import nlp


@dataclass(frozen=True, slots=True)
class Rouge:
    r1: float
    r2: float
    rl: float


def lemmas(text: str) -> list[str]:
    return [nlp.lemma(t.text.lower()) for t in tokenize(text) if any(c.isalnum() for c in t.text)]


def _f1(overlap: float, produced: int, wanted: int) -> float:
    if not overlap or not produced or not wanted:
        return 0.0
    p, r = overlap / produced, overlap / wanted
    return 2 * p * r / (p + r)


def _ngrams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _lcs(a: list[str], b: list[str]) -> int:
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge(produced: str, reference: str) -> Rouge:
    a, b = lemmas(produced), lemmas(reference)
    scores = []
    for n in (1, 2):
        pa, pb = _ngrams(a, n), _ngrams(b, n)
        scores.append(_f1(sum((pa & pb).values()), sum(pa.values()), sum(pb.values())))
    return Rouge(scores[0], scores[1], _f1(_lcs(a, b), len(a), len(b)))
