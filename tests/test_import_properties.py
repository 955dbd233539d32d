"""Property: any text imports to a draft that passes `quoth check`, or to a
clear error (SourceError), never to a broken file or a crash. Hostile text
included: quotation marks everywhere, brackets, markup-like text, TOML
delimiters, control characters, bidi overrides, odd whitespace."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.importer import SourceError, import_text, verify

MARKS = list("\"“”„«»‹›‘’‚'`")
HOSTILE = [
    "[sic]", "[/", "[@click=app.quit()]", "'''", '"""', "\\", "\\u001b", "#", "= ", "[[quotes]]", "<b>", "*x*",
    "\x1b", "\x00", "\x7f", "\u202e", "\u2028", "\u00a0", "\t", "\r\n", "\r", "\x0c", "\ufeff", "…", " ", "\n\n",
    "---\n", "\n---\n", "title: x\n", "&#27;", "# ", "(WHO)",
]
WORDS = ["Smith", "said", "says", "told", "according to", "he", "she", "they", "officials", "Jane", "Ministry",
         "of", "Health", "the", "a", "sagte", "a déclaré", "that", "Inc.", "Dr.", ",", ".", ":", "-", "—"]

pieces = st.one_of(st.sampled_from(MARKS), st.sampled_from(HOSTILE), st.sampled_from(WORDS), st.text(max_size=8))
texts = st.lists(st.one_of(pieces, st.just(" ")), max_size=60).map("".join)


def _check(text: str, kind: str) -> None:
    try:
        draft = import_text(text, kind)
    except SourceError as exc:
        assert str(exc)  # a clear message, never an empty one
        return
    result = verify(draft)
    assert result.errors == (), "\n".join(e.format() for e in result.errors) + "\n--- draft:\n" + draft.text


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_plain_text_imports_or_fails_clearly(text):
    _check(text, "text")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_markdown_imports_or_fails_clearly(text):
    _check(text, "markdown")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_imports_or_fails_clearly(text):
    _check("Headline\n\n" + text, "text")
