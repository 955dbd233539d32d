"""The reader pane on its own: a tiny App mounts just the Reader at a given
size, and the tests assert on the text rendered on screen (as Textual's own
widget tests do), at 120x40 and 80x24."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from tui.core.index import ArticleIndex
from tui.core.nav import Origin, Target
from tui.core.reading import load_file, load_text
from tui.core.search import parse
from tui.messages import Follow
from tui.widgets.reader import Reader
from tui.widgets.reader import search as reader_search
from tui.widgets.reader import view as reader_view
from tui.widgets.reader.layout import MATCH_STYLE, SELECTED_MATCH_STYLE

from .conftest import SEED

SIZES = [(120, 40), (80, 24)]


@pytest.fixture(autouse=True, params=["whole", "near the view"])
def layout(request, monkeypatch):
    """Every test runs twice: with the article laid out whole (short texts)
    and with only the blocks near the view laid out, and the drawn lines of
    all but a few let go, and paragraphs searched only where drawn until
    their matches are counted (long texts)."""
    if request.param != "whole":
        monkeypatch.setattr(reader_view, "WHOLE", 0)
        monkeypatch.setattr(reader_view, "DRAWN", 8)
        monkeypatch.setattr(reader_search, "LONG", 64)  # paragraphs searched where drawn
    return request.param
LAST_WORDS = "tensions in the region."


def seed_index() -> ArticleIndex:
    article = load_file(SEED).article
    assert article is not None
    return ArticleIndex(article)


class ReaderApp(App[None]):
    """Just the reader, with a border as in the app, recording what it posts."""

    CSS = "Reader { border: round white; padding: 0 1; height: 1fr; }"

    def __init__(self, index: ArticleIndex) -> None:
        super().__init__()
        self.index = index
        self.followed: list[tuple[Target, Origin]] = []

    def compose(self) -> ComposeResult:
        yield Reader(self.index)

    def on_follow(self, message: Follow) -> None:
        self.followed.append((message.target, message.origin))


def screen_lines(app: App) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def rows(app: App) -> list[str]:
    """The reader's text rows (inside the border, padding and scroll bar), right-stripped."""
    return [line[2:-1].rstrip(" ▁▂▃▄▅▆▇█▔") for line in screen_lines(app)[1:-1]]


def first_text_row(app: App) -> str:
    return next(row for row in rows(app) if row.strip())


def indicator(app: App) -> str:
    return screen_lines(app)[-1]


def reader(app: App) -> Reader:
    return app.query_one(Reader)


@pytest.mark.parametrize("size", SIZES)
async def test_G_and_g_go_to_the_ends_and_the_border_says_where(size):
    app = ReaderApp(seed_index())
    async with app.run_test(size=size) as pilot:
        assert "US Defense Secretary Hints" in "\n".join(rows(app))
        assert "§1/8 · " in indicator(app)
        await pilot.press("G")
        assert rows(app)[-1].endswith(LAST_WORDS)
        assert "§8/8 · 100%" in indicator(app)
        await pilot.press("g")
        assert first_text_row(app).startswith("US Defense Secretary")
        assert "§1/8" in indicator(app)
        reader(app).set_status("match 3/17 [b]")  # the screen's status: plain text, before the place
        await pilot.pause()
        assert "match 3/17 [b] · §1/8 · " in indicator(app)
        reader(app).set_status("")
        await pilot.pause()
        assert "match" not in indicator(app) and "§1/8" in indicator(app)
        await pilot.press("end")
        assert LAST_WORDS in "\n".join(rows(app))
        await pilot.press("home")
        assert first_text_row(app).startswith("US Defense Secretary")
        # a section at the top; the first section's place is the top of the article
        reader(app).show(Target("section", "call-with-putin"))
        await pilot.pause()
        assert first_text_row(app) == "§2  Trump's call with Putin"
        reader(app).show(Target("section", "everything-on-the-table"))
        await pilot.pause()
        assert first_text_row(app).startswith("US Defense Secretary")


@pytest.mark.parametrize("size", SIZES)
async def test_paging_moves_a_whole_view_as_less_does(size):
    app = ReaderApp(seed_index())
    async with app.run_test(size=size) as pilot:
        await pilot.press("j", "j")
        before = rows(app)
        for key in ("space", "f", "pagedown", "ctrl+f"):
            await pilot.press(key)
            after = rows(app)
            await pilot.press("k")
            # the old bottom line is now just above the top: one view on, no gap
            assert rows(app)[0] == before[-1], key
            await pilot.press("j")
            assert rows(app) == after
            await pilot.press("b")
            assert rows(app) == before, key
        for back in ("pageup", "ctrl+b"):
            await pilot.press("space", back)
            assert rows(app) == before, back


@pytest.mark.parametrize("size", SIZES)
async def test_half_pages_and_lines(size):
    app = ReaderApp(seed_index())
    async with app.run_test(size=size) as pilot:
        start = rows(app)
        half = len(start) // 2
        await pilot.press("d")
        assert rows(app)[0] == start[half]
        await pilot.press("ctrl+u")
        assert rows(app) == start
        await pilot.press("ctrl+d")
        assert rows(app)[0] == start[half]
        await pilot.press("ctrl+u", "j", "down")
        assert rows(app)[0] == start[2]
        await pilot.press("k", "up")
        assert rows(app) == start


