"""Loading a library in worker processes gives exactly what loading it in
this process gives: the same rows, the same located errors, the same
articles, and a store the next open can use."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bench.synth import generate
from tui.core.article import Summary
from tui.core.library import load_library
from tui.core.opener import LibraryOpener, Loaded, Progress, Rows

from .conftest import FIXTURES, REPO, all_exited

SEED = FIXTURES / "library" / "hegseth-nato-troops.toml"


@pytest.fixture
def library(tmp_path):
    """Twenty synthetic articles, the seed twice (a duplicate id) and a broken file."""
    lib = generate(tmp_path / "lib", articles=20)
    shutil.copy(SEED, lib / "a-seed.toml")
    shutil.copy(SEED, lib / "b-seed-again.toml")
    (lib / "broken.toml").write_text('format = 1\n[article\nid = "x"\n', encoding="utf-8")
    return lib


def rows_of(library_) -> list[Summary]:
    out = []
    for a in library_.articles:
        st = os.stat(a.file)
        out.append(Summary.of(a, st.st_size, st.st_mtime_ns))
    return out


def workers(lib, **kwargs) -> LibraryOpener:
    # pytest runs threads, so fork is not safe here: spawn, as on macOS and Windows
    return LibraryOpener([str(lib)], processes=2, method="spawn", min_files=2, **kwargs)


def same_articles(a, b) -> bool:
    return [x.doc for x in a.articles] == [x.doc for x in b.articles] and [dict(x.anchors) for x in a.articles] == [
        dict(x.anchors) for x in b.articles
    ]


def test_workers_give_the_rows_errors_and_articles_of_an_in_process_load(library):
    expected = load_library([library])
    opener = workers(library)
    assert opener.pool.parallel and opener.summaries is None
    events = list(opener.events())
    progress = [(e.done, e.total) for e in events if isinstance(e, Progress)]
    (table,) = [e for e in events if isinstance(e, Rows)]
    rows, errors = table.rows, table.errors
    assert isinstance(events[-1], Loaded) and events[-1].parsed == 23
    assert rows == rows_of(expected)
    assert [e.format() for e in errors] == [e.format() for e in expected.errors]
    assert any("duplicate article id" in e.message for e in errors)
    assert any(e.file.endswith("broken.toml") and e.line == 2 for e in errors)
    assert progress[-1] == (23, 23) and len(progress) > 1
    assert not opener.pool.parallel  # the pool is shut down once the rows are in
    loaded = opener.library()
    assert same_articles(loaded, expected)
    assert [e.format() for e in loaded.errors] == [e.format() for e in expected.errors]

    # the store keeps the errors too: nothing is parsed again
    again = LibraryOpener([str(library)], processes=2, method="spawn", min_files=3)
    assert again.warm and not again.pool.parallel and again.summaries == rows
    rows2, errors2 = again.load()
    assert rows2 == rows and [e.format() for e in errors2] == [e.format() for e in errors]
    assert same_articles(again.library(), expected)


def test_an_unchanged_valid_library_is_warm(tmp_path):
    lib = generate(tmp_path / "lib", articles=6)
    rows, _ = workers(lib).load()
    warm = workers(lib)
    assert warm.summaries == rows and not warm.pool.parallel
    (lib / "00" / "synthetic-0003.toml").write_text(
        (lib / "00" / "synthetic-0003.toml").read_text(encoding="utf-8").replace("title = ", 'title = "Edited: " + '),
        encoding="utf-8",
    )
    os.utime(lib / "00" / "synthetic-0003.toml", ns=(1, 10**18))
    edited = workers(lib)
    assert edited.summaries is None and [p.name for p in edited.plan.parse] == ["synthetic-0003.toml"]
    rows2, errors2 = edited.load()
    assert errors2 and "synthetic-0003" in errors2[0].file  # 'title = "Edited: " + "..."' is not TOML
    assert len(rows2) == 5


def test_a_dead_worker_costs_nothing_but_time(library, caplog):
    caplog.set_level(logging.INFO, "quoth.preload")
    expected = load_library([library])
    opener = workers(library)
    assert opener.pool._pool._processes
    for process in list(opener.pool._pool._processes.values()):  # killed before they even import
        process.kill()
    rows, errors = opener.load()
    assert "worker process failed (BrokenProcessPool)" in caplog.text
    assert rows == rows_of(expected)
    assert [e.format() for e in errors] == [e.format() for e in expected.errors]


def test_closing_stops_the_workers_at_once(library):
    opener = workers(library)
    processes = list(opener.pool._pool._processes.values())
    started = time.monotonic()
    opener.close()
    assert list(opener.events()) == [Progress(0, 23)]  # closed: nothing is written
    assert all_exited(processes)
    assert time.monotonic() - started < 10


def test_no_cache_parses_everything_in_workers_and_writes_nothing(library, tmp_path):
    opener = LibraryOpener([str(library)], use_cache=False, processes=2, method="spawn", min_files=2)
    assert opener.pool.parallel and opener.store.path is None
    rows, _ = opener.load()
    assert len(rows) == 21
    expected = load_library([library])
    assert same_articles(opener.library(), expected)
    cache = tmp_path.parent  # nothing under the state folder either
    assert not list(Path(os.environ["QUOTH_STATE_DIR"]).rglob("*.sqlite3"))
    assert cache.exists()


ONE_CORE = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: Quoth loads in-process")


@ONE_CORE
def test_the_command_line_forks_its_workers(tmp_path):
    """Before Textual starts, the process has one thread: workers are forked."""
    lib = generate(tmp_path / "lib", articles=60)
    code = textwrap.dedent(
        f"""
        from tui.core.opener import LibraryOpener
        p = LibraryOpener([{str(lib)!r}])
        print(p.pool.method, p.pool.parallel)
        rows, errors = p.load()
        print(len(rows), len(errors))
        """
    )
    env = {**os.environ, "QUOTH_STATE_DIR": str(tmp_path / "state")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.split("\n")
    assert lines[0] == "fork True"
    assert lines[1] == "60 0"


@ONE_CORE
def test_quoth_folder_parses_in_forked_workers_while_the_app_starts(tmp_path):
    """`quoth FOLDER` as a user runs it: the command line forks the workers
    before Textual loads, and the library opens with every article."""
    lib = generate(tmp_path / "lib", articles=60)
    code = textwrap.dedent(
        f"""
        from tui.app import QuothApp
        from tui.screens.library import LibraryScreen

        run = QuothApp.run

        async def check(pilot):
            app = pilot.app
            await app.workers.wait_for_complete()
            screen = next(s for s in app.screen_stack if isinstance(s, LibraryScreen))
            print(app.preload.pool.method, app.preload.pool.processes, len(screen.shown), len(app.library.articles))
            app.exit()

        QuothApp.run = lambda self: run(self, headless=True, size=(120, 40), auto_pilot=check)
        from tui.cli import main
        raise SystemExit(main([{str(lib)!r}, "--no-watch"]))
        """
    )
    env = {**os.environ, "QUOTH_STATE_DIR": str(tmp_path / "state")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    method, processes, shown, loaded = out.stdout.split()
    assert method == "fork" and int(processes) >= 1
    assert shown == loaded == "60"


@ONE_CORE
def test_workers_print_nothing_on_the_apps_terminal(tmp_path):
    """A worker shares the terminal the app draws on: its output goes nowhere."""
    lib = generate(tmp_path / "lib", articles=60)
    code = textwrap.dedent(
        f"""
        import sys
        import tui.core.preload as preload

        parse = preload.parse

        def noisy(path):
            print("LEAK to stdout", flush=True)
            print("LEAK to stderr", file=sys.stderr, flush=True)
            return parse(path)

        preload.parse = noisy  # forked workers inherit it
        from tui.core.opener import LibraryOpener
        p = LibraryOpener([{str(lib)!r}])
        rows, errors = p.load()
        print(p.pool.processes, len(rows))
        """
    )
    env = {**os.environ, "QUOTH_STATE_DIR": str(tmp_path / "state")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    processes, rows = out.stdout.split()
    assert int(processes) >= 2 and rows == "60"
    assert "LEAK" not in out.stderr


def test_two_libraries_opened_in_turn_both_open_warm(tmp_path):
    first = generate(tmp_path / "first", articles=4)
    second = generate(tmp_path / "second", articles=5, seed=2)
    workers(first).load()
    workers(second).load()
    assert len(workers(first).summaries) == 4
    assert len(workers(second).summaries) == 5


@ONE_CORE
def test_quoth_check_on_a_big_folder_uses_workers_and_says_the_same(tmp_path):
    """`quoth check` parses a big folder in worker processes; its output is
    exactly what loading the folder in one process gives."""
    import io

    from tui.cli import print_errors

    lib = generate(tmp_path / "lib", articles=60)
    shutil.copy(SEED, lib / "a-seed.toml")
    shutil.copy(SEED, lib / "b-seed-again.toml")
    (lib / "broken.toml").write_text('format = 1\n[article\nid = "x"\n', encoding="utf-8")
    code = textwrap.dedent(
        f"""
        import sys
        import tui.core.preload as preload

        started = []
        start = preload.Pool._start
        preload.Pool._start = lambda self, *a: (started.append(1), start(self, *a))
        from tui.cli import main

        rc = main(["check", {str(lib)!r}])
        print("workers" if started else "in-process", rc)
        """
    )
    env = {**os.environ, "QUOTH_STATE_DIR": str(tmp_path / "state")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, check=False)
    assert out.stdout.split() == ["workers", "1"], out.stderr[-2000:]
    expected = io.StringIO()
    print_errors(load_library([str(lib)]), expected)
    assert out.stderr == expected.getvalue()
    assert "duplicate article id" in out.stderr and "broken.toml:2" in out.stderr
    # again, nothing changed: the same report, from the store, with no workers
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, check=False)
    assert warm.stdout.split() == ["in-process", "1"] and warm.stderr == expected.getvalue()
    # and a valid folder: the same counts as an in-process load (two files removed: nothing to parse)
    for name in ("b-seed-again.toml", "broken.toml"):
        (lib / name).unlink()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, check=False)
    assert out.stdout.splitlines()[-1] == "in-process 0", out.stderr[-2000:]
    assert out.stdout.splitlines()[0] == f"ok: {load_library([str(lib)]).counts().summary()}"
