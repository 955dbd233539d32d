"""The Quoth app: composes screens and routes between them. Stays small."""

from __future__ import annotations

from textual.app import App

from . import __version__
from .index import ArticleIndex
from .load import Library
from .screens.reader import ReaderScreen


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
