"""Searching quotes and claims in the library store, with exactly the
meaning of the in-memory :class:`.search.SearchIndex`.

The store's trigram index narrows the candidates: every needle of three
characters or more must occur in the folded text. Shorter needles, and rows
the index has not caught up with yet, are found by scanning the folded
column. The candidates are then confirmed and ranked in Python by the same
rules as the index (every needle in the folded text, the filters, phrase
hits first, then more occurrences, then reading order), so results and
ranking are the same. No Textual and no pydantic here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from .search import Hit, Query, Record, RecordType, Results, filter_tests, parse
from .store_check import clean

if TYPE_CHECKING:
    from .store import Store

_RECORD = (
    "SELECT f.path, r.file, r.n, a.id, r.rid, r.section, r.speaker, r.kind, r.text, r.folded "
    "FROM records r JOIN files f ON f.id = r.file JOIN articles a ON a.file = r.file "
    "WHERE f.status = 'ok' AND r.type = ?"
)


def _fts_phrase(needle: str) -> str:
    return '"' + needle.replace('"', '""') + '"'


def _after(prefix: str) -> str | None:
    """The smallest string greater than every string starting with ``prefix``."""
    if prefix and ord(prefix[-1]) < 0x10FFFF:
        return prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return None


class StoreSearch:
    """Every quote and claim of a library's store, searchable like a
    :class:`.search.SearchIndex` (the same ``search`` and ``len``)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._offsets: dict[int, int] | None = None

    def __len__(self) -> int:
        with self.store.lock:
            row = self.store.conn.execute(
                "SELECT count(*) FROM records r JOIN files f ON f.id = r.file WHERE f.status = 'ok'"
            ).fetchone()
        return int(row[0])

    def offsets(self) -> dict[int, int]:
        """Each valid file's first place in the library's reading order."""
        if self._offsets is None:
            offsets, at = {}, 0
            for file, count in self.store.conn.execute(
                "SELECT f.id, a.quotes + a.claims FROM files f JOIN articles a ON a.file = f.id "
                "WHERE f.status = 'ok' ORDER BY f.seq"
            ):
                offsets[file] = at
                at += count
            self._offsets = offsets
        return self._offsets

    def search(self, query: Query | str, *, types: Sequence[RecordType] | None = None) -> Results:
        kinds: Sequence[RecordType] = ("quote", "claim") if types is None else types
        if isinstance(query, str):
            query = parse(query)
        results = Results(query)
        with self.store.lock:  # one snapshot of the store for the whole search
            self.store.conn.execute("BEGIN")
            try:
                found = {kind: self._search(kind, query) for kind in kinds}
            finally:
                self.store.conn.execute("COMMIT")
        for kind, hits in found.items():
            if kind == "quote":
                results.quotes = hits
            else:
                results.claims = hits
        return results

    def speakers(self, results: Results) -> dict[tuple[str, str], tuple[str, str | None]]:
        """The name and role of each hit's speaker, by (article, entity)."""
        wanted = {(h.record.article, h.record.speaker) for h in (*results.quotes, *results.claims)}
        out: dict[tuple[str, str], tuple[str, str | None]] = {}
        if not wanted:
            return out
        articles = sorted({a for a, _ in wanted})
        for at in range(0, len(articles), 500):
            batch = articles[at : at + 500]
            for path, article, entity, name, role in self.store.conn.execute(
                "SELECT f.path, a.id, e.id, e.name, e.role FROM entities e JOIN articles a ON a.file = e.file "
                f"JOIN files f ON f.id = e.file WHERE f.status = 'ok' AND a.id IN ({','.join('?' * len(batch))})",
                batch,
            ):
                if (article, entity) in wanted:
                    clean(path, name, role)
                    out[(article, entity)] = (name, role)
        return out

    def shared_ids(self, results: Results) -> set[tuple[str, str]]:
        """(article, id) of the claims in ``results`` whose article also has a
        quote of that id (so that a reference must say which it means)."""
        wanted = {(h.record.article, h.record.id) for h in results.claims}
        if not wanted:
            return set()
        out: set[tuple[str, str]] = set()
        for article, rid in self.store.conn.execute(
            "SELECT a.id, r.rid FROM records r JOIN articles a ON a.file = r.file "
            "JOIN files f ON f.id = r.file WHERE f.status = 'ok' AND r.type = 'quote' AND r.rid IN "
            f"({','.join('?' * len({i for _, i in wanted}))})",
            sorted({i for _, i in wanted}),
        ):
            if (article, rid) in wanted:
                out.add((article, rid))
        return out

    # -- as SearchIndex does it ---------------------------------------------

    def _speaker_keys(self, prefixes: tuple[str, ...]) -> set[tuple[str, str]]:
        result: set[tuple[str, str]] | None = None
        sql = (
            "SELECT a.id, n.entity, n.name FROM names n JOIN files f ON f.id = n.file "
            "JOIN articles a ON a.file = n.file WHERE f.status = 'ok'"
        )
        for prefix in prefixes:
            end = _after(prefix)
            if end is None:
                rows = self.store.conn.execute(sql + " AND n.name >= ?", (prefix,))
            else:
                rows = self.store.conn.execute(sql + " AND n.name >= ? AND n.name < ?", (prefix, end))
            keys = {(article, entity) for article, entity, name in rows if name.startswith(prefix)}
            result = keys if result is None else result & keys
        return result or set()

    def _filter_tests(self, kind: str, query: Query) -> list[Callable[[Record], bool]] | None:
        return filter_tests(kind, query, self._speaker_keys)

    def _candidates(self, kind: str, needles: list[str]) -> list[tuple[Any, ...]]:
        conn = self.store.conn
        if not needles:
            return conn.execute(_RECORD, (kind,)).fetchall()
        indexed = [n for n in needles if len(n) >= 3]
        longest = needles[0]
        if not indexed:  # too short for trigrams: scan the folded column
            return conn.execute(_RECORD + " AND instr(r.folded, ?) > 0", (kind, longest)).fetchall()
        upto = self.store.indexed_upto("records")
        found = conn.execute(
            _RECORD + " AND r.id IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?) AND r.id <= ?",
            (kind, " AND ".join(_fts_phrase(n) for n in indexed), upto),
        ).fetchall()
        # rows the index has not caught up with yet
        found += conn.execute(_RECORD + " AND r.id > ? AND instr(r.folded, ?) > 0", (kind, upto, longest)).fetchall()
        return found

    def _search(self, kind: str, query: Query) -> list[Hit]:
        tests = self._filter_tests(kind, query)
        if tests is None:
            return []
        needles = sorted(query.needles, key=len, reverse=True)
        offsets = self.offsets()
        confirmed: list[tuple[Record, str]] = []
        for path, file, n, article, rid, section, speaker, rkind, text, folded in self._candidates(kind, needles):
            if not all(needle in folded for needle in needles):
                continue
            clean(path, article, rid, section, speaker, rkind, text)
            record = Record(kind, article, rid, section, speaker, rkind, text, offsets[file] + n)  # type: ignore[arg-type]
            if all(t(record) for t in tests):
                confirmed.append((record, folded))
        if not needles:
            confirmed.sort(key=lambda item: item[0].order)
            return [Hit(record, True, 0) for record, _ in confirmed]
        if len(needles) == 1:
            needle = needles[0]
            keyed = sorted(((-folded.count(needle), record.order), record) for record, folded in confirmed)
            return [Hit(record, True, -key[0]) for key, record in keyed]
        joined = " ".join(query.terms) if len(query.terms) > 1 else ""
        ranked = [
            (not joined or joined in folded, sum(folded.count(n) for n in needles), record)
            for record, folded in confirmed
        ]
        ranked.sort(key=lambda t: (not t[0], -t[1], t[2].order))
        return [Hit(record, phrase, count) for phrase, count, record in ranked]

