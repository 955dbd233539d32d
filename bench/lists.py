"""The long lists on the 1,000-article library: each against one frame.

    python bench/lists.py [--repeat 7]

Measured in one process, medians over ``--repeat`` runs:

- the people index: building it (the loading worker's job) against loading
  the library just before it;
- ``p`` on someone quoted in every article (about 9,000 lines): gathering
  the person and building the view, then showing it (push to the first
  painted frame), against the same view (title, facts) with a two-line list;
- the library table: one filter keystroke over 1,000 rows (filter, sort,
  set the rows, paint) and one cursor move (paint), against one frame.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QUOTH_STATE_DIR", tempfile.mkdtemp(prefix="quoth-bench-"))

from bench.synth import ensure  # noqa: E402
from tui.app import QuothApp  # noqa: E402
from tui.core.article import Summary  # noqa: E402
from tui.core.library import load_library  # noqa: E402
from tui.core.people import People  # noqa: E402
from tui.screens.detail import DetailScreen, Item  # noqa: E402
from tui.screens.library import LibraryScreen  # noqa: E402
from tui.screens.person import person_screen  # noqa: E402
from tui.widgets.articles import ArticleTable  # noqa: E402

FRAME = 1 / 60


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


async def shown(app: QuothApp, screen: DetailScreen) -> float:
    """Push ``screen`` and wait until its list has painted its rows."""
    start = time.perf_counter()
    await app.push_screen(screen)
    items = screen.query_one("#detail-list")
    items.render_lines(items.region.reset_offset)  # paint the rows now
    elapsed = time.perf_counter() - start
    await app.pop_screen()
    return elapsed


async def main(repeat: int) -> None:
    path = ensure(1000)
    start = time.perf_counter()
    library = load_library([str(path)])
    load = time.perf_counter() - start
    builds = []
    for _ in range(3):
        start = time.perf_counter()
        people = People(library.articles)
        builds.append(time.perf_counter() - start)
    first = library.articles[0]
    speaker = first.doc.quotes[0].speaker
    person = people.person(first.id, speaker)
    lines = sum(1 + len(a.quotes) + len(a.claims_by) + len(a.claims_about) for a in person.appearances)
    print(f"library: {len(library.articles)} articles, loaded in {ms(load)}")
    print(f"people index: {ms(statistics.median(builds))} to build ({statistics.median(builds) / load:.2f}x the load), in the loading worker")

    gather = []
    for _ in range(repeat):
        fresh = People(library.articles)  # nobody gathered yet: the first p on a person
        start = time.perf_counter()
        screen = person_screen(fresh, first.id, speaker)
        gather.append(time.perf_counter() - start)
    print(f"p on {person.name} ({len(person.appearances)} articles, {lines:,} lines): "
          f"gather + build the view {ms(statistics.median(gather))} = {statistics.median(gather) / FRAME:.2f} frames")

    summaries = [Summary.of(a) for a in library.articles]
    app = QuothApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        small: list[float] = []
        big: list[float] = []
        model = person_screen(people, first.id, speaker)

        def two_lines() -> DetailScreen:
            """The same view (title, facts) with a two-line list."""
            return DetailScreen(model._title, model._facts, [Item.heading("h"), Item((("one item", "plain"),), model.subject)], model.subject)

        await shown(app, person_screen(people, first.id, speaker))  # warm the styles once
        await pilot.pause()
        for i in range(repeat * 2):  # alternate which goes first
            if i % 2:
                small.append(await shown(app, two_lines()))
                await pilot.pause()
            big.append(await shown(app, person_screen(people, first.id, speaker)))
            await pilot.pause()
            if not i % 2:
                small.append(await shown(app, two_lines()))
                await pilot.pause()
        print(f"showing the person view: {ms(statistics.median(big))}, the same view with a two-line list {ms(statistics.median(small))}: "
              f"{statistics.median(big) / statistics.median(small):.2f}x (the list's length costs "
              f"{ms(statistics.median(big) - statistics.median(small))})")

        screen = app.screen
        assert isinstance(screen, LibraryScreen) and len(summaries) == len(screen.summaries)
        table = screen.query_one(ArticleTable)
        box = screen.query_one("#filter")
        typing, moving = [], []
        for i in range(repeat):
            start = time.perf_counter()
            box.value = "war" if i % 2 == 0 else "wa"  # as one keystroke does
            screen.refresh_rows(first=True)
            table.render_lines(table.region.reset_offset)
            typing.append(time.perf_counter() - start)
            await pilot.pause()
        box.value = ""
        screen.refresh_rows()
        await pilot.pause()
        for _ in range(repeat):
            start = time.perf_counter()
            table.action_cursor_down()
            table.render_lines(table.region.reset_offset)
            moving.append(time.perf_counter() - start)
            await pilot.pause()
        print(f"library filter keystroke (1,000 rows): {ms(statistics.median(typing))} = {statistics.median(typing) / FRAME:.2f} frames")
        print(f"library cursor move: {ms(statistics.median(moving))} = {statistics.median(moving) / FRAME:.2f} frames")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    asyncio.run(main(parser.parse_args().repeat))
