"""Matches of a query in an article's text, in reading order: what the
reader's ``n``/``N`` step through, as in less or vim.

The reader shows each section as its heading, its paragraphs, then its
claims; a match is a span in one of those, and they are ordered the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .article import Article
from .search import Query, fold_words, match_spans

Place = Literal["title", "paragraph", "claim"]
_RANK: dict[Place, int] = {"title": 0, "paragraph": 1, "claim": 2}


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


class Finder:
    """Every match of one query in one article, and stepping through them."""

    def __init__(self, article: Article, query: Query | None) -> None:
        self.article = article
        self.query = query
        self.matches: list[Match] = []
        if query is not None and query.needles:
            self.matches = list(self._find(query))

    def __len__(self) -> int:
        return len(self.matches)

    def _find(self, query: Query) -> list[Match]:
        claims_in: dict[str, list[str]] = {}
        for claim in self.article.doc.claims:
            claims_in.setdefault(claim.section, []).append(claim.id)
        found: list[Match] = []
        wanted = query.section
        needles = query.needles

        def spans(text: str) -> list[tuple[int, int]]:
            # as search does: a text matches when it holds every word and phrase
            folded = " ".join(fold_words(text))
            return match_spans(text, query) if all(n in folded for n in needles) else []

        for section in self.article.doc.sections:
            if wanted and not all(section.id.startswith(s) for s in wanted):
                continue
            sid = section.id
            if section.title:
                found += [Match(sid, "title", 0, s, e) for s, e in spans(section.title)]
            for n, paragraph in enumerate(section.paragraphs):
                found += [Match(sid, "paragraph", n, s, e) for s, e in spans(paragraph)]
            for n, claim_id in enumerate(claims_in.get(sid, ())):
                claim_text = self.article.claims[claim_id].text
                found += [Match(sid, "claim", n, s, e, claim_id) for s, e in spans(claim_text)]
        return found

    def first_from(self, section: str, paragraph: int | None) -> int | None:
        """The first match at or after the top of ``paragraph`` in ``section``
        (its heading when None); wraps to the first match of all."""
        if not self.matches:
            return None
        number = self.article.section_index.get(section, 0)
        here = (number, 0, 0, 0) if paragraph is None else (number, 1, paragraph, 0)
        index = self.article.section_index
        for i, match in enumerate(self.matches):
            if match.key(index[match.section]) >= here:
                return i
        return 0

    def step(self, current: int | None, delta: int) -> tuple[int | None, bool]:
        """The match ``delta`` away from ``current``, and whether it wrapped
        around the end (or the start) of the article."""
        if not self.matches:
            return None, False
        if current is None:
            return (0 if delta > 0 else len(self.matches) - 1), False
        target = current + delta
        wrapped = not 0 <= target < len(self.matches)
        return target % len(self.matches), wrapped
