"""``quoth check``: validate article files and folders."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from ..core.article import Counts
from .common import (
    EXIT_INVALID,
    EXIT_OK,
    STDIN,
    Parser,
    add_paths,
    existing_paths,
    folder_errors,
    load_paths,
    print_errors,
)


def _check_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="quoth check",
        description="Validate article files and folders. Exit 0 if all is valid, 1 if not, 2 on a usage error.",
    )
    add_paths(parser)
    return parser



def cmd_check(argv: Sequence[str]) -> int:
    args = _check_parser().parse_args(argv)
    paths = existing_paths(args.paths, "quoth check")
    if isinstance(paths, int):
        return paths
    # A big folder is checked by worker processes (one per core): each
    # returns its files' errors and counts, the same as loading them here.
    from ..core.preload import Preload

    table = None
    if STDIN not in paths:
        preload = Preload(paths, use_cache=False)
        try:
            table = preload.rows()
        finally:  # Ctrl-C: stop the workers now, not after their current files
            preload.close(kill=True)
    if table is None:  # a few files, one core, or standard input
        library = load_paths(paths)
        errors, counts = library.errors, library.counts()
    else:
        rows, parsed_errors = table
        errors = parsed_errors + folder_errors(paths)
        counts = Counts(
            articles=len(rows),
            sections=sum(r.sections for r in rows),
            quotes=sum(r.quotes for r in rows),
            claims=sum(r.claims for r in rows),
            entities=sum(r.entities for r in rows),
        )
    if errors:
        print_errors(errors)
        return EXIT_INVALID
    print(f"ok: {counts.summary()}")
    return EXIT_OK


