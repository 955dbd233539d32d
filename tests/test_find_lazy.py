"""The reader's n/N matches (tui/core/find.py) are found lazily and bounded:
a keystroke on a huge paragraph finds at most STEP matches, a long text is
searched a window at a time, and walking them all gives what match_spans
gives on the whole text."""

from __future__ import annotations

import pytest

from tui.core import find
from tui.core.find import Finder
from tui.core.reading import load_text
from tui.core.search import match_spans, parse

HEAD = 'format = 1\n\n[article]\nid = "a"\ntitle = "T"\n\n[[entities]]\nid = "ann"\nname = "Ann"\n\n'


def article(paragraphs: list[str], title: str = "Bread and more"):
    body = ", ".join(f'"{p}"' for p in paragraphs)
    loaded = load_text(HEAD + f'[[sections]]\nid = "s"\ntitle = "{title}"\nparagraphs = [{body}]\n')
    assert loaded.article is not None, loaded.errors[:3]
    return loaded.article


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(find, "STEP", 7)
    monkeypatch.setattr(find, "LONG", 300)
    monkeypatch.setattr(find, "CHUNK", 64)


def everything(finder: Finder) -> list[tuple[str, int, int, int]]:
    out, current, wrapped = [], None, False
    while True:
        current, wrapped = finder.step(current, 1)
        if wrapped or current is None:
            return out
        m = finder.matches[current]
        out.append((m.place, m.number, m.start, m.end))


@pytest.mark.parametrize("word", ["bread", "t", "bread t", "ba", '"bread today"', "déjà"])
def test_walking_all_matches_agrees_with_match_spans(small: None, word: str) -> None:
    long = "Ann went to the market and bought some bread today, déjà vu. " * 40  # past LONG: windows
    texts = ["Bread at the start", long, "no such thing", "bread " * 3]
    a = article(texts)
    query = parse(word)
    expected = [("title", 0, s, e) for s, e in match_spans("Bread and more", query) if all(n in "bread and more" for n in query.needles)]
    for n, text in enumerate(texts):
        folded = " ".join(text.lower().split())
        if all(n_ in folded for n_ in query.needles) or word == "déjà":
            expected += [("paragraph", n, s, e) for s, e in match_spans(text, query)]
    finder = Finder(a, query)
    assert everything(finder) == expected
    assert finder.complete and finder.count_text() == str(len(expected))


def test_a_keystroke_finds_at_most_step_matches(small: None) -> None:
    a = article(["bread " * 200], title="Loaves")
    finder = Finder(a, parse("bread"))
    assert len(finder) == 7 and not finder.complete
    assert finder.count_text() == "7+"
    assert finder.first_from("s", 0) == 0
    assert len(finder) == 7  # the first match was among those found
    # n past the last found finds the next ones, not all of them
    current, wrapped = finder.step(6, 1)
    assert (current, wrapped) == (7, False) and len(finder) == 14 and not finder.complete
    # N from the first wraps to the very last: that finds them all
    current, wrapped = finder.step(0, -1)
    assert wrapped and finder.complete and current == len(finder) - 1 == 199
    assert finder.count_text() == "200"


def test_a_long_text_is_searched_a_window_at_a_time(small: None, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, int] | None] = []
    real = find.match_spans

    def spy(text, query, window=None):
        seen.append(window)
        return real(text, query, window=window)

    monkeypatch.setattr(find, "match_spans", spy)
    a = article(["x " * 1000 + "bread " * 100], title="Loaves")
    finder = Finder(a, parse("bread"))
    assert len(finder) == 7
    # the windows up to the first seven matches, not the whole 2,600 characters
    assert seen and all(w is not None and w[1] - w[0] <= 64 for w in seen)
    last = seen[-1]
    assert last is not None and last[1] < 2200


def test_normal_sizes_count_exactly() -> None:
    a = article(["Bread and bread.", "More bread."])
    finder = Finder(a, parse("bread"))
    assert finder.complete and finder.count_text() == "4" and len(finder) == 4


async def test_the_prompt_says_n_plus_while_more_may_follow(monkeypatch: pytest.MonkeyPatch) -> None:
    from .screen_text import screen_lines, screen_text
    from .test_app import seed_app

    monkeypatch.setattr(find, "STEP", 5)
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"ukraine")
        await pilot.pause()
        assert "1/5+" in screen_lines(app)[-2], screen_text(app)  # 24 matches, five found so far
        await pilot.press("enter", *"nnnnn")
        await pilot.pause()
        assert "match 6/10+" in screen_text(app)
