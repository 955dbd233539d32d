"""The ``quoth`` command: open the reader, or check content.

Usage:
    quoth [PATH ...]            open the reader (default: the bundled article)
    quoth check [PATH ...]      validate article files and folders

The app is imported only when the reader opens, so ``quoth check`` stays
fast and never loads Textual.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from . import __version__
from .load import Library, bundled_content, load_library
from .text import FORBIDDEN, visible

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

COMMANDS = ("check", "search")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors; keep that
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {visible(message, one_line=True)}\n")


def _reader_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quoth",
        description="A terminal reader for attributed news articles written as TOML.",
        epilog=(
            "Commands: quoth check [PATH ...] validates content; "
            "quoth search QUERY [PATH ...] searches quotes and claims. "
            "Each has --help."
        ),
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


def _search_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quoth search",
        description=(
            "Search quotes and claims, grep-style. Words are ANDed; \"a phrase\" keeps words together; "
            "filters: speaker:NAME kind:direct|indirect|CLAIM-KIND section:ID article:ID. "
            "Exit 0 if something matched, 1 if nothing did, 2 on a bad query or invalid content."
        ),
    )
    parser.add_argument("query", help="the query (quote it for the shell)")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article file or folder (default: the bundled content)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per match")
    parser.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="highlight matches (default: when stdout is a terminal)"
    )
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


def cmd_search(argv: Sequence[str]) -> int:
    import json

    from .search import QueryError, SearchIndex, parse

    args = _search_parser().parse_args(argv)
    try:
        query = parse(args.query)
    except QueryError as exc:
        print(f"quoth search: error: {visible(exc.message, one_line=True)} (at character {exc.position + 1})", file=sys.stderr)
        return EXIT_USAGE
    library = load_or_usage(args.paths, "quoth search")
    if isinstance(library, int):
        return library
    if library.errors:
        print_errors(library)
        return EXIT_USAGE
    results = SearchIndex(library.articles).search(query)
    colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    out = sys.stdout
    for hit in (*results.quotes, *results.claims):
        r = hit.record
        article = library.by_id[r.article]
        speaker = article.entities[r.speaker]
        spans = hit.spans(query)
        if args.json:
            obj = {
                "type": r.type,
                "article": r.article,
                "section": r.section,
                "id": r.id,
                "speaker": r.speaker,
                "speaker_name": speaker.name,
                "kind": r.kind,
                "text": r.text,
                "matches": [{"start": s0, "end": e0} for s0, e0 in spans],
            }
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
            continue
        who = visible(speaker.name, one_line=True)
        if speaker.role:
            who += f" ({visible(speaker.role, one_line=True)})"
        text = _highlight(r.text, spans) if colour else visible(r.text, one_line=True)
        what = f'{r.kind}: "{text}"' if r.type == "quote" else f"claim ({r.kind}): {text}"
        out.write(f"{r.article}/{r.section}  {who}, {what}\n")
    return EXIT_OK if len(results) else EXIT_INVALID


def _highlight(text: str, spans: list[tuple[int, int]]) -> str:
    """Matches in bold red for a terminal; the text itself stays inert."""
    if FORBIDDEN.search(text):
        return visible(text, one_line=True)
    out, last = [], 0
    for start, end in spans:
        out.append(visible(text[last:start], one_line=True))
        out.append("\x1b[1;31m" + visible(text[start:end], one_line=True) + "\x1b[0m")
        last = end
    out.append(visible(text[last:], one_line=True))
    return "".join(out)


def cmd_read(argv: Sequence[str]) -> int:
    args = _reader_parser().parse_args(argv)
    library = load_or_usage(args.paths, "quoth")
    if isinstance(library, int):
        return library
    if library.errors or not library.articles:
        print_errors(library)
        return EXIT_INVALID
    from .app import QuothApp  # Textual only loads for the reader

    gc.freeze()  # the library lives as long as the app: keep it out of GC scans
    QuothApp(library).run()
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        command, rest = argv[0], argv[1:]
        return {"check": cmd_check, "search": cmd_search}[command](rest)
    return cmd_read(argv)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
