"""Pathological shapes: does any file cost time and memory near-linear in its size?

    python bench/shapes.py [--scale 1.0] [--only deep-array,many-quotes] [--measure check,search]

Each shape of issue 15 is generated at three sizes (×1, ×2, ×4). For each
measurer the script prints the time and peak memory at every size, then the
growth exponent of each: the slope of log(cost) against log(size), fitted by
least squares over the three sizes. 1.0 is linear; the target is ≤ 1.2.
Time is measured inside the child process (interpreter start-up and imports
excluded, they do not grow); memory is the child's peak RSS (``wait4``), and
its exponent is fitted on the part above the same measurer's run on a
minimal article. Targets: ≤ 1 s per MB to check; peak memory ≤ 60 MB + 20×
the file size.

Every run is a fresh process with a 4 GiB address-space limit and a time
limit, so a regression cannot eat the machine: it shows as ``killed`` or
``timeout``.

Measurers are the entries of :data:`MEASURERS` (a name and the child code
that does the work between ``START`` and ``STOP``); add one to add a column.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_AS = 4 * 1024**3
TIMEOUT = 180.0
SCALES = (1, 2, 4)

# -- shapes ----------------------------------------------------------------

HEAD = '''format = 1

[article]
id = "shape"
title = "A pathological shape"

[[entities]]
id = "ann"
name = "Ann Example"
aliases = ["Ann"]
'''

WORDS = "the minister said that talks on peace would resume next week after the border incident".split()


def _prose(chars: int, seed: int = 0) -> str:
    """Deterministic ordinary prose of about ``chars`` characters."""
    out: list[str] = []
    size, i = 0, seed
    while size < chars:
        word = WORDS[(i * 7 + i // 13) % len(WORDS)] + str(i % 97)
        out.append(word)
        size += len(word) + 1
        i += 1
    return " ".join(out)


def _section(paragraphs: list[str], sid: str = "one") -> str:
    body = ",\n  ".join(f"'''{p}'''" for p in paragraphs)
    return f'\n[[sections]]\nid = "{sid}"\ntitle = "One"\nparagraphs = [\n  {body},\n]\n'


def _quote(qid: str, text: str, *, prefix: str | None = None, section: str = "one") -> str:
    extra = f"prefix = '''{prefix}'''\n" if prefix is not None else ""
    return f"\n[[quotes]]\nid = \"{qid}\"\nspeaker = \"ann\"\nsection = \"{section}\"\ntext = '''{text}'''\n{extra}"


def deep_array(k: float) -> str:
    n = int(25_000 * k)
    return "x = " + "[" * n + "1" + "]" * n + "\n"


def deep_inline(k: float) -> str:
    n = int(25_000 * k)
    return "x = " + "{a=" * n + "1" + "}" * n + "\n"


def dotted_header(k: float) -> str:
    n = int(12_500 * k)
    return HEAD + "[" + ".".join(["a"] * n) + "]\nb = 1\n"


def missing_quote(k: float) -> str:
    paragraphs = [_prose(2_000, seed=i * 1000) for i in range(int(66 * k))]
    return HEAD + _section(paragraphs) + _quote("q0", "a sentence that the section never holds")


def many_missing(k: float) -> str:
    paragraphs = [_prose(2_000, seed=i * 1000) for i in range(int(68 * k))]
    quotes = "".join(_quote(f"q{i}", f"words {i} the section never holds at all") for i in range(int(25 * k)))
    return HEAD + _section(paragraphs) + quotes


def prefix_choice(k: float) -> str:
    n = int(2_500 * k)
    paragraph = " ".join(f"w{i} says yes." for i in range(n))
    quotes = "".join(_quote(f"q{i}", "says yes", prefix=f"w{i * 5} ") for i in range(n // 5))
    return HEAD + _section([paragraph]) + quotes


def many_quotes(k: float) -> str:
    n = int(10_000 * k)
    paragraphs = [f"Ann said quote number {i} here, and then more words followed it." for i in range(n)]
    quotes = "".join(_quote(f"q{i}", f"quote number {i} here") for i in range(n))
    return HEAD + _section(paragraphs) + quotes


def many_entities(k: float) -> str:
    n = int(1_250 * k)
    entities = []
    for i in range(n):
        aliases = ", ".join(f'"Alias{i} N{j}"' for j in range(10))
        entities.append(f'\n[[entities]]\nid = "e{i}"\nname = "Person{i} Surname{i}"\naliases = [{aliases}]\n')
    paragraphs = [f"Person{i} Surname{i} met Alias{i} N3 and Ann, said the minister." for i in range(n * 4)]
    return HEAD + "".join(entities) + _section(paragraphs)


def huge_paragraph(k: float) -> str:
    unit = "Ann said that Ann Example met the minister. "
    paragraph = unit * int(3.5 * 1024 * 1024 * k / len(unit)) + "And that was the end."
    return HEAD + _section([paragraph]) + _quote("q0", "that was the end")


def accented_paragraph(k: float) -> str:
    """The search-folding worst case: non-ASCII letters, typographic marks, double spaces."""
    unit = "Élysée’s  spokeswoman said “no” — twice, in Straße Ж. "
    paragraph = unit * int(1024 * 1024 * k / len(unit)) + "And that was the end."
    return HEAD + _section([paragraph]) + _quote("q0", "that was the end")


def invalid_tables(k: float) -> str:
    n = int(25_000 * k)
    return HEAD + _section(["Ann said so."]) + "".join(f'\n[[quotes]]\nid = "q{i}"\nspeaker = 3\n' for i in range(n))


SHAPES: dict[str, Callable[[float], str]] = {
    "deep-array": deep_array,
    "deep-inline": deep_inline,
    "dotted-header": dotted_header,
    "missing-quote": missing_quote,
    "many-missing": many_missing,
    "prefix-choice": prefix_choice,
    "many-quotes": many_quotes,
    "many-entities": many_entities,
    "huge-paragraph": huge_paragraph,
    "accented-paragraph": accented_paragraph,
    "invalid-tables": invalid_tables,
}

MINIMAL = HEAD + _section(["Ann said the plan is sound."]) + _quote("q0", "the plan is sound")

# -- measurers -------------------------------------------------------------
# Each is child code: PATH is the file; the work runs between START and STOP.

_CHECK = """
import contextlib, io
from tui.cli import main
START()
with contextlib.redirect_stdout(io.StringIO()) as out:
    main(["check", PATH])
