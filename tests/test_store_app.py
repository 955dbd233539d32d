"""The app on a library store reads an article's full model only when it is
opened: the library search and ``p`` answer from the store."""

from __future__ import annotations

import shutil

from tui.app import QuothApp
from tui.core.nav import Target
from tui.core.store import Store
from tui.core.store_library import lazy_by_id
from tui.screens.detail import DetailScreen
from tui.screens.reader import ReaderScreen
from tui.screens.search import LibrarySearchScreen
from tui.widgets.reader import Reader

from .test_library_app import LIBRARY, open_from_library, screen_lines, until

FIXTURE_IDS = {"hegseth-nato-troops", "munich-followup", "no-date"}


async def test_search_and_people_never_read_every_article(tmp_path, monkeypatch):
    from bench.synth import generate

    lib = tmp_path / "lib"
    shutil.copytree(LIBRARY, lib)
    generate(lib / "synthetic", articles=12)
    reads: list[str] = []
    article = Store.article

    def counted(self: Store, article_id: str):  # type: ignore[no-untyped-def]
        reads.append(article_id)
        return article(self, article_id)

    monkeypatch.setattr(Store, "article", counted)
    app = QuothApp(paths=[str(lib)], watch=False, use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_from_library(pilot)
        await pilot.press("q")  # back to the table
        await pilot.pause()
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, LibrarySearchScreen))
        await pilot.press(*"speaker:hegseth europe")
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        # titles, section numbers and short names come from the store
        assert "│ Allies press Washington… › §1 ~ Hegseth: Europe must take the lead" in text
        assert "│ US Defense Secretary Hints… › §1 ~ Hegseth: a reduction" in text
        await pilot.press("escape")
        await pilot.pause()
        await open_from_library(pilot)
        for _ in range(12):  # to Trump's proposal in §2
            await pilot.press("tab")
        await pilot.pause()
        assert app.screen.query_one(Reader).current_target == Target("quote", "trump-proposed-talks")
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        lines = screen_lines(app)
        assert any("│ Allies press Washington after Munich  (2025-02-15)" in line for line in lines)
        assert any("│ US Defense Secretary Hints" in line for line in lines)
        by_id = lazy_by_id(app.library)
        assert by_id is not None  # the library stayed lazy
        assert by_id.cached <= FIXTURE_IDS and "hegseth-nato-troops" in by_id.cached
        assert not any(r.startswith("synthetic-") for r in reads), reads
        assert len(app.library.by_id) == 15  # every article is known, from the table's rows


async def test_a_reload_keeps_the_library_lazy_and_updates_the_store(tmp_path):
    from tui.core.reading import load_file

    lib = tmp_path / "lib"
    shutil.copytree(LIBRARY, lib)
    app = QuothApp(paths=[str(lib)], watch=False, use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_from_library(pilot, "munich-followup")
        path = lib / "followup.toml"
        path.write_text(path.read_text(encoding="utf-8").replace("take the lead", "take charge"), encoding="utf-8")
        result = load_file(str(path))
        app.reloaded(result.file, result.article, result.errors)
        await until(pilot, lambda: app._search is not None)
        by_id = lazy_by_id(app.library)
        assert by_id is not None and by_id.cached == {"munich-followup"}
        await pilot.press("q")  # to the table; search the updated store
        await pilot.pause()
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, LibrarySearchScreen))
        await pilot.press(*'"take charge"')
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "1 quote matches, 0 claims, in 1 article" in text
        assert "Allies press Washington… › §1 ~ Hegseth: Europe must take charge" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.article.id == "munich-followup"


async def test_library_search_of_a_library_given_in_memory_names_the_same():
    from tui.core.library import load_library

    app = QuothApp(load_library([str(LIBRARY)]), paths=[str(LIBRARY)], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")  # the first time, it is indexed in a worker
        await until(pilot, lambda: app._search is not None)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, LibrarySearchScreen))
        await pilot.press(*"speaker:hegseth europe")
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "│ Allies press Washington… › §1 ~ Hegseth: Europe must take the lead" in text
        assert "│ US Defense Secretary Hints… › §5 ◆ assertion Hegseth: …S troop levels in Europe." in text
