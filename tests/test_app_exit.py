"""How the reader ends: a crash exits non-zero with one line and a log;
SIGTERM and SIGHUP restore the terminal and stop the worker processes; a
save that fails is shown, never "Bookmarked" for nothing."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.app import QuothApp
from tui.cli.read import EXIT_CRASH, run_app
from tui.core.library import load_library
from tui.core.state import data_dir, state_dir
from tui.screens.reader import ReaderScreen

from .conftest import SEED, all_exited


def test_a_crash_exits_non_zero_with_one_line_and_a_log(monkeypatch, capsys):
    def broken(self) -> None:
        raise KeyError("gone-quote")

    monkeypatch.setattr(ReaderScreen, "on_mount", broken)
    code = run_app(QuothApp(load_library([SEED])), headless=True)
    assert code == EXIT_CRASH
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("quoth: internal error: KeyError: 'gone-quote'; the traceback is in ")
    logs = list(state_dir().glob("crash-*.log"))
    assert len(logs) == 1 and "Traceback" in logs[0].read_text() and "gone-quote" in logs[0].read_text()
    assert str(logs[0]) in err[0]


async def test_a_bookmark_that_cannot_be_saved_says_so():
    data_dir().parent.mkdir(parents=True, exist_ok=True)
    data_dir().write_text("not a folder", encoding="utf-8")  # every save there fails, even as root
    app = QuothApp(load_library([SEED]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        notes = [n.message for n in app._notifications]  # toasts are not in the screen's strips
        assert any(n.startswith("Bookmarked until you quit: Could not save bookmarks.json") for n in notes), notes
        assert not any(n.startswith("Bookmarked:") for n in notes)


async def test_failed_position_and_theme_saves_are_shown():
    from tui.cli.read import _tell_failed_saves

    app = QuothApp(load_library([SEED]))
    _tell_failed_saves(app)  # what run_app does before the app runs
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        data_dir().parent.mkdir(parents=True, exist_ok=True)
        data_dir().write_text("not a folder", encoding="utf-8")
        app.theme = "nord" if app.theme != "nord" else "gruvbox"  # saved at once
        await pilot.pause()
        notes = [n for n in app._notifications if n.title == "Not saved"]
        assert len(notes) == 1 and notes[0].message.startswith("Could not save settings.json") and notes[0].markup is False


def _spawn(args: list[str]) -> tuple[subprocess.Popen, int]:
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", *args], stdin=follower, stdout=follower, stderr=follower, env=env, start_new_session=True
    )
    os.close(follower)
    return proc, leader


def _read_until(fd: int, needle: bytes, seen: bytearray, limit: float = 30) -> bool:
    end = time.monotonic() + limit
    while needle not in seen and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return needle in seen
            if not chunk:
                break
            seen += chunk
    return needle in seen


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_sigterm_sighup_and_sigint_restore_the_terminal(signum):
    proc, fd = _spawn(["--no-watch", str(SEED)])
    seen = bytearray()
    try:
        assert _read_until(fd, b"\x1b[?1049h", seen), "the app never started"
        _read_until(fd, b"Hegseth", seen)  # drawn
        proc.send_signal(signum)
        after = len(seen)
        _read_until(fd, b"\x1b[?1049l", seen)
        assert proc.wait(timeout=30) == 128 + signum
        _read_until(fd, b"\x00never", seen, limit=1)  # whatever is left
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(fd)
    tail = bytes(seen[after:])
    assert b"\x1b[?1049l" in tail  # left the alternate screen
    assert b"\x1b[?25h" in tail  # cursor shown
    assert b"\x1b[?1000l" in tail  # mouse tracking off


def _library(tmp_path: Path, count: int = 300) -> Path:
    body = SEED.read_text(encoding="utf-8")
    for n in range(count):
        (tmp_path / f"a{n:03}.toml").write_text(body.replace('id = "hegseth-nato-troops"', f'id = "c{n}"', 1), encoding="utf-8")
    return tmp_path


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for t in os.listdir(f"/proc/{pid}/task") for c in Path(f"/proc/{pid}/task/{t}/children").read_text().split()]
    except OSError:
        return []


def _wait_for_children(pid: int) -> list[int]:
    end = time.monotonic() + 30
    while time.monotonic() < end:
        kids = _children(pid)
        if kids:
            return kids
        time.sleep(0.02)
    return []


class _Pid:
    """A process by id, for all_exited (its sentinel: a pidfd)."""

    def __init__(self, pid: int) -> None:
        self.sentinel = os.pidfd_open(pid)


def _describe(pids: list[int]) -> str:
    """The state of the processes still there, for a failure message."""
    out = []
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        keep = [line for line in status.splitlines() if line.startswith(("State", "PPid", "Threads", "SigBlk", "SigIgn"))]
        out.append(f"{pid}: {cmdline[:120]} {keep}")
    return "; ".join(out)


def _gone(pids: list[int], timeout: float = 15) -> bool:
    handles = []
    for pid in pids:
        try:
            handles.append(_Pid(pid))
        except ProcessLookupError:
            continue
    return all_exited(handles, timeout)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_a_library_load_stops_the_workers(tmp_path, signum):
    proc, fd = _spawn(["--no-watch", "--no-cache", str(_library(tmp_path))])
    try:
        workers = _wait_for_children(proc.pid)
        if not workers:
            pytest.skip("no worker processes started (one core?)")
        proc.send_signal(signum)
        assert proc.wait(timeout=30) == 128 + signum
        assert _gone(workers), _describe(workers)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(fd)


def test_workers_exit_when_their_parent_is_killed(tmp_path):
    proc, fd = _spawn(["--no-watch", "--no-cache", str(_library(tmp_path))])
    try:
        workers = _wait_for_children(proc.pid)
        if not workers:
            pytest.skip("no worker processes started (one core?)")
        proc.kill()  # no handler runs: the workers must notice by themselves
        proc.wait(timeout=30)
        assert _gone(workers), _describe(workers)
    finally:
        os.close(fd)


def test_a_worker_whose_parent_died_before_it_started_exits():
    """The parent's pid comes from the parent: a worker that starts after
    its parent died (and was re-parented) must not take its new parent for it."""
    code = "import os, time\nfrom tui.core.preload import _init_worker\n_init_worker(os.getppid() + 1_000_000)\ntime.sleep(600)\n"
    out = subprocess.run([sys.executable, "-c", code], timeout=120, capture_output=True)
    assert out.returncode == 0
