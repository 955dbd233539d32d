"""Pilot tests: every key and pane of the reader, and where the app ends up."""

from __future__ import annotations

import pytest

from tui.app import QuothApp
from tui.core.library import load_library
from tui.core.nav import Target
from tui.screens.detail import DetailScreen
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.outline import Outline
from tui.widgets.quotes import QuoteList
from tui.widgets.reader import Reader
from tui.widgets.xrefs import XrefPane

from .conftest import SEED
from .screen_text import screen_lines, screen_text


def seed_app() -> QuothApp:
    return QuothApp(load_library([SEED]))


def screen(app) -> ReaderScreen:
    s = app.screen
    assert isinstance(s, ReaderScreen)
    return s


async def test_starts_on_the_article_with_reader_focused():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        s = screen(app)
        assert isinstance(app.focused, Reader)
        assert s.section == "everything-on-the-table"
        xrefs = s.query_one(XrefPane)
        prompts = [str(xrefs.get_option_at_index(i).prompt) for i in range(xrefs.option_count)]
        assert "  No related sources listed" in prompts
        assert any(p.startswith("Pete Hegseth — US Defense Secretary") for p in prompts)
        assert any("Pete Hegseth (denial): The US has made no concessions" in p for p in prompts)
        assert any("disputed by European leaders §3" in p for p in prompts)


async def test_tab_steps_through_marks_and_shift_tab_goes_back():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app.screen.query_one(Reader)
        await pilot.press("tab")
        assert reader.current_target == Target("quote", "everything-on-the-table")
        await pilot.press("tab", "tab")
        assert reader.current_target == Target("quote", "had-not-concessions")
        await pilot.pause()
        # the quote viewer follows the reader
        assert app.screen.query_one(QuoteList).highlighted_option.id == "had-not-concessions"
        await pilot.press("shift+tab")
        assert reader.current_target == Target("quote", "troop-reduction-in-deal")
        assert isinstance(app.focused, Reader)


async def test_enter_on_claim_opens_claim_view_and_follows_relation():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app.screen.query_one(Reader)
        for _ in range(9):
            await pilot.press("tab")
        assert reader.current_target == Target("claim", "no-us-concessions")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        text = screen_text(app)
        assert "Relations (2)" in text
        assert "│ disputed by European leaders §3: The US has already made excessive concessions" in text
        targets = [item.target for item in app.screen.items]
        app.screen.query_one("#detail-list").move_to(targets.index(Target("claim", "us-conceded-too-much")))
        await pilot.pause()
        assert "disputed by" in str(app.screen.query_one(".preview-label").render()) + str(app.screen.query_one(".preview-text").render())
        await pilot.press("enter")
        await pilot.pause()
        s = screen(app)
        assert reader.current_target == Target("claim", "us-conceded-too-much")
        assert s.section == "europe-alarmed"
        # and back through history
        await pilot.press("backspace")
        await pilot.pause()
        assert reader.current_target == Target("claim", "no-us-concessions")
        await pilot.press("alt+right")
        await pilot.pause()
        assert reader.current_target == Target("claim", "us-conceded-too-much")


async def test_section_keys_and_scrolling():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app.screen.query_one(Reader)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert reader.section_at_top() == "call-with-putin"
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert reader.section_at_top() == "separate-track"
        await pilot.pause()
        assert screen(app).section == "separate-track"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert reader.section_at_top() == "europe-alarmed"
        await pilot.press("g")
        await pilot.pause()
        assert reader.scroll_y == 0
        await pilot.press("j", "j")
        await pilot.pause()
        assert reader.scroll_y == 2
        await pilot.press("k")
        await pilot.pause()
        assert reader.scroll_y == 1
        await pilot.press("space")
        await pilot.pause()
        assert reader.scroll_y > 10
        await pilot.press("b")
        await pilot.pause()
        assert reader.scroll_y < 10
        await pilot.press("G")
        await pilot.pause()
        assert reader.scroll_y == reader.max_scroll_y
        assert screen(app).section == "outlook"
        # the outline follows the reader
        assert app.screen.query_one(Outline).selected_target() == Target("section", "outlook")


