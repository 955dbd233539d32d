from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CONTENT = REPO / "content"
SEED = CONTENT / "hegseth-nato-troops.toml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def need_shared(path: Path) -> Path:
    """The shared folder sits beside the checkout; CI must have it."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing on CI")
        pytest.skip(f"{path} not present")
    return path


MINIMAL = '''\
format = 1

[article]
id = "small"
title = "A small article"

[[entities]]
id = "ann"
name = "Ann Example"
aliases = ["Ann"]

[[sections]]
id = "one"
title = "One"
paragraphs = ["Ann said the plan is sound. Ann said the plan is sound, again."]

[[quotes]]
id = "sound"
speaker = "ann"
section = "one"
text = "the plan is sound"
suffix = ". Ann"
'''


def toml_string(value: str) -> str:
    """A TOML basic string holding exactly ``value`` (every non-printable escaped)."""
    out = ['"']
    for ch in value:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif o < 0x20 or o == 0x7F or 0x80 <= o <= 0x9F or 0xD800 <= o <= 0xDFFF:
            out.append(f"\\u{o:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


@pytest.fixture(autouse=True)
def _steady_cursor(monkeypatch):
    """Every Input starts with a steady cursor in tests, so that a screen does
    not change from one frame to the next (snapshots, rendered-text asserts).
    The app itself always blinks as Textual does."""
    from textual.widgets import Input

    monkeypatch.setattr(Input.__dict__["cursor_blink"], "_default", False)


async def app_settled(pilot, timeout: float = 30.0) -> None:
    """Wait until the app's background work (loading a library, building its
    indexes) has finished, whatever started it; the file watcher runs forever
    and is not waited for. Then one more frame."""
    import asyncio

    from textual.worker import WorkerCancelled, WorkerFailed

    app = pilot.app
    deadline = asyncio.get_running_loop().time() + timeout
    await pilot.pause()
    while pending := [w for w in app.workers if w.group != "watch" and not w.is_finished]:
        for worker in pending:
            remaining = deadline - asyncio.get_running_loop().time()
            assert remaining > 0, f"background work did not finish in {timeout} s: {pending}"
            try:
                await asyncio.wait_for(worker.wait(), remaining)
            except WorkerCancelled:
                pass
            except WorkerFailed as exc:  # a crash in a worker fails the test with its cause
                raise exc.error from exc
        await pilot.pause()
    await pilot.pause()


@pytest.fixture
def settled():
    """``await settled(pilot)``: the app's loading and indexing are done."""
    return app_settled


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path_factory, monkeypatch):
    """Saved state, bookmarks and caches go to a fresh folder for every test."""
    monkeypatch.setenv("QUOTH_STATE_DIR", str(tmp_path_factory.mktemp("state")))


def all_exited(processes, timeout: float = 10.0) -> bool:
    """Whether every process exits within ``timeout``. A process's sentinel is
    ready once it has exited; is_alive() can race with a pool reaping it."""
    from multiprocessing.connection import wait

    deadline = time.monotonic() + timeout
    waiting = {p.sentinel for p in processes}
    while waiting and time.monotonic() < deadline:
        waiting -= set(wait(list(waiting), timeout=deadline - time.monotonic()))
    return not waiting
