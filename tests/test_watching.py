"""Live reload never kills the app: names that are not UTF-8, folders that
cannot be read or listed, watcher errors of any kind, FIFOs, and a reload
that never returns."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui import watching
from tui.app import QuothApp
from tui.core.library import load_library
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.watching import Notice, changes, plan_watch

from .conftest import REPO, without_privileges
from .test_hostile import screen_text
from .test_library_app import LIBRARY, library_app, open_from_library, until

BAD = b"caf\xe9"  # Latin-1, not UTF-8


def _lib(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    shutil.copytree(LIBRARY, lib)
    return lib


async def _next_change(events, timeout: float = 15.0) -> tuple[list[Path], list[Notice]]:
    """The next batch of changed files, and the notices before it."""
    notices: list[Notice] = []

    async def first():
        async for event in events:
            if isinstance(event, Notice):
                notices.append(event)
                if event.stopped:
                    return []
                continue
            return event
        return []

    return await asyncio.wait_for(first(), timeout), notices


async def _edit_soon(path: Path, delay: float = 0.6) -> None:
    await asyncio.sleep(delay)  # the watch is up by then (if not, the test waits longer: no timing assertion)
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")


# -- the plan ------------------------------------------------------------------


def test_the_plan_skips_folders_whose_names_are_not_utf8(tmp_path):
    lib = _lib(tmp_path)
    os.mkdir(os.fsencode(lib) + b"/" + BAD)
    (lib / "sub").mkdir()
    plan = plan_watch([str(lib)])
    assert str(lib) in plan.folders and str(lib / "sub") in plan.folders
    assert len(plan.folders) == 2
    (reason,) = plan.skipped
    assert reason.endswith("caf\\xe9: its name is not UTF-8")


def test_the_plan_skips_folders_it_cannot_list(tmp_path, monkeypatch):
    lib = _lib(tmp_path)
    (lib / "closed").mkdir()
    real = os.scandir

    def scandir(path):  # root reads everything: deny this one as the kernel would
        if str(path).endswith("closed"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(watching.os, "scandir", scandir)
    plan = plan_watch([str(lib)])
    assert plan.folders == [str(lib)]
    assert plan.skipped == [f"cannot watch {lib / 'closed'}: Permission denied"]


def test_unreadable_and_unlistable_folders_for_real(tmp_path):
    lib = _lib(tmp_path)
    (lib / "unreadable").mkdir()
    (lib / "enter-only").mkdir()
    os.chmod(lib / "unreadable", 0o000)
    os.chmod(lib / "enter-only", 0o111)
    code = textwrap.dedent(
        f"""
        import asyncio
        from pathlib import Path
        from tui.watching import changes, Notice
        lib = Path({str(lib)!r})
        async def main():
            async def edit():
                await asyncio.sleep(0.6)
                p = lib / "followup.toml"
                p.write_text(p.read_text() + "\\n")
            task = asyncio.create_task(edit())
            async for event in changes([str(lib)]):
                print("EVENT", event)
                if not isinstance(event, Notice):
                    return
        asyncio.run(asyncio.wait_for(main(), 20))
        """
    )
    try:
        out = subprocess.run(without_privileges([sys.executable, "-c", code]), capture_output=True, text=True, cwd=REPO, timeout=60)
    finally:
        os.chmod(lib / "unreadable", 0o755)
        os.chmod(lib / "enter-only", 0o755)
    assert out.returncode == 0, out.stderr[-2000:]
    assert f"cannot watch {lib / 'unreadable'}: Permission denied" in out.stdout
    assert f"cannot watch {lib / 'enter-only'}: Permission denied" in out.stdout
    assert f"EVENT [PosixPath('{lib / 'followup.toml'}')]" in out.stdout


# -- the watch -----------------------------------------------------------------


async def test_a_library_with_a_non_utf8_subfolder_is_watched(tmp_path):
    lib = _lib(tmp_path)
    os.mkdir(os.fsencode(lib) + b"/" + BAD)
    edit = asyncio.ensure_future(_edit_soon(lib / "followup.toml"))
    batch, notices = await _next_change(changes([str(lib)]))
    await edit
    assert batch == [lib / "followup.toml"]
    assert any("not UTF-8" in n.message for n in notices)


async def test_a_non_utf8_file_next_to_the_article_does_not_stop_the_watch(tmp_path):
    path = tmp_path / "one.toml"
    shutil.copy(LIBRARY / "followup.toml", path)
    events = changes([str(path)])

    async def both() -> None:
        await asyncio.sleep(0.6)
        with open(os.fsencode(tmp_path) + b"/" + BAD + b".txt", "w") as fh:
            fh.write("x")  # watchfiles cannot name this path: its watch fails
        await asyncio.sleep(1.0)
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        await asyncio.sleep(1.5)
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # in case the first was lost

    edits = asyncio.ensure_future(both())
    batch, notices = await _next_change(events, timeout=20)
    edits.cancel()
    assert batch == [path]
    assert all(not n.stopped for n in notices)


async def test_watcher_errors_become_notices_then_it_stops():
    calls = []

    async def broken(*folders, **kwargs):
        calls.append(kwargs)
        raise OSError(28, "inotify watch limit reached")
        yield set()  # an async generator, as awatch is

    seen = [e async for e in changes([str(LIBRARY)], watch=broken)]
    assert all(isinstance(e, Notice) for e in seen)
    assert seen[0].message == "Live reload: [Errno 28] inotify watch limit reached; watching again."
    assert seen[-1].stopped and seen[-1].message.startswith("Live reload stopped: [Errno 28] inotify")
    assert len(calls) == watching.MAX_FAILURES
    assert all(c["ignore_permission_denied"] is True and c["recursive"] is False for c in calls)


async def test_the_app_shows_watcher_errors_and_stays_open(monkeypatch):
    async def broken(*folders, **kwargs):
        raise RuntimeError("[bold]Unable to decode path[/] \x1b[31m")
        yield set()

    real = watching.changes
    monkeypatch.setattr(watching, "changes", lambda paths: real(paths, watch=broken))
    app = QuothApp(load_library([LIBRARY / "followup.toml"]), paths=[str(LIBRARY / "followup.toml")], watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: any(n.title == "Live reload" and "stopped" in n.message for n in app._notifications))
        notes = [n for n in app._notifications if n.title == "Live reload"]
        assert all(n.markup is False for n in notes)
        assert "[bold]Unable to decode path[/] ^[[31m" in notes[0].message  # inert, escaped
        assert app.is_running and isinstance(app.screen, ReaderScreen)


async def test_a_library_app_with_a_non_utf8_subfolder_reloads(tmp_path):
    lib = _lib(tmp_path)
    os.mkdir(os.fsencode(lib) + b"/" + BAD)
    path = lib / "followup.toml"
    app = library_app(lib, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_from_library(pilot, "munich-followup")
        await pilot.pause(0.5)
        path.write_text(path.read_text(encoding="utf-8").replace("Allies press Washington", "Allies lean on Washington"), encoding="utf-8")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen) and app.screen.article.meta.title.startswith("Allies lean"))
        assert app.is_running


async def test_a_fifo_at_a_watched_path_is_refused_not_waited_on(tmp_path):
    lib = _lib(tmp_path)
    app = library_app(lib, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen) and app.library is not None)
        await pilot.pause(0.5)
        os.mkfifo(lib / "pipe.toml")
        await until(pilot, lambda: str(lib / "pipe.toml") in app.stale)
        (error,) = app.stale[str(lib / "pipe.toml")]
        assert "not a regular file (a FIFO)" in error.message


def test_a_reload_that_never_returns_does_not_block_quitting(tmp_path):
    path = tmp_path / "one.toml"
    shutil.copy(LIBRARY / "followup.toml", path)
    code = textwrap.dedent(
        f"""
        import asyncio, threading
        from pathlib import Path
        import tui.core.reading as reading
        from tui.app import QuothApp
        from tui.core.library import load_library

        path = Path({str(path)!r})
        app = QuothApp(load_library([path]), paths=[str(path)], watch=True)
        started = threading.Event()

        def hang(*args, **kwargs):
            started.set()
            threading.Event().wait()  # a reload stuck for ever

        async def pilot_run(pilot):
            await pilot.pause(0.6)
            reading.load_file = hang
            path.write_text(path.read_text() + "\\n")
            while not started.is_set():
                await pilot.pause(0.05)
            print("STUCK", flush=True)
            app.exit()

        app.run(headless=True, size=(100, 30), auto_pilot=pilot_run)
        print("QUIT", flush=True)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert out.stdout.split() == ["STUCK", "QUIT"], out.stderr[-2000:]
    assert out.returncode == 0


