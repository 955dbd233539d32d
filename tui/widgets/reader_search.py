"""The reader's search highlights, as a mixin of :class:`~.reader.Reader`.

The screen owns the prompt and n / N; the reader shows the matches:

- ``set_search(query)`` highlights every match of the query in section
  titles, paragraphs and claims (None clears). Only the blocks whose
  highlights changed are drawn again, so a keystroke costs a scan of the
  folded text (kept from the first search) plus the changed blocks.
- ``matches()`` lists them in reading order; ``match_from_view()`` is the
  first at or after the top of the view; ``show_match(i)`` selects match
  ``i`` (drawn unlike the others) and scrolls it into view if it is not.

Matching is :func:`tui.core.search.match_spans`, the same as everywhere.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from ..core.search import Query, fold_with_map, match_spans

if TYPE_CHECKING:
    from .reader_layout import Block

Unit = tuple[str, str, int, str]


class Match(NamedTuple):
    """One search match: its unit (kind, section, paragraph, claim) and its
    offsets in that unit's source text."""

    kind: str
    section: str
    number: int
    claim: str
    start: int
    end: int

    @property
    def unit(self) -> Unit:
        return (self.kind, self.section, self.number, self.claim)


def _folded(text: str) -> str:
    return text.lower() if text.isascii() else fold_with_map(text)[0]


class ReaderSearch:
    """Search state and methods; the Reader provides the layout hooks."""

    blocks: list[Block]
    _units: dict[Unit, list[int]]
    _piece_starts: dict[Unit, list[int]]

    def _init_search(self) -> None:
        self.search_query: Query | None = None
        self._hits: dict[Unit, list[tuple[int, int]]] = {}
        self._matches: list[Match] | None = None
        self._selected = -1
        self._fold_cache: list[tuple[Unit, str, str]] | None = None

    if TYPE_CHECKING:  # provided by BlockView and the Reader

        def _restyle(self, indices: Iterable[int]) -> None: ...

        def _show_offset(self, unit: Unit, offset: int, *, tag: bool = False) -> None: ...

        def _match_in_view(self, unit: Unit, offset: int) -> bool: ...

        def _top_block(self) -> int: ...

        def _unit_texts(self) -> Iterator[tuple[Unit, str]]: ...

    # -- state -------------------------------------------------------------

    def _spans_of(self, unit: Unit) -> list[tuple[int, int]]:
        return self._hits.get(unit, [])

    def _selected_match(self) -> Match | None:
        matches = self.matches() if self._selected >= 0 else []
        return matches[self._selected] if 0 <= self._selected < len(matches) else None

    def _folded_units(self) -> list[tuple[Unit, str, str]]:
        if self._fold_cache is None:
            self._fold_cache = [(unit, text, _folded(text)) for unit, text in self._unit_texts()]
        return self._fold_cache

    # -- the API -----------------------------------------------------------

    def set_search(self, query: Query | None) -> None:
        """Highlight every match of ``query`` (None, or a query with no words, clears)."""
        if query == self.search_query and self._fold_cache is not None:
            return
        old, selected = self._hits, self._selected_match()
        new: dict[Unit, list[tuple[int, int]]] = {}
        needles = query.needles if query is not None else ()
        if query is not None and needles:
            for unit, text, folded in self._folded_units():
                if any(n in folded for n in needles):
                    spans = match_spans(text, query)
                    if spans:
                        new[unit] = spans
        self.search_query = query
        self._hits, self._matches, self._selected = new, None, -1
        changed = {u for u in old.keys() | new.keys() if old.get(u) != new.get(u)}
        if selected is not None:
            changed.add(selected.unit)
        self._restyle(i for unit in changed for i in self._units.get(unit, ()))

    def _research(self) -> None:
        """The article changed: search its new text with the same query."""
        query = self.search_query
        self._fold_cache, self._hits, self._matches, self._selected = None, {}, None, -1
        self.search_query = None
        if query is not None:
            self.set_search(query)

    def matches(self) -> list[Match]:
        """Every match of the current search, in reading order."""
        if self._matches is None:
            hits = self._hits
            self._matches = [
                Match(*unit, start, end) for unit, _, _ in self._folded_units() if unit in hits for start, end in hits[unit]
            ] if hits else []
        return self._matches

    @property
    def selected_match(self) -> int:
        """The index of the selected match, or -1."""
        return self._selected

    def _block_of(self, match: Match) -> int:
        blocks = self._units[match.unit]
        if match.kind != "paragraph":
            return blocks[0]
        return blocks[bisect.bisect_right(self._piece_starts[match.unit], match.start) - 1]

    def match_from_view(self) -> int | None:
        """The first match at or after the top of the view (wrapping to the
        first), or None when there are none."""
        matches = self.matches()
        if not matches:
            return None
        top = self._top_block()
        for n, match in enumerate(matches):
            if self._block_of(match) >= top:
                return n
        return 0

    def show_match(self, n: int) -> None:
        """Select match ``n`` (drawn unlike the others) and bring it into view."""
        matches = self.matches()
        if not 0 <= n < len(matches):
            return
        old = self._selected_match()
        self._selected = n
        match = matches[n]
        units = {match.unit} | ({old.unit} if old is not None else set())
        self._restyle(i for unit in units for i in self._units.get(unit, ()))
        if not self._match_in_view(match.unit, match.start):
            self._show_offset(match.unit, match.start)
