"""Citations and exports: plain text, JSON, Markdown, W3C Web Annotations and
schema.org Claims. Pure functions of loaded articles; no Textual import here.

The JSON shape is documented in docs/format.md ("Exports") and versioned by
``EXPORT_VERSION``; the JSON-LD outputs follow their standards.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from .article import Article
from .index import ArticleIndex, quotes_by_paragraph
from .model import Claim, Quote

EXPORT_VERSION = 1
CONTEXT_CHARS = 32  # TextQuoteSelector prefix/suffix length, as Hypothesis records them
FORMATS = ("json", "markdown", "annotations", "claims")


def urn(article: Article, *parts: str) -> str:
    return ":".join(("urn:quoth", article.id, *parts))


# -- citations -----------------------------------------------------------


def _who(article: Article, entity_id: str) -> str:
    entity = article.entities[entity_id]
    return f"{entity.name}, {entity.role}" if entity.role else entity.name


def _where(article: Article) -> str:
    meta = article.meta
    out = f"in “{meta.title}”"
    if meta.outlet:
        out += f", {meta.outlet}"
    if meta.published:
        out += f" ({meta.published.isoformat()})"
    return out


def cite_quote(article: Article, quote: Quote) -> str:
    """``“words” — Speaker, Role, in “Title”, Outlet (date)``; absent fields are left out."""
    reported = " (reported speech)" if quote.kind == "indirect" else ""
    return f"“{quote.text}” — {_who(article, quote.speaker)}{reported}, {_where(article)}"


def cite_claim(article: Article, claim: Claim) -> str:
    """The claim, its speaker and the quotes that carry it."""
    lines = [f"{claim.text} ({claim.kind}) — {_who(article, claim.speaker)}, {_where(article)}"]
    for qid in claim.quotes:
        quote = article.quotes[qid]
        reported = " (reported speech)" if quote.kind == "indirect" else ""
        speaker = article.entities[quote.speaker].name
        lines.append(f"  Evidence: “{quote.text}” — {speaker}{reported}")
    return "\n".join(lines)


def cite(article: Article, item_id: str) -> str | None:
    """Citation of a quote (preferred) or claim by id; None if neither exists."""
    if item_id in article.quotes:
        return cite_quote(article, article.quotes[item_id])
    if item_id in article.claims:
        return cite_claim(article, article.claims[item_id])
    return None


# -- JSON ----------------------------------------------------------------


def article_json(article: Article) -> dict[str, Any]:
    """The validated model (as written, by TOML key) plus derived data."""
    index = ArticleIndex(article)
    data = article.doc.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["derived"] = {
        "anchors": {
            qid: {"section": a.section, "paragraph": a.paragraph, "start": a.start, "end": a.end}
            for qid, a in article.anchors.items()
        },
        "mentions": [
            {"entity": m.entity, "section": m.section, "paragraph": m.paragraph, "start": m.start, "end": m.end}
            for m in index.mentions
        ],
        "relations": {
            claim.id: [
                {"label": link.label, "kind": link.kind, "claim": link.other, "direction": "out" if link.outgoing else "in"}
                | ({"note": link.note} if link.note else {})
                for link in index.relations_of(claim.id)
            ]
            for claim in article.doc.claims
        },
    }
    return data


def to_json(articles: Sequence[Article]) -> str:
    doc = {"quoth_export": EXPORT_VERSION, "articles": [article_json(a) for a in articles]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# -- Markdown ------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")


def md_escape(text: str) -> str:
    """Escape Markdown syntax so article text stays literal (on one line)."""
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split("\n")))
    if text[:1] in ("#", "+", "-", "=", ">"):
        text = "\\" + text
    return re.sub(r"^(\s*)(\d+)\.", r"\1\2\\.", text)


def _marked_paragraph(article: Article, section_id: str, number: int, paragraph: str) -> str:
    """The paragraph with each quote in bold (direct) or italics (reported), with footnote refs."""
    quotes = list(quotes_by_paragraph(article).get((section_id, number), ()))
    quotes.sort(key=lambda aq: (aq[0].start, -aq[0].end))
    out, pos = [], 0
    group_end, refs, marker = -1, [], ""
    for anchor, quote in quotes:
        if anchor.start < group_end:  # inside the current mark: add its footnote there
            refs.append(quote.id)
            continue
        if refs:
            out.append(marker + "".join(f"[^{r}]" for r in refs))
        out.append(md_escape(paragraph[pos : anchor.start]))
        marker = "**" if quote.kind == "direct" else "*"
        out.append(marker + md_escape(paragraph[anchor.start : anchor.end]))
        pos = group_end = anchor.end
        refs = [quote.id]
    if refs:
        out.append(marker + "".join(f"[^{r}]" for r in refs))
    out.append(md_escape(paragraph[pos:]))
    return "".join(out)


def article_markdown(article: Article) -> str:
    meta = article.meta
    index = ArticleIndex(article)
    lines = [f"# {md_escape(meta.title)}", ""]
    facts = [x for x in (meta.outlet, meta.published.isoformat() if meta.published else None) if x]
    if meta.byline:
        facts.append("By " + ", ".join(meta.byline))
    if facts:
        lines += [md_escape(" · ".join(facts)), ""]
    if meta.url:
        lines += [f"<{meta.url}>", ""]
    if meta.tags:
        lines += [" ".join(f"`{t.replace('`', '')}`" for t in meta.tags), ""]
    if meta.summary:
        lines += [f"> {md_escape(meta.summary)}", ""]
    lines += ["**Bold** marks direct quotes, *italics* reported speech; footnotes name the speaker.", ""]
    for n, section in enumerate(article.doc.sections, 1):
        lines += [f"## {n}. {md_escape(section.title)}", ""]
        for p, paragraph in enumerate(section.paragraphs):
            lines += [_marked_paragraph(article, section.id, p, paragraph), ""]
    if article.doc.claims:
        lines += ["## Claims", "", "| Claim | Speaker | Kind | Evidence | Relations |", "| --- | --- | --- | --- | --- |"]
        for claim in article.doc.claims:
            evidence = ", ".join(f"[^{q}]" for q in claim.quotes) or "—"
            relations = "; ".join(
                f"{link.label} “{md_escape(article.claims[link.other].text)}”" for link in index.relations_of(claim.id)
            ) or "—"
            speaker = article.entities[claim.speaker].name
            lines.append(
                f"| {md_escape(claim.text)} | {md_escape(speaker)} | {claim.kind} | {evidence} | {relations} |"
            )
        lines.append("")
    lines += ["## Sources", ""]
    if not article.sources:
        lines += ["No related sources listed.", ""]
    for source in article.sources:
        bits = [md_escape(source.title)]
        if source.publisher:
            bits.append(md_escape(source.publisher))
        if source.published:
            bits.append(source.published.isoformat())
        entry = "- " + ", ".join(bits)
        if source.url:
            entry += f" <{source.url}>"
        lines.append(entry)
    if article.sources:
        lines.append("")
    if article.doc.quotes:
        for quote in article.doc.quotes:
            speaker = article.entities[quote.speaker]
            who = md_escape(speaker.name + (f" ({speaker.role})" if speaker.role else ""))
            kind = "direct quote" if quote.kind == "direct" else "reported speech"
            extra = f", “{md_escape(quote.cue)}”" if quote.cue else ""
            note = f" {md_escape(quote.note)}" if quote.note else ""
            lines.append(f"[^{quote.id}]: {who}, {kind}{extra}.{note}")
        lines.append("")
    return "\n".join(lines)


def to_markdown(articles: Sequence[Article]) -> str:
    return "\n---\n\n".join(article_markdown(a) for a in articles)


# -- W3C Web Annotations -------------------------------------------------


def quote_annotation(article: Article, quote: Quote) -> dict[str, Any]:
    anchor = article.anchors[quote.id]
    paragraph = article.sections[quote.section].paragraphs[anchor.paragraph]
    speaker = article.entities[quote.speaker]
    body: list[dict[str, Any]] = [
        {
            "type": "TextualBody",
            "purpose": "identifying",
            "value": speaker.name,
            "format": "text/plain",
            "id": urn(article, "entity", speaker.id),
        },
        {"type": "TextualBody", "purpose": "tagging", "value": quote.kind},
    ]
    if speaker.role:
        body.append({"type": "TextualBody", "purpose": "describing", "value": speaker.role})
    if quote.cue:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": quote.cue})
    source: dict[str, Any] = {
        "id": urn(article, "section", quote.section, "paragraph", str(anchor.paragraph + 1)),
        "type": "Text",
        "partOf": article.meta.url or urn(article),
    }
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": urn(article, "quote", quote.id),
        "type": "Annotation",
        "motivation": "identifying",
        "body": body,
        "target": {
            "source": source,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": quote.text,
                    "prefix": paragraph[max(0, anchor.start - CONTEXT_CHARS) : anchor.start],
                    "suffix": paragraph[anchor.end : anchor.end + CONTEXT_CHARS],
                },
                {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end},
            ],
        },
    }


def to_annotations(articles: Sequence[Article]) -> str:
    items = [quote_annotation(a, q) for a in articles for q in a.doc.quotes]
    for item in items:
        item.pop("@context")
    page = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationPage",
        "items": items,
    }
    return json.dumps(page, ensure_ascii=False, indent=2) + "\n"


# -- schema.org Claims ---------------------------------------------------

_SCHEMA_TYPES = {"person": "Person", "organization": "Organization", "country": "Country", "place": "Place"}


def _entity_node(article: Article, entity_id: str) -> dict[str, Any]:
    entity = article.entities[entity_id]
    node: dict[str, Any] = {
        "@type": _SCHEMA_TYPES.get(entity.kind, "Thing"),
        "@id": urn(article, "entity", entity.id),
        "name": entity.name,
    }
    if entity.role:
        node["jobTitle" if entity.kind == "person" else "description"] = entity.role
    if entity.sameas:
        node["sameAs"] = list(entity.sameas)
    return node


def _article_node(article: Article) -> dict[str, Any]:
    meta = article.meta
    node: dict[str, Any] = {"@type": "NewsArticle", "@id": urn(article), "headline": meta.title}
    if meta.published:
        node["datePublished"] = meta.published.isoformat()
    if meta.outlet:
        node["publisher"] = {"@type": "Organization", "name": meta.outlet}
    if meta.url:
        node["url"] = meta.url
    if meta.byline:
        node["author"] = [{"@type": "Person", "name": n} for n in meta.byline]
    return node


def claim_node(article: Article, claim: Claim, index: ArticleIndex) -> dict[str, Any]:
    appearances: list[dict[str, Any]] = [
        {
            "@type": "Quotation",
            "@id": urn(article, "quote", qid),
            "text": article.quotes[qid].text,
            "spokenByCharacter": {"@id": urn(article, "entity", article.quotes[qid].speaker)},
            "isPartOf": {"@id": urn(article)},
        }
        for qid in claim.quotes
    ] or [{"@id": urn(article)}]
    node: dict[str, Any] = {
        "@type": "Claim",
        "@id": urn(article, "claim", claim.id),
        "text": claim.text,
        "author": _entity_node(article, claim.speaker),
        "appearance": appearances,
        "additionalType": f"quoth:{claim.kind}",
    }
    if claim.about:
        node["about"] = [{"@id": urn(article, "entity", e), "name": article.entities[e].name} for e in claim.about]
    if claim.note:
        node["comment"] = claim.note
    relations = [
        {"quoth:kind": link.kind, "quoth:label": link.label, "quoth:claim": {"@id": urn(article, "claim", link.other)}}
        for link in index.relations_of(claim.id)
    ]
    if relations:
        node["quoth:relations"] = relations
    return node


def to_claims(articles: Sequence[Article]) -> str:
    graph: list[dict[str, Any]] = []
    for article in articles:
        index = ArticleIndex(article)
        graph.append(_article_node(article))
        graph.extend(claim_node(article, c, index) for c in article.doc.claims)
    doc = {"@context": {"@vocab": "https://schema.org/", "quoth": "urn:quoth:vocab#"}, "@graph": graph}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def export(articles: Iterable[Article], fmt: str) -> str:
    articles = list(articles)
    return {"json": to_json, "markdown": to_markdown, "annotations": to_annotations, "claims": to_claims}[fmt](articles)
