"""Reading one article file: bytes to a validated, anchored :class:`Article`.

The loader never raises for anything a file can hold: a TOML syntax error, a
refused control character or a schema violation each becomes a located
:class:`Diagnostic`. The checks that the schema alone cannot make (ids,
references, quote anchors) live in :mod:`.checks`.
"""

from __future__ import annotations

import datetime as dt
import os
import re

import tomli
from pydantic import ValidationError

from .article import Article, FileResult
from .checks import Parts, check_article, did_you_mean
from .diagnostics import Reporter, describe, whole_file_error
from .hints import syntax_hint
from .model import (
    FORMAT_VERSION,
    SLUG_RE,
    ArticleFile,
    ArticleMeta,
    Claim,
    Entity,
    Quote,
    Relation,
    Section,
    Source,
    check_slug,
)
from .placing import check_links, fill_quote_sections
from .text import FORBIDDEN, codepoint, quoted, visible
from .tomlpos import SourceMap, Span

MAX_BYTES = 16 * 1024 * 1024
#: tomli refuses inline arrays/tables nested deeper than this.
TOMLI_NESTING = 400


def load_file(path: str | os.PathLike[str], *, display: str | None = None) -> FileResult:
    """Load one article file. Never raises for anything the file holds."""
    name = display if display is not None else str(path)
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            return FileResult(
                name,
                None,
                (whole_file_error(name, f"file is {size / 1048576:.1f} MiB; the limit is 16 MiB"),),
            )
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        reason = visible(exc.strerror or str(exc), one_line=True)
        return FileResult(name, None, (whole_file_error(name, f"cannot read file: {reason}"),))
    return load_bytes(data, name)


def load_bytes(data: bytes, file: str = "<input>") -> FileResult:
    """Load one article from the bytes of a file."""
    if len(data) > MAX_BYTES:
        return FileResult(file, None, (whole_file_error(file, "file is over the 16 MiB limit"),))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        source = data.split(b"\n")[line - 1].decode("utf-8", errors="replace")
        bad = data[exc.start : exc.end].hex(" ")
        return FileResult(
            file,
            None,
            (whole_file_error(file, f"file is not UTF-8 (invalid byte {bad})", line, col, source),),
        )
    return load_text(text, file)


def load_text(text: str, file: str = "<input>") -> FileResult:
    """Load one article from its text."""
    try:
        return _load_text(text, file)
    except Exception as exc:  # pragma: no cover - a bug, but still a located error
        message = visible(f"internal error while loading: {type(exc).__name__}: {exc}", one_line=True)
        return FileResult(file, None, (whole_file_error(file, message),))


def _load_text(text: str, file: str) -> FileResult:
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        return FileResult(
            file,
            None,
            (whole_file_error(file, "empty file: an article needs format = 1, an [article] table and [[sections]]"),),
        )
    report = Reporter(file, text)
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", 1) or 1
        col = getattr(exc, "colno", 1) or 1
        msg = getattr(exc, "msg", str(exc))
        lines = text.split("\n")
        source = lines[line - 1] if line <= len(lines) else ""
        message = f"TOML syntax: {visible(msg, one_line=True)}"
        hint = syntax_hint(text, line, col)
        if hint is not None:  # a pasted " ended a string: point at it
            message, col = f"{message}; {hint[0]}", hint[1]
        return FileResult(file, None, (whole_file_error(file, message, line, col, source),))
    except RecursionError:
        deep = SourceMap(text, depth_limit=TOMLI_NESTING).too_deep
        span = deep or Span(1, 1)
        report.at_span(span, f"arrays or inline tables nested more than {TOMLI_NESTING} levels deep")
        return FileResult(file, None, report.finish())
    except MemoryError:
        return FileResult(file, None, (whole_file_error(file, "file is too large to parse"),))

    report.data = data  # to name items by id in messages
    if _may_hold_controls(text):
        _check_controls(data, report)
    if "format" not in data:
        report.at((), "missing required key 'format' (add format = 1 at the top)", with_path=False)
    elif data["format"] != FORMAT_VERSION or isinstance(data["format"], bool):
        value = data["format"]
        shown = str(value) if isinstance(value, int) else quoted(str(value))
        report.at(("format",), f"unsupported format {shown} (this quoth reads {FORMAT_VERSION})", with_path=False)
        return FileResult(file, None, report.finish())

    try:
        doc = ArticleFile.model_validate(data)
    except ValidationError as exc:
        _report_validation(exc, report, data)
        # Check what did validate too, so one run reports every error it can.
        parts = Parts.salvage(data)
        fill_quote_sections(parts, report)
        check_links(parts, check_article(parts, report), report)
        return FileResult(file, None, report.finish())
    if report.errors:
        return FileResult(file, None, report.finish())
    parts = Parts.of(doc)
    fill_quote_sections(parts, report)
    anchors = check_article(parts, report)
    check_links(parts, anchors, report)
    if report.errors:
        return FileResult(file, None, report.finish())
    if any(not q.section for q in doc.quotes):  # sections left out, now filled in
        doc = doc.model_copy(update={"quotes": tuple(q for _, q in parts.quotes)})
    return FileResult(file, Article(file, doc, anchors), ())


