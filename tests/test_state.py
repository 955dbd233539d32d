"""Saved state: atomic writes, corrupt files moved aside, QUOTH_STATE_DIR."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tui.core.state import Position, StateStore, atomic_write, cache_dir, data_dir, state_dir


def test_state_dir_override(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTH_STATE_DIR", str(tmp_path))
    assert state_dir() == tmp_path / "state"
    assert data_dir() == tmp_path / "data"
    assert cache_dir() == tmp_path / "cache"


def test_positions_bookmarks_theme_round_trip():
    store = StateStore()
    store.save_position("a", Position(section="s2", paragraph=1, scroll=12.0, target="quote:q"))
    assert store.toggle_bookmark("a", "quote", "q", "the words") is True
    store.save_theme("gruvbox")
    again = StateStore()
    assert again.position("a") == Position(section="s2", paragraph=1, scroll=12.0, target="quote:q")
    assert [b.key for b in again.bookmarks.items] == [("a", "quote", "q")]
    assert again.settings.theme == "gruvbox"
    assert again.toggle_bookmark("a", "quote", "q", "the words") is False
    assert StateStore().bookmarks.items == []
    assert not again.notices


def test_corrupt_state_is_moved_aside_with_a_notice():
    store = StateStore()
    store.save_position("a", Position(section="s"))
    path = store.positions_path
    path.write_text("{ not json", encoding="utf-8")
    again = StateStore()
    assert again.positions.articles == {}
    assert any("moved aside" in n for n in again.notices)
    assert not path.exists()
    assert list(path.parent.glob("positions.json.corrupt-*"))


def test_wrong_shape_is_corrupt_too():
    store = StateStore()
    store.bookmarks_path.parent.mkdir(parents=True, exist_ok=True)
    store.bookmarks_path.write_text(json.dumps({"version": 1, "items": [{"article": 3}]}), encoding="utf-8")
    again = StateStore()
    assert again.bookmarks.items == [] and again.notices


def test_atomic_write_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "f.json"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


WRITER = r"""
import sys, time
from pathlib import Path
from tui.core.state import atomic_write
path = Path(sys.argv[1])
big = int(sys.argv[2])
i = 0
print("ready", flush=True)
while True:
    i += 1
    # each version is a whole JSON document; a torn write would not parse
    atomic_write(path, (b'{"version": %d, "pad": "' % i) + b"x" * big + b'"}')
"""


def test_killed_mid_write_leaves_old_or_new_version(tmp_path):
    target = tmp_path / "positions.json"
    atomic_write(target, b'{"version": 0, "pad": ""}')
    seen = set()
    for attempt in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), str(2_000_000 + attempt * 100_000)],
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        )
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(0.05 + 0.03 * attempt)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = json.loads(target.read_bytes())  # never half written
        seen.add(data["version"])
    assert len(seen) >= 1
    leftovers = [p for p in tmp_path.iterdir() if p.name != "positions.json"]
    # a kill can leave a temporary file behind, but never a damaged target
    assert all(p.name.startswith(".positions.json.") for p in leftovers)
