"""Article identity: an exact content hash and a MinHash near-duplicate signature."""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

from digest import nlp
from digest.keys import fold

NUM_PERM = 128
SHINGLE = 2  # word bigrams over lemmas: robust to rewording and inflection
# Jaccard of lemma bigrams, measured on the fixtures and seeds: two reports of one event from
# different sites ≈ 0.19; different events on the same theme ≤ 0.05; unrelated ≤ 0.01.
SAME_STORY_THRESHOLD = 0.10

_WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace and case folded: equal for exact re-uploads."""
    return hashlib.sha256(fold(text).encode("utf-8")).hexdigest()


def _shingles(text: str) -> set[bytes]:
    words = [nlp.lemma(w) for w in _WORD.findall(text)]
    words = [w for w in words if len(w) > 2 or w.isdigit()]
    if len(words) < SHINGLE:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> list[int]:
    """MinHash signature (NUM_PERM unsigned 32-bit ints) of the text's lemma bigrams."""
    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch(list(_shingles(text)))
    return [int(v) for v in mh.hashvalues]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures (0..1)."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return float(np.mean(np.asarray(a, dtype=np.uint64) == np.asarray(b, dtype=np.uint64)))
