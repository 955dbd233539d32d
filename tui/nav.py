"""Places a reader can go, and the message that asks to go there.

Panes never reach into each other: they post :class:`Follow` and the
screen moves every pane.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.message import Message

TargetKind = Literal["section", "quote", "claim", "entity", "person"]


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
        return cls(kind, ident, article)  # type: ignore[arg-type]


class Follow(Message):
    """Go to ``target``. ``origin`` names the pane that asked, so the screen
    does not move that pane again, and ``record`` says whether it is a jump
    for the back/forward history."""

    def __init__(self, target: Target, origin: str = "", record: bool = True) -> None:
        super().__init__()
        self.target = target
        self.origin = origin
        self.record = record


class SectionInView(Message):
    """The reader scrolled; ``section`` is now the one at the top."""

    def __init__(self, section: str) -> None:
        super().__init__()
        self.section = section
