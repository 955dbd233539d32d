"""The real ``quoth`` command in a real terminal (tmux), as a person uses it:
keys are sent to the terminal and the assertions read the captured screen.
Skipped where tmux is missing."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import FIXTURES, SEED

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def quoth_command() -> list[str]:
    """The installed entry point beside this Python, else the module."""
    script = Path(sys.executable).with_name("quoth")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


class Terminal:
    def __init__(self, name: str, env: dict[str, str]) -> None:
        self.name = name
        self.env = env

    def start(self, args: list[str], width: int = 120, height: int = 40) -> None:
        command = " ".join(shlex.quote(a) for a in [*quoth_command(), *args])
        # -u: a COLUMNS or LINES from the test run would override the terminal's size
        env = "-u COLUMNS -u LINES " + " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        # the shell stays after quoth exits, so a second run can start in it
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), f"env {env} {command}; exec sh"],
            check=True,
        )
        # a detached session takes the server's default size unless told: fix it
        subprocess.run(["tmux", "set-option", "-t", self.name, "window-size", "manual"], check=True)
        subprocess.run(["tmux", "resize-window", "-t", self.name, "-x", str(width), "-y", str(height)], check=True)

    def again(self, args: list[str]) -> None:
        command = " ".join(shlex.quote(a) for a in [*quoth_command(), *args])
        env = "-u COLUMNS -u LINES " + " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        self.keys(f"env {env} {command}", "Enter")

    def keys(self, *keys: str, pause: float = 0.25) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(pause)

    def type(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)

    def screen(self) -> str:
        out = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True, check=True)
        return out.stdout

    def wait_for(self, test: Callable[[str], bool], timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = self.screen()
        while time.monotonic() < deadline:
            screen = self.screen()
            if test(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out; the screen was:\n{screen}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def terminal(tmp_path) -> Iterator[Terminal]:
    env = {"QUOTH_STATE_DIR": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache"), "TERM": "xterm-256color"}
    if "PATH" in os.environ:
        env["PATH"] = os.environ["PATH"]
    term = Terminal(f"quoth-test-{uuid.uuid4().hex[:8]}", env)
    yield term
    term.close()


def reader_started(screen: str) -> bool:
    return "Reader" in screen and "Quit" in screen


def started(terminal: Terminal, test: Callable[[str], bool] = reader_started) -> str:
    """Wait for the first screen, then a moment for the app to take keys."""
    screen = terminal.wait_for(test, timeout=30)
    time.sleep(0.5)
    return screen


def test_search_shows_the_query_and_goes_to_the_match(terminal):
    terminal.start([str(SEED), "--no-watch"])
    started(terminal)
    terminal.keys("/")
    terminal.type("brussels")
    screen = terminal.wait_for(lambda s: "/brussels" in s and "1/1" in s)
    prompt = [line for line in screen.splitlines() if "/brussels" in line][0]
    assert "1/1" in prompt  # the status: the first match of one
    terminal.keys("Enter")
    screen = terminal.wait_for(lambda s: "/brussels" not in s)
    assert "Brussels" in screen  # the reader shows the passage


def test_reopening_restores_the_position(terminal):
    terminal.start([str(SEED), "--no-watch"])
    started(terminal)
    for _ in range(4):
        terminal.keys("]")
    terminal.wait_for(lambda s: "§5" in s and "No decisions" in s)
    terminal.keys("q")
    terminal.wait_for(lambda s: "Reader" not in s)
    terminal.again([str(SEED), "--no-watch"])
    screen = terminal.wait_for(reader_started)
    reader_lines = screen.splitlines()[1:12]
    assert any("No decisions" in line or "troop reductions" in line for line in reader_lines), screen
    assert "Mentioned in §5" in screen


def test_G_goes_to_the_end(terminal):
    terminal.start([str(SEED), "--no-watch"])
    started(terminal)
    terminal.keys("G")
    screen = terminal.wait_for(lambda s: "Mentioned in §8" in s, timeout=10)
    assert "§8" in screen


def test_library_filter_and_enter_open_the_first_match(terminal, tmp_path):
    library = tmp_path / "library"
    shutil.copytree(FIXTURES / "library", library)
    terminal.start([str(library), "--no-watch"])
    started(terminal, lambda s: "Munich" in s and "Troop Reduction" in s)
    terminal.keys("/")
    terminal.type("munich")
    terminal.wait_for(lambda s: "Troop Reduction" not in s)  # filtered to the one article
    terminal.keys("Enter")
    screen = terminal.wait_for(reader_started)
    assert "Allies press Washington after Munich" in screen.splitlines()[0]
