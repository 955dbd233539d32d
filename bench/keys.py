"""Keystroke to settled frame, in the running app, against one frame.

    python bench/keys.py [--runs 15] [--articles 1000]

For each key it times, over ``--runs`` presses, from the key being sent to
the last frame the app wrote for it (``App._display``, which runs in
headless tests too), once the app is idle and every animation is over: an
animated scroll writes a frame per step, so it counts to its last one. The
first frame (the key's own effect) and the settled frame (after other
panes followed) are set against one frame at 60 Hz (16.7 ms). The harness's
own cost shows in a key with no binding, which writes no frame (its time is
to idle): Pilot's ``press`` waits for idle itself.

- ``G``, ``space``, ``]`` and ``/x`` (the ``x`` typed into an open search
  prompt) on the bundled article at 120x40;
- ``p`` (the quote's speaker across the library) on the 1,000-article
  synthetic library of ``bench/synth.py``, with a quote selected.

The aim (issue 11): every key settled within 50 ms on the bundled article,
and ``p`` within one frame on 1,000 articles.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QUOTH_STATE_DIR", tempfile.mkdtemp(prefix="quoth-bench-"))

from bench.synth import DEFAULT_OUT, ensure  # noqa: E402
from tui.app import QuothApp  # noqa: E402
from tui.core.library import bundled_content, load_library  # noqa: E402
from tui.screens.library import LibraryScreen  # noqa: E402
from tui.screens.reader import ReaderScreen  # noqa: E402

FRAME = 1 / 60


async def settle(pilot) -> None:
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    await pilot.pause()


FRAMES: list[float] = []


def watch_frames(app: QuothApp) -> None:
    original = app._display

    def display(screen, renderable) -> None:
        original(screen, renderable)
        FRAMES.append(time.perf_counter())

    app._display = display  # type: ignore[method-assign]


async def timed(pilot, key: str, runs: int, reset: Callable[[], Awaitable[None]]) -> list[tuple[float, float]]:
    """(first frame, settled frame) after each press."""
    out = []
    for _ in range(runs):
        await reset()
        await settle(pilot)
        FRAMES.clear()
        start = time.perf_counter()
        await pilot.press(key)
        await settle(pilot)
        now = time.perf_counter()
        out.append(((FRAMES[0] if FRAMES else now) - start, (FRAMES[-1] if FRAMES else now) - start))
    return out


def report(name: str, times: list[tuple[float, float]]) -> None:
    first = statistics.median(t[0] for t in times)
    settled = statistics.median(t[1] for t in times)
    worst = max(t[1] for t in times)
    print(
        f"| `{name}` | {first * 1000:.1f} ms | {settled * 1000:.1f} ms | {worst * 1000:.1f} ms | "
        f"{first / FRAME:.2f} | {settled / FRAME:.2f} |",
        flush=True,
    )


async def article_keys(runs: int) -> None:
    library = load_library([bundled_content()])
    app = QuothApp(library, watch=False)
    watch_frames(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)

        async def top() -> None:
            await pilot.press("g")

        async def nothing() -> None:
            return None

        async def search_open() -> None:
            if not app.screen.has_class("-search-open"):
                await pilot.press("slash")
            await pilot.press("backspace")

        report("(no binding: to idle)", await timed(pilot, "f12", runs, nothing))
        report("G", await timed(pilot, "G", runs, top))
        report("space", await timed(pilot, "space", runs, top))
        report("]", await timed(pilot, "right_square_bracket", runs, top))
        report("/x", await timed(pilot, "x", runs, search_open))


async def person_key(runs: int, articles: int) -> None:
    path = ensure(articles, DEFAULT_OUT if articles == 1000 else DEFAULT_OUT.with_name(f"library-{articles}"))
    app = QuothApp(paths=[str(path)], watch=False)
    watch_frames(app)
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, LibraryScreen):
            await pilot.pause(0.05)
        await pilot.pause(0.5)
        await pilot.press("enter")
        while not isinstance(app.screen, ReaderScreen):
            await pilot.pause(0.05)
        await pilot.press("tab")
        await settle(pilot)
        reader_screen = app.screen

        async def back() -> None:
            while app.screen is not reader_screen:
                app.pop_screen()
                await pilot.pause()

        times = await timed(pilot, "p", runs, back)
        report(f"p ({articles:,} articles, first press {times[0][1] * 1000:.0f} ms)", times[1:] or times)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--no-library", action="store_true", help="skip p on the library")
    args = parser.parse_args()
    print("| key | first frame | settled | worst settled | first / 16.7 ms | settled / 16.7 ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    await article_keys(args.runs)
    if not args.no_library:
        await person_key(args.runs, args.articles)


if __name__ == "__main__":
    asyncio.run(main())