# -- checks --------------------------------------------------------------


# Escapes that can put a refused character into a TOML string (\t and \n are fine).
_RISKY_ESCAPE = re.compile(r"\\[bfreuUx]")


def _may_hold_controls(text: str) -> bool:
    """Whether any string or key of the file could hold a refused character.

    Such a character is either in the text itself or made by an escape, so a
    file with neither needs no walk through its values (most files). TOML
    itself refuses raw C0 controls other than tab, so raw text can only
    bring C1 or bidi characters, which are not ASCII."""
    if "\\" in text and _RISKY_ESCAPE.search(text) is not None:
        return True
    if text.isascii():
        return False
    return FORBIDDEN.search(text) is not None


def _check_controls(data: dict, report: Reporter) -> None:
    """Refuse terminal control characters in every key and string value."""
    stack: list[tuple[tuple, object]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            items = list(value.items())
            for key, child in reversed(items):
                found = FORBIDDEN.search(key)
                if found:
                    report.at(
                        path + (key,),
                        f"key {quoted(key)} contains control character {codepoint(found.group())}",
                        key=True,
                        with_path=False,
                    )
                stack.append((path + (key,), child))
        elif isinstance(value, list):
            for index in range(len(value) - 1, -1, -1):
                stack.append((path + (index,), value[index]))
        elif isinstance(value, str):
            found = FORBIDDEN.search(value)
            if found:
                report.at(
                    path,
                    f"text contains control character {codepoint(found.group())} "
                    f"at character {found.start() + 1}; terminal control characters are not allowed",
                )


_TABLE_MODELS = {
    "article": ArticleMeta,
    "entities": Entity,
    "sections": Section,
    "quotes": Quote,
    "claims": Claim,
    "relations": Relation,
    "sources": Source,
}

_TYPE_NAMES = {
    "string_type": "a string",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "bool_type": "true or false",
    "list_type": "an array",
    "tuple_type": "an array",
    "model_type": "a table",
    "dict_type": "a table",
    "model_attributes_type": "a table",
}


def _slug_message(value: object) -> str:
    try:
        check_slug(str(value))
    except ValueError as exc:
        return str(exc)
    return "not a valid id"  # pragma: no cover


def _toml_type(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return "a date/time"
    return type(value).__name__


def _fields_for(loc: tuple) -> list[str]:
    """Allowed keys of the table at ``loc`` (a path to a table)."""
    names = [p for p in loc if isinstance(p, str)]
    if not names:
        model = ArticleFile
    else:
        model = _TABLE_MODELS.get(names[0])
        if model is None or len(names) > 1:
            return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _report_validation(exc: ValidationError, report: Reporter, data: dict) -> None:
    for err in exc.errors(include_url=False, include_input=True):
        loc = tuple(p for p in err["loc"] if isinstance(p, (int, str)))
        kind = err["type"]
        value = err.get("input")
        ctx = err.get("ctx") or {}
        if kind == "missing":
            parent, name = loc[:-1], loc[-1]
            where = describe(parent, report.names) if parent else "the file"
            if name == "sections" and not parent:
                msg = "an article needs at least one [[sections]] table"
            else:
                msg = f"{where} is missing required key {quoted(str(name))}"
            report.at(parent, msg, key=True, with_path=False)
        elif kind == "extra_forbidden":
            key = str(loc[-1])
            hint = did_you_mean(key, _fields_for(loc[:-1]))
            where = f"{describe(loc[:-1], report.names)}: " if loc[:-1] else ""
            report.at(loc, f"{where}unknown key {quoted(key)}{hint}", key=True, with_path=False)
        elif kind == "literal_error":
            expected = ctx.get("expected", "")
            got = quoted(value) if isinstance(value, str) else _toml_type(value)
            report.at(loc, f"{got} is not allowed here; expected {expected}")
        elif kind == "value_error":
            report.at(loc, visible(str(ctx.get("error", err["msg"])), one_line=True))
        elif kind == "too_short" and loc == ("sections",):
            if not data.get("sections"):  # not when the only sections are invalid
                report.at(loc, "an article needs at least one [[sections]] table")
        elif kind == "string_too_short":
            report.at(loc, "must not be empty")
        elif kind == "string_pattern_mismatch":
            if ctx.get("pattern") == SLUG_RE.pattern:
                report.at(loc, _slug_message(value))
            else:
                report.at(loc, "must not be empty or only white space")
        elif kind in _TYPE_NAMES:
            report.at(loc, f"expected {_TYPE_NAMES[kind]}, got {_toml_type(value)}")
        else:
            report.at(loc, visible(err["msg"], one_line=True))
