"""Anchoring quotes in their section's text, in time near-linear in the
section and its quotes, and saying well why a quote does not anchor.

A quote's ``prefix``, ``text`` and ``suffix`` must stand together in one
paragraph, so a quote anchors where its *needle* ``prefix + text + suffix``
occurs exactly once. One Aho–Corasick pass over a section (pyahocorasick,
in C) counts every needle of the section at once, up to two occurrences
each; a needle is dropped once it is known to be ambiguous, so repeated text
cannot make the pass quadratic.

Only quotes that fail cost more, and that work is bounded: past the
reporter's cap they cost nothing, and the hints (where else the text occurs,
the closest passage) share one budget per file, :data:`HINT_BUDGET`
characters scanned, and say so when it runs out. The closest passage is
found by rapidfuzz's partial alignment (bit-parallel, linear in the section)
on at most :data:`HINT_QUOTE_CHARS` characters of the quote; when the quote
differs from the text only in typographic punctuation, the message names the
first differing character and points at ``quoth check --fix``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import ahocorasick
from rapidfuzz import fuzz

from .article import Anchor
from .diagnostics import Reporter
from .model import Quote, Section
from .text import codepoint, quoted

#: Characters the hints of one file may scan in all (other sections, closest passages).
HINT_BUDGET = 16_000_000
#: The closest passage is sought for at most this many characters of a quote.
HINT_QUOTE_CHARS = 256
#: Needles are looked up by their first characters (see :func:`count_occurrences`).
KEY_CHARS = 64
#: An opening seen more often than this has its needles settled by find.
HOT_KEY = 32
#: How much of the passage a message shows.
SHOWN = 160

# Typographic look-alikes that `quoth check --fix` may rewrite: one character for one.
LOOSE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u02bc": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2033": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ",
        "\t": " ", "\n": " ",
    }
)  # fmt: skip


class Flat:
    """A section's paragraphs joined by NUL, which no text can hold (the loader
    refuses control characters), so no match can span two paragraphs."""

    __slots__ = ("section", "text", "starts", "_loose")

    def __init__(self, section: Section) -> None:
        self.section = section
        self.text = "\0".join(section.paragraphs)
        self.starts: list[int] = []
        at = 0
        for paragraph in section.paragraphs:
            self.starts.append(at)
            at += len(paragraph) + 1
        self._loose: str | None = None

    def locate(self, offset: int) -> tuple[int, int]:
        """(paragraph index, offset in it) of an offset in :attr:`text`."""
        p = bisect.bisect_right(self.starts, offset) - 1
        return p, offset - self.starts[p]

    @property
    def loose(self) -> str:
        """:attr:`text` with typographic look-alikes made plain (same length)."""
        if self._loose is None:
            self._loose = self.text.translate(LOOSE)
        return self._loose


def needle(quote: Quote) -> str:
    """What must occur exactly once for a quote to anchor."""
    return (quote.prefix or "") + quote.text + (quote.suffix or "")


def count_occurrences(text: str, needles: Iterable[str]) -> dict[str, tuple[int, int]]:
    """For each needle: its number of occurrences in ``text`` (overlapping ones
    counted, capped at 2) and where the first starts (-1 if none).

    One Aho–Corasick pass over the needles' first :data:`KEY_CHARS`
    characters (pyahocorasick walks failure links as deep as its keys, so
    long self-similar keys would cost text × length), each hit checked
    against the needles that start so. A needle that reached 2 is decided;
    once the pass has spent its budget on decided ones, the automaton is
    rebuilt without them and the pass resumes where it was, so the work
    stays near-linear in the text and the needles, however repetitive both
    are. The needles of an opening that recurs more than :data:`HOT_KEY`
    times are settled by ``str.find`` instead (linear, in C): each costs a
    scan of the text, which only many long needles sharing an opening that
    recurs all over a long section can make add up."""
    found: dict[str, list[int]] = {}
    live: set[str] = set()
    for n in needles:
        if n and "\0" not in n and n not in found:
            found[n] = [0, -1]
            live.add(n)
    pos, skip = 0, -1  # scan from pos; keys ending at or before skip were counted
    while live:
        groups: dict[str, list[str]] = {}
        for n in live:
            groups.setdefault(n[:KEY_CHARS], []).append(n)
        automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
        for key, group in groups.items():
            automaton.add_word(key, group)
        automaton.make_automaton()
        longest = max(len(key) for key in groups)
        budget = 4 * len(live) + (len(text) - pos) // 4 + 1024
        stop_at = -1  # finish the keys ending here, then rebuild
        interrupted = False
        hits: dict[int, int] = {}
        for end, group in automaton.iter(text, pos):
            if end <= skip:
                continue
            if stop_at >= 0 and end > stop_at:
                interrupted = True
                break
            if not group:
                continue  # settled by find
            start = end - len(group[0][:KEY_CHARS]) + 1
            if len(group) > 1 or len(group[0]) > KEY_CHARS:
                hits[id(group)] = hits.get(id(group), 0) + 1
                if hits[id(group)] > HOT_KEY:  # the opening recurs: settle these needles by find
                    for n in group:
                        if found[n][0] < 2:
                            first = text.find(n)
                            found[n] = [0 if first < 0 else 1 + (text.find(n, first + 1) >= 0), first]
                            live.discard(n)
                    group.clear()
                    continue
            for n in group:
                state = found[n]
                if state[0] >= 2:
                    budget -= 1
                    continue
                if len(n) > KEY_CHARS and not text.startswith(n, start):
                    budget -= 1
                    continue
                if state[0] == 0:
                    state[1] = start
                state[0] += 1
                if state[0] == 2:
                    live.discard(n)
            if budget <= 0 and stop_at < 0:
                stop_at = end
        if not interrupted:
            break
        pos, skip = max(0, stop_at - longest + 1), stop_at
    return {n: (c, s) for n, (c, s) in found.items()}


class Hints:
    """What the hints of one file may still scan (see :data:`HINT_BUDGET`)."""

    def __init__(self, sections: Mapping[str, Section], budget: int = HINT_BUDGET) -> None:
        self.sections = sections
        self.left = budget
        self._flats: dict[str, Flat] = {}

    def flat(self, section_id: str) -> Flat:
        found = self._flats.get(section_id)
        if found is None:
            found = self._flats[section_id] = Flat(self.sections[section_id])
        return found

    def spend(self, chars: int) -> bool:
        """Take ``chars`` from the budget; False when it does not hold them."""
        if chars > self.left:
            self.left = 0
            return False
        self.left -= chars
        return True


def anchor_quotes(
    sections: Mapping[str, Section], quotes: Iterable[tuple[int, Quote]], report: Reporter
) -> dict[str, Anchor]:
    """Anchor each quote in its section (which must be in ``sections``);
    report the ones that do not anchor, at ``("quotes", i, …)``."""
    by_section: dict[str, list[tuple[int, Quote]]] = {}
    for i, quote in quotes:
        by_section.setdefault(quote.section, []).append((i, quote))
    hints = Hints(sections)
    anchors: dict[str, Anchor] = {}
    for section_id, items in by_section.items():
        flat = hints.flat(section_id)
        counts = count_occurrences(flat.text, (needle(q) for _, q in items))
        for i, quote in items:
            count, first = counts.get(needle(quote), (0, -1))
            if count == 1:
                p, offset = flat.locate(first + len(quote.prefix or ""))
                anchors[quote.id] = Anchor(section_id, p, offset, offset + len(quote.text))
            elif report.full:
                report.skip()
            else:
                _report_unanchored(flat, quote, ("quotes", i), report, hints)
    return anchors


def _context(paragraph: str, start: int, end: int, width: int = 24) -> str:
    before = paragraph[max(0, start - width) : start]
    after = paragraph[end : end + width]
    return quoted("…" + before + "[" + paragraph[start:end] + "]" + after + "…", limit=200)


def _first(text: str, sub: str, limit: int = 5) -> list[int]:
    out: list[int] = []
    at = text.find(sub)
    while at >= 0 and len(out) < limit:
        out.append(at)
        at = text.find(sub, at + 1)
    return out


def _report_unanchored(flat: Flat, quote: Quote, path: tuple[object, ...], report: Reporter, hints: Hints) -> None:
    text, sid = quote.text, flat.section.id
    hits = _first(flat.text, text) if "\0" not in text else []
    if not hits:
        report.at(path + ("text",), f"text not found verbatim in section {quoted(sid)}{_missing_hint(flat, text, hints)}")
        return

    def shown(starts: list[int]) -> str:
        out = []
        for at in starts:
            p, offset = flat.locate(at)
            out.append(f"paragraph {p + 1} at {offset + 1}: {_context(flat.section.paragraphs[p], offset, offset + len(text))}")
        return "; ".join(out)

    if quote.prefix is None and quote.suffix is None:
        report.at(
            path + ("text",),
            f"text occurs {flat.text.count(text)} times in section {quoted(sid)}; "
            f"add prefix or suffix to choose one. Candidates: {shown(hits)}",
        )
        return
    whole = needle(quote)
    chosen = [at + len(quote.prefix or "") for at in _first(flat.text, whole)]
    if chosen:
        report.at(
            path + ("text",),
            f"text occurs {flat.text.count(whole)} times in section {quoted(sid)} with this prefix and suffix; "
            f"make them longer to choose one. Candidates: {shown(chosen)}",
        )
        return
    which = "prefix" if quote.prefix is not None else "suffix"
    if quote.prefix is not None and quote.suffix is not None:
        which = "prefix and suffix"
    report.at(
        path + (("prefix",) if quote.prefix is not None else ("suffix",)),
        f"{which} match none of the {flat.text.count(text)} occurrences of the text "
        f"(they must touch the text). Candidates: {shown(hits)}",
    )


def _missing_hint(flat: Flat, text: str, hints: Hints) -> str:
    """Where else the text occurs, or the closest passage and the first difference."""
    for other in hints.sections:
        if other == flat.section.id:
            continue
        where = hints.flat(other)
        if not hints.spend(len(where.text)):
            return f"; other sections not searched: this file's budget for hints ({HINT_BUDGET:,} characters) is spent"
        if text in where.text:
            return f"; it occurs in section {quoted(other)}"
    return _closest_hint(flat, text, hints)


@dataclass(frozen=True)
class Passage:
    """The part of a section closest to a quote's text."""

    paragraph: int
    start: int  # offset of the passage in the paragraph, aligned with the quote's start
    end: int
    differs: int  # index in the quote of the first character that differs (-1: none)
    typographic: bool  # the two differ only in typographic look-alikes


