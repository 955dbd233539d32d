"""The ``quoth`` command line: open the reader, or check, search, export,
cite content and print the schema.

Each command lives in a module of its own; this one only dispatches. The app
is imported only when the reader opens, so the other commands stay fast and
never load Textual.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from .check import cmd_check
from .common import print_errors
from .export import cmd_cite, cmd_export, cmd_schema
from .importing import cmd_import
from .read import cmd_read
from .search import cmd_search

#: The subcommands, by name. ``quoth`` with anything else opens the reader.
COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "check": cmd_check,
    "search": cmd_search,
    "export": cmd_export,
    "cite": cmd_cite,
    "schema": cmd_schema,
    "import": cmd_import,
}

__all__ = ["COMMANDS", "main", "print_errors"]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        return COMMANDS[argv[0]](argv[1:])
    return cmd_read(argv)
