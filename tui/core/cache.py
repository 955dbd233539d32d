"""A cache of validated articles, so an unchanged library opens fast.

The cache is one JSON file in the XDG cache directory (never pickle). Each
entry is keyed by the article file's absolute path, size and modification
time; only files whose key changed are parsed again. It is validated by the
same pydantic models when read, and each entry by the same checks as a
parsed file (references, anchors: :mod:`.trust`); an entry that fails them
is parsed again from its file. Anything else wrong with the cache (corrupt, stale, another version, holding a
control character) makes it ignored and rebuilt, with a log line and no word
to the user. Writes are atomic. No Textual import here.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from .. import __version__
from .article import Article, FileResult, Library
from .article import Summary as Summary  # the table row now lives with the article types; re-exported for callers
from .files import read_regular
from .library import load_library
from .model import ArticleFile
from .reading import load_file
from .state import atomic_write, cache_dir
from .trust import checked_article
from .trust import holds_controls as _holds_controls

if TYPE_CHECKING:
    from .preload import Parsed

log = logging.getLogger("quoth.cache")

CACHE_VERSION: Final = 1
#: Only a regular file of at most this size is read as a cache (a FIFO or a
#: link to /dev/zero at a cache path is ignored, not waited on or exhausted).
MAX_CACHE_BYTES = 1024 * 1024 * 1024

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CacheEntry(_Strict):
    size: int
    mtime_ns: int
    article: ArticleFile
    anchors: dict[str, tuple[str, int, int, int]]


class CacheFile(_Strict):
    version: Literal[1]
    quoth: str
    entries: dict[str, CacheEntry]


def _utf8(text: str) -> bool:
    """Whether ``text`` can be written as JSON (a path decoded with
    surrogateescape from bytes that are not UTF-8 cannot)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def library_root(paths: Iterable[str | os.PathLike[str]]) -> str:
    """What names a library: the resolved paths it was opened with."""
    return "\n".join(str(Path(p).resolve()) for p in paths)


def _cache_file(kind: str, root: str) -> Path:
    """One cache file per library, so that opening another one keeps it warm."""
    digest = hashlib.sha256(os.fsencode(root)).hexdigest()[:20]
    return cache_dir() / f"{kind}-v{CACHE_VERSION}-{digest}.json"


class LibraryCache:
    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_paths(cls, paths: Iterable[str | os.PathLike[str]]) -> LibraryCache:
        return cls(_cache_file("library", library_root(paths)))

    def read(self) -> dict[str, CacheEntry]:
        try:
            raw = read_regular(self.path, MAX_CACHE_BYTES)
        except FileNotFoundError:
            return {}
        except OSError as exc:
            log.info("cache unreadable (%s); rebuilding", exc)
            return {}
        try:
            if _holds_controls(raw):
                raise ValueError("control character in cache")
            data = CacheFile.model_validate_json(raw)
        except (ValidationError, ValueError) as exc:
            log.info("cache ignored (%s); rebuilding", type(exc).__name__)
            return {}
        if data.quoth != __version__:
            log.info("cache from quoth %s ignored; rebuilding", data.quoth)
            return {}
        return data.entries

    def write(self, entries: Mapping[str, CacheEntry]) -> None:
        # a path that is not UTF-8 cannot be a JSON key: that file is not cached
        payload = CacheFile(version=CACHE_VERSION, quoth=__version__, entries={k: e for k, e in entries.items() if _utf8(k)})
        try:
            atomic_write(self.path, payload.model_dump_json(by_alias=True, ensure_ascii=True).encode("ascii"))
        except OSError as exc:
            log.info("cache not written (%s)", exc)


def article_from_entry(file: str, entry: CacheEntry) -> Article | None:
    """The cached article, if it passes every check a freshly parsed one
    does (see :func:`.trust.checked_article`); None means: parse the file."""
    # the control characters were looked for in the cache's bytes (or the
    # entry was written by a worker's loader): not again, value by value
    return checked_article(file, entry.article, text_checked=True)


def entry_for(article: Article, size: int, mtime_ns: int) -> CacheEntry:
    return CacheEntry.model_construct(
        size=size,
        mtime_ns=mtime_ns,
        article=article.doc,
        anchors={q: (a.section, a.paragraph, a.start, a.end) for q, a in article.anchors.items()},
    )


