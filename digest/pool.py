"""Analysis in worker processes: NLP is CPU-bound and must never run on the event loop.

One copy of the models: the workers fork from a forkserver that imported `digest.warm`
(models loaded, GC frozen) before forking, so their model pages are shared copy-on-write.
Measured (`python -m bench.memory --compare`): spawned workers each loading their own models vs
forked from a preloaded server, and threads instead of processes; see README.

Faults stay per article: a worker that dies (OOM killer, SIGKILL) breaks the executor, which is
replaced and the article retried once; an article over its time budget has its workers killed
and is rejected with a Russian reason, and the articles sharing the executor are retried.
Workers and the forkserver stop after `idle_seconds` without work and start again on demand.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import select
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from multiprocessing import forkserver
from pathlib import Path
from typing import Any, TypeVar

from digest import limits, memory
from digest.card import AnalysisError, ArticleCard
from digest.unpack import RawFile, Record

log = logging.getLogger("newsdigest.pool")
T = TypeVar("T")

NOT_STARTED = "анализ сейчас недоступен: процессы анализа не запустились; попробуйте позже"
WORKER_FAILED = "ошибка обработки: процесс анализа аварийно завершился; попробуйте ещё раз"

_live_executors = 0  # the forkserver is global to the process: stopped when none is left


def analyze_item(item: RawFile | Record) -> tuple[ArticleCard, tuple[str, str]]:
    """A card plus its lemmatized (title, body) for the full-text index, within the caps:
    only the analysed part is indexed (see bounded_card)."""
    from digest.keys import card_index_text

    card, full_text = bounded_card(item)
    index_text = card_index_text(card)
    return with_full_text(card, full_text), index_text


def bounded_card(
    item: RawFile | Record, *, reference_date: date | None = None, **options: Any
) -> tuple[ArticleCard, str]:
    """The card of one item within the caps, and the item's whole clean text: input size is
    checked before decoding, only the leading MAX_ANALYSED_CHARS of the body are analysed,
    the card's lists are capped. `options` go to analyze_document (summary settings)."""
    from digest.analyze import analyze_document
    from digest.prepare import prepare_bytes, prepare_text

    if isinstance(item, RawFile):
        _check_size(len(item.data))
        document = prepare_bytes(item.data, Path(item.name).name, reference_date=reference_date)
    else:
        _check_size(len(item.fields["text"].encode("utf-8", errors="replace")))
        fields: dict[str, Any] = {k: v for k, v in item.fields.items() if k != "text"}
        document = prepare_text(item.fields["text"], reference_date=reference_date, **fields)
    card = limits.capped(analyze_document(
        limits.bounded_document(document), reference_date=reference_date, **options
    ))
    return card, document.text


def with_full_text(card: ArticleCard, full_text: str) -> ArticleCard:
    """The card keeps the whole text and its hash, though only a part was analysed."""
    from digest import identity

    if card.text != full_text:
        card.text, card.content_hash = full_text, identity.content_hash(full_text)
    return card


def _check_size(size: int) -> None:
    if size > limits.MAX_INPUT_BYTES:
        mb, cap = 1_000_000, limits.MAX_INPUT_BYTES
        raise AnalysisError(limits.TOO_BIG.format(size=size / mb, limit=cap / mb))


def _worker_ready() -> int:
    from digest import nlp

    nlp.models()  # already loaded in the forkserver: instant
    return os.getpid()


def _worker_init(owner: int) -> None:
    # the bot's SIGINT (Ctrl+C in a terminal) reaches the whole process group: the parent
    # decides when workers stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with(owner)


