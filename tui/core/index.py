"""Derived cross-references of an article: mentions, relations both ways,
entity views, and the reading-order list of marks the reader steps through.

Everything here is computed from a loaded :class:`~tui.core.article.Article` and is
immutable. No Textual import here (a test checks it).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from types import MappingProxyType

import ahocorasick

from .article import Anchor, Article
from .gcutil import gc_paused
from .model import INVERSE, Claim, Entity, Quote


@dataclass(frozen=True, slots=True)
class Mention:
    """A whole-word, case-sensitive occurrence of an entity's name or alias."""

    entity: str
    section: str
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Link:
    """One end of a relation, as seen from a claim: ``label`` reads from it."""

    label: str  # "disputes" or "disputed by"
    kind: str  # the relation kind
    other: str  # the claim at the other end
    outgoing: bool
    note: str | None


@dataclass(frozen=True, slots=True)
class EntityView:
    entity: Entity
    quotes: tuple[Quote, ...]
    claims_by: tuple[Claim, ...]
    claims_about: tuple[Claim, ...]
    sections: tuple[str, ...]  # section ids that mention it, in reading order


@dataclass(frozen=True, slots=True)
class SaidBy:
    """What one entity of an article said, and what others claimed about it."""

    quotes: tuple[Quote, ...] = ()
    claims_by: tuple[Claim, ...] = ()
    claims_about: tuple[Claim, ...] = ()  # claims by others with the entity in ``about``

    def __bool__(self) -> bool:
        return bool(self.quotes or self.claims_by or self.claims_about)


def said_by_each(article: Article) -> dict[str, SaidBy]:
    """:class:`SaidBy` for every entity of ``article`` that has any, in one pass.

    This is the one place that decides what counts as said by or about an
    entity; :func:`said_by`, the entity view and the people index use it."""
    quotes: dict[str, list[Quote]] = defaultdict(list)
    by: dict[str, list[Claim]] = defaultdict(list)
    about: dict[str, list[Claim]] = defaultdict(list)
    doc = article.doc
    for quote in doc.quotes:
        quotes[quote.speaker].append(quote)
    for claim in doc.claims:
        by[claim.speaker].append(claim)
        for entity_id in claim.about:
            claims = about[entity_id]
            if entity_id != claim.speaker and not (claims and claims[-1] is claim):  # once, if listed twice
                about[entity_id].append(claim)
    empty: tuple[()] = ()
    return {
        entity_id: SaidBy(tuple(quotes.get(entity_id, empty)), tuple(by.get(entity_id, empty)), tuple(about.get(entity_id, empty)))
        for entity_id in quotes.keys() | by.keys() | about.keys()
    }


def said_by(article: Article, entity_id: str) -> SaidBy:
    """The quotes and claims by ``entity_id`` in ``article``, and the claims about it."""
    return said_by_each(article).get(entity_id, SaidBy())


class NameMatcher:
    r"""Whole-word, case-sensitive occurrences of many names at once.

    The same matches as the regular expression ``(?<!\w)(?:name|…)(?!\w)``
    with the longest names first (at each place the longest name that stands
    as whole words, then on after it), but found by one Aho–Corasick automaton
    (pyahocorasick, leftmost-longest): time near-linear in the text, whatever
    the number of names, where the alternation costs text × names."""

    def __init__(self, names: Sequence[str], any_case: frozenset[str] = frozenset()) -> None:
        """``any_case``: lower-cased names matched in any case (``aliases_case =
        "insensitive"``); the others match exactly."""
        self.any_case = frozenset(n for n in any_case if n and "\0" not in n)
        self.names = frozenset(n for n in names if n and "\0" not in n and n.lower() not in self.any_case)
        self._automaton = _automaton(self.names)
        self._folded = _automaton(self.any_case)

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each mention in ``text``, left to right, never overlapping."""
        if not self.names and not self.any_case:
            return
        n = len(text)
        longest: dict[int, int] = {}  # start -> end of the longest name standing as whole words there
        get = longest.get
        found = self._automaton.iter(text) if self.names else iter(())
        if self.any_case:
            found = itertools.chain(found, self._folded.iter(_lower_in_place(text)))
        for last, length in found:
            end = last + 1
            if end < n:
                after = text[end]
                if after.isalnum() or after == "_":  # what \w matches
                    continue
            start = end - length
            if start > 0:
                before = text[start - 1]
                if before.isalnum() or before == "_":
                    continue
            if get(start, -1) < end:
                longest[start] = end
        pos = 0
        for start in sorted(longest):
            if start >= pos:
                pos = longest[start]
                yield start, pos


@lru_cache(maxsize=8)
def quotes_by_paragraph(article: Article) -> Mapping[tuple[str, int], tuple[tuple[Anchor, Quote], ...]]:
    """Each paragraph's quotes with their anchors, keyed by (section id,
    paragraph index), in file order: built once per article, so that a
    per-paragraph look-up does not scan every quote."""
    by: dict[tuple[str, int], list[tuple[Anchor, Quote]]] = defaultdict(list)
    for quote in article.doc.quotes:
        anchor = article.anchors[quote.id]
        by[(quote.section, anchor.paragraph)].append((anchor, quote))
    return MappingProxyType({k: tuple(v) for k, v in by.items()})


def _automaton(words: frozenset[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
    for word in words:
        automaton.add_word(word)
    if words:
        automaton.make_automaton()
    return automaton


def _lower_in_place(text: str) -> str:
    """``text`` lower-cased with every offset kept (a character whose lower
    case is longer, as "İ" is, stays as it is)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


