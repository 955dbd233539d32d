"""Typing a search in the running app, one key at a time, over a library of
250 synthetic articles (10,000 quotes, 7,500 claims).

    python bench/keystrokes.py

For each key it reports (1) how long the UI thread was busy handling the
keystroke (what decides whether the screen can repaint within the frame)
and (2) how long until that key's results were on screen. A frame is
16.7 ms. It also checks that the final results match the final query.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QUOTH_STATE_DIR", tempfile.mkdtemp(prefix="quoth-bench-"))

from bench.synth import DEFAULT_OUT, ensure  # noqa: E402
from tui.app import QuothApp  # noqa: E402
from tui.screens import search as search_screen  # noqa: E402
from tui.screens.library import LibraryScreen  # noqa: E402
from tui.widgets.results import ResultsList  # noqa: E402

QUERY = "peace talk"  # ten characters
FRAME = 1 / 60


async def main() -> None:
    path = ensure(250, DEFAULT_OUT.with_name("library-250"))
    app = QuothApp(paths=[str(path)], watch=False)
    busy: dict[str, float] = {}
    shown: dict[str, float] = {}
    pressed: dict[str, float] = {}
    screen_cls = search_screen.LibrarySearchScreen
    original_changed = screen_cls.on_input_changed
    original_show = screen_cls.show_results

    def on_input_changed(self, event):
        start = time.perf_counter()
        original_changed(self, event)
        busy[event.value] = time.perf_counter() - start

    def show_results(self, text, results):
        start = time.perf_counter()
        original_show(self, text, results)
        self.query_one(ResultsList).render_lines(self.query_one(ResultsList).region.reset_offset)  # paint the rows now
        shown[text] = time.perf_counter() - pressed[text]
        busy[text + " (render)"] = time.perf_counter() - start

    screen_cls.on_input_changed = on_input_changed
    screen_cls.show_results = show_results
    async with app.run_test(size=(120, 40)) as pilot:
        while not (isinstance(app.screen, LibraryScreen) and app._search is not None):
            await pilot.pause(0.05)
        quotes = len(app._search.tables["quote"].records)
        await pilot.press("s")  # the search across articles (/ filters the table)
        await pilot.pause()
        typed = ""
        for ch in QUERY:
            typed += ch
            pressed[typed] = time.perf_counter()
            await pilot.press(ch if ch != " " else "space")
            await pilot.pause(0.12)  # a brisk typist
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one(ResultsList)
        final = app._search.search(QUERY)
        assert [h.record for h in results.hits] == [h.record for h in (*final.quotes, *final.claims)], "stale results"
    prefixes = [QUERY[: i + 1] for i in range(len(QUERY))]
    ui = [busy.get(p, 0) + busy.get(p + " (render)", 0) for p in prefixes]
    latency = [shown[p] for p in prefixes if p in shown]
    print(f"library: {quotes} quotes; query typed: {QUERY!r}, a key every 120 ms")
    print("UI thread busy per key (ms): " + " ".join(f"{t * 1000:.1f}" for t in ui))
    print("results on screen after (ms): " + " ".join(f"{shown[p] * 1000:.0f}" if p in shown else "skipped" for p in prefixes))
    print(f"UI busy: median {statistics.median(ui) * 1000:.1f} ms, worst {max(ui) * 1000:.1f} ms = {max(ui) / FRAME:.2f} frames (target <= 1)")
    print(f"results latency: median {statistics.median(latency) * 1000:.0f} ms, worst {max(latency) * 1000:.0f} ms")
    print("final results match the final query: yes")


if __name__ == "__main__":
    asyncio.run(main())
