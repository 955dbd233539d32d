"""`quoth check --fix`: typographic punctuation and white space rewritten to the
paragraph's characters, in place, with comments and layout kept."""

from __future__ import annotations

import os
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.cli import main
from tui.core import fix
from tui.core.punct import find_folded, fold_map, fold_punct
from tui.core.reading import load_text

TYPED = """\
# An article typed by hand: keep this comment
format = 1

[article]
id = "typed"
title = "Typed"      # the headline, aligned

[[entities]]
id = "ann"
name = "Ann Example"
aliases = ["Ann"]

[[sections]]
id = "one"
paragraphs = [
  '''Ann said it’s “not ready — yet” and she’d wait… a while.''',
  "Later\u00a0on, Ann said “no” again.",
]

[[quotes]]
id = "not-ready"
speaker = "ann"
section = "one"
text = "it's \\"not ready - yet\\""   # typed with plain quotes

[[quotes]]
id = "wait"
speaker = "ann"
text = 'wait... a  while'

[[quotes]]
id = "later"
speaker = "ann"
section = "one"
text = "Later on"
suffix = ", Ann said \\"no"
"""


def test_plan_finds_each_fix_from_the_data():
    fixes = fix.plan(TYPED)
    assert [(f.quote_id, f.key, f.new) for f in fixes] == [
        ("not-ready", "text", "it’s “not ready — yet”"),
        ("wait", "text", "wait… a while"),
        ("later", "text", "Later\u00a0on"),
        ("later", "suffix", ", Ann said “no"),
    ]
    assert (fixes[0].line, fixes[0].col) == (24, 8)


