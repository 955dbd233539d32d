"""A linear pre-scan that refuses TOML shapes no article can use, before tomli runs.

An article needs arrays and inline tables nested about three deep
(``sections = [{paragraphs = ["…"]}]``) and keys of at most two dotted parts
(``article.title``). tomli accepts far deeper shapes, and every later step
(the parser's recursion, position mapping, validation, messages) would then pay
for them, some quadratically. This scan reads the text once, jumping from one
significant character to the next with regular expressions, and reports the
first place where nesting or a dotted key goes past :data:`MAX_NESTING` or
:data:`MAX_KEY_PARTS`.

It never refuses what it does not understand: on anything unexpected (a
syntax error, an unclosed string) it returns ``None`` and leaves the verdict
to tomli, whose own message is better.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

#: Deepest nesting of arrays and inline tables an article may use.
MAX_NESTING = 8
#: Most parts a dotted key or table header may have.
MAX_KEY_PARTS = 8

_SPACE_LINES = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")
_SPACE = re.compile(r"[ \t]*")
_BARE = re.compile(r"[A-Za-z0-9_-]+")
# in a value: strings, comments, brackets, separators, the end of a line
_VALUE_TOKEN = re.compile(r"\"\"\"|'''|[\"'#\[\]{},\n=]")
# A whole line of the common kinds, read in one step: a table header or a key
# of at most two parts, then a one-line string, a scalar or an array of
# one-line strings. Anything else goes through the token loop.
_KEY2 = r"[A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)?"
# Each string is an unrolled loop of character classes, possessive where the
# regular expressions allow it (Python 3.11): no backtracking frame per
# character (a repeated alternation kept one: 1.8 GB for a 15 MB string).
_P = "+" if sys.version_info >= (3, 11) else ""
_STR1 = (
    rf"\"[^\"\\\n]*{_P}(?:\\.[^\"\\\n]*{_P})*{_P}\""
    rf"|'''[^'\n]*{_P}(?:'(?!'')[^'\n]*{_P})*{_P}'''(?!')|'[^'\n]*'"
)
# (written so that no input makes the regular expression backtrack much)
_SCALAR = r"[^\[\]{}\"'#\n \t]+(?:[ \t]+[^\[\]{}\"'#\n \t]+)*"
_SIMPLE_LINE = (
    rf"(?:\[\[?[ \t]*{_KEY2}[ \t]*\]\]?"
    rf"|{_KEY2}[ \t]*=[ \t]*(?:{_STR1}|\[[ \t]*(?:(?:{_STR1})[ \t]*(?:,[ \t]*)?)*\]|{_SCALAR}))"
    r"[ \t]*(?:#[^\n]*)?(?:\n|\Z)"
)
# one simple line after any blank lines and comments (one regex call a line; a
# repetition of lines in one call would keep a backtracking frame per line)
_SIMPLE_LINES = re.compile(rf"(?:[ \t\r\n]|#[^\n]*)*{_SIMPLE_LINE}")
_BASIC_END = re.compile(r'["\n]|\\.', re.S)
_ML_BASIC_END = re.compile(r'"""|\\.', re.S)


@dataclass(frozen=True)
class Refusal:
    """Where the file goes too deep (0-based offset) and what to say."""

    offset: int
    message: str


class _Unsure(Exception):
    """The scan met text it does not follow: let tomli decide."""


def _string_end(text: str, i: int) -> int:
    """Index just past the string literal that starts at ``i``."""
    if text.startswith('"""', i):
        j = i + 3
        while True:
            m = _ML_BASIC_END.search(text, j)
            if m is None:
                raise _Unsure
            if m.group() == '"""':
                end = m.end()
                while end < len(text) and text[end] == '"' and end - m.start() < 5:
                    end += 1
                return end
            j = m.end()
    if text.startswith("'''", i):
        k = text.find("'''", i + 3)
        if k < 0:
            raise _Unsure
        end = k + 3
        while end < len(text) and text[end] == "'" and end - k < 5:
            end += 1
        return end
    if text[i] == "'":
        k = text.find("'", i + 1)
        nl = text.find("\n", i + 1)
        if k < 0 or 0 <= nl < k:
            raise _Unsure
        return k + 1
    j = i + 1
    while True:
        m = _BASIC_END.search(text, j)
        if m is None or m.group() == "\n":
            raise _Unsure
        if m.group() == '"':
            return m.end()
        j = m.end()


