"""Word lists kept as data files in digest/data (one or more words a line, # comments)."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """The lines of data/<name>.txt without comments, blank ones dropped."""
    text = resources.files("digest").joinpath(f"data/{name}.txt").read_text("utf-8")
    return tuple(line for raw in text.splitlines() if (line := raw.split("#", 1)[0].strip()))


@cache
def load_words(name: str) -> frozenset[str]:
    return frozenset(word for line in load_lines(name) for word in line.split())
