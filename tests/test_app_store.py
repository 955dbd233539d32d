"""The app opens a library from its store: warm opens show the table from
the store, a damaged store is rebuilt with a notice on screen, and articles
are read from the store when opened."""

from __future__ import annotations

import shutil

from tui.app import QuothApp
from tui.core.opener import LibraryOpener
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen

from .conftest import FIXTURES

LIBRARY = FIXTURES / "library"


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def until(pilot, predicate, timeout: float = 10.0) -> None:
    for _ in range(int(timeout / 0.05)):
        if predicate():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out waiting")


def opened(path) -> QuothApp:
    """As `quoth FOLDER` does: the opener first, then the app."""
    return QuothApp(paths=[str(path)], watch=False, preload=LibraryOpener([str(path)], processes=1))


async def test_a_damaged_store_is_rebuilt_with_a_notice_on_screen(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(LIBRARY, lib)
    first = LibraryOpener([str(lib)])
    first.load()
    first.search.store.close()
    first.store.close()
    first.store.path.write_bytes(b"not a database at all" * 50)
    app = opened(lib)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen) and app.library is not None)
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "Library store" in text and "damaged" in text
        assert "Allies press Washington after Munich" in text  # the table, rebuilt


async def test_a_warm_open_reads_the_opened_article_from_the_store(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(LIBRARY, lib)
    LibraryOpener([str(lib)]).load()
    app = opened(lib)
    assert app.preload.warm
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen) and app.library is not None)
        app.screen.select("munich-followup")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.pause()
        assert "Allies press Washington after Munich" in screen_text(app)
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        await pilot.press("slash")
        await pilot.press(*"take the lead")
        await until(pilot, lambda: "munich-followup" in screen_text(app) or "take the lead" in screen_text(app).lower())
