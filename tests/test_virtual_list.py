"""The virtual list on its own, in a tiny harness App (in the style of
Textual's tests/option_list): keys pressed with Pilot, assertions on the
rendered screen text and on which line carries the cursor bar."""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult

from tui.core.article import Summary
from tui.widgets.articles import ArticleTable
from tui.widgets.virtual_list import Piece, VirtualList, fit, pad

from .screen_text import cursor_lines, screen_lines


class Numbers(VirtualList[str]):
    """Rows are their own text; a row starting with '#' is a heading."""

    def render_row(self, index: int, width: int) -> list[Piece]:
        row = self.rows[index]
        return [(row, "header" if row.startswith("#") else "plain")]

    def is_header(self, index: int) -> bool:
        return self.rows[index].startswith("#")


class Harness(App[None]):
    def __init__(self, rows: list[str]) -> None:
        super().__init__()
        self.rows = rows
        self.events: list[tuple[str, int, object]] = []

    def compose(self) -> ComposeResult:
        yield Numbers()

    def on_mount(self) -> None:
        self.query_one(Numbers).set_rows(self.rows)

    @on(Numbers.Highlighted)
    def highlighted(self, event: Numbers.Highlighted) -> None:
        assert event.control is self.query_one(Numbers)
        self.events.append(("highlighted", event.index, event.row))

    @on(Numbers.Chosen)
    def chosen(self, event: Numbers.Chosen) -> None:
        assert event.control is self.query_one(Numbers)
        self.events.append(("chosen", event.index, event.row))


ROWS = ["# first group", *(f"row {i}" for i in range(1, 31)), "# second group", *(f"row {i}" for i in range(31, 41))]


def bar(app: App) -> list[str]:
    return cursor_lines(app, app.query_one(Numbers))


async def test_draws_the_rows_and_starts_past_the_heading():
    app = Harness(ROWS)
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        assert lines[0].strip() == "# first group"
        assert lines[9].strip() == "row 9"
        assert bar(app) == ["row 1"]


async def test_keys_move_the_bar_and_keep_it_in_view_without_animation():
    app = Harness(ROWS)
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.press("j", "j", "down")
        assert bar(app) == ["row 4"]
        await pilot.press("k")
        assert bar(app) == ["row 3"]
        await pilot.press("G")  # the last row, scrolled to the bottom at once
        assert bar(app) == ["row 40"]
        assert screen_lines(app)[-1].strip() == "row 40"
        await pilot.press("g")
        assert bar(app) == ["row 1"]
        assert screen_lines(app)[0].strip() == "# first group"
        await pilot.press("end")
        await pilot.press("home")
        assert bar(app) == ["row 1"]


async def test_the_cursor_skips_headings_both_ways():
    app = Harness(ROWS)
    async with app.run_test(size=(30, 10)) as pilot:
        app.query_one(Numbers).move_to(30)
        await pilot.press("j")
        assert bar(app) == ["row 31"]  # over "# second group"
        assert "# second group" in [line.strip() for line in screen_lines(app)]
        await pilot.press("k")
        assert bar(app) == ["row 30"]
        await pilot.press("k", "k")
        assert bar(app) == ["row 28"]


async def test_pages_and_clamps_at_the_ends():
    app = Harness(ROWS)
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.press("pagedown")
        assert bar(app) == ["row 11"]  # ten rows seen, so ten rows on
        await pilot.press("space", "space", "space", "space", "space")
        assert bar(app) == ["row 40"]
        await pilot.press("pageup")
        assert bar(app) == ["row 30"]
        await pilot.press("b", "b", "b", "b", "b")
        assert bar(app) == ["row 1"]


async def test_highlighted_and_chosen_name_the_row():
    app = Harness(ROWS)
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
        assert ("highlighted", 2, "row 2") in app.events
        assert app.events[-1] == ("chosen", 2, "row 2")


async def test_a_click_selects_and_a_second_click_chooses():
    app = Harness(ROWS)
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.click(Numbers, offset=(2, 4))
        await pilot.pause()
        assert bar(app) == ["row 4"]
        assert not [e for e in app.events if e[0] == "chosen"]
        await pilot.click(Numbers, offset=(2, 4))
        await pilot.pause()
        assert app.events[-1] == ("chosen", 4, "row 4")
        await pilot.click(Numbers, offset=(2, 0))  # a heading: nothing happens
        await pilot.pause()
        assert bar(app) == ["row 4"]


async def test_new_rows_put_the_cursor_where_asked_and_in_view():
    app = Harness(ROWS)
    async with app.run_test(size=(30, 10)) as pilot:
        table = app.query_one(Numbers)
        table.set_rows(ROWS, cursor=35)
        await pilot.pause()
        assert bar(app) == ["row 34"]  # row index 35 is "row 34" (after two headings)
        table.set_rows(["only"], cursor=35)  # clamped
        await pilot.pause()
        assert bar(app) == ["only"]
        table.set_rows([])
        await pilot.press("j", "enter")
        assert bar(app) == []
        assert not [e for e in app.events if e[0] == "chosen"]


async def test_resize_keeps_the_cursor_in_view():
    app = Harness(ROWS)
    async with app.run_test(size=(30, 20)) as pilot:
        await pilot.press(*"j" * 18)
        assert bar(app) == ["row 19"]
        await pilot.resize_terminal(30, 6)
        await pilot.pause()
        assert bar(app) == ["row 19"]


def test_fit_and_pad_cut_to_cells_with_an_ellipsis():
    assert fit([("abc", "plain"), ("defgh", "bold")], 6) == [("abc", "plain"), ("de…", "bold")]
    assert fit([("abc", "plain")], 3) == [("abc", "plain")]
    assert fit([("日本語", "plain")], 4) == [("日…", "plain")]  # wide characters count two cells
    assert pad("abc", 5) == "abc  " and pad("7", 3, right=True) == "  7"
    assert pad("abcdef", 4) == "abc…"
    assert pad("a\x1bb", 6) == "a^[b  "  # control characters shown, never sent


class TableHarness(App[None]):
    def compose(self) -> ComposeResult:
        yield ArticleTable()

    def on_mount(self) -> None:
        rows = [
            Summary(file=f"{i}.toml", id=f"a{i}", title=f"Article [b]{i}[/b]", outlet=None if i % 2 else "Wire",
                    published=f"2025-01-{i:02d}", sections=i, quotes=2 * i, claims=3 * i)
            for i in range(1, 21)
        ]
        self.query_one(ArticleTable).set_rows(rows)


async def test_table_header_stays_while_rows_scroll_and_markup_is_shown_as_text():
    app = TableHarness()
    async with app.run_test(size=(80, 8)) as pilot:
        await pilot.pause()
        header = screen_lines(app)[0].split()
        assert header == ["Title", "Outlet", "Published", "▼", "§", "Quotes", "Claims"]
        assert screen_lines(app)[1].split() == ["Article", "[b]1[/b]", "—", "2025-01-01", "1", "2", "3"]
        await pilot.press("G")
        lines = screen_lines(app)
        assert lines[0].split()[0] == "Title"
        assert lines[-1].split()[:3] == ["Article", "[b]20[/b]", "Wire"]
        assert cursor_lines(app, app.query_one(ArticleTable))[0].startswith("Article [b]20[/b]")
