"""A cache of validated articles, so an unchanged library opens fast.

The cache is one JSON file in the XDG cache directory (never pickle). Each
entry is keyed by the article file's absolute path, size and modification
time; only files whose key changed are parsed again. It is validated by the
same pydantic models when read, its quote anchors are checked against the
text, and anything wrong with it (corrupt, stale, another version, holding a
control character) makes it ignored and rebuilt, with a log line and no word
to the user. Writes are atomic. No Textual import here.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from .. import __version__
from .article import Anchor, Article, FileResult, Library
from .article import Summary as Summary  # the table row now lives with the article types; re-exported for callers
from .library import load_library
from .model import ArticleFile
from .reading import load_file
from .state import atomic_write, cache_dir

if TYPE_CHECKING:
    from .preload import Parsed

log = logging.getLogger("quoth.cache")

CACHE_VERSION = 1

# Caches are written as ASCII JSON (every other character escaped), so a
# character the loader refuses can only stand in one as an escape sequence:
# \b \f \r, or \u for C0, C1 and bidi controls. One bytes search finds them,
# ten times faster than scanning the decoded text.
_CONTROL_ESCAPE = re.compile(rb"\\(?:[bfr]|u(?:00[01]|00[89]|007[fF]|202[a-eA-E]|206[6-9]))")


def _holds_controls(raw: bytes) -> bool:
    """Whether cached JSON could hold a character the loader refuses."""
    if not raw.isascii() or b"\x7f" in raw:
        return True
    for found in _CONTROL_ESCAPE.finditer(raw):
        # an escape only if its backslash is not itself escaped (C:\\reports)
        at = found.start()
        while at > 0 and raw[at - 1] == 0x5C:
            at -= 1
        if (found.start() - at) % 2 == 0:
            return True
    return False


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
            raw = self.path.read_bytes()
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
        payload = CacheFile(version=CACHE_VERSION, quoth=__version__, entries=dict(entries))
        try:
            atomic_write(self.path, payload.model_dump_json(by_alias=True, ensure_ascii=True).encode("ascii"))
        except OSError as exc:
            log.info("cache not written (%s)", exc)


def article_from_entry(file: str, entry: CacheEntry) -> Article | None:
    """The cached article, if its anchors still slice out its quotes."""
    doc = entry.article
    sections = {s.id: s for s in doc.sections}
    anchors: dict[str, Anchor] = {}
    for quote in doc.quotes:
        spot = entry.anchors.get(quote.id)
        if spot is None:
            return None
        section, paragraph, start, end = spot
        try:
            text = sections[section].paragraphs[paragraph][start:end]
        except (KeyError, IndexError):
            return None
        if text != quote.text or section != quote.section:
            return None
        anchors[quote.id] = Anchor(section, paragraph, start, end)
    return Article(file, doc, anchors)


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
    paths, *, cache: LibraryCache | None = None, progress=None, parsed: Mapping[str, Parsed] | None = None
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
            raw = self.path.read_bytes()
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
        payload = SummaryFile(version=CACHE_VERSION, quoth=__version__, root=root, summaries=summaries)
        try:
            atomic_write(self.path, payload.model_dump_json(ensure_ascii=True).encode("ascii"))
        except OSError as exc:
            log.info("summary cache not written (%s)", exc)
