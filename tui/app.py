"""The Quoth app: composes screens and routes between them. Stays small.

One article opens straight in the reader. A library (a folder of several
articles) loads in a worker behind a progress bar, then opens on the library
screen. The app owns what outlives a screen: the library, the saved state,
the caches and the file watcher.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.message import Message
from textual.worker import get_current_worker

from . import __version__
from .core.article import Article, Library
from .core.diagnostics import Diagnostic
from .core.export import cite
from .core.index import ArticleIndex
from .core.nav import Origin, Target
from .core.reading import load_file
from .core.search import Record, SearchIndex
from .core.state import StateStore
from .core.text import visible
from .messages import (
    ArticleReloaded,
    CopyCitation,
    FileChanged,
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
    from .core.cache import Summary
    from .core.opener import Event, LibraryOpener
    from .core.people import People
    from .core.store_search import StoreSearch
    from .screens.library import LibraryScreen


class LoadProgress(Message):
    """One step of opening a library, from the loading worker: an opener event
    (Progress, Rows or Loaded), or the library's articles read back."""

    def __init__(self, event: Event | Library) -> None:
        super().__init__()
        self.event = event


class QuothApp(App[None]):
    CSS_PATH = "app.tcss"
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
        self._people: People | None = None
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
            from .core.cache import Summary
            from .screens.library import LibraryScreen

            self.summaries = [Summary.of(a) for a in self.library.articles]
            self.push_screen(LibraryScreen(self.summaries, self.library.errors))
        else:
            self.open_article(self.library.articles[0].id)
        if self.watch_files:
            self.watch_for_changes()

    @work(thread=True, exclusive=True, group="load")
    def load_in_background(self) -> None:
        """Open the library with its opener, posting each event to the app.

        The command line makes the opener before Textual loads (its worker
        processes parse while the app starts); otherwise it is made here. Once
        the store is up to date the app gets the library, whose articles are
        read back from the store when used; then, with the table drawn, they
        are read here ahead of need, and the full-text index is caught up."""
        from .core.opener import LibraryOpener, Loaded, Rows
        from .core.store_library import warm_up

        if self.preload is None:
            self.preload = LibraryOpener(self.paths, use_cache=self.use_cache, processes=1)
        opener = self.preload

        async def drawn() -> None:
            # queued behind the messages already posted, then after the next refresh
            done = asyncio.Event()
            self.call_later(self.call_after_refresh, done.set)
            await done.wait()

        for notice in opener.notices:
            self.call_from_thread(self.notify, visible(notice), title="Library store", severity="warning", markup=False, timeout=8)
        for event in opener.events():  # post_message is thread-safe and does not wait for the UI
            if get_current_worker().is_cancelled:
                return
            self.post_message(LoadProgress(event))
            if isinstance(event, Rows):
                self.call_from_thread(drawn)  # type: ignore[arg-type]  # the table first: reading articles back would starve it
            elif isinstance(event, Loaded):
                library = opener.library_view()
                self.post_message(LoadProgress(library))
                # Library search and people still walk every article: read them now,
                # off the UI thread (validated data from the store; no TOML is parsed)
                warm_up(library)
        if not get_current_worker().is_cancelled:
            opener.index()

    def on_unmount(self) -> None:
        if self.preload is not None:  # quitting while worker processes still parse
            self.preload.close()

    def on_load_progress(self, message: LoadProgress) -> None:
        from .core.opener import Loaded, Progress, Rows
        from .screens.loading import LoadingScreen

        event = message.event
        if isinstance(event, Progress):
            if isinstance(self.screen, LoadingScreen):
                self.screen.progress(event.done, event.total)
        elif isinstance(event, Rows):
            self._show_library(event.rows, event.errors)
        elif isinstance(event, Loaded):
            assert self.preload is not None
            self._search = self.preload.search  # search answers from the store at once
        else:
            self._library_loaded(event)

    def _show_library(self, summaries: list[Summary], errors: tuple[Diagnostic, ...]) -> None:
        from .screens.library import LibraryScreen
        from .screens.loading import LoadingScreen

        self.summaries = summaries
        library_screen = self._library_screen()
        if library_screen is None:
            self.push_screen(LibraryScreen(summaries, errors))
            return
        library_screen.update_library(summaries, errors)
        if isinstance(self.screen, LoadingScreen):
            self.pop_screen()

    def _library_loaded(self, library: Library) -> None:
        self.library = library
        self._people = None
        if self._search is None:  # no store search (a library given in memory)
            self._reindex(library)

    def _library_screen(self) -> LibraryScreen | None:
        from .screens.library import LibraryScreen

        return next((s for s in self.screen_stack if isinstance(s, LibraryScreen)), None)

    # -- routes: screens post typed messages (tui/messages.py), the app acts ----

    def article(self, article_id: str) -> Article | None:
        if self.library is not None:
            return self.library.by_id.get(article_id)
        # the table came from the cache and the library is still loading: read just this one
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
            self.notify("The library is still loading; search will be ready in a moment.", severity="warning")
            return
        library = self.library
        numbers = {(a.id, s.id): n + 1 for a in library.articles for s, n in ((s, a.section_index[s.id]) for s in a.doc.sections)}

        def speaker(record: Record) -> str:
            entity = library.by_id[record.article].entities[record.speaker]
            return entity.aliases[0] if entity.aliases else entity.name

        def title(article_id: str) -> str:
            return library.by_id[article_id].meta.title

        from .screens.search import LibrarySearchScreen

        def chosen(target: Target | None) -> None:
            self._library_query = screen.last_query
            self._route(target)

        screen = LibrarySearchScreen(self._search, numbers, speaker, title, self._library_query)
        self.push_screen(screen, chosen)

    @on(ShowBookmarks)
    def open_bookmarks(self) -> None:
        from .screens.bookmarks import BookmarksScreen

        titles = {s.id: s.title for s in self.summaries} or (
            {a.id: a.meta.title for a in self.library.articles} if self.library else {}
        )
        self.push_screen(BookmarksScreen(self.store, titles, self.article, ready=self.library is not None), self._route)

    def open_person(self, article_id: str, entity_id: str) -> None:
        from .core.people import People
        from .screens.person import person_screen

        articles = self.library.articles if self.library else ()
        if self._people is None:
            self._people = People(articles)
        self.push_screen(person_screen(self._people, article_id, entity_id), self._route)

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

    # -- live reload -------------------------------------------------------

    @work(exclusive=True, group="watch")
    async def watch_for_changes(self) -> None:
        """Reload articles as their files change, until cancelled; watcher
        errors become notices (tui/watching.py), and loads run in daemon
        threads, so a stuck file never blocks quitting."""
        from .core import reading
        from .watching import Notice, changes, in_daemon_thread

        async for event in changes(self.paths):
            if isinstance(event, Notice):
                self.notify(event.message, title="Live reload", severity="warning", markup=False, timeout=10)
                continue
            for path in event:
                result = await in_daemon_thread(reading.load_file, self._display_path(path))
                self.reloaded(result.file, result.article, result.errors)

    @work(thread=True, exclusive=True, group="index")
    def _reindex(self, library: Library) -> None:
        search = SearchIndex(library.articles)
        if self.library is library:  # not superseded by a later reload
            self._search = search

    def _display_path(self, path: Path) -> str:
        """The name the file was loaded under, so reloads replace the right article."""
        known = [a.file for a in self.library.articles] if self.library else []
        known += list(self.stale)
        for name in known:
            if Path(name).resolve() == path.resolve():
                return name
        return str(path)

    def reloaded(self, file: str, article: Article | None, errors: tuple[Diagnostic, ...]) -> None:
        """A file changed on disk: swap the new version in, or show it stale."""
        if self.library is None:
            return
        owner = (
            next((a for a in self.library.articles if a.id == article.id and a.file != file), None) if article is not None else None
        )
        if article is not None and owner is not None:  # another file has this id: it keeps it, this one errs
            from .core.library import ArticleIds

            ids = ArticleIds()
            ids.claim(owner.id, owner.file, Path(owner.file))
            errors = ids.claim(article.id, file, Path(file))
            article = None
        if article is None:
            if not Path(file).exists():
                return  # deleted (or renamed away): keep what is on screen
            self.stale[file] = errors
            self._tell_readers(ArticleReloaded(file, None, errors))
        else:
            self.stale.pop(file, None)
            articles = [a for a in self.library.articles if a.file != file and a.id != article.id]
            position = next((i for i, a in enumerate(self.library.articles) if a.file == file), len(articles))
            articles.insert(position, article)
            by_id = MappingProxyType({a.id: a for a in articles})
            errors_left = tuple(e for e in self.library.errors if e.file != file)
            self.library = Library(tuple(articles), errors_left, by_id)
            self._people = None
            if self._search is not None:  # a library search index exists: rebuild it off the UI thread
                self._search = None
                self._reindex(self.library)
            self._tell_readers(ArticleReloaded(file, ArticleIndex(article)))
        library_screen = self._library_screen()
        if library_screen is not None:
            from .core.cache import Summary

            stale_errors = tuple(e for errs in self.stale.values() for e in errs)
            library_screen.update_library([Summary.of(a) for a in self.library.articles], self.library.errors + stale_errors)

    @on(FileChanged)
    def _file_changed(self, message: FileChanged) -> None:
        result = load_file(message.file)
        self.reloaded(message.file, result.article, result.errors)

    def _tell_readers(self, message: ArticleReloaded) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen) and screen.article.file == message.file:
                screen.post_message(message)
