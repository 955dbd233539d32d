"""The query language and text folding that search, the reader's
highlights and the library store all share.

Query language
    words           every word must occur (ANDed), ignoring case and accents
    "a phrase"      the words together, in that order (\\" and \\\\ escape)
    speaker:NAME    the speaker's id, name, alias or a word of them, by prefix
    kind:KIND       direct / indirect for quotes; a claim kind for claims
    section:ID      one section (by id prefix)
    article:ID      one article (by id prefix)

Matching folds case (``str.casefold``, so Cyrillic and ß fold correctly)
and strips accents (NFKD without combining marks), folds typographic quotes,
apostrophes and dashes to their ASCII forms (’ = ', “ ” „ = ", – — = -;
``punct.PUNCT``), and treats any run of white space as one space. No Textual
and no pydantic import here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import get_args

from .kinds import ClaimKind, QuoteKind
from .punct import PUNCT
from .text import quoted

FILTERS = ("speaker", "kind", "section", "article")
QUOTE_KINDS: tuple[str, ...] = get_args(QuoteKind)
CLAIM_KINDS: tuple[str, ...] = get_args(ClaimKind)

_SPACE = re.compile(r"\s+")


# -- folding -------------------------------------------------------------


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _strip_combining(run: re.Match[str]) -> str:
    return "".join(c for c in run.group() if not unicodedata.combining(c))


def fold_words(text: str) -> list[str]:
    """The words of the case- and accent-insensitive form of ``text``."""
    if not text.isascii():
        # typographic quotes and dashes fold to ASCII one for one (’ = ', “ = ", – = -)
        text = unicodedata.normalize("NFKD", text.translate(PUNCT).casefold())
        # combining marks are never ASCII: look only at the non-ASCII runs
        text = _NON_ASCII_RUN.sub(_strip_combining, text)
    else:
        text = text.lower()
    return text.split()


def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text``; white space runs become
    one space, and leading and trailing white space goes."""
    return " ".join(fold_words(text))


# -- parsing -------------------------------------------------------------


class QueryError(ValueError):
    """A malformed query; ``position`` is where in the query it went wrong."""

    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


@dataclass(frozen=True)
class Query:
    text: str = ""
    terms: tuple[str, ...] = ()  # folded words
    phrases: tuple[str, ...] = ()  # folded phrases
    speaker: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    section: tuple[str, ...] = ()
    article: tuple[str, ...] = ()

    @property
    def needles(self) -> tuple[str, ...]:
        """Every folded string that must occur in the text."""
        return tuple(n for n in (*self.phrases, *self.terms) if n)

    @property
    def is_empty(self) -> bool:
        return not (self.needles or self.speaker or self.kind or self.section or self.article)


_FILTER_RE = re.compile(r"([A-Za-z]+):")


def parse(text: str) -> Query:
    """Parse a query; raises :class:`QueryError` on unknown filters or an unclosed quote."""
    terms: list[str] = []
    phrases: list[str] = []
    filters: dict[str, list[str]] = {name: [] for name in FILTERS}
    i, n = 0, len(text)

    def read_quoted(start: int) -> tuple[str, int]:
        out = []
        j = start + 1
        while j < n:
            ch = text[j]
            if ch == "\\" and j + 1 < n and text[j + 1] in '"\\':
                out.append(text[j + 1])
                j += 2
                continue
            if ch == '"':
                return "".join(out), j + 1
            out.append(ch)
            j += 1
        raise QueryError("unclosed quote", start)

    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch == '"':
            phrase, i = read_quoted(i)
            phrases.append(fold(phrase))
            continue
        m = _FILTER_RE.match(text, i)
        if m:
            name = m.group(1).lower()
            if name not in FILTERS:
                raise QueryError(
                    f"unknown filter {quoted(m.group(1))}: use speaker:, kind:, section: or article:", i
                )
            j = m.end()
            if j < n and text[j] == '"':
                value, i = read_quoted(j)
            else:
                k = j
                while k < n and not text[k].isspace():
                    k += 1
                value, i = text[j:k], k
            if not value.strip():
                raise QueryError(f"{name}: needs a value", j)
            value = fold(value.strip())
            if name == "kind" and value not in QUOTE_KINDS and value not in CLAIM_KINDS:
                raise QueryError(
                    f"unknown kind {quoted(value)}: use direct, indirect or a claim kind", j
                )
            filters[name].append(value)
            continue
        k = i
        while k < n and not text[k].isspace() and text[k] != '"':
            k += 1
        terms.append(fold(text[i:k]))
        i = k
    return Query(
        text=text,
        terms=tuple(terms),
        phrases=tuple(phrases),
        speaker=tuple(filters["speaker"]),
        kind=tuple(filters["kind"]),
        section=tuple(filters["section"]),
        article=tuple(filters["article"]),
    )


