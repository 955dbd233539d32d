"""The authoring loop: E opens the article in $VISUAL/$EDITOR at the selected
item, and the edit shows on return."""

from __future__ import annotations

import json
import shutil
import sys
import textwrap

from tui.app import QuothApp
from tui.core.editing import editor_argv, item_line
from tui.core.library import load_library
from tui.widgets.reader import Reader

from .conftest import MINIMAL, SEED


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def test_editor_order_and_command_lines():
    assert editor_argv("a.toml", 7, {"VISUAL": "nvim", "EDITOR": "nano"}) == ["nvim", "+7", "a.toml"]
    assert editor_argv("a.toml", 7, {"EDITOR": "nano -w"}) == ["nano", "-w", "+7", "a.toml"]
    assert editor_argv("a.toml", 7, {"VISUAL": " ", "EDITOR": ""}) == ["vi", "+7", "a.toml"]
    assert editor_argv("a b.toml", 3, {"EDITOR": "code --wait"}) == ["code", "--wait", "--goto", "a b.toml:3"]
    assert editor_argv("a.toml", 3, {"EDITOR": "/usr/bin/subl -w"}) == ["/usr/bin/subl", "-w", "a.toml:3"]
    assert editor_argv("a.toml", 3, {"EDITOR": "'unbalanced"}) == ["'unbalanced", "+3", "a.toml"]


def test_item_line_finds_each_kind():
    assert item_line(MINIMAL, "section", "one") == 12
    assert item_line(MINIMAL, "quote", "sound") == 17
    assert item_line(MINIMAL, "entity", "ann") == 7
    assert item_line(MINIMAL, "quote", "nope") == 1
    broken = MINIMAL.replace('title = "One"', 'title = "One')  # no longer TOML: found by its id line
    assert item_line(broken, "quote", "sound") == 18


FAKE_EDITOR = """\
#!{python}
import json, sys
args = sys.argv[1:]
with open({log!r}, "w") as fh:
    json.dump(args, fh)
path = args[-1]
text = open(path, encoding="utf-8").read()
text = text.replace("Secretary Hints at", "Secretary Suggests", 1)
open(path, "w", encoding="utf-8").write(text)
"""


async def test_e_opens_the_editor_at_the_quote_and_shows_the_edit(tmp_path, monkeypatch):
    article = tmp_path / "seed.toml"
    shutil.copy(SEED, article)
    log = tmp_path / "args.json"
    editor = tmp_path / "fake-editor"
    editor.write_text(textwrap.dedent(FAKE_EDITOR).format(python=sys.executable, log=str(log)), encoding="utf-8")
    editor.chmod(0o755)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(editor))
    original_title = next(line for line in article.read_text(encoding="utf-8").splitlines() if line.startswith("title"))
    assert "Secretary Hints at" in original_title

    app = QuothApp(load_library([article]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Hints at" in screen_text(app)
        await pilot.press("tab")  # the first quote: everything-on-the-table
        assert app.screen.query_one(Reader).current_target.id == "everything-on-the-table"
        await pilot.press("E")
        for _ in range(20):
            await pilot.pause(0.05)
            if "Suggests" in screen_text(app):
                break
        args = json.loads(log.read_text(encoding="utf-8"))
        assert args == ["+186", str(article)]  # the line of its [[quotes]] table
        text = screen_text(app)
        assert "Suggests" in text and "Hints at" not in text


async def test_e_with_a_missing_editor_says_so(tmp_path, monkeypatch):
    article = tmp_path / "a.toml"
    article.write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setenv("VISUAL", str(tmp_path / "no-such-editor"))
    app = QuothApp(load_library([article]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("E")
        await pilot.pause()
        (note,) = [n.message for n in app._notifications]  # as in test_app_cite: toasts are not in the strips here
        assert note.startswith("Cannot start the editor") and note.endswith("set $VISUAL or $EDITOR")
        assert article.read_text(encoding="utf-8") == MINIMAL
        assert "A small article" in screen_text(app)  # still reading
