"""Unit tests for the loader: every rule of format 1 ends in a located error."""

from __future__ import annotations

import re

import pytest

from tui.core.diagnostics import Diagnostic
from tui.core.library import load_library
from tui.core.model import json_schema
from tui.core.reading import load_bytes, load_file, load_text

from .conftest import MINIMAL, toml_string


def errors(text: str) -> list[Diagnostic]:
    result = load_text(text, "a.toml")
    assert result.article is None, "expected the article to be refused"
    assert result.errors
    for e in result.errors:
        assert e.line >= 1 and e.col >= 1
        assert re.match(r"^a\.toml:\d+:\d+: error: ", e.format())
    return list(result.errors)


def one_error(text: str) -> Diagnostic:
    errs = errors(text)
    assert len(errs) == 1, [e.headline for e in errs]
    return errs[0]


def valid(text: str):
    result = load_text(text, "a.toml")
    assert not result.errors, [e.format() for e in result.errors]
    return result.article


def test_minimal_article_loads_and_anchors():
    article = valid(MINIMAL)
    anchor = article.anchors["sound"]
    paragraph = article.sections["one"].paragraphs[anchor.paragraph]
    assert paragraph[anchor.start : anchor.end] == "the plan is sound"
    assert anchor.start == paragraph.index("the plan is sound")


def test_error_form_matches_compilers():
    text = MINIMAL.replace('speaker = "ann"', 'speaker = "anne"')
    e = one_error(text)
    assert e.format().splitlines() == [
        "a.toml:19:11: error: quote 'sound' speaker: unknown entity 'anne' (did you mean 'ann'?)",
        '   19 | speaker = "anne"',
        "      |           ^^^^^^",
    ]


def test_unknown_key_is_an_error_with_suggestion():
    e = one_error(MINIMAL.replace('title = "One"', 'title = "One"\ntitel = "x"'))
    assert "section 'one': unknown key 'titel' (did you mean 'title'?)" in e.message
    assert e.line == 15 and e.col == 1


def test_unknown_top_level_key():
    e = one_error(MINIMAL.replace("format = 1\n", "format = 1\nfromat = 2\n"))
    assert "unknown key 'fromat'" in e.message and e.line == 2


def test_wrong_type_points_at_value():
    e = one_error(MINIMAL.replace('title = "One"', "title = 3"))
    assert e.message == "section 'one' title: expected a string, got an integer"
    assert (e.line, e.col) == (14, 9)


def test_missing_field_points_at_table():
    e = one_error(MINIMAL.replace('speaker = "ann"\n', ""))
    assert "quote 'sound' is missing required key 'speaker'" in e.message
    assert e.source == "[[quotes]]"


def test_missing_article_and_sections():
    errs = errors("format = 1\n")
    messages = " | ".join(e.message for e in errs)
    assert "missing required key 'article'" in messages
    assert "at least one [[sections]]" in messages


@pytest.mark.parametrize("bad", ["Bad", "a_b", "-a", "a--b", "a-", "", "é"])
def test_bad_ids(bad):
    e = one_error(MINIMAL.replace('id = "small"', f"id = {toml_string(bad)}"))
    assert "is not a valid id" in e.message and e.line == 4


def test_duplicate_ids_name_both_places():
    text = MINIMAL + '\n[[quotes]]\nid = "sound"\nspeaker = "ann"\nsection = "one"\ntext = "Ann said"\nprefix = ""\n'
    errs = errors(text)
    dup = [e for e in errs if "duplicate id" in e.message]
    assert dup and "first defined at line 18:6" in dup[0].message and dup[0].line == 25


