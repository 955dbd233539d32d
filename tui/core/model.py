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
from typing import Annotated, Any, Literal

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
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

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


def _http_url(value: str) -> str:
    """An absolute http or https url, or ValueError: a ``javascript:`` or
    ``data:`` url, or text that is no url at all, never reaches an export."""
    scheme, sep, rest = value.partition("://")
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if (
        not sep
        or scheme.lower() not in ("http", "https")
        or not host
        or any(c.isspace() or c in '<>"\\`{}|^' or ord(c) < 0x20 for c in value)
    ):
        raise ValueError(f"{quoted(value)} is not an http or https url (like 'https://example.com/story')")
    return value


def _language(value: str) -> str:
    if not LANGUAGE_RE.match(value):
        raise ValueError(f"{quoted(value)} is not a BCP 47 language tag (like 'en' or 'pt-BR')")
    return value


# Patterns are checked in pydantic-core (Rust), which matters for big libraries;
# the loader turns their errors into the message of check_slug and "must not be empty".
Slug = Annotated[str, StringConstraints(pattern=SLUG_RE.pattern)]
Text = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]
Url = Annotated[str, AfterValidator(_http_url)]


#: A TOML local date-time (no offset), as JSON Schema cannot say with "format".
LOCAL_DATE_TIME = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?$"


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
            # TOML's date kinds as editors (taplo) and the JSON export show them: a local
            # date, an offset date-time, or a local date-time (which "date-time" refuses).
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "format": "date-time"},
                {"type": "string", "pattern": LOCAL_DATE_TIME},
            ],
            "examples": ["2025-02-13", "2025-03-01T10:30:00"],
        }
    ),
]

EntityKind = Literal["person", "organization", "country", "place", "group", "document", "other"]
AliasesCase = Literal["sensitive", "insensitive"]
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

    id: Slug = Field(description="Slug, unique in the library.", examples=["council-vote"])
    title: Text = Field(description="The headline.")
    published: Date | None = Field(None, description="When it was published: a TOML date (`2025-02-13`) or date-time (local, or with an offset), unquoted.")
    outlet: str | None = Field(None, description="The publication.")
    byline: tuple[str, ...] = Field((), description="The authors, in byline order.", examples=[["A. Reporter"]])
    url: Url | None = Field(None, description="Where the article is published (an absolute http or https URL).")
    language: Annotated[str, AfterValidator(_language)] = Field("en", description="BCP 47 language tag; default `\"en\"`.", examples=["en", "pt-BR"])
    summary: str | None = Field(None, description="A short summary, in the content author's words.")
    tags: tuple[str, ...] = Field((), description="Topics, as free-form strings.", examples=[["nato", "ukraine"]])
    license: str | None = Field(None, description="The article's licence: an SPDX id (`CC-BY-2.5`) or free text (added in 1.1).", examples=["CC-BY-2.5"])
    attribution: str | None = Field(None, description="The credit the licence asks for, as it should be printed, e.g. \"From Wikinews, CC BY 2.5\" (1.1).")


class Entity(_Table):
    """A person, organisation, country, place, group or document (``[[entities]]``)."""

    id: Slug = Field(description="Slug, unique among the article's entities.", examples=["mayor-lind"])
    name: Text = Field(description="The full name; always counts as a name in the text.")
    kind: EntityKind = Field("person", description="What it is: `person` (default), `organization`, `country`, `place`, `group`, `document` (1.1) or `other`.")
    role: str | None = Field(None, description="Role or title, e.g. \"US Defense Secretary\".")
    aliases: tuple[Text, ...] = Field((), description="Other names it goes by in the text, e.g. `[\"Hegseth\"]`.")
    sameas: tuple[Text, ...] = Field((), description="External identifiers, e.g. `[\"wikidata:Q22686\"]`, or URLs.", examples=[["wikidata:Q22686"]])
    note: str | None = Field(None, description="A note for readers.")
    short: Text | None = Field(None, description="The display name in the outline and tags (1.1); without it Quoth shows the first alias, else `name`.")
    aliases_case: AliasesCase = Field("sensitive", description="`sensitive` (default) or `insensitive`: `name` and `aliases` then match the text in any case, as for \"officials\" (1.1).")

    @property
    def names(self) -> tuple[str, ...]:
        """Every name it goes by in the text: ``name`` first, then the aliases."""
        return (self.name, *(a for a in self.aliases if a != self.name))

    @property
    def short_name(self) -> str:
        """The name to show where space is short: ``short``, else the first
        alias, else the name."""
        return self.short or (self.aliases[0] if self.aliases else self.name)

    @property
    def case_insensitive(self) -> bool:
        return self.aliases_case == "insensitive"