async def test_pane_keys_focus_panes():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        assert isinstance(app.focused, Outline)
        await pilot.press("v")
        assert isinstance(app.focused, QuoteList)
        await pilot.press("x")
        assert isinstance(app.focused, XrefPane)
        await pilot.press("r")
        assert isinstance(app.focused, Reader)


async def test_outline_moves_reader():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        outline = app.screen.query_one(Outline)
        reader = app.screen.query_one(Reader)
        await pilot.press("j")  # section 1 (highlighted when the outline opens) -> its first quote
        await pilot.pause()
        assert outline.selected_target() == Target("quote", "everything-on-the-table")
        assert reader.current_target == Target("quote", "everything-on-the-table")
        # jump to section 3 with the cursor
        outline.select(Target("section", "europe-alarmed"))
        await pilot.press("enter")
        await pilot.pause()
        assert reader.section_at_top() == "europe-alarmed"
        assert isinstance(app.focused, Reader)  # Enter jumps: the keys are the reader's again
        assert "§3  Europe alarmed" in screen_text(app).replace("│", " ")


async def test_choosing_a_quote_scrolls_reader_and_highlights():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        qlist = app.screen.query_one(QuoteList)
        qlist.highlighted = qlist.get_option_index("unjust-solution")
        await pilot.pause()
        detail = str(app.screen.query_one("#quote-detail").render())
        assert "Olaf Scholz, German Chancellor" in detail and "specifically noted" in detail
        assert "A solution forced on Ukraine will not bring lasting peace." in detail
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        assert reader.current_target == Target("quote", "unjust-solution")
        assert reader.section_at_top() in ("ukraine-at-the-centre", "troop-levels")
        assert screen(app).section == "ukraine-at-the-centre"
        assert screen(app).history.items[-1] == Target("quote", "unjust-solution")


async def test_entity_view_from_xrefs():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x")
        xrefs = app.screen.query_one(XrefPane)
        xrefs.highlighted = xrefs.get_option_index("entity:hegseth")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        text = screen_text(app)
        assert "Role         US Defense Secretary" in text and "Also called  Hegseth" in text
        assert "Quotes by Pete Hegseth (14)" in text and "Claims by Pete Hegseth (" in text
        targets = [item.target for item in app.screen.items]
        assert sum(1 for t in targets if t is not None and t.kind == "quote") == 14
        assert Target("section", "defence-budgets") in targets
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.is_running


async def test_e_opens_speaker_entity_view():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab", "e")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert "Pete Hegseth" in str(app.screen.query_one("#detail-title").render())


async def test_help_lists_the_reader_keys_and_q_closes_then_quits():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Quoth — keys in the reader" in text
        for row in ("]                   next section", "o                   focus the outline", "alt+← backspace     back"):
            assert row in text
        assert "In the reader" in text
        assert "ctrl+p              command palette" not in text
        await pilot.press("space")  # help pages like less
        text = screen_text(app)
        assert "↓ j                 line down" in text
        await pilot.press("G")  # and goes to the end at once
        text = screen_text(app)
        assert "ctrl+p              command palette" in text and "ctrl+q              quit" in text
        assert "j/k Scroll  space/b Page  q Close" in text  # its own footer
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_short_terminal_shows_the_quote_pane_on_demand():
    """Wide but short (a split pane): the text keeps the height; v and / bring the quotes."""
    from tui.widgets.quotes import QuoteViewer

    app = seed_app()
    async with app.run_test(size=(120, 18)) as pilot:
        await pilot.pause()
        s = screen(app)
        assert s.has_class("-short") and not s.has_class("-compact")
        assert s.query_one(Outline).region.width > 0 and s.query_one(XrefPane).region.width > 0
        assert s.query_one(QuoteViewer).region.height == 0
        assert s.query_one(Reader).region.height >= 12
        await pilot.press("v")
        await pilot.pause()
        assert s.query_one(QuoteViewer).region.height > 0 and isinstance(app.focused, QuoteList)
        await pilot.press("q")  # closes the pane, does not quit
        await pilot.pause()
        assert app.is_running and s.query_one(QuoteViewer).region.height == 0
        assert isinstance(app.focused, Reader)
        await pilot.press("slash")
        await pilot.press(*"troops")
        await pilot.pause()
        assert screen_lines(app)[-2].lstrip().startswith("/troops")  # the prompt, above the footer
        await pilot.press("escape")
        await pilot.pause()
        assert "/troops" not in screen_text(app)
    tall = seed_app()
    async with tall.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not screen(tall).has_class("-short")


