"""Scanning a library's folders in one ``scandir`` pass, and the plan of an
update: what changed since the store last saw the files. No Textual."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


def _walk(folder: str, out: list[tuple[Path, int, int]]) -> None:
    """Every ``*.toml`` file below ``folder``, as ``Path.rglob`` finds them
    (symlinked folders are not followed), with its size and mtime."""
    try:
        with os.scandir(folder) as entries:
            listed = list(entries)
    except OSError:
        return
    for entry in listed:
        try:
            if entry.is_dir() and not entry.is_symlink():
                _walk(entry.path, out)
            elif entry.name.endswith(".toml") and entry.is_file():
                st = entry.stat()
                out.append((Path(entry.path), st.st_size, st.st_mtime_ns))
        except OSError:
            continue


def scan(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[Path, int, int]]:
    """The library's files in path order (as :func:`.library.article_files`
    lists them), each with its size and mtime; -1 for a file that cannot be
    stat'ed (it is parsed, which reports why)."""
    out: list[tuple[Path, int, int]] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found: list[tuple[Path, int, int]] = []
            _walk(str(path), found)
            found.sort(key=lambda item: item[0])
            out.extend(found)
        else:
            try:
                st = os.stat(path)
                out.append((path, st.st_size, st.st_mtime_ns))
            except OSError:
                out.append((path, -1, -1))
    return out


@dataclass
class Plan:
    """What an update must do to bring the store up to date with the files."""

    files: list[tuple[Path, int, int]]
    parse: list[Path] = field(default_factory=list)
    touched: list[tuple[str, int, int]] = field(default_factory=list)  # same content, new mtime
    removed: list[str] = field(default_factory=list)
    reorder: bool = False

    @property
    def unchanged(self) -> bool:
        return not (self.parse or self.touched or self.removed or self.reorder)
