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

import contextlib
import gc
import logging
import os
import signal
import threading
import time
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


def _init_worker(parent: int) -> None:
    gc.disable()  # a short-lived process building many small objects
    # A worker shares the app's terminal: nothing it might print (a warning,
    # a crash in its start-up) may land on the screen the app draws.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    # Ctrl-C reaches the whole process group: the parent handles it and
    # stops the workers; a worker must not die with a traceback of its own.
    # SIGTERM and SIGHUP end a worker plainly (not with the parent's handlers).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.set_wakeup_fd(-1)  # the parent's signal pipe (see cli/read.py) is not ours
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD_SIGNALS)  # blocked across the fork
    # the parent's pid as the parent saw it: if it died before this worker
    # got here, getppid() is already another process's
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


_HELD_SIGNALS = {getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n)}


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP until the block ends (then they arrive)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _exit_with_parent(parent: int, every: float = 0.25) -> None:
    """A worker whose parent is gone (killed, crashed) exits, instead of
    waiting on its task queue for ever: orphans are re-parented, so
    ``getppid()`` stops being ``parent``."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(0)


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
            # signals wait while the workers fork: a Ctrl-C then reaches this
            # process's own handler, not a half-made worker's copy of it
            with _signals_held():
                self._pool = ProcessPoolExecutor(
                    processes,
                    mp_context=multiprocessing.get_context(method),
                    initializer=_init_worker,
                    initargs=(os.getpid(),),
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

    def close(self, *, kill: bool = False) -> None:
        """Stop the workers (also when the app quits while they run). With
        ``kill``, end them at once rather than after the files they hold
        (Ctrl-C, SIGTERM): their results are not wanted any more."""
        self._closed.set()
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        if kill:
            for process in processes:
                try:
                    process.kill()
                except (OSError, ValueError, AttributeError):  # already gone
                    pass
            _forget(pool)


def _forget(pool: ProcessPoolExecutor) -> None:
    """After its workers were killed, make sure the pool cannot hold up the
    exit: a worker killed while sending a result leaves half a message, on
    which the pool's manager thread would wait for ever, and Python joins
    that thread at exit. (This reaches into concurrent.futures' internals,
    each step guarded: on another Python it does less, never more.)"""
    from concurrent.futures import process as futures_process

    manager = getattr(pool, "_executor_manager_thread", None)
    wakeups = getattr(futures_process, "_threads_wakeups", None)
    if manager is not None and wakeups is not None:
        wakeups.pop(manager, None)  # not joined at exit
    call_queue = getattr(pool, "_call_queue", None)
    if call_queue is not None:
        call_queue.cancel_join_thread()
