"""Word lists kept as data files in digest/data (one or more words a line, # comments)."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load_words(name: str) -> frozenset[str]:
    text = resources.files("digest").joinpath(f"data/{name}.txt").read_text("utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        words.update(line.split("#", 1)[0].split())
    return frozenset(words)