async def test_small_terminal_collapses_side_panes():
    app = seed_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        s = screen(app)
        assert s.has_class("-compact")
        assert not s.query_one(Outline).display or s.query_one(Outline).region.width == 0
        assert s.query_one(Reader).region.width >= 70
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert s.query_one(Outline).region.width > 0 and isinstance(app.focused, Outline)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert s.query_one(Outline).region.width == 0
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert s.query_one(XrefPane).region.width > 0
        await pilot.press("q")  # closes the overlay first
        await pilot.pause()
        assert app.is_running and s.query_one(XrefPane).region.width == 0


@pytest.mark.parametrize("size", [(20, 6), (40, 10), (1, 1)])
async def test_tiny_terminals_do_not_crash(size):
    app = seed_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("tab", "enter", "escape", "right_square_bracket", "ctrl+o", "ctrl+x", "question_mark", "q")
        await pilot.pause()
        assert app.is_running


async def test_mouse_click_on_outline_and_quote():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.click(QuoteList, offset=(5, 2))
        await pilot.pause()
        assert isinstance(app.focused, QuoteList)
        await pilot.click(Outline, offset=(6, 1))
        await pilot.pause()
        assert app.screen.query_one(Outline).selected_target() == Target("section", "everything-on-the-table")


async def test_help_lists_every_reader_binding():
    """Built from the bindings: every key bound on the reader screen is on the help screen."""
    from tui.screens.help import key_name

    app = seed_app()
    async with app.run_test(size=(120, 150)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for binding in ReaderScreen.BINDINGS:
            for key in binding.key.split(","):
                assert key_name(key) in text, key
        assert "Quote marks:" in text


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_a_narrow_footer_keeps_help_and_quit_and_names_the_hidden_panes(size):
    app = seed_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert "? Help" in footer and "q Quit" in footer
        if size[0] >= 80:  # the keys that reveal the outline and the cross-references
            assert "^o Outline" in footer and "^x Xrefs" in footer


async def test_the_stale_banner_sits_under_the_header(tmp_path):
    import shutil

    path = tmp_path / "a.toml"
    shutil.copy(SEED, path)
    app = QuothApp(load_library([path]), paths=[str(path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        path.write_text("format = 1\n[article\n", encoding="utf-8")
        from tui.core.reading import load_file

        result = load_file(str(path))
        app.reloaded(result.file, result.article, result.errors)
        await pilot.pause()
        lines = screen_lines(app)
        assert "Quoth" in lines[0]  # the header is not covered
        assert lines[1].lstrip().startswith("Stale: the file changed")


async def test_reader_only_mode_gives_the_text_the_width():
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Outline" in screen_lines(app)[1]
        await pilot.press("z")
        await pilot.pause()
        top = screen_lines(app)[1]
        assert "Outline" not in top and "Cross-references" not in top and "Reader" in top
        await pilot.press("ctrl+o")  # a pane comes back on its own
        await pilot.pause()
        assert "Outline" in screen_lines(app)[1]
