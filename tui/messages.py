"""The typed messages that panes, screens and the app exchange.

Panes never reach into each other or up into the app: they post one of
these, and whoever owns the job handles it with ``@on``. Navigation inside an
article goes to the reader screen (:class:`Follow`); everything that leaves
the screen (another article, a person, the library search, the bookmarks, a
citation) goes to the app.
"""

from __future__ import annotations

from textual.message import Message

from .core.nav import Origin, Target


class Follow(Message):
    """Go to ``target`` in the open article. ``origin`` names the pane that
    asked, so the screen does not move that pane again, and ``record`` says
    whether it is a jump for the back/forward history."""

    def __init__(self, target: Target, origin: Origin = Origin.NONE, record: bool = True) -> None:
        super().__init__()
        self.target = target
        self.origin = origin
        self.record = record


class SectionInView(Message):
    """The reader scrolled; ``section`` is now the one at the top."""

    def __init__(self, section: str) -> None:
        super().__init__()
        self.section = section
