"""What each block of the reader shows, as one Content: the article header,
section titles, claims, and paragraph pieces with their quotes, speaker tags,
mentions and search matches (a mixin of :class:`~.reader.Reader`)."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from textual.content import Content

from ...core.index import ArticleIndex
from ...core.nav import Target
from ...presentation import speaker_colour
from ...render import has_controls, join, safe
from .layout import (
    MATCH_STYLE,
    SELECTED_MATCH_STYLE,
    Block,
    Paragraph,
    Spliced,
    StyleLike,
    mark_meta,
    speaker_tag,
    splice,
)

if TYPE_CHECKING:
    from textual.style import Style

    from ...core.article import Article
    from .search import Match


class BlockContent:
    """Builds a block's Content; the Reader provides the state it reads."""

    if TYPE_CHECKING:
        index: ArticleIndex
        article: Article
        _paragraphs: dict[tuple[str, int], Paragraph]
        blocks: list[Block]

        def _current(self) -> Target | None: ...

        def _spans_of(self, unit: tuple[str, str, int, str]) -> list[tuple[int, int]]: ...

        def _piece_spans(self, unit: tuple[str, str, int, str], lo: int, hi: int) -> list[tuple[int, int]]: ...

        def _selected_match(self) -> Match | None: ...

        def get_visual_style(self, *component_classes: str, partial: bool = False) -> Style: ...

    def _spliced(self, block: Block) -> Spliced:
        """The block's Content with its marks and search highlights."""
        meta = self.article.meta
        kind = block.kind
        if kind == "paragraph":
            return self._paragraph(block)
        if kind == "title":
            content = safe(meta.title, "bold")
        elif kind == "facts":
            facts = [x for x in (meta.outlet, str(meta.published) if meta.published else None) if x]
            if meta.byline:
                facts.append("By " + ", ".join(meta.byline))
            content = safe(" · ".join(facts), "dim")
        elif kind == "tags":
            content = safe("  ".join(f"#{t}" for t in meta.tags), "italic dim")
        elif kind == "summary":
            content = safe(meta.summary or "", "italic")
        elif kind == "section":
            number = self.article.section_index[block.section] + 1
            prefix = f"§{number}  "
            content = join((prefix, "dim"), safe(self.article.sections[block.section].title, "bold"))
            content = self._highlight(content, block.unit, len(prefix))
        elif kind == "empty":
            content = safe("(no text in this section)", "dim italic")
        else:
            content = self._claim(block)
        return Spliced(content)

    def _claim(self, block: Block) -> Content:
        claim = self.article.claims[block.claim]
        colour = speaker_colour(self.index, claim.speaker)
        target = Target("claim", claim.id)
        head = join(("◆ ", colour), safe(self.index.speaker(claim).name, f"bold {colour}"), (f" ({claim.kind}): ", "dim"))
        content = (head + safe(claim.text)).stylize(mark_meta(target))
        content = self._highlight(content, block.unit, len(head.plain))
        if self._current() == target:
            content = content.stylize_before(self.get_visual_style("reader--current-claim"))
        return content

    def _paragraph(self, block: Block) -> Spliced:
        """A piece of a paragraph, with its quotes, speaker tags, mentions and
        search matches as one list of spans."""
        para = self._paragraphs[(block.section, block.number)]
        lo, hi = block.start, block.end
        text = para.text[lo:hi]
        if has_controls(text):  # cannot happen after the loader; stay inert anyway
            return Spliced(safe(text))
        spans: list[tuple[int, int, StyleLike]] = []
        k = bisect.bisect_left(para.mentions, (lo, lo))
        while k < len(para.mentions) and para.mentions[k][0] < hi:
            start, end = para.mentions[k]
            spans.append((start - lo, end - lo, "underline"))
            k += 1
        current = self._current()
        inserts: list[tuple[int, str, list[StyleLike]]] = []
        first = bisect.bisect_left(para.quote_starts, lo)
        last = bisect.bisect_left(para.quote_starts, hi)
        for quote in para.quotes[first:last]:
            a = self.index.anchor(quote.id)
            target = Target("quote", quote.id)
            colour = speaker_colour(self.index, quote.speaker)
            style = f"bold {colour}" if quote.kind == "direct" else f"italic {colour}"
            if current == target:
                style += " reverse"
            meta = mark_meta(target)
            spans.append((a.start - lo, min(a.end, hi) - lo, style))
            spans.append((a.start - lo, min(a.end, hi) - lo, meta))
            tag, tag_style = speaker_tag(self.index, quote)
            inserts.append((a.start - lo, tag, [tag_style, meta]))
        selected = self._selected_match()
        for start, end in self._piece_spans(block.unit, lo, hi):
            chosen = selected is not None and selected[:4] == block.unit and selected.start <= start < selected.end
            spans.append((start - lo, end - lo, SELECTED_MATCH_STYLE if chosen else MATCH_STYLE))
        return splice(text, spans, inserts)

    def _highlight(self, content: Content, unit: tuple[str, str, int, str], offset: int) -> Content:
        selected = self._selected_match()
        for start, end in self._spans_of(unit):
            chosen = selected is not None and selected[:4] == unit and selected.start == start
            content = content.stylize(SELECTED_MATCH_STYLE if chosen else MATCH_STYLE, start + offset, end + offset)
        return content

    def _length(self, i: int) -> int:
        """About how many characters block ``i`` shows (for its height estimate)."""
        block = self.blocks[i]
        if block.kind == "paragraph":
            starts = self._paragraphs[(block.section, block.number)].quote_starts
            quotes = bisect.bisect_left(starts, block.end) - bisect.bisect_left(starts, block.start)
            return block.end - block.start + 12 * quotes
        if block.kind == "claim":
            return len(self.article.claims[block.claim].text) + 40
        if block.kind == "section":
            return len(self.article.sections[block.section].title) + 5
        return 80
