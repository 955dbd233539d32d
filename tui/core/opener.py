"""The library opener: the one way a library is opened, by the app and by
``quoth check`` and ``quoth search``.

It owns the library store and the worker pool. Constructing one opens the
store, scans the files once and starts the workers on those the store
cannot answer (the command line does this before Textual is imported);
:meth:`LibraryOpener.events` then yields what a consumer shows, in order:

- :class:`Progress` while files are parsed (none when nothing changed);
- :class:`Rows`: the table's rows and every located error, once the store
  is up to date;
- :class:`Loaded`: search is ready (:attr:`LibraryOpener.search`), and
  articles can be read back (:meth:`LibraryOpener.article`).

Nothing here waits on a consumer: drawing the table before anything else is
the consumer's ordinary handling of :class:`Rows`. Data the store refuses
(a string with a control character, an article that fails its checks) is
dropped and its file parsed again; a store found damaged is set aside and
rebuilt. No Textual here.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic
from .library import ArticleIds
from .preload import MIN_FILES, Pool
from .store import Store, Tainted, scan
from .store_db import is_corrupt, set_aside
from .store_rows import FileData, Summary, parse
from .store_search import StoreSearch
from .text import visible

if TYPE_CHECKING:
    from .article import Article, Library
    from .search import Query, Results

log = logging.getLogger("quoth.opener")

#: How often data the store refuses is dropped and parsed again before giving up.
_RETRIES = 3


@dataclass(frozen=True, slots=True)
class Progress:
    """``done`` of ``total`` files are known (parsed or unchanged)."""

    done: int
    total: int


@dataclass(frozen=True, slots=True)
class Rows:
    """The library table, in path order, and every located error."""

    rows: list[Summary]
    errors: tuple[Diagnostic, ...]


@dataclass(frozen=True, slots=True)
class Loaded:
    """The store is up to date and searchable; ``parsed`` files were parsed."""

    parsed: int


Event = Progress | Rows | Loaded


class _Closed(Exception):
    """Closed during an update: roll it back."""


class LibraryOpener:
    """Open the library under ``paths`` from its store (``use_cache=False``: a
    store in memory, the same code path)."""

    def __init__(
        self,
        paths: Sequence[str | os.PathLike[str]],
        *,
        use_cache: bool = True,
        processes: int | None = None,
        method: str | None = None,
        min_files: int = MIN_FILES,
    ) -> None:
        self.paths = [str(p) for p in paths]
        self.use_cache = use_cache
        self.store = Store.open(self.paths, use_cache=use_cache)
        #: what went wrong with the store (shown to the user, escaped)
        self.notices: list[str] = list(self.store.notices)
        self.files = scan(self.paths)
        self._closed = threading.Event()
        try:
            self.plan = self.store.plan(self.files)
        except sqlite3.DatabaseError as exc:
            if not is_corrupt(exc):
                raise
            self._rebuild(exc)
            self.plan = self.store.plan(self.files)
        #: the table and errors, once :meth:`events` yielded them
        self.table: tuple[list[Summary], tuple[Diagnostic, ...]] = ([], ())
        self.pool = Pool(self.plan.parse, processes=processes, method=method, min_files=min_files)
        self.search = StoreSearch(self.store)

    @property
    def warm(self) -> bool:
        """Nothing changed since the store last saw the library."""
        return self.plan.unchanged

    @property
    def summaries(self) -> list[Summary] | None:
        """The whole table at once, when nothing changed (None otherwise, or
        when the store refuses it: :meth:`events` then sorts it out)."""
        if not self.plan.unchanged:
            return None
        try:
            return self.store.rows()
        except Tainted:
            return None

    def events(self) -> Iterator[Event]:
        """Bring the store up to date, then yield the table and ``Loaded``."""
        try:
            yield from self._events()
        except _Closed:
            return

    def _events(self) -> Iterator[Event]:
        total = len(self.files)
        parsed = len(self.plan.parse)
        if not self.plan.unchanged:
            known = total - parsed
            step = max(1, total // 20)
            yield Progress(known, total)
            try:
                stored = self.store.stored()  # before the update: what the unchanged files hold
            except Tainted:
                stored = None
            light: list[FileData] = []
            with self.store.update(self.plan) as put:  # written as the workers deliver
                for data in self.pool.results():
                    put(data)
                    light.append(FileData(data.path, data.size, data.mtime_ns, data.hash, data.errors, data.summary))
                    if len(light) % step == 0:
                        yield Progress(known + len(light), total)
                if self._closed.is_set():
                    raise _Closed  # nothing is written
                table = self._table(light, stored)
                if table is not None:  # the table before the last of the update is written
                    self.table = table
                    yield Rows(*table)
            if table is not None:
                self.search = StoreSearch(self.store.reader())
                yield Loaded(parsed)
                return
        for attempt in range(_RETRIES + 1):
            try:
                rows, errors = self.store.rows(), self.store.errors()
                break
            except Tainted as exc:
                if attempt == _RETRIES:
                    raise
                parsed += self._reparse([exc.file])
        errors += self._no_files()
        # a connection of its own: the app searches while this one indexes
        self.search = StoreSearch(self.store.reader())
        self.table = (rows, errors)
        yield Rows(rows, errors)
        yield Loaded(parsed)

    def _no_files(self) -> tuple[Diagnostic, ...]:
        if self.files:
            return ()
        names = ", ".join(visible(p, one_line=True) for p in self.paths)
        return (Diagnostic(names or ".", 1, 1, "no .toml article files found"),)

    def _table(
        self, results: list[FileData], stored: dict[str, tuple[Summary | None, tuple[Diagnostic, ...]]] | None
    ) -> tuple[list[Summary], tuple[Diagnostic, ...]] | None:
        """The rows and errors the store holds once ``results`` are written,
        from them and what it held for the rest (None if it refused that)."""
        if stored is None:
            return None
        parsed = {data.path: data for data in results}
        touched = {name: (size, mtime) for name, size, mtime in self.plan.touched}
        ids = ArticleIds()  # the rule of load_library and of the store
        rows: list[Summary] = []
        errors: list[Diagnostic] = []
        for path, _, _ in self.files:
            name = str(path)
            data = parsed.get(name)
            summary, own = (data.summary, data.errors) if data is not None else stored.get(name, (None, ()))
            if summary is not None and name in touched:
                summary = replace(summary, size=touched[name][0], mtime_ns=touched[name][1])
            errors.extend(own)
            if summary is not None:
                duplicate = ids.claim(summary.id, name, path)
                if duplicate:
                    errors.extend(duplicate)
                else:
                    rows.append(summary)
        return rows, tuple(errors) + self._no_files()

    def load(self) -> tuple[list[Summary], tuple[Diagnostic, ...]]:
        """Run :meth:`events` to the end: the table and the errors."""
        table: tuple[list[Summary], tuple[Diagnostic, ...]] = ([], ())
        for event in self.events():
            if isinstance(event, Rows):
                table = (event.rows, event.errors)
        return table

    def errors(self) -> tuple[Diagnostic, ...]:
        """Bring the store up to date and return every located error (the
        command line's need: on an unchanged library, without the rows)."""
        if self.plan.unchanged:
            try:
                errors = self.store.errors() + self._no_files()
            except Tainted:
                pass
            else:
                self.search = StoreSearch(self.store)
                return errors
        return self.load()[1]

    def _reparse(self, files: list[str]) -> int:
        """Drop refused data and parse those files again, here."""
        log.info("store data refused for %d file(s); parsing them again", len(files))
        self.store.forget(files)
        self.plan = self.store.plan(scan(self.paths))
        self.store.apply(self.plan, [parse(p) for p in self.plan.parse])
        return len(self.plan.parse)

    def _rebuild(self, exc: BaseException) -> None:
        """The store's file turned out damaged: set it aside and start again."""
        path = self.store.path
        self.store.close()
        if path is not None:
            aside = set_aside(path)
            self.notices.append(
                f"The library store was damaged ({visible(str(exc), one_line=True)}); it was moved to "
                f"{visible(str(aside), one_line=True)} and is rebuilt."
            )
        self.store = Store.open(self.paths, use_cache=self.use_cache)
        self.notices.extend(n for n in self.store.notices if n not in self.notices)

    # -- after Loaded --------------------------------------------------------

    def index(self, budget: float | None = None) -> None:
        """Catch the full-text indexes up (in short transactions), until done,
        closed, or ``budget`` seconds have passed. Search is correct before
        that, only slower."""
        import time

        deadline = None if budget is None else time.monotonic() + budget
        while not self._closed.is_set() and self.store.index():
            if deadline is not None and time.monotonic() > deadline:
                break

    def find(self, query: Query | str) -> Results:
        """Search the store (what :attr:`search` does), parsing again any file
        whose stored quotes or claims are refused."""
        for _ in range(_RETRIES):
            try:
                return self.search.search(query)
            except Tainted as exc:
                self._reparse([exc.file])
        return self.search.search(query)

    def article(self, article_id: str) -> Article | None:
        """One article's full model, from the store (parsed again if refused)."""
        for _ in range(_RETRIES):
            try:
                return self.store.article(article_id)
            except Tainted as exc:
                self._reparse([exc.file])
        return self.store.article(article_id)

    def library_view(self) -> Library:
        """The library after :class:`Loaded`, each article read from the store
        only when it is used (:mod:`.store_library`)."""
        from .store_library import lazy_library

        return lazy_library(self.search.store, *self.table)

    def library(self) -> Library:
        """Every valid article's full model (what the app holds today)."""
        from types import MappingProxyType

        from .article import Library

        for _ in range(_RETRIES):
            try:
                articles = self.store.articles()
                break
            except Tainted as exc:
                self._reparse([exc.file])
        else:
            articles = self.store.articles()
        errors = self.store.errors() + self._no_files()
        return Library(tuple(articles), errors, MappingProxyType({a.id: a for a in articles}))

    def close(self, *, kill: bool = False) -> None:
        """Stop the workers and any indexing (also when the app quits); with
        ``kill``, end the workers at once (Ctrl-C, SIGTERM)."""
        self._closed.set()
        self.pool.close(kill=kill)

