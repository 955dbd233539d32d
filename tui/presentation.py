"""How the views name and colour things, written once: a speaker's colour
and short name, and a section's label. Every pane uses these, so that the
reader's tags, the quote list and the cross-references agree."""

from __future__ import annotations

from textual.content import Content

from .core.index import ArticleIndex
from .render import join, safe

#: Speaker colours, assigned in entity order so marks tell speakers apart.
PALETTE = ["#e5a550", "#63b3ed", "#9ae6b4", "#f687b3", "#d6bcfa", "#fbd38d", "#81e6d9", "#feb2b2"]


def speaker_colour(index: ArticleIndex, entity_id: str) -> str:
    position = index.article.entity_index.get(entity_id, 0)
    return PALETTE[position % len(PALETTE)]


def short_name(index: ArticleIndex, entity_id: str) -> str:
    """The name a tag or a list shows for a speaker (``Entity.short_name``)."""
    return index.article.entities[entity_id].short_name


def section_heading(index: ArticleIndex, section_id: str, style: str = "dim italic") -> Content:
    """``§3 Title`` as Content: the label dim, the title (article text) inert."""
    article = index.article
    title = article.sections[section_id].title
    label = article.section_label(section_id)
    return join((f"{label} ", "dim"), safe(title, style)) if title else Content(label)
