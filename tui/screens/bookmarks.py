"""Bookmarks: every section, quote and claim marked with m, across the library."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..core.nav import Target
from ..core.state import StateStore
from ..keys import LIST_KEYS
from ..render import join, safe


class BookmarkList(OptionList):
    BINDINGS = LIST_KEYS


class BookmarksScreen(ModalScreen[Target | None]):
    BINDINGS = [
        Binding("q,escape", "close", "Close"),
        Binding("d,delete", "delete", "Delete"),
    ]

    def __init__(self, store: StateStore, titles: dict[str, str]) -> None:
        super().__init__(classes="detail-screen")
        self.store = store
        self.titles = titles

    def compose(self):
        with Vertical(id="detail"):
            yield Static(safe("Bookmarks", "bold"), id="detail-title")
            yield Static(safe("Enter opens · d deletes · m in the reader adds", "dim"), id="detail-facts")
            yield BookmarkList(id="bookmark-list")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        olist = self.query_one(BookmarkList)
        olist.clear_options()
        items = self.store.bookmarks.items
        if not items:
            olist.add_option(Option(safe("No bookmarks yet: press m on a section, quote or claim.", "dim"), disabled=True))
            return
        for b in items:
            title = self.titles.get(b.article, b.article)
            prompt = join((f"{b.kind:8}", "dim"), safe(b.label or b.id), ("  — ", "dim"), safe(title, "italic dim"))
            olist.add_option(Option(prompt, id=Target(b.kind, b.id, b.article).key))
        olist.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id:
            self.dismiss(Target.from_key(event.option_id))

    def action_delete(self) -> None:
        option = self.query_one(BookmarkList).highlighted_option
        if option is not None and option.id:
            t = Target.from_key(option.id)
            self.store.remove_bookmark((t.article, t.kind, t.id))
            self.refresh_list()

    def action_close(self) -> None:
        self.dismiss(None)
