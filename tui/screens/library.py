"""The library: a table of articles, sortable by any column and filtered by typing."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from ..widgets.header import SafeHeader as Header

from ..cache import Summary
from ..load import Diagnostic
from ..render import join, safe, safe_text
from ..search import fold

COLUMNS = (
    ("title", "Title"),
    ("outlet", "Outlet"),
    ("published", "Published"),
    ("sections", "§"),
    ("quotes", "Quotes"),
    ("claims", "Claims"),
)
#: Widths of every column but the title, which takes the rest.
WIDTHS = {"outlet": 22, "published": 10, "sections": 3, "quotes": 6, "claims": 6}


@dataclass
class Sort:
    column: str = "published"
    reverse: bool = True


class ArticleTable(DataTable):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_top", "Top", show=False),
        Binding("G", "scroll_bottom", "Bottom", show=False),
    ]


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

    def __init__(self, summaries: list[Summary], errors: tuple[Diagnostic, ...] = ()) -> None:
        super().__init__()
        self.summaries = summaries
        self.errors = errors
        self.sort = Sort()
        self.shown: list[Summary] = []

    def compose(self):
        yield Header()
        yield Input(placeholder="type to filter articles by title, outlet or id", id="filter")
        yield ArticleTable(id="articles", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="invalid"):
            yield Static(id="invalid-list")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self.app.table_shown.set)  # type: ignore[attr-defined]
        self.sub_title = f"Library · {len(self.summaries)} articles"
        self._fit_columns()
        if self.app.is_headless:
            self.query_one("#filter", Input).cursor_blink = False
        self.refresh_rows()
        self.show_errors(self.errors)

    def on_resize(self) -> None:
        self._fit_columns()

    def _title_width(self) -> int:
        arrow = 2 if self.sort.column != "title" else 0
        # one cell of padding either side of each column, the scrollbar, the sort arrow
        fixed = sum(WIDTHS.values()) + 2 * len(COLUMNS) + 4 + arrow
        return max(16, self.size.width - fixed)

    def _fit_columns(self) -> None:
        table = self.query_one(ArticleTable)
        if "title" in table.columns:
            column = table.columns["title"]  # type: ignore[index]
            column.width, column.auto_width = self._title_width(), False
            table.refresh()

    # -- rows --------------------------------------------------------------

    def _sort_key(self, s: Summary):
        value = getattr(s, self.sort.column)
        if isinstance(value, str):
            return (0, fold(value))
        return (0, value) if value is not None else (1, "")

    def refresh_rows(self, keep: str | None = None) -> None:
        table = self.query_one(ArticleTable)
        if keep is None and table.row_count and table.cursor_row is not None and self.shown:
            keep = self.shown[min(table.cursor_row, len(self.shown) - 1)].id
        words = fold(self.query_one("#filter", Input).value).split()
        rows = [
            s for s in self.summaries
            if all(w in fold(f"{s.title} {s.outlet or ''} {s.id} {s.published or ''}") for w in words)
        ] if words else list(self.summaries)
        present = [s for s in rows if getattr(s, self.sort.column) is not None]
        missing = [s for s in rows if getattr(s, self.sort.column) is None]
        present.sort(key=self._sort_key, reverse=self.sort.reverse)
        self.shown = present + missing  # articles without the value go last either way
        table.clear(columns=True)
        for key, label in COLUMNS:
            arrow = (" ▼" if self.sort.reverse else " ▲") if key == self.sort.column else ""
            width = self._title_width() if key == "title" else WIDTHS[key]
            if arrow and key != "title":
                width += 2
            table.add_column(Text(label + arrow, style="bold" if arrow else ""), key=key, width=width)
        table.add_rows(self._row(s) for s in self.shown)
        if keep is not None:
            self.select(keep)
        self.query_one("#filter", Input).border_subtitle = f"{len(self.shown)} of {len(self.summaries)}"

    @staticmethod
    def _row(s: Summary) -> tuple[Text, ...]:
        title, outlet = safe_text(s.title), safe_text(s.outlet or "—", "" if s.outlet else "dim")
        title.overflow = outlet.overflow = "ellipsis"
        return (
            title,
            outlet,
            Text(s.published or "—", style="" if s.published else "dim"),
            Text(str(s.sections), justify="right"),
            Text(str(s.quotes), justify="right"),
            Text(str(s.claims), justify="right"),
        )

    def select(self, article_id: str) -> None:
        for i, s in enumerate(self.shown):
            if s.id == article_id:
                self.query_one(ArticleTable).move_cursor(row=i, animate=False)
                return

    def selected(self) -> Summary | None:
        table = self.query_one(ArticleTable)
        if not self.shown or table.cursor_row is None:
            return None
        return self.shown[min(table.cursor_row, len(self.shown) - 1)]

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
        self.summaries = summaries
        self.sub_title = f"Library · {len(self.summaries)} articles"
        self.refresh_rows()
        self.show_errors(errors)
        self.call_after_refresh(self.app.table_shown.set)  # type: ignore[attr-defined]

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
        if table.row_count:
            row = min(max((table.cursor_row or 0) + step, 0), table.row_count - 1)
            table.move_cursor(row=row)

    def action_open(self) -> None:
        summary = self.selected()
        if summary is not None:
            self.post_message(self.Open(summary.id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.shown):
            self.post_message(self.Open(self.shown[event.cursor_row].id))

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        column = str(event.column_key.value)
        if column == self.sort.column:
            self.sort.reverse = not self.sort.reverse
        else:
            self.sort = Sort(column, column in ("published", "sections", "quotes", "claims"))
        self.refresh_rows()

    def action_sort_next(self) -> None:
        keys = [k for k, _ in COLUMNS]
        column = keys[(keys.index(self.sort.column) + 1) % len(keys)]
        self.sort = Sort(column, column in ("published", "sections", "quotes", "claims"))
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
