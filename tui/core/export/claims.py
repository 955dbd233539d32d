"""The schema.org export: ``Claim``s in a JSON-LD ``@graph``.

Every type and property is used as schema.org defines it (a test checks each
against the vocabulary, domain and range). Quoth's own terms live under
``urn:quoth:vocab:`` (prefix ``quoth:``) and are published in the output as a
``DefinedTermSet``: claim kinds, entity kinds, quote kinds and relations.

- Entities are described once each, as ``Person`` or ``Organization`` when
  they speak (what ``author`` and ``spokenByCharacter`` allow) and by their
  natural type otherwise; a finer kind (country, group…) is an
  ``additionalType`` IRI. ``sameas`` identifiers become URLs
  (``wikidata:Q159`` is ``https://www.wikidata.org/entity/Q159``); others
  stay as ``identifier``.
- A relation is a property of its ``from`` claim pointing at its ``to``
  claim: ``"quoth:relation:disputes": [{"@id": …}]``, so the direction is
  in the structure, not in a label.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, get_args

from ..article import Article
from ..index import ArticleIndex
from ..kinds import ClaimKind, QuoteKind
from ..model import Claim, EntityKind, RelationKind
from .iri import VOCAB, article_url, sameas_url, urn, vocab

CONTEXT: dict[str, str] = {"@vocab": "https://schema.org/", "quoth": VOCAB}
VOCAB_SET = VOCAB.rstrip(":")

_NATURAL = {"person": "Person", "organization": "Organization", "country": "Country", "place": "Place"}

_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("claim-kind", "the kind of a claim", get_args(ClaimKind)),
    ("entity-kind", "the kind of an entity", get_args(EntityKind)),
    ("quote-kind", "direct quote or reported speech", get_args(QuoteKind)),
    ("relation", "how one claim bears on another (from the claim that holds it to the one it names)", get_args(RelationKind)),
)


def _compact(iri: str) -> str:
    return "quoth:" + iri[len(VOCAB) :]


def defined_term_set() -> dict[str, Any]:
    """Quoth's vocabulary as a schema.org DefinedTermSet."""
    return {
        "@type": "DefinedTermSet",
        "@id": VOCAB_SET,
        "name": "Quoth vocabulary",
        "description": "Kinds of claims, entities and quotes, and relations between claims, as Quoth's article format defines them.",
        "hasDefinedTerm": [
            {
                "@type": "DefinedTerm",
                "@id": vocab(group, term),
                "name": term,
                "termCode": f"{group}:{term}",
                "description": f"{term}: {meaning}",
                "inDefinedTermSet": {"@id": VOCAB_SET},
            }
            for group, meaning, terms in _GROUPS
            for term in terms
        ],
    }


def _speakers(article: Article) -> set[str]:
    return {q.speaker for q in article.doc.quotes} | {c.speaker for c in article.doc.claims}


def entity_node(article: Article, entity_id: str, speaks: bool) -> dict[str, Any]:
    entity = article.entities[entity_id]
    if speaks:
        kind = "Person" if entity.kind == "person" else "Organization"
    else:
        kind = _NATURAL.get(entity.kind, "Thing")
    node: dict[str, Any] = {"@type": kind, "@id": urn(article, "entity", entity.id), "name": entity.name}
    if entity.kind not in ("person", "organization"):
        node["additionalType"] = vocab("entity-kind", entity.kind)
    if entity.role:
        node["jobTitle" if kind == "Person" else "description"] = entity.role
    if entity.note:
        node["disambiguatingDescription"] = entity.note
    urls = [u for u in (sameas_url(s) for s in entity.sameas) if u]
    if urls:
        node["sameAs"] = urls
    others = [s for s in entity.sameas if not sameas_url(s)]
    if others:
        node["identifier"] = others
    return node


def article_node(article: Article) -> dict[str, Any]:
    meta = article.meta
    node: dict[str, Any] = {"@type": "NewsArticle", "@id": urn(article), "headline": meta.title}
    if meta.published:
        node["datePublished"] = meta.published.isoformat()
    if meta.outlet:
        node["publisher"] = {"@type": "Organization", "name": meta.outlet}
    url = article_url(article)
    if url:
        node["url"] = url
    if meta.byline:
        node["author"] = [{"@type": "Person", "name": n} for n in meta.byline]
    node["inLanguage"] = meta.language
    if meta.summary:
        node["abstract"] = meta.summary
    if meta.tags:
        node["keywords"] = list(meta.tags)
    return node


def _quotation(article: Article, qid: str) -> dict[str, Any]:
    quote = article.quotes[qid]
    return {
        "@type": "Quotation",
        "@id": urn(article, "quote", qid),
        "additionalType": vocab("quote-kind", quote.kind),
        "text": quote.text,
        "spokenByCharacter": {"@id": urn(article, "entity", quote.speaker)},
        "isPartOf": {"@id": urn(article)},
    }


def claim_node(article: Article, claim: Claim, index: ArticleIndex) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "Claim",
        "@id": urn(article, "claim", claim.id),
        "additionalType": vocab("claim-kind", claim.kind),
        "text": claim.text,
        "author": {"@id": urn(article, "entity", claim.speaker)},
        "appearance": [_quotation(article, q) for q in claim.quotes] or [{"@id": urn(article)}],
    }
    if claim.about:
        node["about"] = [{"@id": urn(article, "entity", e)} for e in claim.about]
    if claim.note:
        node["description"] = claim.note
    for link in index.relations_of(claim.id):
        if link.outgoing:
            key = _compact(vocab("relation", link.kind))
            node.setdefault(key, []).append({"@id": urn(article, "claim", link.other)})
    return node


def claims_document(articles: Sequence[Article]) -> dict[str, Any]:
    graph: list[dict[str, Any]] = [defined_term_set()]
    for article in articles:
        index = ArticleIndex(article)
        speakers = _speakers(article)
        graph.append(article_node(article))
        graph.extend(entity_node(article, e.id, e.id in speakers) for e in article.doc.entities)
        graph.extend(claim_node(article, c, index) for c in article.doc.claims)
    return {"@context": CONTEXT, "@graph": graph}


def to_claims(articles: Sequence[Article]) -> str:
    return json.dumps(claims_document(articles), ensure_ascii=False, indent=2) + "\n"
