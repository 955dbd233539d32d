"""The library store: one SQLite database per library, kept up to date
incrementally, from which the table, search, people and articles are read.

An update is one ``scandir`` pass (:func:`scan`), a :class:`Plan` of what
changed since the store last saw the files (new or changed files are parsed,
a file only touched is re-hashed, removed ones are deleted), and one
transaction that writes it all (:meth:`Store.apply`): a process killed half
way leaves the previous state. Reads return plain rows, and an article's
full model only when it is asked for, checked like a parsed one
(:mod:`.store_check`). Opening, versions and faults: :mod:`.store_db`.
No Textual here, and no pydantic until an article is read back.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from .diagnostics import Diagnostic
from .files import read_regular
from .search import fold
from .store_check import Tainted, article_from_store, clean, db_name, db_path
from .store_db import FILE_TABLES, INDEXED, open_db, store_path
from .store_rows import FileData, Summary, content_hash, errors_from_json, errors_json
from .store_scan import Plan, scan

if TYPE_CHECKING:
    from .article import Article, Counts

__all__ = ["Plan", "Store", "Tainted", "scan"]

_T = TypeVar("_T")
_P = ParamSpec("_P")


def _locked(method: Callable[Concatenate[Store, _P], _T]) -> Callable[Concatenate[Store, _P], _T]:
    """Run ``method`` holding the store's lock."""

    def run(self: Store, /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        with self.lock:
            return method(self, *args, **kwargs)

    run.__doc__ = method.__doc__
    return run


#: A file is hashed (to tell a touch from an edit) only up to the loader's limit.
MAX_HASHED = 16 * 1024 * 1024


class Store:
    """One library's store. ``notices`` says what went wrong opening it
    (a damaged file set aside, a read-only cache folder)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, notices: list[str]) -> None:
        self.conn = conn
        self.path = path
        self.notices = notices
        #: one thread at a time on this connection (the app searches while it indexes)
        self.lock = threading.RLock()

    def reader(self) -> Store:
        """A store for reading alongside this one: its own connection to the
        same file (WAL lets it read while this one writes), or this store
        when it lives in memory."""
        if self.path is None:
            return self
        from .store_db import connect

        return Store(connect(self.path), self.path, [])

    @classmethod
    def open(cls, paths: Sequence[str | os.PathLike[str]], *, use_cache: bool = True, location: Path | None = None) -> Store:
        """The library's store in the cache folder, or in memory (``use_cache=False``:
        the same code, nothing kept)."""
        notices: list[str] = []
        where = (location or store_path(paths)) if use_cache else None
        conn, path = open_db(where, notices)
        return cls(conn, path, notices)

    def close(self) -> None:
        self.conn.close()

    # -- updating ----------------------------------------------------------

    @_locked
    def plan(self, files: list[tuple[Path, int, int]]) -> Plan:
        known = {
            path: (size, mtime, digest, seq)
            for path, size, mtime, digest, seq in self.conn.execute("SELECT path, size, mtime_ns, hash, seq FROM files")
            for path in (db_name(path),)
        }
        plan = Plan(files)
        seen = set()
        for seq, (path, size, mtime) in enumerate(files):
            name = str(path)
            seen.add(name)
            old = known.get(name)
            if old is None or size < 0:
                plan.parse.append(path)
                continue
            if old[3] != seq:
                plan.reorder = True
            if (old[0], old[1]) == (size, mtime):
                continue
            if old[0] == size and old[2]:
                try:
                    same = content_hash(read_regular(path, MAX_HASHED)) == old[2]
                except (OSError, ValueError):  # not a regular file now, or too big: parse it
                    same = False
                if same:
                    plan.touched.append((name, size, mtime))
                    continue
            plan.parse.append(path)
        plan.removed = [name for name in known if name not in seen]
        return plan

    @_locked
    def apply(self, plan: Plan, parsed: Iterable[FileData]) -> None:
        """Write an update in one transaction; ``parsed`` holds every file of
        ``plan.parse``."""
        if plan.unchanged and not plan.parse:
            return
        with self.update(plan) as put:
            for data in parsed:
                put(data)

    @contextmanager
    def update(self, plan: Plan) -> Iterator[Callable[[FileData], None]]:
        """One transaction for an update: removed files are deleted, each
        parsed file is written as it is passed to the function this yields,
        and the rest (new mtimes, path order, which file owns each article id,
        people) when the block ends; an exception, or a process killed on
        the way, leaves the store as it was. Writing as the workers deliver
        keeps only one file's data in memory at a time."""
        seq = {str(path): i for i, (path, _, _) in enumerate(plan.files)}
        conn = self.conn
        with self.lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for name in plan.removed:
                    self._delete(name)

                def put(data: FileData) -> None:
                    self._delete(data.path)
                    self._insert(data, seq.get(data.path, len(seq)))

                yield put
                conn.executemany(
                    "UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", [(s, m, db_path(p)) for p, s, m in plan.touched]
                )
                conn.executemany("UPDATE files SET seq = ? WHERE path = ?", [(i, db_path(p)) for p, i in seq.items()])
                self._owners()
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    @_locked
    def indexed_upto(self, table: str = "records") -> int:
        """The newest row of ``table`` in its full-text index (later rows are scanned)."""
        row = self.conn.execute("SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?", (f"{table}_fts",)).fetchone()
        return int(row[0]) if row else 0

    def index(self, batch: int = 5_000) -> bool:
        """Add up to ``batch`` rows to the full-text indexes, records first, in
        one short transaction; False once both are complete. Run it after an
        update, when nobody waits (trigram indexing costs about as much as
        parsing the TOML)."""
        for table in INDEXED:
            with self.lock:
                last = self._index_batch(table, batch)
            if last is not None:
                return True
        return False

    def _index_batch(self, table: str, batch: int) -> int | None:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            upto = self.indexed_upto(table)
            last = self.conn.execute(
                f"SELECT max(id) FROM (SELECT id FROM {table} WHERE id > ? ORDER BY id LIMIT ?)", (upto, batch)
            ).fetchone()[0]
            if last is not None and table == "records":
                self.conn.execute(
                    "INSERT INTO records_fts(rowid, folded) SELECT id, folded FROM records WHERE id > ? AND id <= ?",
                    (upto, last),
                )
            elif last is not None:
                rows = self.conn.execute("SELECT id, text FROM paragraphs WHERE id > ? AND id <= ?", (upto, last))
                self.conn.executemany(
                    "INSERT INTO paragraphs_fts(rowid, folded) VALUES (?, ?)", [(i, fold(text)) for i, text in rows]
                )
            if last is not None:
                self.conn.execute("UPDATE meta SET value = ? WHERE key = ?", (str(last), f"{table}_fts"))
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        return last  # type: ignore[no-any-return]

    @_locked
    def paragraphs(self, text: str) -> list[tuple[str, str, int]]:
        """(article id, section id, paragraph index) of every paragraph of a
        valid article whose folded text holds the folded ``text``, in reading order."""
        needle = fold(text)
        if not needle:
            return []
        upto = self.indexed_upto("paragraphs")
        base = (
            "SELECT a.id, p.section, p.n, p.text, f.seq, p.id FROM paragraphs p JOIN files f ON f.id = p.file "
            "JOIN articles a ON a.file = p.file WHERE f.status = 'ok' AND "
        )
        if len(needle) >= 3:
            rows = self.conn.execute(
                base + "p.id IN (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?) AND p.id <= ?",
                ('"' + needle.replace('"', '""') + '"', upto),
            ).fetchall()
            rows += self.conn.execute(base + "p.id > ?", (upto,)).fetchall()
        else:
            rows = self.conn.execute(base + "1").fetchall()
        found = sorted((seq, pid, article, section, n) for article, section, n, body, seq, pid in rows if needle in fold(body))
        return [(article, section, n) for _, _, article, section, n in found]

    @_locked
    def forget(self, files: Iterable[str]) -> None:
        """Drop what is stored for ``files`` (their data was refused): the next
        update parses them again."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for name in files:
                self._delete(name)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def _delete(self, name: str) -> None:
        row = self.conn.execute("SELECT id FROM files WHERE path = ?", (db_path(name),)).fetchone()
        if row is None:
            return
        for table in FILE_TABLES:
            self.conn.execute(f"DELETE FROM {table} WHERE file = ?", row)
        self.conn.execute("DELETE FROM files WHERE id = ?", row)

    def _insert(self, data: FileData, seq: int) -> None:
        conn = self.conn
        s = data.summary
        status = "ok" if s is not None else "invalid"
        cur = conn.execute(
            "INSERT INTO files(path, seq, size, mtime_ns, hash, status, errors, article) VALUES (?,?,?,?,?,?,?,?)",
            (db_path(data.path), seq, data.size, data.mtime_ns, data.hash, status, errors_json(data.errors), s.id if s else None),
        )
        file = cur.lastrowid
        if s is None:
            return
        conn.execute(
            "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (file, s.id, s.title, s.outlet, s.published, s.sections, s.quotes, s.claims, s.entities, data.doc, data.anchors),
        )
        conn.executemany("INSERT INTO sections VALUES (?,?,?,?)", [(file, *row) for row in data.sections])
        conn.executemany(
            "INSERT INTO paragraphs(file, section, n, text) VALUES (?,?,?,?)", [(file, *row) for row in data.paragraphs]
        )
        conn.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,NULL)", [(file, *row) for row in data.entities])
        conn.executemany(
            "INSERT INTO names VALUES (?,?,?)",
            [(name, file, row[1]) for row in data.entities for name in json.loads(row[5])],
        )
        conn.executemany(
            "INSERT INTO records(file, type, n, rid, section, speaker, kind, text, folded) VALUES (?,?,?,?,?,?,?,?,?)",
            [(file, *row) for row in data.records],
        )
        conn.executemany("INSERT INTO relations VALUES (?,?,?,?)", [(file, *row) for row in data.relations])

    def _owners(self) -> None:
        """Which file owns each article id (the first in path order), as
        :class:`.library.ArticleIds` decides it for a parsed library."""
        from .library import ArticleIds

        ids = ArticleIds()
        rows = self.conn.execute(
            "SELECT id, path, article, status FROM files WHERE article IS NOT NULL ORDER BY seq"
        ).fetchall()
        for file, path, article, status in rows:
            path = db_name(path)
            duplicate = ids.claim(article, path, Path(path))
            if duplicate:
                self.conn.execute(
                    "UPDATE files SET status = 'duplicate', duplicate = ? WHERE id = ?", (errors_json(duplicate), file)
                )
            elif status != "ok":
                self.conn.execute("UPDATE files SET status = 'ok', duplicate = '[]' WHERE id = ?", (file,))
        self._people()

    def _people(self) -> None:
        from .store_people import group_people

        group_people(self.conn)

    @_locked
    def person(self, article_id: str, entity_id: str) -> list[tuple[str, str]]:
        """Every (article, entity) that is the same person as ``entity_id`` of
        ``article_id``, in library order (empty if there is none)."""
        return [
            (article, entity)
            for article, entity in self.conn.execute(
                "SELECT a.id, e.id FROM entities e JOIN files f ON f.id = e.file JOIN articles a ON a.file = e.file "
                "WHERE f.status = 'ok' AND e.person = (SELECT e2.person FROM entities e2 JOIN articles a2 "
                "ON a2.file = e2.file JOIN files f2 ON f2.id = e2.file WHERE f2.status = 'ok' AND a2.id = ? "
                "AND e2.id = ?) ORDER BY f.seq, e.n",
                (article_id, entity_id),
            )
        ]

    # -- reading -----------------------------------------------------------

    @_locked
    def rows(self) -> list[Summary]:
        """The library table: every valid article, in path order."""
        out = []
        for row in self.conn.execute(
            "SELECT f.path, a.id, a.title, a.outlet, a.published, a.sections, a.quotes, a.claims, a.entities, f.size, "
            "f.mtime_ns FROM files f JOIN articles a ON a.file = f.id WHERE f.status = 'ok' ORDER BY f.seq"
        ):
            row = (db_name(row[0]), *row[1:])
            clean(row[0], *row[1:5])
            out.append(Summary(*row))
        return out

    @_locked
    def stored(self) -> dict[str, tuple[Summary | None, tuple[Diagnostic, ...]]]:
        """Every stored file's row (a duplicate's too) and its own errors, by path."""
        out: dict[str, tuple[Summary | None, tuple[Diagnostic, ...]]] = {}
        for path, errors, *row in self.conn.execute(
            "SELECT f.path, f.errors, a.id, a.title, a.outlet, a.published, a.sections, a.quotes, a.claims, "
            "a.entities, f.size, f.mtime_ns FROM files f LEFT JOIN articles a ON a.file = f.id"
        ):
            path = db_name(path)
            try:
                found = errors_from_json(path, errors)
            except (ValueError, TypeError) as exc:
                raise Tainted(path, "stored errors are not what the store writes") from exc
            clean(path, *row[:4], *(e.message for e in found))
            out[path] = (Summary(path, *row) if row[0] is not None else None, found)
        return out

    @_locked
    def errors(self) -> tuple[Diagnostic, ...]:
        """The located errors of every invalid file (and duplicate ids), in path order."""
        out: list[Diagnostic] = []
        for path, errors, duplicate in self.conn.execute(
            "SELECT path, errors, duplicate FROM files WHERE status != 'ok' ORDER BY seq"
        ):
            path = db_name(path)
            try:
                found = errors_from_json(path, errors) + errors_from_json(path, duplicate)
            except (ValueError, TypeError) as exc:
                raise Tainted(path, "stored errors are not what the store writes") from exc
            clean(path, *(e.message for e in found))
            out.extend(found)
        return tuple(out)

    @_locked
    def counts(self) -> Counts:
        from .article import Counts

        row = self.conn.execute(
            "SELECT count(*), total(a.sections), total(a.quotes), total(a.claims), total(a.entities) "
            "FROM files f JOIN articles a ON a.file = f.id WHERE f.status = 'ok'"
        ).fetchone()
        return Counts(*(int(n) for n in row))

    @_locked
    def article(self, article_id: str) -> Article | None:
        """One article's full model, read back and checked; None if there is none."""
        row = self.conn.execute(
            "SELECT f.path, a.doc, a.anchors FROM files f JOIN articles a ON a.file = f.id "
            "WHERE a.id = ? AND f.status = 'ok'",
            (article_id,),
        ).fetchone()
        return article_from_store(db_name(row[0]), *row[1:]) if row else None

    @_locked
    def articles(self) -> list[Article]:
        """Every valid article's full model, in path order (what a :class:`Library` holds)."""
        return [
            article_from_store(db_name(row[0]), *row[1:])
            for row in self.conn.execute(
                "SELECT f.path, a.doc, a.anchors FROM files f JOIN articles a ON a.file = f.id "
                "WHERE f.status = 'ok' ORDER BY f.seq"
            )
        ]