def closest_passage(flat: Flat, text: str) -> Passage | None:
    """The passage most like ``text`` (at most :data:`HINT_QUOTE_CHARS` of it are used)."""
    loose = text.translate(LOOSE)
    at = flat.loose.find(loose) if "\0" not in text else -1
    if at >= 0:
        p, offset = flat.locate(at)
        return Passage(p, offset, offset + len(text), _first_difference(text, flat.text[at : at + len(text)]), True)
    probe = text[:HINT_QUOTE_CHARS]
    found = fuzz.partial_ratio_alignment(probe, flat.text, score_cutoff=50)
    if found is None:
        return None
    p, offset = flat.locate(found.dest_start)
    paragraph = flat.section.paragraphs[p]
    # align the passage with the quote's start: of the places near the alignment,
    # the one that agrees with the quote longest (repetitive text can shift it)
    guess = offset - found.src_start
    start = max(
        range(max(0, guess - 64), min(len(paragraph), guess + 65)),
        key=lambda at: (_common_prefix(text, paragraph, at), -abs(at - guess)),
        default=max(0, guess),
    )
    end = min(len(paragraph), start + len(text))
    # a word that the alignment cut is shown whole
    while start > 0 and not paragraph[start - 1].isspace() and offset - start < 40:
        start -= 1
    while end < len(paragraph) and not paragraph[end].isspace() and end - start < len(text) + 40:
        end += 1
    differs = _first_difference(text, paragraph[start:end])
    return Passage(p, start, end, differs, False)


