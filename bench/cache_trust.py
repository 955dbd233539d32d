"""What checking cache entries costs: a warm library load from the article
cache, where every entry passes the loader's checks again
(``tui.core.trust.checked_article``), against the same load trusting the
entries' anchors as before, in the same run; and against parsing the TOML.

    python bench/cache_trust.py [--runs 5] [--articles 1000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synth import ensure  # noqa: E402
from tui.core import cache  # noqa: E402
from tui.core.article import Anchor, Article  # noqa: E402
from tui.core.library import load_library  # noqa: E402


def trusting(file: str, entry: cache.CacheEntry) -> Article | None:
    """The old reading: anchors sliced out of the text, references trusted."""
    doc = entry.article
    sections = {s.id: s for s in doc.sections}
    anchors = {}
    for quote in doc.quotes:
        spot = entry.anchors.get(quote.id)
        if spot is None:
            return None
        section, paragraph, start, end = spot
        try:
            text = sections[section].paragraphs[paragraph][start:end]
        except (KeyError, IndexError):
            return None
        if text != quote.text or section != quote.section:
            return None
        anchors[quote.id] = Anchor(section, paragraph, start, end)
    return Article(file, doc, anchors)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    lib = ensure(args.articles)
    os.environ["QUOTH_STATE_DIR"] = tempfile.mkdtemp(prefix="quoth-bench-")
    library, loader = cache.load_library_cached([lib])
    loader.save()
    checked_fn = cache.article_from_entry
    checked, trusted, toml = [], [], []
    for _ in range(args.runs):
        cache.article_from_entry = trusting
        trusted.append(timed(lambda: cache.load_library_cached([lib])))
        cache.article_from_entry = checked_fn
        checked.append(timed(lambda: cache.load_library_cached([lib])))
        toml.append(timed(lambda: load_library([lib])))
    t, c, p = (statistics.median(x) * 1000 for x in (trusted, checked, toml))
    print(f"{len(library.articles)} articles, median of {args.runs} runs")
    print(f"  from the cache, entries trusted (before)  {t:8.0f} ms")
    print(f"  from the cache, entries checked (now)     {c:8.0f} ms   {c / t:.2f}x")
    print(f"  parsing the TOML (no cache)               {p:8.0f} ms   {c / p:.2f}x of it")


if __name__ == "__main__":
    main()
