"""The in-memory article types: an anchored :class:`Article`, a
:class:`Library` of them, and the result of loading one file.

These are what every consumer works with; none of them depends on how the
article was read (TOML, a cache or a store).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic

if TYPE_CHECKING:  # annotations only: the types import without pydantic
    from .model import ArticleFile, ArticleMeta, Claim, Entity, Quote, Relation, Section, Source


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a quote stands: paragraph index and code-point offsets in it."""

    section: str
    paragraph: int
    start: int
    end: int


class Article:
    """A validated article with its quotes anchored. Immutable."""

    __slots__ = (
        "file",
        "doc",
        "anchors",
        "entities",
        "sections",
        "quotes",
        "claims",
        "section_index",
        "entity_index",
    )

    def __init__(self, file: str, doc: ArticleFile, anchors: Mapping[str, Anchor]) -> None:
        self.file = file
        self.doc = doc
        self.anchors: Mapping[str, Anchor] = MappingProxyType(dict(anchors))
        self.entities: Mapping[str, Entity] = MappingProxyType({e.id: e for e in doc.entities})
        self.sections: Mapping[str, Section] = MappingProxyType({s.id: s for s in doc.sections})
        self.quotes: Mapping[str, Quote] = MappingProxyType({q.id: q for q in doc.quotes})
        self.claims: Mapping[str, Claim] = MappingProxyType({c.id: c for c in doc.claims})
        self.section_index: Mapping[str, int] = MappingProxyType(
            {s.id: i for i, s in enumerate(doc.sections)}
        )
        self.entity_index: Mapping[str, int] = MappingProxyType({e.id: i for i, e in enumerate(doc.entities)})

    @property
    def id(self) -> str:
        return self.doc.article.id

    @property
    def meta(self) -> ArticleMeta:
        return self.doc.article

    @property
    def relations(self) -> tuple[Relation, ...]:
        return self.doc.relations

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.doc.sources

    def __repr__(self) -> str:
        return f"Article({self.id!r}, {self.file!r})"


@dataclass(frozen=True)
class Counts:
    articles: int = 0
    sections: int = 0
    quotes: int = 0
    claims: int = 0
    entities: int = 0

    def summary(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}" + ("" if count == 1 else "s")

        return ", ".join(
            [
                n(self.articles, "article"),
                n(self.sections, "section"),
                n(self.quotes, "quote"),
                n(self.claims, "claim"),
                n(self.entities, "entity").replace("entitys", "entities"),
            ]
        )


@dataclass(frozen=True)
class Library:
    """Every valid article found, in path order, and the errors of the rest."""

    articles: tuple[Article, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    by_id: Mapping[str, Article] = field(default_factory=dict)

    def counts(self) -> Counts:
        return Counts(
            articles=len(self.articles),
            sections=sum(len(a.doc.sections) for a in self.articles),
            quotes=sum(len(a.doc.quotes) for a in self.articles),
            claims=sum(len(a.doc.claims) for a in self.articles),
            entities=sum(len(a.doc.entities) for a in self.articles),
        )


@dataclass(frozen=True)
class FileResult:
    file: str
    article: Article | None
    errors: tuple[Diagnostic, ...]
