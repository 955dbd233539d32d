"""Opening the synthetic 1,000-article library until its table is drawn and
search is ready: cold (no store) and warm (nothing changed since the last
open), each as a ratio to parsing the same files with tomli alone, measured
in the same run. Also the command line on the same library: `quoth search`
and `quoth check`, warm and cold, as whole processes. Reports peak memory
(max RSS) of each process.

    python bench/open.py [--runs 3] [--articles 1000|10000] [--query "peace talks"]

Every figure is a fresh process, timed from the start of its script (after
the interpreter itself has started). A bare Textual app's first frame is
measured the same way: no open can be faster than that.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
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
import json, time, resource, sys
t0 = time.perf_counter()
# as `quoth FOLDER` does: open the store and start the workers before Textual loads
from tui.core.opener import LibraryOpener
opener = LibraryOpener([sys.argv[1]], use_cache=True)
QUERY = sys.argv[2]
from tui.app import QuothApp
from tui.app_library import LoadProgress
from tui.core.opener import Loaded, Progress, Rows
marks = {"imported": time.perf_counter() - t0}


def mark(name):
    marks.setdefault(name, time.perf_counter() - t0)


handle = QuothApp.on_load_progress


def on_load_progress(self, message: LoadProgress) -> None:
    # the app's own handler, then a mark once its effect is on the screen (no polling)
    handle(self, message)
    if isinstance(message.event, Rows):
        self.call_after_refresh(mark, "table")
    elif isinstance(message.event, Loaded):
        mark("search")  # app._search is set: a library search answers from the store
    elif not isinstance(message.event, Progress):
        mark("articles")  # the Library (lazy: each article is read from the store when opened)


QuothApp.on_load_progress = on_load_progress


async def wait(pilot):
    # let the loader (full-text index) finish, then search and p as the app does, then leave
    app = pilot.app
    await app.workers.wait_for_complete()
    marks["done"] = time.perf_counter() - t0
    marks["rss_open"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    from tui.core.store_labels import StoreLabels
    t = time.perf_counter()
    results = app._search.search(QUERY)  # a library search keystroke's work: hits, then their labels
    labels = StoreLabels(app._search.store)
    labels.prepare(results)
    for hit in results.quotes[:40]:
        labels.title(hit.record.article), labels.section_number(hit.record.article, hit.record.section)
        labels.speaker(hit.record.article, hit.record.speaker)
    marks["search_s"] = time.perf_counter() - t
    marks["rss_search"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    first = app.summaries[0].id
    entity = app.library.by_id[first].doc.entities[0].id
    t = time.perf_counter()
    person = app._make_people().person(first, entity)  # p (in the synthetic library, someone in every article)
    marks["p_s"] = time.perf_counter() - t
    marks["p_articles"] = len(person.appearances)
    marks["rss_p"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    app.exit()


app = QuothApp(paths=[sys.argv[1]], watch=False, preload=opener)
app.run(headless=True, size=(120, 40), auto_pilot=wait)
marks["ready"] = max(marks["table"], marks["search"])
marks["rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
marks["rss_workers"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps(marks))
"""

