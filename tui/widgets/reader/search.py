"""The reader's search highlights, as a mixin of :class:`~.reader.Reader`.

The screen owns the prompt and n / N; the reader shows the matches:

- ``set_search(query)`` highlights every match of the query in section
  titles, paragraphs and claims (None clears). Only the blocks whose
  highlights changed are drawn again, so a keystroke costs a scan of the
  folded text (kept from the first search) plus the changed blocks.
- ``match_count()`` and ``match(i)`` give them in reading order (``matches()``
  lists them all); ``match_from_view()`` is the first at or after the top of
  the view; ``show_match(i)`` selects match ``i`` (drawn unlike the others)
  and scrolls it into view if it is not already; ``selected_match`` is ``i``.
  These number the matches, so they search a long unit through (2 s for a
  million matches in 15 MiB): the reader screen steps with the lazy
  :class:`tui.core.find.Finder` instead and asks this mixin only for
  highlights, which cost what is drawn.

Matching is that of :func:`tui.core.search.match_spans`, the same as
everywhere. For plain ASCII text (the common case, where folding is
``lower()`` and offsets stay put) the reader keeps the folded text from the
first search and finds the needles in it, which is what ``match_spans`` does
on every call; other text goes to ``match_spans`` itself. A test checks
that the two agree.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from ...core.foldmap import fold_with_map
from ...core.search import Query, match_spans, merge_spans

if TYPE_CHECKING:
    from .layout import Block

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


#: A unit (paragraph) longer than this is searched only where it is drawn
#: until its matches are counted: a keystroke does not wait for 300k matches.
LONG = 1 << 18

_PLAIN_SPACE = re.compile(r"\s\s|[^\S ]")  # as in match_spans: then folding keeps offsets


def folded_form(text: str) -> tuple[str, bool]:
    """The folded text, and whether its offsets are the text's own."""
    if text.isascii() and not _PLAIN_SPACE.search(text):
        return text.lower(), True
    return fold_with_map(text)[0], False


def plain_spans(folded: str, needles: tuple[str, ...]) -> list[tuple[int, int]]:
    """``match_spans`` on a text whose folded form is ``folded`` with the same
    offsets: every occurrence of every needle, merged."""
    if len(needles) == 1:
        needle = needles[0]
        bordered = any(needle[:k] == needle[-k:] for k in range(1, len(needle)))
        if not bordered and needle * 2 not in folded:
            # occurrences cannot overlap or touch: each is its own span (found in C)
            return [m.span() for m in re.finditer(re.escape(needle), folded)]
    spans: list[tuple[int, int]] = []
    for needle in needles:
        size = len(needle)
        find = folded.find
        start = find(needle)
        while start >= 0:
            spans.append((start, start + size))
            start = find(needle, start + 1)
    if len(needles) > 1:
        spans.sort()
    return merge_spans(spans)


