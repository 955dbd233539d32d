"""The library's table of articles, as a virtual list.

Textual's DataTable measures every cell of every row whenever rows change
(about 180 ms for 1,000 articles here, on every keystroke of the filter), so
this table draws only the visible rows with ``render_line``, from plain text
pieces shown through :func:`~tui.text.visible`. The header row stays put;
clicking a column's header sorts by it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..core.cache import Summary
from ..core.text import visible

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
NUMERIC = ("sections", "quotes", "claims")
GAP = 2


def _cell(text: str, width: int, right: bool = False) -> str:
    """``text`` in exactly ``width`` cells: cut with an ellipsis, or padded."""
    text = visible(text, one_line=True)
    if cell_len(text) > width:
        text = set_cell_size(text, max(0, width - 1)) + "…" if width else ""
    pad = " " * (width - cell_len(text))
    return pad + text if right else text + pad


class ArticleTable(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"article-table--header", "article-table--cursor", "article-table--dim"}

    DEFAULT_CSS = """
    ArticleTable {
        height: 1fr;
        overflow-x: hidden;
    }
    ArticleTable > .article-table--header { text-style: bold; background: $panel; }
    ArticleTable > .article-table--cursor { background: $accent 40%; }
    ArticleTable:focus > .article-table--cursor { background: $accent 70%; }
    ArticleTable > .article-table--dim { color: $text-muted; }
    """

    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home,g", "jump(0)", "First", show=False),
        Binding("end,G", "jump(-1)", "Last", show=False),
    ]

    cursor: reactive[int] = reactive(0, init=False)

    class HeaderClicked(Message):
        def __init__(self, column: str) -> None:
            super().__init__()
            self.column = column

    class RowChosen(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: Sequence[Summary] = ()
        self.sort_column = "published"
        self.sort_reverse = True

    # -- content -----------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def set_rows(self, rows: Sequence[Summary], sort_column: str, sort_reverse: bool) -> None:
        self.rows = rows
        self.sort_column, self.sort_reverse = sort_column, sort_reverse
        self.virtual_size = Size(0, len(rows) + 1)  # + the header line
        self.set_reactive(ArticleTable.cursor, min(self.cursor, max(0, len(rows) - 1)))
        self.refresh()

    def widths(self) -> dict[str, int]:
        width = self.scrollable_content_region.width or self.size.width or 80
        fixed = sum(WIDTHS.values()) + GAP * len(COLUMNS) + GAP  # room for the sort arrow
        return {"title": max(12, width - fixed), **WIDTHS}

    def cells(self, summary: Summary) -> list[tuple[str, str]]:
        """(text, kind) for each column of one article."""
        return [
            (summary.title, "plain"),
            (summary.outlet or "—", "plain" if summary.outlet else "dim"),
            (summary.published or "—", "plain" if summary.published else "dim"),
            (str(summary.sections), "plain"),
            (str(summary.quotes), "plain"),
            (str(summary.claims), "plain"),
        ]

    def row_text(self, index: int) -> list[str]:
        """The cells of a row as shown (for tests)."""
        widths = self.widths()
        return [
            _cell(text, widths[key] + (GAP if key == self.sort_column else 0), key in NUMERIC).strip()
            for (key, _), (text, _) in zip(COLUMNS, self.cells(self.rows[index]), strict=True)
        ]

    # -- drawing -----------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.visual_style.rich_style
        widths = self.widths()
        if y == 0:
            style = base + self.get_visual_style("article-table--header").rich_style
            parts = []
            for key, label in COLUMNS:
                arrow = (" ▼" if self.sort_reverse else " ▲") if key == self.sort_column else ""
                w = widths[key] + (GAP if arrow else 0)
                parts.append(Segment(_cell(label + arrow, w, key in NUMERIC) + " " * GAP, style + RichStyle.from_meta({"column": key})))
            return Strip(parts).extend_cell_length(width, style).crop(0, width)
        index = self.scroll_offset.y + y - 1
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, base)
        if index == self.cursor:
            base = base + self.get_visual_style("article-table--cursor").rich_style
        dim = base + RichStyle(color=self.get_visual_style("article-table--dim").rich_style.color)
        meta = RichStyle.from_meta({"row": index})
        segments = []
        for (key, _), (text, kind) in zip(COLUMNS, self.cells(self.rows[index]), strict=True):
            w = widths[key] + (GAP if key == self.sort_column else 0)
            segments.append(Segment(_cell(text, w, key in NUMERIC) + " " * GAP, (dim if kind == "dim" else base) + meta))
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    # -- moving ------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        top = self.scroll_offset.y
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif new >= top + height:
            self.scroll_to(y=new - height + 1, animate=False)
        self.refresh()

    def move_to(self, index: int) -> None:
        if self.rows:
            self.cursor = min(max(index, 0), len(self.rows) - 1)

    def action_move(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        self.move_to(self.cursor + step * max(1, self.scrollable_content_region.height - 2))

    def action_jump(self, where: int) -> None:
        self.move_to(0 if where == 0 else len(self.rows) - 1)

    def on_click(self, event: Click) -> None:
        meta = (event.style.meta or {}) if event.style else {}
        if "column" in meta:
            self.post_message(self.HeaderClicked(meta["column"]))
        elif "row" in meta:
            index = meta["row"]
            if index == self.cursor:
                self.post_message(self.RowChosen(index))  # a click on the chosen row opens it
            self.move_to(index)
