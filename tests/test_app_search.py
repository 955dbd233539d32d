"""Pilot tests for search in the app: /, typing, the count, n/N, Enter, Escape, palette."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Input

from tui.core.nav import Target
from tui.widgets.reader import Reader
from tui.widgets.results import ResultsList

from .screen_text import screen_lines, screen_text
from .test_app import seed_app


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


def prompt_line(app) -> str:
    """The line directly above the footer: the search prompt when it is open."""
    return screen_lines(app)[-2]


def footer_line(app) -> str:
    return screen_lines(app)[-1]


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (20, 6)])
async def test_the_prompt_and_the_typed_query_are_on_screen(size):
    app = seed_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash", *"ukraine")
        await pilot.pause()
        line = prompt_line(app)
        assert line.lstrip().startswith("/ukraine") or line.lstrip().startswith("/ukrain"), screen_text(app)
        assert "Search" in footer_line(app) or size[0] < 30  # the footer stays below it
        if size[0] >= 80:
            assert "1/24" in line  # the first match of all, from the top


async def test_typing_j_in_the_prompt_types_and_keys_outside_never_type():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "slash", *"ukrainej")
        await pilot.pause()
        assert prompt_line(app).lstrip().startswith("/ukrainej")
        assert "no match for ukrainej" in prompt_line(app)
        await pilot.press("escape", "j", "k")
        await pilot.pause()
        assert "/ukrainej" not in screen_text(app)  # closed, and j/k scrolled the text
        await pilot.press("slash")
        await pilot.pause()
        assert prompt_line(app).lstrip().startswith("/ukrainej")  # the last query is kept


async def test_results_are_grouped_and_walked_from_the_prompt():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"concess")
        await pilot.pause()
        text = screen_text(app)
        assert "§1 ~ Hegseth: the US had not concessions" in text
        assert "3 claims match" in text
        # ↓ moves the results cursor while the prompt keeps focus; Enter goes there
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.focused, Reader)
        assert "/concess" not in prompt_line(app)
        quotes = str(app.screen.query_one("#quote-detail").render())
        assert "perceived" in quotes or "excessive" in quotes  # the second result, in full


async def test_a_name_only_in_the_prose_is_found():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"brussels")
        await pilot.pause()
        assert "1/1" in prompt_line(app)
        reader_text = "\n".join(line for line in screen_lines(app)[1:-4])
        assert "Brussels" in reader_text


async def test_nothing_matches_says_so_and_a_bad_query_says_why():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"table zzzz")
        await pilot.pause()
        assert "no match for table zzzz" in prompt_line(app)
        app.screen.query_one(Input).value = "table foo:"  # as if pasted: one change
        await pilot.pause()
        assert "unknown filter 'foo'" in prompt_line(app)
        assert app.is_running


async def test_enter_on_the_query_keeps_highlights_and_n_N_walk_in_reading_order():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"concessions", "enter")
        await pilot.pause()
        assert isinstance(app.focused, Reader)
        await pilot.press("n")
        await pilot.pause()
        assert "match 2/" in screen_text(app)
        await pilot.press("N", "N")  # back past the first: wraps to the last, with a notice
        await pilot.pause(0.2)
        text = screen_text(app)
        total = app.screen._finder and len(app.screen._finder)
        assert f"match {total}/{total}" in text
        assert "wrapped to the end" in text


async def test_escape_in_the_prompt_returns_to_where_the_search_began():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        before = screen_lines(app)[3]
        await pilot.press("slash", *"lasting peace")
        await pilot.pause()
        assert screen_lines(app)[3] != before  # the reader moved to the match
        await pilot.press("escape")
        await pilot.pause()
        assert screen_lines(app)[3] == before
        assert "/lasting" not in screen_text(app)


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


async def test_typed_apostrophe_finds_the_typographic_one():
    # the text has Ukraine’s (U+2019); a reader types Ukraine's
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"Ukraine's future")
        await pilot.pause()
        assert "no match" not in prompt_line(app)
        assert "Ukraine’s future" in screen_text(app)  # the result, and the highlighted text


async def test_ctrl_n_and_ctrl_p_walk_the_results_not_the_palette():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"concess", "ctrl+n", "ctrl+n", "ctrl+p")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        results = app.screen.query_one(ResultsList)
        assert results.cursor == 1  # down, down, up: the second result
        assert prompt_line(app).lstrip().startswith("/concess")  # the prompt kept the keys
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")  # outside a prompt, the palette as ever
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_a_match_deep_in_a_long_paragraph_is_brought_into_view(tmp_path):
    from tui.app import QuothApp
    from tui.core.library import load_library

    words = " ".join(f"word{n}" for n in range(600))
    path = tmp_path / "long.toml"
    path.write_text(
        'format = 1\n[article]\nid = "long"\ntitle = "Long"\n'
        f'[[sections]]\nid = "one"\ntitle = "One"\nparagraphs = ["{words} zebracrossing {words}"]\n',
        encoding="utf-8",
    )
    app = QuothApp(load_library([path]))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "zebracrossing" not in screen_text(app)
        await pilot.press("slash", *"zebracrossing", "enter")
        await pilot.pause()
        assert "zebracrossing" in screen_text(app)  # the match's line, not the paragraph's first
        await pilot.press("g", "n")  # from the top, n finds it again
        await pilot.pause()
        assert "zebracrossing" in screen_text(app)


async def test_the_current_match_is_drawn_unlike_the_others():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"ukraine", "enter")
        await pilot.pause()
        region = app.screen.query_one(Reader).region
        backgrounds = {
            seg.style.bgcolor
            for y, strip in enumerate(app.screen._compositor.render_strips())
            if region.y <= y < region.bottom
            for seg in strip.crop(region.x, region.right)
            if "Ukraine" in seg.text and seg.style is not None
        }
        backgrounds.discard(None)  # the article's title: not searched
        assert len(backgrounds) == 2, backgrounds  # the other matches, and the current one