def _key(text: str, i: int, stop: str) -> tuple[int, int]:
    """Read a (dotted) key at ``i`` up to ``stop``; return the index of ``stop``
    and the number of parts. Stops counting past the limit."""
    parts = 0
    n = len(text)
    while True:
        i = _SPACE.match(text, i).end()  # type: ignore[union-attr]
        if i >= n:
            raise _Unsure
        if text[i] in "\"'":
            if text.startswith(('"""', "'''"), i):
                raise _Unsure
            i = _string_end(text, i)
        else:
            m = _BARE.match(text, i)
            if m is None:
                raise _Unsure
            i = m.end()
        parts += 1
        if parts > MAX_KEY_PARTS:
            return i, parts
        i = _SPACE.match(text, i).end()  # type: ignore[union-attr]
        if text.startswith(".", i):
            i += 1
            continue
        if text.startswith(stop, i):
            return i, parts
        raise _Unsure


def _too_many_parts(kind: str, parts: int) -> str:
    return (
        f"{kind} has more than {MAX_KEY_PARTS} dotted parts; "
        f"an article's keys have at most two (such as article.title)"
    )


def prescan(text: str) -> Refusal | None:
    """The first place the text nests deeper than an article can use, or None."""
    try:
        return _scan(text)
    except (_Unsure, IndexError):
        return None


def _scan(text: str) -> Refusal | None:
    n = len(text)
    stack: list[str] = []  # "[" or "{" for each open array or inline table
    i = 1 if text.startswith("\ufeff") else 0
    expect_key = True
    while True:
        if expect_key:
            if not stack:
                line = _SIMPLE_LINES.match(text, i)
                while line is not None:
                    i = line.end()
                    line = _SIMPLE_LINES.match(text, i)
            i = _SPACE_LINES.match(text, i).end()  # type: ignore[union-attr]
            if i >= n:
                return None
            ch = text[i]
            if not stack and ch == "[":
                start = i
                aot = text.startswith("[[", i)
                end, parts = _key(text, i + (2 if aot else 1), "]")
                if parts > MAX_KEY_PARTS:
                    return Refusal(start, _too_many_parts("table header", parts))
                i = end + (2 if aot else 1)
                continue
            if stack and ch == "}":  # an empty inline table
                stack.pop()
                i += 1
                expect_key = False
                continue
            start = i
            end, parts = _key(text, i, "=")
            if parts > MAX_KEY_PARTS:
                return Refusal(start, _too_many_parts("key", parts))
            i = end + 1
            expect_key = False
            continue
        m = _VALUE_TOKEN.search(text, i)
        if m is None:
            return None
        token, i = m.group(), m.end()
        if token in ('"', "'", '"""', "'''"):
            i = _string_end(text, m.start())
        elif token == "#":
            nl = text.find("\n", i)
            i = n if nl < 0 else nl
        elif token == "\n":
            if not stack:
                expect_key = True
        elif token in "[{":
            stack.append(token)
            if len(stack) > MAX_NESTING:
                return Refusal(
                    m.start(),
                    f"arrays and inline tables nested more than {MAX_NESTING} levels deep; "
                    f"an article needs at most 3",
                )
            expect_key = token == "{"
        elif token in "]}":
            if not stack or stack.pop() != ("[" if token == "]" else "{"):
                raise _Unsure
        elif token == ",":
            if stack and stack[-1] == "{":
                expect_key = True
        else:  # "=" in a value: not something we follow
            raise _Unsure
