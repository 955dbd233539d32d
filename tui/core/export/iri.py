"""Identifiers and links shared by every export: Quoth's fallback IRIs, its
small vocabulary, safe URLs and external identifiers as URLs.

Fallback IRIs (documented in docs/exports.md) name what has no URL of its own:

- ``urn:quoth:ARTICLE`` the article, ``urn:quoth:ARTICLE:quote:ID``,
  ``urn:quoth:ARTICLE:claim:ID``, ``urn:quoth:ARTICLE:entity:ID``;
- ``urn:quoth:vocab:`` + a term: Quoth's vocabulary (claim, entity and
  relation kinds), published as a schema.org ``DefinedTermSet`` in the claims
  export.

Paragraphs are numbered from 0 in every export: the index into the section's
``paragraphs`` array, as in the JSON export's ``derived.anchors``.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from ..article import Article

URN = "urn:quoth:"
VOCAB = URN + "vocab:"

#: Characters kept as they are in a URL; everything else is percent-encoded
#: (so ``<``, ``>``, ``"``, spaces and backticks can never end a link early).
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"

_WIKIDATA = re.compile(r"^(?:wikidata|wd):(Q[1-9][0-9]*)$", re.IGNORECASE)


def urn(article: Article, *parts: str) -> str:
    """The fallback IRI of an article or of a part of it."""
    return ":".join((URN + article.id, *parts))


def vocab(group: str, term: str) -> str:
    """The IRI of a term of Quoth's vocabulary, e.g. ``urn:quoth:vocab:claim-kind:denial``."""
    return f"{VOCAB}{group}:{term}"


def safe_url(url: str | None) -> str | None:
    """An absolute http(s) URL, percent-encoded so that no character can end
    or escape a link; None for anything else (``javascript:``, relative, empty)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=_URL_SAFE)


def article_url(article: Article) -> str | None:
    return safe_url(article.meta.url)


def sameas_url(identifier: str) -> str | None:
    """An entity's external identifier as a URL: ``wikidata:Q159`` becomes
    ``https://www.wikidata.org/entity/Q159``; an http(s) URL stays; else None."""
    m = _WIKIDATA.match(identifier.strip())
    if m:
        return f"https://www.wikidata.org/entity/{m.group(1).upper()}"
    return safe_url(identifier)
