"""``quoth search``: grep-style search of quotes and claims."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ..core.text import FORBIDDEN, visible
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, Parser, add_paths, partial_library


def _search_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="quoth search",
        description=(
            "Search quotes and claims, grep-style. Words are ANDed; \"a phrase\" keeps words together; "
            "filters: speaker:NAME kind:direct|indirect|CLAIM-KIND section:ID article:ID. "
            "Exit 0 if something matched, 1 if nothing did, 2 on a bad query or if any file was invalid "
            "(the valid files are still searched; the errors go to standard error)."
        ),
    )
    parser.add_argument("query", help="the query (quote it for the shell)")
    add_paths(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object per match")
    parser.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="highlight matches (default: when stdout is a terminal)"
    )
    return parser



def cmd_search(argv: Sequence[str]) -> int:
    import json

    from ..core.search import QueryError, SearchIndex, parse

    args = _search_parser().parse_args(argv)
    try:
        query = parse(args.query)
    except QueryError as exc:
        print(f"quoth search: error: {visible(exc.message, one_line=True)} (at character {exc.position + 1})", file=sys.stderr)
        return EXIT_USAGE
    loaded = partial_library(args.paths, "quoth search")  # invalid files: errors on stderr, exit 2
    if isinstance(loaded, int):
        return loaded
    library, status = loaded
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
        # ARTICLE/ID first, as `quoth cite` takes it (claim:ID when a quote has the same id); the section after
        ref = f"claim:{r.id}" if r.type == "claim" and r.id in article.quotes else r.id
        out.write(f"{r.article}/{ref}  (section {r.section})  {who}, {what}\n")
    if status != EXIT_OK:
        return status
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


