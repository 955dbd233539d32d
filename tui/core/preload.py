"""Parse many article files in worker processes, one per core.

On a cold open nearly all the time goes to parsing TOML and validating it,
one file after another, under one GIL that the app's start-up needs too. So
the command line starts a :class:`Pool` on the files the library store
cannot answer before Textual is even imported (see :mod:`.opener`), and
``quoth check`` uses the same pool on a big folder. Each worker loads a file
exactly as ``quoth check`` would and hands back plain data for the store
(:class:`.store_rows.FileData`). Validated models are never pickled across:
unpickling them costs about as much as the parsing it saves. No Textual.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .store_rows import FileData, parse

if TYPE_CHECKING:  # multiprocessing loads only when workers start: a warm open needs none
    from concurrent.futures import Future, ProcessPoolExecutor

log = logging.getLogger("quoth.preload")

#: Below this many files to parse, starting processes costs more than it saves.
MIN_FILES = 48
#: Files per task, at most and at least: big tasks early (each task costs a
#: round trip through the main process, which is busy starting the app),
#: small ones at the end, so that no worker idles while another finishes.
CHUNK_MAX, CHUNK_MIN = 32, 4


def _parse_chunk(paths: list[Path]) -> list[FileData]:
    return [parse(p) for p in paths]


def _init_worker() -> None:
    gc.disable()  # a short-lived process building many small objects
    # A worker shares the app's terminal: nothing it might print (a warning,
    # a crash in its start-up) may land on the screen the app draws.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def _chunks(files: list[Path], workers: int) -> Iterator[list[Path]]:
    """Guided scheduling: each task a quarter of a worker's share of what is left."""
    at = 0
    while at < len(files):
        size = max(CHUNK_MIN, min(CHUNK_MAX, (len(files) - at) // (4 * workers)))
        yield files[at : at + size]
        at += size


def _start_method() -> str | None:
    """Fork while this process has one thread (at the command line, before
    Textual starts): no imports to repeat. Otherwise spawn, which is safe."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "spawn" if "spawn" in methods else None


def worker_count() -> int:
    """One worker per core this process may run on (at most 8)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return min(cores, 8)


class Pool:
    """Parse ``files`` in worker processes when there are enough of them and
    more than one core; otherwise (or if a worker dies) in this process.
    The workers start at once; :meth:`results` collects them in order."""

    def __init__(
        self,
        files: list[Path],
        *,
        processes: int | None = None,
        method: str | None = None,
        min_files: int = MIN_FILES,
    ) -> None:
        self.files = list(files)
        self._futures: list[tuple[list[Path], Future[list[FileData]]]] = []
        self._pool: ProcessPoolExecutor | None = None
        self._closed = threading.Event()
        #: how many worker processes were started (0: everything loads in-process)
        self.processes = 0
        processes = worker_count() if processes is None else processes
        self.method = method
        if len(self.files) >= min_files and processes > 1:
            self.method = method or _start_method()
            if self.method is not None:
                self._start(processes, self.method)

    @property
    def parallel(self) -> bool:
        return self._pool is not None

    def _start(self, processes: int, method: str) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        try:
            self._pool = ProcessPoolExecutor(
                processes, mp_context=multiprocessing.get_context(method), initializer=_init_worker
            )
            self.processes = processes
            for chunk in _chunks(self.files, processes):
                self._futures.append((chunk, self._pool.submit(_parse_chunk, chunk)))
        except (ImportError, OSError, RuntimeError) as exc:  # no processes here (no sem_open, say): parse in this one
            log.info("worker processes unavailable (%s); loading in-process", exc)
            self.close()
            self._futures = []
            self._closed.clear()
            self.processes = 0

    def results(self, progress: Callable[[int], None] | None = None) -> Iterator[FileData]:
        """Every file's data, in order; ``progress(done)`` after each batch.
        Stops early once closed."""
        done = 0
        if not self._futures:
            for path in self.files:
                if self._closed.is_set():
                    return
                yield parse(path)
                done += 1
                if progress is not None and done % 8 == 0:
                    progress(done)
            if progress is not None:
                progress(done)
            return
        from concurrent.futures import CancelledError

        while self._futures:
            chunk, future = self._futures.pop(0)  # consumed: its results can be freed
            if self._closed.is_set():
                return
            try:
                results = future.result()
            except CancelledError:  # closed while waiting
                return
            except Exception as exc:  # a worker died (killed, out of memory): load here
                log.info("worker process failed (%s); loading in-process", type(exc).__name__)
                results = [parse(p) for p in chunk]
            yield from results
            done += len(chunk)
            if progress is not None:
                progress(done)
        self.close()

    def close(self) -> None:
        """Stop the workers (also when the app quits while they run)."""
        self._closed.set()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
