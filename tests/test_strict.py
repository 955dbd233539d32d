"""`quoth check --strict` and `--warnings`: the checks a valid article may
still fail, in the located form; and the messages of issue 13."""

from __future__ import annotations

import json

from tui.cli import main
from tui.core.reading import load_text
from tui.core.strict import quoted_spans, strict_findings

from .conftest import MINIMAL

LOOSE = """\
format = 1

[article]
id = "loose"
title = "Loose ends"

[[entities]]
id = "ann"
name = "Ann Example"
aliases = ["Ann", "Annie"]

[[entities]]
id = "ghost"
name = "Nobody Here"

[[entities]]
id = "us"
name = "United States"
aliases = ["US"]
kind = "country"

[[sections]]
id = "one"
paragraphs = [
  "Ann said the US plan is “not ready for a vote” and added “this is the real thing today”, a “scare” quote.",
]

[[quotes]]
id = "not-ready"
speaker = "ann"
text = "not ready for a vote"

[[claims]]
id = "c"
speaker = "ann"
section = "one"
text = "The plan is not ready."
"""


def test_findings_are_located_warnings():
    result = load_text(LOOSE, "a.toml")
    assert result.article is not None, [e.format() for e in result.errors]
    found = strict_findings(result.article, LOOSE)
    assert [d.headline for d in found] == [
        "a.toml:10:19: warning: entity 'ann' aliases: 'Annie' never occurs in the text",
        "a.toml:12:1: warning: entity 'ghost': never mentioned, quoted or referred to: no name of it occurs "
        "in the text, and no quote, claim or via names it",
        "a.toml:25:62: warning: section 'one' paragraph 1: 'this is the real thing today' is in quotation marks, "
        "but no quote covers it (add a [[quotes]] entry)",
        "a.toml:37:8: warning: claim 'c' text: no evidence quote: add quotes = [\"…\"] with the quote that carries it",
    ]
    # the caret is under the uncovered words
    source, caret = found[2].format().splitlines()[1:]
    assert caret.index("^") == source.index("this is the real") and caret.count("^") == len("this is the real thing today")


