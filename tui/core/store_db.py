"""Opening the library store's SQLite database, and surviving what can go
wrong with it.

One database per library, in the cache folder; WAL mode and a busy timeout,
so that two ``quoth`` processes on one library both work. The schema is
versioned with ``PRAGMA user_version``, keyed by Quoth's own version: a
database written by another version is rebuilt, never misread. A corrupt
or truncated file is set aside with a notice and rebuilt; a cache folder
that cannot be written gives an in-memory database with a notice. No
Textual and no pydantic here.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import stat
import time
import zlib
from collections.abc import Iterable
from pathlib import Path

from .. import __version__
from .dirs import cache_dir
from .text import visible

log = logging.getLogger("quoth.store")

SCHEMA_VERSION = 3
#: ``PRAGMA user_version``: the schema and the Quoth version that wrote it.
USER_VERSION = (zlib.crc32(f"{SCHEMA_VERSION}:{__version__}".encode()) & 0x3FFFFFFF) or 1
#: How long a writer waits for another process's update (a cold 10,000-article
#: library writes for tens of seconds on a busy machine) before giving up.
BUSY_MS = 180_000

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    seq INTEGER NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL,
    status TEXT NOT NULL,          -- ok | invalid | duplicate
    errors TEXT NOT NULL,          -- the file's own located errors, JSON
    duplicate TEXT NOT NULL DEFAULT '[]',  -- the duplicate-id error, JSON
    article TEXT
);
CREATE TABLE articles(
    file INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    outlet TEXT,
    published TEXT,
    sections INTEGER NOT NULL,
    quotes INTEGER NOT NULL,
    claims INTEGER NOT NULL,
    entities INTEGER NOT NULL,
    doc TEXT NOT NULL,
    anchors TEXT NOT NULL
);
CREATE INDEX articles_id ON articles(id);
CREATE TABLE sections(file INTEGER NOT NULL, n INTEGER NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL,
    PRIMARY KEY(file, n)) WITHOUT ROWID;
CREATE TABLE paragraphs(id INTEGER PRIMARY KEY AUTOINCREMENT, file INTEGER NOT NULL, section TEXT NOT NULL, n INTEGER NOT NULL,
    text TEXT NOT NULL);
CREATE INDEX paragraphs_file ON paragraphs(file);
CREATE TABLE entities(file INTEGER NOT NULL, n INTEGER NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
    kind TEXT NOT NULL, role TEXT, names TEXT NOT NULL, sameas TEXT NOT NULL,
    person TEXT,  -- 'article/entity' of the first entity of the same person (same id or a shared sameas)
    PRIMARY KEY(file, n)) WITHOUT ROWID;
CREATE TABLE names(name TEXT NOT NULL, file INTEGER NOT NULL, entity TEXT NOT NULL);
CREATE INDEX names_name ON names(name);
CREATE INDEX names_file ON names(file);
CREATE TABLE records(id INTEGER PRIMARY KEY AUTOINCREMENT, file INTEGER NOT NULL, type TEXT NOT NULL, n INTEGER NOT NULL,
    rid TEXT NOT NULL, section TEXT NOT NULL, speaker TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
    folded TEXT NOT NULL);
CREATE INDEX records_file ON records(file);
CREATE TABLE relations(file INTEGER NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, kind TEXT NOT NULL);
CREATE INDEX relations_file ON relations(file);
-- The full-text indexes lag behind their tables: an update writes the rows,
-- and Store.index() adds rows up to the newest to the index later, recording
-- in meta how far it got. Search scans the rows past that point.
CREATE VIRTUAL TABLE records_fts USING fts5(folded, content='records', content_rowid='id',
    tokenize='trigram case_sensitive 1');
CREATE TRIGGER records_ad AFTER DELETE ON records
WHEN old.id <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'records_fts') BEGIN
    INSERT INTO records_fts(records_fts, rowid, folded) VALUES ('delete', old.id, old.folded);
END;
-- Paragraphs are folded when they are indexed (not in the parse), so this
-- index keeps its own copy of the folded text.
CREATE VIRTUAL TABLE paragraphs_fts USING fts5(folded, tokenize='trigram case_sensitive 1');
CREATE TRIGGER paragraphs_ad AFTER DELETE ON paragraphs
WHEN old.id <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'paragraphs_fts') BEGIN
    DELETE FROM paragraphs_fts WHERE rowid = old.id;
END;
"""

#: The tables with a full-text index that follows them.
INDEXED = ("records", "paragraphs")

#: Every table a file has rows in (besides ``files``), by the column naming it.
FILE_TABLES = ("articles", "sections", "paragraphs", "entities", "names", "records", "relations")

_CORRUPT = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_NOT_WRITABLE = {8, 14}  # SQLITE_READONLY, SQLITE_CANTOPEN


