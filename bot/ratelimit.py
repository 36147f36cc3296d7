"""Outgoing rate limiting for broadcasts.

* a global scheduler of send slots at `rate` messages/s, handed out in FIFO order: each slot
  is 1/rate after the previous one, computed from the schedule rather than from when the
  waiter woke up (timer jitter costs no throughput), but never more than one slot behind the
  clock (after an event-loop stall there is no catch-up burst for Telegram's 30/s window);
* at least `per_chat` seconds between two messages to the same chat (Telegram: ~1/s), and
  `per_group` seconds in a group or channel (Telegram: 20 messages a minute there; their chat
  ids are negative);
* `pause(seconds)` after a 429 stops EVERY sender until the pause is over (Telegram's flood
  control is per bot) and lowers the rate by 20 % (not below `min_rate`); the rate climbs
  back by 5 % every `recover_after` seconds without a 429, up to the configured rate. So a
  rate set above what Telegram grants this bot settles just below it instead of thrashing.

aiolimiter's AsyncLimiter was the first choice, but its rate cannot change while tasks wait
on it and a pause would have to be layered on top; this is the same leaky bucket in a few
lines with both.
"""

from __future__ import annotations

import asyncio

SLOW_DOWN = 0.8
SPEED_UP = 1.05


class BroadcastLimiter:
    def __init__(
        self, rate: float, *, per_chat: float = 1.0, per_group: float = 3.0,
        min_rate: float = 1.0, recover_after: float = 10.0,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.target = rate
        self.rate = rate
        self.per_chat = per_chat
        self.per_group = max(per_chat, per_group)
        self.min_rate = min(min_rate, rate)
        self.recover_after = recover_after
        self._next_slot = 0.0  # loop time of the next free send slot
        self._resume_at = 0.0  # loop time until which everyone waits
        self._calm_since = 0.0  # last 429 or last speed-up
        self._epoch = 0  # bumped by every pause: a slot being waited for is given up
        self._lock = asyncio.Lock()
        self._last: dict[int | str, float] = {}
        self.pauses = 0

    @staticmethod
    def _now() -> float:
        return asyncio.get_running_loop().time()

    def pause(self, seconds: float) -> None:
        """A 429: hold every sender for `seconds` from now and slow down."""
        now = self._now()
        self.pauses += 1
        if now >= self._resume_at:  # the other requests in flight get 429s too: slow once
            self.rate = max(self.min_rate, self.rate * SLOW_DOWN)
        self._resume_at = max(self._resume_at, now + max(0.0, seconds))
        self._next_slot = self._resume_at
        self._epoch += 1
        self._calm_since = now

    @property
    def paused_for(self) -> float:
        return max(0.0, self._resume_at - self._now())

    def _recover(self, now: float) -> None:
        if self.rate < self.target and now - self._calm_since >= self.recover_after:
            self.rate = min(self.target, self.rate * SPEED_UP)
            self._calm_since = now

    def spacing(self, chat_id: int | str) -> float:
        """Seconds between two messages to the chat: a group's or channel's id is negative."""
        group = isinstance(chat_id, int) and chat_id < 0
        return self.per_group if group else self.per_chat

    async def _ready(self, chat_id: int | str) -> None:
        """Wait out a pause and the chat's own spacing."""
        while True:
            now = self._now()
            last = self._last.get(chat_id)
            ready = max(self._resume_at, last + self.spacing(chat_id) if last is not None
                        else 0.0)
            if ready <= now:
                return
            await asyncio.sleep(ready - now)

    async def acquire(self, chat_id: int | str) -> None:
        """Wait until one message to `chat_id` may go out now."""
        while True:
            await self._ready(chat_id)
            async with self._lock:  # FIFO: one waiter at a time sleeps until the next slot
                if self.paused_for > 0:
                    continue
                now = self._now()
                self._recover(now)
                slot = max(now, self._next_slot)
                epoch = self._epoch
                if slot > now:
                    await asyncio.sleep(slot - now)
                if epoch != self._epoch:  # a 429 meanwhile: the slot is not used
                    continue
                # the next slot follows the schedule (timer jitter costs no rate) but never
                # lags the clock by more than one slot (a stalled loop does not burst)
                interval = 1 / self.rate
                self._next_slot = max(slot, self._now() - interval) + interval
                break
        self._last[chat_id] = self._now()

    def forget(self, chat_id: int | str) -> None:
        """Drop a chat's spacing record (after its delivery is finished)."""
        self._last.pop(chat_id, None)
