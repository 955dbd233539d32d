"""The library's table of articles: a :class:`~tui.widgets.virtual_list.VirtualList`.

Textual's DataTable measures every cell of every row whenever rows change
(about 180 ms for 1,000 articles here, on every keystroke of the filter), so
this table draws only the visible rows, each from plain text pieces fitted to
their column by :func:`~tui.widgets.virtual_list.pad`. The column titles stay
put above the rows; clicking one sorts by it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.message import Message
from textual.strip import Strip

from ..core.article import Summary
from .virtual_list import Piece, VirtualList, pad

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


class ArticleTable(VirtualList[Summary]):
    """One article a row; Enter (or a second click) posts ``Chosen``."""

    DEFAULT_CSS = """
    ArticleTable > .virtual-list--header { color: $foreground; text-style: bold; background: $panel; }
    """

    HEADER_LINES: ClassVar[int] = 1
    HELP_TITLE = "In the table"
    KEY_HELP: ClassVar[dict[str, str]] = {
        "cursor_down": "next article",
        "cursor_up": "previous article",
        "first": "first article",
        "last": "last article",
        "choose": "open the highlighted article (or click it twice)",
    }

    class Highlighted(VirtualList.Highlighted):
        """The cursor is on another article (``row``, a Summary, or None)."""

    class Chosen(VirtualList.Chosen):
        """Enter or a click opened the article ``row``."""

    class HeaderClicked(Message):
        def __init__(self, column: str) -> None:
            super().__init__()
            self.column = column

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.sort_column = "published"
        self.sort_reverse = True

    def set_sort(self, column: str, reverse: bool) -> None:
        """The column the rows are sorted by, marked with an arrow in its title."""
        self.sort_column, self.sort_reverse = column, reverse

    def widths(self) -> dict[str, int]:
        """Column widths: the outlet gives up room on narrow terminals, the title takes the rest."""
        width = self.scrollable_content_region.width or self.size.width or 80
        others = {k: w for k, w in WIDTHS.items() if k != "outlet"}
        fixed = sum(others.values()) + GAP * len(COLUMNS) + GAP  # room for the sort arrow
        outlet = min(WIDTHS["outlet"], max(8, (width - fixed) // 3))
        return {"title": max(12, width - fixed - outlet), "outlet": outlet, **others}

    def _width(self, key: str, widths: dict[str, int]) -> int:
        return widths[key] + (GAP if key == self.sort_column else 0)

    def render_header(self, y: int, width: int) -> Strip:
        style = self.visual_style.rich_style + self.get_visual_style("virtual-list--header").rich_style
        widths = self.widths()
        parts = []
        for key, label in COLUMNS:
            arrow = (" ▼" if self.sort_reverse else " ▲") if key == self.sort_column else ""
            text = pad(label + arrow, self._width(key, widths), key in NUMERIC) + " " * GAP
            parts.append(Segment(text, style + RichStyle.from_meta({"column": key})))
        return Strip(parts).extend_cell_length(width, style).crop(0, width)

    def render_row(self, index: int, width: int) -> list[Piece]:
        s = self.rows[index]
        cells = [
            (s.title, "plain"),
            (s.outlet or "—", "plain" if s.outlet else "dim"),
            (s.published or "—", "plain" if s.published else "dim"),
            (str(s.sections), "plain"),
            (str(s.quotes), "plain"),
            (str(s.claims), "plain"),
        ]
        widths = self.widths()
        return [
            (pad(text, self._width(key, widths), key in NUMERIC) + " " * GAP, kind)
            for (key, _), (text, kind) in zip(COLUMNS, cells, strict=True)
        ]

    def click_meta(self, meta: dict[str, Any]) -> None:
        if "column" in meta:
            self.post_message(self.HeaderClicked(meta["column"]))
        else:
            super().click_meta(meta)
