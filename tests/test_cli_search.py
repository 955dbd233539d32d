"""`quoth search`: grep-style lines, --json, highlighting, exit codes."""

from __future__ import annotations

import json

from tui.cli import main

from .conftest import MINIMAL


def test_search_prints_grep_style_lines(capsys):
    assert main(["search", "everything is on"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        'hegseth-nato-troops/everything-on-the-table  (section everything-on-the-table)  '
        'Pete Hegseth (US Defense Secretary), direct: "everything is on the table"'
    ]


def test_search_lines_start_with_what_cite_takes(capsys):
    assert main(["search", "dealmaker"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("hegseth-nato-troops/perfect-dealmaker  (section everything-on-the-table)")
    for line in lines:
        ref = line.split()[0]
        assert main(["cite", ref]) == 0
        assert "Pete Hegseth" in capsys.readouterr().out


def test_search_claims_follow_quotes(capsys):
    assert main(["search", "concessions"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 7
    assert all("claim (" not in line for line in out[:4])
    assert all("claim (" in line for line in out[4:])


def test_search_plain_when_not_a_terminal_and_highlighted_when_forced(capsys):
    main(["search", "dealmaker"])
    assert "\x1b" not in capsys.readouterr().out
    main(["search", "dealmaker", "--color", "always"])
    out = capsys.readouterr().out
    assert "\x1b[1;31mdealmaker\x1b[0m" in out


def test_search_json(capsys):
    assert main(["search", "speaker:zelenskyy blind", "--json"]) == 0
    line, claim = capsys.readouterr().out.splitlines()
    assert json.loads(claim)["type"] == "claim"  # "blindly" in the claim's words
    obj = json.loads(line)
    assert obj["type"] == "quote"
    assert obj["article"] == "hegseth-nato-troops" and obj["section"] == "europe-alarmed"
    assert obj["id"] == "no-blind-trust" and obj["speaker"] == "zelenskyy" and obj["kind"] == "indirect"
    (m,) = obj["matches"]
    assert obj["text"][m["start"] : m["end"]] == "blind"


def test_search_exit_codes(tmp_path, capsys):
    assert main(["search", "nothing-like-this"]) == 1
    assert main(["search", "bogus:filter"]) == 2
    assert "unknown filter 'bogus'" in capsys.readouterr().err
    assert main(["search", '"unclosed']) == 2
    bad = tmp_path / "bad.toml"
    bad.write_text(MINIMAL.replace('speaker = "ann"', 'speaker = "bob"'), encoding="utf-8")
    assert main(["search", "plan", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:19:11: error: quote 'sound' speaker: unknown entity 'bob'" in err
    assert main(["search", "x", "/no/such/path"]) == 2


def test_search_hostile_text_is_inert(tmp_path, capsys):
    from .test_hostile import HOSTILE

    assert main(["search", "said", str(HOSTILE), "--color", "always"]) == 0
    out = capsys.readouterr().out
    assert "[ @click=app.quit]quit[/]" in out
