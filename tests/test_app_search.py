"""Pilot tests for search in the app: /, typing, the count, n/N, Enter, Escape, palette."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import Input

from tui.core.nav import Target
from tui.widgets.quotes import QuoteList, QuoteViewer
from tui.widgets.reader import Reader
from tui.widgets.results import ResultsList

from .screen_text import screen_lines
from .test_app import screen, seed_app


async def palette_pick(pilot, query: str) -> None:
    """Type into the palette and choose the first hit, once hits have arrived."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    command_list = pilot.app.screen.query_one("CommandList")
    for _ in range(100):  # the palette searches in the background; a busy machine is slow
        await pilot.pause(0.05)
        if command_list.option_count:
            break
    await pilot.press("down", "enter") if command_list.highlighted is None else await pilot.press("enter")
    await pilot.pause()


def count(app) -> str:
    return str(app.screen.query_one("#quote-count").render())


async def test_slash_typing_count_and_results():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"concess")
        await pilot.pause()
        assert count(app) == "4 quotes match, 3 claims match"
        lines = screen_lines(app)
        first = next(i for i, line in enumerate(lines) if "│§1 ~ Hegseth: the US had not concessions" in line)
        assert "│3 claims match  " in lines[first + 4]
        # every keystroke updates; the final results match the final query
        await pilot.press(*"ions speaker:euro")
        await pilot.pause()
        assert count(app) == "2 quotes match, 2 claims match"
        # reader highlights the matches in the text
        reader = app.screen.query_one(Reader)
        assert reader.search_query is not None and reader.search_query.terms == ("concessions",)


async def test_nothing_matches_says_so_and_bad_query_keeps_results():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"table")
        await pilot.pause()
        assert count(app) == "2 quotes match, 1 claim matches"
        app.screen.query_one(Input).value = "table foo:"  # as if pasted: one change
        await pilot.pause()
        assert "unknown filter 'foo'" in count(app)
        assert len(app.screen.query_one(ResultsList).hits) == 3  # last good results stay
        app.screen.query_one(Input).value = "table"
        await pilot.press(*" zzzz")
        await pilot.pause()
        assert count(app) == "No quotes or claims match table zzzz"
        await pilot.press(*' "open')
        await pilot.pause()
        assert "unclosed quote" in count(app)
        assert app.is_running


async def test_enter_jumps_and_n_N_move_through_matches():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        s = screen(app)
        reader = s.query_one(Reader)
        await pilot.press("slash", *"concessions", "enter")
        await pilot.pause()
        assert isinstance(app.focused, Reader)
        assert reader.current_target == Target("quote", "had-not-concessions")
        assert s.history.items[-1] == Target("quote", "had-not-concessions")
        await pilot.press("n")
        await pilot.pause()
        assert reader.current_target == Target("quote", "excessive-concessions")
        assert s.section == "europe-alarmed"
        assert app.screen.query_one(ResultsList).current_hit.record.id == "excessive-concessions"
        await pilot.press("n", "n", "n")
        await pilot.pause()
        assert reader.current_target == Target("claim", "no-us-concessions")
        await pilot.press("N", "N")  # the header row between groups is skipped
        await pilot.pause()
        assert reader.current_target == Target("quote", "russia-demands")
        # the jumps are in the history
        await pilot.press("backspace")
        await pilot.pause()
        assert reader.current_target == Target("quote", "perceived-concessions")


async def test_escape_closes_clears_highlights_and_keeps_query():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"table")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        viewer = app.screen.query_one(QuoteViewer)
        assert not viewer.searching
        assert not app.screen.query_one(Input).display or not app.screen.has_class("-search-open")
        assert app.screen.query_one(Reader).search_query is None
        assert app.screen.query_one(QuoteList).display
        await pilot.press("slash")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "table"
        assert viewer.searching and count(app) == "2 quotes match, 1 claim matches"


async def test_enter_on_a_result_in_the_list():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"speaker:zelenskyy")
        await pilot.pause()
        results = app.screen.query_one(ResultsList)
        results.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.query_one(Reader).current_target == Target("quote", "ukraine-must-be-involved")


async def test_many_results_use_a_virtual_list():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"e")
        await pilot.pause()
        results = app.screen.query_one(ResultsList)
        assert len(results.rows) > 20
        assert len(list(results.children)) == 0  # rows are lines, not widgets


async def test_palette_reaches_quotes_claims_sections_entities():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        for query, expected in [
            ("placing blind trust", Target("quote", "no-blind-trust")),
            ("raise defence spending", Target("claim", "five-percent-of-gdp")),
            ("kremlin track", Target("section", "separate-track")),
        ]:
            await palette_pick(pilot, query)
            reader = app.screen.query_one(Reader)
            if expected.kind == "section":
                assert reader.section_at_top() == expected.id
            else:
                assert reader.current_target == expected
        await palette_pick(pilot, "Olaf")
        assert "Olaf Scholz" in str(app.screen.query_one("#detail-title").render())
