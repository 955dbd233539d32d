"""The search core: parser, folding, matching, filters, ranking."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.library import load_library
from tui.core.reading import load_text
from tui.core.search import QueryError, SearchIndex, fold, fold_with_map, match_spans, parse

from .conftest import MINIMAL, SEED, toml_string


@pytest.fixture(scope="module")
def seed_index() -> SearchIndex:
    return SearchIndex(load_library([SEED]).articles)


def ids(results, kind="quotes"):
    return [h.record.id for h in getattr(results, kind)]


def test_parse_words_phrases_filters():
    q = parse('Troop  "On the Table" speaker:Hegs kind:direct section:every article:hegseth')
    assert q.terms == ("troop",)
    assert q.phrases == ("on the table",)
    assert q.speaker == ("hegs",) and q.kind == ("direct",)
    assert q.section == ("every",) and q.article == ("hegseth",)


def test_parse_quoted_filter_value_and_escapes():
    q = parse('speaker:"pete heg" "say \\"no\\" \\\\ x"')
    assert q.speaker == ("pete heg",)
    assert q.phrases == ('say "no" \\ x',)


@pytest.mark.parametrize(
    "bad,message,position",
    [
        ("foo:bar", "unknown filter 'foo'", 0),
        ("table Colour:red", "unknown filter 'Colour'", 6),
        ('"on the table', "unclosed quote", 0),
        ('speaker:"pete', "unclosed quote", 8),
        ("kind:shouted", "unknown kind 'shouted'", 5),
        ("speaker:", "needs a value", 8),
    ],
)
def test_malformed_queries_raise_located_errors(bad, message, position):
    with pytest.raises(QueryError) as info:
        parse(bad)
    assert message in info.value.message and info.value.position == position


def test_time_like_words_are_not_filters():
    assert parse("5:30").terms == ("5:30",)


def test_fold_case_accents_and_cyrillic():
    assert fold("ZELENSKYY") == fold("zelenskyy")
    assert fold("Élysée") == "elysee"
    assert fold("ЗЕЛЕНСЬКИЙ") == fold("зеленський")
    assert fold("Straße") == "strasse"
    assert fold("a \n\t b") == "a b"


def test_fold_with_map_maps_back():
    text = "Straße  Élysée"
    folded, origin = fold_with_map(text)
    assert folded == fold(text)
    start = folded.index("elysee")
    assert text[origin[start] : origin[start + len("elysee") - 1] + 1] == "Élysée"


def test_case_insensitive_words_are_anded(seed_index):
    assert ids(seed_index.search("TABLE")) == ["crimea-not-on-the-table", "everything-on-the-table"] or set(
        ids(seed_index.search("TABLE"))
    ) == {"crimea-not-on-the-table", "everything-on-the-table"}
    assert ids(seed_index.search("table crimea")) == ["crimea-not-on-the-table"]
    assert ids(seed_index.search("table nosuchword")) == []


def test_phrase_requires_order(seed_index):
    assert ids(seed_index.search('"is on the table"')) == ["everything-on-the-table"]
    assert ids(seed_index.search('"table the on"')) == []


def test_speaker_filter_by_id_name_alias_prefix(seed_index):
    by_id = ids(seed_index.search("speaker:zelenskyy"))
    assert by_id == ["no-blind-trust", "ukraine-must-be-involved"]
    assert ids(seed_index.search("speaker:volodymyr")) == by_id
    assert ids(seed_index.search("speaker:zel")) == by_id
    assert ids(seed_index.search("speaker:Zelenskyy")) == by_id
    assert ids(seed_index.search("speaker:nobody")) == []


def test_kind_and_section_filters(seed_index):
    assert ids(seed_index.search("kind:direct")) == ["everything-on-the-table", "perfect-dealmaker"]
    assert seed_index.search("kind:direct").claims == []
    denials = seed_index.search("kind:denial")
    assert ids(denials) == [] and ids(denials, "claims") == ["no-us-concessions"]
    assert set(ids(seed_index.search("section:separate-track"))) == {"separately-managed", "trump-putin-meeting"}
    assert ids(seed_index.search("article:nope")) == []
    assert len(seed_index.search("article:hegseth").quotes) == 26


def test_claims_are_searched_in_their_own_group(seed_index):
    results = seed_index.search("concessions")
    assert len(results.quotes) == 4 and len(results.claims) == 3


def _article(*quotes: str):
    body = "format = 1\n[article]\nid = \"r\"\ntitle = \"R\"\n"
    body += "[[entities]]\nid = \"ann\"\nname = \"Ann\"\n"
    body += "[[sections]]\nid = \"s\"\ntitle = \"S\"\nparagraphs = [" + ", ".join(toml_string(q) for q in quotes) + "]\n"
    for i, q in enumerate(quotes):
        body += f"[[quotes]]\nid = \"q{i}\"\nspeaker = \"ann\"\nsection = \"s\"\ntext = {toml_string(q)}\n"
    result = load_text(body, "r.toml")
    assert result.article is not None, [e.format() for e in result.errors]
    return result.article


def test_ranking_phrase_first_then_count_then_order():
    index = SearchIndex([_article("beta x alpha", "alpha y beta alpha", "the alpha beta", "alpha z beta")])
    assert ids(index.search("alpha beta")) == ["q2", "q1", "q0", "q3"]
    # one word: by count, then reading order
    assert ids(index.search("alpha")) == ["q1", "q0", "q2", "q3"]
    plain = index.search("speaker:ann")
    assert ids(plain) == ["q0", "q1", "q2", "q3"]


def test_match_spans_point_into_original_text():
    text = "Zelenskyy said ZELENSKYY, and Élysée."
    q = parse("zelenskyy elysee")
    spans = match_spans(text, q)
    assert [text[s:e] for s, e in spans] == ["Zelenskyy", "ZELENSKYY", "Élysée"]


def _library(quote_text: str):
    paragraph = "Before. " + quote_text + " After."
    text = (
        MINIMAL.replace(
            'paragraphs = ["Ann said the plan is sound. Ann said the plan is sound, again."]',
            f"paragraphs = [{toml_string(paragraph)}]",
        )
        .replace('text = "the plan is sound"', f"text = {toml_string(quote_text)}")
        .replace('suffix = ". Ann"', 'prefix = "Before. "')
    )
    return load_text(text, "a.toml")


def _as_phrase(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")).filter(
            lambda c: c not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\x85"
        ),
        min_size=1,
        max_size=60,
    ).filter(lambda t: t.strip()),
    data=st.data(),
)
def test_any_substring_of_a_quote_finds_it(text, data):
    result = _library(text)
    if result.article is None:  # e.g. the quote text occurs twice in the paragraph
        return
    index = SearchIndex([result.article])
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    sub = text[start:end]
    assert "sound" in [h.record.id for h in index.search(_as_phrase(sub)).quotes]
    # and as plain words too, when it holds no query syntax
    if not any(c in sub for c in '":') and sub.strip():
        assert "sound" in [h.record.id for h in index.search(sub).quotes]


def test_empty_query_matches_everything(seed_index):
    assert len(seed_index.search("").quotes) == 26
