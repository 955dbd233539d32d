"""``quoth search``: grep-style search of quotes and claims.

It answers from the library store (see :mod:`tui.core.opener`): when no file
changed since the last run, nothing is parsed, and neither Textual nor
pydantic is imported."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ..core.text import FORBIDDEN, visible
from .common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    STDIN,
    Parser,
    add_paths,
    existing_paths,
    partial_library,
    print_errors,
)


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
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the library store (keep it in memory)")
    return parser



def cmd_search(argv: Sequence[str]) -> int:
    import json

    from ..core.opener import LibraryOpener
    from ..core.search import QueryError, parse

    args = _search_parser().parse_args(argv)
    try:
        query = parse(args.query)
    except QueryError as exc:
        print(f"quoth search: error: {visible(exc.message, one_line=True)} (at character {exc.position + 1})", file=sys.stderr)
        return EXIT_USAGE
    paths = existing_paths(args.paths, "quoth search")
    if isinstance(paths, int):
        return paths
    opener = None
    if STDIN in paths:  # standard input is read once, here: searched in memory
        from ..core.search import SearchIndex

        loaded = partial_library(paths, "quoth search")
        if isinstance(loaded, int):
            return loaded
        library, status = loaded
        results = SearchIndex(library.articles).search(query)
        speakers = {(a.id, e.id): (e.name, e.role) for a in library.articles for e in a.doc.entities}
        shared = {(h.record.article, h.record.id) for h in results.claims if h.record.id in library.by_id[h.record.article].quotes}
    else:
        opener = LibraryOpener(paths, use_cache=not args.no_cache)
        for notice in opener.notices:
            print(f"quoth search: note: {visible(notice, one_line=True)}", file=sys.stderr)
        # as grep does: the valid files answer, the invalid ones' errors go
        # to standard error, and the status is 2 if any file was invalid
        errors = opener.errors()
        status = EXIT_USAGE if errors else EXIT_OK
        if errors:
            print_errors(errors)
        results = opener.find(query)
        speakers = opener.search.speakers(results)
        shared = opener.search.shared_ids(results)
    colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    out = sys.stdout
    for hit in (*results.quotes, *results.claims):
        r = hit.record
        name, role = speakers[(r.article, r.speaker)]
        spans = hit.spans(query)
        if args.json:
            obj = {
                "type": r.type,
                "article": r.article,
                "section": r.section,
                "id": r.id,
                "speaker": r.speaker,
                "speaker_name": name,
                "kind": r.kind,
                "text": r.text,
                "matches": [{"start": s0, "end": e0} for s0, e0 in spans],
            }
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
            continue
        who = visible(name, one_line=True)
        if role:
            who += f" ({visible(role, one_line=True)})"
        text = _highlight(r.text, spans) if colour else visible(r.text, one_line=True)
        what = f'{r.kind}: "{text}"' if r.type == "quote" else f"claim ({r.kind}): {text}"
        # ARTICLE/ID first, as `quoth cite` takes it (claim:ID when a quote has the same id); the section after
        ref = f"claim:{r.id}" if r.type == "claim" and (r.article, r.id) in shared else r.id
        out.write(f"{r.article}/{ref}  (section {r.section})  {who}, {what}\n")
    out.flush()
    if opener is not None:
        if opener.use_cache:
            # after the answer, a second at most: catch the full-text index up for
            # the next run (the app does the rest in the background; until then
            # search scans the rows the index has not reached)
            opener.index(budget=1.0)
        opener.close()
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


