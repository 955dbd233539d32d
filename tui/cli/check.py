"""``quoth check``: validate article files and folders.

``--fix`` first makes the safe fixes in place (:mod:`..core.fix`); ``--strict``
adds the checks of :mod:`..core.strict` as errors, ``--warnings`` prints them
as warnings without failing.

The plain check reads the library store (see :mod:`tui.core.opener`), as ruff
reads its cache: an unchanged file is reported from what the store kept (its
located errors, or its counts), and only new or changed files are parsed, in
worker processes for a big folder. A new Quoth version starts a new store, so
everything is checked again.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ..core.diagnostics import Diagnostic
from ..core.library import article_files
from ..core.text import visible
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
    parser.add_argument(
        "--fix",
        action="store_true",
        help="first rewrite, in place, quote texts that differ from the paragraph only in typographic "
        "punctuation or white space (comments and layout are kept)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="also fail on unused names and entities, quotations no quote covers, claims without evidence",
    )
    parser.add_argument("-W", "--warnings", action="store_true", help="print what --strict checks, as warnings")
    parser.add_argument("--no-cache", action="store_true", help="check every file again (the store is kept in memory)")
    return parser


def cmd_check(argv: Sequence[str]) -> int:
    from ..core.opener import LibraryOpener

    args = _check_parser().parse_args(argv)
    paths = existing_paths(args.paths, "quoth check")
    if isinstance(paths, int):
        return paths
    if args.fix:
        _fix(paths)
    if args.strict or args.warnings:
        return _check_strict(paths, strict=args.strict)
    if STDIN in paths:  # standard input is read once, here: no store for it
        library = load_paths(paths)
        errors, counts = library.errors, library.counts()
    else:
        from ..core.opener import LibraryOpener

        opener = LibraryOpener(paths, use_cache=not args.no_cache)
        try:
            for notice in opener.notices:
                print(f"quoth check: note: {visible(notice, one_line=True)}", file=sys.stderr)
            errors = opener.errors() + folder_errors(paths)
            counts = opener.store.counts()
        finally:  # Ctrl-C: stop the workers now, not after their current files
            opener.close()
    if errors:
        print_errors(errors)
        return EXIT_INVALID
    print(f"ok: {counts.summary()}")
    return EXIT_OK


def _fix(paths: Sequence[str]) -> None:
    """Make the safe fixes in every file, atomically; print each on stdout."""
    from ..core import fix
    from ..core.state import atomic_write

    for path in article_files([p for p in paths if p != STDIN]):  # standard input has no file to fix
        try:
            raw = path.read_bytes()
            text = raw.decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # the check reports it
        bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
        fixes = fix.plan(text)
        if not fixes:
            continue
        try:
            fixed = fix.apply(text, fixes)
            real = path.resolve()  # a symbolic link stays one: write where it points
            mode = real.stat().st_mode
            atomic_write(real, bom + fixed.encode("utf-8"))
            os.chmod(real, mode & 0o7777)  # a new file: keep the old one's permissions
        except (OSError, ValueError) as exc:
            reason = visible(getattr(exc, "strerror", None) or str(exc), one_line=True)
            print(f"quoth check: error: cannot fix {visible(str(path), one_line=True)}: {reason}", file=sys.stderr)
            continue
        for one in fixes:
            print(one.describe(visible(str(path), one_line=True)))
        print(f"{visible(str(path), one_line=True)}: {len(fixes)} fix{'es' if len(fixes) != 1 else ''} made")


def _check_strict(paths: Sequence[str], *, strict: bool) -> int:
    from dataclasses import replace

    from ..core.strict import strict_findings

    library = load_paths(paths)
    findings: list[Diagnostic] = []
    for article in library.articles:
        if article.file == "<stdin>":
            continue  # no file to read again: its text is not at hand
        try:
            text = Path(article.file).read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):  # pragma: no cover - it was just read
            continue
        findings.extend(strict_findings(article, text))
    if strict:
        findings = [replace(f, severity="error") for f in findings]
    errors = sorted((*library.errors, *findings), key=lambda d: (d.file, d.line, d.col)) if strict else library.errors
    if errors:
        print_errors(errors)
    if not strict and findings:
        for warning in findings:
            print(warning.format(), file=sys.stderr)
        print(f"{len(findings)} warning{'s' if len(findings) != 1 else ''} (errors under --strict)", file=sys.stderr)
    if errors:
        return EXIT_INVALID
    print(f"ok: {library.counts().summary()}" + (" (strict)" if strict else ""))
    return EXIT_OK
