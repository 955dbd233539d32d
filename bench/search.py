"""Search speed over the synthetic library (1,000 articles, 40,000 quotes,
30,000 claims), as a ratio to a naive scan measured in the same run.

    python bench/search.py [--repeat 30]

The naive scan is what one would write first: for every quote and claim,
``all(term in text.casefold() for term in terms)``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synth import ensure  # noqa: E402
from tui.core.library import load_library  # noqa: E402
from tui.core.search import SearchIndex, parse  # noqa: E402

QUERIES = [
    "troops",
    "peace talks",
    "minister defence security",
    "ceasefire",
    '"peace talks"',
    "speaker:amara talks",
    "kind:direct border",
    "sanctions kind:denial",
]


def naive(records: list[tuple[str, str]], query: str) -> int:
    terms = [t for t in query.replace('"', " ").split() if ":" not in t]
    terms = [t.casefold() for t in terms]
    return sum(1 for _, text in records if all(t in text.casefold() for t in terms))


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--builds", type=int, default=3, help="load-then-build pairs for the index ratio")
    args = parser.parse_args()
    path = ensure()
    # Each build is timed right after its own load: the machine's speed drifts,
    # so the ratio of a pair is steadier than a ratio of separate medians.
    pairs = []
    for _ in range(args.builds):
        t0 = time.perf_counter()
        library = load_library([path])
        load_time = time.perf_counter() - t0
        t0 = time.perf_counter()
        index = SearchIndex(library.articles)
        pairs.append((load_time, time.perf_counter() - t0))
    ratios = sorted(build / load for load, build in pairs)
    records = [(r.id, r.text) for kind in ("quote", "claim") for r in index.records[kind]]
    print(f"library: {len(library.articles)} articles, {len(index.records['quote'])} quotes, {len(index.records['claim'])} claims")
    load_ms = statistics.median(load for load, _ in pairs) * 1000
    build_ms = statistics.median(build for _, build in pairs) * 1000
    print(f"load {load_ms:.0f} ms; building the search index {build_ms:.0f} ms (medians of {len(pairs)}); "
          f"build / load {statistics.median(ratios) * 100:.1f}% (runs {ratios[0] * 100:.1f}-{ratios[-1] * 100:.1f}%; target <= 20%)")
    print()
    print(f"{'query':32} {'hits':>6} {'median':>9} {'p95':>9} {'naive median':>13} {'speed-up':>9}")
    medians = []
    p95s = []
    for q in QUERIES:
        parsed = parse(q)
        hits = len(index.search(parsed))
        ours = timed(lambda parsed=parsed: index.search(parsed), args.repeat)
        theirs = timed(lambda q=q: naive(records, q), max(3, args.repeat // 5))
        m, p, n = statistics.median(ours), p95(ours), statistics.median(theirs)
        medians.append(m)
        p95s.append(p)
        print(f"{q:32} {hits:6d} {m * 1000:8.2f}ms {p * 1000:8.2f}ms {n * 1000:12.1f}ms {n / m:8.1f}x")
    print()
    print(f"all queries: median of medians {statistics.median(medians) * 1000:.2f} ms (target < 5 ms), "
          f"worst p95 {max(p95s) * 1000:.2f} ms (target < 16 ms)")


if __name__ == "__main__":
    main()
