"""``quoth export``, ``quoth cite`` and ``quoth schema``: the formats other tools read."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..core.text import visible
from .common import EXIT_OK, EXIT_USAGE, Parser, add_paths, valid_library, write_output


def _export_parser() -> argparse.ArgumentParser:
    from ..core.export import FORMATS

    parser = Parser(
        prog="quoth export",
        description="Export articles. Exit 0 on success, 1 on invalid content, 2 on bad arguments.",
    )
    add_paths(parser)
    parser.add_argument("--format", "-f", required=True, choices=FORMATS, help="json, markdown, annotations (W3C Web Annotation) or claims (schema.org Claim)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    return parser



def _cite_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="quoth cite", description="Print the citation of a quote (or a claim).")
    parser.add_argument("ref", metavar="ARTICLE/QUOTE-ID", help="e.g. hegseth-nato-troops/everything-on-the-table")
    add_paths(parser)
    return parser



def cmd_export(argv: Sequence[str]) -> int:
    from ..core.export import export

    args = _export_parser().parse_args(argv)
    library = valid_library(args.paths, "quoth export")
    if isinstance(library, int):
        return library
    text = export(library.articles, args.format)
    if args.output:
        return write_output(args.output, text, args.paths or [], "quoth export")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_cite(argv: Sequence[str]) -> int:
    from ..core.export import cite

    args = _cite_parser().parse_args(argv)
    article_id, slash, item_id = args.ref.partition("/")
    if not slash or not article_id or not item_id:
        print("quoth cite: error: give ARTICLE/QUOTE-ID, e.g. hegseth-nato-troops/everything-on-the-table", file=sys.stderr)
        return EXIT_USAGE
    library = valid_library(args.paths, "quoth cite")
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

    from ..core.model import json_schema

    Parser(prog="quoth schema", description="Print the JSON Schema of the TOML article format.").parse_args(argv)
    print(json.dumps(json_schema(), indent=2))
    return EXIT_OK


