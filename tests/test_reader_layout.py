"""The reader's building blocks without a screen: long paragraphs cut into
pieces, marks spliced in one pass, and the cached search path agreeing with
``match_spans``; then a long paragraph on screen."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App

from tui.core.index import ArticleIndex
from tui.core.reading import load_text
from tui.core.search import match_spans, parse
from tui.widgets.reader.layout import CHUNK, blocks_of, paragraphs_of, splice
from tui.widgets.reader.search import folded_form, plain_spans

from .conftest import toml_string
from .test_reader import ReaderApp, indicator, layout, reader, rows  # noqa: F401 (layout: every test twice)

SENTENCE = "Ann Example met the press in Brussels on day {} and spoke at length. "


def long_article(repeat: int, quote_at: int) -> str:
    text = "".join(SENTENCE.format(n) for n in range(repeat)) + "The end of it all."
    return f"""format = 1
[article]
id = "long"
title = "A long paragraph"

[[entities]]
id = "ann"
name = "Ann Example"

[[sections]]
id = "one"
title = "Only"
paragraphs = [{toml_string(text)}]

[[quotes]]
id = "late"
speaker = "ann"
section = "one"
text = "spoke at length. The end"
"""


def long_index(repeat: int = 400) -> ArticleIndex:
    result = load_text(long_article(repeat, 0))
    assert result.article is not None, result.errors
    return ArticleIndex(result.article)


def test_a_long_paragraph_is_cut_at_spaces_outside_marks():
    index = long_index()
    paragraphs = paragraphs_of(index)
    pieces = [b for b in blocks_of(index, paragraphs) if b.kind == "paragraph"]
    text = index.article.doc.sections[0].paragraphs[0]
    assert len(pieces) > 3
    assert "".join(text[b.start : b.end] for b in pieces) == text
    assert all(b.end - b.start <= 2 * CHUNK for b in pieces)
    marks = [(m.start, m.end) for m in index.mentions] + [
        (index.anchor(q.id).start, index.anchor(q.id).end) for q in index.article.doc.quotes
    ]
    for piece in pieces[1:]:
        assert text[piece.start - 1] == " "
        assert not any(s < piece.start < e for s, e in marks), piece.start


def test_splice_puts_tags_in_and_keeps_spans_on_their_text():
    spliced = splice("ab said cd", [(0, 2, "bold"), (8, 10, "italic")], [(8, "‹X›", ["dim"])])
    assert spliced.content.plain == "ab said ‹X›cd"
    spans = {(s.start, s.end, s.style) for s in spliced.content.spans}
    assert (0, 2, "bold") in spans and (11, 13, "italic") in spans and (8, 11, "dim") in spans
    assert spliced.at(8) == 11 and spliced.at(8, after_tags=False) == 8 and spliced.at(2) == 2


words = st.sampled_from(["ab", "a", "b", "ba", "Über", "uber", "  ", " ", "\t", "x", "É", "aB"])


@settings(max_examples=60, deadline=None)
@given(st.lists(words, max_size=12).map("".join), st.lists(st.sampled_from(["a", "ab", "b a", "ub", "aba"]), min_size=1, max_size=3))
def test_the_cached_search_finds_what_match_spans_finds(text, needles):
    query = parse(" ".join(f'"{n}"' if " " in n else n for n in needles))
    folded, plain = folded_form(text)
    if plain:
        assert plain_spans(folded, query.needles) == match_spans(text, query)
    else:
        assert bool(match_spans(text, query)) == any(n in folded for n in query.needles)


async def on_screen(app: App) -> str:
    return "\n".join(rows(app))


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_a_long_paragraph_reads_from_top_to_bottom(size):
    app = ReaderApp(long_index(400))  # about 28 KB in one paragraph
    async with app.run_test(size=size) as pilot:
        assert "Ann Example met the press" in await on_screen(app)
        await pilot.press("G")
        text = (await on_screen(app)).replace("\n", " ")
        assert "The end of it all." in text and "‹Ann Example“›spoke at length." in text.replace("\n", " ")
        assert "§1/1 · 100%" in indicator(app)
        # a page at a time from the top reaches the end with no line lost or repeated
        await pilot.press("g")
        seen = rows(app)
        while "100%" not in indicator(app):
            await pilot.press("space")
            page = rows(app)
            # the last page stops at the end: it repeats what was seen before it
            overlap = next(k for k in range(len(page), -1, -1) if seen[len(seen) - k :] == page[:k])
            assert overlap == 0 or "100%" in indicator(app)
            seen.extend(page[overlap:])
        body = " ".join(line.strip() for line in seen if line.strip())
        body = body.replace("‹Ann Example“›", "")
        days = [int(w) for w in body.replace(" and ", " ").split() if w.isdigit()]
        assert days == list(range(400))
        # search in it: the last match is at the end
        r = reader(app)
        r.set_search(parse("brussels"))
        assert r.match_count() == 400
        r.show_match(399)
        await pilot.pause()
        assert "Brussels on day 399 and spoke at length. The end" in (await on_screen(app)).replace("\n", " ").replace(
            "‹Ann Example“›", ""
        )