def test_check_fix_rewrites_in_place_keeping_comments_and_layout(tmp_path, capsys):
    path = tmp_path / "a.toml"
    path.write_text(TYPED, encoding="utf-8")
    os.chmod(path, 0o640)
    assert main(["check", str(path)]) == 1  # typed punctuation: not found verbatim
    capsys.readouterr()
    assert main(["check", "--fix", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:24:8: fixed: quote 'not-ready' text: 'it's \"not ready - yet\"' -> 'it’s “not ready — yet”'" in out
    assert f"{path}: 4 fixes made" in out and out.rstrip().endswith("ok: 1 article, 1 section, 3 quotes, 0 claims, 1 entity")
    after = path.read_text(encoding="utf-8")
    before_lines, after_lines = TYPED.splitlines(), after.splitlines()
    assert len(before_lines) == len(after_lines)
    changed = [(a, b) for a, b in zip(before_lines, after_lines, strict=True) if a != b]
    assert changed == [
        ('text = "it\'s \\"not ready - yet\\""   # typed with plain quotes', 'text = "it’s “not ready — yet”"   # typed with plain quotes'),
        ("text = 'wait... a  while'", "text = 'wait… a while'"),  # still a literal string
        ('text = "Later on"', 'text = "Later\\u00a0on"') if '"Later\\u00a0on"' in after else ('text = "Later on"', 'text = "Later\u00a0on"'),
        ('suffix = ", Ann said \\"no"', 'suffix = ", Ann said “no"'),
    ]
    assert "# An article typed by hand: keep this comment" in after
    assert 'title = "Typed"      # the headline, aligned' in after
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name != "a.toml"]  # no temporary file left
    # a second run has nothing left to do
    assert main(["check", "--fix", str(path)]) == 0
    assert "fixed" not in capsys.readouterr().out


def test_fix_leaves_real_differences_and_ambiguity_alone(tmp_path, capsys):
    text = TYPED.replace("it's \\\"not ready - yet\\\"", "it is not ready")
    ambiguous = text.replace(
        "'''Ann said it’s",
        "'''Ann said “no” and ‘no’ and",
    ).replace('text = "Later on"\nsuffix = ", Ann said \\"no"', "text = 'no'")
    for body in (text, ambiguous):
        path = tmp_path / "a.toml"
        path.write_text(body, encoding="utf-8")
        main(["check", "--fix", str(path)])
        fixed = path.read_text(encoding="utf-8")
        assert "it is not ready" in fixed  # not a punctuation difference: untouched
    assert "text = 'no'" in fixed  # “no” and ‘no’ are both candidates for 'no'; never guessed


def test_fix_quote_without_section_found_anywhere():
    fixes = fix.plan(TYPED)
    wait = next(f for f in fixes if f.quote_id == "wait")
    assert wait.old == "wait... a  while"


def test_fix_ignores_a_file_that_is_not_toml():
    assert fix.plan("format = 1\n[[quotes]\n") == []
    assert fix.apply("x = 1\n", []) == "x = 1\n"


def test_fixed_file_loads():
    fixed = fix.apply(TYPED, fix.plan(TYPED))
    result = load_text(fixed, "a.toml")
    assert result.errors == () and result.article is not None
    assert result.article.quotes["wait"].section == "one"


def test_literal_string_falls_back_to_basic_when_the_text_needs_it():
    text = TYPED.replace("she’d wait… a while", "she'd wait… a while").replace(
        "text = 'wait... a  while'", "text = 'she’d wait... a while'"
    )
    fixes = fix.plan(text)
    out = fix.apply(text, fixes)
    assert "text = \"she'd wait… a while\"" in out


@pytest.mark.parametrize(
    ("typed", "source"),
    [("don't", "don’t"), ('"yes"', "“yes”"), ('"ja"', "„ja“"), ("1990-2000", "1990–2000"), ("a - b", "a — b"), ("so...", "so…"), ("a b", "a\u00a0b")],
)
def test_folding_pairs(typed, source):
    assert find_folded(f"x {source} y", typed) == [(2, 2 + len(source))]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab ’'“”\"—-…. \u00a0", max_size=30))
def test_fold_map_points_back(text):
    folded, origin = fold_map(text)
    assert len(origin) == len(folded) + 1
    assert all(0 <= o <= len(text) for o in origin)
    assert fold_punct(text) == folded
    for start, end in find_folded(text, folded.strip() or "a"):
        assert fold_punct(text[start:end]).strip() == (folded.strip() or "a")


def test_fix_through_a_symbolic_link_keeps_the_link(tmp_path, capsys):
    real = tmp_path / "real.toml"
    real.write_text(TYPED, encoding="utf-8")
    (tmp_path / "articles").mkdir()
    link = tmp_path / "articles" / "a.toml"
    link.symlink_to(real)
    assert main(["check", "--fix", str(tmp_path / "articles")]) == 0
    assert link.is_symlink() and "it’s “not ready — yet”" in real.read_text(encoding="utf-8")
    assert f"{link}: 4 fixes made" in capsys.readouterr().out


def test_fix_makes_a_prefix_or_suffix_touch_the_text():
    text = TYPED.replace('text = "Later on"\nsuffix = ", Ann said \\"no"', 'text = "no"\nprefix = "Ann said"')
    text = text.replace('id = "wait"\nspeaker = "ann"\ntext = \'wait... a  while\'', 'id = "wait"\nspeaker = "ann"\ntext = "and she"\nsuffix = "d wait"')
    fixes = [(f.quote_id, f.key, f.old, f.new) for f in fix.plan(text)]
    assert ("later", "prefix", "Ann said", "Ann said “") in fixes
    assert ("wait", "suffix", "d wait", "’d wait") in fixes
    fixed = fix.apply(text, fix.plan(text))
    assert load_text(fixed, "a.toml").errors == ()
    assert fix.plan(fixed) == []


def test_fix_keeps_a_byte_order_mark_and_crlf_lines(tmp_path, capsys):
    path = tmp_path / "a.toml"
    path.write_bytes(b"\xef\xbb\xbf" + TYPED.replace("\n", "\r\n").encode("utf-8"))
    assert main(["check", "--fix", str(path)]) == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == TYPED.count("\n")
    assert "it’s “not ready — yet”".encode() in raw


PARAGRAPH = "Ann said it’s “not ready — yet”… and she’d wait\u00a0a while – maybe ‘weeks’."
_TYPED = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-", "\u00a0": " "})


@settings(max_examples=40, deadline=None)
@given(st.integers(0, len(PARAGRAPH) - 1), st.integers(1, 30))
def test_any_typed_passage_is_fixed_to_a_valid_file_or_left_alone(start, length):
    exact = PARAGRAPH[start : start + length].strip()
    typed = exact.translate(_TYPED).replace("…", "...")
    if not exact or not typed.strip():
        return
    from .conftest import toml_string

    text = (
        'format = 1\n[article]\nid = "p"\ntitle = "P"\n[[entities]]\nid = "ann"\nname = "Ann"\n'
        f"[[sections]]\nid = \"s\"\nparagraphs = [{toml_string(PARAGRAPH)}]\n"
        f'[[quotes]]\nid = "q"\nspeaker = "ann"\ntext = {toml_string(typed)}  # typed\n'
    )
    fixes = fix.plan(text)
    fixed = fix.apply(text, fixes)
    assert fixed.endswith("  # typed\n")
    result = load_text(fixed, "a.toml")
    occurrences = len(find_folded(PARAGRAPH, typed))
    if occurrences == 1:  # one passage: fixed, and the file is valid
        assert result.errors == (), [e.format() for e in result.errors]
        assert result.article.quotes["q"].text == PARAGRAPH[slice(*find_folded(PARAGRAPH, typed)[0])]
    else:
        assert fixes == [] or len({PARAGRAPH[a:b] for a, b in find_folded(PARAGRAPH, typed)}) == 1