class CachedLoader:
    """A ``load_library`` loader that takes unchanged files from the cache and
    parses the rest."""

    def __init__(self, cache: LibraryCache, parsed: Mapping[str, Parsed] | None = None) -> None:
        self.cache = cache
        self.parsed = parsed or {}
        self._entries: dict[str, CacheEntry] | None = None
        self.fresh: dict[str, CacheEntry] = {}
        self.hits = 0

    @property
    def entries(self) -> dict[str, CacheEntry]:
        """The cache as read, on first need: when workers parsed every file,
        reading (and validating) the old entries would be wasted."""
        if self._entries is None:
            self._entries = self.cache.read()
        return self._entries

    def __call__(self, paths: list[Path]) -> Iterator[FileResult]:
        for path in paths:
            item = self.parsed.get(str(path))
            if item is not None:  # parsed by a worker process (see preload.py)
                result, entry = item.result()
                if entry is not None:
                    self.fresh[item.key] = entry
                yield result
                continue
            try:
                st = os.stat(path)  # before reading: a later edit changes the key
                key = str(Path(path).resolve())
            except OSError:
                yield load_file(path)
                continue
            entry = self.entries.get(key)
            if entry is not None and entry.size == st.st_size and entry.mtime_ns == st.st_mtime_ns:
                article = article_from_entry(str(path), entry)
                if article is not None:
                    self.hits += 1
                    self.fresh[key] = entry
                    yield FileResult(str(path), article, ())
                    continue
            result = load_file(path)
            if result.article is not None:
                self.fresh[key] = entry_for(result.article, st.st_size, st.st_mtime_ns)
            yield result

    @property
    def changed(self) -> bool:
        return self.hits != len(self.fresh) or set(self._entries or ()) != set(self.fresh)

    def save(self) -> None:
        """Write the cache if anything changed (call it off the UI's critical path)."""
        if self.changed:
            self.cache.write(self.fresh)


def load_library_cached(
    paths: Iterable[str | os.PathLike[str]],
    *,
    cache: LibraryCache | None = None,
    progress: Callable[[int, int], None] | None = None,
    parsed: Mapping[str, Parsed] | None = None,
) -> tuple[Library, CachedLoader]:
    paths = list(paths)
    loader = CachedLoader(cache or LibraryCache.for_paths(paths), parsed)
    return load_library(paths, loader=loader, progress=progress), loader


# -- the summary tier: what the library table needs, tiny and fast to read --


class SummaryFile(_Strict):
    version: Literal[1]
    quoth: str
    root: str
    summaries: list[Summary]


class SummaryCache:
    """Summaries of a whole library, valid while no file under it changed."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_root(cls, root: str) -> SummaryCache:
        return cls(_cache_file("summaries", root))

    def unchanged(self, root: str, files: list[Path]) -> dict[str, Summary]:
        """The cached rows of those ``files`` that did not change, by file."""
        try:
            raw = read_regular(self.path, MAX_CACHE_BYTES)
            if _holds_controls(raw):
                raise ValueError("control character in cache")
            data = SummaryFile.model_validate_json(raw)
        except FileNotFoundError:
            return {}
        except (OSError, ValidationError, ValueError) as exc:
            log.info("summary cache ignored (%s)", type(exc).__name__)
            return {}
        if data.quoth != __version__ or data.root != root:
            return {}
        by_file = {s.file: s for s in data.summaries}
        rows: dict[str, Summary] = {}
        for path in files:
            summary = by_file.get(str(path))
            if summary is None:
                continue
            try:
                st = os.stat(path)
            except OSError:
                continue
            if summary.size == st.st_size and summary.mtime_ns == st.st_mtime_ns:
                rows[summary.file] = summary
        return rows

    @staticmethod
    def complete(rows: Mapping[str, Summary], files: list[Path]) -> list[Summary] | None:
        """Every file's row, in order, if none is missing (the table at once)."""
        if not files or len(rows) != len(files):
            return None
        return [rows[str(path)] for path in files]

    def read(self, root: str, files: list[Path]) -> list[Summary] | None:
        """The summaries, if they cover exactly ``files`` and none changed."""
        return self.complete(self.unchanged(root, files), files)

    def write(self, root: str, summaries: list[Summary]) -> None:
        if not _utf8(root):
            return  # a library below a path that is not UTF-8: no summary cache
        # a row whose file is not UTF-8 is left out: the table is then
        # incomplete, and the next open parses that file again
        summaries = [s for s in summaries if _utf8(s.file)]
        payload = SummaryFile(version=CACHE_VERSION, quoth=__version__, root=root, summaries=summaries)
        try:
            atomic_write(self.path, payload.model_dump_json(ensure_ascii=True).encode("ascii"))
        except OSError as exc:
            log.info("summary cache not written (%s)", exc)
