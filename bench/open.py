"""Opening the synthetic 1,000-article library until its table is shown:
cold (no cache) and warm (nothing changed since the last open), each as a
ratio to parsing the same files with tomli alone, measured in the same run.
Also reports peak memory (max RSS) of each process.

    python bench/open.py [--runs 3] [--articles 1000]

Every figure is a fresh process, timed from the start of its script.
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

APP = r"""
import threading, time, resource, sys
t0 = time.perf_counter()
# as `quoth FOLDER` does: start the preload (worker processes) before Textual loads
from tui.preload import Preload
preload = Preload([sys.argv[1]], use_cache=True)
from tui.app import QuothApp
expected = int(sys.argv[2])
shown = []


class TableShown(threading.Event):
    # the app sets this once the library table has been drawn with its rows
    def set(self):
        if not shown:
            shown.append(time.perf_counter() - t0)
        super().set()


async def wait(pilot):
    # no polling: just let the loader (and its cache writes) finish, then leave
    await pilot.app.workers.wait_for_complete()
    pilot.app.exit()


app = QuothApp(paths=[sys.argv[1]], watch=False, preload=preload)
app.table_shown = TableShown()
app.run(headless=True, size=(120, 40), auto_pilot=wait)
print(shown[0], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run(code: str, *args: str, env=None) -> tuple[float, int]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT)
    if out.returncode:
        raise SystemExit(f"benchmark process failed:\n{out.stderr[-4000:]}")
    seconds, rss = out.stdout.strip().splitlines()[-1].split()
    return float(seconds), int(rss)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    path = ensure(args.articles, DEFAULT_OUT if args.articles == 1000 else DEFAULT_OUT.with_name(f"library-{args.articles}"))
    count = sum(1 for _ in path.rglob("*.toml"))
    tomli_t, cold_t, warm_t = [], [], []
    tomli_m = cold_m = warm_m = 0
    for _ in range(args.runs):
        state = tempfile.mkdtemp(prefix="quoth-bench-")
        env = {**os.environ, "QUOTH_STATE_DIR": state}
        t, m = run(TOMLI, str(path))
        tomli_t.append(t)
        tomli_m = max(tomli_m, m)
        t, m = run(APP, str(path), str(count), env=env)  # cold: an empty state dir
        cold_t.append(t)
        cold_m = max(cold_m, m)
        t, m = run(APP, str(path), str(count), env=env)  # warm: the cache the cold run wrote
        warm_t.append(t)
        warm_m = max(warm_m, m)
    tomli = statistics.median(tomli_t)
    cold = statistics.median(cold_t)
    warm = statistics.median(warm_t)
    print(f"library: {count} files under {path.relative_to(ROOT)}")
    print(f"tomli alone, parse every file  {tomli * 1000:7.0f} ms   peak {tomli_m / 1024:6.0f} MiB")
    print(f"cold open until table shown    {cold * 1000:7.0f} ms   peak {cold_m / 1024:6.0f} MiB   {cold / tomli:.2f}x tomli (target <= 1.3x)")
    print(f"warm open until table shown    {warm * 1000:7.0f} ms   peak {warm_m / 1024:6.0f} MiB   {warm / tomli:.2f}x tomli (target <= 0.1x)")
    print(json.dumps({"tomli_ms": round(tomli * 1000), "cold_ms": round(cold * 1000), "warm_ms": round(warm * 1000)}))


if __name__ == "__main__":
    main()
