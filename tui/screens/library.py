"""The library: a table of articles, sortable by any column and filtered by typing."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from ..core.cache import Summary
from ..core.diagnostics import Diagnostic
from ..core.search import fold
from ..render import join, safe
from ..widgets.articles import COLUMNS, NUMERIC, ArticleTable
from ..widgets.header import SafeHeader as Header


@dataclass
class Sort:
    column: str = "published"
    reverse: bool = True

    @classmethod
    def by(cls, column: str) -> Sort:
        """Dates and counts sort largest first; text sorts A to Z."""
        return cls(column, column in ("published", *NUMERIC))


class LibraryScreen(Screen):
    """Type to filter; arrows move; Enter opens; click a header to sort."""

    AUTO_FOCUS = "#filter"
    BINDINGS = [
        Binding("enter", "open", "Open", priority=True),
        Binding("down", "move(1)", "Down", show=False, priority=True),
        Binding("up", "move(-1)", "Up", show=False, priority=True),
        Binding("pagedown", "move(10)", "Page down", show=False, priority=True),
        Binding("pageup", "move(-10)", "Page up", show=False, priority=True),
        Binding("ctrl+s", "sort_next", "Sort"),
        Binding("ctrl+r", "sort_reverse", "Reverse"),
        Binding("slash", "search", "Search", priority=True),
        Binding("ctrl+b", "bookmarks", "Bookmarks"),
        Binding("question_mark", "app.help", "Help", show=False),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("ctrl+q", "app.quit", "Quit"),
    ]

    class Open(Message):
        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, summaries: list[Summary], errors: tuple[Diagnostic, ...] = (), *, loading: bool = False) -> None:
        super().__init__()
        self.summaries = summaries
        self.errors = errors
        #: composed before the rows are known (under the progress bar)
        self.loading = loading
        self.sort = Sort()
        self.shown: list[Summary] = []

    def compose(self):
        yield Header()
        yield Input(placeholder="type to filter articles by title, outlet or id", id="filter")
        yield ArticleTable(id="articles")
        with VerticalScroll(id="invalid"):
            yield Static(id="invalid-list")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Library · {len(self.summaries)} articles"
        if self.app.is_headless:
            self.query_one("#filter", Input).cursor_blink = False
        self.refresh_rows()
        self.show_errors(self.errors)

    # -- rows --------------------------------------------------------------

    def _sort_key(self, s: Summary):
        value = getattr(s, self.sort.column)
        if isinstance(value, str):
            return (0, fold(value))
        return (0, value) if value is not None else (1, "")

    def refresh_rows(self, keep: str | None = None) -> None:
        table = self.query_one(ArticleTable)
        if keep is None and self.shown:
            keep = self.shown[min(table.cursor, len(self.shown) - 1)].id
        words = fold(self.query_one("#filter", Input).value).split()
        rows = [
            s for s in self.summaries
            if all(w in fold(f"{s.title} {s.outlet or ''} {s.id} {s.published or ''}") for w in words)
        ] if words else list(self.summaries)
        present = [s for s in rows if getattr(s, self.sort.column) is not None]
        missing = [s for s in rows if getattr(s, self.sort.column) is None]
        present.sort(key=self._sort_key, reverse=self.sort.reverse)
        self.shown = present + missing  # articles without the value go last either way
        table.set_rows(self.shown, self.sort.column, self.sort.reverse)
        if keep is not None:
            self.select(keep)
        self.query_one("#filter", Input).border_subtitle = f"{len(self.shown)} of {len(self.summaries)}"

    def select(self, article_id: str) -> None:
        for i, s in enumerate(self.shown):
            if s.id == article_id:
                self.query_one(ArticleTable).move_to(i)
                return

    def selected(self) -> Summary | None:
        if not self.shown:
            return None
        return self.shown[min(self.query_one(ArticleTable).cursor, len(self.shown) - 1)]

    def show_errors(self, errors: tuple[Diagnostic, ...]) -> None:
        self.errors = errors
        panel = self.query_one("#invalid")
        panel.display = bool(errors)
        if errors:
            files = len({e.file for e in errors})
            body = safe(f"{files} invalid file{'s' if files != 1 else ''} (the rest of the library opened):\n", "bold $error")
            for error in errors:
                body = join(body, safe(error.format(), ""), "\n")
            self.query_one("#invalid-list", Static).update(body)
            panel.border_title = "Invalid files"

    def update_library(self, summaries: list[Summary], errors: tuple[Diagnostic, ...]) -> None:
        self.loading = False
        self.summaries = summaries
        self.sub_title = f"Library · {len(self.summaries)} articles"
        self.refresh_rows()
        self.show_errors(errors)

    # -- actions -----------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            event.stop()
            self.refresh_rows()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open()

    def action_move(self, step: int) -> None:
        table = self.query_one(ArticleTable)
        table.move_to(table.cursor + step)

    def action_open(self) -> None:
        summary = self.selected()
        if summary is not None:
            self.post_message(self.Open(summary.id))

    def on_article_table_row_chosen(self, event: ArticleTable.RowChosen) -> None:
        event.stop()
        if 0 <= event.index < len(self.shown):
            self.post_message(self.Open(self.shown[event.index].id))

    def on_article_table_header_clicked(self, event: ArticleTable.HeaderClicked) -> None:
        event.stop()
        if event.column == self.sort.column:
            self.sort.reverse = not self.sort.reverse
        else:
            self.sort = Sort.by(event.column)
        self.refresh_rows()

    def action_sort_next(self) -> None:
        keys = [k for k, _ in COLUMNS]
        column = keys[(keys.index(self.sort.column) + 1) % len(keys)]
        self.sort = Sort.by(column)
        self.refresh_rows()

    def action_sort_reverse(self) -> None:
        self.sort.reverse = not self.sort.reverse
        self.refresh_rows()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""

    def action_search(self) -> None:
        self.app.open_library_search()  # type: ignore[attr-defined]

    def action_bookmarks(self) -> None:
        self.app.open_bookmarks()  # type: ignore[attr-defined]
