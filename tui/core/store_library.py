"""A :class:`.article.Library` whose articles stay in the store until used.

``by_id[article_id]`` reads one article's full model back from the store (a
file that changed on disk since the store saw it is parsed instead, so what
is shown is never older than the file). ``articles`` reads every article
the first time it is iterated, once, under a lock: whoever needs the whole
library (a background warm-up, or the first caller) pays for it, and the
rest share the result. No Textual here.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, overload

from .store_check import Tainted

if TYPE_CHECKING:
    from .article import Article, Library
    from .diagnostics import Diagnostic
    from .store import Store
    from .store_rows import Summary


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

    def __init__(self, store: Store, rows: list[Summary]) -> None:
        self._store = store
        self._rows = {row.id: row for row in rows}
        self._cache: dict[str, Article] = {}
        self._lock = threading.Lock()

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


def lazy_library(store: Store, rows: list[Summary], errors: tuple[Diagnostic, ...]) -> Library:
    """The library of ``rows``, its articles read from ``store`` when used."""
    from .article import Library

    by_id = _ById(store, rows)
    articles = _Articles(store, rows, by_id)
    return Library(articles, errors, MappingProxyType(by_id))  # type: ignore[arg-type]


def warm_up(library: Library) -> None:
    """Read every article now (in a background thread, say), if lazy."""
    if isinstance(library.articles, _Articles):
        library.articles.materialize()
