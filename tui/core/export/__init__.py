"""Citations and exports: pure functions of loaded articles (no Textual here).

``FORMATS`` is the one list of export formats: ``quoth export``'s choices and
help, and the list in docs/exports.md (a test compares them), come from it.
``CITE_FORMATS`` does the same for ``quoth cite``. Each format lives in a
module of its own: jsondoc, markdown, annotations (W3C Web Annotation),
claims (schema.org) and citation (Chicago notes, CSL-JSON, BibTeX).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..article import Article
from .annotations import CONTEXT_CHARS, annotation_document, quote_annotation, to_annotations
from .citation import CITE_FORMATS, cite, cite_claim, cite_quote, csl_item
from .claims import claims_document, to_claims
from .iri import safe_url, urn
from .jsondoc import EXPORT_VERSION, article_json, export_schema, to_json, write_json
from .markdown import FLAVORS, article_markdown, md_escape, to_markdown


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name, a one-line summary, and how to write it."""

    name: str
    summary: str
    write: Callable[[Sequence[Article], str], str]  # (articles, Markdown flavor) -> text


def _ignore_flavor(fn: Callable[[Sequence[Article]], str]) -> Callable[[Sequence[Article], str], str]:
    return lambda articles, flavor: fn(articles)


#: The export formats, in the order the help and the docs list them.
FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("json", "the articles as written, plus derived anchors, mentions and relations", _ignore_flavor(to_json)),
        ExportFormat("markdown", "a readable document (GFM footnotes, or --flavor commonmark for endnotes)", to_markdown),
        ExportFormat("annotations", "W3C Web Annotations, one per quote (JSON-LD)", _ignore_flavor(to_annotations)),
        ExportFormat("claims", "schema.org Claims with their speakers and quotations (JSON-LD)", _ignore_flavor(to_claims)),
    )
}


def export(articles: Iterable[Article], fmt: str, flavor: str = "gfm") -> str:
    return FORMATS[fmt].write(list(articles), flavor)


__all__ = [
    "CITE_FORMATS",
    "CONTEXT_CHARS",
    "EXPORT_VERSION",
    "FLAVORS",
    "FORMATS",
    "ExportFormat",
    "annotation_document",
    "article_json",
    "article_markdown",
    "cite",
    "cite_claim",
    "cite_quote",
    "claims_document",
    "csl_item",
    "export",
    "export_schema",
    "md_escape",
    "quote_annotation",
    "safe_url",
    "to_annotations",
    "to_claims",
    "to_json",
    "to_markdown",
    "urn",
    "write_json",
]
