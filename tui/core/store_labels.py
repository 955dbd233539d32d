"""What a library search result line names besides its text: the article's
title, the section's number and the speaker's short name.

One small interface, :class:`HitLabels`, with two answers: from the
library store (:class:`StoreLabels`, which reads only the articles of the
hits shown, a batch at a time, and never an article's full model) and from
a library held in memory (:class:`LibraryLabels`). No Textual, no pydantic.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from .store_check import Tainted, clean

if TYPE_CHECKING:
    from .article import Library
    from .search import Results
    from .store import Store

#: Articles whose labels one query fetches.
BATCH = 200
#: Hits whose labels :meth:`StoreLabels.prepare` fetches: a screenful and more
#: (the rest are fetched an article at a time as they are drawn).
AHEAD = 60


class HitLabels(Protocol):
    """Labels for the hits of a library search, by article id."""

    def prepare(self, results: Results) -> None:
        """Fetch ahead what the first lines of ``results`` will ask for."""

    def title(self, article_id: str) -> str: ...

    def section_number(self, article_id: str, section_id: str) -> int | None: ...

    def speaker(self, article_id: str, entity_id: str) -> str: ...


class LibraryLabels:
    """Labels from a library held in memory."""

    def __init__(self, library: Library) -> None:
        self.library = library

    def prepare(self, results: Results) -> None:
        pass

    def title(self, article_id: str) -> str:
        return self.library.by_id[article_id].meta.title

    def section_number(self, article_id: str, section_id: str) -> int | None:
        index = self.library.by_id[article_id].section_index.get(section_id)
        return None if index is None else index + 1

    def speaker(self, article_id: str, entity_id: str) -> str:
        entity = self.library.by_id[article_id].entities.get(entity_id)
        return entity.short_name if entity is not None else entity_id


class _Labels:
    __slots__ = ("title", "sections", "speakers")

    def __init__(self, title: str) -> None:
        self.title = title
        self.sections: dict[str, int] = {}
        self.speakers: dict[str, str] = {}


class StoreLabels:
    """Labels from the store, fetched per batch of articles and kept."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._known: dict[str, _Labels] = {}

    def prepare(self, results: Results) -> None:
        wanted: dict[str, None] = {}
        for hit in (*results.quotes[:AHEAD], *results.claims[: max(0, AHEAD - len(results.quotes))]):
            wanted.setdefault(hit.record.article)
        self._fetch(wanted)

    def _get(self, article_id: str) -> _Labels | None:
        if article_id not in self._known:
            self._fetch([article_id])
        return self._known.get(article_id)

    def title(self, article_id: str) -> str:
        found = self._get(article_id)
        return found.title if found is not None else article_id

    def section_number(self, article_id: str, section_id: str) -> int | None:
        found = self._get(article_id)
        return found.sections.get(section_id) if found is not None else None

    def speaker(self, article_id: str, entity_id: str) -> str:
        found = self._get(article_id)
        return found.speakers.get(entity_id, entity_id) if found is not None else entity_id

    def _fetch(self, article_ids: Iterable[str]) -> None:
        missing = [a for a in dict.fromkeys(article_ids) if a not in self._known]
        for at in range(0, len(missing), BATCH):
            batch = missing[at : at + BATCH]
            fetched: dict[str, _Labels] = {}
            try:
                self._query(batch, fetched)
            except Tainted:  # refused stored text: those lines show ids, never the text
                fetched = {}
            for article in batch:  # unknown ids are remembered too, as having no labels
                self._known[article] = fetched.get(article) or _Labels(article)

    def _query(self, batch: list[str], fetched: dict[str, _Labels]) -> None:
        conn = self.store.conn
        marks = ",".join("?" * len(batch))
        with self.store.lock:
            for path, article, title in conn.execute(
                "SELECT f.path, a.id, a.title FROM articles a JOIN files f ON f.id = a.file "
                f"WHERE f.status = 'ok' AND a.id IN ({marks})",
                batch,
            ):
                clean(path, article, title)
                fetched[article] = _Labels(title)
            for path, article, section, n in conn.execute(
                "SELECT f.path, a.id, s.id, s.n FROM sections s JOIN articles a ON a.file = s.file "
                f"JOIN files f ON f.id = s.file WHERE f.status = 'ok' AND a.id IN ({marks})",
                batch,
            ):
                clean(path, section)
                if article in fetched:
                    fetched[article].sections[section] = int(n) + 1
            # the short name is not a column: take it from the stored document
            for path, article, entity, name, short, alias in conn.execute(
                "SELECT f.path, a.id, json_extract(j.value, '$.id'), json_extract(j.value, '$.name'), "
                "json_extract(j.value, '$.short'), json_extract(j.value, '$.aliases[0]') "
                "FROM articles a JOIN files f ON f.id = a.file, json_each(a.doc, '$.entities') j "
                f"WHERE f.status = 'ok' AND a.id IN ({marks})",
                batch,
            ):
                clean(path, entity, name, short, alias)
                if isinstance(entity, str) and article in fetched:
                    shown = short or alias or name
                    fetched[article].speakers[entity] = shown if isinstance(shown, str) else entity
