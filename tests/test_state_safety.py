"""Saved state and caches read without trusting their paths, and saves that
fail are told: FIFOs and devices are set aside, sizes are capped, temporary
files a killed save left are cleaned up."""

from __future__ import annotations

import os
import time

import pytest

from tui.core.state import Position, StateStore, cache_dir, data_dir, state_dir


def _fifo(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)


def test_a_fifo_at_a_state_path_is_set_aside_not_waited_on():
    _fifo(state_dir() / "positions.json")
    _fifo(data_dir() / "bookmarks.json")
    store = StateStore()
    assert store.positions.articles == {} and store.bookmarks.items == []
    assert sum("not a regular file" in n for n in store.notices) == 2
    assert not (state_dir() / "positions.json").exists()
    store.save_position("a", Position(section="s"))
    assert StateStore().position("a") == Position(section="s")


def test_a_symlink_to_dev_zero_is_refused():
    data_dir().mkdir(parents=True)
    (data_dir() / "settings.json").symlink_to("/dev/zero")
    store = StateStore()
    assert store.settings.theme is None
    assert any("settings.json" in n and "character device" in n for n in store.notices)


def test_an_oversized_state_file_is_set_aside(monkeypatch):
    from tui.core import state

    monkeypatch.setattr(state, "MAX_STATE_BYTES", 100)
    state_dir().mkdir(parents=True)
    (state_dir() / "positions.json").write_text('{"version": 1, "articles": {}}' + " " * 200, encoding="utf-8")
    store = StateStore()
    assert any("positions.json" in n and "limit" in n for n in store.notices)


@pytest.mark.parametrize("what", ["fifo", "dev-zero"])
def test_a_store_path_holding_a_fifo_or_a_device_is_set_aside(tmp_path, what):
    """Not waited on, not read: set aside with a notice, and the store rebuilt."""
    import shutil

    from tui.core.opener import LibraryOpener
    from tui.core.store_db import store_path

    from .conftest import FIXTURES

    lib = tmp_path / "lib"
    shutil.copytree(FIXTURES / "library", lib)
    path = store_path([str(lib)])
    path.parent.mkdir(parents=True, exist_ok=True)
    if what == "fifo":
        _fifo(path)
    else:
        path.symlink_to("/dev/zero")
    opener = LibraryOpener([str(lib)], processes=1)
    try:
        for _ in opener.events():
            pass
        assert any("not a file" in n for n in opener.notices)
        assert len(opener.store.rows()) == 3
    finally:
        opener.close()


def test_a_failed_save_is_reported_once_until_one_succeeds():
    told: list[str] = []
    store = StateStore()
    store.on_error = told.append
    data_dir().parent.mkdir(parents=True, exist_ok=True)
    data_dir().write_text("a file where the folder should be", encoding="utf-8")  # fails even for root
    assert store.toggle_bookmark("a", "quote", "q", "words") is True
    assert store.last_error and "bookmarks.json" in store.last_error
    store.save_theme("nord")
    store.save_theme("gruvbox")
    assert len(told) == 1 and "settings.json" in told[0]  # bookmarks are told by the screen
    data_dir().unlink()
    store.save_theme("nord")
    assert store.last_error is None and StateStore().settings.theme == "nord"


def test_temporary_files_of_a_killed_save_are_cleaned_up():
    for folder in (state_dir(), data_dir(), cache_dir()):
        folder.mkdir(parents=True, exist_ok=True)
    old = [state_dir() / ".positions.json.abc123.tmp", data_dir() / ".bookmarks.json.x.tmp", cache_dir() / ".library-v1-0.json.y.tmp"]
    for path in old:
        path.write_bytes(b"x" * 1000)
        os.utime(path, (time.time() - 3600, time.time() - 3600))
    recent = data_dir() / ".settings.json.z.tmp"  # perhaps another Quoth saving right now
    recent.write_bytes(b"x")
    keep = data_dir() / "notes.tmp"  # not ours
    keep.write_bytes(b"x")
    os.utime(keep, (time.time() - 3600, time.time() - 3600))
    StateStore()
    assert not any(p.exists() for p in old)
    assert recent.exists() and keep.exists()
