"""Opening the synthetic 1,000-article library until its table is shown:
cold (no cache) and warm (nothing changed since the last open), each as a
ratio to parsing the same files with tomli alone, measured in the same run.
Also reports peak memory (max RSS) of each process.

    python bench/open.py [--runs 3] [--articles 1000]

Every figure is a fresh process, timed from the start of its script (after
the interpreter itself has started). A bare Textual app's first frame is
measured the same way: no open can be faster than that.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synth import DEFAULT_OUT, ensure  # noqa: E402

TOMLI = r"""
import time, resource, sys
t0 = time.perf_counter()
from pathlib import Path
import tomli
files = sorted(p for p in Path(sys.argv[1]).rglob("*.toml"))
for p in files:
    tomli.loads(p.read_bytes().decode("utf-8"))
print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

BARE = r"""
import time, resource
t0 = time.perf_counter()
from textual.app import App
from textual.widgets import Static


class Bare(App):
    def compose(self):
        yield Static("hello")


async def first_frame(pilot):
    await pilot.pause()
    print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    pilot.app.exit()


Bare().run(headless=True, size=(120, 40), auto_pilot=first_frame)
"""

APP = r"""
import json, threading, time, resource, sys
t0 = time.perf_counter()
# as `quoth FOLDER` does: start the preload (worker processes) before Textual loads
from tui.core.preload import Preload
preload = Preload([sys.argv[1]], use_cache=True)
from tui.app import QuothApp
marks = {"imported": time.perf_counter() - t0}


class TableShown(threading.Event):
    # the app sets this once the library table has been drawn with its rows
    def set(self):
        marks.setdefault("table", time.perf_counter() - t0)
        super().set()


async def wait(pilot):
    # no polling: let the loader (index build, cache writes) finish, then leave
    await pilot.app.workers.wait_for_complete()
    marks["done"] = time.perf_counter() - t0
    pilot.app.exit()


app = QuothApp(paths=[sys.argv[1]], watch=False, preload=preload)
app.table_shown = TableShown()
app.run(headless=True, size=(120, 40), auto_pilot=wait)
marks["rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
marks["rss_workers"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps(marks))
"""


def run(code: str, *args: str, env=None) -> str:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    if out.returncode:
        raise SystemExit(f"benchmark process failed:\n{out.stderr[-4000:]}")
    return out.stdout.strip().splitlines()[-1]


def pair(code: str, *args: str, env=None) -> tuple[float, int]:
    seconds, rss = run(code, *args, env=env).split()
    return float(seconds), int(rss)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    path = ensure(args.articles, DEFAULT_OUT if args.articles == 1000 else DEFAULT_OUT.with_name(f"library-{args.articles}"))
    count = sum(1 for _ in path.rglob("*.toml"))
    tomli_t, bare_t, cold, warm = [], [], [], []
    tomli_m = 0
    for _ in range(args.runs):
        state = tempfile.mkdtemp(prefix="quoth-bench-")
        env = {**os.environ, "QUOTH_STATE_DIR": state}
        t, m = pair(TOMLI, str(path))
        tomli_t.append(t)
        tomli_m = max(tomli_m, m)
        bare_t.append(pair(BARE)[0])
        cold.append(json.loads(run(APP, str(path), env=env)))  # cold: an empty state dir
        warm.append(json.loads(run(APP, str(path), env=env)))  # warm: the caches the cold run wrote
    tomli = statistics.median(tomli_t)
    bare = statistics.median(bare_t)

    def med(runs: list[dict], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    def ratio(runs: list[dict], key: str) -> str:
        # each open against the tomli run just before it: the machine's speed drifts
        ratios = sorted(r[key] / t for r, t in zip(runs, tomli_t, strict=True))
        return f"{statistics.median(ratios):.2f}x tomli (runs {ratios[0]:.2f}-{ratios[-1]:.2f})"

    def peak(runs: list[dict], key: str) -> float:
        return max(r[key] for r in runs) / 1024

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:7.0f} ms"

    for runs in (cold, warm):
        for r in runs:
            r["after_imports"] = r["table"] - r["imported"]
    print(f"library: {count} files under {path.relative_to(ROOT)}; medians of {args.runs} runs, from script start")
    print(f"tomli alone, parse every file       {ms(tomli)}   peak {tomli_m / 1024:4.0f} MiB")
    print(f"bare Textual app, first frame       {ms(bare)}   {bare / tomli:.2f}x tomli (a floor for any open)")
    for name, runs, target in (("cold", cold, 1.3), ("warm", warm, 0.1)):
        print(
            f"{name} open until table shown         {ms(med(runs, 'table'))}   {ratio(runs, 'table')}, target <= {target}x;"
            f" peak {peak(runs, 'rss'):4.0f} MiB, each worker {peak(runs, 'rss_workers'):3.0f} MiB"
        )
        print(f"  of which, after the imports       {ms(med(runs, 'after_imports'))}   {ratio(runs, 'after_imports')}")
        print(f"  until search ready, caches saved  {ms(med(runs, 'done'))}   {ratio(runs, 'done')}")
    summary = {"tomli_ms": round(tomli * 1000), "bare_ms": round(bare * 1000)}
    for name, runs in (("cold", cold), ("warm", warm)):
        summary |= {f"{name}_table_ms": round(med(runs, "table") * 1000), f"{name}_done_ms": round(med(runs, "done") * 1000)}
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
