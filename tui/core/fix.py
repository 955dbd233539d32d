"""``quoth check --fix``: the safe fixes, made in place, keeping comments and layout.

The main fix: a quote's ``text`` (or its ``prefix`` or ``suffix``) that
differs from the paragraph only in typographic punctuation (straight and curly
quotes and apostrophes, dashes, non-breaking spaces, the ellipsis) or in white
space is rewritten to the paragraph's exact characters. And a ``prefix`` or
``suffix`` that would match if it touched the text, with only spaces and
punctuation between, is extended to touch it. The fix is worked out from
the article's own data (the passage equal to the text under
:mod:`.punct` folding), never from an error message; it is made only when it
is unambiguous: every passage that matches holds the same characters.

The file is edited with tomlkit, which keeps every comment, blank line and
string style, and the result is parsed again and compared with what was meant
before anything is written. Pure: no Textual, no file access here (the CLI
reads and writes atomically).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import tomli
import tomlkit
import tomlkit.items

from .punct import find_folded, fold_map, fold_punct
from .text import quoted
from .tomlpos import SourceMap


@dataclass(frozen=True)
class Fix:
    """One value to rewrite: ``quotes[index][key]`` from ``old`` to ``new``."""

    index: int
    quote_id: str
    key: str
    old: str
    new: str
    line: int = 1
    col: int = 1

    def describe(self, file: str) -> str:
        """``file:line:col: fixed: quote 'id' text: 'old' -> 'new'``."""
        return (
            f"{file}:{self.line}:{self.col}: fixed: quote {quoted(self.quote_id)} {self.key}: "
            f"{quoted(self.old, limit=80)} -> {quoted(self.new, limit=80)}"
        )


def _paragraphs(data: dict[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    sections = data.get("sections")
    if isinstance(sections, list):
        for section in sections:
            if isinstance(section, dict) and isinstance(section.get("id"), str):
                paragraphs = section.get("paragraphs")
                if isinstance(paragraphs, list):
                    out.setdefault(section["id"], [p for p in paragraphs if isinstance(p, str)])
    return out


def _exact(text: str, paragraphs: Sequence[str]) -> list[tuple[str, int, int]]:
    return [(p, a, b) for p in paragraphs for a, b in find_folded(p, text)]


def _prefix_fix(prefix: str, places: list[tuple[str, int, int]]) -> str | None:
    """The paragraph's own characters for ``prefix``, if the same at every place."""
    want = fold_punct(prefix)
    found: set[str] = set()
    for paragraph, start, _ in places:
        before = paragraph[:start]
        folded, origin = fold_map(before)
        if folded.endswith(want):
            found.add(before[origin[len(folded) - len(want)] :])
    return found.pop() if len(found) == 1 else None


def _suffix_fix(suffix: str, places: list[tuple[str, int, int]]) -> str | None:
    want = fold_punct(suffix)
    found: set[str] = set()
    for paragraph, _, end in places:
        after = paragraph[end:]
        folded, origin = fold_map(after)
        if folded.startswith(want):
            found.add(after[: origin[len(want)]])
    return found.pop() if len(found) == 1 else None


#: At most this many characters, none a letter or digit, may stand between a
#: prefix or suffix and the text for --fix to make it touch.
GAP = 6


def _touching(key: str, value: str, places: list[tuple[str, int, int]]) -> str | None:
    """``value`` extended to touch the text (``said`` -> ``said “``), if the
    gap is only spaces and punctuation and the same at every place."""
    found: set[str] = set()
    for paragraph, start, end in places:
        if key == "prefix":
            before = paragraph[:start]
            at = before.rfind(value, max(0, len(before) - len(value) - GAP))
            gap = before[at + len(value) :] if at >= 0 else ""
            if gap and not any(c.isalnum() for c in gap):
                found.add(before[at:])
        else:
            after = paragraph[end:]
            at = after.find(value, 0, len(value) + GAP)
            gap = after[:at] if at > 0 else ""
            if gap and not any(c.isalnum() for c in gap):
                found.add(after[: at + len(value)])
    return found.pop() if len(found) == 1 else None


