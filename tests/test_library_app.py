"""Pilot tests for the library: table, sorting, filtering, open/back, search
across articles, people across articles, bookmarks, positions, state, reload."""

from __future__ import annotations

import shutil

from textual.widgets import Static

from tui.app import QuothApp
from tui.core.nav import Target
from tui.core.state import StateStore
from tui.screens.bookmarks import BookmarksScreen
from tui.screens.detail import DetailScreen
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.screens.search import LibrarySearchScreen
from tui.widgets.articles import ArticleTable
from tui.widgets.reader import Reader

from .conftest import FIXTURES, all_exited, app_settled
from .screen_text import cursor_lines, screen_lines, screen_text

LIBRARY = FIXTURES / "library"


async def until(pilot, predicate, timeout: float = 10.0) -> None:
    for _ in range(int(timeout / 0.05)):
        if predicate():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out waiting")


async def loaded(pilot) -> LibraryScreen:
    await app_settled(pilot)
    assert isinstance(pilot.app.screen, LibraryScreen), pilot.app.screen
    return pilot.app.screen


async def open_from_library(pilot, article_id: str = "hegseth-nato-troops") -> LibraryScreen:
    screen = await loaded(pilot)
    screen.select(article_id)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReaderScreen) and pilot.app.screen.article.id == article_id
    return screen


def titles(screen: LibraryScreen) -> list[str]:
    return [s.title for s in screen.shown]


def library_app(path=LIBRARY, **kwargs) -> QuothApp:
    return QuothApp(paths=[str(path)], watch=kwargs.pop("watch", False), **kwargs)


async def test_table_lists_articles_with_counts_newest_first():
    app = library_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert titles(screen) == [
            "Allies press Washington after Munich",
            "US Defense Secretary Hints at Troop Reduction as Peace Talks Loom Over Ukraine",
            "Another report",  # no date: last
        ]
        lines = screen_lines(app)
        row = next(line for line in lines if line.startswith("US Defense Secretary"))
        assert row.split()[-5:] == ["—", "2025-02-13", "8", "26", "21"]
        assert len([line for line in lines if "2025-" in line or line.startswith("Another report")]) == 3


async def test_sort_by_any_column_and_reverse():
    app = library_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        table = screen.query_one(ArticleTable)
        await pilot.click(ArticleTable, offset=(2, 0))  # the Title header
        await pilot.pause()
        assert screen.sort.column == "title" and not screen.sort.reverse
        assert titles(screen)[0] == "Allies press Washington after Munich"
        assert titles(screen)[-1].startswith("US Defense")
        await pilot.press("ctrl+r")
        assert titles(screen)[0].startswith("US Defense")
        await pilot.press("ctrl+s")  # next column: outlet
        assert screen.sort.column == "outlet"
        assert titles(screen)[0] == "Allies press Washington after Munich"
        for _ in range(3):
            await pilot.press("ctrl+s")  # published, sections, quotes
        assert screen.sort.column == "quotes" and titles(screen)[0].startswith("US Defense")
        assert table.row_count == 3
        # a click on a row selects it; a second click opens it
        screen.select(screen.shown[0].id)
        await pilot.pause()
        await pilot.click(ArticleTable, offset=(2, 2))
        await pilot.pause()
        assert screen.selected().title == titles(screen)[1]
        await pilot.click(ArticleTable, offset=(2, 2))
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.article.meta.title == titles(screen)[1]


async def test_filter_by_typing_and_open_and_back_keeps_row():
    app = library_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("slash", *"munich")
        assert titles(screen) == ["Allies press Washington after Munich"]
        await pilot.press("escape", "escape")
        assert len(titles(screen)) == 3
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.article.id == "hegseth-nato-troops"
        await pilot.press("backspace")  # nothing to go back to: the library
        await pilot.pause()
        assert app.screen is screen and screen.selected().id == "hegseth-nato-troops"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("right_square_bracket", "q")
        await pilot.pause()
        assert app.screen is screen and screen.selected().id == "hegseth-nato-troops"
        assert app.is_running