STOP()
"""

# The core half of a search keystroke in the reader: parse, search the
# article's quotes and claims, find the highlight spans of every hit, and
# those of the first screenful (4,000 characters) of every paragraph, as a
# reader that lays out only what is near the viewport asks for them.
_SEARCH = """
from tui.core.reading import load_file
from tui.core.search import SearchIndex, parse, match_spans
article = load_file(PATH).article
if article is None:
    raise SystemExit(3)
index = SearchIndex([article])
START()
query = parse("said th")
results = index.search(query)
for hit in results.quotes + results.claims:
    hit.spans(query)
for section in article.doc.sections:
    for paragraph in section.paragraphs:
        match_spans(paragraph, query, (0, 4000))
STOP()
"""

# The same, highlighting every paragraph whole (what a reader that styles
# every block on each keystroke costs).
_HIGHLIGHT_ALL = _SEARCH.replace("match_spans(paragraph, query, (0, 4000))", "match_spans(paragraph, query)")

_MENTIONS = """
from tui.core.reading import load_file
from tui.core.index import ArticleIndex
article = load_file(PATH).article
if article is None:
    raise SystemExit(3)
START()
ArticleIndex(article).mentions
STOP()
"""

_EXPORT = """
from tui.core.reading import load_file
from tui.core.export import export
article = load_file(PATH).article
if article is None:
    raise SystemExit(3)
START()
export([article], "json")
export([article], "markdown")
STOP()
"""

# `quoth export -f json FILE` as run from a shell, its output thrown away:
# the document is written piece by piece to standard output.
_JSON_EXPORT = """
import os, sys
from tui.cli import main
START()
with open(os.devnull, "w", encoding="utf-8") as sink:
    real, sys.stdout = sys.stdout, sink
    try:
        main(["export", "-f", "json", PATH])
    finally:
        sys.stdout = real
STOP()
"""

MEASURERS: dict[str, str] = {
    "check": _CHECK,
    "search": _SEARCH,
    "highlight-all": _HIGHLIGHT_ALL,
    "mentions": _MENTIONS,
    "export": _EXPORT,
    "json-export": _JSON_EXPORT,
}

_PRELUDE = """
import sys, time, resource
PATH = sys.argv[1]
_t = [0.0]
def START():
    _t[0] = time.perf_counter()
def STOP():
    sys.stderr.write("\\nELAPSED %r\\n" % (time.perf_counter() - _t[0]))
