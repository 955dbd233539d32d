"""Typographic punctuation, folded: what a typed quote and a typeset paragraph
may differ by without being different words.

An author types ``'`` where the source has ``’``, ``"`` for ``“`` or ``„``,
``-`` for ``–`` or ``—``, three dots for ``…``, a plain space for a
non-breaking one. :data:`PUNCT` maps each such character to its plain form one
for one (search folds with it, so offsets stay put); :func:`fold_map` also
spells out the ellipsis and collapses white space, and maps every folded
position back to the original, so that ``quoth check --fix`` can copy the
paragraph's exact characters.
"""

from __future__ import annotations

SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u2039\u203a"  # ‘ ’ ‚ ‛ ′ ʼ ‹ ›
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"  # “ ” „ ‟ ″ « »
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # ‐ ‑ ‒ – — ― −

#: One-for-one: every typographic quote, apostrophe and dash to its ASCII form.
PUNCT: dict[int, str] = {
    **{ord(c): "'" for c in SINGLE_QUOTES},
    **{ord(c): '"' for c in DOUBLE_QUOTES},
    **{ord(c): "-" for c in DASHES},
}

ELLIPSIS = "\u2026"


def fold_punct(text: str) -> str:
    """``text`` with typographic punctuation made plain and white space runs
    made one space (leading and trailing white space kept as one space)."""
    return fold_map(text)[0]


def fold_map(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each folded position the offset in ``text``
    it came from (one more entry: ``len(text)``, for an end offset)."""
    chars: list[str] = []
    origin: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space:
                chars.append(" ")
                origin.append(i)
            space = True
            continue
        space = False
        if ch == ELLIPSIS:
            chars += "..."
            origin += (i, i, i)
        else:
            chars.append(PUNCT.get(ord(ch), ch))
            origin.append(i)
    origin.append(len(text))
    return "".join(chars), origin


def same_but_punct(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ only in typographic punctuation or white space."""
    return a != b and fold_punct(a).strip() == fold_punct(b).strip()


def find_folded(paragraph: str, text: str) -> list[tuple[int, int]]:
    """Every span of ``paragraph`` equal to ``text`` under folding, as offsets
    into ``paragraph``; each span's own folding is checked to equal the text's."""
    needle = fold_punct(text).strip()
    if not needle:
        return []
    folded, origin = fold_map(paragraph)
    spans: list[tuple[int, int]] = []
    start = folded.find(needle)
    while start >= 0:
        end = start + len(needle)
        span = (origin[start], origin[end - 1] + 1)
        if fold_punct(paragraph[span[0] : span[1]]).strip() == needle:
            spans.append(span)
        start = folded.find(needle, start + 1)
    return spans