def plan(text: str) -> list[Fix]:
    """The fixes for one article file's text; none if it is not valid TOML."""
    try:
        data = tomli.loads(text)
    except (tomli.TOMLDecodeError, RecursionError):
        return []
    sections = _paragraphs(data)
    quotes = data.get("quotes")
    if not isinstance(quotes, list):
        return []
    fixes: list[Fix] = []
    for i, quote in enumerate(quotes):
        if not isinstance(quote, dict) or not isinstance(quote.get("text"), str):
            continue
        qid = quote.get("id") if isinstance(quote.get("id"), str) else str(i + 1)
        section = quote.get("section")
        if isinstance(section, str):
            if section not in sections:
                continue  # an unknown section is for the author to settle
            paragraphs = sections[section]
        else:
            paragraphs = [p for ps in sections.values() for p in ps]
        current = quote["text"]
        places = [(p, a, a + len(current)) for p in paragraphs for a in _all(p, current)]
        if not places:
            places = _exact(current, paragraphs)
            news = {p[a:b] for p, a, b in places}
            if len(news) != 1:
                continue  # not found even folded, or found with different characters: not safe
            new = news.pop()
            fixes.append(Fix(i, str(qid), "text", current, new))
            current = new
        for key, fixer in (("prefix", _prefix_fix), ("suffix", _suffix_fix)):
            value = quote.get(key)
            if not isinstance(value, str) or not value:
                continue
            fits = [
                place
                for place in places
                if (place[0][: place[1]].endswith(value) if key == "prefix" else place[0][place[2] :].startswith(value))
            ]
            if fits:
                continue
            fixed = fixer(value, places) or _touching(key, value, places)
            if fixed is not None and fixed != value:
                fixes.append(Fix(i, str(qid), key, value, fixed))
    return _located(text, fixes)


def _all(paragraph: str, text: str) -> list[int]:
    out: list[int] = []
    start = paragraph.find(text) if text else -1
    while start >= 0:
        out.append(start)
        start = paragraph.find(text, start + 1)
    return out


def _located(text: str, fixes: list[Fix]) -> list[Fix]:
    if not fixes:
        return fixes
    where = SourceMap(text)
    out = []
    for fix in fixes:
        span = where.locate(("quotes", fix.index, fix.key))
        out.append(Fix(fix.index, fix.quote_id, fix.key, fix.old, fix.new, span.line, span.col))
    return out


def _styled(old: object, new: str) -> object:
    """``new`` as a TOML string in the style of ``old`` where it can be."""
    if isinstance(old, tomlkit.items.String):
        literal = old.type in (tomlkit.items.StringType.SLL, tomlkit.items.StringType.MLL)
        multiline = old.type in (tomlkit.items.StringType.MLB, tomlkit.items.StringType.MLL)
        if literal and ("'" in new if not multiline else "'''" in new or new.endswith("'")):
            literal = False
        if multiline and not literal:
            return tomlkit.string(new, multiline=True)
        if not multiline and "\n" in new:
            return tomlkit.string(new)
        return tomlkit.string(new, literal=literal, multiline=multiline)
    return new


def apply(text: str, fixes: Sequence[Fix]) -> str:
    """``text`` with ``fixes`` made, comments and layout kept. Raises
    ValueError if the result would not read back as exactly those changes."""
    if not fixes:
        return text
    doc = tomlkit.parse(text)
    quotes = doc["quotes"]
    for fix in fixes:
        table = quotes[fix.index]
        table[fix.key] = _styled(table.get(fix.key), fix.new)
    out = tomlkit.dumps(doc)
    expected = tomli.loads(text)
    for fix in fixes:
        expected["quotes"][fix.index][fix.key] = fix.new
    if tomli.loads(out) != expected:  # pragma: no cover - a tomlkit bug; never write it
        raise ValueError("the fixed file would not read back as intended")
    return out
