"""``quoth [PATH ...]``: open the reader on an article or a library.

The app is imported only here, so the other commands never load Textual."""

from __future__ import annotations

import argparse
import gc
from collections.abc import Sequence

from .. import __version__
from ..core.library import load_library
from .common import EXIT_INVALID, EXIT_OK, Parser, add_paths, existing_paths, print_errors


def _reader_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="quoth",
        description="A terminal reader for attributed news articles written as TOML.",
        epilog=(
            "Commands: quoth check [PATH ...] validates content; "
            "quoth search QUERY [PATH ...] searches quotes and claims; "
            "quoth export [PATH ...] --format json|markdown|annotations|claims; "
            "quoth cite ARTICLE/QUOTE-ID; quoth schema prints the JSON Schema of the format. "
            "Each has --help."
        ),
    )
    add_paths(parser, "the bundled article")
    parser.add_argument("--version", action="version", version=f"quoth {__version__}")
    parser.add_argument("--no-watch", action="store_true", help="do not reload files when they change on disk")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the library store (keep it in memory)")
    return parser



def cmd_read(argv: Sequence[str]) -> int:
    from ..core.library import article_files

    args = _reader_parser().parse_args(argv)
    paths = existing_paths(args.paths, "quoth")
    if isinstance(paths, int):
        return paths
    watch = not args.no_watch
    files = article_files(paths)
    if len(files) > 1:
        # A library: it loads inside the app, behind a progress bar; invalid
        # files are listed there with their errors and the rest opens.
        # Open its store and start parsing what changed in worker processes
        # now, while Textual loads and starts.
        from ..core.opener import LibraryOpener

        preload = LibraryOpener(paths, use_cache=not args.no_cache)
        from ..app import QuothApp

        QuothApp(paths=paths, watch=watch, use_cache=not args.no_cache, preload=preload).run()
        return EXIT_OK
    library = load_library(paths)
    if library.errors or not library.articles:
        print_errors(library)
        return EXIT_INVALID
    from ..app import QuothApp  # Textual only loads for the reader

    gc.freeze()  # the library lives as long as the app: keep it out of GC scans
    QuothApp(library, paths=paths, watch=watch).run()
    return EXIT_OK


