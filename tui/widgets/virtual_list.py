"""One base for every long list: a line-API ScrollView that draws only what is seen.

A widget per row does not scale (an OptionList of 10,000 items took 1.2 s to
first show here, and DataTable measures every cell on every change), so the
article table and the search results are :class:`VirtualList` subclasses
that implement :meth:`VirtualList.render_row` for one visible row at a time.

The base follows Textual's own line-API widgets (``OptionList``, ``Log``,
``Tree``):

- the cursor is a reactive clamped by ``validate_cursor`` and never rests on a
  header row (a group heading such as "3 claims match");
- a cursor move repaints the two rows that changed (``refresh_line``), not the
  widget, and scrolls without animation (``scroll_*`` animates by default);
- rendered rows sit in an LRU cache keyed by (row, selected, focused, width),
  cleared when the rows, the styles (``notify_style_update``: theme, focus,
  CSS) or the size change;
- it posts :class:`VirtualList.Highlighted` and :class:`VirtualList.Chosen`,
  each with ``control`` (for ``@on``) and the row they are about.

Rows are drawn from plain ``(text, kind)`` pieces, not markup: article text
goes through :func:`~tui.core.text.visible` and is fitted to cells by
:func:`fit` (the one place that cuts text to a width, with an ellipsis).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..core.text import visible

RowT = TypeVar("RowT")

#: A piece of a row: its text (already made visible) and a style kind, one of
#: ``plain``, ``bold``, ``italic``, ``dim``, ``header`` or ``match``.
Piece = tuple[str, str]


def fit(pieces: Sequence[Piece], width: int) -> list[Piece]:
    """Cut ``pieces`` to ``width`` cells, ending in an ellipsis when something is cut."""
    out: list[Piece] = []
    used = 0
    for text, kind in pieces:
        size = cell_len(text)
        if used + size <= width:
            out.append((text, kind))
            used += size
            continue
        room = max(0, width - used - 1)
        kept = set_cell_size(text, room) if room else ""
        if width - used >= 1:
            out.append((kept.rstrip() + "…", kind))
        return out
    return out


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` on one line in exactly ``width`` cells: cut with an ellipsis, or padded."""
    fitted = "".join(t for t, _ in fit([(visible(text, one_line=True), "plain")], width))
    space = " " * (width - cell_len(fitted))
    return space + fitted if right else fitted + space