class Section(_Table):
    """A run of paragraphs (``[[sections]]``), in reading order, usually titled."""

    id: Slug = Field(description="Slug, unique among the article's sections.")
    title: Annotated[str, StringConstraints(pattern=r"^$|\S")] = Field("", description="The heading, when the source has one (1.1; was required). Without it the reader shows only \"§3\": don't invent titles.")
    paragraphs: tuple[str, ...] = Field(description="The verbatim article text, one string per paragraph; may be `[]`.")


class Quote(_Table):
    """Words attributed to a speaker, anchored verbatim in a section (``[[quotes]]``)."""

    id: Slug = Field(description="Slug, unique among the article's quotes.")
    speaker: Slug = Field(description="The id of the entity who said it.")
    #: Absent in the file when the text occurs in one section only: the loader
    #: fills it in, so a loaded article's quotes always name their section.
    section: Slug = Field("", description="The id of the section it occurs in (1.1: may be left out when the text occurs in one section only; if it occurs in several, the error lists them).")
    text: Text = Field(description="The words; must occur verbatim (exact characters) in one paragraph of that section.")
    kind: QuoteKind = Field("direct", description="`direct` (the article quotes the words; default) or `indirect` (reported speech).")
    cue: str | None = Field(None, description="The reporting verb: \"said\", \"indicated\".")
    prefix: str | None = Field(None, description="Text just before, to choose between several occurrences; it must touch the text.")
    suffix: str | None = Field(None, description="Text just after, likewise, touching the text.")
    note: str | None = Field(None, description="A note for readers.")
    continues: Slug | None = Field(None, description="The id of the quote this one continues (1.1): the parts of one quotation split by a paragraph break or an interjection.")
    via: Slug | None = Field(None, description="The id of the entity that relayed the words, when not the speaker: an outlet, a document (1.1).")


class Claim(_Table):
    """A proposition an actor puts forward (``[[claims]]``)."""

    id: Slug = Field(description="Slug, unique among the article's claims.")
    speaker: Slug = Field(description="The id of the entity that puts it forward.")
    section: Slug = Field(description="The id of the section where it is made.")
    text: Text = Field(description="The proposition, in the content author's words.")
    kind: ClaimKind = Field("assertion", description="`assertion` (default), `denial`, `proposal`, `demand`, `warning`, `commitment`, `prediction`, `position`, `concession` or `question`.")
    quotes: tuple[Slug, ...] = Field((), description="The ids of the quotes that carry it.")
    about: tuple[Slug, ...] = Field((), description="The ids of the entities it concerns.")
    note: str | None = Field(None, description="A note for readers.")


class Relation(_Table):
    """How one claim bears on another (``[[relations]]``)."""

    from_: Slug = Field(alias="from", description="The id of the claim that bears on the other.")
    to: Slug = Field(description="The id of the claim it bears on (not the same claim).")
    kind: RelationKind = Field(description="`supports`, `disputes`, `qualifies`, `responds-to` or `restates`.")
    note: str | None = Field(None, description="A note for readers.")


class Source(_Table):
    """A related source (``[[sources]]``)."""

    title: Text = Field(description="The source's title.")
    publisher: str | None = Field(None, description="Who published it.")
    url: Url | None = Field(None, description="Where it is (an absolute http or https URL).")
    published: Date | None = Field(None, description="When it was published: a TOML date or date-time, unquoted.")
    note: str | None = Field(None, description="A note for readers.")


class ArticleFile(_Table):
    """One ``.toml`` file: a whole article."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        title="Quoth article, format 1",
        json_schema_extra={"$id": "https://quoth.invalid/schema/article-v1.json"},
    )

    format: Literal[1] = Field(description="The version of the article format: the integer 1.")
    article: ArticleMeta = Field(description="The article's metadata.")
    # fail_fast: a file with 100,000 invalid tables must not cost 100,000 errors
    # memory at once; the loader lists them table by table, up to its cap
    entities: tuple[Entity, ...] = Field((), fail_fast=True, description="People, organisations, countries, places and groups.")
    sections: tuple[Section, ...] = Field(min_length=1, fail_fast=True, description="The article's text, in reading order.")
    quotes: tuple[Quote, ...] = Field((), fail_fast=True, description="Words attributed to a speaker, anchored in the text.")
    claims: tuple[Claim, ...] = Field((), fail_fast=True, description="Propositions that an actor puts forward.")
    relations: tuple[Relation, ...] = Field((), fail_fast=True, description="How one claim bears on another.")
    sources: tuple[Source, ...] = Field((), fail_fast=True, description="Related sources.")


class _TomlSchema(GenerateJsonSchema):
    """TOML has no null: an optional key is one you leave out, so ``X | None``
    is just ``X``, and ``None`` is no default."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        json = super().default_schema(schema)
        if json.get("default", 0) is None:
            del json["default"]
        return json


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the TOML article format (validation mode): every
    property has the description of its Field (docs/format.md says the same)."""
    schema = ArticleFile.model_json_schema(by_alias=True, mode="validation", schema_generator=_TomlSchema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
