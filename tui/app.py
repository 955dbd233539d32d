"""The Quoth app: start-up, and routing the screens' typed messages.

One article opens straight in the reader. A library (a folder of several
articles) loads in a worker behind a progress bar, then opens on the library
screen (tui/app_library.py: loading, indexes, live reload). The app owns what
outlives a screen: the library, the saved state, the store and the watcher.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding

from . import __version__
from .app_library import LibraryHost
from .core.article import Article, Library
from .core.diagnostics import Diagnostic
from .core.export import cite
from .core.index import ArticleIndex
from .core.nav import Origin, Target
from .core.reading import load_file
from .core.search import SearchIndex
from .core.state import StateStore
from .core.text import visible
from .messages import (
    CopyCitation,
    Follow,
    Navigate,
    OpenArticle,
    SearchLibrary,
    ShowBookmarks,
)
from .screens.reader import ReaderScreen

log = logging.getLogger("quoth")

# The library's modules load only when a library opens, so that one article
# starts as fast as it can (see bench/startup.py).
if TYPE_CHECKING:
    from .core.article import Summary
    from .core.opener import LibraryOpener
    from .core.people import PersonSource
    from .core.store_search import StoreSearch


class QuothApp(LibraryHost):
    CSS_PATH = "app.tcss"
    #: ? and F1 open the help of the screen on top when it has no binding of its
    #: own (modal screens, which do not see the app's bindings, bind it
    #: themselves); an input that has focus takes ? as a character
    BINDINGS = [Binding("question_mark,f1", "help", "Help", show=False)]
    TITLE = "Quoth"
    SUB_TITLE = f"v{__version__}"

    def __init__(
        self,
        library: Library | None = None,
        *,
        paths: list[str] | None = None,
        watch: bool = False,
        use_cache: bool = True,
        store: StateStore | None = None,
        preload: LibraryOpener | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.paths = paths or ([a.file for a in library.articles] if library else [])
        self.library_mode = library is None or len(library.articles) > 1
        self.watch_files = watch
        self.use_cache = use_cache
        self.store = store if store is not None else StateStore()
        self.preload = preload
        self.summaries: list[Summary] = []
        self.stale: dict[str, tuple[Diagnostic, ...]] = {}
        self._people: PersonSource | None = None
        self._search: SearchIndex | StoreSearch | None = None
        self._library_query = ""

    # -- start -------------------------------------------------------------

    def on_mount(self) -> None:
        for notice in self.store.notices:
            self.notify(visible(notice), title="Saved state", severity="warning", markup=False, timeout=8)
        theme = self.store.settings.theme
        if theme and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, lambda t: self.store.save_theme(t.name))
        if self.library is None:
            from .screens.library import LibraryScreen
            from .screens.loading import LoadingScreen

            known = self.preload.summaries if self.preload is not None else None
            if known is not None:  # nothing changed since the last open: the table at once
                self.summaries = known
                self.push_screen(LibraryScreen(known))
            else:  # the table waits, composed, under the progress bar
                self.push_screen(LibraryScreen([], loading=True))
                self.push_screen(LoadingScreen())
            self.load_in_background()
        elif self.library_mode:
            from .core.article import Summary
            from .screens.library import LibraryScreen

            self.summaries = [Summary.of(a) for a in self.library.articles]
            self.push_screen(LibraryScreen(self.summaries, self.library.errors))
        else:
            self.open_article(self.library.articles[0].id)
        if self.watch_files:
            self.watch_for_changes()

    # -- routes: screens post typed messages (tui/messages.py), the app acts ----

    def article(self, article_id: str) -> Article | None:
        if self.library is not None:
            return self.library.by_id.get(article_id)
        # the table came from the store and the library is still loading: read just this one
        summary = next((s for s in self.summaries if s.id == article_id), None)
        return load_file(summary.file).article if summary else None

    def open_article(self, article_id: str, target: Target | None = None) -> None:
        article = self.article(article_id)
        if article is None:
            self.notify(f"Article {visible(article_id)} is not available", severity="error", markup=False)
            return
        self.push_screen(
            ReaderScreen(
                ArticleIndex(article),
                store=self.store,
                restore=None if target else self.store.position(article_id),
                initial=target,
                stale=self.stale.get(article.file, ()),
            )
        )

    def _route(self, target: Target | None) -> None:
        """Where an overlay's choice leads: a place in the article under it,
        a person, or another article."""
        if target is None:
            return
        if target.kind == "person":
            self.open_person(target.article, target.id)
            return
        here = self.screen if isinstance(self.screen, ReaderScreen) else None
        if here is not None and target.article in ("", here.article.id):
            here.post_message(Follow(Target(target.kind, target.id), origin=Origin.DETAIL))
        elif target.article:
            self.open_article(target.article, Target(target.kind, target.id))

    @on(OpenArticle)
    def _open_article(self, message: OpenArticle) -> None:
        self.open_article(message.article_id, message.target)

    @on(Navigate)
    def _navigate(self, message: Navigate) -> None:
        self._route(message.target)

    @on(SearchLibrary)
    def open_library_search(self) -> None:
        if self.library is None or self._search is None:
            if self.library is not None and self.preload is None:  # given in memory: index it now, off the UI thread
                self._reindex(self.library)
            self.notify("The library is still loading; search will be ready in a moment.", severity="warning")
            return
        from .core.store_labels import LibraryLabels, StoreLabels
        from .core.store_search import StoreSearch

        # a store answers for the hits shown; a library given in memory, from itself
        labels = StoreLabels(self._search.store) if isinstance(self._search, StoreSearch) else LibraryLabels(self.library)
        from .screens.search import LibrarySearchScreen

        def chosen(target: Target | None) -> None:
            self._library_query = screen.last_query
            self._route(target)

        screen = LibrarySearchScreen(self._search, labels, self._library_query)
        self.push_screen(screen, chosen)

    @on(ShowBookmarks)
    def open_bookmarks(self) -> None:
        from .screens.bookmarks import BookmarksScreen

        titles = {s.id: s.title for s in self.summaries} or (
            {a.id: a.meta.title for a in self.library.articles} if self.library else {}
        )
        self.push_screen(BookmarksScreen(self.store, titles, self.article, ready=self.library is not None), self._route)

    def open_person(self, article_id: str, entity_id: str) -> None:
        from .screens.person import person_screen

        if self._people is None:  # not built yet (or superseded by a reload)
            self._people = self._make_people()
        self.push_screen(person_screen(self._people, article_id, entity_id), self._route)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ctrl+p belongs to a search prompt that has the keys (it walks back
        through the results, as less and readline do), not to the palette,
        whose priority binding would otherwise take it first."""
        if action == "command_palette" and self._search_prompt_has_keys():
            return False
        return super().check_action(action, parameters)

    def _search_prompt_has_keys(self) -> bool:
        from textual.widgets import Input

        from .screens.search import LibrarySearchScreen
        from .widgets.search_prompt import SearchPrompt

        if isinstance(self.screen, LibrarySearchScreen):
            return True
        focused = self.focused
        return isinstance(focused, Input) and isinstance(focused.parent, SearchPrompt)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen())

    @on(CopyCitation)
    def cite(self, message: CopyCitation) -> None:
        """Copy a quote's or claim's citation (OSC 52, so it works over ssh)."""
        target = message.target
        if message.article_id:
            article = self.article(message.article_id)
        else:  # an overlay over a reader: that reader's article
            reader = next((s for s in reversed(self.screen_stack) if isinstance(s, ReaderScreen)), None)
            article = reader.article if reader is not None else None
        # a quote and a claim may share an id: name the kind
        text = cite(article, f"{target.kind}:{target.id}") if article is not None and target.kind in ("quote", "claim") else None
        if text is None:
            self.notify("Nothing to cite here: select a quote or claim", severity="warning")
            return
        self.copy_to_clipboard(text)
        # the notification shows article text: inert, never markup
        self.notify(visible(text), title="Copied citation", markup=False, timeout=6)

