"""Bookmarks: every section, quote and claim marked with m, across the library.

A bookmark names its item by id, and the file may have changed since: a
bookmark whose item is gone stays listed, marked "no longer in this
article", and can be deleted; when the same text is there under a new id,
Enter opens it and the bookmark follows it to that id.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..core.article import Article
from ..core.nav import Target
from ..core.resolve import Resolved, resolve
from ..core.state import Bookmark, StateStore
from ..core.text import visible
from ..keys import LIST_KEYS
from ..render import join, safe


class BookmarkList(OptionList):
    BINDINGS = [*LIST_KEYS]


class BookmarksScreen(ModalScreen[Target | None]):
    BINDINGS = [
        Binding("q,escape", "close", "Close"),
        Binding("d,delete", "delete", "Delete"),
        Binding("question_mark,f1", "app.help", "Help", key_display="?"),
    ]

    def __init__(
        self,
        store: StateStore,
        titles: dict[str, str],
        article: Callable[[str], Article | None],
        *,
        ready: bool = True,
    ) -> None:
        """``article`` finds an article by id as open now; ``ready`` is False
        while the library is still loading (an article is then read from its
        file only when a bookmark is opened)."""
        super().__init__(classes="detail-screen")
        self.store = store
        self.titles = titles
        self._lookup = article
        self._ready = ready
        self._shown: dict[str, Bookmark] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="detail"):
            yield Static(safe("Bookmarks", "bold"), id="detail-title")
            yield Static(safe("Enter opens · d deletes · m in the reader adds", "dim"), id="detail-facts")
            yield BookmarkList(id="bookmark-list")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_list()

    def _article(self, article_id: str, *, load: bool = False) -> Article | None:
        """The bookmark's article as open now (``load``: read it if the
        library is still loading)."""
        return self._lookup(article_id) if self._ready or load else None

    def _resolve(self, bookmark: Bookmark, *, load: bool = False) -> Resolved:
        if not self._ready and not load:  # cannot tell yet
            return Resolved("ok", Target(bookmark.kind, bookmark.id))
        return resolve(self._article(bookmark.article, load=load), bookmark.kind, bookmark.id, bookmark.label)

    def refresh_list(self) -> None:
        olist = self.query_one(BookmarkList)
        olist.clear_options()
        self._shown = {}
        items = self.store.bookmarks.items
        if not items:
            olist.add_option(Option(safe("No bookmarks yet: press m on a section, quote or claim.", "dim"), disabled=True))
            return
        for n, b in enumerate(items):
            title = self.titles.get(b.article, b.article)
            prompt = join((f"{b.kind:8}", "dim"), safe(b.label or b.id), ("  — ", "dim"), safe(title, "italic dim"))
            resolved = self._resolve(b)
            if resolved.status == "moved" and resolved.target is not None:
                prompt += safe(f"\n{'':8}no longer in this article; the same text is now {resolved.target.id!r} (Enter opens it)", "$warning")
            elif resolved.status == "gone":
                prompt += safe(f"\n{'':8}no longer in this article (d deletes the bookmark)", "$warning")
            elif resolved.status == "no-article":
                prompt += safe(f"\n{'':8}the article is not open here", "dim")
            key = f"bookmark-{n}"
            self._shown[key] = b
            olist.add_option(Option(prompt, id=key))
        olist.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        bookmark = self._shown.get(event.option_id or "")
        if bookmark is None:
            return
        resolved = self._resolve(bookmark, load=True)
        if resolved.target is None:
            what = "That article is not open here" if resolved.status == "no-article" else f"That {bookmark.kind} is no longer in this article"
            self.notify(f"{what}; d deletes the bookmark.", severity="warning", markup=False)
            self.refresh_list()
            return
        if resolved.status == "moved":
            if not self.store.move_bookmark(bookmark.key, resolved.target.id):
                self._warn_unsaved()
        self.dismiss(Target(resolved.target.kind, resolved.target.id, bookmark.article))

    def action_delete(self) -> None:
        option = self.query_one(BookmarkList).highlighted_option
        bookmark = self._shown.get(option.id or "") if option is not None else None
        if bookmark is not None:
            if not self.store.remove_bookmark(bookmark.key):
                self._warn_unsaved()
            self.refresh_list()

    def _warn_unsaved(self) -> None:
        self.notify(visible(f"Changed until you quit: {self.store.last_error}", one_line=True), severity="warning", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
