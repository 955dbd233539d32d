"""The article format, version 1, as pydantic models.

These models are the one source of truth for the format: the loader
validates against them, ``quoth schema`` prints their JSON Schema, and
``docs/format.md`` describes them. Every table rejects unknown keys, and
every model is frozen: a loaded article is never changed in place.
No Textual import here (a test checks it).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
)

from .kinds import ClaimKind, QuoteKind  # defined without pydantic, for search
from .text import quoted

FORMAT_VERSION = 1

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# BCP 47, loosely: a primary language subtag, then alphanumeric subtags.
LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")


def check_slug(value: str) -> str:
    """The id, or ValueError with the message the loader shows."""
    if not SLUG_RE.match(value):
        raise ValueError(
            f"{quoted(value)} is not a valid id "
            "(use lowercase letters, digits and single hyphens, like 'peace-talks')"
        )
    return value


def _language(value: str) -> str:
    if not LANGUAGE_RE.match(value):
        raise ValueError(f"{quoted(value)} is not a BCP 47 language tag (like 'en' or 'pt-BR')")
    return value


# Patterns are checked in pydantic-core (Rust), which matters for big libraries;
# the loader turns their errors into the message of check_slug and "must not be empty".
Slug = Annotated[str, StringConstraints(pattern=SLUG_RE.pattern)]
Text = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]


def _date(value: object, info: ValidationInfo) -> dt.date:
    # TOML has native dates; tomli gives date or datetime objects. A string is
    # refused in TOML so that "2025-13-01" in quotes is not half-accepted; the
    # JSON export writes ISO strings, which read back (validation in JSON mode).
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if info.mode == "json" and isinstance(value, str):
        try:
            if "T" in value or " " in value:
                return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError("expected a TOML date or date-time without quotes, like 2025-02-13")


Date = Annotated[
    dt.datetime | dt.date,
    PlainValidator(_date),
    PlainSerializer(lambda value: value.isoformat(), when_used="json"),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "format": "date-time"},
            ],
            "description": "A TOML local date (2025-02-13) or date-time.",
        }
    ),
]

EntityKind = Literal["person", "organization", "country", "place", "group", "other"]
RelationKind = Literal["supports", "disputes", "qualifies", "responds-to", "restates"]

#: How a relation reads from the other end: "A disputes B" is "B disputed by A".
INVERSE = {
    "supports": "supported by",
    "disputes": "disputed by",
    "qualifies": "qualified by",
    "responds-to": "responded to by",
    "restates": "restated by",
}


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ArticleMeta(_Table):
    """The ``[article]`` table."""

    id: Slug
    title: Text
    published: Date | None = None
    outlet: str | None = None
    byline: tuple[str, ...] = ()
    url: str | None = None
    language: Annotated[str, AfterValidator(_language)] = "en"
    summary: str | None = None
    tags: tuple[str, ...] = ()


class Entity(_Table):
    """A person, organisation, country, place or group (``[[entities]]``)."""

    id: Slug
    name: Text
    kind: EntityKind = "person"
    role: str | None = None
    aliases: tuple[Text, ...] = ()
    sameas: tuple[Text, ...] = ()
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every name it goes by in the text: ``name`` first, then the aliases."""
        return (self.name, *(a for a in self.aliases if a != self.name))


class Section(_Table):
    """A titled run of paragraphs (``[[sections]]``), in reading order."""

    id: Slug
    title: Text
    paragraphs: tuple[str, ...]


class Quote(_Table):
    """Words attributed to a speaker, anchored verbatim in a section (``[[quotes]]``)."""

    id: Slug
    speaker: Slug
    section: Slug
    text: Text
    kind: QuoteKind = "direct"
    cue: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    note: str | None = None


class Claim(_Table):
    """A proposition an actor puts forward (``[[claims]]``)."""

    id: Slug
    speaker: Slug
    section: Slug
    text: Text
    kind: ClaimKind = "assertion"
    quotes: tuple[Slug, ...] = ()
    about: tuple[Slug, ...] = ()
    note: str | None = None


class Relation(_Table):
    """How one claim bears on another (``[[relations]]``)."""

    from_: Slug = Field(alias="from")
    to: Slug
    kind: RelationKind
    note: str | None = None


class Source(_Table):
    """A related source (``[[sources]]``)."""

    title: Text
    publisher: str | None = None
    url: str | None = None
    published: Date | None = None
    note: str | None = None


class ArticleFile(_Table):
    """One ``.toml`` file: a whole article."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        title="Quoth article, format 1",
        json_schema_extra={"$id": "https://quoth.invalid/schema/article-v1.json"},
    )

    format: Literal[1]
    article: ArticleMeta
    entities: tuple[Entity, ...] = ()
    sections: tuple[Section, ...] = Field(min_length=1)
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    relations: tuple[Relation, ...] = ()
    sources: tuple[Source, ...] = ()


def json_schema() -> dict:
    """The JSON Schema of the TOML article format (validation mode)."""
    schema = ArticleFile.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
