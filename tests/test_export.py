"""Cite and export: round trip, selectors, golden Markdown, hostile text."""

from __future__ import annotations

import json
import os
import re

import pytest

from tui.cli import main
from tui.core.export import cite, to_annotations, to_claims, to_json, to_markdown
from tui.core.library import load_library
from tui.core.model import ArticleFile

from .conftest import FIXTURES, REPO, SEED
from .test_hostile import HOSTILE

GOLDEN = REPO / "tests" / "golden" / "hegseth-nato-troops.md"


def article(path):
    lib = load_library([path])
    assert not lib.errors, [e.format() for e in lib.errors]
    return lib.articles[0]


def test_cite_example_from_the_issue():
    assert cite(article(SEED), "everything-on-the-table") == (
        "“everything is on the table” — Pete Hegseth, US Defense Secretary, quoted in "
        "“US Defense Secretary Hints at Troop Reduction as Peace Talks Loom Over Ukraine,” February 13, 2025."
    )


def test_cite_with_every_optional_field_is_chicago_notes_for_news():
    a = article(FIXTURES / "full.toml")
    assert cite(a, "not-ready") == (
        "“not ready” — Maria Lind, Mayor, quoted in A. Reporter and B. Writer, “Council delays the bridge vote,” "
        "The Riverside Gazette, March 1, 2025, https://example.org/bridge."
    )
    assert cite(a, "plan-not-ready") == (
        "The plan is not ready. (assertion) — Maria Lind, Mayor, in A. Reporter and B. Writer, "
        "“Council delays the bridge vote,” The Riverside Gazette, March 1, 2025, https://example.org/bridge.\n"
        "  Evidence: “not ready” — Maria Lind"
    )
    assert cite(a, "not-ready", "markdown") == (
        "“not ready” — Maria Lind, Mayor, quoted in A. Reporter and B. Writer, “Council delays the bridge vote,” "
        "*The Riverside Gazette*, March 1, 2025, <https://example.org/bridge>."
    )


def test_cite_with_every_optional_field_absent():
    a = article(FIXTURES / "bare.toml")
    assert cite(a, "hello") == "“hello” — Someone, quoted in “Untitled report.”"
    assert cite(a, "greeting") == "Hello. (assertion) — Someone, in “Untitled report.”"
    assert "()" not in cite(a, "hello")


def test_cite_reported_speech_is_a_paraphrase_never_in_quotation_marks():
    a = article(SEED)
    text = cite(a, "had-not-concessions")
    quote = a.quotes["had-not-concessions"].text
    assert text.startswith(quote + " (paraphrase) — Pete Hegseth")
    assert f"“{quote}”" not in text and "reported in" in text
    claim = cite(a, "no-us-concessions")
    assert f"Evidence (paraphrase): {quote} — Pete Hegseth" in claim and f"“{quote}”" not in claim


def test_bibtex_is_escaped_and_names_the_quote():
    a = article(HOSTILE)
    entry = cite(a, "said", "bibtex")
    assert entry.startswith("@article{hostile:said,\n")
    assert "title = {He said [/ and [sic] [bold]twice[/bold]}" in entry
    assert entry.count("{") == entry.count("}")  # article text cannot unbalance the entry


@pytest.mark.parametrize("path", [SEED, FIXTURES / "full.toml", FIXTURES / "bare.toml", HOSTILE])
def test_json_round_trip_equals_the_model(path):
    a = article(path)
    doc = json.loads(to_json([a]))
    assert doc["quoth_export"] == 1
    (data,) = doc["articles"]
    derived = data.pop("derived")
    assert ArticleFile.model_validate_json(json.dumps(data)) == a.doc
    for qid, anchor in derived["anchors"].items():
        quote = a.quotes[qid]
        paragraph = a.sections[anchor["section"]].paragraphs[anchor["paragraph"]]
        assert paragraph[anchor["start"] : anchor["end"]] == quote.text


def test_json_leaves_out_what_the_file_left_out():
    data = json.loads(to_json([article(FIXTURES / "bare.toml")]))["articles"][0]
    assert data["article"] == {"id": "bare", "title": "Untitled report"}
    assert data["entities"] == [{"id": "someone", "name": "Someone"}]
    assert "quotes" in data and "kind" not in data["quotes"][0] and "sources" not in data
    full = json.loads(to_json([article(FIXTURES / "full.toml")]))["articles"][0]
    assert full["article"]["published"] == "2025-03-01" and full["article"]["language"] == "en-GB"


