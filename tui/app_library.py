"""What the app does for a library: open it (behind a progress bar, from the
library store), keep the people and search indexes, and reload files that
change on disk. :class:`QuothApp` (tui/app.py) adds start-up and routing.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.message import Message
from textual.worker import get_current_worker

from .core.article import Article, Library
from .core.diagnostics import Diagnostic
from .core.index import ArticleIndex
from .core.reading import load_file
from .core.search import SearchIndex
from .core.state import StateStore
from .core.text import visible
from .messages import ArticleReloaded, FileChanged
from .screens.reader import ReaderScreen

if TYPE_CHECKING:
    from .core.article import Summary
    from .core.opener import Event, LibraryOpener
    from .core.people import PersonSource
    from .core.store_search import StoreSearch
    from .screens.library import LibraryScreen


class LoadProgress(Message):
    """One step of opening a library, from the loading worker: an opener event
    (Progress, Rows or Loaded), or the library's articles read back."""

    def __init__(self, event: Event | Library) -> None:
        super().__init__()
        self.event = event


class LibraryHost(App[None]):
    """The library side of the app; the attributes are set by QuothApp."""

    library: Library | None
    paths: list[str]
    use_cache: bool
    store: StateStore
    preload: LibraryOpener | None
    summaries: list[Summary]
    stale: dict[str, tuple[Diagnostic, ...]]
    _people: PersonSource | None
    _search: SearchIndex | StoreSearch | None

    @work(thread=True, exclusive=True, group="load")
    def load_in_background(self) -> None:
        """Open the library with its opener, posting each event to the app.

        The command line makes the opener before Textual loads (its worker
        processes parse while the app starts); otherwise it is made here. Once
        the store is up to date the app gets the library, whose articles are
        read back from the store only when opened (library search and ``p``
        answer from the store); then the full-text index is caught up."""
        from .core.opener import LibraryOpener, Loaded, Rows

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
                self.post_message(LoadProgress(opener.library_view()))
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
        if self.preload is None:  # no store: file the people now, so that p answers at once
            self._build_people(library)
        if self._search is None:  # no store search (a library given in memory)
            self._reindex(library)

    def _library_screen(self) -> LibraryScreen | None:
        from .screens.library import LibraryScreen

        return next((s for s in self.screen_stack if isinstance(s, LibraryScreen)), None)

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

    def _make_people(self) -> PersonSource:
        """Who is who: asked of the library store when the library came from
        one (only the person's own articles are read), else filed from the
        articles in memory."""
        from .core.people import People, StorePeople

        if self.preload is not None and self.library is not None:
            return StorePeople(self.preload.search.store, self.library)
        return People(self.library.articles if self.library else ())

    @work(thread=True, exclusive=True, group="people")
    def _build_people(self, library: Library) -> None:
        from .core.people import People

        people = People(library.articles)
        if self.library is library:  # not superseded by a later reload
            self._people = people

    @work(thread=True, exclusive=True, group="index")
    def _update_store(self, library: Library) -> None:
        """Write what changed on disk into the library store (a reload), then
        search it again; meanwhile search waits, as for a rebuilt index."""
        import sqlite3

        from .core.store import Tainted, scan
        from .core.store_rows import parse
        from .core.store_search import StoreSearch

        opener = self.preload
        assert opener is not None
        try:
            plan = opener.store.plan(scan(opener.paths))
            opener.store.apply(plan, [parse(p) for p in plan.parse])
        except (sqlite3.Error, Tainted, OSError) as exc:
            self.call_from_thread(
                self.notify,
                visible(f"The library store could not be updated: {exc}"),
                title="Library store",
                severity="warning",
                markup=False,
                timeout=8,
            )
        search = StoreSearch(opener.search.store)  # its own reading order, counted again
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._store_updated, library, search)

    def _store_updated(self, library: Library, search: StoreSearch) -> None:
        if self.library is library:  # not superseded by a later reload
            self._search = search
            self._people = None  # asked of the updated store on the next p

    @work(thread=True, exclusive=True, group="index")
    def _reindex(self, library: Library) -> None:
        search = SearchIndex(library.articles)
        if self.library is library:  # not superseded by a later reload
            self._search = search

    def _display_path(self, path: Path) -> str:
        """The name the file was loaded under, so reloads replace the right article."""
        from .core.store_library import rows_of

        known = [r.file for r in rows_of(self.library)] if self.library else []
        known += list(self.stale)
        for name in known:
            if Path(name).resolve() == path.resolve():
                return name
        return str(path)

    def reloaded(self, file: str, article: Article | None, errors: tuple[Diagnostic, ...]) -> None:
        """A file changed on disk: swap the new version in, or show it stale."""
        if self.library is None:
            return
        from .core.store_library import replaced, rows_of

        owner = self.library.by_id.get(article.id) if article is not None else None
        if owner is not None and owner.file == file:
            owner = None
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
            self.library = replaced(self.library, file, article)  # a lazy library stays lazy
            self.summaries = rows_of(self.library)
            self._people = None
            if self.preload is not None:  # from a store: write the change there, off the UI thread
                self._search = None
                self._update_store(self.library)
            else:
                self._build_people(self.library)
                if self._search is not None:  # a library search index exists: rebuild it off the UI thread
                    self._search = None
                    self._reindex(self.library)
            self._tell_readers(ArticleReloaded(file, ArticleIndex(article)))
        library_screen = self._library_screen()
        if library_screen is not None:
            stale_errors = tuple(e for errs in self.stale.values() for e in errs)
            library_screen.update_library(rows_of(self.library), self.library.errors + stale_errors)

    def on_file_changed(self, message: FileChanged) -> None:
        result = load_file(message.file)
        self.reloaded(message.file, result.article, result.errors)

    def _tell_readers(self, message: ArticleReloaded) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen) and screen.article.file == message.file:
                screen.post_message(message)