async def test_reopening_restores_the_position():
    app = library_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_from_library(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert app.screen.query_one(Reader).section_at_top() == "separate-track"
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await until(pilot, lambda: app.screen.query_one(Reader).section_at_top() == "separate-track")
    # and in a new session, from the saved state
    again = library_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await open_from_library(pilot)
        await until(pilot, lambda: again.screen.query_one(Reader).section_at_top() == "separate-track")


async def test_library_search_names_articles_and_opens_the_quote():
    app = library_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, LibrarySearchScreen)
        await pilot.press(*"speaker:hegseth europe")
        await pilot.pause()
        count = str(app.screen.query_one("#library-count").render())
        assert count == "2 quotes match, 3 claims, in 2 articles"
        text = "\n".join(screen_lines(app))
        assert "│ Allies press Washington… › §1 ~ Hegseth: Europe must take the lead" in text
        assert "│ US Defense Secretary Hints… › §1 ~ Hegseth: a reduction" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        hit = app.screen.query_one(Reader).current_target
        assert hit is not None and hit.kind == "quote"


async def test_person_across_articles_from_the_reader():
    app = library_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_from_library(pilot)
        for _ in range(12):  # six quotes and five claims in §1, then Trump's proposal in §2
            await pilot.press("tab")
        await pilot.pause()
        assert app.screen.query_one(Reader).current_target == Target("quote", "trump-proposed-talks")
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        lines = screen_lines(app)
        first = next(i for i, line in enumerate(lines) if "│ Allies press Washington after Munich  (2025-02-15)" in line)
        assert "│   indirect: talks would start soon  " in lines[first + 1]
        assert "Library      2 quotes, 1 claim" in lines[first - 2]
        assert any("│ US Defense Secretary Hints" in line for line in lines)
        assert cursor_lines(app, app.screen.query_one("#detail-list")) == ["indirect: talks would start soon"]
        await pilot.press("enter")  # the first item is highlighted: Trump in the other article
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.article.id == "munich-followup"
        assert app.screen.query_one(Reader).current_target == Target("quote", "talks-soon")
        await pilot.press("q")  # back to the article we came from
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.article.id == "hegseth-nato-troops"


async def test_bookmarks_add_list_open_delete():
    app = library_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_from_library(pilot)
        await pilot.press("tab", "tab", "m")  # a quote
        await pilot.press("right_square_bracket", "right_square_bracket", "escape")
        await pilot.pause()
        app.screen.query_one(Reader).current_mark = -1
        await pilot.press("m")  # the section in view
        await pilot.pause()
        items = app.store.bookmarks.items
        assert [(b.kind, b.id) for b in items] == [("quote", "troop-reduction-in-deal"), ("section", "europe-alarmed")]
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.query_one(Reader).current_target == Target("quote", "troop-reduction-in-deal")
        await pilot.press("B")
        await pilot.pause()
        await pilot.press("d")
        assert [b.id for b in StateStore().bookmarks.items] == ["europe-alarmed"]


async def test_corrupt_state_gives_a_notice_and_the_app_works(tmp_path):
    store = StateStore()
    store.positions_path.parent.mkdir(parents=True, exist_ok=True)
    store.positions_path.write_text("{{{", encoding="utf-8")
    app = library_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        notes = [n.message for n in app._notifications]
        assert any("positions.json was unreadable" in n for n in notes)
        screen.select("hegseth-nato-troops")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_invalid_file_is_listed_and_the_rest_opens(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(LIBRARY, lib)
    (lib / "broken.toml").write_text('format = 1\n[article]\nid = "x"\ntitle = "t"\n', encoding="utf-8")
    app = library_app(lib)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert len(screen.shown) == 3
        text = str(screen.query_one("#invalid-list").render())
        assert "1 invalid file" in text and "broken.toml:1:1: error: an article needs at least one [[sections]] table" in text


async def test_theme_is_saved():
    app = library_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.theme = "nord"
        await pilot.pause()
    assert StateStore().settings.theme == "nord"
    again = library_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert again.theme == "nord"


async def test_live_reload_valid_then_invalid_then_valid(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(LIBRARY, lib)
    path = lib / "followup.toml"
    original = path.read_text(encoding="utf-8")
    app = library_app(lib, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_from_library(pilot, "munich-followup")
        await pilot.pause(0.5)  # let the watcher start
        # 1. a valid edit: the new version replaces the old in place
        path.write_text(original.replace("Allies press Washington", "Allies lean on Washington"), encoding="utf-8")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen) and app.screen.article.meta.title.startswith("Allies lean"))
        await pilot.pause()
        assert not app.screen.query_one("#stale").display
        assert "Allies lean on Washington" in screen_text(app)
        # 2. an invalid edit: the last good version stays, marked stale with the error
        path.write_text(original.replace('speaker = "hegseth"', 'speaker = "hegseh"', 1), encoding="utf-8")
        await until(pilot, lambda: app.screen.query_one("#stale").display)
        banner = str(app.screen.query_one("#stale", Static).render())
        assert "Stale" in banner and "unknown entity 'hegseh' (did you mean 'hegseth'?)" in banner
        assert app.screen.article.meta.title.startswith("Allies lean")
        # 3. valid again: the banner clears
        path.write_text(original, encoding="utf-8")
        await until(
            pilot,
            lambda: isinstance(app.screen, ReaderScreen)
            and app.screen.article.meta.title.startswith("Allies press")
            and not app.screen.query_one("#stale").display,
        )
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert "Allies press Washington after Munich" in titles(app.screen)


async def test_single_article_live_reload(tmp_path):
    path = tmp_path / "one.toml"
    shutil.copy(LIBRARY / "followup.toml", path)
    from tui.core.library import load_library

    app = QuothApp(load_library([path]), paths=[str(path)], watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        path.write_text(path.read_text(encoding="utf-8").replace("Munich\"", "Munich, again\""), encoding="utf-8")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen) and "again" in app.screen.article.sections["munich"].title)


