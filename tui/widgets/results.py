"""Search results as a virtual list: one line a result, rendered on demand.

A widget per row does not scale (an OptionList of 10,000 items took 1.2 s
to first show here), so this is a ScrollView with ``render_line``: only the
visible rows are ever built, and 40,000 matches render as fast as 10.
"""

from __future__ import annotations

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

from ..core.nav import Target
from ..core.search import Hit, Query, Results
from ..core.text import shorten, visible


class ResultsList(ScrollView, can_focus=True):
    """Quotes that match, then a header, then claims that match."""

    COMPONENT_CLASSES = {
        "results-list--cursor",
        "results-list--match",
        "results-list--header",
        "results-list--dim",
    }

    DEFAULT_CSS = """
    ResultsList {
        height: 1fr;
        background: $surface;
        overflow-x: hidden;
    }
    ResultsList > .results-list--cursor { background: $accent 40%; }
    ResultsList:focus > .results-list--cursor { background: $accent 70%; text-style: bold; }
    ResultsList > .results-list--match { background: $warning 50%; text-style: bold; }
    ResultsList > .results-list--header { color: $accent; text-style: bold; }
    ResultsList > .results-list--dim { color: $text-muted; }
    """

    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup,b", "page(-1)", "Page up", show=False),
        Binding("home,g", "jump(0)", "First", show=False),
        Binding("end,G", "jump(-1)", "Last", show=False),
        Binding("enter", "choose", "Open"),
    ]

    cursor: reactive[int] = reactive(0, init=False)

    class Chosen(Message):
        def __init__(self, hit: Hit) -> None:
            super().__init__()
            self.hit = hit

    class Highlighted(Message):
        def __init__(self, hit: Hit | None) -> None:
            super().__init__()
            self.hit = hit

    def __init__(
        self,
        section_number: dict[tuple[str, str], int] | None = None,
        speaker_name=None,
        article_title=None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self._article_title = article_title  # set in a library: rows name their article
        self.rows: list[Hit | None] = []
        self._header = ""
        self.search_query: Query | None = None
        self._section_number = section_number or {}
        self._speaker_name = speaker_name or (lambda record: record.speaker)
        self._cache: dict[tuple[int, int, bool, bool], Strip] = {}
        self._style_cache: dict[tuple, dict[str, RichStyle]] = {}

    # -- content ---------------------------------------------------------

    def set_results(self, results: Results) -> None:
        # one entry a line: a hit, or None for the header between the groups
        rows: list[Hit | None] = list(results.quotes)
        if results.claims:
            n = len(results.claims)
            self._header = f"{n} claim{'s' if n != 1 else ''} match"
            rows.append(None)
            rows += results.claims
        self.rows = rows
        self.search_query = results.query
        self._cache.clear()
        self.virtual_size = Size(0, len(rows))
        first = self._next_hit(0, 1)
        self.set_reactive(ResultsList.cursor, first if first is not None else 0)
        self.scroll_to(y=0, animate=False)
        self.refresh()
        self.post_message(self.Highlighted(self.current_hit))

    @property
    def hits(self) -> list[Hit]:
        return [r for r in self.rows if r is not None]

    @property
    def current_hit(self) -> Hit | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    def selected_target(self) -> Target | None:
        hit = self.current_hit
        return target_of(hit) if hit is not None else None

    # -- rendering -------------------------------------------------------

    def _pieces(self, row: Hit | None, width: int) -> list[tuple[str, str]]:
        """A row as (text, kind) pieces, cut to ``width`` cells with an ellipsis.

        Rows are built from plain pieces rather than Content: a row is drawn
        on every keystroke, and segments are several times cheaper."""
        if row is None:
            return _fit([(self._header, "header")], width)
        record = row.record
        number = self._section_number.get((record.article, record.section))
        lead = f"§{number} " if number else ""
        if self._article_title is not None:
            lead = shorten(self._article_title(record.article), 28) + " › " + lead
        lead += ("“ " if record.kind == "direct" else "~ ") if record.type == "quote" else f"◆ {record.kind} "
        pieces = [(visible(lead, one_line=True), "dim"), (visible(self._speaker_name(record), one_line=True), "bold"), (": ", "plain")]
        text = " ".join(record.text.split()) if "\n" in record.text else record.text
        body = visible(text, one_line=True)
        spans = row.spans(self.search_query) if self.search_query is not None and len(body) == len(record.text) else []
        room = width - sum(cell_len(t) for t, _ in pieces)
        cut = 0
        if spans and room > 10 and spans[0][1] > room - 2:
            cut = max(0, spans[0][0] - room // 3)
            pieces.append(("…", "plain"))
        pos = cut
        for start, end in spans:  # the matches that can be seen on the line
            if end <= cut:
                continue
            if start >= cut + room:
                break
            start = max(start, cut)
            if start > pos:
                pieces.append((body[pos:start], "plain"))
            pieces.append((body[start:end], "match"))
            pos = end
        pieces.append((body[pos:], "plain"))
        return _fit(pieces, width)

    def _styles(self, cursor: bool) -> dict[str, RichStyle]:
        key = (cursor, self.has_focus, self.app.theme)
        styles = self._style_cache.get(key)
        if styles is None:
            base = self.visual_style
            if cursor:
                base = base + self.get_visual_style("results-list--cursor")
            rich_base = base.rich_style

            def fg(component: str) -> RichStyle:
                style = self.get_visual_style(component)
                return rich_base + RichStyle(color=style.rich_style.color, bold=style.bold, italic=style.italic)

            styles = {
                "plain": rich_base,
                "bold": rich_base + RichStyle(bold=True),
                "dim": fg("results-list--dim"),
                "header": fg("results-list--header"),
                "match": rich_base + self.get_visual_style("results-list--match").rich_style,
            }
            self._style_cache[key] = styles
        return styles

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if index >= len(self.rows):
            return Strip.blank(width, self.visual_style.rich_style)
        row = self.rows[index]
        is_cursor = index == self.cursor and row is not None
        key = (index, width, is_cursor, self.has_focus)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        styles = self._styles(is_cursor)
        meta = RichStyle.from_meta({"row": index})
        segments = [Segment(text, styles[kind] + meta) for text, kind in self._pieces(row, width) if text]
        strip = Strip(segments).extend_cell_length(width, styles["plain"]).crop(0, width)
        self._cache[key] = strip
        if len(self._cache) > 2000:
            self._cache.clear()
        return strip

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(0, len(self.rows))

    # -- moving ----------------------------------------------------------

    def _next_hit(self, start: int, step: int) -> int | None:
        i = start
        while 0 <= i < len(self.rows):
            if self.rows[i] is not None:
                return i
            i += step
        return None

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh()
        self.scroll_to_region_line(new)
        self.post_message(self.Highlighted(self.current_hit))

    def scroll_to_region_line(self, line: int) -> None:
        height = self.scrollable_content_region.height
        if line < self.scroll_offset.y:
            self.scroll_to(y=line, animate=False)
        elif line >= self.scroll_offset.y + height:
            self.scroll_to(y=line - height + 1, animate=False)

    def move(self, step: int) -> Hit | None:
        """Move to the next/previous hit, wrapping around like less's n/N."""
        if not self.rows or (len(self.rows) == 1 and self.rows[0] is None):
            return None
        i = self.cursor
        for _ in range(len(self.rows)):
            i = (i + step) % len(self.rows)
            if self.rows[i] is not None:
                self.cursor = i
                return self.rows[i]
        return None

    def action_move(self, step: int) -> None:
        target = self._next_hit(self.cursor + step, step)
        if target is not None:
            self.cursor = target

    def action_page(self, step: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        i = min(max(self.cursor + step * height, 0), max(0, len(self.rows) - 1))
        target = self._next_hit(i, step) or self._next_hit(i, -step)
        if target is not None:
            self.cursor = target

    def action_jump(self, where: int) -> None:
        target = self._next_hit(0, 1) if where == 0 else self._next_hit(len(self.rows) - 1, -1)
        if target is not None:
            self.cursor = target

    def action_choose(self) -> None:
        hit = self.current_hit
        if hit is not None:
            self.post_message(self.Chosen(hit))

    def on_click(self, event: Click) -> None:
        row = (event.style.meta or {}).get("row") if event.style else None
        if row is None:
            row = self.scroll_offset.y + event.y
        if 0 <= row < len(self.rows) and self.rows[row] is not None:
            self.cursor = row
            self.action_choose()

    def plain_lines(self) -> list[str]:
        """Every row as plain text (for tests)."""
        width = max(20, self.scrollable_content_region.width or 80)
        return ["".join(t for t, _ in self._pieces(r, width)) for r in self.rows]


def _fit(pieces: list[tuple[str, str]], width: int) -> list[tuple[str, str]]:
    """Cut pieces to ``width`` cells, ending in an ellipsis when something is cut."""
    out: list[tuple[str, str]] = []
    used = 0
    for text, kind in pieces:
        size = cell_len(text)
        if used + size <= width:
            out.append((text, kind))
            used += size
            continue
        room = max(0, width - used - 1)
        kept = set_cell_size(text, room) if room else ""
        out.append((kept.rstrip() + "…", kind))
        return out
    return out


def target_of(hit: Hit) -> Target:
    return Target(hit.record.type, hit.record.id)
