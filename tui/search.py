"""Quote and claim search: one query parser and matcher for the app and the CLI.

Query language
    words           every word must occur (ANDed), ignoring case and accents
    "a phrase"      the words together, in that order (\\" and \\\\ escape)
    speaker:NAME    the speaker's id, name, alias or a word of them, by prefix
    kind:KIND       direct / indirect for quotes; a claim kind for claims
    section:ID      one section (by id prefix)
    article:ID      one article (by id prefix)

Matching folds case (``str.casefold``, so Cyrillic and ß fold correctly)
and strips accents (NFKD without combining marks), and treats any run of
white space as one space. Results are ranked: phrase hits first, then by how
many times the terms occur, then in reading order.

No Textual import here (a test checks it).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .load import Article
from .model import ClaimKind, QuoteKind
from .text import quoted

FILTERS = ("speaker", "kind", "section", "article")
QUOTE_KINDS: tuple[str, ...] = QuoteKind.__args__  # type: ignore[attr-defined]
CLAIM_KINDS: tuple[str, ...] = ClaimKind.__args__  # type: ignore[attr-defined]

_SPACE = re.compile(r"\s+")


# -- folding -------------------------------------------------------------


def _fold_char(ch: str) -> str:
    out = unicodedata.normalize("NFKD", ch.casefold())
    return "".join(c for c in out if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text``, white space collapsed."""
    if text.isascii():
        return _SPACE.sub(" ", text.lower())
    out = unicodedata.normalize("NFKD", text.casefold())
    out = "".join(c for c in out if not unicodedata.combining(c))
    return _SPACE.sub(" ", out)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and map each folded position back to an original offset."""
    chars: list[str] = []
    origin: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        for c in _fold_char(ch) if not ch.isascii() else ch.lower():
            if c.isspace():
                if prev_space:
                    continue
                c, prev_space = " ", True
            else:
                prev_space = False
            chars.append(c)
            origin.append(i)
    origin.append(len(text))
    return "".join(chars), origin


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
        return tuple(n for n in (*self.phrases, *self.terms) if n.strip())

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


# -- the index -----------------------------------------------------------

RecordType = Literal["quote", "claim"]


@dataclass(frozen=True, slots=True)
class Record:
    type: RecordType
    article: str
    id: str
    section: str
    speaker: str
    kind: str
    text: str
    order: int  # reading order across the library


@dataclass(frozen=True)
class Hit:
    record: Record
    phrase: bool
    count: int

    def spans(self, query: Query) -> list[tuple[int, int]]:
        """Offsets of every match in the record's original text, merged."""
        return match_spans(self.record.text, query)


@dataclass
class Results:
    query: Query
    quotes: list[Hit] = field(default_factory=list)
    claims: list[Hit] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.quotes) + len(self.claims)


