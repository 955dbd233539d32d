"""Trusting what a cache or a store gives back: no more than a file.

An article read back from the library store was validated once, but the
bytes may have been changed since: by a bug, another version, a disk, or a
hand. :func:`checked_article`
holds it to the same checks as a freshly parsed article: no refused
character anywhere, unique ids, every reference resolving (speakers,
sections, quotes, claims, ``about``, relations), every quote anchored in its
section. The anchors are computed again here, never taken from the store.
A document that fails gives None: discard the entry and parse the file.
No Textual import here.
"""

from __future__ import annotations

from .article import Article
from .checks import Parts, check_article
from .diagnostics import Reporter
from .model import ArticleFile
from .placing import check_links
from .store_check import holds_controls


def checked_article(file: str, doc: ArticleFile, *, text_checked: bool = False) -> Article | None:
    """The article, if ``doc`` passes every check the loader makes after the
    schema; None if anything is wrong with it.

    ``doc`` must come from the pydantic models' own validation
    (``model_validate_json`` and friends), which checks the schema: ids are
    slugs, kinds are known, required keys are there. ``text_checked`` says
    that the caller has already looked for refused characters in the bytes
    it read (``holds_controls`` on ASCII JSON); otherwise the document is
    dumped to ASCII JSON and looked through here."""
    if not text_checked and holds_controls(doc.model_dump_json(by_alias=True, ensure_ascii=True)):
        return None
    report = Reporter(file, "")  # no text: any error discards the entry, unshown
    parts = Parts.of(doc)
    anchors = check_article(parts, report)
    check_links(parts, anchors, report)  # continues and via, as the loader checks them
    if report.count:
        return None
    return Article(file, doc, anchors)
