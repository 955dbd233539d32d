"""The machinery under the reader: a line-API view over a list of blocks
that lays out only what is near the view.

A short text (under :data:`WHOLE` characters) is laid out whole. In a
longer one every block counts as an estimate of its height until it comes within
:data:`MARGIN` lines of the view; then it is wrapped and styled, once per
width. The row at the top of the view is the anchor: when estimates become
real heights, when the width changes and when the text is replaced, the same
text stays at the top. A block whose styling changes (a mark, a search
highlight) keeps its line breaks and is re-cut, not wrapped again.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable

from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...core.nav import Target
from .layout import Block, Spliced, estimate, wrap

Unit = tuple[str, str, int, str]

#: Lines laid out beyond the view, above and below, so that a line scroll
#: never meets an estimate.
MARGIN = 40
#: A text shorter than this (most articles) is laid out whole at once, so its
#: scroll bar and percentage are exact from the first frame (about 20 ms).
WHOLE = 100_000
#: Blocks whose styled lines and strips are kept (the others keep only their
#: line breaks), so that reading a 15 MiB paragraph to the end stays small.
DRAWN = 2_000


class _Laid:
    """A block wrapped at the current width: line offsets, and the styled
    lines and strips once drawn (dropped when only its styling changes)."""

    __slots__ = ("offsets", "lines", "strips", "spliced")

    def __init__(self, offsets: list[tuple[int, int]]) -> None:
        self.offsets = offsets
        self.lines: list[Content] | None = None
        self.strips: dict[int, Strip] = {}
        self.spliced: Spliced | None = None


class BlockView(ScrollView):
    """Blocks, laid out near the view; subclasses say what a block shows."""

    blocks: list[Block]
    _units: dict[Unit, list[int]]
    _piece_starts: dict[Unit, list[int]]

    def _init_view(self) -> None:
        self._width = -1
        self._settling = False
        self._pending: tuple[Target | None, tuple[str, int | None] | None] | None = None
        self._laid: dict[int, _Laid] = {}
        self._drawn: set[int] = set()
        self._heights: list[int] = []
        self._starts: list[int] = []
        self._dirty_starts = True

    def _set_blocks(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self._units = {}
        for i, block in enumerate(blocks):
            self._units.setdefault(block.unit, []).append(i)
        self._piece_starts = {
            unit: [blocks[i].start for i in found] for unit, found in self._units.items() if unit[0] == "paragraph"
        }
        self._laid.clear()
        self._drawn.clear()
        self._heights, self._starts, self._width = [], [], -1

    # what subclasses provide
    def _spliced(self, block: Block) -> Spliced:
        raise NotImplementedError

    def _length(self, i: int) -> int:
        """About how many characters block ``i`` shows (for its estimate)."""
        raise NotImplementedError

    def show(self, target: Target) -> None:
        raise NotImplementedError

    def restore(self, section: str, paragraph: int | None = None) -> None:
        raise NotImplementedError

    def _show_position(self) -> None:
        raise NotImplementedError

    def _lay_out(self, i: int) -> _Laid:
        """Wrap block ``i`` at the current width (if not done yet)."""
        laid = self._laid.get(i)
        if laid is None:
            block = self.blocks[i]
            spliced = self._spliced(block)
            lines, offsets = wrap(spliced.content, self._width - block.indent)
            laid = self._laid[i] = _Laid(offsets)
            laid.lines, laid.spliced = self._indent(block, lines), spliced
            self._drawn.add(i)
            self._heights[i] = block.pad_top + len(lines)
            self._dirty_starts = True
        return laid

    def _indent(self, block: Block, lines: list[Content]) -> list[Content]:
        if not block.indent:
            return lines
        pad = Content(" " * block.indent)
        return [pad + line for line in lines]

    def _lines(self, i: int) -> list[Content]:
        laid = self._lay_out(i)
        if laid.lines is None:  # restyled or let go: cut the Content where it wrapped before
            spliced = laid.spliced = self._spliced(self.blocks[i])
            content = spliced.content
            laid.lines = self._indent(self.blocks[i], [content[s : s + n] for s, n in laid.offsets])
        self._drawn.add(i)
        return laid.lines

    def _drawn_content(self, i: int) -> Spliced:
        self._lines(i)
        spliced = self._laid[i].spliced
        assert spliced is not None
        return spliced

    def _let_go(self, near: int) -> None:
        """Keep the drawn lines of at most DRAWN blocks: let go of those far
        from block ``near`` (their heights and line breaks stay)."""
        if len(self._drawn) <= DRAWN:
            return
        for i in [i for i in self._drawn if abs(i - near) > DRAWN // 4]:
            laid = self._laid[i]
            laid.lines, laid.spliced, laid.strips = None, None, {}
            self._drawn.discard(i)

    def _restyle(self, indices: Iterable[int]) -> None:
        """Some blocks changed only their styling: draw them again."""
        for i in indices:
            laid = self._laid.get(i)
            if laid is not None:
                laid.lines, laid.spliced, laid.strips = None, None, {}
        self.refresh()

    def _reset_layout(self, width: int) -> None:
        self._width = width
        self._laid.clear()
        self._drawn.clear()
        lengths = [self._length(i) for i in range(len(self.blocks))]
        self._heights = [b.pad_top + estimate(n, width - b.indent) for b, n in zip(self.blocks, lengths, strict=True)]
        self._dirty_starts = True
        if sum(lengths) <= WHOLE:
            for i in range(len(self.blocks)):
                self._lay_out(i)

    def _update_starts(self) -> None:
        if self._dirty_starts:
            self._starts = list(itertools.accumulate(self._heights, initial=0))
            self._dirty_starts = False
            height = self._starts[-1]
            if self.virtual_size.height != height:
                self.virtual_size = Size(0, height)

    def _block_at_line(self, y: int) -> int:
        return max(0, min(len(self.blocks) - 1, bisect.bisect_right(self._starts, y) - 1))

    def _ready(self) -> bool:
        """Lay out at the widget's width, if it has one yet."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return False
        if width != self._width:
            self._resize_to(width)
        return True

    def _resize_to(self, width: int) -> None:
        anchor = self._text_anchor() if self._width > 0 and self._starts else None
        self._reset_layout(width)
        self._update_starts()
        if anchor is not None:
            self._settle(self._line_anchor(*anchor))

    def _text_anchor(self) -> tuple[int, int]:
        """The block at the top of the view and the display offset of its top
        line (-1 in the space above it): what a resize keeps in place."""
        self._update_starts()
        y = round(self.scroll_y)
        i = self._block_at_line(y)
        row = y - self._starts[i] - self.blocks[i].pad_top
        laid = self._laid.get(i)
        if row < 0 or laid is None:
            return i, -1
        return i, laid.offsets[min(row, len(laid.offsets) - 1)][0]

    def _line_anchor(self, i: int, offset: int) -> tuple[int, int]:
        """(block, row from the block's top) of display ``offset`` in block ``i``."""
        if offset < 0:
            return i, 0
        laid = self._lay_out(i)
        row = bisect.bisect_right([s for s, _ in laid.offsets], offset) - 1
        return i, self.blocks[i].pad_top + max(0, row)

    def _settle(self, anchor: tuple[int, int] | None = None) -> None:
        """Lay out the blocks in and near the view, and keep ``anchor`` (block,
        row) at the top: estimates above it turning into real heights must
        not move the text being read."""
        if not self._ready():
            return
        height = max(1, self.scrollable_content_region.height)
        self._settling = True
        try:
            for _ in range(4):
                self._update_starts()
                if anchor is None:
                    y = round(self.scroll_y)
                    anchor = (self._block_at_line(y), y - self._starts[self._block_at_line(y)])
                first, row = anchor
                total, i = 0, first
                while i < len(self.blocks) and total < row + height + MARGIN:
                    self._lay_out(i)
                    total += self._heights[i]
                    i += 1
                total, i = 0, first - 1
                while i >= 0 and total < MARGIN + height:
                    self._lay_out(i)
                    total += self._heights[i]
                    i -= 1
                self._update_starts()
                y = min(self._starts[first] + min(row, self._heights[first] - 1), self.max_scroll_y)
                if y != round(self.scroll_y):
                    self.scroll_target_y = self.scroll_y = y
                # the end of the text pulls the view up: lay out what came into view
                top = self._block_at_line(y)
                if top == first or all(j in self._laid for j in range(top, first + 1)):
                    break
                anchor = (top, y - self._starts[top])
        finally:
            self._settling = False
        self._let_go(self._block_at_line(round(self.scroll_y)))
        self.refresh()
        self._show_position()

    def on_resize(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None and self._ready():
            target, place = pending
            if target is not None:
                self.show(target)
            if place is not None:
                self.restore(*place)
            return
        self._settle()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.visual_style
        if not self._ready():
            return Strip.blank(width, base.rich_style)
        self._update_starts()
        line = round(self.scroll_y) + y
        i = self._block_at_line(line)
        laid = self._lay_out(i)
        row = line - self._starts[i] - self.blocks[i].pad_top
        strip = laid.strips.get(row)
        if strip is None:
            lines = self._lines(i)
            if not 0 <= row < len(lines) or line >= self._starts[-1]:
                return Strip.blank(width, base.rich_style)
            strip = Strip(lines[row].render_segments(base))
            strip = laid.strips[row] = strip.extend_cell_length(width, base.rich_style).crop(0, width)
        return strip

    def _scroll_lines(self, delta: int) -> None:
        """Move the view ``delta`` lines, counting real heights: every block
        passed over is laid out, so a page is exactly a page."""
        if not self._ready():
            return
        self._settle()
        y = round(self.scroll_y)
        i = self._block_at_line(y)
        self._move_from(i, y - self._starts[i] + delta)

    def _move_from(self, i: int, row: int) -> None:
        """Put row ``row`` of block ``i`` (may be past either end of it) at the top."""
        last = len(self.blocks) - 1
        while True:
            self._lay_out(i)
            if row < 0 and i > 0:
                i -= 1
                self._lay_out(i)
                row += self._heights[i]
            elif row >= self._heights[i] and i < last:
                row -= self._heights[i]
                i += 1
            else:
                break
        self._settle((i, max(0, min(row, self._heights[i] - 1))))

    def _scroll_to_block(self, i: int, row: int, above: int) -> None:
        """Bring row ``row`` of block ``i`` into view, ``above`` lines below the top."""
        if self._ready():
            self._move_from(i, row - above)

    def _show_offset(self, unit: tuple[str, str, int, str], offset: int, *, tag: bool = False) -> None:
        """Bring source ``offset`` of a unit into view, two lines below the top."""
        if not self._ready():
            return
        blocks = self._units.get(unit)
        if not blocks:
            return
        i = blocks[0]
        if unit[0] == "paragraph":
            i = blocks[bisect.bisect_right(self._piece_starts[unit], offset) - 1]
            offset -= self.blocks[i].start
        display = self._drawn_content(i).at(offset, after_tags=not tag)
        _, row = self._line_anchor(i, display)
        self._scroll_to_block(i, row, 2)

    def _top_block(self) -> int:
        if not self._ready():
            return 0
        self._update_starts()
        return self._block_at_line(round(self.scroll_y))

    def _match_in_view(self, unit: tuple[str, str, int, str], offset: int) -> bool:
        """Whether source ``offset`` of a unit is on a line in view now."""
        if not self._ready() or unit not in self._units:
            return False
        blocks = self._units[unit]
        i = blocks[0]
        if unit[0] == "paragraph":
            i = blocks[bisect.bisect_right(self._piece_starts[unit], offset) - 1]
            offset -= self.blocks[i].start
        self._lay_out(i)
        self._update_starts()
        display = self._drawn_content(i).at(offset) if unit[0] == "paragraph" else offset
        _, row = self._line_anchor(i, display)
        line = self._starts[i] + row
        top = round(self.scroll_y)
        return top <= line < top + self.scrollable_content_region.height

