"""Quote and claim search: the in-memory index and the matcher, for the app
and the CLI. The query language and folding are in :mod:`.query`. Results
are ranked: phrase hits first, then by how many times the terms occur, then
in reading order. No Textual import here (a test checks it).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol

from .foldmap import find_spans, fold_with_map
from .gcutil import gc_paused

if TYPE_CHECKING:  # no pydantic at run time: the store answers searches without it
    from .article import Article

from .query import CLAIM_KINDS, FILTERS, QUOTE_KINDS, Query, QueryError, fold, fold_words, parse

__all__ = [
    "CLAIM_KINDS",
    "FILTERS",
    "QUOTE_KINDS",
    "Hit",
    "Query",
    "QueryError",
    "Record",
    "RecordType",
    "Results",
    "SearchIndex",
    "Searcher",
    "fold",
    "filter_tests",
    "fold_words",
    "match_spans",
    "merge_spans",
    "parse",
]


# -- the index -----------------------------------------------------------

#: What a search can find. Quotes and claims always; an index built with
#: ``whole_text=True`` (one article in the reader) also holds passages (each
#: paragraph, and each section title) and people (each entity's names).
RecordType = Literal["quote", "claim", "passage", "entity"]


class Record(NamedTuple):
    """One searchable text. For a passage, ``kind`` is "paragraph" (``id`` is
    "SECTION/N", N its index in the section) or "title" (``id`` is the
    section); for an entity, ``id`` and ``speaker`` are the entity."""

    type: RecordType
    article: str
    id: str
    section: str
    speaker: str
    kind: str
    text: str
    order: int  # reading order across the library

    @property
    def paragraph(self) -> int | None:
        """The paragraph's index in its section, for a paragraph passage."""
        if self.type == "passage" and self.kind == "paragraph":
            return int(self.id.rpartition("/")[2])
        return None


class Hit(NamedTuple):
    record: Record
    phrase: bool
    occurrences: int  # of the needles in the record (not ``count``: tuple has one)

    def spans(self, query: Query) -> list[tuple[int, int]]:
        """Offsets of every match in the record's original text, merged."""
        return match_spans(self.record.text, query)


@dataclass
class Results:
    query: Query
    quotes: list[Hit] = field(default_factory=list)
    claims: list[Hit] = field(default_factory=list)
    passages: list[Hit] = field(default_factory=list)
    entities: list[Hit] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.quotes) + len(self.claims) + len(self.passages) + len(self.entities)

    def groups(self) -> list[tuple[RecordType, list[Hit]]]:
        """The non-empty groups, in the order they are shown."""
        named: list[tuple[RecordType, list[Hit]]] = [
            ("quote", self.quotes),
            ("claim", self.claims),
            ("passage", self.passages),
            ("entity", self.entities),
        ]
        return [(kind, hits) for kind, hits in named if hits]


_PLAIN_SPACE = re.compile(r"\s\s|[^\S ]")


