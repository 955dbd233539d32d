"""Source positions for TOML paths.

tomli returns plain data without positions, and pydantic reports errors as
paths such as ``("quotes", 2, "speaker")``. This module scans the source
text once more and maps key paths to where their key and value stand, so
that an error can point at a line and column.

It runs only when there is an error to report, with the same limits as the
loader's success path: it never raises, handles nesting without recursion,
stops at the nesting and dotted-key limits of :mod:`.tomllimits`, and gives up
quietly (keeping what it found) on text it does not follow. Given the set of
paths it is asked about (``wanted``), it records only those, so its memory
does not grow with the file.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import tomli

from .tomllimits import MAX_KEY_PARTS, MAX_NESTING

Path = tuple[object, ...]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR = re.compile(r"[^,\]}\n#\r]*")
_SPACE = re.compile(r"[ \t]*")
_SPACE_LINES = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")


@dataclass(frozen=True, slots=True)
class Span:
    """A place in the file: 1-based line and column, and a width in characters."""

    line: int
    col: int
    width: int = 1


class _Stop(Exception):
    pass


class SourceMap:
    """Where each key path of a TOML document stands in its text."""

    def __init__(
        self, text: str, *, depth_limit: int = MAX_NESTING, wanted: Collection[Path] | None = None
    ) -> None:
        self.text = text
        self._starts = array("q", [0])
        self._starts.extend(m.end() for m in re.finditer("\n", text))
        self.keys: dict[Path, Span] = {}
        self.values: dict[Path, Span] = {}
        #: Where nesting first went deeper than ``depth_limit``.
        self.too_deep: Span | None = None
        self._depth_limit = depth_limit
        self._wanted = wanted
        # the scan stops once it has found every wanted path (the root is never recorded)
        self._remaining = {p for p in wanted if p} if wanted is not None else None
        self._i = 0
        self._done = False
        self._aot: dict[Path, int] = {}
        try:
            self._scan()
        except (_Stop, IndexError, ValueError, RecursionError):
            pass

    # -- public --------------------------------------------------------

    def line(self, number: int) -> str:
        """Text of a 1-based line, without its newline."""
        if 1 <= number <= len(self._starts):
            start = self._starts[number - 1]
            end = self._starts[number] - 1 if number < len(self._starts) else len(self.text)
            return self.text[start:end].rstrip("\r")
        return ""

    def locate(self, path: Path, *, prefer_key: bool = False) -> Span:
        """Best position for ``path``: its value, else its key or table header,
        else the nearest enclosing table that exists, else the top of the file."""
        path = tuple(path)
        first, second = (self.keys, self.values) if prefer_key else (self.values, self.keys)
        while path:
            for table in (first, second):
                if path in table:
                    return table[path]
            path = path[:-1]
        return Span(1, 1, 1)

    def span_at(self, index: int, end: int | None = None) -> Span:
        line = bisect.bisect_right(self._starts, index) - 1
        col = index - self._starts[line]
        line_end = self._starts[line + 1] - 1 if line + 1 < len(self._starts) else len(self.text)
        stop = line_end if end is None else min(end, line_end)
        return Span(line + 1, col + 1, max(1, stop - index))

    # -- scanning ------------------------------------------------------

    def _peek(self, offset: int = 0) -> str:
        j = self._i + offset
        return self.text[j] if j < len(self.text) else ""

    def _skip_space(self, newlines: bool = False) -> None:
        self._i = (_SPACE_LINES if newlines else _SPACE).match(self.text, self._i).end()  # type: ignore[union-attr]

    def _skip_comment(self) -> None:
        self._skip_space()
        if self._peek() == "#":
            nl = self.text.find("\n", self._i)
            self._i = len(self.text) if nl < 0 else nl

    def _string_end(self, i: int) -> int:
        """Index just past the string literal that starts at ``i``."""
        text = self.text
        if text.startswith('"""', i) or text.startswith("'''", i):
            delim = text[i : i + 3]
            j = i + 3
            while True:
                k = text.find(delim, j)
                if k < 0:
                    raise _Stop
                if delim == '"""':
                    # count the backslashes before the delimiter
                    b, m = 0, k - 1
                    while m >= j and text[m] == "\\":
                        b += 1
                        m -= 1
                    if b % 2:
                        j = k + 1
                        continue
                end = k + 3
                extra = 0
                while extra < 2 and end < len(text) and text[end] == delim[0]:
                    end += 1
                    extra += 1
                return end
        quote = text[i]
        j = i + 1
        while j < len(text):
            ch = text[j]
            if ch == "\\" and quote == '"':
                j += 2
                continue
            if ch == quote:
                return j + 1
            if ch == "\n":
                raise _Stop
            j += 1
        raise _Stop

    def _read_key(self) -> tuple[list[str], int, int]:
        parts: list[str] = []
        start = self._i
        while True:
            self._skip_space()
            ch = self._peek()
            if ch in ('"', "'"):
                end = self._string_end(self._i)
                raw = self.text[self._i : end]
                try:
                    parts.append(tomli.loads("k = " + raw)["k"])
                except Exception:
                    parts.append(raw[1:-1])
                self._i = end
            else:
                m = _BARE.match(self.text, self._i)
                if m is None:
                    raise _Stop
                parts.append(m.group())
                self._i = m.end()
            if len(parts) > MAX_KEY_PARTS:
                raise _Stop
            end_of_key = self._i
            self._skip_space()
            if self._peek() == ".":
                self._i += 1
                continue
            return parts, start, end_of_key

    def _key_and_equals(self, base: Path) -> Path:
        """Read ``key =`` at the cursor, record where the key stands, return its path."""
        parts, start, end = self._read_key()
        path = self._record_key(base, parts, start, end)
        if self._peek() != "=":
            raise _Stop
        self._i += 1
        self._skip_space()
        return path

    def _resolve(self, keys: list[str]) -> Path:
        """The concrete path of a header's keys: the last element of each array
        of tables on the way. (A key has at most MAX_KEY_PARTS parts.)"""
        concrete: Path = ()
        for key in keys:
            concrete += (key,)
            count = self._aot.get(concrete)
            if count:
                concrete += (count - 1,)
        return concrete

    def _keep(self, path: Path) -> bool:
        if self._wanted is None:
            return True
        if path not in self._wanted:
            return False
        remaining = self._remaining
        if remaining is not None and path in remaining:
            remaining.discard(path)
            if not remaining:
                self._done = True
        return True

    def _record_key(self, base: Path, parts: list[str], start: int, end: int) -> Path:
        path = base
        for part in parts:
            path = path + (part,)
            if path not in self.keys and self._keep(path):
                self.keys[path] = self.span_at(start, end)
        return path

    def _scan(self) -> None:
        text = self.text
        if text.startswith("\ufeff"):
            self._i = 1
        current: Path = ()
        while not self._done:
            self._skip_space(newlines=True)
            if self._i >= len(text):
                return
            start = self._i
            if text.startswith("[[", self._i):
                self._i += 2
                parts, _, _ = self._read_key()
                parent = self._resolve(parts[:-1])
                table = parent + (parts[-1],)
                count = self._aot.get(table, 0)
                self._aot[table] = count + 1
                current = table + (count,)
                close = text.find("]]", self._i)
                self._i = close + 2 if close >= 0 else len(text)
                if self._keep(current):
                    self.keys[current] = self.span_at(start, self._i)
                if table not in self.keys and self._keep(table):
                    self.keys[table] = self.span_at(start, self._i)
            elif text[self._i] == "[":
                self._i += 1
                parts, _, _ = self._read_key()
                current = self._resolve(parts)
                close = text.find("]", self._i)
                self._i = close + 1 if close >= 0 else len(text)
                if self._keep(current):
                    self.keys[current] = self.span_at(start, self._i)
            else:
                self._value(self._key_and_equals(current))
            self._skip_comment()

    def _scalar(self, path: Path) -> None:
        start = self._i
        ch = self._peek()
        if ch in ('"', "'"):
            self._i = self._string_end(start)
        else:
            j = _SCALAR.match(self.text, start).end()  # type: ignore[union-attr]
            # a value such as a datetime may hold one space; trailing space is not part of it
            while j > start and self.text[j - 1] in " \t":
                j -= 1
            if j == start:
                raise _Stop
            self._i = j
        if self._keep(path):
            self.values[path] = self.span_at(start, self._i)

    def _value(self, path: Path) -> None:
        """Parse the value at the cursor (arrays and inline tables iteratively)."""
        stack: list[list[Any]] = []  # [kind, path, index, start]
        need_value = True
        while True:
            if need_value:
                ch = self._peek()
                if ch in ("[", "{"):
                    stack.append(["array" if ch == "[" else "table", path, 0, self._i])
                    if self._depth_limit and len(stack) > self._depth_limit:
                        self.too_deep = self.span_at(self._i)
                        raise _Stop
                    self._i += 1
                    top = stack[-1]
                    if top[0] == "array":
                        self._skip_space(newlines=True)
                        if self._peek() == "]":
                            self._i += 1
                            self._close(stack)
                            need_value = False
                            continue
                        path = top[1] + (0,)
                        continue
                    self._skip_space(newlines=True)
                    if self._peek() == "}":
                        self._i += 1
                        self._close(stack)
                        need_value = False
                        continue
                    path = self._key_and_equals(top[1])
                    continue
                self._scalar(path)
                need_value = False
            if not stack:
                return
            top = stack[-1]
            self._skip_space(newlines=True)
            ch = self._peek()
            if top[0] == "array":
                if ch == ",":
                    self._i += 1
                    self._skip_space(newlines=True)
                    if self._peek() == "]":
                        self._i += 1
                        self._close(stack)
                        continue
                    top[2] += 1
                    path = top[1] + (top[2],)
                    need_value = True
                elif ch == "]":
                    self._i += 1
                    self._close(stack)
                else:
                    raise _Stop
            else:
                if ch == ",":
                    self._i += 1
                    self._skip_space(newlines=True)
                    if self._peek() == "}":
                        self._i += 1
                        self._close(stack)
                        continue
                    path = self._key_and_equals(top[1])
                    need_value = True
                elif ch == "}":
                    self._i += 1
                    self._close(stack)
                else:
                    raise _Stop

    def _close(self, stack: list[list[Any]]) -> None:
        _, path, _, start = stack.pop()
        if self._keep(path):
            self.values[path] = self.span_at(start, self._i)
