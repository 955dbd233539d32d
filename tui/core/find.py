"""Matches of a query in an article's text, in reading order: what the
reader's ``n``/``N`` step through, as in less or vim.

The reader shows each section as its heading, its paragraphs, then its
claims; a match is a span in one of those, and they are ordered the same way.

The matches are found lazily, at most :data:`STEP` at a time (a search
keystroke on a 15 MiB paragraph with a million matches must not find them
all): :attr:`Finder.complete` says whether all have been found, and
:meth:`Finder.count_text` gives "N" or "N+" for the status. Stepping past
the last found finds the next :data:`STEP`; a text longer than
:data:`LONG` characters is searched a window of :data:`CHUNK` at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .article import Article
from .search import Query, fold_words, match_spans

Place = Literal["title", "paragraph", "claim"]
_RANK: dict[Place, int] = {"title": 0, "paragraph": 1, "claim": 2}

#: How many matches one keystroke (or one step past the last found) finds at most.
STEP = 10_000
#: A text longer than this is searched a window at a time.
LONG = 1 << 18
#: The window.
CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Match:
    """One match: where it stands and its offsets in that text."""

    section: str
    place: Place
    number: int  # the paragraph's or the claim's index in its section; 0 for a title
    start: int
    end: int
    claim: str = ""  # the claim's id, for a match in a claim

    def key(self, section_number: int) -> tuple[int, int, int, int]:
        return (section_number, _RANK[self.place], self.number, self.start)


@lru_cache(maxsize=4)
def _folded_long(text: str) -> str:
    """The folded words of a long text, kept across keystrokes (a str keeps
    its hash, and the same object compares equal at once)."""
    return " ".join(fold_words(text))


def _folded(text: str) -> str:
    return _folded_long(text) if len(text) > LONG else " ".join(fold_words(text))


def _spans(text: str, query: Query) -> Iterator[tuple[int, int]]:
    """The spans of ``match_spans(text, query)``, for a text that holds every
    needle; a long text is searched a window at a time, as asked for."""
    if len(text) <= LONG:
        yield from match_spans(text, query)
        return
    for a in range(0, len(text), CHUNK):
        b = min(len(text), a + CHUNK)
        # a span overlapping two windows is the first's (it starts in it)
        yield from ((s, e) for s, e in match_spans(text, query, window=(a, b)) if s >= a)


class Finder:
    """The matches of one query in one article, found as they are needed,
    and stepping through them."""

    def __init__(self, article: Article, query: Query | None) -> None:
        self.article = article
        self.query = query
        self.matches: list[Match] = []
        self.complete = True
        self._walk: Iterator[Match] = iter(())
        if query is not None and query.needles:
            self._walk, self.complete = self._find(query), False
            self._more(STEP)

    def __len__(self) -> int:
        """How many matches have been found so far (all when :attr:`complete`)."""
        return len(self.matches)

    def count_text(self) -> str:
        """The count for a status line: "12", or "10000+" while more may follow."""
        return f"{len(self.matches)}" if self.complete else f"{len(self.matches)}+"

    def _more(self, n: int | None) -> None:
        """Find up to ``n`` more matches (None: all the rest)."""
        if self.complete:
            return
        before = len(self.matches)
        for match in self._walk:
            self.matches.append(match)
            if n is not None and len(self.matches) - before >= n:
                return
        self.complete = True

    def _find(self, query: Query) -> Iterator[Match]:
        claims_in: dict[str, list[str]] = {}
        for claim in self.article.doc.claims:
            claims_in.setdefault(claim.section, []).append(claim.id)
        wanted = query.section
        needles = query.needles

        def spans(text: str) -> Iterator[tuple[int, int]]:
            # as search does: a text matches when it holds every word and phrase
            folded = _folded(text)
            return _spans(text, query) if all(n in folded for n in needles) else iter(())

        for section in self.article.doc.sections:
            if wanted and not all(section.id.startswith(s) for s in wanted):
                continue
            sid = section.id
            if section.title:
                yield from (Match(sid, "title", 0, s, e) for s, e in spans(section.title))
            for n, paragraph in enumerate(section.paragraphs):
                yield from (Match(sid, "paragraph", n, s, e) for s, e in spans(paragraph))
            for n, claim_id in enumerate(claims_in.get(sid, ())):
                claim_text = self.article.claims[claim_id].text
                yield from (Match(sid, "claim", n, s, e, claim_id) for s, e in spans(claim_text))

    def first_from(self, section: str, paragraph: int | None) -> int | None:
        """The first match at or after the top of ``paragraph`` in ``section``
        (its heading when None); wraps to the first match of all. Finds the
        matches up to there (and :data:`STEP` more) if not yet found."""
        number = self.article.section_index.get(section, 0)
        here = (number, 0, 0, 0) if paragraph is None else (number, 1, paragraph, 0)
        index = self.article.section_index
        seen = 0
        while True:
            for i in range(seen, len(self.matches)):
                match = self.matches[i]
                if match.key(index[match.section]) >= here:
                    return i
            seen = len(self.matches)
            if self.complete:
                return 0 if self.matches else None
            self._more(STEP)

    def step(self, current: int | None, delta: int) -> tuple[int | None, bool]:
        """The match ``delta`` away from ``current``, and whether it wrapped
        around the end (or the start) of the article. Going past the last
        match found finds more; wrapping back from the first finds them all."""
        if current is None:
            if delta < 0:
                self._more(None)
            return (None, False) if not self.matches else ((0 if delta > 0 else len(self.matches) - 1), False)
        target = current + delta
        if target >= len(self.matches):
            self._more(max(STEP, target - len(self.matches) + 1))
        elif target < 0:
            self._more(None)
        if not self.matches:
            return None, False
        wrapped = not 0 <= target < len(self.matches)
        return target % len(self.matches), wrapped
