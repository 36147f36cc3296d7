"""Analysis in worker processes: NLP is CPU-bound and must never run on the event loop."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from digest.card import ArticleCard
from digest.unpack import RawFile, Record


def _warm_up() -> None:
    from digest import nlp

    nlp.models()
    nlp.lemma("новость")


def _analyze_for_index(item: RawFile | Record) -> tuple[ArticleCard, tuple[str, str]]:
    """A card plus its lemmatized (title, body) for the full-text index, both from a worker."""
    from digest.analyze import analyze_bytes, analyze_text
    from digest.keys import card_index_text

    if isinstance(item, RawFile):
        card = analyze_bytes(item.data, Path(item.name).name)
    else:
        fields: dict[str, Any] = {k: v for k, v in item.fields.items() if k != "text"}
        card = analyze_text(item.fields["text"], **fields)
    return card, card_index_text(card)


class AnalysisPool:
    """A process pool whose workers load the natasha models once each.

    `spawn` keeps workers free of the parent's threads and event loop (aiosqlite, aiogram).
    AnalysisError raised in a worker reaches the caller unchanged.
    """

    def __init__(self, workers: int | None = None):
        self.workers = workers or min(2, os.cpu_count() or 1)
        self._executor: ProcessPoolExecutor | None = None

    async def __aenter__(self) -> AnalysisPool:
        self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def start(self) -> None:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_warm_up,
            )

    def shutdown(self) -> None:
        """Stop the workers (blocking); pending analyses are cancelled."""
        if self._executor is not None:
            executor, self._executor = self._executor, None
            executor.shutdown(wait=True, cancel_futures=True)

    async def close(self) -> None:
        await asyncio.get_running_loop().run_in_executor(None, self.shutdown)

    async def _run(self, fn, *args) -> Any:
        self.start()
        assert self._executor is not None
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    async def run(self, fn, *args):
        """Any picklable module-level function in a worker, where the models are loaded."""
        return await self._run(fn, *args)

    async def analyze_for_index(
        self, item: RawFile | Record
    ) -> tuple[ArticleCard, tuple[str, str]]:
        """An uploaded item's card and its index text, computed in a worker process."""
        return await self._run(_analyze_for_index, item)
