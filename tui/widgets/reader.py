"""The section reader: the article as one scrollable text, quotes marked inline.

Tab and shift+tab step through the marks (quotes and claims) in reading
order, as w3m steps through links; Enter follows the current one.

The reader is one line-API widget: the article is a list of blocks (header,
section titles, paragraphs, claims), each built as Content from the article's
plain text, wrapped to the width, and drawn line by line with ``render_line``.
A widget per paragraph cost a layout and CSS pass each at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from ..core.index import ArticleIndex
from ..core.nav import Origin, Target
from ..core.search import Query, match_spans
from ..messages import Follow, SectionInView
from ..presentation import short_name, speaker_colour
from ..render import has_controls, join, safe


def mark_meta(target: Target) -> Style:
    return Style.from_meta({"quoth-mark": target.key})


@dataclass(frozen=True)
class Block:
    """One piece of the reader: what it shows, and the space around it."""

    kind: str  # title, facts, tags, summary, section, paragraph, empty, claim
    section: str = ""
    number: int = -1  # the paragraph's index in its section
    claim: str = ""
    pad_top: int = 0
    indent: int = 0


class Reader(ScrollView, can_focus=True):
    """The article header, then every section under its title."""

    COMPONENT_CLASSES = {"reader--current-claim"}
    DEFAULT_CSS = """
    Reader > .reader--current-claim { background: $accent 30%; }
    """

    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False),
        Binding("k,up", "scroll_up", "Up", show=False),
        Binding("space,pagedown", "page_down", "Page", show=False),
        Binding("b,pageup", "page_up", "Page up", show=False),
        Binding("g,home", "scroll_home", "Top", show=False),
        Binding("G,end", "scroll_end", "Bottom", show=False),
        Binding("tab", "next_mark", "Next mark", show=False),
        Binding("shift+tab", "previous_mark", "Prev mark", show=False),
        Binding("enter", "follow", "Follow"),
    ]

    current_mark: reactive[int] = reactive(-1, init=False)

    def __init__(self, index: ArticleIndex, **kwargs) -> None:
        super().__init__(**kwargs)
        self.index = index
        self.article = index.article
        marks: list[Target] = []
        for section in self.article.doc.sections:
            marks.extend(Target("quote", q.id) for q in index.quotes_in.get(section.id, ()))
            marks.extend(Target("claim", c.id) for c in index.claims_in.get(section.id, ()))
        self.marks: tuple[Target, ...] = tuple(marks)
        self.search_query: Query | None = None
        self._section_in_view = ""
        self.border_title = "Reader"
        self.blocks = self._blocks()
        self._block_at = {(b.kind, b.section, b.number, b.claim): i for i, b in enumerate(self.blocks)}
        self._width = -1
        self._lines: list[Content] = []
        self._block_start: list[int] = []  # first line of each block (after its padding)
        self._block_lines: list[list[Content]] = []
        self._strips: dict[int, Strip] = {}
        self._quotes_at = {
            (s.id, p): [q for q in index.quotes_in.get(s.id, ()) if index.anchor(q.id).paragraph == p]
            for s in self.article.doc.sections
            for p in range(len(s.paragraphs))
        }

    # -- blocks ------------------------------------------------------------

    def _blocks(self) -> list[Block]:
        meta = self.article.meta
        blocks = [Block("title", pad_top=1)]
        if meta.outlet or meta.published or meta.byline:
            blocks.append(Block("facts"))
        if meta.tags:
            blocks.append(Block("tags"))
        if meta.summary:
            blocks.append(Block("summary", pad_top=1))
        for section in self.article.doc.sections:
            blocks.append(Block("section", section.id, pad_top=1))
            if not section.paragraphs:
                blocks.append(Block("empty", section.id, pad_top=1))
            for p in range(len(section.paragraphs)):
                blocks.append(Block("paragraph", section.id, p, pad_top=1))
            for n, claim in enumerate(self.index.claims_in.get(section.id, ())):
                blocks.append(Block("claim", section.id, claim=claim.id, pad_top=1 if n == 0 else 0, indent=2))
        return blocks

    def _content(self, block: Block) -> Content:
        meta = self.article.meta
        if block.kind == "title":
            return safe(meta.title, "bold")
        if block.kind == "facts":
            facts = [x for x in (meta.outlet, str(meta.published) if meta.published else None) if x]
            if meta.byline:
                facts.append("By " + ", ".join(meta.byline))
            return safe(" · ".join(facts), "dim")
        if block.kind == "tags":
            return safe("  ".join(f"#{t}" for t in meta.tags), "italic dim")
        if block.kind == "summary":
            return safe(meta.summary or "", "italic")
        if block.kind == "section":
            number = self.article.section_index[block.section] + 1
            return join((f"§{number}  ", "dim"), safe(self.article.sections[block.section].title, "bold"))
        if block.kind == "empty":
            return safe("(no text in this section)", "dim italic")
        if block.kind == "claim":
            return self._claim(block.claim)
        return self._paragraph(block.section, block.number)

    def _current(self) -> Target | None:
        return self.marks[self.current_mark] if 0 <= self.current_mark < len(self.marks) else None

    def _paragraph(self, section: str, number: int) -> Content:
        """One paragraph, with its quotes and mentions styled in place."""
        text = self.article.sections[section].paragraphs[number]
        if has_controls(text):  # cannot happen after the loader; stay inert anyway
            return safe(text)
        content = Content(text)
        for m in self.index.mentions_in.get(section, ()):
            if m.paragraph == number:
                content = content.stylize("underline", m.start, m.end)
        if self.search_query is not None:
            for start, end in match_spans(text, self.search_query):
                content = content.stylize("bold black on #e0c060", start, end)
        current = self._current()
        inserts: list[tuple[int, Content]] = []
        for quote in self._quotes_at[(section, number)]:
            a = self.index.anchor(quote.id)
            colour = speaker_colour(self.index, quote.speaker)
            target = Target("quote", quote.id)
            style = f"bold {colour}" if quote.kind == "direct" else f"italic {colour}"
            if current == target:
                style += " reverse"
            content = content.stylize(style, a.start, a.end)
            content = content.stylize(mark_meta(target), a.start, a.end)
            tag = "“" if quote.kind == "direct" else "~"
            who = "…" if quote.continues else short_name(self.index, quote.speaker)  # a later part of one quotation
            label = safe(f"‹{who}{tag}›", f"dim {colour}")
            inserts.append((a.start, label.stylize(mark_meta(target))))
        # insert the speaker tags from the end so earlier offsets stay valid
        for start, label in sorted(inserts, key=lambda x: x[0], reverse=True):
            content = content[:start] + label + content[start:]
        return content

    def _claim(self, claim_id: str) -> Content:
        claim = self.article.claims[claim_id]
        colour = speaker_colour(self.index, claim.speaker)
        target = Target("claim", claim_id)
        content = join(
            ("◆ ", colour),
            safe(self.index.speaker(claim).name, f"bold {colour}"),
            (f" ({claim.kind}): ", "dim"),
            safe(claim.text),
        ).stylize(mark_meta(target))
        if self._current() == target:
            content = content.stylize_before(self.get_visual_style("reader--current-claim"))
        return content

    # -- layout and drawing ------------------------------------------------

    def _ensure_layout(self) -> None:
        width = self.scrollable_content_region.width or self.size.width or 80
        if width != self._width:
            self._layout(width)

    def _wrap(self, block: Block, width: int) -> list[Content]:
        content = self._content(block)
        wrapped = content.wrap(max(1, width - block.indent)) if content.plain else [Content("")]
        if block.indent:
            wrapped = [Content(" " * block.indent) + line for line in wrapped]
        return wrapped

    def _relayout(self) -> None:
        if self._width > 0:
            self._layout(self._width)

    def _layout(self, width: int) -> None:
        self._width = width
        lines: list[Content] = []
        starts: list[int] = []
        wrapped_blocks: list[list[Content]] = []
        for block in self.blocks:
            lines.extend(Content("") for _ in range(block.pad_top))
            starts.append(len(lines))
            wrapped = self._wrap(block, width)
            wrapped_blocks.append(wrapped)
            lines.extend(wrapped)
        self._lines, self._block_start, self._block_lines = lines, starts, wrapped_blocks
        self._strips.clear()
        self.virtual_size = Size(0, len(lines))
        self.refresh()

    def on_resize(self) -> None:
        self._ensure_layout()

    def render_line(self, y: int) -> Strip:
        self._ensure_layout()
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.visual_style
        strip = self._strips.get(index)
        if strip is None:
            if index >= len(self._lines):
                return Strip.blank(width, base.rich_style)
            strip = Strip(self._lines[index].render_segments(base))
            strip = strip.extend_cell_length(width, base.rich_style).crop(0, width)
            self._strips[index] = strip
        return strip

    # -- where we are ----------------------------------------------------

    def _block_index(self, kind: str, section: str, number: int = -1, claim: str = "") -> int | None:
        return self._block_at.get((kind, section, number, claim))

    def section_at_top(self) -> str:
        """The section being read: the last whose title is above the top third
        of the view (or anywhere in view, once scrolled to the end)."""
        self._ensure_layout()
        sections = self.article.doc.sections
        current = sections[0].id
        height = self.scrollable_content_region.height
        at_end = self.scroll_y >= self.max_scroll_y and self.max_scroll_y > 0
        y = self.scroll_y + (height - 1 if at_end else min(3, max(1, height // 3)))
        for i, block in enumerate(self.blocks):
            if block.kind != "section":
                continue
            if self._block_start[i] <= y:
                current = block.section
            else:
                break
        return current

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.call_after_refresh(self._report_section)

    def _report_section(self) -> None:
        if not self.is_mounted:
            return
        section = self.section_at_top()
        if section != self._section_in_view:
            self._section_in_view = section
            self.post_message(SectionInView(section))

    def paragraph_at_top(self) -> tuple[str, int | None]:
        """The section at the top, and the index of its first paragraph in view."""
        section = self.section_at_top()
        top = self.scroll_y
        best = None
        for i, block in enumerate(self.blocks):
            if block.kind != "paragraph" or block.section != section:
                continue
            if self._block_start[i] + len(self._block_lines[i]) > top:
                return section, block.number
            best = block.number
        return section, best

    def show_paragraph(self, section: str, number: int) -> None:
        self._ensure_layout()
        last = max(0, len(self.article.sections[section].paragraphs) - 1)
        i = self._block_index("paragraph", section, min(number, last))
        if i is not None:
            self.scroll_to(y=self._block_start[i], animate=False)
        else:
            self.show(Target("section", section))

    def _line_of(self, block: int, offset: int, section: str, number: int) -> int:
        """Which wrapped line of a paragraph block holds character ``offset``."""
        # the speaker tags inserted before quotes shift the text
        extra = sum(
            len(f"‹{'…' if q.continues else short_name(self.index, q.speaker)}.›")
            for q in self._quotes_at[(section, number)]
            if self.index.anchor(q.id).start <= offset
        )
        seen = 0
        for n, line in enumerate(self._block_lines[block]):
            seen += len(line.plain) + 1
            if seen > offset + extra:
                return n
        return 0

    # -- going places ----------------------------------------------------

    def show(self, target: Target) -> None:
        """Scroll to a section, quote or claim and highlight it."""
        self._ensure_layout()
        if target.kind == "section":
            i = self._block_index("section", target.id)
            if i is not None:
                self.scroll_to(y=max(0, self._block_start[i] - 1), animate=False)
            self._set_current(None)
        elif target.kind == "quote":
            self._set_current(target)
            anchor = self.index.anchor(target.id)
            i = self._block_index("paragraph", anchor.section, anchor.paragraph)
            if i is not None:
                line = self._line_of(i, anchor.start, anchor.section, anchor.paragraph)
                self.scroll_to(y=max(0, self._block_start[i] + line - 2), animate=False)
        elif target.kind == "claim":
            self._set_current(target)
            claim = self.article.claims.get(target.id)
            i = self._block_index("claim", claim.section, claim=target.id) if claim else None
            if i is not None:
                self.scroll_to(y=max(0, self._block_start[i] - 3), animate=False)

    def _set_current(self, target: Target | None) -> None:
        index = self.marks.index(target) if target in self.marks else -1
        if index != self.current_mark:
            self.current_mark = index

    def watch_current_mark(self, old: int, new: int) -> None:
        self._redraw_blocks(self._mark_block(m) for m in (old, new))

    def _mark_block(self, mark: int) -> int | None:
        if not 0 <= mark < len(self.marks):
            return None
        target = self.marks[mark]
        if target.kind == "quote":
            anchor = self.index.anchor(target.id)
            return self._block_index("paragraph", anchor.section, anchor.paragraph)
        return self._block_index("claim", self.article.claims[target.id].section, claim=target.id)

    def _redraw_blocks(self, indices) -> None:
        """Rebuild some blocks in place. Marks and highlights only restyle text,
        so a block keeps its lines; if one did not, lay everything out again."""
        if self._width <= 0:
            return
        for i in {i for i in indices if i is not None}:
            wrapped = self._wrap(self.blocks[i], self._width)
            if len(wrapped) != len(self._block_lines[i]):
                self._relayout()
                return
            start = self._block_start[i]
            self._lines[start : start + len(wrapped)] = wrapped
            self._block_lines[i] = wrapped
            for line in range(start, start + len(wrapped)):
                self._strips.pop(line, None)
        self.refresh()

    def selected_target(self) -> Target | None:
        return self.current_target

    @property
    def current_target(self) -> Target | None:
        if 0 <= self.current_mark < len(self.marks):
            return self.marks[self.current_mark]
        return None

    def _step(self, delta: int) -> None:
        if not self.marks:
            return
        if self.current_mark < 0:
            # start from the first mark at or after the top of the view
            top = self.section_at_top()
            order = self.article.section_index
            firsts = [
                i
                for i, t in enumerate(self.marks)
                if order[self._section_of(t)] >= order[top]
            ]
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
        target = self.current_target
        if target is not None:
            self.post_message(Follow(target, origin=Origin.READER_ENTER))

    def on_click(self, event: Click) -> None:
        key = (event.style.meta or {}).get("quoth-mark") if event.style else None
        if key:
            target = Target.from_key(key)
            self.show(target)
            self.post_message(Follow(target, origin=Origin.READER_ENTER))

    def set_search(self, query: Query | None) -> None:
        """Highlight every match of ``query`` in the text (None clears)."""
        if query is not self.search_query:
            self.search_query = query
            self._redraw_blocks(i for i, b in enumerate(self.blocks) if b.kind == "paragraph")

    def visible_text(self) -> str:
        """Plain text of everything in the reader (for tests and copying)."""
        self._ensure_layout()
        return "\n".join(line.plain for line in self._lines)
