"""Saved state that no longer matches the article (an id renamed, an item
deleted between two runs) never crashes the reader: bookmarks are marked
stale or follow their text to its new id, positions fall back to their
section and then the top, history entries that are gone are skipped."""

from __future__ import annotations

import asyncio

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tui.app import QuothApp
from tui.core.library import load_library
from tui.core.nav import Target
from tui.core.reading import load_file
from tui.core.resolve import label_of
from tui.core.state import Position, StateStore
from tui.screens.bookmarks import BookmarksScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.reader import Reader

from .articles import delete, rename, to_toml
from .conftest import SEED
from .test_hostile import screen_text


def _data():
    return load_file(SEED).article.doc.model_dump(by_alias=True, exclude_none=True)


def _write(path, data) -> None:
    path.write_text(to_toml(data), encoding="utf-8")
    result = load_file(path)
    assert result.article is not None, [e.format() for e in result.errors]  # still valid: `quoth check` passes


def _bookmark(store: StateStore, path, kind: str, ident: str) -> None:
    """What m does on that item (the same label)."""
    article = load_file(path).article
    store.toggle_bookmark(article.id, kind, ident, label_of(article, Target(kind, ident)))


FIRST = {"quote": "everything-on-the-table", "claim": None, "section": "everything-on-the-table"}


def _first_id(kind: str) -> str:
    return FIRST[kind] or load_file(SEED).article.doc.claims[0].id


async def _open_bookmarks(app, pilot) -> str:
    await pilot.pause()
    await pilot.press("B")
    await pilot.pause()
    assert isinstance(app.screen, BookmarksScreen)
    return screen_text(app)


def test_the_round_trip_of_the_toml_writer(tmp_path):
    path = tmp_path / "a.toml"
    _write(path, _data())
    assert load_file(path).article.doc == load_file(SEED).article.doc


async def _renamed_bookmark_opens_under_its_new_id(tmp_path, kind: str) -> None:
    path = tmp_path / "a.toml"
    _write(path, _data())
    old = _first_id(kind)
    _bookmark(StateStore(), path, kind, old)
    data = _data()
    rename(data, kind + "s", old, "renamed-item")
    _write(path, data)
    app = QuothApp(load_library([path]))
    async with app.run_test(size=(120, 40)) as pilot:
        text = await _open_bookmarks(app, pilot)
        assert "no longer in this article; the same text is now 'renamed-item'" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        if kind != "section":
            assert app.screen.query_one(Reader).current_target == Target(kind, "renamed-item")
        assert app.screen.section == (data["quotes"][0]["section"] if kind == "quote" else app.screen.section)
    (b,) = StateStore().bookmarks.items
    assert b.id == "renamed-item"  # the bookmark followed its text


async def test_a_renamed_quote_bookmark(tmp_path):
    await _renamed_bookmark_opens_under_its_new_id(tmp_path, "quote")


async def test_a_renamed_claim_bookmark(tmp_path):
    await _renamed_bookmark_opens_under_its_new_id(tmp_path, "claim")


async def test_a_renamed_section_bookmark(tmp_path):
    await _renamed_bookmark_opens_under_its_new_id(tmp_path, "section")


async def test_a_deleted_item_stays_listed_and_can_be_deleted(tmp_path):
    path = tmp_path / "a.toml"
    _write(path, _data())
    _bookmark(StateStore(), path, "quote", "everything-on-the-table")
    data = _data()
    delete(data, "quotes", "everything-on-the-table")
    _write(path, data)
    app = QuothApp(load_library([path]))
    async with app.run_test(size=(120, 40)) as pilot:
        text = await _open_bookmarks(app, pilot)
        assert "no longer in this article (d deletes the bookmark)" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)  # nowhere to go: it stays, and says so
        assert any("no longer in this article" in n.message for n in app._notifications)
        await pilot.press("d")
        await pilot.pause()
        assert "No bookmarks yet" in screen_text(app)
    assert StateStore().bookmarks.items == []


