"""The command line in pipes: a pipe closed early ends quietly, a closed or
full standard output exits 2 with one line, Ctrl-C exits 130, ``-`` reads
standard input and ``export -o`` never writes over an input."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import MINIMAL, SEED

QUOTH = [sys.executable, "-m", "tui"]

COMMANDS = {
    "check": ["check", str(SEED)],
    "search": ["search", "troops", str(SEED)],
    "export": ["export", "-f", "json", str(SEED)],
    "cite": ["cite", "hegseth-nato-troops/everything-on-the-table", str(SEED)],
    "schema": ["schema"],
}


def _big_output(tmp_path: Path) -> Path:
    """A library with enough matches to fill a pipe's buffer many times."""
    for n in range(40):
        (tmp_path / f"a{n}.toml").write_text(SEED.read_text(encoding="utf-8").replace('id = "hegseth-nato-troops"', f'id = "copy-{n}"', 1), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_search_into_head_ends_quietly(tmp_path, json_flag):
    lib = _big_output(tmp_path)
    cmd = " ".join([*QUOTH, "search", "the", str(lib), *json_flag]) + " | head -1"
    out = subprocess.run(["bash", "-c", "set -o pipefail; " + cmd], capture_output=True, text=True)
    assert out.stdout.count("\n") == 1
    assert out.stderr == ""
    assert out.returncode in (0, 141)  # 141: ended by the closed pipe, as grep is


def test_schema_into_head_ends_quietly():
    out = subprocess.run(["bash", "-c", " ".join(QUOTH) + " schema | head -1"], capture_output=True, text=True)
    assert out.stdout == "{\n" and out.stderr == ""


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_closed_stdout_exits_2_with_one_line(name):
    out = subprocess.run(QUOTH + COMMANDS[name], capture_output=False, stdout=None, stderr=subprocess.PIPE, text=True, pass_fds=(), close_fds=True, preexec_fn=lambda: os.close(1))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "standard output" in lines[0] and lines[0].startswith(f"quoth {name}: error:")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_full_stdout_exits_2_with_one_line(name):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        out = subprocess.run(QUOTH + COMMANDS[name], stdout=full, stderr=subprocess.PIPE, text=True)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert "Traceback" not in out.stderr and "Exception ignored" not in out.stderr
    assert len(lines) == 1 and "No space left on device" in lines[0], out.stderr


def test_ctrl_c_in_check_exits_130_without_a_traceback(tmp_path):
    # enough files for worker processes, each slow to parse
    body = SEED.read_text(encoding="utf-8")
    for n in range(400):
        (tmp_path / f"a{n:03}.toml").write_text(body.replace('id = "hegseth-nato-troops"', f'id = "c{n}"', 1), encoding="utf-8")
    proc = subprocess.Popen(QUOTH + ["check", str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 30
    while not _children(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # until its worker processes are up (not a timing assertion)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole foreground group
    out, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip(f"the check finished before the signal arrived: {out!r} {err!r}")
    assert proc.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


def _children(pid: int) -> list[str]:
    try:
        return [c for t in os.listdir(f"/proc/{pid}/task") for c in Path(f"/proc/{pid}/task/{t}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.parametrize("name", ["check", "search", "export", "cite"])
def test_dash_reads_standard_input(name):
    args = {k: [a for a in v if a != str(SEED)] + ["-"] for k, v in COMMANDS.items()}[name]
    out = subprocess.run(QUOTH + args, input=SEED.read_bytes(), capture_output=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout


def test_dash_reports_errors_as_standard_input():
    out = subprocess.run(QUOTH + ["check", "-"], input="format = 2\n", capture_output=True, text=True)
    assert out.returncode == 1
    assert out.stderr.startswith("<stdin>:1:10: error: unsupported format 2")


def test_process_substitution_still_reads():
    out = subprocess.run(["bash", "-c", " ".join(QUOTH) + f" check <(cat {SEED})"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("ok: 1 article"), out.stderr


@pytest.mark.parametrize("name", ["check", "search", "export", "cite", "read"])
def test_fifo_on_the_command_line_is_refused_not_waited_on(tmp_path, name):
    fifo = tmp_path / "a.toml"
    os.mkfifo(fifo)
    args = [a if a != str(SEED) else str(fifo) for a in COMMANDS[name]] if name != "read" else [str(fifo)]
    out = subprocess.run(QUOTH + args, capture_output=True, text=True, timeout=30)
    assert out.returncode in (1, 2)
    assert f"{fifo}:1:1: error: not a regular file (a FIFO)" in out.stderr


# -- export -o ---------------------------------------------------------------


def test_export_refuses_to_overwrite_its_input(tmp_path):
    article = tmp_path / "a.toml"
    article.write_text(MINIMAL, encoding="utf-8")
    out = subprocess.run(QUOTH + ["export", "-f", "json", str(article), "-o", str(article)], capture_output=True, text=True)
    assert out.returncode == 2
    assert "is an input" in out.stderr
    assert article.read_text(encoding="utf-8") == MINIMAL


def test_export_refuses_a_library_member_by_another_name(tmp_path):
    lib = tmp_path / "lib"
    lib.mkdir()
    article = lib / "a.toml"
    article.write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "link.json").symlink_to(article)
    os.link(article, tmp_path / "hard.json")
    for target in (tmp_path / "link.json", tmp_path / "hard.json", lib / "." / "a.toml"):
        out = subprocess.run(QUOTH + ["export", "-f", "json", str(lib), "-o", str(target)], capture_output=True, text=True)
        assert out.returncode == 2, target
    assert article.read_text(encoding="utf-8") == MINIMAL


def test_export_writes_through_a_temporary_file(tmp_path, monkeypatch):
    from tui.cli import main
    from tui.core import state

    article = tmp_path / "a.toml"
    article.write_text(MINIMAL, encoding="utf-8")
    target = tmp_path / "out.json"
    target.write_text("the previous export", encoding="utf-8")

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(state.os, "fsync", full)  # the disk fills while writing
    assert main(["export", "-f", "json", str(article), "-o", str(target)]) == 2
    assert target.read_text(encoding="utf-8") == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml", "out.json"]
    monkeypatch.undo()
    assert main(["export", "-f", "json", str(article), "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("{")


def test_export_keeps_the_mode_and_makes_no_folders(tmp_path):
    from tui.cli import main

    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    assert main(["export", "-f", "json", str(SEED), "-o", str(target)]) == 0
    assert target.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "new.json"
    assert main(["export", "-f", "json", str(SEED), "-o", str(fresh)]) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    assert main(["export", "-f", "json", str(SEED), "-o", str(tmp_path / "no" / "such" / "x.json")]) == 2
    assert not (tmp_path / "no").exists()


def test_export_to_dev_stdout_still_works(tmp_path):
    out = subprocess.run(QUOTH + ["export", "-f", "json", str(SEED), "-o", "/dev/stdout"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("{")

