"""Analysis in worker processes: NLP is CPU-bound and must never run on the event loop."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import Any

from digest.card import ArticleCard


def _warm_up() -> None:
    from digest import nlp

    nlp.models()
    nlp.lemma("новость")


def _analyze_bytes(data: bytes, filename: str | None, options: dict[str, Any]) -> ArticleCard:
    from digest.analyze import analyze_bytes

    return analyze_bytes(data, filename, **options)


def _analyze_text(text: str, fields: dict[str, Any]) -> ArticleCard:
    from digest.analyze import analyze_text

    return analyze_text(text, **fields)


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

    async def close(self) -> None:
        if self._executor is not None:
            executor, self._executor = self._executor, None
            await asyncio.get_running_loop().run_in_executor(
                None, partial(executor.shutdown, wait=True, cancel_futures=True)
            )

    async def _run(self, fn, *args) -> ArticleCard:
        self.start()
        assert self._executor is not None
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    async def analyze_bytes(
        self, data: bytes, filename: str | None = None, **options: Any
    ) -> ArticleCard:
        return await self._run(_analyze_bytes, data, filename, options)

    async def analyze_text(self, text: str, **fields: Any) -> ArticleCard:
        return await self._run(_analyze_text, text, fields)
