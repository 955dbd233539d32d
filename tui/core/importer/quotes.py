"""Finding direct quotations: every span between quotation marks.

Handles the marks of English, German, French and other typography
(``"…"``, ``“…”``, ``„…“``, ``«…»``, ``»…«``, ``‹…›``, ``‘…’`` and ``'…'``
where they cannot be apostrophes), nesting, and the newspaper convention
for a quotation that runs over several paragraphs: no closing mark at the
end of a paragraph, an opening mark at the start of the next. Those become
linked parts. Spans of one or two words are scare quotes and skipped
unless asked for.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Opening mark -> the closing marks that end it.
PAIRS: dict[str, tuple[str, ...]] = {
    '"': ('"',),
    "“": ("”", "“"),  # “…” (English), and “…“ seen in careless typing
    "„": ("“", "”"),  # „…“ (German), „…” (Polish, Hungarian)
    "«": ("»",),
    "»": ("«",),  # »…« (German books)
    "‹": ("›",),
    "›": ("‹",),
    "‘": ("’",),
    "‚": ("‘", "’"),
    "'": ("'",),
}
#: Marks that are a closing mark of some pair.
_CLOSERS = {c for cs in PAIRS.values() for c in cs}
_SINGLE = {"'", "‘", "’", "‚", "‹", "›"}
#: Characters after which an opening mark may stand.
_BEFORE_OPEN = set(" \t\u00a0\u202f([{<—–-/:;,") | set(PAIRS)
#: Trailing characters that belong to the sentence, not the quotation.
_TRAIL = ",;:"


@dataclass(frozen=True)
class Span:
    """A quotation in one paragraph: ``start``/``end`` delimit its words."""

    paragraph: int
    start: int
    end: int
    text: str
    open_at: int  # index of the opening mark (-1: continues from the paragraph before)
    close_at: int  # index of the closing mark (-1: continues into the next paragraph)
    part_of: int = -1  # index (in the result list) of the part this one continues


def _letter(ch: str) -> bool:
    return ch.isalnum()


def _can_open(text: str, i: int) -> bool:
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace() and ch not in "«»›‹":
        return False
    if ch in ("'", "’"):
        # an apostrophe sits after a letter (don't, Smiths'); an opening quote after a space
        return before in _BEFORE_OPEN and _letter(after)
    if ch == "‘":
        return not _letter(before)
    return before in _BEFORE_OPEN or before.isspace() or ch in "„“«»‹›‚"


def _can_close(text: str, i: int) -> bool:
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() and ch not in "«»›‹":
        return False
    if ch in ("'", "’"):
        # a closing single quote cannot be followed by a letter (that is an apostrophe: don’t)
        return not _letter(after)
    return True


def _marks(text: str) -> list[tuple[int, str]]:
    return [(i, ch) for i, ch in enumerate(text) if ch in PAIRS or ch in _CLOSERS or ch == "’"]


def _scan(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, str]]]:
    """Balanced top-level (open, close) mark pairs, and what is still open at the end."""
    stack: list[tuple[int, str]] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in _marks(text):
        closer = ch == "’" or ch in _CLOSERS
        # close the innermost open quotation it can close, if any (dropping stray openers)
        if closer and _can_close(text, i):
            match = next((k for k in range(len(stack) - 1, -1, -1) if ch in PAIRS[stack[k][1]]), None)
            if match is not None and (ch not in _SINGLE or match == len(stack) - 1):
                opened = stack[match][0]
                del stack[match:]
                if not stack:
                    pairs.append((opened, i))
                continue
        if ch in PAIRS and _can_open(text, i):
            if ch in _SINGLE and ch != "‘" and not stack and not _quoting_single(text, i):
                continue
            stack.append((i, ch))
    return pairs, stack


def _quoting_single(text: str, i: int) -> bool:
    """A straight ' or ’ opens a top-level quotation only if a matching close follows."""
    for j in range(i + 2, len(text)):
        if text[j] in ("'", "’") and _can_close(text, j) and not text[j - 1].isspace():
            return True
    return False


def _words(text: str) -> int:
    return len(text.split())


_SMALL = {"of", "the", "and", "for", "a", "an", "in", "on", "to", "der", "die", "das", "und", "für", "von", "de", "la", "le", "et", "du", "des"}


def looks_like_title(text: str) -> bool:
    """A name or title in quotation marks ("Bundesweiter Arbeitskreis Säkulare Grüne"), not words spoken."""
    words = text.split()
    if len(words) > 6 or text.rstrip()[-1:] in ".!?…,;:":
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _SMALL for w in words) and words[0][:1].isupper()


def _trim(paragraph: str, start: int, end: int) -> tuple[int, int]:
    while start < end and paragraph[start].isspace():
        start += 1
    while end > start and (paragraph[end - 1].isspace() or paragraph[end - 1] in _TRAIL):
        end -= 1
    return start, end


def find_spans(paragraphs: list[str] | tuple[str, ...], keep_short: bool = False) -> list[Span]:
    """Every direct quotation in a run of paragraphs, in reading order."""
    spans: list[Span] = []
    carried: int | None = None  # index in spans of a quotation left open by the paragraph before
    for p, paragraph in enumerate(paragraphs):
        pairs, still_open = _scan(paragraph)
        opens_with_mark = bool(paragraph) and paragraph.lstrip()[:1] in PAIRS
        if carried is not None and opens_with_mark and pairs and paragraph.find(paragraph.lstrip()[:1]) == pairs[0][0]:
            # the continuation of the quotation from the paragraph before: a linked part
            first = pairs.pop(0)
            start, end = _trim(paragraph, first[0] + 1, first[1])
            if end > start:
                spans.append(Span(p, start, end, paragraph[start:end], first[0], first[1], part_of=carried))
            carried = None
        elif carried is not None and opens_with_mark and not pairs and still_open:
            # it goes on over a further paragraph
            at = still_open[0][0]
            start, end = _trim(paragraph, at + 1, len(paragraph))
            if end > start:
                spans.append(Span(p, start, end, paragraph[start:end], at, -1, part_of=carried))
                carried = len(spans) - 1
            continue
        else:
            carried = None
        for opened, closed in pairs:
            start, end = _trim(paragraph, opened + 1, closed)
            if end <= start or (not keep_short and (_words(paragraph[start:end]) <= 2 or looks_like_title(paragraph[start:end]))):
                continue
            spans.append(Span(p, start, end, paragraph[start:end], opened, closed))
        if still_open and paragraph[still_open[0][0]] in ('"', "“", "„", "«", "»"):
            at = still_open[0][0]
            later = [c for o, c in pairs if o > at]
            next_p = paragraphs[p + 1] if p + 1 < len(paragraphs) else ""
            if not later and next_p.lstrip()[:1] in PAIRS:
                start, end = _trim(paragraph, at + 1, len(paragraph))
                if end > start:
                    spans.append(Span(p, start, end, paragraph[start:end], at, -1))
                    carried = len(spans) - 1
    return spans