def test_local_date_times_load_export_and_read_back(tmp_path):
    from .conftest import MINIMAL

    path = tmp_path / "local.toml"
    path.write_text(MINIMAL.replace('title = "A small article"', 'title = "A small article"\npublished = 2025-03-01T10:30:00'), encoding="utf-8")
    a = article(path)
    data = json.loads(to_json([a]))["articles"][0]
    assert data["article"]["published"] == "2025-03-01T10:30:00"
    data.pop("derived")
    assert ArticleFile.model_validate_json(json.dumps(data)) == a.doc


def test_json_has_relations_both_ways_and_mentions():
    data = json.loads(to_json([article(SEED)]))["articles"][0]["derived"]
    assert {"label": "disputed by", "kind": "disputes", "claim": "us-conceded-too-much", "direction": "in",
            "note": "The Europeans say concessions were made; Hegseth says the US made none."} in data["relations"]["no-us-concessions"]
    assert any(m["entity"] == "hegseth" for m in data["mentions"])


@pytest.mark.parametrize("path", [SEED, FIXTURES / "full.toml", HOSTILE])
def test_every_position_selector_slices_its_exact_text(path):
    a = article(path)
    page = json.loads(to_annotations([a]))
    assert page["type"] == "AnnotationPage" and page["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert len(page["items"]) == len(a.doc.quotes)
    for item in page["items"]:
        (target,) = item["target"]
        quote_sel, locator = target["selector"]
        pos_sel = locator["refinedBy"]
        qid = item["id"].rsplit(":", 1)[1]
        quote = a.quotes[qid]
        paragraph = a.sections[quote.section].paragraphs[a.anchors[qid].paragraph]
        assert paragraph[pos_sel["start"] : pos_sel["end"]] == quote_sel["exact"] == quote.text
        assert paragraph[: pos_sel["start"]].endswith(quote_sel["prefix"])
        assert paragraph[pos_sel["end"] :].startswith(quote_sel["suffix"])
        assert len(quote_sel["prefix"]) <= 32 and len(quote_sel["suffix"]) <= 32
        assert item["body"][0]["source"]["name"] == a.entities[quote.speaker].name


def test_an_article_with_no_quotes_exports_an_empty_collection(tmp_path):
    from .conftest import MINIMAL

    path = tmp_path / "none.toml"
    path.write_text(MINIMAL[: MINIMAL.index("[[quotes]]")], encoding="utf-8")
    doc = json.loads(to_annotations([article(path)]))
    assert doc == {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:quoth:small:annotations:empty",
                   "type": "AnnotationCollection", "label": "Quoth quotes (none)", "total": 0}


def test_claims_are_schema_org():
    doc = json.loads(to_claims([article(SEED)]))
    claims = [n for n in doc["@graph"] if n["@type"] == "Claim"]
    assert len(claims) == 21
    nodes = {n["@id"]: n for n in doc["@graph"]}
    c = nodes["urn:quoth:hegseth-nato-troops:claim:no-us-concessions"]
    assert nodes[c["author"]["@id"]]["name"] == "Pete Hegseth" and c["text"].startswith("The US has made no concessions")
    assert c["appearance"][0]["@type"] == "Quotation"
    assert c["additionalType"] == "urn:quoth:vocab:claim-kind:denial"
    healey = nodes["urn:quoth:hegseth-nato-troops:entity:healey"]  # referenced, and described
    assert healey["@type"] in ("Person", "Organization") and healey["name"]


def test_markdown_matches_golden_file():
    text = to_markdown([article(SEED)])
    if os.environ.get("QUOTH_UPDATE_GOLDEN"):  # regenerate on purpose, then review the diff
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_hostile_article_exports_and_cites_verbatim():
    a = article(HOSTILE)
    assert cite(a, "said").startswith("“He said [/ then [ @click=app.quit]quit[/]” — [Trump], [$accent]President[/]")
    data = json.loads(to_json([a]))["articles"][0]
    assert data["article"]["title"] == "He said [/ and [sic] [bold]twice[/bold]"
    md = to_markdown([a])
    assert "He said \\[/ and \\[sic\\] \\[bold\\]twice\\[/bold\\]" in md  # escaped for Markdown, shown literally


def test_cli_export_and_exit_codes(tmp_path, capsys):
    out = tmp_path / "out.json"
    assert main(["export", "--format", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["articles"][0]["article"]["id"] == "hegseth-nato-troops"
    assert main(["export", "-f", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("# US Defense Secretary Hints")
    assert main(["export", "-f", "markdown", "--flavor", "commonmark"]) == 0
    assert "## Notes" in capsys.readouterr().out
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "pdf"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "json", "--flavor", "commonmark"])
    assert info.value.code == 2
    assert "--flavor applies to --format markdown only" in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 2\n", encoding="utf-8")
    assert main(["export", "-f", "json", str(bad)]) == 2
    captured = capsys.readouterr()
    assert "unsupported format 2" in captured.err
    assert json.loads(captured.out) == {"quoth_export": 1, "articles": []}


def _folder_with_a_bad_file(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "good.toml").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "bad.toml").write_text('format = 1\n[article]\nid = "bad"\ntitle = ""\n', encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("argv", "expect"),
    [
        (["search", "dealmaker"], "hegseth-nato-troops/perfect-dealmaker"),
        (["export", "-f", "json"], '"id": "hegseth-nato-troops"'),
        (["export", "-f", "annotations"], "urn:quoth:hegseth-nato-troops:quote:perfect-dealmaker"),
        (["cite", "hegseth-nato-troops/perfect-dealmaker"], "“perfect dealmaker” — Pete Hegseth"),
    ],
    ids=lambda v: v[0] if isinstance(v, list) else "",
)
def test_a_folder_with_a_bad_file_answers_from_the_rest_and_exits_2(tmp_path, capsys, argv, expect):
    folder = _folder_with_a_bad_file(tmp_path)
    assert main([*argv, str(folder)]) == 2
    captured = capsys.readouterr()
    assert expect in captured.out
    assert f"{folder / 'bad.toml'}:4:9: error: article.title" in captured.err
    assert re.search(r"^\d+ errors? in 1 file$", captured.err, re.M)


def test_cli_cite_formats_and_schema(capsys):
    assert main(["cite", "hegseth-nato-troops/perfect-dealmaker"]) == 0
    assert capsys.readouterr().out.startswith("“perfect dealmaker” — Pete Hegseth")
    assert main(["cite", "hegseth-nato-troops/perfect-dealmaker", "--format", "csl-json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert item["type"] == "article-newspaper" and item["issued"] == {"date-parts": [[2025, 2, 13]]}
    assert main(["cite", "hegseth-nato-troops/perfect-dealmaker", "-f", "bibtex"]) == 0
    assert capsys.readouterr().out.startswith("@article{hegseth-nato-troops:perfect-dealmaker,")
    assert main(["cite", "hegseth-nato-troops/nope"]) == 2
    assert main(["cite", "nothing"]) == 2
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Quoth article, format 1"
    assert main(["schema", "--export"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Quoth JSON export, version 1"


@pytest.mark.parametrize("command", ["search", "cite", "export"])
def test_usage_errors_do_not_call_the_optional_path_required(command, capsys):
    with pytest.raises(SystemExit) as info:
        main([command])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "[PATH ...]" in err
    assert "required:" in err and "PATH" not in err.split("required:")[1]


def test_the_docs_list_the_export_formats_of_the_registry():
    from tui.core.export import CITE_FORMATS, FORMATS

    text = (REPO / "docs" / "exports.md").read_text(encoding="utf-8")
    listed = re.findall(r"^### `([a-z-]+)`: (.+)$", text, re.M)
    assert listed == [(f.name, f.summary) for f in FORMATS.values()]
    assert "`quoth cite --format " + "|".join(CITE_FORMATS) + "`" in text
    help_text = _help(["export", "--help"])
    for f in FORMATS.values():
        assert f.name in help_text


def _help(argv):
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), pytest.raises(SystemExit):
        main(argv)
    return " ".join(buf.getvalue().split())


def test_the_readme_search_and_cite_example_is_what_the_commands_print(capsys):
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text[text.index("$ quoth search dealmaker") :]
    block = block[: block.index("```")]
    commands = re.findall(r"^\$ (.+)$", block, re.M)
    expected = re.split(r"^\$ .+\n", block, flags=re.M)[1:]
    for command, output in zip(commands, expected, strict=True):
        argv = [a.strip("'") for a in command.split()[1:]]
        main(argv)
        assert capsys.readouterr().out == output


def test_a_quote_and_a_claim_sharing_an_id_are_told_apart(capsys):
    a = article(SEED)
    assert "no-nato-membership" in a.quotes and "no-nato-membership" in a.claims
    assert cite(a, "no-nato-membership") == cite(a, "quote:no-nato-membership")  # the quote, as before
    assert cite(a, "claim:no-nato-membership").startswith("NATO membership for Ukraine is ruled out")
    assert cite(a, "claim:nope") is None and cite(a, "other:no-nato-membership") is None
    assert main(["search", "nato membership"]) == 0
    refs = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert refs == ["hegseth-nato-troops/no-nato-membership", "hegseth-nato-troops/claim:no-nato-membership"]
    assert main(["cite", refs[1], "-f", "csl-json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] == "hegseth-nato-troops/claim:no-nato-membership"
