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
from .text import plural

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

    def section_number(self, section_id: str) -> int:
        """The section's number as readers see it: 1 for the first."""
        return self.section_index[section_id] + 1

    def section_label(self, section_id: str) -> str:
        """``§3``: how every view names a section by number."""
        return f"§{self.section_number(section_id)}"

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
        return ", ".join(
            [
                plural(self.articles, "article"),
                plural(self.sections, "section"),
                plural(self.quotes, "quote"),
                plural(self.claims, "claim"),
                plural(self.entities, "entity"),
            ]
        )


@dataclass(frozen=True)
class Library:
    """Every valid article found, in path order, and the errors of the rest."""

    articles: tuple[Article, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    by_id: Mapping[str, Article] = field(default_factory=dict)

    def replace(self, file: str, article: Article) -> Library:
        """This library with ``file``'s article replaced by ``article`` (or
        added), at the same place in path order; its errors are dropped."""
        articles = [a for a in self.articles if a.file != file and a.id != article.id]
        position = next((i for i, a in enumerate(self.articles) if a.file == file), len(articles))
        articles.insert(position, article)
        errors = tuple(e for e in self.errors if e.file != file)
        return Library(tuple(articles), errors, MappingProxyType({a.id: a for a in articles}))

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


@dataclass(frozen=True, slots=True)
class Summary:
    """One row of the library table: what it shows and sorts by, without the
    text. Plain data (no pydantic), so the store can give it back at once."""

    file: str
    id: str
    title: str
    outlet: str | None = None
    published: str | None = None  # ISO date, for sorting and display
    sections: int = 0
    quotes: int = 0
    claims: int = 0
    entities: int = 0
    size: int = 0
    mtime_ns: int = 0

    @classmethod
    def of(cls, article: Article, size: int = 0, mtime_ns: int = 0) -> Summary:
        meta = article.meta
        return cls(
            file=article.file,
            id=article.id,
            title=meta.title,
            outlet=meta.outlet,
            published=meta.published.isoformat() if meta.published else None,
            sections=len(article.doc.sections),
            quotes=len(article.doc.quotes),
            claims=len(article.doc.claims),
            entities=len(article.doc.entities),
            size=size,
            mtime_ns=mtime_ns,
        )


