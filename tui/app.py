"""The Quoth app: composes screens and routes between them. Stays small."""

from __future__ import annotations

from textual.app import App

from . import __version__
from .export import cite
from .index import ArticleIndex
from .load import Library
from .nav import Target
from .screens.reader import ReaderScreen
from .text import visible


class QuothApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Quoth"
    SUB_TITLE = f"v{__version__}"
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def on_mount(self) -> None:
        # The library issue adds a library screen; until then open the first article.
        article = self.library.articles[0]
        self.push_screen(ReaderScreen(ArticleIndex(article)))

    def cite(self, target: Target) -> None:
        """Copy a quote's or claim's citation (OSC 52, so it works over ssh)."""
        screen = next((s for s in reversed(self.screen_stack) if isinstance(s, ReaderScreen)), None)
        if screen is None or target.kind not in ("quote", "claim"):
            return
        text = cite(screen.article, target.id)
        if text is None:
            return
        self.copy_to_clipboard(text)
        # the notification shows article text: inert, never markup
        self.notify(visible(text), title="Copied citation", markup=False, timeout=6)
