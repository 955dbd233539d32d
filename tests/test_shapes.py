"""Pathological shapes (issue 15): each ends fast in a located error or a valid
article, and the fast paths (pre-scan, Aho–Corasick anchoring and mentions)
give exactly the answers of the simple ones they replace. No timings here:
bench/shapes.py measures them."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.shapes import SHAPES
from tui.core.anchoring import count_occurrences
from tui.core.index import NameMatcher
from tui.core.reading import load_text
from tui.core.tomllimits import MAX_KEY_PARTS, MAX_NESTING, prescan

from .conftest import MINIMAL

HEADLINE = re.compile(r"^a\.toml:\d+:\d+: error: \S")


def _located(text: str):
    result = load_text(text, "a.toml")
    for e in result.errors:
        assert HEADLINE.match(e.format()), e.format()
        assert "internal error" not in e.message, e.message
    assert (result.article is None) == bool(result.errors)
    return result


def test_nesting_limit_is_exact():
    ok = "x = " + "[" * MAX_NESTING + "1" + "]" * MAX_NESTING + "\n"
    assert prescan(ok) is None
    deep = "x = " + "[" * (MAX_NESTING + 1) + "1" + "]" * (MAX_NESTING + 1) + "\n"
    refusal = prescan(deep)
    assert refusal is not None and refusal.offset == 4 + MAX_NESTING
    assert f"nested more than {MAX_NESTING} levels deep" in refusal.message


def test_deep_shapes_end_in_one_located_error():
    for shape, word in (("deep-array", "nested"), ("deep-inline", "nested"), ("dotted-header", "dotted parts")):
        (error,) = _located(SHAPES[shape](4)).errors  # 100,000 deep; 50,000 parts
        assert word in error.message
    (error,) = _located(SHAPES["dotted-header"](4)).errors
    assert "nest" not in error.message and error.line == 11 and error.col == 1


def test_long_dotted_key_names_the_key():
    text = "a." * MAX_KEY_PARTS + "b = 1\n"
    (error,) = _located(text).errors
    assert error.message.startswith(f"key has more than {MAX_KEY_PARTS} dotted parts")


def test_prescan_ignores_brackets_in_strings_and_comments():
    text = MINIMAL.replace('title = "One"', 'title = "[[[[[[[[[[[[ {{{{{{{{{{{"  # [[[[[[[[[[[[[[')
    assert prescan(text) is None
    assert load_text(text, "a.toml").article is not None


def test_errors_are_capped_and_counted():
    text = MINIMAL + "".join(f'\n[[quotes]]\nid = "q{i}"\nspeaker = 3\n' for i in range(2000))
    errors = _located(text).errors
    assert len(errors) == 101
    assert re.match(r"and [\d,]+ more errors in this file \(the first 100 are shown\)", errors[-1].message)
    assert errors[-1].more == int(errors[-1].message.split()[1].replace(",", "")) > 1000


def test_typographic_difference_names_the_column():
    text = MINIMAL.replace("the plan is sound. Ann", "the plan isn’t sound. Ann").replace(
        'text = "the plan is sound"\nsuffix = ". Ann"', "text = \"the plan isn't sound\""
    )
    (error,) = _located(text).errors
    assert "closest passage: 'the plan isn’t sound'" in error.message
    assert "differs at column 13: the paragraph has ’ (U+2019), the quote has ' (U+0027); run quoth check --fix" in error.message


def test_closest_passage_shows_the_difference_in_a_long_quote():
    long = "word " * 60 + "the plan is sound"
    text = MINIMAL.replace("Ann said the plan is sound. Ann", f"Ann said {long}. Ann").replace(
        'text = "the plan is sound"\nsuffix = ". Ann"', f'text = "{long.replace("is sound", "was sound")}"'
    )
    (error,) = _located(text).errors
    column = long.index("is sound") + 1
    assert f"differs at column {column}: the paragraph has i (U+0069), the quote has w (U+0077)" in error.message
    assert "is sound" in error.message.split("closest passage:")[1]  # shown, not cut off before it


def test_many_quotes_in_one_section_anchor():
    article = _located(SHAPES["many-quotes"](0.2)).article
    assert article is not None and len(article.anchors) == 2000
    for quote in article.doc.quotes[:50]:
        a = article.anchors[quote.id]
        assert article.sections[a.section].paragraphs[a.paragraph][a.start : a.end] == quote.text


def test_prefix_choice_and_ambiguity():
    article = _located(SHAPES["prefix-choice"](0.1)).article
    assert article is not None
    paragraph = article.doc.sections[0].paragraphs[0]
    for quote in article.doc.quotes:
        a = article.anchors[quote.id]
        assert paragraph[: a.start].endswith(quote.prefix)


def _naive_count(text: str, needle: str) -> tuple[int, int]:
    first = text.find(needle)
    if first < 0:
        return 0, -1
    return (2 if text.find(needle, first + 1) >= 0 else 1), first


@settings(max_examples=60, deadline=None)
@given(st.text("ab\0", max_size=200), st.lists(st.text("ab", min_size=1, max_size=6), min_size=1, max_size=30))
def test_count_occurrences_matches_find(text, needles):
    import tui.core.anchoring as anchoring

    got = count_occurrences(text, needles)
    for needle in needles:
        assert got[needle] == _naive_count(text, needle)
    # the same with short keys and a low threshold, so that verification and find run
    saved = anchoring.KEY_CHARS, anchoring.HOT_KEY
    anchoring.KEY_CHARS, anchoring.HOT_KEY = 2, 2
    try:
        got = count_occurrences(text, needles)
    finally:
        anchoring.KEY_CHARS, anchoring.HOT_KEY = saved
    for needle in needles:
        assert got[needle] == _naive_count(text, needle)


def test_count_occurrences_on_repeated_text():
    text = "a" * 100_000
    got = count_occurrences(text, ["a" * k for k in range(1, 300)] + ["b"])
    assert got["a" * 299] == (2, 0) and got["b"] == (0, -1)
    periodic = count_occurrences("ab" * 50_000, ["ab" * k + "c" for k in range(1, 200)] + ["ab" * 500])
    assert periodic["ab" * 100 + "c"] == (0, -1) and periodic["ab" * 500] == (2, 0)


def _regex_mentions(names: list[str], text: str) -> list[tuple[int, int]]:
    ordered = sorted(set(names), key=lambda n: (-len(n), n))
    pattern = re.compile(r"(?<!\w)(?:{})(?!\w)".format("|".join(re.escape(n) for n in ordered)))
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text("ab .é-", min_size=1, max_size=5), min_size=1, max_size=8), st.text("ab .é-_1", max_size=60))
def test_name_matcher_matches_the_alternation(names, text):
    assert list(NameMatcher(names).finditer(text)) == _regex_mentions(names, text)


# -- fuzzing: structurally hostile TOML ---------------------------------------

_KEY = st.sampled_from(["a", "id", "text", "quotes", "sections", '"q k"', "b-c"])


def _deep(draw) -> str:
    depth = draw(st.integers(1, 40))
    opener = draw(st.sampled_from(["[", "{a=", "{ a = ", "[ "]))
    closer = "]" if opener.startswith("[") else "}"
    return f"{draw(_KEY)} = " + opener * depth + "1" + closer * depth + "\n"


def _dotted(draw) -> str:
    parts = ".".join(draw(st.lists(_KEY, min_size=1, max_size=30)))
    return draw(st.sampled_from([f"[{parts}]\n", f"[[{parts}]]\n", f"{parts} = 1\n"]))


def _array(draw) -> str:
    n = draw(st.integers(0, 3000))
    item = draw(st.sampled_from(['"x"', "1", "[]", "{}", "'''y'''"]))
    return f"{draw(_KEY)} = [" + ", ".join([item] * n) + "]\n"


def _tables(draw) -> str:
    n = draw(st.integers(0, 400))
    kind = draw(st.sampled_from(["quotes", "entities", "sections", "claims"]))
    body = draw(st.sampled_from(['id = "x"\n', "speaker = 3\n", 'text = "the plan"\n', ""]))
    return "".join(f"\n[[{kind}]]\n{body}" for _ in range(n))


def _repeated(draw) -> str:
    unit = draw(st.sampled_from(["the plan is sound. ", "Ann ", "a", "’"]))
    n = draw(st.integers(1, 2000))
    quote = draw(st.sampled_from(["the plan", "Ann", "a", "sound. the", "plan isn't"]))
    return (
        f'\n[[sections]]\nid = "s"\ntitle = "S"\nparagraphs = ["{unit * n}"]\n'
        f'\n[[quotes]]\nid = "r"\nspeaker = "ann"\nsection = "s"\ntext = "{quote}"\n'
    )


def _names(draw) -> str:
    n = draw(st.integers(1, 300))
    return "".join(f'\n[[entities]]\nid = "e{i}"\nname = "Ann {"a" * (i % 7)}"\naliases = ["A{i}"]\n' for i in range(n))


@st.composite
def hostile_toml(draw) -> str:
    pieces = draw(st.lists(st.sampled_from([_deep, _dotted, _array, _tables, _repeated, _names]), min_size=1, max_size=4))
    base = draw(st.sampled_from([MINIMAL, "", "format = 1\n"]))
    body = "".join(piece(draw) for piece in pieces)
    # the top-level pieces go before the first table; the rest after
    head, tail = (body, "") if draw(st.booleans()) else ("", body)
    return head + base + tail


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hostile_toml())
def test_hostile_toml_ends_in_a_located_error_or_an_article(text):
    _located(text)


# -- search folding: the piecewise map equals the per-character one ------------------


def _reference_fold_with_map(text: str) -> tuple[str, list[int]]:
    import unicodedata

    from tui.core.punct import PUNCT

    chars: list[str] = []
    origin: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        if ch.isascii():
            out = ch.lower()
        else:
            # typographic quotes and dashes fold to their plain forms, as search does
            out = "".join(c for c in unicodedata.normalize("NFKD", ch.translate(PUNCT).casefold()) if not unicodedata.combining(c))
        for c in out:
            if c.isspace():
                if prev_space:
                    continue
                c, prev_space = " ", True
            else:
                prev_space = False
            chars.append(c)
            origin.append(i)
    origin.append(len(text))
    return "".join(chars), origin


@settings(max_examples=150, deadline=None)
@given(st.text(st.sampled_from(list("aB \t\n\u00a0éÉßﬁ\u0301Ж’-x")), max_size=40))
def test_fold_with_map_matches_the_per_character_map(text):
    from tui.core.search import fold_with_map

    folded, origin = fold_with_map(text)
    ref_folded, ref_origin = _reference_fold_with_map(text)
    assert folded == ref_folded
    assert [origin[k] for k in range(len(origin))] == ref_origin


@settings(max_examples=100, deadline=None)
@given(st.text("ab", max_size=60), st.text("ab", min_size=1, max_size=4))
def test_find_spans_merges_every_occurrence(folded, needle):
    from tui.core.foldmap import find_spans

    covered = set()
    at = folded.find(needle)
    while at >= 0:
        covered.update(range(at, at + len(needle)))
        at = folded.find(needle, at + 1)
    spans = find_spans(folded, needle)
    assert {k for s, e in spans for k in range(s, e)} == covered
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False))  # merged


def test_huge_repetitive_paragraph_folds_into_few_pieces():
    from tui.core.foldmap import find_spans, fold_with_map

    text = "Жена Ann  said. " * 20_000
    folded, origin = fold_with_map(text)
    assert origin.pieces <= 2 * 20_000 + 2  # one shift per double space, not one entry per character
    assert len(find_spans("a" * 100_000, "aa")) == 1


# -- the position map and the reporter ----------------------------------------------


def test_source_map_with_wanted_paths_agrees_with_the_full_map():
    from tui.core.tomlpos import SourceMap

    from .conftest import SEED

    text = SEED.read_text(encoding="utf-8")
    full = SourceMap(text)
    paths = [("article", "id"), ("quotes", 3, "text"), ("quotes", 7), ("entities", 1, "aliases", 0), ("sections", 2, "nope")]
    wanted = {p[:n] for p in paths for n in range(len(p) + 1)}
    partial = SourceMap(text, wanted=wanted)
    assert len(partial.keys) + len(partial.values) < len(full.keys) + len(full.values) / 4
    for path in paths:
        assert partial.locate(path) == full.locate(path), path


def test_source_map_keeps_the_loader_limits():
    from tui.core.tomlpos import SourceMap

    deep = SourceMap("x = " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert deep.too_deep is not None and deep.too_deep.col == 5 + MAX_NESTING
    long = SourceMap("[" + ".".join(["a"] * 50_000) + "]\nb = 1\n")
    assert not long.keys  # gave up at the limit, without a tuple per part


def test_duplicate_ids_cite_the_first_place():
    text = MINIMAL + '\n[[quotes]]\nid = "sound"\nspeaker = "ann"\nsection = "one"\ntext = "again"\n'
    (error,) = _located(text).errors
    assert error.message == "quote 'sound' id: duplicate id 'sound'; first defined at line 18:6"


@settings(max_examples=100, deadline=None)
@given(
    st.text(st.sampled_from(list("ab ÉéßA\u00a0")), max_size=200),
    st.sampled_from(["a", "ab", "ss", "e a", "b b"]),
    st.integers(0, 200),
    st.integers(0, 30),
)
def test_match_spans_in_a_window_are_the_overlapping_ones(text, needle, start, width):
    from tui.core.search import match_spans, parse

    query = parse(f'"{needle}"')
    window = (start, start + width)

    def seen(spans):  # what a reader showing the window highlights
        return {k for s, e in spans for k in range(max(s, window[0]), min(e, window[1]))}

    assert seen(match_spans(text, query, window)) == seen(match_spans(text, query))
