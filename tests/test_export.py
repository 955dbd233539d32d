"""Cite and export: round trip, selectors, golden Markdown, hostile text."""

from __future__ import annotations

import json
import os

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
        "“everything is on the table” — Pete Hegseth, US Defense Secretary, in "
        "“US Defense Secretary Hints at Troop Reduction as Peace Talks Loom Over Ukraine” (2025-02-13)"
    )


def test_cite_with_every_optional_field():
    a = article(FIXTURES / "full.toml")
    assert cite(a, "not-ready") == (
        "“not ready” — Maria Lind, Mayor, in “Council delays the bridge vote”, The Riverside Gazette (2025-03-01)"
    )
    assert cite(a, "plan-not-ready") == (
        "The plan is not ready. (assertion) — Maria Lind, Mayor, in “Council delays the bridge vote”, "
        "The Riverside Gazette (2025-03-01)\n  Evidence: “not ready” — Maria Lind"
    )


def test_cite_with_every_optional_field_absent():
    a = article(FIXTURES / "bare.toml")
    assert cite(a, "hello") == "“hello” — Someone, in “Untitled report”"
    assert cite(a, "greeting") == "Hello. (assertion) — Someone, in “Untitled report”"
    assert "()" not in cite(a, "hello")


def test_cite_reported_speech_is_labelled():
    assert "(reported speech)" in cite(article(SEED), "had-not-concessions")


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
        quote_sel, pos_sel = item["target"]["selector"]
        qid = item["id"].rsplit(":", 1)[1]
        quote = a.quotes[qid]
        paragraph = a.sections[quote.section].paragraphs[a.anchors[qid].paragraph]
        assert paragraph[pos_sel["start"] : pos_sel["end"]] == quote_sel["exact"] == quote.text
        assert paragraph[: pos_sel["start"]].endswith(quote_sel["prefix"])
        assert paragraph[pos_sel["end"] :].startswith(quote_sel["suffix"])
        assert len(quote_sel["prefix"]) <= 32 and len(quote_sel["suffix"]) <= 32
        assert item["body"][0]["value"] == a.entities[quote.speaker].name


def test_claims_are_schema_org():
    doc = json.loads(to_claims([article(SEED)]))
    claims = [n for n in doc["@graph"] if n["@type"] == "Claim"]
    assert len(claims) == 21
    c = next(n for n in claims if n["@id"].endswith(":claim:no-us-concessions"))
    assert c["author"]["name"] == "Pete Hegseth" and c["text"].startswith("The US has made no concessions")
    assert c["appearance"][0]["@type"] == "Quotation"
    assert {"quoth:kind": "disputes", "quoth:label": "disputed by",
            "quoth:claim": {"@id": "urn:quoth:hegseth-nato-troops:claim:us-conceded-too-much"}} in c["quoth:relations"]


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
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "pdf"])
    assert info.value.code == 2
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 2\n", encoding="utf-8")
    assert main(["export", "-f", "json", str(bad)]) == 1
    assert "unsupported format 2" in capsys.readouterr().err


def test_cli_cite_and_schema(capsys):
    assert main(["cite", "hegseth-nato-troops/perfect-dealmaker"]) == 0
    assert capsys.readouterr().out.startswith("“perfect dealmaker” — Pete Hegseth")
    assert main(["cite", "hegseth-nato-troops/nope"]) == 2
    assert main(["cite", "nothing"]) == 2
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Quoth article, format 1"
