"""What checking the library store costs: every article read back from the
store passes the loader's checks again (``tui.core.trust.checked_article``,
through ``Store.articles``), against the same read trusting the stored
anchors, in the same run; and against parsing the TOML.

    python bench/cache_trust.py [--runs 5] [--articles 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synth import ensure  # noqa: E402
from tui.core.article import Anchor, Article  # noqa: E402
from tui.core.library import load_library  # noqa: E402
from tui.core.model import ArticleFile  # noqa: E402
from tui.core.opener import LibraryOpener  # noqa: E402
from tui.core.store import Store  # noqa: E402


def trusting(store: Store) -> list[Article]:
    """The store's articles with their stored anchors taken as they are."""
    rows = store.conn.execute(
        "SELECT f.path, a.doc, a.anchors FROM files f JOIN articles a ON a.file = f.id WHERE f.status = 'ok' ORDER BY f.seq"
    )
    return [
        Article(path, ArticleFile.model_validate_json(doc), {q: Anchor(*spot) for q, spot in json.loads(anchors).items()})
        for path, doc, anchors in rows
    ]


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
    opener = LibraryOpener([str(lib)])
    for _ in opener.events():  # the store written once: every read below is warm
        pass
    store = opener.store
    count = len(store.articles())
    checked, trusted, toml = [], [], []
    for _ in range(args.runs):
        trusted.append(timed(lambda: trusting(store)))
        checked.append(timed(store.articles))
        toml.append(timed(lambda: load_library([lib])))
    opener.close()
    t, c, p = (statistics.median(x) * 1000 for x in (trusted, checked, toml))
    print(f"{count} articles, median of {args.runs} runs")
    print(f"  from the store, anchors trusted   {t:8.0f} ms")
    print(f"  from the store, every article checked (now) {c:8.0f} ms   {c / t:.2f}x")
    print(f"  parsing the TOML (no store)       {p:8.0f} ms   {c / p:.2f}x of it")


if __name__ == "__main__":
    main()
