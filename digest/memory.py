"""Giving freed heap back to the system (glibc keeps it for reuse by default)."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools


@functools.cache
def _malloc_trim():
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
        return None


def release_free_heap() -> None:
    """malloc_trim(0): return the free pages of the C heap, where the allocator allows it."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
