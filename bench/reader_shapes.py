"""The reader on pathological shapes (issue 15): first paint, a search
keystroke and a resize, each at three sizes, with the growth exponent.

    python bench/reader_shapes.py            # the three shapes, three sizes each
    python bench/reader_shapes.py --quick    # smaller sizes, for a smoke run
    python bench/reader_shapes.py --huge     # also the 15 MiB paragraph

Shapes (generated here, deterministic):

- ``quotes``: N quotes in one section (50 to a paragraph), about 110 bytes
  of TOML per quote: 20,000 quotes is about 2 MB.
- ``paragraph``: one paragraph of S bytes with a mention every 52 bytes
  (15 MiB holds about 300k mentions).
- ``entities``: E entities with 11 names each, each mentioned in the text.

Each article is loaded before the clock starts (``quoth check`` is timed by
``bench/shapes.py``). *First paint* is building the article's index (mentions
and cross-references) and mounting a Reader in a bare App at 120x40 until
its first frame is rendered, minus the same App with an empty
Static measured in the same run. *Keystroke* is typing one more character of
a search as the reader screen does it (``set_search``, a lazy
:class:`~tui.core.find.Finder` for n/N and the "i/n" status, the first match
from the top of the view shown, the view rendered); the first key also folds the article's text once, so it is shown
apart. *Resize* is 120x40 to 80x24 until the frame is rendered. The growth
exponent is log(t_large / t_small) / log(size_large / size_small): 1 is linear.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import math
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual.app import App  # noqa: E402
from textual.geometry import Region  # noqa: E402
from textual.widgets import Static  # noqa: E402

from tui.core.article import Article  # noqa: E402
from tui.core.find import Finder  # noqa: E402
from tui.core.index import ArticleIndex  # noqa: E402
from tui.core.reading import load_text  # noqa: E402
from tui.core.search import parse  # noqa: E402
from tui.widgets.reader import Reader  # noqa: E402

HEAD = 'format = 1\n\n[article]\nid = "shape"\ntitle = "A pathological shape"\n\n'


def quotes_shape(n: int) -> str:
    out = [HEAD, '[[entities]]\nid = "ann"\nname = "Ann Example"\n\n']
    paragraphs = []
    for p in range(0, n, 50):
        paragraphs.append(" ".join(f"Ann said alpha{i} beta{i} gamma." for i in range(p, min(n, p + 50))))
    out.append('[[sections]]\nid = "s"\ntitle = "Everything"\nparagraphs = [\n')
    out.extend(f'  "{p}",\n' for p in paragraphs)
    out.append("]\n\n")
    out.extend(f'[[quotes]]\nid = "q{i}"\nspeaker = "ann"\nsection = "s"\ntext = "alpha{i} beta{i}"\n\n' for i in range(n))
    return "".join(out)


def paragraph_shape(size: int) -> str:
    sentence = "Ann went to the market and bought some bread today. "
    text = sentence * (size // len(sentence))
    return (
        HEAD
        + '[[entities]]\nid = "ann"\nname = "Ann Example"\naliases = ["Ann"]\n\n'
        + f'[[sections]]\nid = "s"\ntitle = "One paragraph"\nparagraphs = ["{text.strip()}"]\n'
    )


def entities_shape(n: int) -> str:
    out = [HEAD]
    words = []
    for e in range(n):
        names = [f"Person{e} Name{k}" for k in range(11)]
        aliases = ", ".join(f'"{x}"' for x in names[1:])
        out.append(f'[[entities]]\nid = "e{e}"\nname = "{names[0]}"\naliases = [{aliases}]\n\n')
        words.append(f"Then {names[e % 11]} spoke.")
    paragraphs = [" ".join(words[i : i + 40]) for i in range(0, len(words), 40)]
    out.append('[[sections]]\nid = "s"\ntitle = "Many people"\nparagraphs = [\n')
    out.extend(f'  "{p}",\n' for p in paragraphs)
    out.append("]\n")
    return "".join(out)


SHAPES = {
    "quotes": (quotes_shape, (5_000, 10_000, 20_000), "quotes", "beta1"),
    "paragraph": (paragraph_shape, (1 << 20, 2 << 20, 4 << 20), "bytes", "bread t"),
    "entities": (entities_shape, (1_250, 2_500, 5_000), "entities", "spoke"),
}


class Bare(App[None]):
    def compose(self):
        yield Static("x")


class One(App[None]):
    CSS = "Reader { border: round white; padding: 0 1; height: 1fr; }"

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article

    def compose(self):
        self.index = ArticleIndex(self.article)  # timed: the app builds it when it opens the article
        yield Reader(self.index)


def _paint(reader: Reader) -> None:
    reader.render_lines(Region(0, 0, reader.size.width, reader.size.height))


async def first_frame(app: App, size=(120, 40)) -> float:
    start = time.perf_counter()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        return time.perf_counter() - start
    raise AssertionError


async def measure(article: Article, word: str) -> dict[str, float]:
    bare = await first_frame(Bare())
    app = One(article)
    start = time.perf_counter()
    out: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        out["paint"] = max(0.0, time.perf_counter() - start - bare)
        reader = app.query_one(Reader)
        keys = []
        for n in range(1, len(word) + 1):
            t = time.perf_counter()
            # what the reader screen does (tui/screens/reader_search.py): the
            # highlights, the n/N matches (found lazily), the first from the top
            query = parse(word[:n])
            reader.set_search(query)
            finder = Finder(article, query)
            first = finder.first_from(*reader.paragraph_at_top())
            if first is not None:
                match = finder.matches[first]
                if match.place == "paragraph":
                    reader.show_paragraph(match.section, match.number)
            out["count"] = len(finder)
            _paint(reader)
            keys.append(time.perf_counter() - t)
            await pilot.pause()
        later = keys[1:] or keys  # the first key folds the text once
        out["key"], out["key_median"] = max(later), statistics.median(later)
        out["key1"] = keys[0]
        reader.set_search(None)
        await pilot.press("G")
        t = time.perf_counter()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        _paint(reader)
        out["resize"] = time.perf_counter() - t
    return out


def exponent(sizes, times) -> float:
    if times[0] <= 0 or times[-1] <= 0:
        return float("nan")
    return math.log(times[-1] / times[0]) / math.log(sizes[-1] / sizes[0])


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--huge", action="store_true")
    parser.add_argument("--only", choices=list(SHAPES))
    args = parser.parse_args()
    print("| shape | size | file | load | first paint | 1st key | next keys: median | worst | resize |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, (make, sizes, unit, word) in SHAPES.items():
        if args.only and name != args.only:
            continue
        if args.quick:
            sizes = tuple(s // 4 for s in sizes)
        if args.huge and name == "paragraph":
            sizes = (*sizes, 15 << 20)
        results = []
        for size in sizes:
            text = make(size)
            t = time.perf_counter()
            loaded = load_text(text)
            load = time.perf_counter() - t
            assert loaded.article is not None, loaded.errors[:3]
            gc.collect()
            gc.freeze()  # as `quoth` does once the article is loaded
            r = await measure(loaded.article, word)
            results.append(r)
            mb = len(text.encode()) / 1e6
            print(
                f"| {name} | {size:,} {unit} | {mb:.1f} MB | {load:.2f} s | {r['paint']:.2f} s | "
                f"{r['key1'] * 1000:.0f} ms | {r['key_median'] * 1000:.1f} ms | {r['key'] * 1000:.1f} ms | "
                f"{r['resize'] * 1000:.0f} ms |",
                flush=True,
            )
        three = sizes[:3]
        for column in ("paint", "key_median", "resize"):
            times = [r[column] for r in results[:3]]
            print(f"  {name}: growth exponent of {column}: {exponent(three, times):.2f}")


if __name__ == "__main__":
    asyncio.run(main())