async def test_big_library_loads_behind_a_progress_bar(tmp_path):
    from textual.widgets import ProgressBar

    from bench.synth import generate
    from tui.screens.loading import LoadingScreen

    lib = generate(tmp_path / "big", articles=120)
    app = library_app(lib, use_cache=False)
    seen: list[tuple[float | None, float]] = []
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, LoadingScreen)
        while isinstance(app.screen, LoadingScreen):
            bar = app.screen.query_one(ProgressBar)
            seen.append((bar.total, bar.progress))
            await pilot.pause(0.02)
        screen = await loaded(pilot)
        assert len(screen.shown) == 120
    assert any(total == 120 for total, _ in seen)
    assert any(0 < done < 120 for _, done in seen), seen[-5:]  # it moved while loading


async def test_a_reload_rebuilds_the_library_search_off_the_ui_thread(tmp_path):
    from tui.core.reading import load_file

    lib = tmp_path / "lib"
    shutil.copytree(LIBRARY, lib)
    app = library_app(lib)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        path = lib / "followup.toml"
        path.write_text(path.read_text(encoding="utf-8").replace("take the lead", "take charge"), encoding="utf-8")
        result = load_file(str(path))
        app.reloaded(result.file, result.article, result.errors)
        assert app._search is None  # rebuilt in a worker, not here
        await until(pilot, lambda: app._search is not None)
        hits = app._search.search('"take charge"')
        assert [h.record.id for h in hits.quotes] == ["europe-must-lead"]


async def test_library_parsed_in_worker_processes_opens_and_searches(tmp_path):
    from bench.synth import generate
    from tui.core.opener import LibraryOpener

    lib = generate(tmp_path / "big", articles=30)
    (lib / "broken.toml").write_text("format = 1\n[article\n", encoding="utf-8")
    preload = LibraryOpener([str(lib)], processes=2, method="spawn", min_files=2)
    assert preload.pool.parallel
    app = library_app(lib, preload=preload)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert len(screen.shown) == 30
        assert "broken.toml:2" in str(screen.query_one("#invalid-list").render())
        assert len(app.library.articles) == 30
        await pilot.press("s")
        await pilot.press(*"troops")
        await until(pilot, lambda: "match" in str(app.screen.query_one("#library-count").render()))
    # the store was written during the load: next time nothing is parsed
    again = LibraryOpener([str(lib)], processes=2, method="spawn", min_files=2)
    assert again.warm and not again.pool.parallel
    assert sorted(s.id for s in again.summaries) == sorted(s.id for s in screen.shown)


async def test_quitting_while_workers_parse_stops_them(tmp_path):
    from bench.synth import generate
    from tui.core.opener import LibraryOpener

    lib = generate(tmp_path / "big", articles=60)
    preload = LibraryOpener([str(lib)], processes=2, method="spawn", min_files=2)
    processes = list(preload.pool._pool._processes.values())
    app = library_app(lib, preload=preload)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
    assert all_exited(processes)