def match_spans(text: str, query: Query) -> list[tuple[int, int]]:
    needles = query.needles
    if not needles:
        return []
    folded, origin = fold_with_map(text)
    spans: list[tuple[int, int]] = []
    for needle in needles:
        start = folded.find(needle)
        while start >= 0:
            end = start + len(needle)
            spans.append((origin[start], origin[end - 1] + 1))
            start = folded.find(needle, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


class SearchIndex:
    """Every quote and claim of some articles, folded once, searchable fast.

    The folded texts are joined into one string per record type, so that
    finding the rarest needle is a C-speed scan; the other needles and the
    filters are then checked on the candidates only.
    """

    def __init__(self, articles: Iterable[Article]) -> None:
        self.records: dict[str, list[Record]] = {"quote": [], "claim": []}
        self._folded: dict[str, list[str]] = {"quote": [], "claim": []}
        self._speakers: dict[tuple[str, str], tuple[str, ...]] = {}
        order = 0
        for article in articles:
            for entity in article.doc.entities:
                names = [entity.id, *(fold(n) for n in entity.names)]
                words = [w for n in names for w in n.replace("-", " ").split()]
                self._speakers[(article.id, entity.id)] = tuple(dict.fromkeys(names + words))
            position = {s.id: i for i, s in enumerate(article.doc.sections)}
            anchors = article.anchors
            quotes = sorted(
                article.doc.quotes,
                key=lambda q: (position[q.section], anchors[q.id].paragraph, anchors[q.id].start),
            )
            for q in quotes:
                self._add(Record("quote", article.id, q.id, q.section, q.speaker, q.kind, q.text, order))
                order += 1
            for c in sorted(article.doc.claims, key=lambda c: position[c.section]):
                self._add(Record("claim", article.id, c.id, c.section, c.speaker, c.kind, c.text, order))
                order += 1
        self._corpus: dict[str, str] = {}
        self._starts: dict[str, list[int]] = {}
        for kind, folded in self._folded.items():
            starts, pos = [], 0
            for text in folded:
                starts.append(pos)
                pos += len(text) + 1
            self._starts[kind] = starts
            self._corpus[kind] = "\n".join(folded)

    def _add(self, record: Record) -> None:
        self.records[record.type].append(record)
        self._folded[record.type].append(fold(record.text))

    def __len__(self) -> int:
        return sum(len(r) for r in self.records.values())

    # -- searching -------------------------------------------------------

    def search(self, query: Query | str, *, types: Sequence[RecordType] = ("quote", "claim")) -> Results:
        if isinstance(query, str):
            query = parse(query)
        results = Results(query)
        for kind in types:
            hits = self._search(kind, query)
            if kind == "quote":
                results.quotes = hits
            else:
                results.claims = hits
        return results

    def _candidates(self, kind: str, query: Query) -> Iterable[int]:
        needles = query.needles
        if not needles:
            return range(len(self.records[kind]))
        longest = max(needles, key=len)
        corpus, starts = self._corpus[kind], self._starts[kind]
        out: list[int] = []
        last = -1
        find = corpus.find
        pos = find(longest)
        while pos >= 0:
            doc = bisect.bisect_right(starts, pos) - 1
            if doc != last:
                out.append(doc)
                last = doc
                # skip to the next record
                nxt = starts[doc + 1] if doc + 1 < len(starts) else len(corpus)
                pos = find(longest, nxt)
            else:  # pragma: no cover - the skip above makes this rare
                pos = find(longest, pos + 1)
        return out

    def _speaker_ok(self, record: Record, prefixes: tuple[str, ...]) -> bool:
        names = self._speakers.get((record.article, record.speaker), (record.speaker,))
        return all(any(n.startswith(p) for n in names) for p in prefixes)

    def _search(self, kind: str, query: Query) -> list[Hit]:
        records, folded = self.records[kind], self._folded[kind]
        needles = query.needles
        others = list(needles)
        if others:
            others.remove(max(needles, key=len))  # _candidates already found it
        kinds = [k for k in query.kind if k in (QUOTE_KINDS if kind == "quote" else CLAIM_KINDS)]
        if query.kind and not kinds:
            return []
        joined = " ".join(query.terms) if len(query.terms) > 1 else ""
        hits: list[Hit] = []
        for i in self._candidates(kind, query):
            text = folded[i]
            if others and not all(n in text for n in others):
                continue
            record = records[i]
            if kinds and record.kind not in kinds:
                continue
            if query.section and not all(record.section.startswith(s) for s in query.section):
                continue
            if query.article and not all(record.article.startswith(a) for a in query.article):
                continue
            if query.speaker and not self._speaker_ok(record, query.speaker):
                continue
            phrase = bool(query.phrases) or (bool(joined) and joined in text) or len(query.terms) == 1
            count = sum(text.count(n) for n in needles) if needles else 0
            hits.append(Hit(record, phrase, count))
        if len(query.terms) > 1 or len(needles) > 1:
            hits.sort(key=lambda h: (not h.phrase, -h.count, h.record.order))
        elif needles:
            hits.sort(key=lambda h: (-h.count, h.record.order))
        return hits
