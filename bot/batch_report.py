"""After a restart: tell each admin whose upload batch a stop cut short what was stored and
what was not (the progress message would otherwise say "21 из 80" forever)."""

from __future__ import annotations

import contextlib
import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

from bot import texts
from bot.render import q
from storage import Archive

log = logging.getLogger("newsdigest.bot")
MAX_NAMES = 30


async def report_unfinished_batches(bot: Bot, archive: Archive) -> int:
    """Report and close every unfinished batch; returns how many there were."""
    batches = await archive.batches.unfinished()
    for batch in batches:
        by_status: dict[str, list[str]] = {}
        for member in batch.members:
            by_status.setdefault(member.status, []).append(member.name)
        pending = by_status.get("pending", [])
        done = len(batch.members) - len(pending)
        lines = [texts.BATCH_INTERRUPTED.format(
            name=q(batch.filename), added=len(by_status.get("added", [])),
            duplicates=len(by_status.get("duplicate", [])),
            rejected=len(by_status.get("rejected", [])), pending=len(pending))]
        rejected = [f"{m.name} ({m.reason})" for m in batch.members if m.status == "rejected"]
        for template, names in ((texts.BATCH_STORED, by_status.get("added", [])),
                                (texts.BATCH_REJECTED, rejected),
                                (texts.BATCH_NOT_STORED, pending)):
            if names:
                lines.append(template.format(names=_listed(names)))
        if pending:
            lines.append(texts.BATCH_RESEND)
        with contextlib.suppress(TelegramAPIError):  # the progress message may be gone
            if batch.message_id is not None:
                await bot.edit_message_text(
                    texts.BATCH_INTERRUPTED_PROGRESS.format(done=done, total=len(batch.members)),
                    chat_id=batch.chat_id, message_id=batch.message_id)
        try:
            await bot.send_message(batch.chat_id, "\n".join(lines))
        except TelegramAPIError as exc:
            log.warning("interrupted batch %s: report to %s failed: %s",
                        batch.id, batch.chat_id, exc)
        await archive.batches.finish(batch.id)
        log.info("interrupted batch %s (%s): %d of %d done", batch.id, batch.filename, done,
                 len(batch.members))
    return len(batches)


def _listed(names: list[str]) -> str:
    more = len(names) - MAX_NAMES
    shown = ", ".join(q(name) for name in names[:MAX_NAMES])
    return shown + (texts.BATCH_MORE.format(count=more) if more > 0 else "")
