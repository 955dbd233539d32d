"""`quoth check`: exit codes, compiler-style output, the summary line."""

from __future__ import annotations

import subprocess
import sys

from tui.cli import main

from .conftest import MINIMAL, SEED


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=cwd)


def test_check_bundled_content_by_default(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: 1 article, 8 sections, 26 quotes, 21 claims, 15 entities")


def test_check_valid_file(tmp_path, capsys):
    path = tmp_path / "a.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out == "ok: 1 article, 1 section, 1 quote, 0 claims, 1 entity\n"


def test_check_invalid_reports_all_errors(tmp_path, capsys):
    bad = MINIMAL.replace('speaker = "ann"', 'speaker = "hegseh"').replace('title = "One"', "title = 1")
    (tmp_path / "a.toml").write_text(bad, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.toml").write_text("format = 2\n", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'a.toml'}:14:9: error: section 'one' title: expected a string, got an integer" in err
    assert f"{tmp_path / 'a.toml'}:19:11: error: quote 'sound' speaker: unknown entity 'hegseh'" in err
    assert f"{tmp_path / 'sub' / 'b.toml'}:1:10: error: unsupported format 2 (this quoth reads 1)" in err
    assert err.rstrip().endswith("3 errors in 2 files")


def test_check_usage_errors():
    assert run("check", "--bogus").returncode == 2
    missing = run("check", "/no/such/place")
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr


def test_check_hostile_path_and_content_are_escaped(tmp_path):
    path = tmp_path / "evil\x1b[31m.toml"
    path.write_text('format = 1\n"\\u001b]0;x\\u0007" = 1\n', encoding="utf-8")
    out = run("check", str(path))
    assert out.returncode == 1
    assert "\x1b" not in out.stderr and "\x07" not in out.stderr
    assert "^[" in out.stderr and "\\u001b" in out.stderr


def test_version_and_help():
    assert run("--version").stdout.strip() == "quoth 0.1.0"
    helped = run("--help")
    assert helped.returncode == 0 and "quoth check" in helped.stdout


def test_check_runs_from_any_directory(tmp_path):
    out = run("check", cwd=tmp_path)
    assert out.returncode == 0 and out.stdout.startswith("ok: 1 article")


def test_seed_is_the_bundled_article():
    assert SEED.exists()


def test_reader_refuses_invalid_content_with_located_errors(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(MINIMAL.replace('speaker = "ann"', 'speaker = "bob"'), encoding="utf-8")
    out = run(str(bad))
    assert out.returncode == 1
    assert f"{bad}:19:11: error: quote 'sound' speaker: unknown entity 'bob'" in out.stderr
    assert run("/no/such/article.toml").returncode == 2


def test_reader_help_lists_its_options():
    out = run("--help")
    assert "--no-watch" in out.stdout and "--no-cache" in out.stdout


def test_reader_opens_the_bundled_article_from_any_directory(tmp_path):
    """The installed package carries its styles and content (run from elsewhere)."""
    code = (
        "from tui.app import QuothApp\n"
        "from tui.core.library import bundled_content, load_library\n"
        "lib = load_library([bundled_content()])\n"
        "async def check(pilot):\n"
        "    await pilot.pause()\n"
        "    print(type(pilot.app.screen).__name__, pilot.app.screen.article.id)\n"
        "    pilot.app.exit()\n"
        "QuothApp(lib).run(headless=True, size=(120, 40), auto_pilot=check)\n"
    )
    env = {**__import__("os").environ, "QUOTH_STATE_DIR": str(tmp_path / "state")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "ReaderScreen hegseth-nato-troops" in out.stdout