# A command as a user runs it: a fresh process, timed from its start to its exit.
CLI = r"""
import json, subprocess, sys, time, resource
t0 = time.perf_counter()
out = subprocess.run([sys.executable, "-m", "tui", *sys.argv[1:]], capture_output=True)
if out.returncode not in (0, 1):
    raise SystemExit(out.stderr.decode()[-2000:])
print(json.dumps({"s": time.perf_counter() - t0, "rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
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
    parser.add_argument("--query", default="peace talks", help="the query for the CLI search path")
    args = parser.parse_args()
    path = ensure(args.articles, DEFAULT_OUT if args.articles == 1000 else DEFAULT_OUT.with_name(f"library-{args.articles}"))
    count = sum(1 for _ in path.rglob("*.toml"))
    tomli_t, bare_t, bare_m, cold, warm = [], [], [], [], []
    cli: dict[str, list[dict]] = {"warm search": [], "warm check": [], "cold search": [], "cold check": []}
    tomli_m = 0
    made: list[str] = []  # state folders (a store of 10,000 articles is over 1 GB): removed at the end

    def fresh_state() -> str:
        made.append(tempfile.mkdtemp(prefix="quoth-bench-"))
        return made[-1]

    for _ in range(args.runs):
        state = fresh_state()
        env = {**os.environ, "QUOTH_STATE_DIR": state}
        t, m = pair(TOMLI, str(path))
        tomli_t.append(t)
        tomli_m = max(tomli_m, m)
        t, m = pair(BARE)
        bare_t.append(t)
        bare_m.append(m)
        cold.append(json.loads(run(APP, str(path), args.query, env=env)))  # cold: an empty state dir
        warm.append(json.loads(run(APP, str(path), args.query, env=env)))  # warm: the store the cold run wrote
        cli["warm search"].append(json.loads(run(CLI, "search", args.query, str(path), env=env)))
        cli["warm check"].append(json.loads(run(CLI, "check", str(path), env=env)))
        for name, command in (("cold search", ["search", args.query]), ("cold check", ["check"])):
            fresh = {**os.environ, "QUOTH_STATE_DIR": fresh_state()}
            cli[name].append(json.loads(run(CLI, *command, str(path), env=fresh)))
    for folder in made:
        shutil.rmtree(folder, ignore_errors=True)
    tomli = statistics.median(tomli_t)
    bare = statistics.median(bare_t)

    def med(runs: list[dict], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    def ratio(runs: list[dict], key: str) -> str:
        # each figure against the tomli run of the same batch: the machine's speed drifts
        ratios = sorted(r[key] / t for r, t in zip(runs, tomli_t, strict=True))
        return f"{statistics.median(ratios):.3f}x tomli (runs {ratios[0]:.3f}-{ratios[-1]:.3f})"

    def peak(runs: list[dict], key: str) -> float:
        return max(r[key] for r in runs) / 1024

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:7.0f} ms"

    for runs in (cold, warm):
        for r in runs:
            r["after_imports"] = r["ready"] - r["imported"]
    print(f"library: {count} files under {path.relative_to(ROOT)}; medians of {args.runs} runs, from script start")
    print(f"tomli alone, parse every file       {ms(tomli)}   peak {tomli_m / 1024:4.0f} MiB")
    print(f"bare Textual app, first frame       {ms(bare)}   {bare / tomli:.3f}x tomli (a floor for any open);"
          f" peak {max(bare_m) / 1024:4.0f} MiB")
    for name, runs, target in (("cold", cold, 1.3), ("warm", warm, 0.1)):
        print(f"{name} open until table shown         {ms(med(runs, 'table'))}   {ratio(runs, 'table')}")
        print(
            f"{name} open until table AND search   {ms(med(runs, 'ready'))}   {ratio(runs, 'ready')}, target <= {target}x;"
            f" peak {peak(runs, 'rss_open'):4.0f} MiB (bare + {peak(runs, 'rss_open') - max(bare_m) / 1024:.0f}),"
            f" each worker {peak(runs, 'rss_workers'):3.0f} MiB"
        )
        print(f"  of which, after the imports       {ms(med(runs, 'after_imports'))}   {ratio(runs, 'after_imports')}")
        print(f"  until the library is given        {ms(med(runs, 'articles'))}   {ratio(runs, 'articles')}")
        print(f"  until the full-text index is done {ms(med(runs, 'done'))}   {ratio(runs, 'done')}")
        print(f"  then a library search ({args.query!r}) {ms(med(runs, 'search_s'))} with the labels of 40 hits;"
              f" peak {peak(runs, 'rss_search'):4.0f} MiB")
        print(f"  then p, someone in {med(runs, 'p_articles'):.0f} articles {ms(med(runs, 'p_s'))};"
              f" peak {peak(runs, 'rss_p'):4.0f} MiB")
    for name, runs in cli.items():
        target = {"warm search": " target <= 0.05x;", "warm check": " target <= 0.05x;"}.get(name, "")
        print(f"quoth {name:<12} (whole process)  {ms(med(runs, 's'))}   {ratio(runs, 's')};{target}"
              f" peak {peak(runs, 'rss'):4.0f} MiB")
    summary = {"tomli_ms": round(tomli * 1000), "bare_ms": round(bare * 1000)}
    for name, runs in (("cold", cold), ("warm", warm)):
        summary |= {f"{name}_table_ms": round(med(runs, "table") * 1000), f"{name}_ready_ms": round(med(runs, "ready") * 1000)}
    summary |= {name.replace(" ", "_") + "_ms": round(med(runs, "s") * 1000) for name, runs in cli.items()}
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
