"""Derived cross-references of an article: mentions, relations both ways,
entity views, and the reading-order list of marks the reader steps through.

Everything here is computed from a loaded :class:`~tui.core.article.Article` and is
immutable. No Textual import here (a test checks it).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

from .article import Anchor, Article
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


def _mention_pattern(names: Sequence[str], any_case: frozenset[str] = frozenset()) -> re.Pattern[str] | None:
    if not names:
        return None
    # Longest first, so "Vladimir Putin" wins over "Putin" at the same place.
    ordered = sorted(set(names), key=lambda n: (-len(n), n))
    body = "|".join(f"(?i:{re.escape(n)})" if n in any_case else re.escape(n) for n in ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


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
        ci = frozenset(n for n in owner if n.lower() in any_case)
        self._pattern = _mention_pattern(list(owner), ci)

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
        if self._pattern is None:
            return ()
        out: list[Mention] = []
        for section in self.article.doc.sections:
            for p, paragraph in enumerate(section.paragraphs):
                for m in self._pattern.finditer(paragraph):
                    out.append(Mention(self._owner_of(m.group()), section.id, p, m.start(), m.end()))
        return tuple(out)

    def _owner_of(self, found: str) -> str:
        owner = self._owner.get(found) or self._any_case.get(found.lower())
        if owner is None:  # a case the regex folds and lower() does not (rare)
            owner = next(e for n, e in self._any_case.items() if re.fullmatch(re.escape(n), found, re.IGNORECASE))
        return owner

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

