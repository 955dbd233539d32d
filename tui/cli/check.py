"""``quoth check``: validate article files and folders.

It reads the library store (see :mod:`tui.core.opener`), as ruff reads its
cache: an unchanged file is reported from what the store kept (its located
errors, or its counts), and only new or changed files are parsed, in worker
processes for a big folder. A new Quoth version starts a new store, so
everything is checked again."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .common import EXIT_INVALID, EXIT_OK, Parser, add_paths, existing_paths, print_errors


def _check_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="quoth check",
        description="Validate article files and folders. Exit 0 if all is valid, 1 if not, 2 on a usage error.",
    )
    add_paths(parser)
    parser.add_argument("--no-cache", action="store_true", help="check every file again (the store is kept in memory)")
    return parser


def cmd_check(argv: Sequence[str]) -> int:
    from ..core.opener import LibraryOpener

    args = _check_parser().parse_args(argv)
    paths = existing_paths(args.paths, "quoth check")
    if isinstance(paths, int):
        return paths
    opener = LibraryOpener(paths, use_cache=not args.no_cache)
    for notice in opener.notices:
        print(f"quoth check: note: {notice}", file=sys.stderr)
    errors = opener.errors()
    counts = opener.store.counts()
    opener.close()
    if errors:
        print_errors(errors)
        return EXIT_INVALID
    print(f"ok: {counts.summary()}")
    return EXIT_OK