"""


@dataclass
class Cost:
    seconds: float | None  # None: the run failed (see note)
    rss: int  # peak resident set, bytes
    note: str = ""


def _limit() -> None:  # runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_AS, LIMIT_AS))


def run(code: str, path: str, timeout: float = TIMEOUT) -> Cost:
    """Run measurer code on a file in a fresh, limited process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", _PRELUDE + code, path],
            stdout=subprocess.DEVNULL, stderr=err, env=env, preexec_fn=_limit, cwd=ROOT,
        )
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = -9
                return Cost(None, usage.ru_maxrss * 1024, "timeout")
            time.sleep(0.02)
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").splitlines()
    rss = usage.ru_maxrss * 1024
    elapsed = [float(line.split()[1]) for line in lines if line.startswith("ELAPSED ")]
    code_ = os.waitstatus_to_exitcode(status)
    if elapsed:
        return Cost(elapsed[-1], rss)
    if code_ == 3:
        return Cost(None, rss, "invalid")
    tail = next((line for line in reversed(lines) if line.strip()), "")
    return Cost(None, rss, "killed" if code_ < 0 or "MemoryError" in tail else f"error: {tail[:60]}")


def best(code: str, path: str, timeout: float, repeat: int) -> Cost:
    """The fastest of ``repeat`` runs (noise only ever adds time), with the largest peak memory."""
    costs = [run(code, path, timeout) for _ in range(max(1, repeat))]
    done = [c for c in costs if c.seconds is not None]
    if not done:
        return costs[0]
    fastest = min(done, key=lambda c: c.seconds or 0.0)
    return Cost(fastest.seconds, max(c.rss for c in costs), fastest.note)


def exponent(sizes: list[int], values: list[float]) -> float | None:
    """Least-squares slope of log(value) against log(size)."""
    pts = [(math.log(s), math.log(v)) for s, v in zip(sizes, values, strict=True) if v > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    den = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / den if den else None


def _fmt_exp(value: float | None, none: str = "–") -> str:
    return none if value is None else f"{value:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size (0.1 for a quick look)")
    parser.add_argument("--only", default="", help="comma-separated shape names")
    parser.add_argument("--measure", default=",".join(MEASURERS), help="comma-separated measurers")
    parser.add_argument("--timeout", type=float, default=TIMEOUT)
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest counts (the machine is shared)")
    args = parser.parse_args(argv)
    shapes = [s for s in args.only.split(",") if s] or list(SHAPES)
    measures = [m for m in args.measure.split(",") if m]
    with tempfile.TemporaryDirectory() as tmp:
        base_file = Path(tmp) / "minimal.toml"
        base_file.write_text(MINIMAL)
        base = {m: run(MEASURERS[m], str(base_file)).rss for m in measures}
        print("| shape | measure | sizes (KB) | seconds | peak MB | time exp. | memory exp. | s/MB (largest) | memory target |")
        print("| --- | --- | --- | --- | --- | ---: | ---: | ---: | --- |")
        for name in shapes:
            files = []
            for k in SCALES:
                path = Path(tmp) / f"{name}-{k}.toml"
                path.write_text(SHAPES[name](k * args.scale), encoding="utf-8")
                files.append(path)
            sizes = [p.stat().st_size for p in files]
            for m in measures:
                costs = [best(MEASURERS[m], str(p), args.timeout, args.repeat) for p in files]
                if all(c.note == "invalid" for c in costs):
                    continue
                secs = [c.seconds for c in costs]
                ok = [s is not None for s in secs]
                t_exp = exponent(sizes, [s for s in secs if s is not None]) if all(ok) else None
                growth = [c.rss - base[m] for c in costs]
                # memory that barely grows has no meaningful exponent
                m_exp = exponent(sizes, [max(1, g) for g in growth]) if all(ok) and max(growth) > 5e6 else None
                per_mb = secs[-1] / (sizes[-1] / 1e6) if secs[-1] is not None else None
                budget = 60e6 + 20 * sizes[-1]
                mem_ok = "met" if costs[-1].rss <= budget else f"over ({budget / 1e6:.0f} MB)"
                print(
                    f"| {name} | {m} | {' / '.join(f'{s / 1000:.0f}' for s in sizes)} | "
                    + " / ".join(f"{c.seconds:.3f}" if c.seconds is not None else c.note for c in costs)
                    + f" | {' / '.join(f'{c.rss / 1e6:.0f}' for c in costs)} | {_fmt_exp(t_exp)} | {_fmt_exp(m_exp, 'flat' if all(ok) else '–')} | "
                    + (f"{per_mb:.2f}" if per_mb is not None else "–")
                    + f" | {mem_ok} |",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
