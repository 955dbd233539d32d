"""Opening the article in the author's editor from the reader (key ``E``).

The app is suspended (:meth:`textual.app.App.suspend`) while the editor has
the terminal; on return the reader posts :class:`~tui.messages.FileChanged` and the app
loads the file again as live reload does, so the edit shows at once (and a mistake shows as a stale banner with
its errors), with or without the file watcher. The command line and the line
number come from :mod:`tui.core.editing`.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

from textual.app import App, SuspendNotSupported

from .core.editing import editor_argv, item_line
from .core.nav import Target
from .core.text import visible


@contextlib.contextmanager
def _terminal_to_editor(app: App[object]) -> Iterator[None]:
    if app.is_headless:  # tests: there is no terminal to hand over
        yield
        return
    with app.suspend():
        yield


def edit_article(app: App[object], file: str, target: Target | None) -> bool:
    """Open ``file`` at ``target`` in the editor; whether the editor ran (the
    caller then asks for the file to be loaded again)."""
    try:
        text = Path(file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        app.notify(visible(f"Cannot read {file}: {exc}", one_line=True), severity="error", markup=False)
        return False
    line = item_line(text, target.kind, target.id) if target is not None else 1
    argv = editor_argv(file, line, os.environ)
    try:
        with _terminal_to_editor(app):
            status = subprocess.run(argv, check=False).returncode
    except SuspendNotSupported:
        app.notify("This terminal cannot hand over to an editor here.", severity="error")
        return False
    except OSError as exc:
        shown = visible(f"Cannot start the editor {argv[0]!r}: {exc.strerror or exc}; set $VISUAL or $EDITOR", one_line=True)
        app.notify(shown, severity="error", markup=False)
        return False
    if status != 0:
        app.notify(visible(f"The editor exited with status {status}", one_line=True), severity="warning", markup=False)
    return True
