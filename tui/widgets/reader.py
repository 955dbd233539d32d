"""The section reader: the article as one scrollable text, quotes marked inline.

Tab and shift+tab step through the marks (quotes and claims) in reading
order, as w3m steps through links; Enter follows the current one.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import Click
from textual.reactive import reactive
from textual.style import Style
from textual.widgets import Static

from ..index import ArticleIndex
from ..nav import Follow, SectionInView, Target
from ..render import has_controls, join, safe
from ..search import Query, match_spans
from ..text import visible

#: Speaker colours, assigned in entity order so marks tell speakers apart.
PALETTE = ["#e5a550", "#63b3ed", "#9ae6b4", "#f687b3", "#d6bcfa", "#fbd38d", "#81e6d9", "#feb2b2"]


def speaker_colour(index: ArticleIndex, entity_id: str) -> str:
    order = list(index.article.entities)
    return PALETTE[order.index(entity_id) % len(PALETTE)] if entity_id in order else PALETTE[0]


def short_name(index: ArticleIndex, entity_id: str) -> str:
    entity = index.article.entities[entity_id]
    return entity.aliases[0] if entity.aliases else entity.name


def mark_meta(target: Target) -> Style:
    return Style.from_meta({"quoth-mark": target.key})


class Paragraph(Static):
    """One paragraph, with its quotes and mentions styled in place."""

    def __init__(self, index: ArticleIndex, section: str, number: int) -> None:
        super().__init__(classes="paragraph")
        self.index = index
        self.section = section
        self.number = number
        self.text = index.article.sections[section].paragraphs[number]
        self.quotes = [
            q for q in index.quotes_in.get(section, ()) if index.anchor(q.id).paragraph == number
        ]
        self.current: str | None = None
        self.search: Query | None = None

    def on_mount(self) -> None:
        self.refresh_marks()

    def build(self) -> Content:
        if has_controls(self.text):  # cannot happen after the loader; stay inert anyway
            return safe(self.text)
        content = Content(self.text)
        for m in self.index.mentions_in.get(self.section, ()):
            if m.paragraph == self.number:
                content = content.stylize("underline", m.start, m.end)
        if self.search is not None:
            for start, end in match_spans(self.text, self.search):
                content = content.stylize("bold black on #e0c060", start, end)
        inserts: list[tuple[int, Content]] = []
        for quote in self.quotes:
            a = self.index.anchor(quote.id)
            colour = speaker_colour(self.index, quote.speaker)
            target = Target("quote", quote.id)
            style = f"bold {colour}" if quote.kind == "direct" else f"italic {colour}"
            if quote.id == self.current:
                style += " reverse"
            content = content.stylize(style, a.start, a.end)
            content = content.stylize(mark_meta(target), a.start, a.end)
            tag = "“" if quote.kind == "direct" else "~"
            label = safe(f"‹{short_name(self.index, quote.speaker)}{tag}›", f"dim {colour}")
            inserts.append((a.start, label.stylize(mark_meta(target))))
        # insert the speaker tags from the end so earlier offsets stay valid
        for start, label in sorted(inserts, key=lambda x: x[0], reverse=True):
            content = content[:start] + label + content[start:]
        return content

    def refresh_marks(self, current: str | None = None) -> None:
        self.current = current
        self.update(self.build())

    def set_search(self, query: Query | None) -> None:
        if query is not self.search:
            self.search = query
            self.update(self.build())

    def line_of(self, offset: int) -> int:
        """Which wrapped line (0-based) holds character ``offset``."""
        width = max(1, self.content_region.width or self.size.width or 80)
        seen = 0
        # tags add characters before quotes; count them in
        extra = sum(
            len(f"‹{short_name(self.index, q.speaker)}.›")
            for q in self.quotes
            if self.index.anchor(q.id).start <= offset
        )
        for n, line in enumerate(self.build().wrap(width)):
            seen += len(line.plain) + 1
            if seen > offset + extra:
                return n
        return 0


class ClaimRow(Static):
    """A claim made in a section, listed after its paragraphs."""

    def __init__(self, index: ArticleIndex, claim_id: str) -> None:
        super().__init__(classes="claim-row")
        self.index = index
        self.claim = index.article.claims[claim_id]
        self.target = Target("claim", claim_id)

    def on_mount(self) -> None:
        claim = self.claim
        colour = speaker_colour(self.index, claim.speaker)
        speaker = self.index.speaker(claim)
        self.update(
            join(
                ("◆ ", colour),
                safe(speaker.name, f"bold {colour}"),
                (f" ({claim.kind}): ", "dim"),
                safe(claim.text),
            ).stylize(mark_meta(self.target))
        )


class Reader(VerticalScroll, can_focus=True):
    """The article header, then every section under its title."""

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
        self._section_in_view = ""
        self.border_title = "Reader"

    # -- building --------------------------------------------------------

    def compose(self):
        meta = self.article.meta
        yield Static(safe(meta.title, "bold"), classes="article-title")
        facts = [x for x in (meta.outlet, str(meta.published) if meta.published else None) if x]
        if meta.byline:
            facts.append("By " + ", ".join(meta.byline))
        if facts:
            yield Static(safe(" · ".join(facts), "dim"), classes="article-facts")
        if meta.tags:
            yield Static(safe("  ".join(f"#{t}" for t in meta.tags), "italic dim"), classes="article-tags")
        if meta.summary:
            yield Static(safe(meta.summary, "italic"), classes="article-summary")
        for number, section in enumerate(self.article.doc.sections, 1):
            heading = join((f"§{number}  ", "dim"), safe(section.title, "bold"))
            yield Static(heading, classes="section-title", id=f"s-{section.id}")
            if not section.paragraphs:
                yield Static(safe("(no text in this section)", "dim italic"), classes="paragraph")
            for p in range(len(section.paragraphs)):
                yield Paragraph(self.index, section.id, p)
            for n, claim in enumerate(self.index.claims_in.get(section.id, ())):
                row = ClaimRow(self.index, claim.id)
                row.set_class(n == 0, "-first")
                yield row

    # -- where we are ----------------------------------------------------

    def section_at_top(self) -> str:
        """The section being read: the last whose title is above the top third
        of the view (or anywhere in view, once scrolled to the end)."""
        sections = self.article.doc.sections
        current = sections[0].id
        height = self.scrollable_content_region.height
        at_end = self.scroll_y >= self.max_scroll_y and self.max_scroll_y > 0
        y = self.scroll_y + (height - 1 if at_end else min(3, max(1, height // 3)))
        for section in sections:
            title = self.query_one(f"#s-{section.id}")
            if title.virtual_region.y <= y:
                current = section.id
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
        for para in self.query(Paragraph):
            if para.section != section:
                continue
            if para.virtual_region.y + para.virtual_region.height > top:
                return section, para.number
            best = para.number
        return section, best

    def show_paragraph(self, section: str, number: int) -> None:
        para = self._paragraph(section, min(number, max(0, len(self.article.sections[section].paragraphs) - 1)))
        if para is not None:
            self.scroll_to(y=para.virtual_region.y, animate=False)
        else:
            self.show(Target("section", section))

    # -- going places ----------------------------------------------------

    def show(self, target: Target) -> None:
        """Scroll to a section, quote or claim and highlight it."""
        if target.kind == "section":
            widget = self.query_one(f"#s-{target.id}")
            self.scroll_to(y=widget.virtual_region.y, animate=False)
            self._set_current(None)
        elif target.kind == "quote":
            self._set_current(target)
            anchor = self.index.anchor(target.id)
            para = self._paragraph(anchor.section, anchor.paragraph)
            if para is not None:
                line = para.line_of(anchor.start)
                self.scroll_to(y=max(0, para.virtual_region.y + line - 2), animate=False)
        elif target.kind == "claim":
            self._set_current(target)
            for row in self.query(ClaimRow):
                if row.claim.id == target.id:
                    self.scroll_to(y=max(0, row.virtual_region.y - 3), animate=False)

    def _paragraph(self, section: str, number: int) -> Paragraph | None:
        for para in self.query(Paragraph):
            if para.section == section and para.number == number:
                return para
        return None

    def _set_current(self, target: Target | None) -> None:
        index = self.marks.index(target) if target in self.marks else -1
        if index != self.current_mark:
            self.current_mark = index
        else:
            self._paint_marks()

    def watch_current_mark(self) -> None:
        self._paint_marks()

    def _paint_marks(self) -> None:
        target = self.marks[self.current_mark] if 0 <= self.current_mark < len(self.marks) else None
        quote = target.id if target and target.kind == "quote" else None
        claim = target.id if target and target.kind == "claim" else None
        for para in self.query(Paragraph):
            wanted = quote if quote in {q.id for q in para.quotes} else None
            if wanted != para.current:
                para.refresh_marks(wanted)
        for row in self.query(ClaimRow):
            row.set_class(row.claim.id == claim, "-current")

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
        self.post_message(Follow(target, origin="reader", record=False))

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
            self.post_message(Follow(target, origin="reader-enter"))

    def on_click(self, event: Click) -> None:
        key = (event.style.meta or {}).get("quoth-mark") if event.style else None
        if key:
            target = Target.from_key(key)
            self.show(target)
            self.post_message(Follow(target, origin="reader-enter"))

    def set_search(self, query: Query | None) -> None:
        """Highlight every match of ``query`` in the text (None clears)."""
        for para in self.query(Paragraph):
            para.set_search(query)

    def visible_text(self) -> str:
        """Plain text of everything in the reader (for tests and copying)."""
        return "\n".join(visible(str(w.render())) for w in self.query(Static))
