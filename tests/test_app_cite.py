"""Pilot: `c` copies a citation to the clipboard and shows it inertly."""

from __future__ import annotations

from tui.app import QuothApp
from tui.core.library import load_library
from tui.screens.detail import DetailScreen
from tui.widgets.quotes import QuoteList

from .test_app import seed_app
from .test_hostile import HOSTILE

EXPECTED = (
    "“everything is on the table” — Pete Hegseth, US Defense Secretary, quoted in "
    "“US Defense Secretary Hints at Troop Reduction as Peace Talks Loom Over Ukraine,” February 13, 2025."
)


async def test_c_in_reader_copies_citation_and_notifies():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab", "c")
        await pilot.pause()
        assert app.clipboard == EXPECTED
        (note,) = list(app._notifications)
        assert note.message == EXPECTED and note.markup is False


async def test_c_on_a_claim_copies_claim_speaker_and_evidence():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(9):
            await pilot.press("tab")
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard.startswith("The US has made no concessions on critical issues. (denial) — Pete Hegseth")
        assert "Evidence (paraphrase): the US had not concessions on critical issues — Pete Hegseth" in app.clipboard


async def test_c_in_quote_viewer_search_results_and_entity_view():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        qlist = app.screen.query_one(QuoteList)
        qlist.highlighted = qlist.get_option_index("perfect-dealmaker")
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard.startswith("“perfect dealmaker” — Pete Hegseth")
        await pilot.press("r", "tab", "e")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("down", "c")  # the view opens on his first quote; this is the second
        await pilot.pause()
        assert app.clipboard.startswith("a reduction in the number of American troops")  # reported: a paraphrase
        await pilot.press("escape")
        # a search result chosen with the arrows and Enter is the reader's current quote
        await pilot.press("slash", *"blind trust", "down", "up", "enter", "c")
        await pilot.pause()
        assert app.clipboard.startswith("world leaders against placing blind trust")  # reported: a paraphrase


async def test_c_on_hostile_text_is_verbatim_and_inert():
    app = QuothApp(load_library([HOSTILE]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab", "c")
        await pilot.pause()
        assert app.clipboard.startswith("“He said [/ then [ @click=app.quit]quit[/]”")
        await pilot.pause()
        assert app.is_running
