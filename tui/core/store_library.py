"""A :class:`.article.Library` whose articles stay in the store until used.

``by_id[article_id]`` reads one article's full model back from the store (a
file that changed on disk since the store saw it is parsed instead, so what
is shown is never older than the file), and keeps it. ``articles`` reads
every article the first time it is iterated, once, under a lock; the app
never does that (the table, library search and ``p`` answer from the store),
and :func:`rows_of` and :func:`replaced` give what a live reload needs
without it. No Textual here.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, overload

from .store_check import Tainted

if TYPE_CHECKING:
    from .article import Article, Library, Summary
    from .diagnostics import Diagnostic
    from .store import Store


class _Articles(Sequence["Article"]):
    """Every valid article in path order, read from the store on first use."""

    def __init__(self, store: Store, rows: list[Summary], one: _ById) -> None:
        self._store = store
        self._rows = rows
        self._one = one
        self._lock = threading.Lock()
        self._all: tuple[Article, ...] | None = None

    def materialize(self) -> tuple[Article, ...]:
        with self._lock:
            if self._all is None:
                self._all = tuple(self._one[row.id] for row in self._rows)
            return self._all

    @property
    def loaded(self) -> bool:
        return self._all is not None

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Article: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Article]: ...
    def __getitem__(self, index: int | slice) -> Article | Sequence[Article]:
        return self.materialize()[index]

    def __iter__(self) -> Iterator[Article]:
        return iter(self.materialize())


class _ById(Mapping[str, "Article"]):
    """One article by id, read back (and checked) when first asked for."""

    def __init__(self, store: Store, rows: list[Summary], cache: dict[str, Article] | None = None) -> None:
        self._store = store
        self._rows = {row.id: row for row in rows}
        #: what was read (or given by a live reload), by id
        self._cache: dict[str, Article] = dict(cache or {})
        self._lock = threading.Lock()

    @property
    def cached(self) -> frozenset[str]:
        """The ids of the articles read so far."""
        return frozenset(self._cache)

    def __getitem__(self, article_id: str) -> Article:
        found = self._cache.get(article_id)
        if found is not None:
            return found
        row = self._rows[article_id]  # KeyError: not in this library
        article = self._read(row)
        if article is None:
            raise KeyError(article_id)
        with self._lock:
            return self._cache.setdefault(article_id, article)

    def _read(self, row: Summary) -> Article | None:
        try:
            st = os.stat(row.file)
            changed = (st.st_size, st.st_mtime_ns) != (row.size, row.mtime_ns)
        except OSError:
            changed = True
        if not changed:
            try:
                article = self._store.article(row.id)
            except Tainted:
                article = None
            if article is not None:
                return article
        from .reading import load_file  # changed since the store saw it (or refused): check it again

        result = load_file(row.file)
        return result.article if result.article is not None and result.article.id == row.id else None

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def lazy_library(
    store: Store, rows: list[Summary], errors: tuple[Diagnostic, ...], cache: dict[str, Article] | None = None
) -> Library:
    """The library of ``rows``, its articles read from ``store`` when used
    (those in ``cache`` are known already)."""
    from .article import Library

    by_id = _ById(store, rows, cache)
    articles = _Articles(store, rows, by_id)
    return Library(articles, errors, MappingProxyType(by_id))  # type: ignore[arg-type]


def is_lazy(library: Library) -> bool:
    return isinstance(library.articles, _Articles)


def lazy_by_id(library: Library) -> _ById | None:
    """The lazy library's articles by id (what it has read: ``cached``)."""
    return library.articles._one if isinstance(library.articles, _Articles) else None


def rows_of(library: Library) -> list[Summary]:
    """The library table's rows, without reading a lazy library's articles."""
    from .article import Summary

    if isinstance(library.articles, _Articles):
        return list(library.articles._rows)
    return [Summary.of(a) for a in library.articles]


def replaced(library: Library, file: str, article: Article) -> Library:
    """``library.replace(file, article)``, without reading a lazy library's
    other articles: its row is replaced (or added) at the same place, and
    the new article is known without asking the store, which has not seen it."""
    if not isinstance(library.articles, _Articles):
        return library.replace(file, article)
    from .article import Summary

    old = library.articles
    rows = [r for r in old._rows if r.file != file and r.id != article.id]
    position = next((i for i, r in enumerate(old._rows) if r.file == file), len(rows))
    rows.insert(position, Summary.of(article))
    gone = {r.id for r in old._rows if r.file == file}
    cache = {k: a for k, a in old._one._cache.items() if k not in gone}
    cache[article.id] = article
    errors = tuple(e for e in library.errors if e.file != file)
    return lazy_library(old._store, rows, errors, cache)
