"""``quoth import``: from a news article to a draft that passes ``quoth check``.

The package is pure (no Textual): :mod:`.sources` reads plain text,
Markdown or HTML; :mod:`.quotes` finds the spans between quotation marks;
:mod:`.phrases` and :mod:`.attribution` find speakers, cues and reported
speech by rules; :mod:`.entities` merges speakers and makes ids;
:mod:`.draft` writes the TOML through :mod:`.toml_out`.
"""

from __future__ import annotations

from ..article import FileResult
from ..reading import load_text
from .draft import DEFAULT_TARGET, Draft, Options, Target, make_draft
from .sources import KINDS, Source, SourceError, guess_kind, read

__all__ = [
    "DEFAULT_TARGET",
    "KINDS",
    "Draft",
    "Options",
    "Source",
    "SourceError",
    "Target",
    "guess_kind",
    "import_text",
    "make_draft",
    "read",
    "verify",
]


def import_text(text: str, kind: str = "text", options: Options | None = None, **meta: str | None) -> Draft:
    """Read a source of ``kind`` and make its draft; metadata given here wins over the source's."""
    source = read(text, kind, meta.get("url")).with_meta(**meta)
    return make_draft(source, options)


def verify(draft: Draft, name: str = "<draft>") -> FileResult:
    """Load a draft the way ``quoth check`` does (a draft that fails is a bug)."""
    return load_text(draft.text, name)
