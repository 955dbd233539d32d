"""The pure part of editing an article from the reader: which editor, with
which command line, at which line of the file.

The editor is ``$VISUAL``, then ``$EDITOR``, then ``vi`` (the order ``git``
and ``crontab`` use). Each is split like a shell word list, so
``EDITOR="code --wait"`` works. The line goes in the form the editor reads:
``+N FILE`` for the vi, Emacs and nano families (and any editor not known),
``--goto FILE:N`` for VS Code and its kin, ``FILE:N`` for Sublime Text, Zed
and Helix. :mod:`tui.editor` runs it, with the app suspended.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Mapping

import tomli

from .tomlpos import SourceMap

#: The table of the file that holds each kind of item the reader can select.
TABLES = {"quote": "quotes", "claim": "claims", "section": "sections", "entity": "entities"}

_GOTO = {"code", "code-insiders", "codium", "vscodium", "cursor"}
_COLON = {"subl", "sublime_text", "zed", "hx", "helix"}


def editor_command(env: Mapping[str, str]) -> list[str]:
    """``$VISUAL``, else ``$EDITOR``, else ``vi``, as a word list."""
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError:  # unbalanced quotes: take it as one program name
                words = [value]
            if words:
                return words
    return ["vi"]


def editor_argv(path: str, line: int, env: Mapping[str, str]) -> list[str]:
    """The command line that opens ``path`` at ``line`` (1-based)."""
    words = editor_command(env)
    program = os.path.basename(words[0]).lower()
    program = program[:-4] if program.endswith(".exe") else program
    if program in _GOTO:
        return [*words, "--goto", f"{path}:{line}"]
    if program in _COLON:
        return [*words, f"{path}:{line}"]
    return [*words, f"+{line}", path]


def item_line(text: str, kind: str, ident: str) -> int:
    """The 1-based line where the item ``kind``/``ident`` begins in the file's
    text (its ``[[quotes]]``, ``[[claims]]``… header), or 1 if it cannot be
    found. A file that no longer parses is searched for ``id = "ident"``."""
    table = TABLES.get(kind)
    if table is None:
        return 1
    try:
        data = tomli.loads(text)
    except (tomli.TOMLDecodeError, RecursionError):
        data = None
    if data is not None:
        items = data.get(table)
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, dict) and item.get("id") == ident:
                    return SourceMap(text).locate((table, i), prefer_key=True).line
    m = re.search(rf"""^\s*id\s*=\s*["']{re.escape(ident)}["']""", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else 1
