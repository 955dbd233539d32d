"""Saved references against the article as it is now.

Bookmarks, positions and the back/forward history name sections, quotes and
claims by id, and the file can change between two runs (or under a live
reload): an id renamed, an item deleted. Nothing here raises for that: a
reference either still resolves, or resolves to the same text under its new
id, or is reported gone. No Textual import here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .article import Article
from .nav import Target
from .text import shorten

#: Bookmark labels are the item's text cut to this width (see the reader's ``m``).
LABEL_WIDTH = 80


def target_exists(article: Article, target: Target) -> bool:
    """Whether ``target`` (in this article) names something that is there."""
    table = {
        "section": article.sections,
        "quote": article.quotes,
        "claim": article.claims,
        "entity": article.entities,
        "person": article.entities,
    }.get(target.kind)
    return table is not None and target.id in table


def label_of(article: Article, target: Target) -> str:
    """What a bookmark of ``target`` is labelled with: its text, shortened."""
    if target.kind == "section":
        text = article.sections[target.id].title
    elif target.kind == "quote":
        text = article.quotes[target.id].text
    else:
        text = article.claims[target.id].text
    return shorten(text, LABEL_WIDTH)


def relocate(article: Article, kind: str, label: str) -> Target | None:
    """The one item of ``kind`` whose label is ``label``: the same text under
    another id. None if there is none, or more than one."""
    if not label or kind not in ("section", "quote", "claim"):
        return None
    items = {"section": article.sections, "quote": article.quotes, "claim": article.claims}[kind]
    found = [i for i in items if label_of(article, Target(kind, i)) == label]  # type: ignore[arg-type]
    return Target(kind, found[0]) if len(found) == 1 else None  # type: ignore[arg-type]


Status = Literal["ok", "moved", "gone", "no-article"]


@dataclass(frozen=True)
class Resolved:
    status: Status
    target: Target | None  # where to go (in the bookmark's article); None if nowhere


def resolve(article: Article | None, kind: str, ident: str, label: str = "") -> Resolved:
    """Where a saved reference points now."""
    if article is None:
        return Resolved("no-article", None)
    target = Target(kind, ident)  # type: ignore[arg-type]
    if target.valid_kind and target_exists(article, target):
        return Resolved("ok", target)
    moved = relocate(article, kind, label)
    return Resolved("moved", moved) if moved is not None else Resolved("gone", None)