class VirtualList(ScrollView, Generic[RowT], can_focus=True):
    """A list of ``rows`` with a cursor; subclasses draw one row in :meth:`render_row`."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-list--cursor",
        "virtual-list--header",
        "virtual-list--dim",
        "virtual-list--match",
    }

    DEFAULT_CSS = """
    VirtualList {
        height: 1fr;
        overflow-x: hidden;
    }
    /* the theme's cursor colours (blue in textual-dark), never the match highlight's */
    VirtualList > .virtual-list--cursor { background: $block-cursor-blurred-background; }
    VirtualList:focus > .virtual-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    VirtualList > .virtual-list--header { color: $accent; text-style: bold; }
    VirtualList > .virtual-list--dim { color: $text-muted; }
    VirtualList > .virtual-list--match { background: $warning 50%; text-style: bold underline; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("pagedown,space,ctrl+f", "page_down", "Page down", show=False),
        Binding("pageup,b,ctrl+b", "page_up", "Page up", show=False),
        Binding("ctrl+d", "half_page(1)", "Half page down", show=False),
        Binding("ctrl+u", "half_page(-1)", "Half page up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("enter", "choose", "Open", show=False),
    ]

    #: Lines at the top that stay put while the rows scroll (a table's column titles).
    HEADER_LINES: ClassVar[int] = 0
    #: A click opens the row at once (True), or highlights it and a second click opens it.
    CLICK_CHOOSES: ClassVar[bool] = False

    cursor: reactive[int] = reactive(0, init=False)

    class Highlighted(Message):
        """The cursor moved to ``index`` (``row`` is None when the list is empty).

        ``rows_changed`` is set when new rows put it there (:meth:`set_rows`),
        not a move along the same rows."""

        def __init__(self, virtual_list: VirtualList[Any], index: int, row: Any, rows_changed: bool = False) -> None:
            super().__init__()
            self.virtual_list = virtual_list
            self.index = index
            self.row = row
            self.rows_changed = rows_changed

        @property
        def control(self) -> VirtualList[Any]:
            return self.virtual_list

    class Chosen(Message):
        """Enter (or a click) opened the row at ``index``."""

        def __init__(self, virtual_list: VirtualList[Any], index: int, row: Any) -> None:
            super().__init__()
            self.virtual_list = virtual_list
            self.index = index
            self.row = row

        @property
        def control(self) -> VirtualList[Any]:
            return self.virtual_list

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._rows: Sequence[RowT] = ()
        self._line_cache: LRUCache[tuple[int, bool, bool, int], Strip] = LRUCache(1024)
        self._styles: dict[tuple[bool, bool], dict[str, RichStyle]] = {}

    # -- to implement ------------------------------------------------------

    def render_row(self, index: int, width: int) -> list[Piece]:
        """The pieces of row ``index``; the base fits them to ``width`` and styles them."""
        raise NotImplementedError

    def render_header(self, y: int, width: int) -> Strip:
        """Line ``y`` of the sticky header (only when ``HEADER_LINES`` > 0)."""
        return Strip.blank(width, self.rich_style)

    def is_header(self, index: int) -> bool:
        """Whether row ``index`` is a heading the cursor skips."""
        return False

    # -- rows --------------------------------------------------------------

    @property
    def rows(self) -> Sequence[RowT]:
        return self._rows

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def current(self) -> RowT | None:
        """The row under the cursor, or None (an empty list, or only headings)."""
        if 0 <= self.cursor < len(self._rows) and not self.is_header(self.cursor):
            return self._rows[self.cursor]
        return None

    def set_rows(self, rows: Sequence[RowT], cursor: int = 0) -> None:
        """Show ``rows`` with the cursor on ``cursor`` (clamped), scrolled into view."""
        self._rows = rows
        self._line_cache.clear()
        self.virtual_size = Size(0, len(rows) + self.HEADER_LINES)
        self.set_reactive(VirtualList.cursor, self.validate_cursor(cursor))
        self.refresh()
        self.scroll_to_cursor()
        # the scroll range follows the new virtual size only after a layout
        self.call_after_refresh(self.scroll_to_cursor)
        self.post_message(self.Highlighted(self, self.cursor, self.current, rows_changed=True))

    def refresh_rows(self) -> None:
        """Repaint every row (their content changed, not their number)."""
        self._line_cache.clear()
        self.refresh()

    # -- the cursor --------------------------------------------------------

    def _selectable(self, start: int, step: int) -> int | None:
        """The first row at or after ``start`` (going by ``step``) that is not a heading."""
        i = start
        while 0 <= i < len(self._rows):
            if not self.is_header(i):
                return i
            i += step
        return None

    def validate_cursor(self, cursor: int) -> int:
        if not self._rows:
            return 0
        cursor = min(max(cursor, 0), len(self._rows) - 1)
        found = self._selectable(cursor, 1)
        if found is None:
            found = self._selectable(cursor, -1)
        return cursor if found is None else found

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old + self.HEADER_LINES)
        self.refresh_line(new + self.HEADER_LINES)
        self.scroll_to_cursor()
        self.post_message(self.Highlighted(self, new, self.current))

    @property
    def page_height(self) -> int:
        """How many rows are seen at once."""
        return max(1, self.scrollable_content_region.height - self.HEADER_LINES)

    def scroll_to_cursor(self) -> None:
        """Bring the cursor's row into view at once (keyboard moves never animate)."""
        height = self.scrollable_content_region.height - self.HEADER_LINES
        if height <= 0:
            return  # not laid out yet: on_resize scrolls
        top = self.scroll_offset.y
        if self.cursor < top:
            y = self.cursor
            while y > 0 and self.is_header(y - 1):
                y -= 1  # show the heading above the row too
            self.scroll_to(y=y, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def move_to(self, index: int, step: int = 1) -> None:
        """Put the cursor on ``index``, or the nearest row that is not a heading."""
        if not self._rows:
            return
        index = min(max(index, 0), len(self._rows) - 1)
        found = self._selectable(index, step)
        if found is None:
            found = self._selectable(index, -step)
        if found is not None:
            self.cursor = found

    def action_cursor_down(self) -> None:
        found = self._selectable(self.cursor + 1, 1)
        if found is not None:
            self.cursor = found

    def action_cursor_up(self) -> None:
        found = self._selectable(self.cursor - 1, -1)
        if found is not None:
            self.cursor = found

    def action_page_down(self) -> None:
        self.move_to(self.cursor + self.page_height, 1)

    def action_page_up(self) -> None:
        self.move_to(self.cursor - self.page_height, -1)

    def action_half_page(self, step: int) -> None:
        self.move_to(self.cursor + step * max(1, self.page_height // 2), step)

    def action_first(self) -> None:
        self.move_to(0, 1)

    def action_last(self) -> None:
        self.move_to(len(self._rows) - 1, -1)

    def action_choose(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Chosen(self, self.cursor, row))

    def click_meta(self, meta: dict[str, Any]) -> None:
        """A click on a line with this style meta (subclasses add their own)."""
        index = meta.get("row")
        if not isinstance(index, int) or not 0 <= index < len(self._rows) or self.is_header(index):
            return
        if self.CLICK_CHOOSES or index == self.cursor:
            self.cursor = index
            self.action_choose()
        else:
            self.cursor = index

    async def _on_click(self, event: Click) -> None:
        meta = (event.style.meta or {}) if event.style else {}
        self.click_meta(dict(meta))

    # -- drawing -----------------------------------------------------------

    def row_styles(self, selected: bool) -> dict[str, RichStyle]:
        """The Rich style of each piece kind, on a plain or a cursor row."""
        key = (selected, self.has_focus)
        styles = self._styles.get(key)
        if styles is None:
            base = self.visual_style
            if selected:
                base = base + self.get_visual_style("virtual-list--cursor")
            plain = base.rich_style

            def fg(component: str) -> RichStyle:
                style = self.get_visual_style(component)
                return plain + RichStyle(color=style.rich_style.color, bold=style.bold, italic=style.italic)

            styles = {
                "plain": plain,
                "bold": plain + RichStyle(bold=True),
                "italic": plain + RichStyle(italic=True),
                "dim": fg("virtual-list--dim"),
                "header": fg("virtual-list--header"),
                "match": plain + self.get_visual_style("virtual-list--match").rich_style,
            }
            self._styles[key] = styles
        return styles

    def strip_of(self, pieces: Sequence[Piece], width: int, styles: dict[str, RichStyle], meta: dict[str, Any]) -> Strip:
        """One line from pieces: fitted to ``width``, styled, padded, clickable."""
        tag = RichStyle.from_meta(meta)
        segments = [Segment(text, styles[kind] + tag) for text, kind in fit(pieces, width) if text]
        return Strip(segments).extend_cell_length(width, styles["plain"]).crop(0, width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y < self.HEADER_LINES:
            return self.render_header(y, width)
        index = self.scroll_offset.y + y - self.HEADER_LINES
        if not 0 <= index < len(self._rows):
            return Strip.blank(width, self.visual_style.rich_style)
        selected = index == self.cursor and not self.is_header(index)
        key = (index, selected, self.has_focus, width)
        strip = self._line_cache.get(key)
        if strip is None:
            strip = self.strip_of(self.render_row(index, width), width, self.row_styles(selected), {"row": index})
            self._line_cache[key] = strip
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._line_cache.clear()

    def on_resize(self) -> None:
        self._line_cache.clear()
        self.scroll_to_cursor()

    def on_focus(self) -> None:
        self.refresh_line(self.cursor + self.HEADER_LINES)

    def on_blur(self) -> None:
        self.refresh_line(self.cursor + self.HEADER_LINES)