async def test_positions_fall_back_to_the_section_then_the_top(tmp_path):
    path = tmp_path / "a.toml"
    _write(path, _data())
    article = load_file(path).article
    last = article.doc.sections[-1].id
    store = StateStore()
    store.save_position(article.id, Position(section=last, paragraph=999, target="quote:gone"))
    app = QuothApp(load_library([path]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.screen.section == last  # the section, though its target is gone
        assert app.screen.query_one(Reader).current_target is None
    store.save_position(article.id, Position(section="gone-section", paragraph=2, target="claim:gone"))
    app = QuothApp(load_library([path]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.screen.section == article.doc.sections[0].id  # the top
        assert app.screen.query_one(Reader).scroll_y == 0


async def test_a_saved_position_with_its_target_is_restored(tmp_path):
    article = load_file(SEED).article
    quote = article.doc.quotes[3]
    StateStore().save_position(article.id, Position(section=quote.section, paragraph=0, target=f"quote:{quote.id}"))
    app = QuothApp(load_library([SEED]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one(Reader).current_target == Target("quote", quote.id)
        assert app.screen.section == quote.section


async def test_history_entries_that_are_gone_are_skipped(tmp_path):
    app = QuothApp(load_library([SEED]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        for target in (Target("quote", "gone"), Target("claim", "gone"), Target("section", "gone"), Target("entity", "gone")):
            screen.go(target)
            await pilot.pause()
        screen.history.items.append(Target("quote", "vanished"))
        screen.history.position = len(screen.history.items) - 1
        screen.history.items.append(Target("section", "vanished"))
        await pilot.press("alt+right")
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ReaderScreen)
        assert any("'gone' is no longer in this article" in n.message for n in app._notifications)


# -- the property: random edits between two runs never crash the second -----------

KINDS = ("sections", "quotes", "claims", "entities")
edit = st.tuples(st.sampled_from(("rename", "delete")), st.sampled_from(KINDS), st.integers(0, 40))


def _apply(data, edits) -> None:
    for n, (op, kind, index) in enumerate(edits):
        items = data[kind]
        if not items or (kind == "sections" and op == "delete" and len(items) == 1):
            continue
        ident = items[index % len(items)]["id"]
        if op == "delete" and kind != "entities":
            delete(data, kind, ident)
        else:
            rename(data, kind, ident, f"edited-{n}-{ident}"[:60].rstrip("-"))


async def _second_run(path, presses: list[str]) -> None:
    app = QuothApp(load_library([path]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key in presses:
            await pilot.press(key)
        await pilot.press("B")
        for n in range(4):  # the bookmarks, opened one after another
            await pilot.press(*(["down"] * n), "enter")
            await pilot.pause()
            await pilot.press("backspace", "alt+right", "B")
        await pilot.pause()
        assert app.is_running


# each example runs the app: few of them, and no shrinking (minutes of it)
@settings(max_examples=4, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate], suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(edit, min_size=1, max_size=6), which=st.lists(st.integers(0, 30), min_size=3, max_size=6), presses=st.lists(st.sampled_from(["tab", "j", "]", "enter", "escape"]), max_size=4))
def test_random_edits_between_two_runs_never_crash(tmp_path_factory, edits, which, presses):
    folder = tmp_path_factory.mktemp("edited")
    path = folder / "a.toml"
    data = _data()
    _write(path, data)
    # run 1: bookmarks on a few items of each kind, a position on one
    article = load_file(path).article
    store = StateStore()
    store.bookmarks = type(store.bookmarks)()
    for n, i in enumerate(which):
        kind = ("section", "quote", "claim")[n % 3]
        ids = [x["id"] for x in data[kind + "s"]]
        _bookmark(store, path, kind, ids[i % len(ids)])
    quote = data["quotes"][which[0] % len(data["quotes"])]
    store.save_position(article.id, Position(section=quote["section"], paragraph=which[1], target=f"quote:{quote['id']}"))
    # the author edits the file
    _apply(data, edits)
    _write(path, data)
    # run 2
    asyncio.run(_second_run(path, presses))
