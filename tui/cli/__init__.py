"""The ``quoth`` command line: open the reader, or check, search, export,
cite content and print the schema.

Each command lives in a module of its own; this one only dispatches. The app
is imported only when the reader opens, so the other commands stay fast and
never load Textual. Every command runs inside ``run_command``, which turns a
closed pipe, a closed or full standard output and Ctrl-C into exit statuses
(141, 2, 130) with at most one line and never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from importlib import import_module

from .common import print_errors, run_command

#: The subcommands, by name: the module under tui/cli that holds each and the
#: function that runs it. A command's module is imported only when it runs,
#: so that ``quoth search`` on a warm library loads neither the importer nor
#: pydantic. ``quoth`` with anything else opens the reader.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("check", "cmd_check"),
    "search": ("search", "cmd_search"),
    "export": ("export", "cmd_export"),
    "cite": ("export", "cmd_cite"),
    "schema": ("export", "cmd_schema"),
    "import": ("importing", "cmd_import"),
}

__all__ = ["COMMANDS", "command", "main", "print_errors"]


def command(name: str) -> Callable[[Sequence[str]], int]:
    """The function that runs the subcommand ``name``."""
    module, function = COMMANDS[name]
    run: Callable[[Sequence[str]], int] = getattr(import_module(f".{module}", __name__), function)
    return run


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        return run_command(argv[0], command(argv[0]), argv[1:])
    from .read import cmd_read

    return cmd_read(argv)
