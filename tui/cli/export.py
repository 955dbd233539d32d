"""``quoth export``, ``quoth cite`` and ``quoth schema``: the formats other tools read.

The format lists come from the registries in ``tui.core.export`` (``FORMATS``,
``CITE_FORMATS``), so the choices, the help and docs/exports.md agree.
On a folder with invalid files, export and cite answer from the valid ones,
print the located errors on stderr and exit 2, as grep does.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..core.text import visible
from .common import EXIT_OK, EXIT_USAGE, Parser, add_paths, partial_library, write_output


def _export_parser() -> argparse.ArgumentParser:
    from ..core.export import FLAVORS, FORMATS

    parser = Parser(
        prog="quoth export",
        description=(
            "Export articles. Exit 0 on success, 2 on bad arguments or if any file was invalid "
            "(the valid ones are still exported; the errors go to standard error)."
        ),
        epilog="Formats: " + "; ".join(f"{f.name}: {f.summary}" for f in FORMATS.values()) + ".",
    )
    add_paths(parser)
    parser.add_argument("--format", "-f", required=True, choices=list(FORMATS), help="the export format (see below)")
    parser.add_argument(
        "--flavor", choices=FLAVORS,
        help="Markdown only: gfm (GitHub-flavoured: footnotes and a claims table; default) or commonmark (endnotes, lists)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    return parser


def _cite_parser() -> argparse.ArgumentParser:
    from ..core.export import CITE_FORMATS

    parser = Parser(
        prog="quoth cite",
        description=(
            "Print the citation of a quote (or a claim), Chicago notes style for news. "
            "Exit 0 on success, 2 if the quote is not found, on bad arguments, or if any file was invalid."
        ),
    )
    parser.add_argument("ref", metavar="ARTICLE/QUOTE-ID", help="e.g. hegseth-nato-troops/everything-on-the-table")
    add_paths(parser)
    parser.add_argument(
        "--format", "-f", choices=list(CITE_FORMATS), default="text",
        help="the citation format (default: text); docs/exports.md describes each",
    )
    return parser


def cmd_export(argv: Sequence[str]) -> int:
    from ..core.export import export

    parser = _export_parser()
    args = parser.parse_args(argv)
    if args.flavor and args.format != "markdown":
        parser.error("--flavor applies to --format markdown only")
    loaded = partial_library(args.paths, "quoth export")
    if isinstance(loaded, int):
        return loaded
    library, status = loaded
    if args.format == "json" and not args.output:
        from ..core.export.jsondoc import write_json

        write_json(library.articles, sys.stdout.write)  # piece by piece: never the whole document
        return status
    text = export(library.articles, args.format, args.flavor or "gfm")
    if args.output:
        # a write error is the answer; else, as on stdout, 2 if a file was invalid
        return write_output(args.output, text, args.paths or [], "quoth export") or status
    sys.stdout.write(text)
    return status


def cmd_cite(argv: Sequence[str]) -> int:
    from ..core.export import cite

    args = _cite_parser().parse_args(argv)
    article_id, slash, item_id = args.ref.partition("/")
    if not slash or not article_id or not item_id:
        print("quoth cite: error: give ARTICLE/QUOTE-ID, e.g. hegseth-nato-troops/everything-on-the-table", file=sys.stderr)
        return EXIT_USAGE
    loaded = partial_library(args.paths, "quoth cite")
    if isinstance(loaded, int):
        return loaded
    library, status = loaded
    article = library.by_id.get(article_id)
    text = cite(article, item_id, args.format) if article is not None else None
    if text is None:
        what = f"article {article_id!r}" if article is None else f"quote or claim {item_id!r} in {article_id!r}"
        where = ""
        if article is None:
            where = (
                "; looked only in the bundled content: pass the article's file or folder, "
                f"e.g. quoth cite {args.ref} path/to/article.toml"
                if not args.paths
                else f" in {', '.join(args.paths)}"
            )
        print(f"quoth cite: error: no {visible(what + where, one_line=True)}", file=sys.stderr)
        return EXIT_USAGE
    print(text)
    return status


def cmd_schema(argv: Sequence[str]) -> int:
    import json

    parser = Parser(
        prog="quoth schema",
        description="Print the JSON Schema of the TOML article format (or, with --export, of `quoth export --format json`).",
    )
    parser.add_argument("--export", action="store_true", help="the schema of the JSON export instead")
    args = parser.parse_args(argv)
    if args.export:
        from ..core.export import export_schema

        schema = export_schema()
    else:
        from ..core.model import json_schema

        schema = json_schema()
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK
