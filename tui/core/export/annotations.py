"""The W3C Web Annotation export: one ``identifying`` annotation per quote.

Shape (docs/exports.md says the same):

- An ``AnnotationPage`` with an ``id`` and the annotations as ``items``.
  Content with no quotes at all has no page (a page needs one or more items):
  the export is then an empty ``AnnotationCollection`` with ``total`` 0.
- Each annotation's ``target`` is an array holding one ``SpecificResource``
  whose ``source`` is the article's ``url`` when it is an http(s) URL (so
  clients such as Hypothesis can re-anchor it on the page), else the
  article's fallback IRI ``urn:quoth:ARTICLE``. Its selectors are
  alternatives: a ``TextQuoteSelector`` (exact text, 32 characters of
  prefix and suffix), and Quoth's paragraph locator, a ``FragmentSelector``
  ``section=ID&paragraph=N`` (N from 0) refined by a ``TextPositionSelector``
  (code points within that paragraph).
- The speaker is described as the spec describes an agent: a
  ``SpecificResource`` body with purpose ``identifying`` whose ``source`` is
  the entity (its Wikidata or other URL from ``sameas``, else its fallback
  IRI), typed ``Person`` or ``Organization`` with a ``name``. The role is a
  ``describing`` text body, the quote kind a ``tagging`` one, the cue a
  ``commenting`` one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from ..article import Article
from ..model import Entity, Quote
from .iri import URN, article_url, sameas_url, urn, vocab

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32  # TextQuoteSelector prefix/suffix length, as Hypothesis records them
#: What the paragraph locator's FragmentSelector value conforms to (documented in docs/exports.md).
PARAGRAPH_LOCATOR = vocab("selector", "paragraph")


def entity_iri(article: Article, entity: Entity) -> str:
    """The entity's own URL (Wikidata first), else its fallback IRI."""
    for identifier in entity.sameas:
        url = sameas_url(identifier)
        if url:
            return url
    return urn(article, "entity", entity.id)


def _speaker_body(article: Article, entity: Entity) -> dict[str, Any]:
    agent: dict[str, Any] = {
        "id": entity_iri(article, entity),
        "type": "Person" if entity.kind == "person" else "Organization",
        "name": entity.name,
    }
    return {"type": "SpecificResource", "purpose": "identifying", "source": agent}


def quote_annotation(article: Article, quote: Quote) -> dict[str, Any]:
    anchor = article.anchors[quote.id]
    paragraph = article.sections[quote.section].paragraphs[anchor.paragraph]
    speaker = article.entities[quote.speaker]
    body: list[dict[str, Any]] = [
        _speaker_body(article, speaker),
        {"type": "TextualBody", "purpose": "tagging", "value": quote.kind, "format": "text/plain"},
    ]
    if speaker.role:
        body.append({"type": "TextualBody", "purpose": "describing", "value": speaker.role, "format": "text/plain"})
    if quote.cue:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": quote.cue, "format": "text/plain"})
    target = {
        "type": "SpecificResource",
        "source": article_url(article) or urn(article),
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": quote.text,
                "prefix": paragraph[max(0, anchor.start - CONTEXT_CHARS) : anchor.start],
                "suffix": paragraph[anchor.end : anchor.end + CONTEXT_CHARS],
            },
            {
                "type": "FragmentSelector",
                "conformsTo": PARAGRAPH_LOCATOR,
                "value": f"section={quote.section}&paragraph={anchor.paragraph}",
                "refinedBy": {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end},
            },
        ],
    }
    return {
        "@context": CONTEXT,
        "id": urn(article, "quote", quote.id),
        "type": "Annotation",
        "motivation": "identifying",
        "body": body,
        "target": [target],
    }


def page_id(articles: Sequence[Article]) -> str:
    """``urn:quoth:ARTICLE:annotations`` for one article; for several, a digest of their ids."""
    if len(articles) == 1:
        return urn(articles[0], "annotations")
    digest = hashlib.sha256("\n".join(a.id for a in articles).encode()).hexdigest()[:16]
    return f"{URN}annotations:{digest}"


def annotation_document(articles: Sequence[Article]) -> dict[str, Any]:
    """The page of annotations, or an empty collection when there are none."""
    items = [quote_annotation(a, q) for a in articles for q in a.doc.quotes]
    if not items:
        return {
            "@context": CONTEXT,
            "id": page_id(articles) + ":empty",
            "type": "AnnotationCollection",
            "label": "Quoth quotes (none)",
            "total": 0,
        }
    for item in items:
        item.pop("@context")
    return {"@context": CONTEXT, "id": page_id(articles), "type": "AnnotationPage", "items": items}


def to_annotations(articles: Sequence[Article]) -> str:
    return json.dumps(annotation_document(articles), ensure_ascii=False, indent=2) + "\n"
