"""Untrusted text is inert on screen: markup-like strings appear literally,
clicking them triggers nothing, control characters show in caret notation."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from tui.app import QuothApp
from tui.core.index import ArticleIndex
from tui.core.library import load_library
from tui.render import safe, safe_text
from tui.screens.reader import ReaderScreen
from tui.widgets.reader import Reader
from tui.widgets.xrefs import XrefPane

from .conftest import FIXTURES

HOSTILE = FIXTURES / "hostile.toml"

LITERALS = [
    "He said [/ and [sic] [bold]twice[/bold]",
    "[Trump] is here.",
    "[ @click=app.quit]quit[/]",
    "[link=https://example.com]link[/link] \\[escaped\\] [red on blue]colour[/]",
    "[b]Section[/b] one [/",
    "[ @click=app.screenshot('x.svg','/tmp')] click me",
    "[@click=app.bell]Outlet[/]",
    "[i]A. Writer[/i]",
    "#[tag]  #[/]",
]


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_hostile_article_renders_literally_and_survives_clicks(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = QuothApp(load_library([HOSTILE]))
    actions: list[str] = []
    original = app.run_action

    async def spy(action, *args, **kwargs):
        actions.append(str(action))
        return await original(action, *args, **kwargs)

    app.run_action = spy  # type: ignore[method-assign]
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for literal in LITERALS:
            assert literal in text, literal
        # the tree and the side panes too
        assert "§1 [b]Section[/b] one [/" in screen_text(app)  # the outline, literally
        xrefs = app.screen.query_one(XrefPane)
        prompts = "\n".join(str(xrefs.get_option_at_index(i).prompt) for i in range(xrefs.option_count))
        assert "[Trump] — [$accent]President[/]" in prompts
        assert "[ @click=app.quit]Sources[/]" in prompts and "[red]Pub[/red]" in prompts
        # click every line of the reader: nothing runs, the app lives on
        reader = app.screen.query_one(Reader)
        for y in range(min(16, reader.region.height)):  # the lines with text
            for x in range(0, reader.region.width, 20):
                if not isinstance(app.screen, ReaderScreen):
                    await pilot.press("escape")  # a click on a mark follows it
                await pilot.click(reader, offset=(x, y))
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, (ReaderScreen,)) or app.screen.is_modal
        assert not any("quit" in a or "bell" in a or "screenshot" in a for a in actions), actions
        assert not list(tmp_path.iterdir()), "a screenshot was written"
        # walk the marks and open every view; still alive
        await pilot.press("escape")
        for key in ("r", "g", "tab", "enter", "r", "tab", "enter", "q", "e", "q", "question_mark", "q"):
            await pilot.press(key)
        await pilot.pause()
        assert app.is_running
        assert "[ @click=app.quit]Claim text[/] [sic]" in screen_text(app)


def test_render_helper_shows_controls_in_caret_notation():
    content = safe("a\x1b[31mred\x07\x00\x9b\u202eevil")
    assert isinstance(content, Content)
    assert content.plain == "a^[[31mred^G^@<U+009B><U+202E>evil"
    text = safe_text("x\x1by")
    assert isinstance(text, Text) and text.plain == "x^[y"


def test_index_over_hostile_article():
    (article,) = load_library([HOSTILE]).articles
    index = ArticleIndex(article)
    mentioned = [e.id for e in index.entities_in("one")]
    assert mentioned == ["trump", "org"]