def test_strict_fails_warnings_do_not(tmp_path, capsys):
    path = tmp_path / "a.toml"
    path.write_text(LOOSE, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    capsys.readouterr()
    assert main(["check", "--warnings", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "warning: entity 'ann' aliases: 'Annie'" in err and err.rstrip().endswith("4 warnings (errors under --strict)")
    assert out.startswith("ok: ")
    assert main(["check", "--strict", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:10:19: error: entity 'ann' aliases: 'Annie' never occurs in the text" in err
    assert err.rstrip().endswith("4 errors in 1 file")


def test_strict_passes_a_tidy_article(tmp_path, capsys):
    tidy = (
        LOOSE.replace(', "Annie"', "")
        .replace('[[entities]]\nid = "ghost"\nname = "Nobody Here"\n\n', "")
        .replace('section = "one"\ntext = "The plan', 'section = "one"\nquotes = ["not-ready"]\ntext = "The plan')
        .replace(" and added “this is the real thing today”", "")
    )
    path = tmp_path / "a.toml"
    path.write_text(tidy, encoding="utf-8")
    assert main(["check", "--strict", str(path)]) == 0
    assert capsys.readouterr().out.startswith("ok: 1 article")
    assert main(["check", "--strict"]) == 0  # the bundled content is strict-clean


def test_case_insensitive_aliases_count_as_occurring():
    text = LOOSE.replace('aliases = ["US"]', 'aliases = ["us"]\naliases_case = "insensitive"')
    article = load_text(text, "a.toml").article
    assert article is not None
    assert not any("'us'" in d.message and "never occurs" in d.message for d in strict_findings(article, text))


def test_quoted_spans_skip_apostrophes():
    text = "It’s ‘a long time’ since “we met”, «dit-il ici» and „so weit“ and \"plain ones\"."
    assert [text[a:b] for a, b in quoted_spans(text)] == ["a long time", "we met", "dit-il ici", "so weit", "plain ones"]


# -- messages ----------------------------------------------------------


def test_syntax_error_in_a_paragraph_hints_at_the_quote_and_literal_strings():
    text = MINIMAL.replace(
        'paragraphs = ["Ann said the plan is sound. Ann said the plan is sound, again."]',
        'paragraphs = [\n  "Ann said "the plan is sound". Ann said the plan is sound, again.",\n]',
    )
    (error,) = load_text(text, "a.toml").errors
    assert error.message.startswith("TOML syntax: Unclosed array; a \" inside a paragraph ends the string early")
    assert "write it as \\\"" in error.message and "'''like \"this\"'''" in error.message
    assert (error.line, error.col) == (16, 13)


def test_text_across_paragraphs_points_at_the_break():
    text = MINIMAL.replace(
        'paragraphs = ["Ann said the plan is sound. Ann said the plan is sound, again."]',
        'paragraphs = ["Ann said the plan", "is sound. Ann said the plan is sound, again."]',
    ).replace('text = "the plan is sound"\nsuffix = ". Ann"', 'text = "Ann said the plan is sound."')
    messages = [e.message for e in load_text(text, "a.toml").errors]
    assert (
        "quote 'sound' text: text runs across paragraphs 1 and 2 of section 'one': paragraph 1 ends after "
        "'Ann said the plan'. A quote lies within one paragraph: split it in two and give the second part "
        "continues = 'sound'"
    ) in messages


def test_prefix_that_does_not_touch_gets_a_note():
    text = MINIMAL.replace('suffix = ". Ann"', 'suffix = "Ann"')
    result = load_text(text, "a.toml")
    notes = [e for e in result.errors if e.severity == "note"]
    assert [n.message for n in notes] == [
        "quote 'sound' suffix: suffix 'Ann' would match in paragraph 1 if it touched the text; "
        "a suffix must begin right where the text ends: suffix = '. Ann'"
    ]
    assert notes[0].format().startswith("a.toml:22:10: note: ")


def test_cite_unknown_article_says_where_it_looked(capsys, tmp_path):
    assert main(["cite", "nope/q"]) == 2
    err = capsys.readouterr().err
    assert "no article 'nope'; looked only in the bundled content: pass the article's file or folder" in err
    (tmp_path / "a.toml").write_text(MINIMAL, encoding="utf-8")
    assert main(["cite", "nope/q", str(tmp_path)]) == 2
    assert f"no article 'nope' in {tmp_path}" in capsys.readouterr().err


def test_schema_lists_the_new_keys(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    defs = schema["$defs"]
    assert {"continues", "via"} <= set(defs["Quote"]["properties"]) and "section" not in defs["Quote"]["required"]
    assert {"short", "aliases_case"} <= set(defs["Entity"]["properties"])
    assert "document" in defs["Entity"]["properties"]["kind"]["enum"]
    assert "title" not in defs["Section"]["required"]
    assert {"license", "attribution"} <= set(defs["ArticleMeta"]["properties"])


def test_paragraphs_are_counted_from_one_in_messages():
    text = MINIMAL.replace(
        'paragraphs = ["Ann said the plan is sound. Ann said the plan is sound, again."]',
        'paragraphs = ["Ann said the plan is sound. Ann said the plan is sound, again.", "bad \\u001b"]',
    )
    (error,) = load_text(text, "a.toml").errors
    assert error.message.startswith("section 'one' paragraph 2: text contains control character U+001B")


def test_items_without_a_usable_id_are_counted_from_one():
    text = MINIMAL + '\n[[quotes]]\nid = 7\nspeaker = "ann"\nsection = "one"\ntext = "Ann said"\n'
    messages = [e.message for e in load_text(text, "a.toml").errors]
    assert "quote 2 id: expected a string, got an integer" in messages


def test_coverage_caret_finds_the_quoted_occurrence():
    text = LOOSE.replace(
        "and added “this is the real thing today”",
        "and added this is the real thing today, “this is the real thing today”",
    )
    article = load_text(text, "a.toml").article
    (found,) = [d for d in strict_findings(article, text) if "quotation marks" in d.message]
    source, caret = found.format().splitlines()[1:]
    assert source[caret.index("^") - 1] == "“"


def test_strict_and_fix_do_not_load_textual(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "a.toml"
    path.write_text(LOOSE, encoding="utf-8")
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"rc = main(['check', '--fix', '--strict', {str(path)!r}])\n"
        "assert 'textual' not in sys.modules and 'rich' not in sys.modules\n"
        "raise SystemExit(rc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 1 and "AssertionError" not in out.stderr, out.stderr


def test_an_entity_whose_names_never_occur_gets_one_finding():
    text = LOOSE.replace("Ann said the US plan", "She said the US plan")
    article = load_text(text, "a.toml").article
    about_ann = [d.message for d in strict_findings(article, text) if "entity 'ann'" in d.message]
    assert about_ann == ["entity 'ann' name: 'Ann Example': neither the name nor any alias occurs in the text"]
