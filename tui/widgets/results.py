"""Search results: a :class:`~tui.widgets.virtual_list.VirtualList` of hits.

Quotes that match, then a heading and the claims that match, then (in an
article's own search) the passages and the people; one line a hit,
built only when it is seen, so 40,000 matches render as fast as 10. The
cursor skips the heading. Matched words are drawn in the ``match`` style; the
selected row is drawn in the cursor style (a bar across the whole line), so
the two never look alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.cells import cell_len

from ..core.nav import Target
from ..core.search import Hit, Query, Results
from ..core.text import matching, shorten, visible
from .virtual_list import Piece, VirtualList, fit

#: A group's heading: the count, and the noun for one of them.
_NOUNS = {"quote": "quote", "claim": "claim", "passage": "passage", "entity": "person"}


class ResultsList(VirtualList["Hit | str"]):
    """One hit a line; ``str`` rows are the headings between the groups."""

    CLICK_CHOOSES = True

    DEFAULT_CSS = """
    ResultsList { background: $surface; }
    """

    class Highlighted(VirtualList.Highlighted):
        """The cursor moved to another hit (``hit``, or None when nothing matches)."""

        @property
        def hit(self) -> Hit | None:
            row = self.row
            return row if isinstance(row, Hit) else None

    class Chosen(VirtualList.Chosen):
        """Enter or a click chose ``hit``."""

        @property
        def hit(self) -> Hit:
            row: Hit = self.row
            return row

    def __init__(
        self,
        section_number: dict[tuple[str, str], int] | None = None,
        speaker_name: Callable[[Any], str] | None = None,
        article_title: Callable[[str], str] | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._article_title = article_title  # set in a library: rows name their article
        self.search_query: Query | None = None
        self._section_number = section_number or {}
        self._speaker_name: Callable[[Any], str] = speaker_name or (lambda record: record.speaker)

    # -- content ---------------------------------------------------------

    def set_results(self, results: Results) -> None:
        # one entry a line: a hit, or the heading of a group (the quotes, first,
        # need none: the count is on the search line)
        rows: list[Hit | str] = []
        for kind, hits in results.groups():
            if rows or kind != "quote":
                rows.append(matching(len(hits), _NOUNS[kind]))
            rows += hits
        self.search_query = results.query
        self.set_rows(rows, 0)
        self.scroll_to(y=0, animate=False, immediate=True)

    def is_header(self, index: int) -> bool:
        return isinstance(self.rows[index], str)

    @property
    def hits(self) -> list[Hit]:
        return [r for r in self.rows if not isinstance(r, str)]

    @property
    def current_hit(self) -> Hit | None:
        current = self.current
        return current if isinstance(current, Hit) else None

    def selected_target(self) -> Target | None:
        hit = self.current_hit
        return target_of(hit) if hit is not None else None

    def move(self, step: int) -> Hit | None:
        """Move to the next/previous hit, wrapping around like less's n/N."""
        rows = self.rows
        i = self.cursor
        for _ in range(len(rows)):
            i = (i + step) % len(rows)
            row = rows[i]
            if not isinstance(row, str):
                self.cursor = i
                return row
        return None

    # -- drawing ---------------------------------------------------------

    def render_row(self, index: int, width: int) -> list[Piece]:
        """A hit as pieces: where it is, who said it, and the text with its
        matches marked, shifted left so that the first match can be seen."""
        row = self.rows[index]
        if isinstance(row, str):
            return [(row, "header")]
        record = row.record
        number = self._section_number.get((record.article, record.section))
        lead = f"§{number} " if number else ""
        if self._article_title is not None:
            lead = shorten(self._article_title(record.article), 28) + " › " + lead
        if record.type == "quote":
            lead += "“ " if record.kind == "direct" else "~ "
        elif record.type == "claim":
            lead += f"◆ {record.kind} "
        elif record.type == "passage":
            paragraph = record.paragraph
            lead += "heading: " if paragraph is None else f"¶{paragraph + 1}: "
        pieces: list[Piece] = [(visible(lead, one_line=True), "dim")]
        if record.type in ("quote", "claim"):
            pieces += [(visible(self._speaker_name(record), one_line=True), "bold"), (": ", "plain")]
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
        return fit(pieces, width)


def target_of(hit: Hit) -> Target:
    """Where a hit leads: its quote, claim or entity; a passage's section."""
    record = hit.record
    if record.type == "passage":
        return Target("section", record.section)
    return Target(record.type, record.id)
