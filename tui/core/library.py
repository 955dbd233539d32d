"""Libraries: every article file below some paths, loaded into a
:class:`Library`, with one owner per article id.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from types import MappingProxyType

from .article import Article, FileResult, Library
from .diagnostics import Diagnostic, Reporter
from .gcutil import gc_paused
from .text import quoted, visible
from .tomlpos import SourceMap


def article_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Every ``.toml`` file named or found below the folders named, in path order."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(sorted(f for f in path.rglob("*.toml") if _is_file(f)))
        else:
            out.append(path)
    return out


def _is_file(path: Path) -> bool:
    """``Path.is_file``, but False (not PermissionError) in a folder that can
    be listed and not entered; ``quoth check`` reports such folders."""
    try:
        return path.is_file()
    except OSError:
        return False


def load_library(
    paths: Iterable[str | os.PathLike[str]],
    *,
    loader: Callable[[list[Path]], Iterable[FileResult]] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Library:
    """Load every article below ``paths``. Invalid files are reported, not fatal.

    ``loader`` loads a list of files and yields their results in order
    (default: one by one with :func:`load_file`; the cache and the worker
    processes pass their own); ``progress(done, total)`` follows each file."""
    from .reading import load_file  # here: TOML and pydantic load only when something is parsed

    paths = list(paths)
    files = article_files(paths)
    load_all = loader or (lambda batch: (load_file(p) for p in batch))
    articles: list[Article] = []
    errors: list[Diagnostic] = []
    by_id: dict[str, Article] = {}
    ids = ArticleIds()
    total = len(files)
    with gc_paused(freeze=True):
        for done, (path, result) in enumerate(zip(files, load_all(files), strict=True), 1):
            errors.extend(result.errors)
            article = result.article
            if article is not None:
                duplicate = ids.claim(article.id, result.file, path)
                if duplicate:
                    errors.extend(duplicate)
                else:
                    by_id[article.id] = article
                    articles.append(article)
            if progress is not None:
                progress(done, total)
    if not files:
        names = ", ".join(visible(str(p), one_line=True) for p in paths)
        errors.append(Diagnostic(names or ".", 1, 1, "no .toml article files found"))
    return Library(tuple(articles), tuple(errors), MappingProxyType(by_id))


class ArticleIds:
    """Article ids across a library: the first file (in path order) to use an
    id keeps it, and a later one gets a located error naming the first."""

    def __init__(self) -> None:
        self._owner: dict[str, str] = {}

    def claim(self, article_id: str, file: str, path: Path) -> tuple[Diagnostic, ...]:
        """No errors if ``file`` may have ``article_id``; else the duplicate error."""
        other = self._owner.get(article_id)
        if other is None:
            self._owner[article_id] = file
            return ()
        return _duplicate_article(file, path, other, article_id)


def _duplicate_article(file: str, path: Path, other_file: str, article_id: str) -> tuple[Diagnostic, ...]:
    report = Reporter(file, Path(path).read_text(encoding="utf-8-sig", errors="replace"))
    first = Reporter(other_file, Path(other_file).read_text(encoding="utf-8-sig", errors="replace"))
    span = SourceMap(first.text, wanted={("article",), ("article", "id")}).locate(("article", "id"))
    report.at(
        ("article", "id"),
        f"duplicate article id {quoted(article_id)}; also in "
        f"{visible(other_file, one_line=True)}:{span.line}:{span.col}",
    )
    return report.finish()


def bundled_content() -> Path:
    """The folder of articles that ships with Quoth."""
    here = Path(__file__).resolve().parent.parent  # the tui package
    packaged = here / "content"
    if packaged.is_dir():
        return packaged
    return here.parent / "content"
