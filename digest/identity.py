"""Article identity: an exact content hash, and the "same story" signal.

Two reports are one story when they tell the same event, not when they share a person or a
theme: the Lavrov talks on Serbia, his veterans' awards and his India visit are three stories.
The signal, measured on the labelled pairs in tests/fixtures/stories (`python -m bench.stories`):

- MinHash of the content-word lemmas of title and text (rewording keeps most of them);
- plus the event's anchors: figures with equal values (35 см = 35 сантиметров), when at least
  half of the shorter list agrees, and shared people and organizations (not places: a
  country's name recurs in all of its news);
- minus a penalty when both reports carry figures and they do not agree (same minister, same
  day, one on the harvest, one on the export duty; one shared "$30 млрд" target among six
  figures is a theme, not an event);
- only between reports at most MAX_DAYS apart: the same person's next meeting is a new story.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np

from digest import nlp
from digest.card import ArticleCard, Entity, Figure, Person
from digest.keys import fold, person_keys
from digest.wordlists import load_words

NUM_PERM = 128
MAX_DAYS = 1  # reports of one event: the same day or the next
NEAR_COPY = 0.6  # lemma similarity of a reprint: one story up to NEAR_COPY_DAYS apart
NEAR_COPY_DAYS = 7
# Weights and threshold tuned on the pair set; bench/stories.py prints the sweep around them.
FIGURE_WEIGHT = 0.10  # per shared figure value, at most two
FIGURES_AGREE = 0.5  # share of the shorter figure list that must be shared
NAME_WEIGHT = 0.03  # per shared person or organization, at most four
FIGURE_CONFLICT = 0.10  # both give figures and they do not agree
SAME_STORY_SCORE = 0.26
MIN_TEXT = 0.05  # below this, shared names and figures are coincidence (a quick pre-filter)

_WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace and case folded: equal for exact re-uploads."""
    return hashlib.sha256(fold(text).encode("utf-8")).hexdigest()


def _content_lemmas(text: str) -> set[bytes]:
    stop = load_words("stopwords_ru")
    lemmas = {nlp.lemma(w) for w in _WORD.findall(text)}
    return {w.encode() for w in lemmas if (len(w) > 2 or w.isdigit()) and w not in stop}


def signature(text: str) -> list[int]:
    """MinHash signature (NUM_PERM unsigned 32-bit ints) of the text's content-word lemmas.
    Pass title and body together: the headline names the event."""
    return [int(v) for v in minhash(sorted(_content_lemmas(text)) or [b""])]


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.RandomState(1)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def minhash(items: Iterable[bytes]) -> np.ndarray:
    """MinHash of a set of byte strings: uint32[NUM_PERM].

    Bit for bit datasketch 2.0's MinHash(num_perm=NUM_PERM, seed=1) ("affine32": the first
    4 bytes of SHA-1, the MurmurHash3 finalizer, then a·h + b mod 2³² per permutation), so
    signatures stored before it replaced datasketch still compare. In numpy because
    datasketch imports scipy (≈50 MB and ≈1 s per process) for nothing we use."""
    hv = np.array([int.from_bytes(hashlib.sha1(item).digest()[:4], "little")
                   for item in items], dtype=np.uint32).reshape(-1, 1)
    hv ^= hv >> np.uint32(16)
    hv *= np.uint32(0x85EBCA6B)
    hv ^= hv >> np.uint32(13)
    hv *= np.uint32(0xC2B2AE35)
    hv ^= hv >> np.uint32(16)
    if not len(hv):
        return np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    a, b = _permutations()
    return (hv * a + b).min(axis=0)


def similarity(a: list[int] | np.ndarray, b: list[int] | np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures (0..1)."""
    if len(a) == 0 or len(b) == 0 or len(a) != len(b):
        return 0.0
    return float(np.mean(np.asarray(a, dtype=np.uint64) == np.asarray(b, dtype=np.uint64)))


@dataclass(frozen=True, slots=True)
class StoryKey:
    """What identifies the event an article reports, kept small enough to cache for a week."""

    day: date
    signature: np.ndarray  # uint32[NUM_PERM]
    names: frozenset[str]  # surnames and folded organization names
    figures: frozenset[tuple[float, str]]  # (value to 3 significant digits, kind)


def story_names(people: list[Person], organizations: list[Entity]) -> frozenset[str]:
    names = {keys[-1] for p in people if (keys := person_keys(p.name))}
    return frozenset(names | {fold(e.name) for e in organizations})


def story_figures(figures: list[Figure]) -> frozenset[tuple[float, str]]:
    # values, not units: "35 см" and "35 сантиметров", "12 тыс. машин" and "12 тысяч единиц"
    return frozenset((float(f"{f.value:.3g}"), f.kind) for f in figures)


def story_key(card: ArticleCard, day: date) -> StoryKey:
    """The key of an analysed card; `day` is its publication (else ingestion) date."""
    return StoryKey(
        day=day,
        signature=np.asarray(card.signature, dtype=np.uint64).astype(np.uint32),
        names=story_names(card.people, card.organizations),
        figures=story_figures(card.figures),
    )


def story_score(a: StoryKey, b: StoryKey, text_similarity: float | None = None) -> float:
    """Evidence that a and b report one event; ≥ SAME_STORY_SCORE means they do.
    `text_similarity` saves recomputing the MinHash estimate when the caller has it."""
    days = abs((a.day - b.day).days)
    text = similarity(a.signature, b.signature) if text_similarity is None else text_similarity
    if days > MAX_DAYS:
        return text if days <= NEAR_COPY_DAYS and text >= NEAR_COPY else 0.0
    if text < MIN_TEXT:
        return text
    shared_figures = len(a.figures & b.figures)
    if shared_figures < FIGURES_AGREE * min(len(a.figures), len(b.figures)):
        shared_figures = 0
    conflict = bool(a.figures and b.figures and not shared_figures)
    return (
        text
        + FIGURE_WEIGHT * min(shared_figures, 2)
        + NAME_WEIGHT * min(len(a.names & b.names), 4)
        - FIGURE_CONFLICT * conflict
    )


def same_story(a: StoryKey, b: StoryKey) -> bool:
    return story_score(a, b) >= SAME_STORY_SCORE