def test_duplicate_article_ids_across_library(tmp_path):
    (tmp_path / "a.toml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "b.toml").write_text(MINIMAL, encoding="utf-8")
    lib = load_library([tmp_path])
    assert [a.file for a in lib.articles] == [str(tmp_path / "a.toml")]
    (err,) = lib.errors
    assert err.file.endswith("b.toml") and "duplicate article id 'small'" in err.message
    assert "a.toml:4:6" in err.message and err.line == 4


def test_dangling_references_suggest():
    text = MINIMAL + (
        '\n[[claims]]\nid = "c"\nspeaker = "an"\nsection = "on"\ntext = "x"\n'
        'quotes = ["sond"]\nabout = ["ann", "bob"]\n'
        '\n[[relations]]\nfrom = "c"\nto = "d"\nkind = "supports"\n'
    )
    msgs = [e.message for e in errors(text)]
    assert any("claim 'c' speaker: unknown entity 'an' (did you mean 'ann'?)" in m for m in msgs)
    assert any("claim 'c' section: unknown section 'on' (did you mean 'one'?)" in m for m in msgs)
    assert any("claim 'c' quotes: unknown quote 'sond' (did you mean 'sound'?)" in m for m in msgs)
    assert any("claim 'c' about: unknown entity 'bob'" in m for m in msgs)
    assert any("relation 'c' -> 'd' to: unknown claim 'd'" in m for m in msgs)


def test_self_and_duplicate_relations():
    text = MINIMAL + (
        '\n[[claims]]\nid = "c"\nspeaker = "ann"\nsection = "one"\ntext = "x"\n'
        '\n[[relations]]\nfrom = "c"\nto = "c"\nkind = "supports"\n'
    )
    assert "cannot relate to itself" in one_error(text).message


def test_unanchored_quote_names_closest_passage():
    e = one_error(MINIMAL.replace('text = "the plan is sound"', 'text = "the plan was sound"'))
    assert "not found verbatim in section 'one'" in e.message
    assert "closest passage: 'the plan is sound" in e.message


def test_ambiguous_quote_lists_candidates():
    e = one_error(MINIMAL.replace('suffix = ". Ann"\n', ""))
    assert "occurs 2 times" in e.message and "paragraph 1 at 10" in e.message
    assert "paragraph 1 at 38" in e.message


def test_prefix_picks_occurrence():
    article = valid(MINIMAL.replace('suffix = ". Ann"', 'prefix = "Ann said "\nsuffix = ", again"'))
    assert article.anchors["sound"].start == 37


def test_prefix_matching_nothing():
    e = one_error(MINIMAL.replace('suffix = ". Ann"', 'suffix = "!"'))
    assert "suffix match none of the 2 occurrences" in e.message


def test_relation_to_unknown_claim_with_bad_kind():
    text = MINIMAL + '\n[[relations]]\nfrom = "x"\nto = "y"\nkind = "contradicts"\n'
    msgs = [e.message for e in errors(text)]
    assert any("'contradicts' is not allowed here" in m for m in msgs)


def test_unsupported_format():
    e = one_error(MINIMAL.replace("format = 1", "format = 2"))
    assert e.message == "unsupported format 2 (this quoth reads 1)" and (e.line, e.col) == (1, 10)


def test_missing_format():
    e = errors(MINIMAL.replace("format = 1\n", ""))[0]
    assert "missing required key 'format'" in e.message


def test_empty_file():
    for text in ("", "   \n\n# only a comment\n"[:4]):
        e = one_error(text)
        assert "empty file" in e.message


def test_comment_only_file_is_not_an_article():
    msgs = [e.message for e in errors("# nothing here\n")]
    assert any("format" in m for m in msgs)


def test_not_utf8_located():
    result = load_bytes(MINIMAL.encode().replace(b"A small", b"A \xff small"), "a.toml")
    (e,) = result.errors
    assert "not UTF-8" in e.message and (e.line, e.col) == (5, 12)


def test_bom_accepted():
    result = load_bytes(b"\xef\xbb\xbf" + MINIMAL.encode(), "a.toml")
    assert result.article is not None


def test_crlf_accepted():
    assert load_bytes(MINIMAL.replace("\n", "\r\n").encode(), "a.toml").article is not None


def test_file_over_16_mib(tmp_path):
    big = tmp_path / "big.toml"
    with open(big, "wb") as fh:
        fh.write(MINIMAL.encode())
        fh.write(b"#" * (16 * 1024 * 1024))
    (e,) = load_file(big).errors
    assert "limit is 16 MiB" in e.message and e.line == 1


def test_unreadable_file(tmp_path):
    (e,) = load_file(tmp_path / "nope.toml").errors
    assert "cannot read file" in e.message


def test_syntax_error_located():
    e = one_error(MINIMAL.replace('title = "One"', 'title = "One'))
    assert e.message.startswith("TOML syntax:") and e.line == 14


@pytest.mark.parametrize("opener,closer", [("[", "]"), ("{x=", "}")])
def test_deep_nesting(opener, closer):
    text = "a = " + opener * 2000 + "1" + closer * 2000 + "\n"
    e = one_error(text)
    assert e.line == 1
    assert "nested" in e.message or "expected" in e.message or "unknown key" in e.message


@pytest.mark.parametrize(
    "char", ["\x1b", "\x00", "\x07", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\r", "\x0c"]
)
def test_control_characters_refused(char):
    text = MINIMAL.replace('title = "A small article"', f"title = {toml_string('A ' + char + 'x')}")
    e = one_error(text)
    assert f"U+{ord(char):04X}" in e.message and e.line == 5
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", e.format())


def test_control_character_in_key_is_escaped():
    text = MINIMAL.replace('title = "A small article"', 'title = "ok"\n"ti\\u001btle" = "x"')
    errs = errors(text)
    assert any("key 'ti\\u001btle' contains control character U+001B" in e.message for e in errs)
    for e in errs:
        assert "\x1b" not in e.format()


def test_tab_and_newline_allowed_in_text():
    valid(MINIMAL.replace('title = "A small article"', 'title = "A\\tsmall"\nsummary = """two\nlines"""'))


@pytest.mark.parametrize(
    "text", ["[sic]", "[Trump] is", "[ @click=app.quit]", "He said [/", "[b]bold[/b]", "[link=x]y[/]"]
)
def test_brackets_are_ordinary_text(text):
    article = valid(MINIMAL.replace('title = "A small article"', f"title = {toml_string(text)}"))
    assert article.meta.title == text


def test_every_error_reported_in_one_run():
    text = MINIMAL.replace('title = "One"', "title = 3").replace('speaker = "ann"', 'speaker = "bob"')
    text = text.replace('id = "small"', 'id = "Small"')
    assert len(errors(text)) == 3


def test_datetime_published_and_string_refused():
    valid(MINIMAL.replace('title = "A small article"', 'title = "x"\npublished = 2025-02-13T10:00:00Z'))
    e = one_error(MINIMAL.replace('title = "A small article"', 'title = "x"\npublished = "2025-02-13"'))
    assert "TOML date" in e.message


def test_language_tag():
    valid(MINIMAL.replace('title = "A small article"', 'title = "x"\nlanguage = "pt-BR"'))
    assert "BCP 47" in one_error(MINIMAL.replace('title = "A small article"', 'title = "x"\nlanguage = "english!"')).message


def test_shared_name_between_entities_refused():
    text = MINIMAL.replace('aliases = ["Ann"]', 'aliases = ["Ann"]\n\n[[entities]]\nid = "bob"\nname = "Ann"')
    assert "also belongs to entity 'ann'" in one_error(text).message


def test_empty_paragraph_list_allowed():
    valid(MINIMAL + '\n[[sections]]\nid = "two"\ntitle = "Two"\nparagraphs = []\n')


def test_schema_is_generated_from_models():
    schema = json_schema()
    assert schema["required"] == ["format", "article", "sections"]
    assert schema["additionalProperties"] is False
    assert "Quote" in schema["$defs"] and schema["$defs"]["Relation"]["properties"]["from"]
