"""The pre-scan (tui/core/tomllimits.py) reads a long one-line string with
memory independent of its length: its string patterns are loops of character
classes, not a repeated alternation that keeps a backtracking frame per
character (1.8 GB for a 15 MB paragraph written on the key's line)."""

from __future__ import annotations

import re
import tracemalloc

import pytest

from tui.core import tomllimits
from tui.core.tomllimits import prescan


def peak_of(text: str) -> int:
    tracemalloc.start()
    try:
        assert prescan(text) is None
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("body", ["Ann went to the market. " * 80_000, "x\\\"y\\n" * 300_000], ids=["prose", "escapes"])
def test_a_long_one_line_string_costs_no_memory_per_character(body: str) -> None:
    text = f'format = 1\n[[sections]]\nid = "s"\nparagraphs = ["{body}"]\n'
    assert len(text) > 1_500_000
    # a frame per character was some 100 bytes each: 150 MB here
    assert peak_of(text) < 16 * 1024 * 1024


STRINGS = [
    '"plain"', '"with \\" escaped"', '"a\\\\"', '"bad', '"a\\', "'lit'", "'''ml'''", "'''a''b'''",
    "'''a'''", "'''ab''''", "'''x\ny'''", '"x\ny"', "''''''", '""', "'''a'' '''",
]


@pytest.mark.parametrize("s", STRINGS)
def test_the_string_patterns_match_what_the_alternations_matched(s: str) -> None:
    old = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'''(?:[^'\n]|'(?!''))*'''(?!')|'[^'\n]*'")
    new = re.compile(tomllimits._STR1)
    a, b = old.match(s), new.match(s)
    assert (a and a.group()) == (b and b.group())
