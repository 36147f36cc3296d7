"""Upload batch reports, sent at least once.

A batch stays open until Telegram confirmed its report: the send is counted before it goes out
(`begin_report`), the batch is closed with the confirmed message id in one transaction
(`reported`). At start-up every open batch is reported — one a stop cut short (what was stored
and what was not; the progress message would otherwise say "21 из 80" forever), and one whose
report failed or was cut short. A report whose earlier send may have gone out (a kill between
Telegram's answer and the record, a timeout) is marked as a repeat: the only way an admin sees
a report twice. A send Telegram refused did not go out and is not counted. A report Telegram
will never take (the admin blocked the bot) closes the batch with the reason; any other
failure leaves it for the next start."""

from __future__ import annotations

import contextlib
import logging

import aiohttp
from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
)

from bot import texts
from bot.render import q
from storage import Archive
from storage.batches import OpenBatch

log = logging.getLogger("newsdigest.bot")
MAX_NAMES = 30
NEVER = (TelegramForbiddenError, TelegramBadRequest, TelegramNotFound)  # the same every time


async def send_report(bot: Bot, archive: Archive, batch_id: int, chat_id: int,
                      text: str) -> bool:
    """Send a batch's report and close the batch with it; False if it was not confirmed."""
    await archive.batches.begin_report(batch_id)
    try:
        message = await bot.send_message(chat_id, text)
    except NEVER as exc:
        log.warning("batch %s: report to %s refused, given up: %s", batch_id, chat_id, exc)
        await archive.batches.finish(batch_id, error=str(exc)[:300])
        return False
    except (TimeoutError, TelegramNetworkError, aiohttp.ClientError) as exc:
        log.warning("batch %s: report to %s maybe not sent (%s); the next start sends it "
                    "again", batch_id, chat_id, exc)
        return False
    except TelegramAPIError as exc:  # Telegram answered: it was not sent
        log.warning("batch %s: report to %s not sent (%s); the next start sends it",
                    batch_id, chat_id, exc)
        await archive.batches.report_not_sent(batch_id)
        return False
    await archive.batches.reported(batch_id, message.message_id)
    return True


async def report_unfinished_batches(bot: Bot, archive: Archive) -> int:
    """Report every open batch (see the module doc); returns how many there were."""
    batches = await archive.batches.unfinished()
    for batch in batches:
        pending = sum(1 for m in batch.members if m.status == "pending")
        done, total = len(batch.members) - pending, len(batch.members)
        with contextlib.suppress(TelegramAPIError):  # the progress message may be gone
            if batch.message_id is not None:
                progress = (texts.BATCH_INTERRUPTED_PROGRESS if pending else
                            texts.PROGRESS_DONE).format(done=done, total=total)
                await bot.edit_message_text(progress, chat_id=batch.chat_id,
                                            message_id=batch.message_id)
        await send_report(bot, archive, batch.id, batch.chat_id, _restart_report(batch))
        log.info("open batch %s (%s) reported at start: %d of %d done", batch.id,
                 batch.filename, done, total)
    return len(batches)


def _restart_report(batch: OpenBatch) -> str:
    by_status: dict[str, list[str]] = {}
    for member in batch.members:
        by_status.setdefault(member.status, []).append(member.name)
    pending = by_status.get("pending", [])
    header = texts.BATCH_INTERRUPTED if pending else texts.BATCH_UNREPORTED
    lines = [texts.BATCH_REPORT_REPEAT] if batch.report_attempts else []
    lines.append(header.format(
        name=q(batch.filename), added=len(by_status.get("added", [])),
        duplicates=len(by_status.get("duplicate", [])),
        rejected=len(by_status.get("rejected", [])), pending=len(pending)))
    rejected = [f"{m.name} ({m.reason})" for m in batch.members if m.status == "rejected"]
    for template, names in ((texts.BATCH_STORED, by_status.get("added", [])),
                            (texts.BATCH_REJECTED, rejected),
                            (texts.BATCH_NOT_STORED, pending)):
        if names:
            lines.append(template.format(names=_listed(names)))
    if pending:
        lines.append(texts.BATCH_RESEND)
    return "\n".join(lines)


def _listed(names: list[str]) -> str:
    more = len(names) - MAX_NAMES
    shown = ", ".join(q(name) for name in names[:MAX_NAMES])
    return shown + (texts.BATCH_MORE.format(count=more) if more > 0 else "")