@pytest.mark.parametrize("name", [BAD + b".toml"])
def test_check_reads_a_non_utf8_file_name(tmp_path, name):
    """Not the watcher, but the same names: `quoth check` shows them escaped."""
    target = os.fsencode(tmp_path) + b"/" + name
    shutil.copy(LIBRARY / "followup.toml", target)
    out = subprocess.run([sys.executable, "-m", "tui", "check", str(tmp_path)], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0 and out.stdout.startswith("ok: 1 article"), out.stderr


async def test_a_reload_that_duplicates_another_articles_id_is_an_error_on_the_edited_file(tmp_path):
    lib = _lib(tmp_path)
    path = lib / "followup.toml"
    app = library_app(lib, watch=True)
    async with app.run_test(size=(300, 40)) as pilot:  # wide: the error on one line
        await until(pilot, lambda: app.library is not None and isinstance(app.screen, LibraryScreen))
        await pilot.pause(0.5)
        ids = sorted(a.id for a in app.library.articles)
        path.write_text(path.read_text(encoding="utf-8").replace('id = "munich-followup"', 'id = "hegseth-nato-troops"', 1), encoding="utf-8")
        await until(pilot, lambda: str(path) in app.stale)
        (error,) = app.stale[str(path)]
        assert error.file == str(path) and "duplicate article id 'hegseth-nato-troops'" in error.message
        assert sorted(a.id for a in app.library.articles) == ids  # both stay: the other, and the last good version
        assert app.library.by_id["hegseth-nato-troops"].file == str(lib / "hegseth-nato-troops.toml")
        await until(pilot, lambda: f"{path}:5:6: error: article.id: duplicate article id 'hegseth-nato-troops'; also in" in screen_text(app))
