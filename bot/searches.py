"""Queries behind "next page" buttons: callback_data holds 64 bytes, a query may not fit."""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from storage import Archive


async def query_kind(archive: Archive, text: str) -> str:
    """"person" when the archive knows someone by that name (up to 3 words), else "topic"."""
    if len(text.split()) > 3:
        return "topic"
    people, _ = await archive.resolve_person(text)
    return "person" if people else "topic"


class SearchCache:
    """A bounded map token → (kind, query). Tokens are stable for the same query."""

    def __init__(self, size: int = 10_000):
        self.size = size
        self._items: OrderedDict[str, tuple[str, str]] = OrderedDict()

    def token(self, kind: str, query: str) -> str:
        token = hashlib.blake2b(f"{kind}\0{query}".encode(), digest_size=6).hexdigest()
        self._items[token] = (kind, query)
        self._items.move_to_end(token)
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return token

    def get(self, token: str) -> tuple[str, str] | None:
        return self._items.get(token)
