"""The library: a table of articles, sortable by any column, filtered after ``/``.

The table never lies: after every change of the filter the first match is
selected and in view, clearing the filter goes back to the article a person
was on, and Enter opens the row that is highlighted on screen. Letter keys
belong to the table (j/k, g/G, space/b, q, ?) unless the filter is focused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from ..core.article import Summary
from ..core.diagnostics import Diagnostic
from ..core.search import fold
from ..core.text import plural
from ..messages import OpenArticle, SearchLibrary, ShowBookmarks
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


class LibraryScreen(Screen[None]):
    """The table has the keys (j/k, g/G, space/b, Enter); ``/`` types a filter."""

    AUTO_FOCUS = "#articles"
    HELP_TITLE = "Library"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", priority=True),
        # the filter keeps these for its text, so the screen moves the table
        Binding("down", "move(1)", "Down", show=False, priority=True),
        Binding("up", "move(-1)", "Up", show=False, priority=True),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
        # the footer shows these in this order: ? and q early, so narrow terminals keep them
        Binding("slash,f", "filter", "Filter"),
        Binding("s", "search", "Search all"),
        Binding("ctrl+s", "sort_next", "Sort"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "app.quit", "Quit"),
        Binding("B", "bookmarks", "Bookmarks"),
        Binding("ctrl+r", "sort_reverse", "Reverse", show=False),
        Binding("f1", "help", "Help", show=False, priority=True),
        Binding("escape", "leave_filter", "Leave filter", show=False),
        Binding("ctrl+q", "app.quit", "Quit", show=False),
    ]
    #: Longer words for the help screen (see tui.screens.help).
    KEY_HELP: ClassVar[dict[str, str]] = {
        "open": "open the highlighted article",
        "move(1)": "next article (also while typing a filter)",
        "move(-1)": "previous article (also while typing a filter)",
        "page(1)": "page down",
        "page(-1)": "page up",
        "filter": "filter by title, outlet, id or date: type words; enter opens the first match",
        "search": "search quotes and claims in every article",
        "sort_next": "sort by the next column (or click a column's title)",
        "sort_reverse": "reverse the order",
        "bookmarks": "the bookmarks",
        "leave_filter": "leave the filter (its matches stay); again, clear it and go back to your article",
        "app.quit": "quit",
    }
    HELP_NOTES = "Letters move in the table (j/k, g/G, space/b) and type only into the filter, after / or f."

    def __init__(self, summaries: list[Summary], errors: tuple[Diagnostic, ...] = (), *, loading: bool = False) -> None:
        super().__init__()
        self.summaries = summaries
        self.errors = errors
        #: composed before the rows are known (under the progress bar). Not
        #: Textual's ``loading`` reactive, which would cover the screen with a
        #: loading indicator that a snapshot could catch.
        self.waiting = loading
        self.sort = Sort()
        self.shown: list[Summary] = []
        #: the article a person last moved to: where clearing the filter goes back to
        self._anchor: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="/ to filter articles by title, outlet, id or date", id="filter")
        yield ArticleTable(id="articles")
        with VerticalScroll(id="invalid"):
            yield Static(id="invalid-list")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Library · {plural(len(self.summaries), 'article')}"
        self.refresh_rows()
        self.show_errors(self.errors)

    # -- rows --------------------------------------------------------------

    def _sort_key(self, s: Summary) -> tuple[int, object]:
        value = getattr(s, self.sort.column)
        if isinstance(value, str):
            return (0, fold(value))
        return (0, value) if value is not None else (1, "")

    def refresh_rows(self, keep: str | None = None, *, first: bool = False) -> None:
        """Filter and sort the rows; the cursor goes to the first match
        (``first``), else to ``keep``, else stays on the article it was on."""
        table = self.query_one(ArticleTable)
        if keep is None and not first:
            current = table.current
            keep = current.id if current is not None else self._anchor
        words = fold(self.query_one("#filter", Input).value).split()
        rows = [
            s for s in self.summaries
            if all(w in fold(f"{s.title} {s.outlet or ''} {s.id} {s.published or ''}") for w in words)
        ] if words else list(self.summaries)
        present = [s for s in rows if getattr(s, self.sort.column) is not None]
        missing = [s for s in rows if getattr(s, self.sort.column) is None]
        present.sort(key=self._sort_key, reverse=self.sort.reverse)
        self.shown = present + missing  # articles without the value go last either way
        cursor = 0
        if not first and keep is not None:
            cursor = next((i for i, s in enumerate(self.shown) if s.id == keep), 0)
        table.set_sort(self.sort.column, self.sort.reverse)
        table.set_rows(self.shown, cursor)
        self.query_one("#filter", Input).border_subtitle = f"{len(self.shown)} of {len(self.summaries)}"

    def select(self, article_id: str) -> None:
        for i, s in enumerate(self.shown):
            if s.id == article_id:
                self.query_one(ArticleTable).move_to(i)
                return

    def selected(self) -> Summary | None:
        return self.query_one(ArticleTable).current

    def show_errors(self, errors: tuple[Diagnostic, ...]) -> None:
        self.errors = errors
        panel = self.query_one("#invalid")
        panel.display = bool(errors)
        if errors:
            files = len({e.file for e in errors})
            body = safe(f"{plural(files, 'invalid file')} (the rest of the library opened):\n", "bold $error")
            for error in errors:
                body = join(body, safe(error.format(), ""), "\n")
            self.query_one("#invalid-list", Static).update(body)
            panel.border_title = "Invalid files"

    def update_library(self, summaries: list[Summary], errors: tuple[Diagnostic, ...]) -> None:
        self.waiting = False
        self.summaries = summaries
        self.sub_title = f"Library · {plural(len(self.summaries), 'article')}"
        self.refresh_rows()
        self.show_errors(errors)

    # -- actions -----------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            event.stop()
            if event.value.strip():
                self.refresh_rows(first=True)
            else:  # cleared: back to the article a person was on
                self.refresh_rows(self._anchor)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open()

    def on_article_table_highlighted(self, event: ArticleTable.Highlighted) -> None:
        event.stop()
        if not event.rows_changed and event.row is not None:
            self._anchor = event.row.id  # a move a person made (not a filter's first match)

    def action_move(self, step: int) -> None:
        table = self.query_one(ArticleTable)
        table.move_to(table.cursor + step, 1 if step > 0 else -1)

    def action_page(self, step: int) -> None:
        table = self.query_one(ArticleTable)
        table.action_page_down() if step > 0 else table.action_page_up()

    def action_open(self) -> None:
        summary = self.selected()
        if summary is not None:
            self.post_message(OpenArticle(summary.id))

    def on_article_table_chosen(self, event: ArticleTable.Chosen) -> None:
        event.stop()
        self.post_message(OpenArticle(event.row.id))

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

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_leave_filter(self) -> None:
        """Escape: out of the filter (its matches stay); again, clear it."""
        box = self.query_one("#filter", Input)
        if box.has_focus:
            self.query_one(ArticleTable).focus()
        elif box.value:
            box.value = ""  # Input.Changed puts the cursor back on the anchor

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def action_search(self) -> None:
        self.post_message(SearchLibrary())

    def action_bookmarks(self) -> None:
        self.post_message(ShowBookmarks())
