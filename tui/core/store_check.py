"""Trusting nothing read back from the library store.

The store is a file anyone with access to the cache folder can change, so
what comes out of it passes the same gates as a freshly parsed article: no
string may hold a character the loader refuses, the article must validate
against the format's models, and the reference checks and quote anchoring
of :mod:`.checks` must pass and agree with the stored anchors.

:func:`article_from_store` is the one place that turns stored data into an
:class:`Article`; a core validation function for cached articles can replace
its body. pydantic loads only when an article is read back.
"""

from __future__ import annotations

import json
import os
import re
from typing import TYPE_CHECKING

from .text import FORBIDDEN

if TYPE_CHECKING:
    from .article import Article


def db_path(name: str) -> str | bytes:
    """A file's path as the store keeps it: text, or, for a name that is not
    UTF-8 (which SQLite text cannot hold), its bytes."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name)
    return name


def db_name(value: str | bytes) -> str:
    """A path read back from the store (see :func:`db_path`)."""
    return os.fsdecode(value) if isinstance(value, bytes) else value


class Tainted(ValueError):
    """Something read from the store is not what the store writes."""

    def __init__(self, file: str | bytes, why: str) -> None:
        name = db_name(file)
        super().__init__(f"{why} (stored for {name!r})")
        self.file = name


# Articles are stored as ASCII JSON (every other character escaped), so a
# character the loader refuses can only stand in one as an escape sequence:
# \b \f \r, or \u for C0, C1 and bidi controls. One search finds them.
_CONTROL_ESCAPE = re.compile(r"\\(?:[bfr]|u(?:00[01]|00[89]|007[fF]|202[a-eA-E]|206[6-9]))")


def holds_controls(raw: str) -> bool:
    """Whether stored ASCII JSON could hold a character the loader refuses."""
    if not raw.isascii() or "\x7f" in raw or FORBIDDEN.search(raw):
        return True
    for found in _CONTROL_ESCAPE.finditer(raw):
        # an escape only if its backslash is not itself escaped (C:\\reports)
        at = found.start()
        while at > 0 and raw[at - 1] == "\\":
            at -= 1
        if (found.start() - at) % 2 == 0:
            return True
    return False


def clean(file: str | bytes, *values: str | None) -> None:
    """Refuse stored strings that hold a control character."""
    for value in values:
        if value is not None and (not isinstance(value, str) or FORBIDDEN.search(value)):
            raise Tainted(file, "a stored string holds a refused character")


def article_from_store(file: str, doc_json: str, anchors_json: str) -> Article:
    """The stored article of ``file``, checked as a parsed one would be; raises
    :class:`Tainted` if it fails any check."""
    from pydantic import ValidationError

    from .model import ArticleFile
    from .trust import checked_article

    if holds_controls(doc_json) or holds_controls(anchors_json):
        raise Tainted(file, "the stored article holds a refused character")
    try:
        doc = ArticleFile.model_validate_json(doc_json)
        stored = json.loads(anchors_json)
    except (ValidationError, ValueError) as exc:
        raise Tainted(file, f"the stored article does not validate ({type(exc).__name__})") from exc
    article = checked_article(file, doc, text_checked=True)  # the loader's own checks (tui/core/trust.py)
    if article is None:
        raise Tainted(file, "the stored article fails the reference checks")
    anchors = article.anchors
    if not isinstance(stored, dict) or {
        q: [a.section, a.paragraph, a.start, a.end] for q, a in anchors.items()
    } != stored:
        raise Tainted(file, "the stored quote anchors do not match the text")
    return article