class ArticleIndex:
    """Cross-references of one article, computed once."""

    def __init__(self, article: Article) -> None:
        self.article = article
        doc = article.doc
        owner: dict[str, str] = {}
        any_case: dict[str, str] = {}  # aliases_case = "insensitive": lower-cased name -> entity
        for entity in doc.entities:
            for name in entity.names:
                owner.setdefault(name, entity.id)
                if entity.case_insensitive:
                    any_case.setdefault(name.lower(), entity.id)
        self._owner = owner
        self._any_case = any_case
        self._names = NameMatcher(list(owner), frozenset(any_case))

        claims_in: dict[str, list[Claim]] = defaultdict(list)
        quotes_in: dict[str, list[Quote]] = defaultdict(list)
        for claim in doc.claims:
            claims_in[claim.section].append(claim)
        for quote in doc.quotes:
            quotes_in[quote.section].append(quote)
        order = article.anchors
        for quotes in quotes_in.values():
            quotes.sort(key=lambda q: (order[q.id].paragraph, order[q.id].start))
        self.claims_in: Mapping[str, tuple[Claim, ...]] = MappingProxyType(
            {k: tuple(v) for k, v in claims_in.items()}
        )
        self.quotes_in: Mapping[str, tuple[Quote, ...]] = MappingProxyType(
            {k: tuple(v) for k, v in quotes_in.items()}
        )

        links: dict[str, list[Link]] = defaultdict(list)
        for rel in doc.relations:
            links[rel.from_].append(Link(rel.kind, rel.kind, rel.to, True, rel.note))
            links[rel.to].append(Link(INVERSE[rel.kind], rel.kind, rel.from_, False, rel.note))
        self.links: Mapping[str, tuple[Link, ...]] = MappingProxyType({k: tuple(v) for k, v in links.items()})

        carried: dict[str, list[Claim]] = defaultdict(list)
        for claim in doc.claims:
            for qid in claim.quotes:
                carried[qid].append(claim)
        self.claims_of_quote: Mapping[str, tuple[Claim, ...]] = MappingProxyType(
            {k: tuple(v) for k, v in carried.items()}
        )

    # -- mentions --------------------------------------------------------

    @cached_property
    def mentions(self) -> tuple[Mention, ...]:
        """Every mention in reading order."""
        if not self._owner:
            return ()
        out: list[Mention] = []
        owner, names = self._owner, self._names
        with gc_paused():  # many small objects: the cyclic GC would rescan the article each time
            for section in self.article.doc.sections:
                for p, paragraph in enumerate(section.paragraphs):
                    for start, end in names.finditer(paragraph):
                        found = paragraph[start:end]
                        who = owner.get(found) or self._any_case.get(found.lower(), "")
                        out.append(Mention(who, section.id, p, start, end))
        return tuple(out)

    @cached_property
    def mentions_in(self) -> Mapping[str, tuple[Mention, ...]]:
        by: dict[str, list[Mention]] = defaultdict(list)
        for m in self.mentions:
            by[m.section].append(m)
        return MappingProxyType({k: tuple(v) for k, v in by.items()})

    @cached_property
    def sections_mentioning(self) -> Mapping[str, tuple[str, ...]]:
        order = self.article.section_index
        by: dict[str, set[str]] = defaultdict(set)
        for m in self.mentions:
            by[m.entity].add(m.section)
        return MappingProxyType({k: tuple(sorted(v, key=order.__getitem__)) for k, v in by.items()})

    def entities_in(self, section_id: str) -> tuple[Entity, ...]:
        """Entities mentioned in a section, in order of first mention."""
        seen: dict[str, None] = {}
        for m in self.mentions_in.get(section_id, ()):
            seen.setdefault(m.entity, None)
        return tuple(self.article.entities[e] for e in seen)

    # -- views -----------------------------------------------------------

    @cached_property
    def said(self) -> Mapping[str, SaidBy]:
        """:func:`said_by_each` of the article, computed once."""
        return MappingProxyType(said_by_each(self.article))

    def entity_view(self, entity_id: str) -> EntityView:
        said = self.said.get(entity_id, SaidBy())
        return EntityView(
            entity=self.article.entities[entity_id],
            quotes=said.quotes,
            claims_by=said.claims_by,
            claims_about=said.claims_about,
            sections=self.sections_mentioning.get(entity_id, ()),
        )

    def relations_of(self, claim_id: str) -> tuple[Link, ...]:
        return self.links.get(claim_id, ())

    def anchor(self, quote_id: str) -> Anchor:
        return self.article.anchors[quote_id]

    def speaker(self, item: Quote | Claim) -> Entity:
        return self.article.entities[item.speaker]

