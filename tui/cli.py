"""The ``quoth`` command: open the reader, or check content.

Usage:
    quoth [PATH ...]            open the reader (default: the bundled article)
    quoth check [PATH ...]      validate article files and folders

The app is imported only when the reader opens, so ``quoth check`` stays
fast and never loads Textual.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from . import __version__
from .load import Library, bundled_content, load_library
from .text import visible

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

COMMANDS = ("check",)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors; keep that
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {visible(message, one_line=True)}\n")


def _reader_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quoth",
        description="A terminal reader for attributed news articles written as TOML.",
        epilog="Commands: quoth check [PATH ...] validates content (quoth check --help).",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article file or folder (default: the bundled article)")
    parser.add_argument("--version", action="version", version=f"quoth {__version__}")
    return parser


def _check_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quoth check",
        description="Validate article files and folders. Exit 0 if all is valid, 1 if not, 2 on a usage error.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article file or folder (default: the bundled content)")
    return parser


def _paths_or_default(paths: Sequence[str]) -> list[str]:
    return list(paths) if paths else [str(bundled_content())]


def _missing(paths: Sequence[str]) -> list[str]:
    return [p for p in paths if not os.path.exists(p)]


def print_errors(library: Library, stream=None) -> None:
    stream = stream or sys.stderr
    for error in library.errors:
        print(error.format(), file=stream)
    files = len({e.file for e in library.errors})
    count = len(library.errors)
    print(
        f"{count} error{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}",
        file=stream,
    )


def load_or_usage(paths: Sequence[str], prog: str) -> Library | int:
    """Load content for a command; a missing path is a usage error (exit 2)."""
    paths = _paths_or_default(paths)
    missing = _missing(paths)
    if missing:
        for p in missing:
            print(f"{prog}: error: no such file or folder: {visible(p, one_line=True)}", file=sys.stderr)
        return EXIT_USAGE
    return load_library(paths)


def cmd_check(argv: Sequence[str]) -> int:
    args = _check_parser().parse_args(argv)
    library = load_or_usage(args.paths, "quoth check")
    if isinstance(library, int):
        return library
    if library.errors:
        print_errors(library)
        return EXIT_INVALID
    print(f"ok: {library.counts().summary()}")
    return EXIT_OK


def cmd_read(argv: Sequence[str]) -> int:
    args = _reader_parser().parse_args(argv)
    library = load_or_usage(args.paths, "quoth")
    if isinstance(library, int):
        return library
    if library.errors or not library.articles:
        print_errors(library)
        return EXIT_INVALID
    from .app import QuothApp  # Textual only loads for the reader

    QuothApp(library).run()
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        command, rest = argv[0], argv[1:]
        return {"check": cmd_check}[command](rest)
    return cmd_read(argv)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