@pytest.mark.parametrize("size", SIZES)
async def test_u_goes_up_to_the_section_heading_then_to_the_top(size):
    app = ReaderApp(seed_index())
    async with app.run_test(size=size) as pilot:
        reader(app).restore("europe-alarmed", 0)
        await pilot.press("j", "j", "j")
        assert not first_text_row(app).startswith("§3")
        await pilot.press("u")
        assert first_text_row(app) == "§3  Europe alarmed"
        assert "§3/8" in indicator(app)
        await pilot.press("u")
        assert first_text_row(app).startswith("US Defense Secretary")


async def test_the_paragraph_at_the_top_stays_there_across_resizes():
    app = ReaderApp(seed_index())
    async with app.run_test(size=(120, 40)) as pilot:
        reader(app).restore("europe-alarmed", 0)
        await pilot.pause()
        assert first_text_row(app).startswith("European leaders reacted swiftly")
        assert reader(app).position() == ("europe-alarmed", 0)
        for size in ((80, 24), (60, 20), (120, 40), (100, 30)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert first_text_row(app).startswith("European leaders reacted swiftly"), size
        # from the middle of a paragraph: the same words stay on the top line
        await pilot.press("j", "j", "j")
        words = first_text_row(app).split()[:3]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert first_text_row(app).split()[:3] == words or " ".join(words) in " ".join(rows(app)[:2])


async def test_restore_before_the_reader_has_a_size_waits_for_one():
    index = seed_index()

    class Early(ReaderApp):
        def on_mount(self) -> None:
            reader(self).restore("troop-levels", 0)

    app = Early(index)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert first_text_row(app).startswith("Amidst discussions of troop reductions")
        assert "§5/8" in indicator(app)


async def test_a_reloaded_article_keeps_the_paragraph_in_view():
    text = SEED.read_text(encoding="utf-8")
    app = ReaderApp(seed_index())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab")  # the first quote is the current mark
        reader(app).restore("troop-levels", 0)
        await pilot.pause()
        assert first_text_row(app).startswith("Amidst discussions")
        # an edit above the reader's place makes the text before it longer
        edited = text.replace("Everything on the table", "Everything is on the table, and more besides", 1)
        edited = edited.replace('paragraphs = [\n', 'paragraphs = [\n  "A new first paragraph, added while you read.",\n', 1)
        result = load_text(edited)
        assert result.article is not None, result.errors
        reader(app).replace_index(ArticleIndex(result.article))
        await pilot.pause()
        assert first_text_row(app).startswith("Amidst discussions")
        assert reader(app).current_target == Target("quote", "everything-on-the-table")
        await pilot.press("g")
        assert "A new first paragraph, added while you read." in "\n".join(rows(app))


@pytest.mark.parametrize("size", SIZES)
async def test_tab_marks_a_quote_and_enter_opens_it(size):
    app = ReaderApp(seed_index())
    async with app.run_test(size=size) as pilot:
        text = " ".join(rows(app))
        assert "'‹Hegseth“›everything is" in text  # the tag stands before the quote
        await pilot.press("tab")
        await pilot.press("enter")
        await pilot.pause()
        quote = Target("quote", "everything-on-the-table")
        assert app.followed == [(quote, Origin.READER), (quote, Origin.READER_ENTER)]


@pytest.mark.parametrize("size", SIZES)
async def test_show_brings_any_quote_into_view_past_long_speaker_tags(size):
    index = seed_index()
    app = ReaderApp(index)
    async with app.run_test(size=size) as pilot:
        for quote in index.article.doc.quotes:
            reader(app).show(Target("quote", quote.id))
            await pilot.pause()
            text = " ".join(rows(app))
            head = " ".join(quote.text.split()[:2])
            assert head in text or quote.text.split()[0] in text, quote.id


def styled_segments(app: App, word: str) -> list[str]:
    """The styles of every rendered segment holding ``word``."""
    out = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            if word in segment.text and segment.style is not None:
                out.append(str(segment.style.bgcolor))
    return out


@pytest.mark.parametrize("size", SIZES)
async def test_search_highlights_matches_and_the_selected_one_differs(size):
    app = ReaderApp(seed_index())
    async with app.run_test(size=size) as pilot:
        r = reader(app)
        r.set_search(parse("brussels"))
        await pilot.pause()
        matches = r.matches()
        assert [m.section for m in matches] == sorted(
            (m.section for m in matches), key=r.article.section_index.__getitem__
        )
        assert matches and all(m.kind in ("paragraph", "section", "claim") for m in matches)
        first = r.match_from_view()
        assert first == 0
        r.show_match(first)
        await pilot.pause()
        assert "Brussels" in " ".join(rows(app))
        match_bg = str(parse_style(MATCH_STYLE).bgcolor)
        selected_bg = str(parse_style(SELECTED_MATCH_STYLE).bgcolor)
        assert selected_bg in styled_segments(app, "Brussels")
        # the text of every match, wherever it is, is a case-folded "brussels"
        article = r.article
        for m in matches:
            text = article.sections[m.section].paragraphs[m.number] if m.kind == "paragraph" else ""
            if text:
                assert text[m.start : m.end].casefold() == "brussels"
        # a second match elsewhere: selected moves, the first is a plain match
        r.set_search(parse("ukraine"))
        await pilot.pause()
        assert selected_bg not in styled_segments(app, "Ukraine")
        assert match_bg in styled_segments(app, "Ukraine")
        n = len(r.matches())
        r.show_match(n - 1)
        await pilot.pause()
        assert selected_bg in styled_segments(app, "Ukraine")
        assert "§8/8" in indicator(app) or "§7/8" in indicator(app)
        r.set_search(None)
        await pilot.pause()
        assert match_bg not in styled_segments(app, "Ukraine")
        assert r.matches() == []


def parse_style(style: str):
    from rich.style import Style

    return Style.parse(style)