def match_spans(text: str, query: Query, window: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    """Offsets of every match of the query's needles in ``text``, merged.

    With ``window=(start, end)`` only the matches that overlap that part of
    the text are found, at a cost proportional to the window, not the text
    (for a reader showing part of a huge paragraph); a span may then be cut
    short a little outside the window."""
    needles = query.needles
    if not needles:
        return []
    if window is not None:
        # a match overlapping the window lies within this margin of it (folding
        # changes a character into at most a few)
        margin = 4 * max(len(n) for n in needles) + 8
        a, b = max(0, window[0] - margin), min(len(text), window[1] + margin)
        return [
            (s + a, e + a)
            for s, e in match_spans(text[a:b], query)
            if s + a < window[1] and e + a > window[0]
        ]
    if text.isascii() and not _PLAIN_SPACE.search(text):
        # the common case: folding is lower() and every offset stays put
        folded, origin = text.lower(), None
    else:
        folded, mapping = fold_with_map(text)
        origin = mapping
    spans: list[tuple[int, int]] = []
    for needle in needles:
        for start, end in find_spans(folded, needle):
            spans.append((start, end) if origin is None else (origin[start], origin[end - 1] + 1))
    spans.sort()
    return merge_spans(spans)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with the overlapping and touching ones made one."""
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def filter_tests(
    kind: str, query: Query, speaker_keys: Callable[[tuple[str, ...]], set[tuple[str, str]]]
) -> list[Callable[[Record], bool]] | None:
    """One test per filter of ``query`` for records of ``kind``; None when
    nothing can pass. ``speaker_keys`` finds the (article, entity) keys of the
    speakers a ``speaker:`` filter names. The in-memory index and the store
    both filter with this."""
    tests: list[Callable[[Record], bool]] = []
    if kind in ("passage", "entity") and (query.kind or query.speaker):
        return None  # passages and people have no speaker and no quote or claim kind
    if kind == "entity" and query.section:
        return None
    if query.kind:
        kinds = set(query.kind)
        if len(kinds) > 1 or not kinds <= set(QUOTE_KINDS if kind == "quote" else CLAIM_KINDS):
            return None  # a kind of the other type, or two different kinds
        (wanted,) = kinds
        tests.append(lambda r: r.kind == wanted)
    if query.speaker:
        keys = speaker_keys(query.speaker)
        if not keys:
            return None
        tests.append(lambda r: (r.article, r.speaker) in keys)
    if query.article:
        articles = query.article
        tests.append(lambda r: all(r.article.startswith(a) for a in articles))
    if query.section:
        sections = query.section
        tests.append(lambda r: all(r.section.startswith(s) for s in sections))
    return tests


class _Table:
    """The records of one type, folded once, with an inverted word index.

    A query needle is a substring, not a word: the words of the vocabulary
    that contain it are found with one C-speed scan of the vocabulary, and
    the union of their postings is exactly the set of records holding it
    (a needle with spaces is checked on the records that hold its parts).
    Set operations run in C, so a query costs little more than its hits.
    """

    def __init__(self) -> None:
        self.records: list[Record] = []
        self.folded: list[str] = []
        self.words: dict[str, list[int]] = {}
        self._vocab: list[str] = []
        self._blob = ""
        self._starts: list[int] = []

    def add(self, record: Record) -> None:
        self.records.append(record)

    def freeze(self) -> None:
        # A record may appear twice in a posting list (a repeated word); the
        # look-ups take unions of sets, and skipping set() here is faster.
        words: defaultdict[str, list[int]] = defaultdict(list)
        folded = self.folded = []
        for i, record in enumerate(self.records):
            parts = fold_words(record.text)  # split once: for the postings and the folded text
            folded.append(" ".join(parts))
            for word in parts:
                words[word].append(i)
        self.words = dict(words)
        self._vocab = list(words)
        starts, pos = [], 0
        for word in self._vocab:
            starts.append(pos)
            pos += len(word) + 1
        self._starts = starts
        self._blob = "\n".join(self._vocab)

    def containing(self, needle: str) -> set[int]:
        """Records whose folded text holds every space-separated part of ``needle``."""
        result: set[int] | None = None
        for part in sorted(needle.split(" "), key=len, reverse=True):
            ids = self._containing_word(part)
            result = ids if result is None else result & ids
            if not result:
                return set()
        return result or set()

    def _containing_word(self, part: str) -> set[int]:
        blob, starts, vocab, words = self._blob, self._starts, self._vocab, self.words
        ids: set[int] = set()
        pos = blob.find(part)
        while pos >= 0:
            w = bisect.bisect_right(starts, pos) - 1
            ids.update(words[vocab[w]])
            nxt = starts[w + 1] if w + 1 < len(starts) else len(blob)
            pos = blob.find(part, nxt)
        return ids


class Searcher(Protocol):
    """What can be searched: the in-memory :class:`SearchIndex`, or the
    library store's (:class:`.store_search.StoreSearch`)."""

    def search(self, query: Query | str, *, types: Sequence[RecordType] | None = None) -> Results: ...

    def __len__(self) -> int: ...


class SearchIndex:
    """Every quote and claim of some articles, searchable fast."""

    def __init__(self, articles: Iterable[Article], *, whole_text: bool = False) -> None:
        self.whole_text = whole_text
        with gc_paused(freeze=True):  # many small lists: the cyclic GC would rescan the whole heap
            self._build(articles)

    @property
    def types(self) -> tuple[RecordType, ...]:
        """What :meth:`search` looks through unless told otherwise."""
        return ("quote", "claim", "passage", "entity") if self.whole_text else ("quote", "claim")

    def _build(self, articles: Iterable[Article]) -> None:
        self.tables: dict[str, _Table] = {"quote": _Table(), "claim": _Table()}
        if self.whole_text:
            self.tables["passage"] = _Table()
            self.tables["entity"] = _Table()
        # every name a speaker goes by (id, folded name and aliases, and their
        # words) -> the (article, entity) keys going by it
        by_name: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
        known: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}  # people recur across articles
        order = 0
        quote_table, claim_table = self.tables["quote"], self.tables["claim"]
        for article in articles:
            for entity in article.doc.entities:
                names = known.get((entity.id, entity.names))
                if names is None:
                    folded = [entity.id, *(fold(n) for n in entity.names)]
                    words = [w for n in folded for w in n.replace("-", " ").split()]
                    names = known[(entity.id, entity.names)] = tuple(dict.fromkeys(folded + words))
                key = (article.id, entity.id)
                for name in names:
                    by_name[name].append(key)
            position = article.section_index
            anchors = article.anchors
            quotes = sorted(
                article.doc.quotes,
                key=lambda q: (position[q.section], anchors[q.id].paragraph, anchors[q.id].start),
            )
            aid = article.id
            for q in quotes:
                quote_table.add(Record("quote", aid, q.id, q.section, q.speaker, q.kind, q.text, order))
                order += 1
            for c in sorted(article.doc.claims, key=lambda c: position[c.section]):
                claim_table.add(Record("claim", aid, c.id, c.section, c.speaker, c.kind, c.text, order))
                order += 1
            if self.whole_text:
                order = self._add_whole_text(article, order)
        for table in self.tables.values():
            table.freeze()
        self._by_name = dict(by_name)
        self._names = sorted(by_name)  # for prefix look-ups

    def _add_whole_text(self, article: Article, order: int) -> int:
        passages, people, aid = self.tables["passage"], self.tables["entity"], article.id
        for section in article.doc.sections:
            if section.title:
                passages.add(Record("passage", aid, section.id, section.id, "", "title", section.title, order))
                order += 1
            for n, paragraph in enumerate(section.paragraphs):
                passages.add(Record("passage", aid, f"{section.id}/{n}", section.id, "", "paragraph", paragraph, order))
                order += 1
        for entity in article.doc.entities:
            text = " · ".join(entity.names) + (f" ({entity.role})" if entity.role else "")
            people.add(Record("entity", aid, entity.id, "", entity.id, entity.kind, text, order))
            order += 1
        return order

    @property
    def records(self) -> dict[str, list[Record]]:
        return {kind: table.records for kind, table in self.tables.items()}

    def __len__(self) -> int:
        return sum(len(t.records) for t in self.tables.values())

    # -- searching -------------------------------------------------------

    def search(self, query: Query | str, *, types: Sequence[RecordType] | None = None) -> Results:
        if isinstance(query, str):
            query = parse(query)
        results = Results(query)
        for kind in self.types if types is None else types:
            table = self.tables.get(kind)
            if table is None:
                continue
            hits = self._search(table, kind, query)
            if kind == "quote":
                results.quotes = hits
            elif kind == "claim":
                results.claims = hits
            elif kind == "passage":
                results.passages = hits
            else:
                results.entities = hits
        return results

    def _speaker_keys(self, prefixes: tuple[str, ...]) -> set[tuple[str, str]]:
        result: set[tuple[str, str]] | None = None
        names, by_name = self._names, self._by_name
        for prefix in prefixes:
            keys: set[tuple[str, str]] = set()
            at = bisect.bisect_left(names, prefix)
            while at < len(names) and names[at].startswith(prefix):
                keys.update(by_name[names[at]])
                at += 1
            result = keys if result is None else result & keys
        return result or set()

    def _filter_tests(self, kind: str, query: Query) -> list[Callable[[Record], bool]] | None:
        return filter_tests(kind, query, self._speaker_keys)

    def _search(self, table: _Table, kind: str, query: Query) -> list[Hit]:
        tests = self._filter_tests(kind, query)
        if tests is None:
            return []
        needles = sorted(query.needles, key=len, reverse=True)
        records, folded = table.records, table.folded
        if not needles:
            every: Iterable[int] = range(len(records))
            if tests:
                every = [i for i in every if all(t(records[i]) for t in tests)]
            return [Hit(records[i], True, 0) for i in every]
        candidates: set[int] | None = None
        for needle in needles:
            found = table.containing(needle)
            candidates = found if candidates is None else candidates & found
            if not candidates:
                return []
        assert candidates is not None
        # a needle with spaces was found by its parts; check it whole
        spaced = [n for n in needles if " " in n]
        ids = [
            i
            for i in candidates
            if all(n in folded[i] for n in spaced) and all(t(records[i]) for t in tests)
        ] if (spaced or tests) else list(candidates)
        if len(needles) == 1:
            n = needles[0]
            keyed = [(-folded[i].count(n), i) for i in ids]
            keyed.sort()
            return [Hit(records[i], True, -c) for c, i in keyed]
        joined = " ".join(query.terms) if len(query.terms) > 1 else ""
        ranked = []
        for i in ids:
            text = folded[i]
            ranked.append((not joined or joined in text, sum(text.count(n) for n in needles), i))
        # phrase hits first, then more occurrences, then reading order (i follows reading order)
        ranked.sort(key=lambda t: (not t[0], -t[1], t[2]))
        return [Hit(records[i], phrase, count) for phrase, count, i in ranked]