class ReaderSearch:
    """Search state and methods; the Reader provides the layout hooks."""

    blocks: list[Block]
    _units: dict[Unit, list[int]]
    _piece_starts: dict[Unit, list[int]]

    def _init_search(self) -> None:
        self.search_query: Query | None = None
        # spans by unit; None for a long unit not searched through yet (lazy)
        self._hits: dict[Unit, list[tuple[int, int]] | None] = {}
        self._matches: list[Match] | None = None
        self._selected = -1
        self._chosen: Match | None = None
        self._fold_cache: list[tuple[Unit, str, str, bool]] | None = None
        self._fold_at: dict[Unit, int] = {}
        self._order: list[Unit] = []
        self._before_cache: list[int] | None = [0]

    if TYPE_CHECKING:  # provided by BlockView and the Reader

        def _restyle(self, indices: Iterable[int]) -> None: ...

        def _show_offset(self, unit: Unit, offset: int, *, tag: bool = False) -> None: ...

        def _match_in_view(self, unit: Unit, offset: int) -> bool: ...

        def _top_block(self) -> int: ...

        def _unit_texts(self) -> Iterator[tuple[Unit, str]]: ...

    # -- state -------------------------------------------------------------

    def _full_spans(self, unit: Unit) -> list[tuple[int, int]]:
        """Every match in a unit (a long one is searched through on demand)."""
        spans = self._hits.get(unit, [])
        if spans is None:
            _, text, folded, plain = self._folded_units()[self._fold_at[unit]]
            query = self.search_query
            assert query is not None
            spans = self._hits[unit] = plain_spans(folded, query.needles) if plain else match_spans(text, query)
        return spans

    def _piece_spans(self, unit: Unit, lo: int, hi: int) -> list[tuple[int, int]]:
        """The matches of a unit that fall in [lo, hi) of its text, clipped
        (a long unit not searched through yet is searched near there only)."""
        spans = self._hits.get(unit, [])
        if spans is None:
            _, text, folded, plain = self._folded_units()[self._fold_at[unit]]
            query = self.search_query
            assert query is not None
            margin = 2 * max(map(len, query.needles)) + 8
            a, b = max(0, lo - margin), min(len(text), hi + margin)
            found = plain_spans(folded[a:b], query.needles) if plain else match_spans(text[a:b], query)
            spans = [(s + a, e + a) for s, e in found]
        out = []
        k = max(0, bisect.bisect_left(spans, (lo, lo)) - 1)
        while k < len(spans) and spans[k][0] < hi:
            start, end = spans[k]
            k += 1
            if end > lo:
                out.append((max(start, lo), min(end, hi)))
        return out

    def _spans_of(self, unit: Unit) -> list[tuple[int, int]]:
        return self._full_spans(unit) if unit in self._hits else []

    @property
    def _before(self) -> list[int]:
        """How many matches come before each unit with matches (and in all)."""
        if self._before_cache is None:
            counts = (len(self._full_spans(u)) for u in self._order)
            self._before_cache = list(itertools.accumulate(counts, initial=0))
        return self._before_cache

    def _selected_match(self) -> Match | None:
        return self._chosen

    def _folded_units(self) -> list[tuple[Unit, str, str, bool]]:
        if self._fold_cache is None:
            self._fold_cache = [(unit, text, *folded_form(text)) for unit, text in self._unit_texts()]
            self._fold_at = {entry[0]: k for k, entry in enumerate(self._fold_cache)}
        return self._fold_cache

    # -- the API -----------------------------------------------------------

    def set_search(self, query: Query | None) -> None:
        """Highlight every match of ``query`` (None, or a query with no words, clears).
        A unit longer than LONG characters is only searched where it is drawn,
        until the matches in it are counted or walked."""
        if query == self.search_query and self._fold_cache is not None:
            return
        old, selected = self._hits, self._chosen
        new: dict[Unit, list[tuple[int, int]] | None] = {}
        needles = query.needles if query is not None else ()
        if query is not None and needles:
            for unit, text, folded, plain in self._folded_units():
                if any(n in folded for n in needles):
                    if len(text) > LONG:
                        new[unit] = None
                        continue
                    spans = plain_spans(folded, needles) if plain else match_spans(text, query)
                    if spans:
                        new[unit] = spans
        self.search_query = query
        self._hits, self._matches, self._selected, self._chosen = new, None, -1, None
        # the units with matches in reading order; the counts before each when asked
        self._order = [unit for unit, *_ in self._folded_units() if unit in new] if new else []
        self._before_cache = None
        changed = {u for u in old.keys() | new.keys() if old.get(u) != new.get(u) or new.get(u) is None}
        if selected is not None:
            changed.add(selected.unit)
        self._restyle(i for unit in changed for i in self._units.get(unit, ()))

    def _research(self) -> None:
        """The article changed: search its new text with the same query."""
        query = self.search_query
        self._fold_cache, self._hits, self._matches, self._selected, self._chosen = None, {}, None, -1, None
        self._order, self._before_cache = [], [0]
        self.search_query = None
        if query is not None:
            self.set_search(query)

    def matches(self) -> list[Match]:
        """Every match of the current search, in reading order (a list of all
        of them: the screen needs only :meth:`match_count` and :meth:`match`)."""
        if self._matches is None:
            self._matches = [Match(*unit, s, e) for unit in self._order for s, e in self._full_spans(unit)]
        return self._matches

    def match_count(self) -> int:
        return self._before[-1]

    def match(self, n: int) -> Match | None:
        """Match ``n`` in reading order."""
        if not 0 <= n < self._before[-1]:
            return None
        k = bisect.bisect_right(self._before, n) - 1
        unit = self._order[k]
        start, end = self._full_spans(unit)[n - self._before[k]]
        return Match(*unit, start, end)

    @property
    def selected_match(self) -> int:
        """The index of the selected match, or -1."""
        return self._selected

    def match_from_view(self) -> int | None:
        """The first match at or after the top of the view (wrapping to the
        first), or None when there are none."""
        if not self._order:
            return None
        top = self._top_block()
        for k, unit in enumerate(self._order):
            blocks = self._units[unit]
            if blocks[-1] < top:
                continue
            if unit[0] != "paragraph" or blocks[0] >= top:
                return self._before[k]
            # a paragraph in pieces that begins above the view: its first match in view
            first = self._piece_starts[unit][top - blocks[0]]
            spans = self._full_spans(unit)
            return self._before[k] + min(bisect.bisect_left(spans, (first, first)), len(spans) - 1)
        return 0

    def show_match(self, n: int) -> None:
        """Select match ``n`` (drawn unlike the others) and bring it into view."""
        match = self.match(n)
        if match is None:
            return
        old = self._chosen
        self._selected, self._chosen = n, match
        units = {match.unit} | ({old.unit} if old is not None else set())
        self._restyle(i for unit in units for i in self._units.get(unit, ()))
        if not self._match_in_view(match.unit, match.start):
            self._show_offset(match.unit, match.start)