class Corrupt(Exception):
    """The database file is damaged: set it aside and start again."""


def is_corrupt(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _CORRUPT
    text = str(exc)
    return "malformed" in text or "not a database" in text


def library_root(paths: Iterable[str | os.PathLike[str]]) -> str:
    """What names a library: the paths as given, and where they resolve."""
    return "\n".join(f"{p}\t{Path(p).resolve()}" for p in paths)


def store_path(paths: Iterable[str | os.PathLike[str]]) -> Path:
    """One database per library, so that opening another one keeps it warm."""
    digest = hashlib.sha256(os.fsencode(library_root(paths))).hexdigest()[:20]
    return cache_dir() / f"library-{digest}.sqlite3"


def connect(path: Path | None) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), schema ready.

    Raises :class:`Corrupt` for a damaged file, and sqlite3 errors for the rest."""
    conn = sqlite3.connect(":memory:" if path is None else str(path), timeout=BUSY_MS / 1000, isolation_level=None,
                           check_same_thread=False)
    try:
        _prepare(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if is_corrupt(exc):
            raise Corrupt(str(exc)) from exc
        raise
    except Corrupt:
        conn.close()
        raise
    return conn


def _prepare(conn: sqlite3.Connection, path: Path | None) -> None:
    conn.execute(f"PRAGMA busy_timeout={BUSY_MS}")
    if path is not None:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # with WAL: consistent after a crash, fast
        _check_length(conn, path)
    if conn.execute("PRAGMA user_version").fetchone()[0] == USER_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have built it
        if found != USER_VERSION:
            if found:
                log.info("store from another quoth version (%s); rebuilding", found)
            _drop_all(conn)
            for statement in _statements(SCHEMA):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO meta VALUES ('quoth', ?), ('schema', ?), ('records_fts', '0'), ('paragraphs_fts', '0')",
                (__version__, str(SCHEMA_VERSION)),
            )
            conn.execute(f"PRAGMA user_version={USER_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return out


def _drop_all(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
    virtual = [n for t, n, sql in rows if t == "table" and (sql or "").upper().startswith("CREATE VIRTUAL")]
    for name in virtual:  # first: they own shadow tables
        conn.execute(f'DROP TABLE IF EXISTS "{name}"')
    for kind, name, _ in rows:
        if kind == "table" and name not in virtual:
            conn.execute(f'DROP TABLE IF EXISTS "{name}"')


def _check_length(conn: sqlite3.Connection, path: Path) -> None:
    """A file shorter than its pages is truncated (SQLite would only notice
    when a query reaches the missing pages)."""
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    try:
        size = path.stat().st_size
        wal = Path(f"{path}-wal")
        wal_size = wal.stat().st_size if wal.exists() else 0
    except OSError:
        return
    if wal_size == 0 and size < pages * page_size:
        raise Corrupt(f"file is {size} bytes, its header says {pages * page_size}")


def set_aside(path: Path) -> Path:
    """Move a damaged database (and its WAL) out of the way; returns where."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}-{os.getpid()}")
    for suffix in ("", "-wal", "-shm"):
        try:
            os.replace(f"{path}{suffix}", f"{aside}{suffix}")
        except FileNotFoundError:
            pass
    return aside


def open_db(path: Path | None, notices: list[str]) -> tuple[sqlite3.Connection, Path | None]:
    """The database at ``path`` (None: in memory), or in memory with a notice
    when the cache folder cannot be written."""
    if path is None:
        return connect(None), None
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
            raise PermissionError("not writable")
    except OSError as exc:
        notices.append(
            f"The cache folder {visible(str(folder), one_line=True)} cannot be written "
            f"({visible(exc.strerror or str(exc), one_line=True)}): the library store is kept in memory for this run."
        )
        return connect(None), None
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        # a FIFO, a device or a link at the store's path: never opened (SQLite
        # would wait on a FIFO, or read /dev/zero); set aside like damage
        aside = set_aside(path)
        notices.append(
            f"The library store's path held something that is not a file; it was moved to "
            f"{visible(str(aside), one_line=True)} and the store is rebuilt."
        )
    for _ in range(3):
        try:
            return connect(path), path
        except Corrupt as exc:
            aside = set_aside(path)
            notices.append(
                f"The library store was damaged ({visible(str(exc), one_line=True)}); it was moved to "
                f"{visible(str(aside), one_line=True)} and is rebuilt."
            )
        except sqlite3.OperationalError as exc:
            code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
            if code not in _NOT_WRITABLE:
                raise
            notices.append(
                f"The library store {visible(str(path), one_line=True)} cannot be opened for writing "
                f"({visible(str(exc), one_line=True)}): it is kept in memory for this run."
            )
            return connect(None), None
    return connect(None), None
