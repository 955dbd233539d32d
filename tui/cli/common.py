"""What every ``quoth`` command shares: the argument parser that exits 2 on
a usage error, path handling, exit codes and printing located errors."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import IO, NoReturn

from ..core.article import Library
from ..core.diagnostics import Diagnostic
from ..core.library import bundled_content, load_library
from ..core.text import visible

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 on usage errors; keep that
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {visible(message, one_line=True)}\n")


def add_paths(parser: argparse.ArgumentParser, default: str = "the bundled content") -> None:
    # default=[] keeps argparse from calling PATH required in its error message
    parser.add_argument("paths", nargs="*", default=[], metavar="PATH", help=f"article file or folder (default: {default})")


def _paths_or_default(paths: Sequence[str]) -> list[str]:
    return list(paths) if paths else [str(bundled_content())]


def _missing(paths: Sequence[str]) -> list[str]:
    return [p for p in paths if not os.path.exists(p)]


def print_errors(library: Library | Sequence[Diagnostic], stream: IO[str] | None = None) -> None:
    stream = stream or sys.stderr
    errors = library.errors if isinstance(library, Library) else library
    for error in errors:
        print(error.format(), file=stream)
    files = len({e.file for e in errors})
    count = sum(1 for e in errors if e.severity != "note")  # a note explains the error before it
    print(
        f"{count} error{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}",
        file=stream,
    )


def existing_paths(paths: Sequence[str], prog: str) -> list[str] | int:
    """The paths (or the bundled content); a missing one is a usage error (exit 2)."""
    paths = _paths_or_default(paths)
    missing = _missing(paths)
    for p in missing:
        print(f"{prog}: error: no such file or folder: {visible(p, one_line=True)}", file=sys.stderr)
    return EXIT_USAGE if missing else paths


def load_or_usage(paths: Sequence[str], prog: str) -> Library | int:
    """Load content for a command; a missing path is a usage error (exit 2)."""
    found = existing_paths(paths, prog)
    return found if isinstance(found, int) else load_library(found)


def valid_library(paths: Sequence[str], prog: str) -> Library | int:
    library = load_or_usage(paths, prog)
    if isinstance(library, int):
        return library
    if library.errors:
        print_errors(library)
        return EXIT_INVALID
    return library


def partial_library(paths: Sequence[str], prog: str) -> tuple[Library, int] | int:
    """Load content the way grep reads files: the valid articles answer, the
    invalid files' located errors go to stderr, and the exit status to give
    once the answer is out is 2 if anything was invalid (else 0).
    A missing path is a usage error (exit 2) before anything is read."""
    library = load_or_usage(paths, prog)
    if isinstance(library, int):
        return library
    if library.errors:
        print_errors(library)
        return library, EXIT_USAGE
    return library, EXIT_OK
