"""Cleanup that must finish even when the task running it is cancelled (a graceful stop)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable


async def to_the_end(step: Awaitable[None]) -> None:
    """Await `step` even through cancellation; a cancel is re-raised once it is done."""
    task = asyncio.ensure_future(step)
    cancelled = False
    while not task.done():
        try:
            await asyncio.shield(task)
        except asyncio.CancelledError:
            cancelled = True
    if cancelled:
        raise asyncio.CancelledError
    task.result()
