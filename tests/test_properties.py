"""Hypothesis: any text in any string field loads or is refused with a
located error; no traceback escapes and no raw control byte is printed."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.reading import load_text

from .conftest import MINIMAL, toml_string

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# (the text in MINIMAL to replace, the TOML it becomes with {} for the string)
FIELDS = [
    ('id = "small"', "id = {}"),
    ('title = "A small article"', "title = {}"),
    ('title = "A small article"', 'title = "t"\nsummary = {}'),
    ('title = "A small article"', 'title = "t"\nbyline = [{}]'),
    ('name = "Ann Example"', "name = {}"),
    ('aliases = ["Ann"]', 'aliases = ["Ann", {}]'),
    ('title = "One"', "title = {}"),
    ('paragraphs = [', "paragraphs = [{}, "),
    ('text = "the plan is sound"', "text = {}"),
    ('suffix = ". Ann"', "suffix = {}"),
    ('section = "one"', "section = {}"),
    ('speaker = "ann"', "speaker = {}"),
    ('title = "A small article"', 'title = "t"\n{} = 1'),
]

hostile = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list("\x00\x07\x1b\x7f\x85\x9b\u202e\u2066\r\t\n[]/@=\"'\\")),
    ),
    max_size=40,
)


def _assert_clean(result) -> None:
    if result.article is not None:
        assert not result.errors
        return
    assert result.errors
    for err in result.errors:
        text = err.format()
        assert re.match(r"^a\.toml:\d+:\d+: error: ", text), text
        assert not CONTROL.search(text), repr(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), value=hostile)
def test_any_text_in_any_field_loads_or_is_located(field, value):
    old, new = field
    text = MINIMAL.replace(old, new.format(toml_string(value)), 1)
    result = load_text(text, "a.toml")
    _assert_clean(result)
    if result.article is not None and CONTROL.search(value):
        raise AssertionError("a control character was accepted")


@settings(max_examples=100, deadline=None)
@given(value=st.text(max_size=200))
def test_arbitrary_file_text_never_raises(value):
    _assert_clean(load_text(value, "a.toml"))


@settings(max_examples=100, deadline=None)
@given(cut=st.integers(min_value=0, max_value=len(MINIMAL)), junk=hostile)
def test_damaged_article_never_raises(cut, junk):
    _assert_clean(load_text(MINIMAL[:cut] + junk + MINIMAL[cut:], "a.toml"))
