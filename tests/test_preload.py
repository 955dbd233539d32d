"""Loading a library in worker processes gives exactly what loading it in
this process gives: the same rows, the same located errors, the same
articles, and a cache the next open can use."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import textwrap
import time

import pytest

from bench.synth import generate
from tui.core.cache import Summary, load_library_cached
from tui.core.library import load_library
from tui.core.preload import Preload, from_parsed

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


def workers(lib, **kwargs) -> Preload:
    # pytest runs threads, so fork is not safe here: spawn, as on macOS and Windows
    return Preload([str(lib)], processes=2, method="spawn", min_files=2, **kwargs)


def test_workers_give_the_rows_errors_and_articles_of_an_in_process_load(library):
    expected = load_library([library])
    preload = workers(library)
    assert preload.parallel and preload.summaries is None
    progress: list[tuple[int, int]] = []
    rows, errors = preload.rows(lambda done, total: progress.append((done, total)))
    assert rows == rows_of(expected)
    assert [e.format() for e in errors] == [e.format() for e in expected.errors]
    assert any("duplicate article id" in e.message for e in errors)
    assert any(e.file.endswith("broken.toml") and e.line == 2 for e in errors)
    assert progress[-1] == (23, 23) and len(progress) > 1
    assert not preload.parallel  # the pool is shut down once the rows are in

    loaded, loader = load_library_cached([library], parsed=preload.parsed)
    assert [a.doc for a in loaded.articles] == [a.doc for a in expected.articles]
    assert [dict(a.anchors) for a in loaded.articles] == [dict(a.anchors) for a in expected.articles]
    assert [e.format() for e in loaded.errors] == [e.format() for e in expected.errors]

    preload.save(loaded, loader)
    again = Preload([str(library)], processes=2, method="spawn", min_files=3)
    # the broken file and the duplicate have no row: only they are parsed again, here
    assert not again.parallel and again.summaries is None
    rows2, errors2 = again.rows()
    assert rows2 == rows and [e.format() for e in errors2] == [e.format() for e in errors]
    assert set(again.parsed) == {str(library / "b-seed-again.toml"), str(library / "broken.toml")}
    warm, loader2 = load_library_cached([library], parsed=again.parsed)
    assert loader2.hits == 20 + 1  # every valid article but the duplicate, from the cache
    assert [a.doc for a in warm.articles] == [a.doc for a in expected.articles]


def test_an_unchanged_valid_library_is_warm(tmp_path):
    lib = generate(tmp_path / "lib", articles=6)
    preload = workers(lib)
    rows, _ = preload.rows()
    library, loader = load_library_cached([lib], parsed=preload.parsed)
    preload.save(library, loader)
    warm = workers(lib)
    assert warm.summaries == rows and not warm.parallel
    (lib / "00" / "synthetic-0003.toml").write_text(
        (lib / "00" / "synthetic-0003.toml").read_text(encoding="utf-8").replace("title = ", 'title = "Edited: " + '),
        encoding="utf-8",
    )
    os.utime(lib / "00" / "synthetic-0003.toml", ns=(1, 10**18))
    edited = workers(lib)
    assert edited.summaries is None
    rows2, errors2 = edited.rows()
    assert errors2 and "synthetic-0003" in errors2[0].file  # 'title = "Edited: " + "..."' is not TOML


def test_a_dead_worker_costs_nothing_but_time(library, caplog):
    caplog.set_level(logging.INFO, "quoth.preload")
    expected = load_library([library])
    preload = workers(library)
    assert preload._pool._processes
    for process in list(preload._pool._processes.values()):  # killed before they even import
        process.kill()
    rows, errors = preload.rows()
    assert "worker process failed (BrokenProcessPool)" in caplog.text
    assert rows == rows_of(expected)
    assert [e.format() for e in errors] == [e.format() for e in expected.errors]


def test_closing_stops_the_workers_at_once(library):
    preload = workers(library)
    processes = list(preload._pool._processes.values())
    started = time.monotonic()
    preload.close()
    assert preload.rows() is None
    assert all_exited(processes)
    assert time.monotonic() - started < 10


def test_no_cache_parses_everything_in_workers(library):
    preload = Preload([str(library)], use_cache=False, processes=2, method="spawn", min_files=2)
    assert preload.parallel
    rows, _ = preload.rows()
    assert len(rows) == 21
    # --no-cache: the app loads the library from what the workers parsed, and writes nothing
    loaded = load_library([library], loader=from_parsed(preload.parsed))
    expected = load_library([library])
    assert [a.doc for a in loaded.articles] == [a.doc for a in expected.articles]
    assert [e.format() for e in loaded.errors] == [e.format() for e in expected.errors]


ONE_CORE = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: Quoth loads in-process")


@ONE_CORE
def test_the_command_line_forks_its_workers(tmp_path):
    """Before Textual starts, the process has one thread: workers are forked."""
    lib = generate(tmp_path / "lib", articles=60)
    code = textwrap.dedent(
        f"""
        from tui.core.preload import Preload, from_parsed
        p = Preload([{str(lib)!r}])
        print(p.method, p.parallel)
        rows, errors = p.rows()
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
            print(app.preload.method, app.preload.processes, len(screen.shown), len(app.library.articles))
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
        p = preload.Preload([{str(lib)!r}])
        rows, errors = p.rows()
        print(p.processes, len(rows))
        """
    )
    env = {**os.environ, "QUOTH_STATE_DIR": str(tmp_path / "state")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    processes, rows = out.stdout.split()
    assert int(processes) >= 2 and rows == "60"
    assert "LEAK" not in out.stderr


def open_and_save(lib) -> None:
    """What the app does on an open: the rows, the full load, both caches."""
    preload = workers(lib)
    preload.rows()
    library, loader = load_library_cached([lib], parsed=preload.parsed)
    preload.save(library, loader)


def test_two_libraries_opened_in_turn_both_open_warm(tmp_path):
    first = generate(tmp_path / "first", articles=4)
    second = generate(tmp_path / "second", articles=5, seed=2)
    open_and_save(first)
    open_and_save(second)
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
        start = preload.Preload._start
        preload.Preload._start = lambda self, *a: (started.append(1), start(self, *a))
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
    # and a valid folder: the same counts as an in-process load
    for name in ("b-seed-again.toml", "broken.toml"):
        (lib / name).unlink()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, check=False)
    assert out.stdout.splitlines()[-1] == "workers 0", out.stderr[-2000:]
    assert out.stdout.splitlines()[0] == f"ok: {load_library([str(lib)]).counts().summary()}"