def _exit_with(owner: int) -> None:
    """End this worker when the process that owns the pool dies, even by kill -9.

    A worker's parent is the forkserver, not the bot, and each worker holds the write ends of
    the executor's queue and of the forkserver's liveness pipe: after a kill -9 of the bot
    nothing ever reaches EOF, so the forkserver, the workers and the resource tracker (each
    with the models mapped) would live forever. A pidfd turns readable when the owner exits.
    """
    try:
        pidfd = os.pidfd_open(owner)
    except (AttributeError, OSError):  # not Linux ≥ 5.3, or the owner is already gone
        if not _alive(owner):
            os._exit(1)
        threading.Thread(target=_poll_owner, args=(owner,), daemon=True).start()
        return
    threading.Thread(target=_wait_pidfd, args=(pidfd,), daemon=True).start()


def _wait_pidfd(pidfd: int) -> None:
    select.select([pidfd], [], [])
    os._exit(1)


def _poll_owner(owner: int) -> None:
    while _alive(owner):
        time.sleep(1.0)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class AnalysisPool:
    """Worker processes sharing one copy of the natasha models, started on demand."""

    def __init__(
        self,
        workers: int | None = None,
        *,
        article_seconds: float = limits.ARTICLE_SECONDS,
        idle_seconds: float | None = limits.IDLE_SECONDS,
        start_seconds: float = limits.START_SECONDS,
    ):
        self.workers = workers or min(2, os.cpu_count() or 1)
        self.article_seconds = article_seconds
        self.idle_seconds = idle_seconds
        self.start_seconds = start_seconds
        self.restarts = 0  # executors replaced after a crash or a time-out (for tests and logs)
        self._executor: ProcessPoolExecutor | None = None
        self._ready: asyncio.Future[None] | None = None
        self._slots: asyncio.Semaphore | None = None
        self._active = 0
        self._last_used = time.monotonic()
        self._idle_task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._preloading: asyncio.Task[None] | None = None

    async def __aenter__(self) -> AnalysisPool:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def running(self) -> bool:
        return self._executor is not None

    def worker_pids(self) -> list[int]:
        executor = self._executor
        return sorted(getattr(executor, "_processes", None) or {}) if executor else []

    def start(self) -> None:
        """Create the executor; processes (and the models) start with the first task."""
        global _live_executors
        if self._executor is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["digest.warm"])
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=_worker_init,
                initargs=(os.getpid(),),
            )
            self._ready = None
            _live_executors += 1

    async def warm_up(self) -> None:
        """Start the workers and wait until the models are loaded (the bot calls it in the
        background at start, so the first upload rarely waits)."""
        self._bind_loop()
        self.start()
        executor = self._executor
        assert executor is not None
        if self._ready is None:
            self._ready = asyncio.ensure_future(self._first_task(executor))
        ready = self._ready
        try:
            await asyncio.shield(ready)
        except BaseException:
            if self._ready is ready and ready.done():
                self._ready = None
            raise
        self._watch_idle()

    def preload(self) -> None:
        """Start the workers and load the models in the background (the bot does this at start:
        it answers at once, and only commands that analyse wait for the models)."""
        self._preloading = asyncio.get_running_loop().create_task(self.warm_up())
        self._preloading.add_done_callback(_log_failure)

    async def _first_task(self, executor: ProcessPoolExecutor) -> None:
        loop = asyncio.get_running_loop()

        async def started() -> None:
            # the first submit starts the forkserver and blocks until it has loaded the
            # models and forked a worker (seconds): in a thread, never on the event loop
            future = await loop.run_in_executor(None, executor.submit, _worker_ready)
            await asyncio.wrap_future(future)

        await asyncio.wait_for(started(), self.start_seconds)

    async def analyze_for_index(
        self, item: RawFile | Record
    ) -> tuple[ArticleCard, tuple[str, str]]:
        """An uploaded item's card and its index text, computed in a worker process."""
        return await self.run(analyze_item, item)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """fn(*args) (picklable, module-level) in a worker where the models are loaded, within
        `article_seconds`; retried once if the worker died.

        AnalysisError raised in a worker reaches the caller unchanged; a time-out becomes an
        AnalysisError with limits.TOO_SLOW."""
        try:
            return await self._run_once(fn, *args)
        except BrokenProcessPool:
            log.warning("an analysis worker died; retrying %s once on fresh workers", fn.__name__)
        try:
            return await self._run_once(fn, *args)
        except BrokenProcessPool:
            raise AnalysisError(WORKER_FAILED) from None

    async def _run_once(self, fn: Callable[..., T], *args: Any) -> T:
        self._bind_loop()
        assert self._slots is not None
        async with self._slots:  # never more tasks than workers: the budget is running time
            self._active += 1
            try:
                self.start()
                executor = self._executor
                started = False
                try:
                    await self.warm_up()
                    started = True
                    future = asyncio.get_running_loop().run_in_executor(executor, fn, *args)
                    return await asyncio.wait_for(future, self.article_seconds)
                except BrokenProcessPool:
                    self._replace(executor, "a worker died")
                    raise
                except TimeoutError:
                    if not started:
                        self._replace(executor, "workers did not start in time")
                        raise AnalysisError(NOT_STARTED) from None
                    self._replace(executor, f"{fn.__name__} ran over {self.article_seconds} s")
                    raise AnalysisError(
                        limits.TOO_SLOW.format(seconds=self.article_seconds)
                    ) from None
            finally:
                self._active -= 1
                self._last_used = time.monotonic()

    def _bind_loop(self) -> None:
        """Futures and semaphores belong to one event loop (tests run one loop per test)."""
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            self._loop = loop
            self._slots = asyncio.Semaphore(self.workers)
            self._ready = None
            self._idle_task = None

    def _replace(self, executor: ProcessPoolExecutor | None, why: str) -> None:
        """Kill a broken or stuck executor's workers; the next task starts fresh ones."""
        if executor is None or self._executor is not executor:
            return  # another task already replaced it
        log.warning("replacing the analysis workers: %s", why)
        self.restarts += 1
        self._executor = None
        self._ready = None
        _kill(executor)
        self._released()
        self.start()

    def _watch_idle(self) -> None:
        if self.idle_seconds is None or (self._idle_task and not self._idle_task.done()):
            return
        self._idle_task = asyncio.get_running_loop().create_task(self._stop_when_idle())

    async def _stop_when_idle(self) -> None:
        assert self.idle_seconds is not None
        while self._executor is not None:
            wait = self._last_used + self.idle_seconds - time.monotonic()
            if wait > 0 or self._active:
                await asyncio.sleep(max(wait, 0.05))
                continue
            log.info("analysis workers idle for %.0f s: stopping them", self.idle_seconds)
            executor, self._executor, self._ready = self._executor, None, None
            self._released()  # before any await: a new executor may start while this one stops
            await asyncio.get_running_loop().run_in_executor(None, _stop, executor)
            # this process unpickled and stored the batch: give its freed heap back too
            await asyncio.get_running_loop().run_in_executor(None, memory.release_free_heap)

    def shutdown(self) -> None:
        """Stop the workers now (blocking briefly): running analyses are killed, not awaited,
        so SIGTERM never waits for a long article."""
        if self._executor is not None:
            executor, self._executor, self._ready = self._executor, None, None
            _kill(executor)
            self._released()
        if self._idle_task is not None:
            with contextlib.suppress(RuntimeError):  # its event loop may be closed already
                self._idle_task.cancel()
            self._idle_task = None

    async def close(self) -> None:
        self.shutdown()

    def _released(self) -> None:
        global _live_executors
        _live_executors -= 1
        if _live_executors == 0:
            _stop_forkserver()


def _log_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.warning("analysis workers did not start: %r", task.exception())


def _kill(executor: ProcessPoolExecutor) -> None:
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.kill()
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(5)


def _stop(executor: ProcessPoolExecutor) -> None:
    executor.shutdown(wait=True, cancel_futures=True)


def _stop_forkserver() -> None:
    """The forkserver holds a copy of the models: stop it with the last executor."""
    server = forkserver._forkserver
    pid = getattr(server, "_forkserver_pid", None)
    if pid is None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    server._stop()  # type: ignore[attr-defined]  # private but stable since 3.8
