"""What the loader and `quoth check` refuse, with a located error: urls that
are not http(s), invisible characters in names and aliases, and folders
that cannot be read."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tui.core.reading import load_text

from .conftest import MINIMAL, REPO, toml_string, without_privileges


def _errors(text: str) -> list[str]:
    result = load_text(text, "a.toml")
    return [e.headline for e in result.errors]


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "x><script>alert(1)</script", "file:///etc/passwd", "data:text/html,<b>x</b>", "//example.com/a", "https://", "https://exa mple.com/", "https://example.com/<b>", "ftp://example.com/a"],
)
def test_only_http_and_https_urls(url):
    text = MINIMAL.replace('title = "A small article"', f'title = "A small article"\nurl = {toml_string(url)}')
    errors = _errors(text)
    assert len(errors) == 1 and errors[0].startswith("a.toml:6:7: error: article.url: "), errors
    assert "is not an http or https url" in errors[0]
    src = text + f'\n[[sources]]\ntitle = "S"\nurl = {toml_string(url)}\n'
    assert any(e.startswith("a.toml:") and "source 1 url: " in e for e in _errors(src))


@pytest.mark.parametrize("url", ["https://example.com/story?id=1&x=2#p", "HTTP://EXAMPLE.COM", "http://localhost:8080/a_(b)"])
def test_good_urls_pass(url):
    assert _errors(MINIMAL.replace('title = "A small article"', f'title = "A small article"\nurl = {toml_string(url)}')) == []


@pytest.mark.parametrize("char", ["\u200b", "\u200e", "\u200f", "\u061c", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u3164"])
def test_invisible_characters_are_refused_in_names_and_aliases(char):
    name = MINIMAL.replace('name = "Ann Example"', f'name = "Ann{char} Example"')
    (error,) = _errors(name)
    assert error.startswith("a.toml:9:8: error: entity 'ann' name: ")
    assert f"invisible character U+{ord(char):04X} at character 4" in error
    alias = MINIMAL.replace('aliases = ["Ann"]', f'aliases = ["Ann{char}"]')
    (error,) = _errors(alias)
    assert error.startswith("a.toml:10:12: error: entity 'ann' aliases: ")


@pytest.mark.parametrize("word", ["\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\U0001f469\u200d\U0001f52c"])
def test_joiners_that_scripts_need_are_kept(word):
    # ZWNJ in Persian, ZWJ in emoji sequences: visible in effect, and needed
    assert _errors(MINIMAL.replace('aliases = ["Ann"]', f'aliases = ["Ann", {toml_string(word)}]')) == []


def test_invisible_characters_elsewhere_are_kept():
    text = MINIMAL.replace('"Ann said the plan', '"Ann said\u200f the plan')
    assert _errors(text) == []


def test_check_reports_unreadable_subfolders(tmp_path):
    lib = tmp_path / "lib"
    (lib / "closed").mkdir(parents=True)
    (lib / "enter-only").mkdir()
    (lib / "list-only").mkdir()
    (lib / "a.toml").write_text(MINIMAL, encoding="utf-8")
    for folder in ("closed", "enter-only", "list-only"):
        (lib / folder / "b.toml").write_text(MINIMAL.replace('id = "small"', f'id = "{folder}"'), encoding="utf-8")
    os.chmod(lib / "closed", 0o000)
    os.chmod(lib / "enter-only", 0o111)
    os.chmod(lib / "list-only", 0o444)
    try:
        out = subprocess.run(without_privileges([sys.executable, "-m", "tui", "check", str(lib)]), capture_output=True, text=True, cwd=REPO)
    finally:
        for folder in ("closed", "enter-only", "list-only"):
            os.chmod(lib / folder, 0o755)
    assert out.returncode == 1, out.stdout + out.stderr
    for folder in ("closed", "enter-only", "list-only"):
        assert f"{lib / folder}:1:1: error: cannot read folder: Permission denied" in out.stderr
    assert out.stderr.rstrip().endswith("3 errors in 3 files")
