"""The library as a person uses it, at 120x40 and 80x24: the table's cursor
never lies, letters and typing coexist, help is one key away, and the
search across articles walks its results from the prompt. Every assertion
reads the rendered screen."""

from __future__ import annotations

import pytest

from tui.app import QuothApp
from tui.core.library import load_library
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.screens.search import LibrarySearchScreen
from tui.widgets.articles import ArticleTable
from tui.widgets.results import ResultsList

from .conftest import MINIMAL
from .screen_text import cursor_lines, screen_lines, screen_text

SIZES = [(120, 40), (80, 24)]


def many(tmp_path, n: int = 60):
    """``n`` small articles, "Article 01" newest ... "Article 60" oldest; every
    seventh from the third has "kiwi" in its title."""
    for i in range(1, n + 1):
        day = n + 1 - i  # Article 01 is the newest
        text = MINIMAL.replace('id = "small"', f'id = "art-{i:02d}"').replace(
            'title = "A small article"', f'title = "Article {i:02d} on topic {"odd" if i % 2 else "even"}{" kiwi" if i % 7 == 3 else ""}"\npublished = 2025-{1 + day // 28:02d}-{1 + day % 28:02d}'
        )
        (tmp_path / f"art-{i:02d}.toml").write_text(text, encoding="utf-8")
    library = load_library([str(tmp_path)])
    assert not library.errors
    return library


def title(cell: str) -> str:
    """A title as drawn, cut to its column: "Article 03 on topic odd k…"."""
    return cell.strip().split("  ")[0]


def bar(app) -> list[str]:
    """The title on the row that carries the table's cursor."""
    return [title(line) for line in cursor_lines(app, app.screen.query_one(ArticleTable))]


def visible_titles(app) -> list[str]:
    return [title(line) for line in screen_lines(app) if line.strip().startswith("Article ")]


def drawn(shown: list[str], full: list[str]) -> bool:
    """Whether the titles on screen are ``full``, each perhaps cut with an ellipsis."""
    return len(shown) == len(full) and all(f.startswith(s.removesuffix("…")) for s, f in zip(shown, full, strict=True))


@pytest.mark.parametrize("size", SIZES)
async def test_home_end_g_G_and_pages_move_the_visible_cursor(tmp_path, size):
    app = QuothApp(many(tmp_path))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert bar(app) == ["Article 01 on topic odd"]
        await pilot.press("G")
        assert bar(app) == ["Article 60 on topic even"]
        assert visible_titles(app)[-1] == "Article 60 on topic even"
        await pilot.press("g")
        assert bar(app) == ["Article 01 on topic odd"]
        await pilot.press("end")
        assert bar(app) == ["Article 60 on topic even"]
        await pilot.press("home", "pagedown")
        shown = visible_titles(app)
        assert bar(app) and bar(app)[0] in shown and bar(app) != ["Article 01 on topic odd"]
        await pilot.press("pageup")
        assert bar(app) == ["Article 01 on topic odd"]
        await pilot.press("j", "j", "k")
        assert bar(app) == ["Article 02 on topic even"]


