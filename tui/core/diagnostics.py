"""Located errors: what the loader and the checks report.

A :class:`Diagnostic` names a file, a line and a column, quotes the offending
line, and escapes whatever it repeats from the file. :class:`Reporter`
collects one file's diagnostics and maps key paths to places lazily.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .text import quoted, visible
from .tomlpos import SourceMap, Span

MAX_ERRORS_PER_FILE = 100

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _cells(text: str) -> int:
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


@dataclass(frozen=True)
class Diagnostic:
    """One located error, in the form compilers use."""

    file: str
    line: int
    col: int
    message: str
    source: str = ""
    width: int = 1
    #: ``error``; ``warning`` (``quoth check --strict`` makes it an error);
    #: ``note`` (more about the error before it).
    severity: str = "error"

    @property
    def headline(self) -> str:
        return f"{visible(self.file, one_line=True)}:{self.line}:{self.col}: {self.severity}: {self.message}"

    def format(self) -> str:
        """``file:line:col: error: message``, then the line with a caret under the place."""
        if not self.source:
            return self.headline
        raw = self.source.replace("\t", " ")
        start = max(0, self.col - 1 - 50)
        shown = raw[start : start + 110]
        lead = "…" if start else ""
        tail = "…" if start + 110 < len(raw) else ""
        before = lead + visible(raw[start : self.col - 1], one_line=True)
        under = visible(raw[self.col - 1 : self.col - 1 + self.width], one_line=True)
        gutter = f"{self.line:>5} | "
        blank = " " * (len(gutter) - 2) + "| "
        caret_width = max(1, min(_cells(under), _cells(visible(shown, one_line=True)) - _cells(before) + 1 + len(tail)))
        return (
            f"{self.headline}\n"
            f"{gutter}{lead}{visible(shown, one_line=True)}{tail}\n"
            f"{blank}{' ' * _cells(before)}{'^' * caret_width}"
        )

    def __str__(self) -> str:
        return self.format()


def format_path(path: Iterable[object]) -> str:
    """``quotes[2].speaker``; keys that are not bare are quoted and escaped."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = str(part)
            key = key if _BARE_KEY.match(key) else quoted(key)
            out += f".{key}" if out else key
    return out


#: How an item of each array of tables is named in a message.
_ITEM = {
    "entities": "entity",
    "sections": "section",
    "quotes": "quote",
    "claims": "claim",
    "relations": "relation",
    "sources": "source",
}


def item_names(data: object) -> dict[tuple[str, int], str]:
    """``("quotes", 21)`` -> ``quote 'boswell-right-to-refuge'`` for every
    item of the parsed file that has a usable id (relations by their ends)."""
    names: dict[tuple[str, int], str] = {}
    if not isinstance(data, dict):
        return names
    for table, word in _ITEM.items():
        items = data.get(table)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            ident = item.get("id")
            if isinstance(ident, str) and ident:
                names[(table, i)] = f"{word} {quoted(ident)}"
            elif table == "relations" and isinstance(item.get("from"), str) and isinstance(item.get("to"), str):
                names[(table, i)] = f"relation {quoted(item['from'])} -> {quoted(item['to'])}"
    return names


def describe(path: Iterable[object], names: dict[tuple[str, int], str] | None = None) -> str:
    """A key path as a reader says it: ``quote 'not-ready' speaker``,
    ``section 'delay' paragraph 3`` (paragraphs and items counted from 1),
    ``claim 'c' quotes``; ``format_path`` when the path is not an item's."""
    parts = list(path)
    if len(parts) < 2 or parts[0] not in _ITEM or not isinstance(parts[1], int):
        return format_path(parts)
    table, index = str(parts[0]), parts[1]
    out = (names or {}).get((table, index)) or f"{_ITEM[table]} {index + 1}"
    rest = parts[2:]
    for k, part in enumerate(rest):
        if isinstance(part, int):
            if k and rest[k - 1] == "paragraphs":
                out = out[: -len(" paragraphs")] + f" paragraph {part + 1}"
            continue  # the value is in the message and under the caret
        key = str(part)
        out += " " + (key if _BARE_KEY.match(key) else quoted(key))
    return out


class Reporter:
    """Collects errors for one file; maps key paths to places lazily."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text
        self._map: SourceMap | None = None
        self.errors: list[Diagnostic] = []
        self.dropped = 0
        #: The parsed file, from which items are named in messages (lazily:
        #: most files have no errors, and naming costs a string per item).
        self.data: object = None
        self._names: dict[tuple[str, int], str] | None = None

    @property
    def names(self) -> dict[tuple[str, int], str]:
        """Names of the file's items by id, for messages (see :func:`item_names`)."""
        if self._names is None:
            self._names = item_names(self.data)
        return self._names

    @property
    def map(self) -> SourceMap:
        if self._map is None:
            self._map = SourceMap(self.text)
        return self._map

    def at_span(self, span: Span, message: str, severity: str = "error") -> None:
        if len(self.errors) >= MAX_ERRORS_PER_FILE:
            self.dropped += 1
            return
        self.errors.append(
            Diagnostic(self.file, span.line, span.col, message, self.map.line(span.line), span.width, severity)
        )

    def at(
        self, path: tuple[object, ...], message: str, *, key: bool = False, with_path: bool = True, severity: str = "error"
    ) -> None:
        span = self.map.locate(path, prefer_key=key)
        prefix = f"{describe(path, self.names)}: " if with_path and path else ""
        self.at_span(span, prefix + message, severity)

    def finish(self) -> tuple[Diagnostic, ...]:
        self.errors.sort(key=lambda d: (d.line, d.col))
        if self.dropped:
            last = self.errors[-1]
            self.errors.append(
                Diagnostic(self.file, last.line, last.col, f"{self.dropped} more errors not shown")
            )
        return tuple(self.errors)


def whole_file_error(file: str, message: str, line: int = 1, col: int = 1, source: str = "") -> Diagnostic:
    return Diagnostic(file, line, col, message, source)
