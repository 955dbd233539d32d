"""Trusting what a cache or a store gives back: no more than a file.

An article read back from the JSON caches (or from the SQLite store that
replaces them) was validated once, but the bytes may have been changed
since: by a bug, another version, a disk, or a hand. :func:`checked_article`
holds it to the same checks as a freshly parsed article: no refused
character anywhere, unique ids, every reference resolving (speakers,
sections, quotes, claims, ``about``, relations), every quote anchored in its
section. The anchors are computed again here, never taken from the cache.
A document that fails gives None: discard the entry and parse the file.
No Textual import here.
"""

from __future__ import annotations

from collections.abc import Iterator

from .article import Article
from .checks import Parts, check_article
from .diagnostics import Reporter
from .model import ArticleFile
from .text import FORBIDDEN


def _strings(value: object) -> Iterator[str]:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


def checked_article(file: str, doc: ArticleFile) -> Article | None:
    """The article, if ``doc`` passes every check the loader makes after the
    schema; None if anything is wrong with it.

    ``doc`` must come from the pydantic models' own validation
    (``model_validate_json`` and friends), which checks the schema: ids are
    slugs, kinds are known, required keys are there."""
    if any(FORBIDDEN.search(s) for s in _strings(doc.model_dump(by_alias=True))):
        return None
    report = Reporter(file, "")  # no text: any error discards the entry, unshown
    anchors = check_article(Parts.of(doc), report)
    if report.errors:
        return None
    return Article(file, doc, anchors)
