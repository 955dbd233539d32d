"""? and F1 open the help of the screen on top, whichever it is."""

from __future__ import annotations

import pytest

from tui.app import QuothApp
from tui.core.library import load_library
from tui.screens.help import HelpScreen

from .conftest import SEED
from .screen_text import screen_text


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_from_the_bookmarks_overlay(key):
    app = QuothApp(load_library([SEED]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("B")
        await pilot.pause()
        assert "Bookmarks" in screen_text(app)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Quoth — keys" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Bookmarks" in screen_text(app)
