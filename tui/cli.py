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
from .core.article import Counts, Library
from .core.diagnostics import Diagnostic
from .core.library import bundled_content, load_library
from .core.text import FORBIDDEN, visible

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

COMMANDS = ("check", "search", "export", "cite", "schema")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors; keep that
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {visible(message, one_line=True)}\n")


def _add_paths(parser: argparse.ArgumentParser, default: str = "the bundled content") -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help=f"article file or folder (default: {default})")


def _reader_parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
    _add_paths(parser, "the bundled article")
    parser.add_argument("--version", action="version", version=f"quoth {__version__}")
    parser.add_argument("--no-watch", action="store_true", help="do not reload files when they change on disk")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the library cache")
    return parser


def _check_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quoth check",
        description="Validate article files and folders. Exit 0 if all is valid, 1 if not, 2 on a usage error.",
    )
    _add_paths(parser)
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
    _add_paths(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object per match")
    parser.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="highlight matches (default: when stdout is a terminal)"
    )
    return parser


def _export_parser() -> argparse.ArgumentParser:
    from .core.export import FORMATS

    parser = _Parser(
        prog="quoth export",
        description="Export articles. Exit 0 on success, 1 on invalid content, 2 on bad arguments.",
    )
    _add_paths(parser)
    parser.add_argument("--format", "-f", required=True, choices=FORMATS, help="json, markdown, annotations (W3C Web Annotation) or claims (schema.org Claim)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    return parser


def _cite_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="quoth cite", description="Print the citation of a quote (or a claim).")
    parser.add_argument("ref", metavar="ARTICLE/QUOTE-ID", help="e.g. hegseth-nato-troops/everything-on-the-table")
    _add_paths(parser)
    return parser


def _paths_or_default(paths: Sequence[str]) -> list[str]:
    return list(paths) if paths else [str(bundled_content())]


def _missing(paths: Sequence[str]) -> list[str]:
    return [p for p in paths if not os.path.exists(p)]


def print_errors(library: Library | Sequence[Diagnostic], stream=None) -> None:
    stream = stream or sys.stderr
    errors = library.errors if isinstance(library, Library) else library
    for error in errors:
        print(error.format(), file=stream)
    files = len({e.file for e in errors})
    count = len(errors)
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


def cmd_check(argv: Sequence[str]) -> int:
    args = _check_parser().parse_args(argv)
    paths = existing_paths(args.paths, "quoth check")
    if isinstance(paths, int):
        return paths
    # A big folder is checked by worker processes (one per core): each
    # returns its files' errors and counts, the same as loading them here.
    from .core.preload import Preload

    table = Preload(paths, use_cache=False).rows()
    if table is None:  # a few files, or one core
        library = load_library(paths)
        errors, counts = library.errors, library.counts()
    else:
        rows, errors = table
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


def cmd_search(argv: Sequence[str]) -> int:
    import json

    from .core.search import QueryError, SearchIndex, parse

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


def _valid_library(paths: Sequence[str], prog: str) -> Library | int:
    library = load_or_usage(paths, prog)
    if isinstance(library, int):
        return library
    if library.errors:
        print_errors(library)
        return EXIT_INVALID
    return library


def cmd_export(argv: Sequence[str]) -> int:
    from .core.export import export

    args = _export_parser().parse_args(argv)
    library = _valid_library(args.paths, "quoth export")
    if isinstance(library, int):
        return library
    text = export(library.articles, args.format)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            print(f"quoth export: error: cannot write {visible(args.output, one_line=True)}: {visible(exc.strerror or str(exc), one_line=True)}", file=sys.stderr)
            return EXIT_USAGE
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_cite(argv: Sequence[str]) -> int:
    from .core.export import cite

    args = _cite_parser().parse_args(argv)
    article_id, slash, item_id = args.ref.partition("/")
    if not slash or not article_id or not item_id:
        print("quoth cite: error: give ARTICLE/QUOTE-ID, e.g. hegseth-nato-troops/everything-on-the-table", file=sys.stderr)
        return EXIT_USAGE
    library = _valid_library(args.paths, "quoth cite")
    if isinstance(library, int):
        return library
    article = library.by_id.get(article_id)
    text = cite(article, item_id) if article is not None else None
    if text is None:
        what = f"article {article_id!r}" if article is None else f"quote or claim {item_id!r} in {article_id!r}"
        print(f"quoth cite: error: no {visible(what, one_line=True)}", file=sys.stderr)
        return EXIT_USAGE
    print(text)
    return EXIT_OK


def cmd_schema(argv: Sequence[str]) -> int:
    import json

    from .core.model import json_schema

    _Parser(prog="quoth schema", description="Print the JSON Schema of the TOML article format.").parse_args(argv)
    print(json.dumps(json_schema(), indent=2))
    return EXIT_OK


def cmd_read(argv: Sequence[str]) -> int:
    from .core.library import article_files

    args = _reader_parser().parse_args(argv)
    paths = existing_paths(args.paths, "quoth")
    if isinstance(paths, int):
        return paths
    watch = not args.no_watch
    files = article_files(paths)
    if len(files) > 1:
        # A library: it loads inside the app, behind a progress bar; invalid
        # files are listed there with their errors and the rest opens.
        # Start parsing in worker processes now, while Textual loads and starts.
        from .core.preload import Preload

        preload = Preload(paths, use_cache=not args.no_cache, files=files)
        from .app import QuothApp

        QuothApp(paths=paths, watch=watch, use_cache=not args.no_cache, preload=preload).run()
        return EXIT_OK
    library = load_library(paths)
    if library.errors or not library.articles:
        print_errors(library)
        return EXIT_INVALID
    from .app import QuothApp  # Textual only loads for the reader

    gc.freeze()  # the library lives as long as the app: keep it out of GC scans
    QuothApp(library, paths=paths, watch=watch).run()
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        command, rest = argv[0], argv[1:]
        handlers = {"check": cmd_check, "search": cmd_search, "export": cmd_export, "cite": cmd_cite, "schema": cmd_schema}
        return handlers[command](rest)
    return cmd_read(argv)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
