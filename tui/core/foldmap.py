"""Folding a long text for search while keeping the way back to its offsets.

:func:`fold_with_map` gives the case- and accent-folded form of a text (white
space runs made one space) and an :class:`Origin` that maps each folded
offset to the original one. The map is piecewise: a piece starts at a folded
offset and either advances with it (a stretch folded one character for one)
or stays put (the characters one original character became, or one space
for a run of white space). Plain ASCII stretches are lowered in one C call
and a run of non-ASCII letters that folds one for one is one piece, so a
15 MiB paragraph costs a few pieces, not a list of 15 million offsets.

:func:`find_spans` finds a needle's occurrences in the folded text, merging
back-to-back and overlapping ones as it goes, so a highly repetitive text
yields few spans and few steps. No Textual import here.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array

from .punct import PUNCT

# what cannot take the fast path: non-ASCII runs and white space other than one plain space
_IRREGULAR = re.compile(r"[^\x00-\x7f]+|[^\S ]\s*| \s+")
_ANY_SPACE = re.compile(r"\s")
_FOLDED: dict[str, str] = {}


def fold_char(ch: str) -> str:
    """One character casefolded, decomposed, without combining marks; a
    typographic quote, apostrophe or dash as its plain form (’ = ', – = -)."""
    out = _FOLDED.get(ch)
    if out is None:
        decomposed = unicodedata.normalize("NFKD", ch.translate(PUNCT).casefold())
        out = "".join(c for c in decomposed if not unicodedata.combining(c))
        if len(_FOLDED) < 65536:
            _FOLDED[ch] = out
    return out


class Origin:
    """Folded offset -> original offset (also one past the end: the text's length)."""

    __slots__ = ("_at", "_to", "_step", "_len")

    def __init__(self) -> None:
        self._at = array("q")
        self._to = array("q")
        self._step = bytearray()
        self._len = 0

    def add(self, at: int, to: int, step: int) -> None:
        if self._step and self._step[-1] == step and (to == self._to[-1] if not step else at - self._at[-1] == to - self._to[-1]):
            return  # continues the last piece
        self._at.append(at)
        self._to.append(to)
        self._step.append(step)

    def finish(self, folded_len: int, text_len: int) -> None:
        self.add(folded_len, text_len, 0)
        self._len = folded_len + 1

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, k: int) -> int:
        if k < 0:
            k += self._len
        if not 0 <= k < self._len:
            raise IndexError(k)
        j = bisect.bisect_right(self._at, k) - 1
        return self._to[j] + (k - self._at[j]) * self._step[j]

    @property
    def pieces(self) -> int:
        return len(self._at)


def fold_with_map(text: str) -> tuple[str, Origin]:
    """Fold ``text`` and map each folded position back to an original offset."""
    chars: list[str] = []
    origin = Origin()
    flen, pos, prev_space = 0, 0, False

    def plain(a: int, b: int) -> None:
        # ASCII with no white space but single plain spaces
        nonlocal flen, prev_space
        if a < b and prev_space and text[a] == " ":
            a += 1
        if a >= b:
            return
        piece = text[a:b].lower()
        origin.add(flen, a, 1)
        chars.append(piece)
        flen += len(piece)
        prev_space = piece.endswith(" ")

    for m in _IRREGULAR.finditer(text):
        start = m.start()
        plain(pos, start)
        pos = m.end()
        run = m.group()
        if run.isascii():  # a run of white space: one space where the run starts
            if not prev_space:
                origin.add(flen, start, 0)
                chars.append(" ")
                flen += 1
                prev_space = True
            continue
        if len(run) == 1:  # the most common run: one accented letter or one typographic mark
            one = _FOLDED.get(run) or fold_char(run)
            if len(one) == 1 and not one.isspace():
                origin.add(flen, start, 1)
                chars.append(one)
                flen += 1
                prev_space = False
                continue
        parts = [fold_char(c) for c in run]
        folded = "".join(parts)
        if len(folded) == len(run) and all(len(p) == 1 for p in parts) and not _ANY_SPACE.search(folded):
            origin.add(flen, start, 1)
            chars.append(folded)
            flen += len(folded)
            prev_space = False
            continue
        for k, part in enumerate(parts):
            for c in part:
                if c.isspace():
                    if prev_space:
                        continue
                    c, prev_space = " ", True
                else:
                    prev_space = False
                origin.add(flen, start + k, 0)
                chars.append(c)
                flen += 1
    plain(pos, len(text))
    origin.finish(flen, len(text))
    return "".join(chars), origin


def find_spans(folded: str, needle: str) -> list[tuple[int, int]]:
    """Spans of ``folded`` covered by occurrences of ``needle``, overlapping and
    adjacent ones merged. A run of back-to-back occurrences is one regex match."""
    if not needle:
        return []
    runs = re.compile(f"(?:{re.escape(needle)})+")
    spans: list[tuple[int, int]] = []
    pos, size = 0, len(needle)
    while True:
        m = runs.search(folded, pos)
        if m is None:
            return spans
        s, e = m.span()
        if spans and s <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], e))
        else:
            spans.append((s, e))
        pos = max(s + 1, e - size + 1)  # an overlapping occurrence may start inside the run
