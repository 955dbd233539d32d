"""Start loading a library before the UI starts, in worker processes.

On a cold open nearly all the time goes to parsing TOML and validating it,
one file after another, under one GIL that the app's start-up needs too. So,
before Textual is even imported, the command line starts a pool of worker
processes (one per core) on the files the cache cannot answer. ``quoth
check`` uses the same pool on a big folder.
Each worker loads a file exactly as ``quoth check`` would and hands back plain
data: the row of the library table, the located errors, and the validated
article as cache-entry JSON. The table can show as soon as the rows are in;
the full articles are then read back from that JSON by pydantic-core (a
fraction of the cost of parsing TOML), off the critical path.

Validated models are never pickled across: unpickling them in the main
process costs about as much as the parsing it saves. No Textual import here.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .article import FileResult, Library
from .cache import (
    CachedLoader,
    CacheEntry,
    Summary,
    SummaryCache,
    article_from_entry,
    entry_for,
    library_root,
)
from .diagnostics import Diagnostic
from .library import ArticleIds, article_files
from .reading import load_file

log = logging.getLogger("quoth.preload")

#: Below this many files to parse, starting processes costs more than it saves.
MIN_FILES = 48
#: Files per task, at most and at least: big tasks early (each task costs a
#: round trip through the main process, which is busy starting the app),
#: small ones at the end, so that no worker idles while another finishes.
CHUNK_MAX, CHUNK_MIN = 32, 4


@dataclass(frozen=True, slots=True)
class Parsed:
    """One file as a worker process loaded it: plain, cheap-to-pickle data."""

    file: str  # the name it was loaded under (as given)
    key: str  # its resolved path: the cache's key
    summary: Summary | None
    entry: bytes | None  # the CacheEntry as JSON, when the file is valid
    errors: tuple[Diagnostic, ...]

    def result(self) -> tuple[FileResult, CacheEntry | None]:
        """The loaded file, with its article read back from the entry JSON."""
        if self.entry is None:
            return FileResult(self.file, None, self.errors), None
        entry = CacheEntry.model_validate_json(self.entry)
        article = article_from_entry(self.file, entry)
        if article is None:  # cannot happen unless the worker is broken: load it here
            return load_file(self.file), None
        return FileResult(self.file, article, ()), entry


def parse(path: Path) -> Parsed:
    """Load one file for the table and the cache (runs in a worker process)."""
    try:
        st = os.stat(path)  # before reading: a later edit changes the key
        key = str(Path(path).resolve())
    except OSError:
        return Parsed(str(path), str(path), None, None, load_file(path).errors)
    result = load_file(path)
    article = result.article
    if article is None:
        return Parsed(result.file, key, None, None, result.errors)
    entry = entry_for(article, st.st_size, st.st_mtime_ns)
    summary = Summary.of(article, st.st_size, st.st_mtime_ns)
    return Parsed(result.file, key, summary, entry.model_dump_json(by_alias=True).encode("utf-8"), ())


def _parse_chunk(paths: list[Path]) -> list[Parsed]:
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


class Preload:
    """What is known, or already started, about a library before its screen.

    ``summaries`` is the whole table when nothing changed since the last open
    (a warm open). Otherwise the files the cache cannot answer are parsed, in
    worker processes when there are enough of them and more than one core.
    """

    def __init__(
        self,
        paths: list[str],
        *,
        use_cache: bool = True,
        processes: int | None = None,
        method: str | None = None,
        min_files: int = MIN_FILES,
        files: list[Path] | None = None,
    ) -> None:
        self.paths = list(paths)
        self.files = article_files(self.paths) if files is None else files  # the caller may know them
        self.root = library_root(self.paths)
        self.parsed: dict[str, Parsed] = {}
        self._futures: list[tuple[list[Path], Future[list[Parsed]]]] = []
        self._pool: ProcessPoolExecutor | None = None
        self._closed = threading.Event()
        #: how many worker processes were started (0: everything loads in-process)
        self.processes = 0
        #: rows of the files that did not change since the last open
        self._cached: dict[str, Summary] = SummaryCache.for_root(self.root).unchanged(self.root, self.files) if use_cache else {}
        #: the whole table, when nothing changed since the last open
        self.summaries: list[Summary] | None = SummaryCache.complete(self._cached, self.files)
        self._to_parse = [f for f in self.files if str(f) not in self._cached]
        self._min_files = min_files
        processes = worker_count() if processes is None else processes
        self.method = method or _start_method()
        if len(self._to_parse) >= min_files and processes > 1 and self.method is not None:
            self._start(self._to_parse, processes, self.method)

    @property
    def parallel(self) -> bool:
        return self._pool is not None

    def _start(self, files: list[Path], processes: int, method: str) -> None:
        # Signals wait while the workers fork: one that arrived mid-fork would
        # be raised in an after-fork hook, where Python only prints it (so
        # Ctrl-C would be lost), and in a worker before it ignores it.
        with _signals_held():
            self._start_pool(files, processes, method)

    def _start_pool(self, files: list[Path], processes: int, method: str) -> None:
        try:
            self._pool = ProcessPoolExecutor(
                processes, mp_context=multiprocessing.get_context(method), initializer=_init_worker, initargs=(os.getpid(),)
            )
            self.processes = processes
            for chunk in _chunks(files, processes):
                self._futures.append((chunk, self._pool.submit(_parse_chunk, chunk)))
        except (ImportError, OSError, RuntimeError) as exc:  # no processes here (no sem_open, say): parse in this one
            log.info("worker processes unavailable (%s); loading in-process", exc)
            self.close()
            self._futures = []
            self._closed.clear()
            self.processes = 0

    def rows(self, progress: Callable[[int, int], None] | None = None) -> tuple[list[Summary], tuple[Diagnostic, ...]] | None:
        """The table's rows and the errors, in path order, once the files the
        cache could not answer are parsed: by the workers, or here when only
        a few changed. None when that is not worth it (a cold open without
        workers loads the library directly) or when closed."""
        if not self._futures:
            if not self._cached or len(self._to_parse) >= self._min_files:
                return None
            for item in map(parse, self._to_parse):
                self.parsed[item.file] = item
            return self._table()
        total = len(self.files)
        done = total - len(self._to_parse)
        for chunk, future in self._futures:
            if self._closed.is_set():
                return None
            try:
                results = future.result()
            except CancelledError:  # closed while waiting
                return None
            except Exception as exc:  # a worker died (killed, out of memory): load here
                log.info("worker process failed (%s); loading in-process", type(exc).__name__)
                results = [parse(p) for p in chunk]
            for item in results:
                self.parsed[item.file] = item
            done += len(chunk)
            if progress is not None:
                progress(done, total)
        self.close()
        return self._table()

    def _table(self) -> tuple[list[Summary], tuple[Diagnostic, ...]]:
        """Rows for every file: parsed ones, and cached ones for the rest."""
        rows: list[Summary] = []
        errors: list[Diagnostic] = []
        ids = ArticleIds()  # the same rule as load_library's
        for path in self.files:
            item = self.parsed.get(str(path))
            summary = item.summary if item is not None else self._cached.get(str(path))
            if item is not None:
                errors.extend(item.errors)
            if summary is None:
                continue
            duplicate = ids.claim(summary.id, summary.file, path)
            if duplicate:
                errors.extend(duplicate)
            else:
                rows.append(summary)
        return rows, tuple(errors)

    def save(self, library: Library, loader: CachedLoader) -> None:
        """After a load, write the article cache and the table's summary cache
        (off the UI's critical path). Nothing is written when nothing changed."""
        if not loader.changed and self.summaries is not None:
            return
        loader.save()
        by_key = {str(Path(a.file).resolve()): a for a in library.articles}
        parsed = {item.key: item.summary for item in self.parsed.values()}
        summaries = []
        for key, entry in loader.fresh.items():
            article = by_key.get(key)
            if article is not None:
                summary = parsed.get(key)
                if summary is None or summary.file != article.file:
                    summary = Summary.of(article, entry.size, entry.mtime_ns)
                summaries.append(summary)
        order = {str(f): i for i, f in enumerate(self.files)}
        summaries.sort(key=lambda s: order.get(s.file, 0))
        SummaryCache.for_root(self.root).write(self.root, summaries)

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
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is not None:
        try:
            writer.close()  # the manager reads EOF, sees a broken pool and ends
        except OSError:
            pass


def from_parsed(parsed: Mapping[str, Parsed]) -> Callable[[list[Path]], Iterator[FileResult]]:
    """A ``load_library`` loader that takes files the workers parsed."""

    def load_all(paths: list[Path]) -> Iterator[FileResult]:
        for path in paths:
            item = parsed.get(str(path))
            yield item.result()[0] if item is not None else load_file(path)

    return load_all
