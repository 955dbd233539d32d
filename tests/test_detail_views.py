"""Entity, claim and person views in a tiny harness App at 80x24: the words
a person reads (headings that name the entity, relations as words, counts),
the one-line items with the highlighted one shown whole under its label, and
Enter closing the view with the item's target."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from tui.core.index import ArticleIndex
from tui.core.nav import Target
from tui.core.reading import load_file
from tui.screens.detail import DetailScreen, claim_screen, entity_screen

from .conftest import SEED
from .screen_text import cursor_lines, screen_lines, screen_text

CSS = Path(__file__).resolve().parent.parent / "tui" / "app.tcss"


class Harness(App[None]):
    CSS_PATH = str(CSS)

    def __init__(self, screen: DetailScreen) -> None:
        super().__init__()
        self.detail = screen
        self.result: list[Target | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.detail, self.result.append)


def index() -> ArticleIndex:
    article = load_file(str(SEED)).article
    assert article is not None
    return ArticleIndex(article)


async def test_entity_view_headings_name_the_entity_and_count():
    app = Harness(entity_screen(index(), "hegseth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Quotes by Pete Hegseth (14)" in text
        assert "Role         US Defense Secretary" in text
        await pilot.press("G")
        text = screen_text(app)
        assert "Claims by Pete Hegseth (11)" in text or "Claims about Pete Hegseth (" in text
        assert "Sections that name Pete Hegseth (" in text


async def test_relations_read_as_words_both_ways():
    app = Harness(claim_screen(index(), "do-not-trust-putin"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "responds to " in text and "responds-to" not in text
    app = Harness(claim_screen(index(), "start-peace-talks"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "responded to by " in screen_text(app)


async def test_the_highlighted_item_is_shown_whole_with_a_hanging_indent():
    app = Harness(entity_screen(index(), "hegseth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")  # the second quote is long: one line in the list, cut
        bar = cursor_lines(app, app.screen.query_one("#detail-list"))
        assert len(bar) == 1 and bar[0].startswith("§1 indirect: a reduction") and bar[0].endswith("…")
        lines = screen_lines(app)
        first = next(i for i, line in enumerate(lines) if "▔▔▔" in line) + 1  # the preview under the list
        column = lines[first].index("a reduction")
        assert lines[first + 1][column - 1] == " " and lines[first + 1][column] != " "  # wrapped under the text
        assert lines[first + 1][column - 13 : column].strip() == ""  # not under the label
        assert "peace deal" in " ".join(lines[first : first + 4])  # the whole quote is there


async def test_enter_closes_the_view_with_the_item_target_and_headings_are_skipped():
    app = Harness(entity_screen(index(), "hegseth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k", "enter")  # k on the first item: it stays (the heading is not selectable)
        await pilot.pause()
        assert not isinstance(app.screen, DetailScreen)
        assert app.result == [Target("quote", "everything-on-table")] or app.result[0].kind == "quote"


async def test_cite_on_a_heading_or_section_says_why():
    app = Harness(entity_screen(index(), "hegseth"))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("G", "c")  # the last item is a section: nothing to cite
        await pilot.pause()
        await pilot.pause(0.2)
        assert "Highlight a quote or claim to cite" in screen_text(app)


async def test_cross_references_read_relations_as_words_and_follow_their_target():
    from textual.app import ComposeResult

    from tui.messages import Follow
    from tui.widgets.xrefs import XrefPane

    followed: list[Target] = []

    class Pane(App[None]):
        def compose(self) -> ComposeResult:
            yield XrefPane(index(), "europe-alarmed")

        def on_follow(self, message: Follow) -> None:
            followed.append(message.target)

    app = Pane()
    async with app.run_test(size=(60, 120)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "responds to " in text and "responds-to" not in text
        pane = app.query_one(XrefPane)
        pane.focus()
        pane.highlighted = next(i for i, o in enumerate(pane.options) if "responds to" in str(o.prompt))
        await pilot.press("enter")
        await pilot.pause()
        assert followed == [Target("claim", "start-peace-talks")]
