"""Places a reader can go (:class:`Target`) and who asked to go there
(:class:`Origin`). Pure data: the Textual messages that carry them live in
:mod:`tui.messages`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Literal, cast

TargetKind = Literal["section", "quote", "claim", "entity", "person"]
TARGET_KINDS: tuple[TargetKind, ...] = ("section", "quote", "claim", "entity", "person")


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    id: str
    article: str = ""  # set when the place is in another article of the library

    @property
    def key(self) -> str:
        base = f"{self.kind}:{self.id}"
        return f"{self.article}/{base}" if self.article else base

    @classmethod
    def from_key(cls, key: str) -> Target:
        article, slash, rest = key.partition("/")
        if not slash:
            article, rest = "", key
        kind, _, ident = rest.partition(":")
        return cls(cast(TargetKind, kind), ident, article)

    @property
    def valid_kind(self) -> bool:
        return self.kind in TARGET_KINDS


class Origin(Enum):
    """The pane or action that asked for a move, so the screen does not move
    that pane again, and knows whether the move is a jump worth recording."""

    NONE = "none"
    OPEN = "open"  # the screen opened at a target
    READER = "reader"  # the reader scrolled onto an item
    READER_ENTER = "reader-enter"  # Enter on an item in the reader
    OUTLINE = "outline"  # the outline's cursor moved
    OUTLINE_ENTER = "outline-enter"  # Enter in the outline
    QUOTES = "quotes"  # the quote list
    XREFS = "xrefs"  # the cross-references pane
    RESULTS = "results"  # a search result
    HISTORY = "history"  # back or forward
    PALETTE = "palette"  # the command palette
    DETAIL = "detail"  # an overlay (entity, claim, person, bookmarks)

    @property
    def from_outline(self) -> bool:
        return self in (Origin.OUTLINE, Origin.OUTLINE_ENTER)
