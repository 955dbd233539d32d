"""``quoth import``: turn a news article (plain text, Markdown or a saved HTML
page) into a draft article that passes ``quoth check``.

The work is done by :mod:`tui.core.importer`; this module reads the input,
writes the draft (atomically, never over an existing file unless asked) and
prints the summary on standard error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ..core.importer import KINDS, Options, SourceError, guess_kind, import_text, verify
from ..core.state import atomic_write
from ..core.text import visible
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, Parser, print_errors


def _parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="quoth import",
        description=(
            "Make a draft article from a news article: paragraphs copied exactly, direct quotes, "
            "reported speech, speakers and cues found by rules. The draft always passes quoth check; "
            "review the lines marked '# check'. Exit 0 on success, 1 if the source cannot be imported, "
            "2 on a usage error."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="the article: a file, or - for standard input")
    parser.add_argument("--from", dest="kind", choices=KINDS, help="the kind of source (default: from the file name)")
    parser.add_argument("-o", "--output", metavar="ARTICLE.toml", help="write the draft here (default: standard output)")
    parser.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    parser.add_argument("--url", help="the article's URL")
    parser.add_argument("--outlet", metavar="NAME", help="the publication")
    parser.add_argument("--published", metavar="DATE", help="the publication date, YYYY-MM-DD")
    parser.add_argument("--language", metavar="TAG", help="BCP 47 language tag (default: from the source, or guessed)")
    parser.add_argument("--license", metavar="LICENSE", help="the article's licence, e.g. CC-BY-2.5")
    parser.add_argument("--attribution", metavar="TEXT", help="the credit the licence asks for")
    parser.add_argument(
        "--keep-short", action="store_true", help="keep quotations of one or two words (scare quotes) as quotes"
    )
    return parser


def _read(path: str) -> str | int:
    try:
        data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
    except OSError as exc:
        print(f"quoth import: error: cannot read {visible(path, one_line=True)}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, FileNotFoundError) else EXIT_INVALID
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        print(f"quoth import: error: {visible(path, one_line=True)} is not UTF-8 (byte {exc.start + 1})", file=sys.stderr)
        return EXIT_INVALID


def cmd_import(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    if args.published is not None and not _is_date(args.published):
        print(f"quoth import: error: --published {visible(args.published, one_line=True)} is not a date like 2025-02-13",
              file=sys.stderr)
        return EXIT_USAGE
    if args.output and os.path.exists(args.output) and not args.force:
        print(f"quoth import: error: {visible(args.output, one_line=True)} exists (use --force to overwrite it)",
              file=sys.stderr)
        return EXIT_USAGE
    text = _read(args.file)
    if isinstance(text, int):
        return text
    kind = args.kind or guess_kind("" if args.file == "-" else args.file, text)
    name = "standard input" if args.file == "-" else os.path.basename(args.file)
    options = Options(keep_short=args.keep_short, language=args.language, source_name=name)
    try:
        draft = import_text(
            text, kind, options, url=args.url, outlet=args.outlet, published=args.published, language=args.language,
            license=args.license, attribution=args.attribution,
        )
    except SourceError as exc:
        print(f"quoth import: error: {visible(name, one_line=True)}: {visible(str(exc), one_line=True)}", file=sys.stderr)
        return EXIT_INVALID
    result = verify(draft, args.output or "<draft>")
    if result.errors:  # a bug in the importer: say so rather than write a broken file
        print("quoth import: internal error: the draft does not pass quoth check; please report this", file=sys.stderr)
        print_errors(result.errors)
        return EXIT_INVALID
    if args.output:
        atomic_write(Path(args.output), draft.text.encode("utf-8"))
    else:
        sys.stdout.write(draft.text)
    print(draft.summary(), file=sys.stderr)
    return EXIT_OK


def _is_date(value: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True
