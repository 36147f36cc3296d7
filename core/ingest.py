"""Ingest service of the bot and the CLI: items → worker analysis → one transaction each."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from digest.card import AnalysisError, ArticleCard
from digest.pool import AnalysisPool
from digest.unpack import Item, Record, Rejected
from storage import Archive, Failure, failure_kind
from storage.articles import Amended

log = logging.getLogger("newsdigest.ingest")
Progress = Callable[[int, int | None], Awaitable[None] | None]
Analyze = Callable[[Any], Awaitable[tuple[ArticleCard, tuple[str, str]]]]


@dataclass
class IngestReport:
    added: list[tuple[str, int]] = field(default_factory=list)  # (file name, article id)
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # (file name, existing id)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    # index into `duplicates` → what the duplicate filled in or where it differs
    duplicate_notes: dict[int, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.added) + len(self.duplicates) + len(self.rejected)

    def summary(self) -> str:
        return (
            f"Добавлено: {len(self.added)}, дубликатов: {len(self.duplicates)}, "
            f"отклонено: {len(self.rejected)}"
        )

    def lines(self) -> list[str]:
        out = [self.summary()]
        out += [f"  {name}: {reason}" for name, reason in self.rejected]
        out += [
            f"  {name}: дубликат статьи #{article_id}"
            + (f" ({note})" if (note := self.duplicate_notes.get(i)) else "")
            for i, (name, article_id) in enumerate(self.duplicates)
        ]
        return out


def duplicate_note(amended: Amended) -> str:
    """"дополнено из дубликата: источник; у дубликата другая дата 2025-02-07 (в архиве …)"."""
    parts = []
    if amended.filled:
        parts.append("дополнено из дубликата: " + ", ".join(amended.filled))
    if amended.differs:
        parts.append("у дубликата " + ", ".join(amended.differs))
    return "; ".join(parts)


def failure_reason(exc: BaseException) -> str:
    """Why an item failed, in words (never the exception's class)."""
    kind = failure_kind(exc)
    if kind is Failure.FULL:
        return "на диске сервера закончилось место — не сохранено"
    if kind is Failure.LOCKED:
        return "база была занята — не сохранено, пришлите ещё раз"
    return "внутренняя ошибка обработки — не сохранено, подробности в журнале бота"


async def ingest_items(
    archive: Archive,
    pool: AnalysisPool,
    items: Iterable[Item] | Iterable[Any],
    *,
    uploaded_by: int | None = None,
    total: int | None = None,
    on_progress: Progress | None = None,
    analyze: Analyze | None = None,
    batch: int | None = None,
) -> IngestReport:
    """Analyze every item in the pool's workers and store each card in its own transaction.

    A bad member (unreadable, not an article, a worker crash) is reported, never fatal: the
    rest of the batch is still stored. Results keep the order of `items`. `analyze` (default:
    the pool's upload analysis) turns an item with a `name` into (card, index text). With a
    `batch` (storage.batches) each member's fate is recorded: a stored one in its article's
    transaction, a rejected one right after.
    """
    analyze = analyze or pool.analyze_for_index
    report = IngestReport()
    in_flight = asyncio.Semaphore(pool.workers * 2)
    done = 0
    outcomes: dict[int, tuple[str, str, str | int]] = {}
    notes: dict[int, str] = {}

    async def handle(index: int, item: Item) -> None:
        nonlocal done
        try:
            if isinstance(item, Rejected):
                outcomes[index] = ("rejected", item.name, item.reason)
                return
            try:
                card, index_text = await analyze(item)
                result = await archive.articles.add(
                    card, uploaded_by=uploaded_by, filename=item.name, index_text=index_text,
                    batch_member=None if batch is None else (batch, index),
                )
            except AnalysisError as exc:
                outcomes[index] = ("rejected", item.name, str(exc))
            except Exception as exc:  # a worker crash must not lose the rest of the batch
                log.exception("ingest of %s failed", item.name)
                reason = failure_reason(exc)
                outcomes[index] = ("rejected", item.name, reason)
            else:
                kind = "added" if result.status == "added" else "duplicate"
                outcomes[index] = (kind, item.name, result.article_id)
                if kind == "duplicate":
                    notes[index] = await _amend_duplicate(archive, result.article_id, card, item)
        finally:
            if batch is not None and outcomes.get(index, ("",))[0] == "rejected":
                try:
                    await archive.batches.record((batch, index), "rejected",
                                                 reason=str(outcomes[index][2]))
                except Exception:  # the batch record is for a later report; the item is done
                    log.exception("batch record of %s failed", item.name)
            in_flight.release()
            done += 1
            if on_progress is not None:
                maybe = on_progress(done, total)
                if maybe is not None:
                    await maybe

    async with asyncio.TaskGroup() as tasks:
        for index, item in enumerate(items):
            await in_flight.acquire()
            tasks.create_task(handle(index, item))
    for index in sorted(outcomes):
        kind, name, value = outcomes[index]
        if kind == "rejected":
            report.rejected.append((name, str(value)))
        elif kind == "added":
            report.added.append((name, int(value)))
        else:
            if notes.get(index):
                report.duplicate_notes[len(report.duplicates)] = notes[index]
            report.duplicates.append((name, int(value)))
    log.info("ingest by %s: %s", uploaded_by, report.summary())
    return report


async def _amend_duplicate(archive: Archive, article_id: int, card: ArticleCard, item: Any) -> str:
    """Fill the stored article from a duplicate that knows more; a note on it for the report.
    The duplicate's date is explicit when its record names one (a file's date may be a
    year-less dateline's guess)."""
    explicit = isinstance(item, Record) and bool(item.fields.get("published"))
    try:
        amended = await archive.articles.fill_from_duplicate(
            article_id, card, explicit_date=explicit
        )
    except Exception:  # the duplicate is reported either way; the amendment is a bonus
        log.exception("amending article #%s from a duplicate failed", article_id)
        return ""
    return duplicate_note(amended)
