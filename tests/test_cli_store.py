"""`quoth check` and `quoth search` answer from the library store: nothing is
parsed when nothing changed, and that warm path imports neither Textual nor
pydantic. A changed file, or a new Quoth version, is checked again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

import tui.core.preload as preload
from tui.cli import main
from tui.core import store_db

from .conftest import FIXTURES, REPO

LIBRARY = FIXTURES / "library"


@pytest.fixture
def lib(tmp_path):
    dest = tmp_path / "lib"
    shutil.copytree(LIBRARY, dest)
    (dest / "broken.toml").write_text('format = 1\n[article\nid = "x"\n', encoding="utf-8")
    return dest


@pytest.fixture
def parsed(monkeypatch):
    """The files parsed (in this process: the folders here are small)."""
    names: list[str] = []
    parse = preload.parse

    def counting(path):
        names.append(os.path.basename(path))
        return parse(path)

    monkeypatch.setattr(preload, "parse", counting)
    return names


PROBE = textwrap.dedent(
    """
    import sys
    from tui.cli import main
    rc = main(sys.argv[1:])
    bad = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich", "pydantic"))
    assert not bad, bad
    raise SystemExit(rc)
    """
)


@pytest.mark.parametrize("command", [["search", "peace talks"], ["check"]])
def test_the_warm_path_imports_neither_textual_nor_pydantic(tmp_path, command):
    lib = tmp_path / "lib"
    shutil.copytree(LIBRARY, lib)
    run = [sys.executable, "-m", "tui", *command, str(lib)]
    cold = subprocess.run(run, capture_output=True, text=True, cwd=REPO, env=os.environ.copy())
    assert cold.returncode == 0, cold.stderr[-2000:]
    warm = subprocess.run(
        [sys.executable, "-c", PROBE, *command, str(lib)], capture_output=True, text=True, cwd=REPO, env=os.environ.copy()
    )
    assert warm.returncode == 0, warm.stderr[-2000:]
    assert warm.stdout == cold.stdout


def test_check_reports_unchanged_files_from_the_store(lib, parsed, capsys):
    assert main(["check", str(lib)]) == 1
    cold = capsys.readouterr()
    assert sorted(parsed) == ["broken.toml", "followup.toml", "hegseth-nato-troops.toml", "zz-bare.toml"]
    assert "broken.toml:2" in cold.err
    parsed.clear()
    assert main(["check", str(lib)]) == 1
    assert capsys.readouterr() == cold and parsed == []  # the same report, nothing parsed


def test_a_changed_file_is_checked_again(lib, parsed, capsys):
    (lib / "broken.toml").unlink()
    assert main(["check", str(lib)]) == 0
    ok = capsys.readouterr().out
    parsed.clear()
    path = lib / "followup.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('speaker = "', 'speaker = "nobody-', 1), encoding="utf-8")
    os.utime(path, ns=(1, 10**18))
    assert main(["check", str(lib)]) == 1
    assert parsed == ["followup.toml"]
    assert "unknown entity 'nobody-" in capsys.readouterr().err
    path.write_text(path.read_text(encoding="utf-8").replace('speaker = "nobody-', 'speaker = "', 1), encoding="utf-8")
    os.utime(path, ns=(1, 2 * 10**18))
    assert main(["check", str(lib)]) == 0
    assert capsys.readouterr().out == ok


def test_a_new_quoth_version_checks_everything_again(lib, parsed, monkeypatch, capsys):
    main(["check", str(lib)])
    cold = capsys.readouterr()
    parsed.clear()
    monkeypatch.setattr(store_db, "USER_VERSION", store_db.USER_VERSION + 1)
    main(["check", str(lib)])
    assert len(parsed) == 4 and capsys.readouterr() == cold


def test_search_answers_from_the_store_and_sees_edits(lib, parsed, capsys):
    (lib / "broken.toml").unlink()
    assert main(["search", '"take the lead"', str(lib)]) == 0
    first = capsys.readouterr().out
    assert "munich-followup/" in first
    parsed.clear()
    assert main(["search", '"take the lead"', str(lib)]) == 0
    assert capsys.readouterr().out == first and parsed == []
    path = lib / "followup.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("take the lead", "take charge"), encoding="utf-8")
    os.utime(path, ns=(1, 10**18))
    assert main(["search", '"take the lead"', str(lib)]) == 1
    assert main(["search", '"take charge"', str(lib)]) == 0
    assert "munich-followup/" in capsys.readouterr().out and parsed == ["followup.toml"]


def test_no_cache_writes_no_store(lib, capsys):
    (lib / "broken.toml").unlink()
    assert main(["search", "--no-cache", "troops", str(lib)]) == 0
    assert main(["check", "--no-cache", str(lib)]) == 0
    assert not list(store_db.cache_dir().glob("*.sqlite3")) if store_db.cache_dir().exists() else True
