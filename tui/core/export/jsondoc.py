"""The JSON export and its JSON Schema (``quoth schema --export``).

Each article is the file as written: keys as in TOML, optional keys left out
(a key whose value is its default, such as ``language = "en"``, is left out
too: it reads back the same; no defaults are filled in), dates
as ISO 8601 strings (``2025-02-13``, ``2025-03-01T10:30:00``, or with an
offset) exactly as TOML's date kinds print. A ``derived`` object adds what
Quoth works out. Paragraph numbers are 0-based indices into ``paragraphs``.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Sequence
from typing import Any

from ..article import Article
from ..index import ArticleIndex
from ..model import json_schema

EXPORT_VERSION = 1
EXPORT_SCHEMA_ID = "https://quoth.invalid/schema/export-v1.json"


def article_json(article: Article) -> dict[str, Any]:
    """The validated model (as written, by TOML key) plus derived data."""
    index = ArticleIndex(article)
    data = _written(article)
    data["derived"] = {
        "anchors": _anchors(article),
        "mentions": [
            {"entity": m.entity, "section": m.section, "paragraph": m.paragraph, "start": m.start, "end": m.end}
            for m in index.mentions
        ],
        "relations": _relations(article, index),
    }
    return data


def _written(article: Article) -> dict[str, Any]:
    return article.doc.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def _anchors(article: Article) -> dict[str, Any]:
    return {
        qid: {"section": a.section, "paragraph": a.paragraph, "start": a.start, "end": a.end}
        for qid, a in article.anchors.items()
    }


def _relations(article: Article, index: ArticleIndex) -> dict[str, Any]:
    return {
        claim.id: [
            {"label": link.label, "kind": link.kind, "claim": link.other, "direction": "out" if link.outgoing else "in"}
            | ({"note": link.note} if link.note else {})
            for link in index.relations_of(claim.id)
        ]
        for claim in article.doc.claims
    }


def to_json(articles: Sequence[Article]) -> str:
    pieces: list[str] = []
    write_json(articles, pieces.append)
    return "".join(pieces)


def _dump(value: Any, level: int) -> str:
    """``value`` as ``json.dumps(..., indent=2)`` writes it ``level`` deep."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)


#: Mentions written per piece.
_BATCH = 2048


def write_json(articles: Sequence[Article], write: Callable[[str], object]) -> None:
    """Write the JSON export piece by piece (``write`` is called many times):
    the same text as ``json.dumps(document, ensure_ascii=False, indent=2) +
    "\\n"`` of the whole document, without holding the document (a 15 MiB
    paragraph has 700,000 mentions: a dict each took 1.1 GB)."""
    write(f'{{\n  "quoth_export": {EXPORT_VERSION},\n  "articles": ')
    if not articles:
        write("[]\n}\n")
        return
    write("[")
    for k, article in enumerate(articles):
        write(",\n    " if k else "\n    ")
        index = ArticleIndex(article)
        written = _dump(_written(article), 2)
        assert written.endswith("\n    }")  # an article always has keys
        write(written[: -len("\n    }")])
        del written
        write(',\n      "derived": {\n        "anchors": ')
        write(_dump(_anchors(article), 4))
        write(',\n        "mentions": ')
        mentions = index.mentions
        if not mentions:
            write("[]")
        else:
            write("[")
            text = json.dumps
            for b in range(0, len(mentions), _BATCH):
                write(
                    ",".join(
                        '\n          {\n            "entity": ' + text(m.entity, ensure_ascii=False)
                        + ',\n            "section": ' + text(m.section, ensure_ascii=False)
                        + f',\n            "paragraph": {m.paragraph},\n            "start": {m.start}'
                        + f',\n            "end": {m.end}\n          }}'
                        for m in mentions[b : b + _BATCH]
                    )
                    + ("," if b + _BATCH < len(mentions) else "")
                )
            write("\n        ]")
        write(',\n        "relations": ')
        write(_dump(_relations(article, index), 4))
        write("\n      }\n    }")
    write("\n  ]\n}\n")


# -- the export's JSON Schema ---------------------------------------------

_SLUG = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
_OFFSET = {"type": "integer", "minimum": 0}


def _place(what: str) -> dict[str, Any]:
    return {
        "section": {**_SLUG, "description": f"The id of the section {what}."},
        "paragraph": {**_OFFSET, "description": "The paragraph: a 0-based index into the section's paragraphs."},
        "start": {**_OFFSET, "description": "First code point, 0-based, within the paragraph."},
        "end": {**_OFFSET, "description": "Code point just past the end, within the paragraph."},
    }


def _object(description: str, properties: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": [k for k in properties if k not in optional],
        "additionalProperties": False,
    }


DERIVED_SCHEMA: dict[str, Any] = _object(
    "What Quoth works out from the article; not part of the TOML file.",
    {
        "anchors": {
            "type": "object",
            "description": "Quote id -> where its text stands.",
            "additionalProperties": _object("Where a quote's text stands.", _place("that holds the quote")),
        },
        "mentions": {
            "type": "array",
            "description": "Every mention of an entity's name or alias, in reading order.",
            "items": _object(
                "One mention.",
                {"entity": {**_SLUG, "description": "The entity's id."}, **_place("that holds the mention")},
            ),
        },
        "relations": {
            "type": "object",
            "description": "Claim id -> its relations, seen from both ends.",
            "additionalProperties": {
                "type": "array",
                "items": _object(
                    "One relation as this claim sees it.",
                    {
                        "label": {"type": "string", "description": "How it reads from this claim: 'disputes' or 'disputed by'."},
                        "kind": {"type": "string", "enum": ["supports", "disputes", "qualifies", "responds-to", "restates"],
                                 "description": "The relation's kind, as written."},
                        "claim": {**_SLUG, "description": "The claim at the other end."},
                        "direction": {"type": "string", "enum": ["out", "in"],
                                      "description": "out: this claim is the relation's from; in: its to."},
                        "note": {"type": "string", "description": "The relation's note, if it has one."},
                    },
                    optional=("note",),
                ),
            },
        },
    },
)


def export_schema() -> dict[str, Any]:
    """The JSON Schema of ``quoth export --format json``."""
    article = copy.deepcopy(json_schema())
    defs = article.pop("$defs", {})
    for key in ("$schema", "$id", "title"):
        article.pop(key, None)
    article["description"] = "One article as written in its TOML file (optional keys left out stay out), plus derived."
    article["properties"]["derived"] = DERIVED_SCHEMA
    article["required"] = [*article.get("required", []), "derived"]
    defs["Article"] = article
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": EXPORT_SCHEMA_ID,
        "title": f"Quoth JSON export, version {EXPORT_VERSION}",
        "type": "object",
        "properties": {
            "quoth_export": {"const": EXPORT_VERSION, "description": "The version of this shape; it changes only when the shape does."},
            "articles": {"type": "array", "items": {"$ref": "#/$defs/Article"}, "description": "The articles, in path order."},
        },
        "required": ["quoth_export", "articles"],
        "additionalProperties": False,
        "$defs": defs,
    }
