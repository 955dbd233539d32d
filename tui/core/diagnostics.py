"""Located errors: what the loader and the checks report.

A :class:`Diagnostic` names a file, a line and a column, quotes the offending
line, and escapes whatever it repeats from the file. :class:`Reporter`
collects one file's diagnostics and maps key paths to places lazily.

Reporting stays cheap however many errors a file holds: past
:data:`MAX_ERRORS_PER_FILE` an error is only counted (callers check
:attr:`Reporter.full` before building an expensive message), and places are
found at the end in one scan of the file that records only the paths asked
about.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
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
    #: On the "and N more errors" line that ends a capped file: N (that line is not an error itself).
    more: int = 0
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


#: A message, or a function that writes it once places are known (to cite another path's line).
Message = str | Callable[[SourceMap], str]

class Reporter:
    """Collects errors for one file; maps key paths to places at the end."""

    def __init__(self, file: str, text: str, *, limit: int = MAX_ERRORS_PER_FILE) -> None:
        self.file = file
        self.text = text
        self.limit = limit
        self._map: SourceMap | None = None
        # (where: a path or a Span, message, prefer the key, prefix the path, cited paths, severity)
        self._pending: list[tuple[tuple[object, ...] | Span, Message, bool, bool, tuple[tuple[object, ...], ...], str]] = []
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
        """A map of every path in the file (for callers outside the reporter)."""
        if self._map is None:
            self._map = SourceMap(self.text)
        return self._map

    @property
    def full(self) -> bool:
        """Whether further errors are only counted: skip building their messages."""
        return len(self._pending) >= self.limit

    @property
    def count(self) -> int:
        """How many errors were reported, shown or not."""
        return len(self._pending) + self.dropped

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The errors so far, located (prefer :meth:`finish`)."""
        return self._resolve()

    def skip(self) -> None:
        """Count an error whose message the caller did not build (see :attr:`full`)."""
        self.dropped += 1

    def at_span(self, span: Span, message: str, severity: str = "error") -> None:
        if self.full:
            self.dropped += 1
            return
        self._pending.append((span, message, False, False, (), severity))

    def at(
        self,
        path: tuple[object, ...],
        message: Message,
        *,
        key: bool = False,
        with_path: bool = True,
        cite: tuple[tuple[object, ...], ...] = (),
        severity: str = "error",
    ) -> None:
        """An error (or a warning, or a note) at ``path``; a callable message
        may cite the places of ``cite``."""
        if self.full:
            self.dropped += 1
            return
        self._pending.append((tuple(path), message, key, with_path, cite, severity))

    def _resolve(self) -> tuple[Diagnostic, ...]:
        wanted: set[tuple[object, ...]] = set()
        for where, _, _, _, cite, _ in self._pending:
            for path in (where, *cite) if not isinstance(where, Span) else cite:
                for n in range(len(path) + 1):
                    wanted.add(path[:n])
        smap = self._map if self._map is not None else SourceMap(self.text, wanted=wanted)
        out = []
        lines: dict[int, str] = {}  # one copy of a line, however many errors stand on it
        for where, message, key, with_path, _, severity in self._pending:
            text = message if isinstance(message, str) else message(smap)
            if isinstance(where, Span):
                span = where
            else:
                span = smap.locate(where, prefer_key=key)
                if with_path and where:
                    text = f"{describe(where, self.names)}: {text}"
            source = lines.get(span.line)
            if source is None:
                source = lines[span.line] = smap.line(span.line)
            out.append(Diagnostic(self.file, span.line, span.col, text, source, span.width, severity))
        return tuple(out)

    def finish(self) -> tuple[Diagnostic, ...]:
        errors = sorted(self._resolve(), key=lambda d: (d.line, d.col))
        if self.dropped:
            last = errors[-1]
            errors.append(
                Diagnostic(
                    self.file,
                    last.line,
                    last.col,
                    f"and {self.dropped:,} more errors in this file (the first {len(errors)} are shown)",
                    more=self.dropped,
                )
            )
        return tuple(errors)


def whole_file_error(file: str, message: str, line: int = 1, col: int = 1, source: str = "") -> Diagnostic:
    return Diagnostic(file, line, col, message, source)