def _common_prefix(text: str, paragraph: str, at: int) -> int:
    """How many leading characters of ``text`` stand in ``paragraph`` at ``at``
    (binary search on slice equality: O(len · log len) in C)."""
    lo, hi = 0, min(len(text), len(paragraph) - at)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if paragraph.startswith(text[:mid], at):
            lo = mid
        else:
            hi = mid - 1
    return lo


def _first_difference(a: str, b: str) -> int:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return i
    return -1 if len(a) == len(b) else min(len(a), len(b))


def _closest_hint(flat: Flat, text: str, hints: Hints) -> str:
    if not hints.spend(len(flat.text) * (1 + min(len(text), HINT_QUOTE_CHARS) // 64)):
        return f"; closest passage not searched: this file's budget for hints ({HINT_BUDGET:,} characters) is spent"
    found = closest_passage(flat, text)
    if found is None:
        return ""
    paragraph = flat.section.paragraphs[found.paragraph]
    passage = paragraph[found.start : found.end]
    lead = ""
    if found.differs > SHOWN - 40:  # show the place where they differ, never cut it off
        cut = found.differs - 40
        passage, lead = passage[cut:], "…"
    shown = lead + passage
    where = f"paragraph {found.paragraph + 1} at {found.start + 1}"
    out = f"; closest passage: {quoted(shown, limit=SHOWN)} ({where})"
    if 0 <= found.differs:
        col = found.differs + 1
        mine = text[found.differs] if found.differs < len(text) else ""
        theirs = passage_char(paragraph, found.start + found.differs, found.end)
        out += f"; differs at column {col}: the paragraph has {_describe(theirs)}, the quote has {_describe(mine)}"
        if found.typographic:
            out += "; run quoth check --fix"
    if len(text) > HINT_QUOTE_CHARS and not found.typographic:
        out += f" (matched on the quote's first {HINT_QUOTE_CHARS} characters)"
    return out


def passage_char(paragraph: str, at: int, end: int) -> str:
    return paragraph[at] if at < end and at < len(paragraph) else ""


def _describe(ch: str) -> str:
    if not ch:
        return "nothing more"
    return f"{quoted(ch)[1:-1]} ({codepoint(ch)})" if ch.isprintable() and not ch.isspace() else codepoint(ch)

