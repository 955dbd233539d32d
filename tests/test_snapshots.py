"""Screen snapshots (pytest-textual-snapshot). Update on purpose with
`pytest tests/test_snapshots.py --snapshot-update` and review the diff."""

from __future__ import annotations

from tui.app import QuothApp
from tui.core.library import load_library
from tui.widgets.quotes import QuoteList

from .conftest import SEED, app_settled
from .test_hostile import HOSTILE


def app_for(path) -> QuothApp:
    return QuothApp(load_library([path]))


def test_main_screen_120x40(snap_compare):
    assert snap_compare(app_for(SEED), terminal_size=(120, 40))


def test_main_screen_80x24(snap_compare):
    assert snap_compare(app_for(SEED), terminal_size=(80, 24))


def test_help_screen(snap_compare):
    assert snap_compare(app_for(SEED), terminal_size=(120, 40), press=["question_mark"])


def test_quote_selected(snap_compare):
    async def choose(pilot):
        await pilot.press("v")
        qlist = pilot.app.screen.query_one(QuoteList)
        qlist.highlighted = qlist.get_option_index("perfect-dealmaker")
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app_for(SEED), terminal_size=(120, 40), run_before=choose)


def test_entity_view(snap_compare):
    assert snap_compare(app_for(SEED), terminal_size=(120, 40), press=["tab", "e"])


def test_hostile_article(snap_compare):
    assert snap_compare(app_for(HOSTILE), terminal_size=(120, 40))


def test_search_results(snap_compare):
    assert snap_compare(app_for(SEED), terminal_size=(120, 40), press=["slash", *"concessions"])


def test_search_prompt_with_a_result_selected_80x24(snap_compare):
    """The prompt above the footer with the query typed, the status, and the
    second result selected with the arrow (the prompt keeps focus)."""
    assert snap_compare(app_for(SEED), terminal_size=(80, 24), press=["slash", *"ukraine", "down"])


async def _library_loaded(pilot):
    await app_settled(pilot)


def test_library_screen(snap_compare):
    from .test_library_app import LIBRARY

    app = QuothApp(paths=[str(LIBRARY)], use_cache=False)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_library_loaded)


def test_cross_article_entity_view(snap_compare):
    from .test_library_app import LIBRARY

    async def open_person(pilot):
        await _library_loaded(pilot)
        pilot.app.screen.select("hegseth-nato-troops")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("tab", "p")
        await pilot.pause()

    app = QuothApp(paths=[str(LIBRARY)], use_cache=False)
    assert snap_compare(app, terminal_size=(120, 40), run_before=open_person)


def test_library_search_walks_from_the_prompt(snap_compare):
    """The query typed, the second result selected (the bar, unlike a match's
    highlight), the prompt still focused, at 80x24."""
    from .test_library_app import LIBRARY

    async def search(pilot):
        await _library_loaded(pilot)
        await pilot.press("s", *"speaker:hegseth europe", "down")
        await pilot.pause()
        await pilot.pause(0.2)  # the library screen behind the overlay is drawn late on a busy machine

    app = QuothApp(paths=[str(LIBRARY)], use_cache=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=search)
