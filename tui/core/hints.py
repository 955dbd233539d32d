"""Hints for TOML syntax errors that pasted article text causes.

A ``"`` pasted into a basic string ends it early, and the TOML parser then
reports something far from the cause ("Unclosed array", "Expected newline").
:func:`syntax_hint` recognises that case from the line and names the cure:
escape the ``"`` as ``\\"`` or write the text as a literal string
``'''…'''``, which takes text exactly as it is.
"""

from __future__ import annotations

import re

_KEY_LINE = re.compile(r"^\s*([A-Za-z0-9_.\"'-]+)\s*=")
_TABLE_LINE = re.compile(r"^\s*\[")


def _enclosing_key(lines: list[str], line: int) -> str | None:
    """The key whose value the 1-based ``line`` is part of, roughly: the last
    ``key =`` at or above it, unless a table header comes first."""
    for k in range(line - 1, -1, -1):
        text = lines[k]
        if _TABLE_LINE.match(text):
            return None
        m = _KEY_LINE.match(text)
        if m:
            return m.group(1).strip("\"'")
    return None


def _unescaped_quotes(text: str) -> list[int]:
    out: list[int] = []
    escaped = False
    for i, ch in enumerate(text):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            out.append(i)
    return out


def syntax_hint(text: str, line: int, col: int) -> tuple[str, int] | None:
    """``(hint, column)`` when the TOML syntax error at ``line``:``col`` looks
    like a ``"`` inside a basic string; the column is that of the ``"`` which
    ended the string too early."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    source = lines[line - 1]
    key = _enclosing_key(lines, line)
    body = source
    m = _KEY_LINE.match(source)
    if m:
        body = source[m.end() :]
    body_start = len(source) - len(body)
    quotes = [body_start + i for i in _unescaped_quotes(body)]
    if len(quotes) < 3 or "'''" in source or '"""' in source:
        return None
    # the string that ended too early is the first one; its closing mark is the
    # second ", and the words after it were meant to be inside
    early = next((q for q in quotes[1:] if q < col - 1), quotes[1])
    where = "a paragraph" if key == "paragraphs" else (f"the {key}" if key else "a string")
    return (
        f'a " inside {where} ends the string early (at column {early + 1}): write it as \\" '
        "or write the whole text as a literal string, '''like \"this\"''', which takes text exactly as it is",
        early + 1,
    )
