"""What the reader draws: the article as a list of blocks, each built as
Content in one pass.

A block is the article header's title, facts, tags or summary, a section
title, a claim, or a paragraph. A paragraph longer than :data:`CHUNK`
characters is cut into several blocks at white space outside any quote or
mention, so that the reader only ever wraps and styles a bounded piece of
text near the view (a 15 MiB paragraph is a few thousand blocks).

A block's marks (mentions, quotes, speaker tags, search matches) are given to
:func:`splice` as one list of spans and become one ``Content``: styling with
``Content.stylize`` once per mark copies the span list each time, which is
quadratic in the marks of a paragraph.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from textual.content import Content, Span
from textual.style import Style

from ...core.index import ArticleIndex
from ...core.model import Quote
from ...core.nav import Target
from ...core.text import visible
from ...presentation import short_name, speaker_colour

#: Longer paragraphs are laid out in pieces of about this many characters.
CHUNK = 4096
MATCH_STYLE = "bold black on #e0c060"
#: The selected match (n / N) must differ from the others at a glance.
SELECTED_MATCH_STYLE = "bold black on #ff8c3a underline"

StyleLike = Style | str


def mark_meta(target: Target) -> Style:
    return Style.from_meta({"quoth-mark": target.key})


def speaker_tag(index: ArticleIndex, quote: Quote) -> tuple[str, str]:
    """The tag drawn before a quote, such as ``‹Hegseth“›``, and its style.
    The one place its format is written: drawing and measuring both use it."""
    mark = "“" if quote.kind == "direct" else "~"
    who = "…" if quote.continues else short_name(index, quote.speaker)  # a later part of one quotation
    text = visible(f"‹{who}{mark}›", one_line=True)
    return text, f"dim {speaker_colour(index, quote.speaker)}"


@dataclass(frozen=True)
class Block:
    """One piece of the reader: what it shows, and the space above it."""

    kind: str  # title, facts, tags, summary, section, paragraph, empty, claim
    section: str = ""
    number: int = -1  # the paragraph's index in its section
    claim: str = ""
    pad_top: int = 0
    indent: int = 0
    start: int = 0  # a paragraph piece: its range of the paragraph's text
    end: int = 0

    @property
    def unit(self) -> tuple[str, str, int, str]:
        """The searchable unit this block shows (every piece of a paragraph
        shares its paragraph's unit)."""
        return (self.kind, self.section, self.number, self.claim)


@dataclass
class Paragraph:
    """What a paragraph's blocks need: its quotes and mentions by offset."""

    text: str
    quotes: list[Quote] = field(default_factory=list)  # by anchor start
    quote_starts: list[int] = field(default_factory=list)  # their anchors' starts
    mentions: list[tuple[int, int]] = field(default_factory=list)


def paragraphs_of(index: ArticleIndex) -> dict[tuple[str, int], Paragraph]:
    article = index.article
    out = {
        (s.id, p): Paragraph(text) for s in article.doc.sections for p, text in enumerate(s.paragraphs)
    }
    for section in article.doc.sections:
        for quote in index.quotes_in.get(section.id, ()):
            anchor = index.anchor(quote.id)
            paragraph = out[(section.id, anchor.paragraph)]
            paragraph.quotes.append(quote)  # already in order
            paragraph.quote_starts.append(anchor.start)
    mentions: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for m in index.mentions:
        mentions[(m.section, m.paragraph)].append((m.start, m.end))
    for key, spans in mentions.items():
        out[key].mentions = spans
    return out


def _cuts(paragraph: Paragraph, index: ArticleIndex) -> list[int]:
    """Where to cut a long paragraph: white space about every CHUNK characters,
    never inside a quote or a mention."""
    text = paragraph.text
    spans = sorted([*paragraph.mentions, *((index.anchor(q.id).start, index.anchor(q.id).end) for q in paragraph.quotes)])
    starts = [s for s, _ in spans]
    reach: list[int] = []  # the furthest end of the spans up to each one
    for _, end in spans:
        reach.append(max(end, reach[-1]) if reach else end)
    cuts = [0]
    at = CHUNK
    while at < len(text) - CHUNK // 4:
        cut = -1
        probe = at
        while probe < len(text):
            space = text.find(" ", probe)
            if space < 0:
                break
            k = bisect.bisect_left(starts, space + 1) - 1
            if k < 0 or reach[k] <= space:
                cut = space + 1
                break
            probe = max(space + 1, reach[k])
        if cut < 0 or cut >= len(text):
            break
        cuts.append(cut)
        at = cut + CHUNK
    return cuts


def blocks_of(index: ArticleIndex, paragraphs: dict[tuple[str, int], Paragraph]) -> list[Block]:
    article = index.article
    meta = article.meta
    blocks = [Block("title", pad_top=1)]
    if meta.outlet or meta.published or meta.byline:
        blocks.append(Block("facts"))
    if meta.tags:
        blocks.append(Block("tags"))
    if meta.summary:
        blocks.append(Block("summary", pad_top=1))
    for section in article.doc.sections:
        blocks.append(Block("section", section.id, pad_top=1))
        if not section.paragraphs:
            blocks.append(Block("empty", section.id, pad_top=1))
        for p, text in enumerate(section.paragraphs):
            cuts = _cuts(paragraphs[(section.id, p)], index) if len(text) > CHUNK else [0]
            for n, start in enumerate(cuts):
                end = cuts[n + 1] if n + 1 < len(cuts) else len(text)
                blocks.append(Block("paragraph", section.id, p, pad_top=1 if n == 0 else 0, start=start, end=end))
        for n, claim in enumerate(index.claims_in.get(section.id, ())):
            blocks.append(Block("claim", section.id, claim=claim.id, pad_top=1 if n == 0 else 0, indent=2))
    return blocks


class Spliced:
    """A block's Content, and how its source offsets map to display offsets
    (speaker tags are inserted before their quotes)."""

    def __init__(self, content: Content, tag_at: Sequence[int] = (), shift: Sequence[int] = ()) -> None:
        self.content = content
        self._tag_at = tag_at
        self._shift = shift

    def at(self, offset: int, *, after_tags: bool = True) -> int:
        """The display offset of source ``offset`` (past any tag inserted there,
        unless ``after_tags`` is false)."""
        k = (bisect.bisect_right if after_tags else bisect.bisect_left)(self._tag_at, offset)
        return offset + (self._shift[k - 1] if k else 0)


def splice(
    text: str,
    spans: list[tuple[int, int, StyleLike]],
    inserts: list[tuple[int, str, list[StyleLike]]],
) -> Spliced:
    """``text`` with ``inserts`` (offset, text, styles; sorted by offset) put
    in, and ``spans`` (source offsets) applied, as one Content."""
    parts: list[str] = []
    out: list[Span] = []
    tag_at: list[int] = []
    shift: list[int] = []
    total = prev = 0
    for pos, insert, styles in inserts:
        parts.append(text[prev:pos])
        parts.append(insert)
        where = pos + total
        out.extend(Span(where, where + len(insert), style) for style in styles)
        total += len(insert)
        prev = pos
        tag_at.append(pos)
        shift.append(total)
    parts.append(text[prev:])
    result = Spliced(Content(""), tag_at, shift)
    for start, end, style in spans:
        out.append(Span(result.at(start), result.at(end, after_tags=False), style))
    result.content = Content("".join(parts), out)
    return result


def wrap(content: Content, width: int) -> tuple[list[Content], list[tuple[int, int]]]:
    """Wrap ``content``; return its lines and where each starts in the text
    and how long it is (so a restyled block can be re-cut without wrapping)."""
    lines = content.wrap(max(1, width)) if content.plain else [Content("")]
    plain = content.plain
    offsets: list[tuple[int, int]] = []
    pos = 0
    for line in lines:
        found = plain.find(line.plain, pos) if line.plain else pos
        if found < 0:
            found = pos
        offsets.append((found, len(line.plain)))
        pos = found + len(line.plain)
    return lines, offsets


def estimate(length: int, width: int) -> int:
    """Lines a text of ``length`` characters takes at ``width`` (word wrap
    leaves some room at the end of each line), before it is laid out."""
    width = max(1, width)
    return max(1, -(-length * 11 // (10 * width)))
