"""The typed messages that panes, screens and the app exchange.

Panes never reach into each other or up into the app: they post one of
these, and whoever owns the job handles it with ``@on``. Navigation inside an
article goes to the reader screen (:class:`Follow`); everything that leaves
the screen (another article, a person, the library search, the bookmarks, a
citation) goes to the app.
"""

from __future__ import annotations

from textual.message import Message

from .core.diagnostics import Diagnostic
from .core.index import ArticleIndex
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


class Navigate(Message):
    """Go somewhere the posting screen cannot show itself: a person across
    the library (``target.kind == "person"``), or a place in another article
    (``target.article`` set). Handled by the app."""

    def __init__(self, target: Target) -> None:
        super().__init__()
        self.target = target


class OpenArticle(Message):
    """Open the article ``article_id`` in a reader, at ``target`` if given,
    else where the reader left off. Handled by the app."""

    def __init__(self, article_id: str, target: Target | None = None) -> None:
        super().__init__()
        self.article_id = article_id
        self.target = target


class CopyCitation(Message):
    """Copy the citation of a quote or claim. ``target.article`` names its
    article; when empty, ``article_id`` does. Handled by the app."""

    def __init__(self, target: Target, article_id: str = "") -> None:
        super().__init__()
        self.target = target
        self.article_id = target.article or article_id


class ShowBookmarks(Message):
    """Open the bookmarks list (every article of the library). Handled by the app."""


class SearchLibrary(Message):
    """Open the search across every article of the library. Handled by the app."""


class ArticleReloaded(Message):
    """Sent by the app to each reader of ``file`` when the file changed on
    disk: ``index`` is the new valid version, or None with the ``errors`` that
    make it invalid (the reader then keeps its version, marked stale)."""

    def __init__(self, file: str, index: ArticleIndex | None, errors: tuple[Diagnostic, ...] = ()) -> None:
        super().__init__()
        self.file = file
        self.index = index
        self.errors = errors


class FileChanged(Message):
    """``file`` was changed from inside Quoth (the editor, key E): load it
    again as live reload would, so the edit shows at once even with
    ``--no-watch``. Handled by the app."""

    def __init__(self, file: str) -> None:
        super().__init__()
        self.file = file
