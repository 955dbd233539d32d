"""The section reader: the article as one scrollable text, quotes marked inline.

It moves as less does, at once and never animated: j/k lines, space/b pages,
d/ctrl+u half pages, g/G ends, and ``u`` up to the heading of the section in
view (info's ``u``). Tab and shift+tab step through the marks (quotes and
claims) in reading order, as w3m steps through links; Enter follows the
current one. The border shows where you are, like less ``-M``: "§3/8 · 41%".

The reader is one line-API widget over the blocks of
:mod:`.layout`. Only blocks near the view are wrapped and styled;
the others count as an estimate of their height until they come near. The
line at the top of the view is the anchor: when estimates become real
heights, when the width changes and when the article is replaced, the same
text stays at the top.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.reactive import reactive

from ...core.index import ArticleIndex
from ...core.nav import Origin, Target
from ...messages import Follow, SectionInView
from .content import BlockContent
from .layout import blocks_of, paragraphs_of
from .search import Match, ReaderSearch
from .view import BlockView

__all__ = ["Match", "Reader"]


class Reader(BlockContent, ReaderSearch, BlockView, can_focus=True):
    """The article header, then every section under its title."""

    COMPONENT_CLASSES = {"reader--current-claim"}
    DEFAULT_CSS = """
    Reader > .reader--current-claim { background: $accent 30%; }
    """

    BINDINGS = [
        Binding("j,down", "line(1)", "Down", show=False),
        Binding("k,up", "line(-1)", "Up", show=False),
        Binding("space,f,pagedown,ctrl+f", "page(1)", "Page", show=False),
        Binding("b,pageup,ctrl+b", "page(-1)", "Page up", show=False),
        Binding("d,ctrl+d", "half_page(1)", "Half page", show=False),
        Binding("ctrl+u", "half_page(-1)", "Half page up", show=False),
        Binding("u", "up_to_heading", "Section heading", show=False),
        Binding("g,home", "top", "Top", show=False),
        Binding("G,end", "bottom", "Bottom", show=False),
        Binding("tab", "next_mark", "Next mark", show=False),
        Binding("shift+tab", "previous_mark", "Prev mark", show=False),
        Binding("enter", "follow", "Follow"),
    ]

    #: Words for the help screen (built from the bindings), in this order.
    KEY_HELP = {
        "line(1)": "line down",
        "line(-1)": "line up",
        "page(1)": "page down, at once (as in less)",
        "page(-1)": "page up",
        "half_page(1)": "half a page down",
        "half_page(-1)": "half a page up",
        "up_to_heading": "up to the heading of the section you are in; again, to the top",
        "top": "top",
        "bottom": "bottom",
        "next_mark": "next quote or claim in the text",
        "previous_mark": "previous quote or claim in the text",
        "follow": "open the selected quote or claim",
    }

    current_mark: reactive[int] = reactive(-1, init=False)

    def __init__(self, index: ArticleIndex, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.border_title = "Reader"
        self._section_in_view = ""
        self._status = Content("")
        self._init_view()
        self._init_search()
        self._load(index)

    def _load(self, index: ArticleIndex) -> None:
        self.index = index
        self.article = index.article
        marks: list[Target] = []
        for section in self.article.doc.sections:
            marks.extend(Target("quote", q.id) for q in index.quotes_in.get(section.id, ()))
            marks.extend(Target("claim", c.id) for c in index.claims_in.get(section.id, ()))
        self.marks: tuple[Target, ...] = tuple(marks)
        self._mark_index = {t: i for i, t in enumerate(marks)}
        self._paragraphs = paragraphs_of(index)
        self._set_blocks(blocks_of(index, self._paragraphs))

    # -- building blocks ---------------------------------------------------

    def _current(self) -> Target | None:
        return self.marks[self.current_mark] if 0 <= self.current_mark < len(self.marks) else None

    @property
    def current_target(self) -> Target | None:
        return self._current()

    def selected_target(self) -> Target | None:
        return self._current()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if not self._settling:
            self._settle()
        self.call_after_refresh(self._report_section)

    # -- where we are ----------------------------------------------------

    def _show_position(self) -> None:
        """The indicator in the border, as less -M: section and percentage."""
        if not self._starts:
            return
        sections = self.article.doc.sections
        number = self.article.section_index.get(self.section_at_top(), 0) + 1
        total = self._starts[-1]
        bottom = min(total, round(self.scroll_y) + self.scrollable_content_region.height)
        percent = 100 if bottom >= total or self.max_scroll_y == 0 else min(99, 100 * bottom // max(1, total))
        where = Content(f"§{number}/{len(sections)} · {percent}%")
        self.border_subtitle = Content.assemble(self._status, " · ", where) if self._status else where

    def set_status(self, status: str | Content = "") -> None:
        """Show ``status`` (such as "match 3/17") before the position in the
        border; "" clears it. A str is plain text, never markup."""
        self._status = status if isinstance(status, Content) else Content(status)
        self._show_position()

    def paragraph_at_top(self) -> tuple[str, int | None]:
        """The same as :meth:`position` (the name the screen used first)."""
        return self.position()

    def show_paragraph(self, section: str, number: int) -> None:
        """The same as :meth:`restore` (the name the screen used first)."""
        self.restore(section, number)

    def section_at_top(self) -> str:
        """The section being read: the last whose title is above the top third
        of the view (or anywhere in view, once scrolled to the end)."""
        sections = self.article.doc.sections
        if not self._ready():
            return sections[0].id
        self._update_starts()
        height = self.scrollable_content_region.height
        at_end = self.scroll_y >= self.max_scroll_y and self.max_scroll_y > 0
        y = round(self.scroll_y) + (height - 1 if at_end else min(3, max(1, height // 3)))
        current = sections[0].id
        for section in sections:
            i = self._units[("section", section.id, -1, "")][0]
            if self._starts[i] + self.blocks[i].pad_top > y:
                break
            current = section.id
        return current

    def _report_section(self) -> None:
        if not self.is_mounted:
            return
        section = self.section_at_top()
        if section != self._section_in_view:
            self._section_in_view = section
            self.post_message(SectionInView(section))

    def position(self) -> tuple[str, int | None]:
        """The section in view and its first paragraph in view (None when no
        paragraph of it is), as saved and given back to :meth:`restore`."""
        section = self.section_at_top()
        if not self._ready():
            return section, None
        top = round(self.scroll_y)
        best = None
        for number in range(len(self.article.sections[section].paragraphs)):
            blocks = self._units[("paragraph", section, number, "")]
            if self._starts[blocks[-1] + 1] > top:
                return section, number
            best = number
        return section, best

    def restore(self, section: str, paragraph: int | None = None) -> None:
        """Put paragraph ``paragraph`` of ``section`` (or its title) at the top."""
        if section not in self.article.sections:
            return
        if not self._ready():  # not sized yet: once it is
            self._pending = (self._pending[0] if self._pending else None, (section, paragraph))
            return
        count = len(self.article.sections[section].paragraphs)
        if paragraph is None or count == 0:
            self.show(Target("section", section))
            return
        i = self._units[("paragraph", section, min(max(paragraph, 0), count - 1), "")][0]
        self._settle((i, self.blocks[i].pad_top))

    def replace_index(self, index: ArticleIndex) -> None:
        """A new version of the article: show it with the same paragraph at the
        top, the same mark selected if it still exists, and the same search."""
        section, paragraph = self.position()
        current = self._current()
        self._load(index)
        self.current_mark = self._mark_index.get(current, -1) if current is not None else -1
        self._research()
        self._settle()
        self.restore(section if section in self.article.sections else self.article.doc.sections[0].id, paragraph)

    # -- moving ----------------------------------------------------------

    def action_line(self, delta: int) -> None:
        self._scroll_lines(delta)

    def action_page(self, direction: int) -> None:
        self._scroll_lines(direction * max(1, self.scrollable_content_region.height))

    def action_half_page(self, direction: int) -> None:
        self._scroll_lines(direction * max(1, self.scrollable_content_region.height // 2))

    def action_top(self) -> None:
        self._settle((0, 0))

    def action_bottom(self) -> None:
        last = len(self.blocks) - 1
        if self._ready():
            self._lay_out(last)
            self._settle((last, self._heights[last] - 1))

    def action_up_to_heading(self) -> None:
        """info's u: up to the heading of the section the top line is in;
        from the heading itself, up to the top of the article."""
        if not self._ready():
            return
        self._update_starts()
        top = round(self.scroll_y)
        heading = 0
        for section in self.article.doc.sections:
            i = self._units[("section", section.id, -1, "")][0]
            if self._starts[i] > top:
                break
            heading = i
        if heading and top != self._starts[heading]:
            self._settle((heading, 0))
        else:
            self.action_top()

    # -- going places ----------------------------------------------------

    def show(self, target: Target) -> None:
        """Scroll to a section, quote or claim and highlight it."""
        if not self._ready():  # not sized yet: once it is
            self._pending = (target, None)
            return
        if target.kind == "section":
            self._set_current(None)
            i = self._units.get(("section", target.id, -1, ""))
            if i is not None:  # the first section's place is the top: its header with it
                self._settle((i[0] if target.id != self.article.doc.sections[0].id else 0, 0))
            return
        self._set_current(target)
        if target.kind == "quote" and target.id in self.article.quotes:
            a = self.index.anchor(target.id)
            self._show_offset(("paragraph", a.section, a.paragraph, ""), a.start, tag=True)
        elif target.kind == "claim" and target.id in self.article.claims:
            claim = self.article.claims[target.id]
            blocks = self._units[("claim", claim.section, -1, target.id)]
            self._scroll_to_block(blocks[0], self.blocks[blocks[0]].pad_top, 3)

    def select_match(self, section: str, place: str, number: int, start: int, end: int, claim: str = "") -> None:
        """Draw the match at ``start``-``end`` of a section's title (``place``
        "title"), paragraph ``number`` or claim unlike the other matches, and
        bring it into view unless it is on screen (deep in a long paragraph,
        say). The screen finds the matches (:mod:`tui.core.find`)."""
        kinds = {"title": ("section", -1, ""), "paragraph": ("paragraph", number, ""), "claim": ("claim", -1, claim)}
        kind, n, claim_id = kinds[place]
        match = Match(kind, section, n, claim_id, start, end)
        old = self._chosen
        self._selected, self._chosen = -1, match
        units = {match.unit} | ({old.unit} if old is not None else set())
        self._restyle(i for unit in units for i in self._units.get(unit, ()))
        if not self._match_in_view(match.unit, start):
            self._show_offset(match.unit, start)

    def _unit_texts(self) -> Iterator[tuple[tuple[str, str, int, str], str]]:
        """Every searchable text in reading order: titles, paragraphs, claims."""
        for section in self.article.doc.sections:
            yield ("section", section.id, -1, ""), section.title
            for number, text in enumerate(section.paragraphs):
                yield ("paragraph", section.id, number, ""), text
            for claim in self.index.claims_in.get(section.id, ()):
                yield ("claim", section.id, -1, claim.id), claim.text

    def _set_current(self, target: Target | None) -> None:
        index = self._mark_index.get(target, -1) if target is not None else -1
        if index != self.current_mark:
            self.current_mark = index

    def watch_current_mark(self, old: int, new: int) -> None:
        self._restyle(i for m in (old, new) for i in self._mark_blocks(m))

    def _mark_blocks(self, mark: int) -> list[int]:
        if not 0 <= mark < len(self.marks):
            return []
        target = self.marks[mark]
        if target.kind == "quote":
            a = self.index.anchor(target.id)
            return self._units.get(("paragraph", a.section, a.paragraph, ""), [])
        return self._units.get(("claim", self.article.claims[target.id].section, -1, target.id), [])

    def _step(self, delta: int) -> None:
        if not self.marks:
            return
        if self.current_mark < 0:
            # start from the first mark at or after the top of the view
            order = self.article.section_index
            top = order[self.section_at_top()]
            firsts = [i for i, t in enumerate(self.marks) if order[self._section_of(t)] >= top]
            nxt = (firsts[0] if firsts else 0) if delta > 0 else ((firsts[0] - 1) if firsts else -1)
        else:
            nxt = self.current_mark + delta
        nxt %= len(self.marks)
        target = self.marks[nxt]
        self.show(target)
        self.post_message(Follow(target, origin=Origin.READER, record=False))

    def _section_of(self, target: Target) -> str:
        if target.kind == "quote":
            return self.article.quotes[target.id].section
        return self.article.claims[target.id].section

    def action_next_mark(self) -> None:
        self._step(1)

    def action_previous_mark(self) -> None:
        self._step(-1)

    def action_follow(self) -> None:
        target = self._current()
        if target is not None:
            self.post_message(Follow(target, origin=Origin.READER_ENTER))

    def on_click(self, event: Click) -> None:
        key = (event.style.meta or {}).get("quoth-mark") if event.style else None
        if key:
            target = Target.from_key(key)
            self.show(target)
            self.post_message(Follow(target, origin=Origin.READER_ENTER))

