"""Outgoing rate limiting for broadcasts.

* a global leaky bucket at `rate` messages/s holding at most BURST = 2 messages
  (aiolimiter's `AsyncLimiter(2, 2 / rate)`): evenly spaced sends, no bursts that Telegram's
  30/s window would punish, and one message of slack so timer jitter does not cost rate;
* at least `per_chat` seconds between two messages to the same chat (Telegram: ~1/s);
* `pause(seconds)` after a 429 stops EVERY sender until the pause is over (Telegram's
  flood control is per bot; the retry_after it names applies to all our traffic).
"""

from __future__ import annotations

import asyncio

from aiolimiter import AsyncLimiter

BURST = 2


class BroadcastLimiter:
    def __init__(self, rate: float, *, per_chat: float = 1.0) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.per_chat = per_chat
        self._bucket = AsyncLimiter(BURST, BURST / rate)
        self._resume_at = 0.0  # loop time until which everyone waits
        self._last: dict[int | str, float] = {}
        self.pauses = 0

    @staticmethod
    def _now() -> float:
        return asyncio.get_running_loop().time()

    def pause(self, seconds: float) -> None:
        """Hold every sender for `seconds` from now (extends, never shortens, a pause)."""
        self.pauses += 1
        self._resume_at = max(self._resume_at, self._now() + max(0.0, seconds))

    @property
    def paused_for(self) -> float:
        return max(0.0, self._resume_at - self._now())

    async def _wait_pause_and_chat(self, chat_id: int | str) -> None:
        while True:
            now = self._now()
            last = self._last.get(chat_id)
            delay = self._resume_at - now
            if last is not None:
                delay = max(delay, last + self.per_chat - now)
            if delay <= 0:
                return
            await asyncio.sleep(delay)

    async def acquire(self, chat_id: int | str) -> None:
        """Wait until one message to `chat_id` may go out now."""
        while True:
            await self._wait_pause_and_chat(chat_id)
            await self._bucket.acquire()
            # a 429 may have paused everyone while we queued for the bucket: the slot is
            # given up rather than used, so a pause never ends in a burst
            if self.paused_for <= 0:
                break
        self._last[chat_id] = self._now()

    def forget(self, chat_id: int | str) -> None:
        """Drop a chat's spacing record (after its delivery is finished)."""
        self._last.pop(chat_id, None)
