"""Time to the first painted frame: Quoth on the bundled article, as a ratio
to a bare Textual app measured in the same run (same harness, alternating).

Each sample is a fresh process: interpreter start, imports, loading, first
frame. Run: python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

HARNESS = r"""
import sys, time
t0 = time.perf_counter()
which = sys.argv[1]
if which == "bare":
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("hello")

    app = Bare()
else:
    from tui.app import QuothApp
    from tui.core.library import bundled_content, load_library

    app = QuothApp(load_library([bundled_content()]))


async def first_frame(pilot):
    await pilot.pause()
    print(time.perf_counter() - t0)
    pilot.app.exit()

app.run(headless=True, size=(120, 40), auto_pilot=first_frame)
"""


def sample(which: str) -> float:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", HARNESS, which], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    inner = float(out.stdout.strip().splitlines()[-1])
    return wall if wall > inner else inner


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    sample("bare"), sample("quoth")  # warm the file cache
    bare, quoth = [], []
    for _ in range(args.runs):
        bare.append(sample("bare"))
        quoth.append(sample("quoth"))
    b, q = statistics.median(bare), statistics.median(quoth)
    print(f"bare Textual app   median {b * 1000:7.1f} ms  (min {min(bare) * 1000:.1f})")
    print(f"quoth, seed article median {q * 1000:7.1f} ms  (min {min(quoth) * 1000:.1f})")
    print(f"ratio quoth / bare: {q / b:.2f}x  (target <= 1.2x)")


if __name__ == "__main__":
    main()