@pytest.mark.parametrize("size", SIZES)
async def test_the_first_filtered_row_is_the_one_enter_opens(tmp_path, size):
    app = QuothApp(many(tmp_path))
    async with app.run_test(size=size) as pilot:
        await pilot.press("G")  # the cursor far down, where a filter's matches are not
        await pilot.press("slash", *"kiw")
        await pilot.pause()
        kiwis = [f"Article {i:02d} on topic {'odd' if i % 2 else 'even'} kiwi" for i in (3, 10, 17, 24, 31, 38, 45, 52, 59)]
        shown = visible_titles(app)
        assert len(shown) >= 6 and drawn(shown, kiwis[: len(shown)])
        assert "9 of 60" in screen_text(app)
        assert drawn(bar(app), kiwis[:1])
        await pilot.press("down", "down")
        assert drawn(bar(app), kiwis[2:3])
        await pilot.press("i")  # every change of the filter: the first match again
        await pilot.pause()
        assert drawn(bar(app), kiwis[:1])
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"art-05")
        await pilot.pause()
        assert bar(app) == ["Article 05 on topic odd"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert "Article 05 on topic odd" in screen_lines(app)[0]


@pytest.mark.parametrize("size", SIZES)
async def test_clearing_the_filter_goes_back_to_the_article_in_view(tmp_path, size):
    app = QuothApp(many(tmp_path))
    async with app.run_test(size=size) as pilot:
        for _ in range(40):
            await pilot.press("j")
        assert bar(app) == ["Article 41 on topic odd"]
        await pilot.press("slash", *"07")
        await pilot.pause()
        assert bar(app) == ["Article 07 on topic odd"]
        await pilot.press("j")  # typed into the filter, not a move
        assert "07j" in screen_text(app) and bar(app) == []
        await pilot.press("backspace", "escape")  # out of the filter: the table has the keys
        assert bar(app) == ["Article 07 on topic odd"] and "0 of 60" not in screen_text(app)
        await pilot.press("escape")  # and again: the filter is cleared
        await pilot.pause()
        assert "60 of 60" in screen_text(app)
        assert bar(app) == ["Article 41 on topic odd"]
        assert "Article 41 on topic odd" in visible_titles(app)
        await pilot.press("j", "pagedown")  # moving on from there shows rows
        assert bar(app) and bar(app)[0] in visible_titles(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_a_move_in_the_filtered_rows_is_where_clearing_goes_back_to(tmp_path):
    app = QuothApp(many(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"odd", "down", "down")  # arrows move the table while typing
        assert bar(app) == ["Article 05 on topic odd"]
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert bar(app) == ["Article 05 on topic odd"]


@pytest.mark.parametrize("size", SIZES)
async def test_question_mark_opens_the_library_keys_and_q_closes(tmp_path, size):
    app = QuothApp(many(tmp_path))
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Quoth — keys in the library" in text
        assert "/ f                 filter by title, outlet, id or date" in text
        assert "enter               open the highlighted article" in text
        assert "q Close" in screen_lines(app)[-1]
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        # in the filter, ? is a character to type; F1 still opens help
        await pilot.press("slash", "question_mark")
        assert isinstance(app.screen, LibraryScreen) and "?" in screen_text(app)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_help_scrolls_like_less_and_keeps_the_hanging_indent(tmp_path):
    app = QuothApp(many(tmp_path))
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        lines = screen_lines(app)
        assert "Quoth — keys in the library" in "\n".join(lines)
        # a long description wraps under itself, not under the keys
        first = next(i for i, line in enumerate(lines) if "next article (also" in line)
        column = lines[first].index("next article (also")
        assert lines[first + 1][column - 1] == " " and lines[first + 1][column] != " "
        assert lines[first + 1][column - 20 : column].strip() == ""  # under the keys: nothing
        top = screen_text(app)
        await pilot.press("space")
        assert screen_text(app) != top
        await pilot.press("b")
        assert screen_text(app) == top
        await pilot.press("G")
        assert "ctrl+q" in screen_text(app)
        await pilot.press("g", "j", "k")
        assert screen_text(app) == top


@pytest.mark.parametrize("size", SIZES)
async def test_library_search_walks_results_from_the_prompt_and_enter_opens(size):
    from .test_library_app import library_app, loaded

    app = library_app()
    async with app.run_test(size=size) as pilot:
        await loaded(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, LibrarySearchScreen)
        await pilot.press(*"speaker:hegseth europe")
        await pilot.pause()
        results = app.screen.query_one(ResultsList)
        first = cursor_lines(app, results)
        assert len(first) == 1 and "Europe must take the lead" in first[0]
        await pilot.press("down")
        second = cursor_lines(app, results)
        assert len(second) == 1 and second[0].startswith("US Defense Secretary Hints… › §1 ~ Hegseth: ")
        await pilot.press("ctrl+n")  # over the "3 claims match" heading
        assert "◆ demand Hegseth: Europe must" in cursor_lines(app, results)[0]
        await pilot.press("up", "up")  # (ctrl+p is the app's palette key until the app lets this screen have it)
        assert cursor_lines(app, results) == first
        await pilot.press("down", *"an")  # the prompt kept the focus: the query grows
        await pilot.pause()
        assert "speaker:hegseth europe" + "an" in screen_text(app)
        await pilot.press("backspace", "backspace", "down")
        await pilot.pause()
        assert cursor_lines(app, results) == second
        await pilot.press("question_mark")  # typed: the prompt has the focus
        await pilot.pause()
        assert "speaker:hegseth europe?" in screen_text(app)
        await pilot.press("backspace", "f1")  # help for this overlay's keys
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Quoth — keys in the library search" in screen_text(app)
        assert "next result (the prompt keeps the focus)" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibrarySearchScreen)
        assert cursor_lines(app, results) == first  # the query changed twice: the first result again
        await pilot.press("down")
        assert cursor_lines(app, results) == second
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)  # the overlay closed, the article opened
        assert "US Defense Secretary Hints" in screen_lines(app)[0]
