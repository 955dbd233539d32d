"""Files to a validated, anchored :class:`Library`, with located errors.

The loader never raises for anything a file can hold: every problem becomes
a :class:`Diagnostic` that names a file, a line and a column, quotes the
offending line, and escapes whatever it repeats from the file. No Textual
import here (a test checks it).
"""

from __future__ import annotations

import bisect
import difflib
import gc
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import tomli
from pydantic import ValidationError

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
from .text import FORBIDDEN, codepoint, quoted, visible
from .tomlpos import SourceMap, Span

MAX_BYTES = 16 * 1024 * 1024
MAX_ERRORS_PER_FILE = 100
#: tomli refuses inline arrays/tables nested deeper than this.
TOMLI_NESTING = 400

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")

# -- diagnostics ---------------------------------------------------------


def _cells(text: str) -> int:
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


@dataclass(frozen=True)
class Diagnostic:
    """One located error, in the form compilers use."""

    file: str
    line: int
    col: int
    message: str
    source: str = ""
    width: int = 1

    @property
    def headline(self) -> str:
        return f"{visible(self.file, one_line=True)}:{self.line}:{self.col}: error: {self.message}"

    def format(self) -> str:
        """``file:line:col: error: message``, then the line with a caret under the place."""
        if not self.source:
            return self.headline
        raw = self.source.replace("\t", " ")
        start = max(0, self.col - 1 - 50)
        shown = raw[start : start + 110]
        lead = "…" if start else ""
        tail = "…" if start + 110 < len(raw) else ""
        before = lead + visible(raw[start : self.col - 1], one_line=True)
        under = visible(raw[self.col - 1 : self.col - 1 + self.width], one_line=True)
        gutter = f"{self.line:>5} | "
        blank = " " * (len(gutter) - 2) + "| "
        caret_width = max(1, min(_cells(under), _cells(visible(shown, one_line=True)) - _cells(before) + 1 + len(tail)))
        return (
            f"{self.headline}\n"
            f"{gutter}{lead}{visible(shown, one_line=True)}{tail}\n"
            f"{blank}{' ' * _cells(before)}{'^' * caret_width}"
        )

    def __str__(self) -> str:
        return self.format()


def format_path(path: Iterable[object]) -> str:
    """``quotes[2].speaker``; keys that are not bare are quoted and escaped."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = str(part)
            key = key if _BARE_KEY.match(key) else quoted(key)
            out += f".{key}" if out else key
    return out


class _Reporter:
    """Collects errors for one file; maps key paths to places lazily."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text
        self._map: SourceMap | None = None
        self.errors: list[Diagnostic] = []
        self.dropped = 0

    @property
    def map(self) -> SourceMap:
        if self._map is None:
            self._map = SourceMap(self.text)
        return self._map

    def at_span(self, span: Span, message: str) -> None:
        if len(self.errors) >= MAX_ERRORS_PER_FILE:
            self.dropped += 1
            return
        self.errors.append(
            Diagnostic(self.file, span.line, span.col, message, self.map.line(span.line), span.width)
        )

    def at(self, path: tuple, message: str, *, key: bool = False, with_path: bool = True) -> None:
        span = self.map.locate(path, prefer_key=key)
        prefix = f"{format_path(path)}: " if with_path and path else ""
        self.at_span(span, prefix + message)

    def finish(self) -> tuple[Diagnostic, ...]:
        self.errors.sort(key=lambda d: (d.line, d.col))
        if self.dropped:
            last = self.errors[-1]
            self.errors.append(
                Diagnostic(self.file, last.line, last.col, f"{self.dropped} more errors not shown")
            )
        return tuple(self.errors)


def _whole_file_error(file: str, message: str, line: int = 1, col: int = 1, source: str = "") -> Diagnostic:
    return Diagnostic(file, line, col, message, source)


# -- anchored articles ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a quote stands: paragraph index and code-point offsets in it."""

    section: str
    paragraph: int
    start: int
    end: int


class Article:
    """A validated article with its quotes anchored. Immutable."""

    __slots__ = (
        "file",
        "doc",
        "anchors",
        "entities",
        "sections",
        "quotes",
        "claims",
        "section_index",
        "entity_index",
    )

    def __init__(self, file: str, doc: ArticleFile, anchors: Mapping[str, Anchor]) -> None:
        self.file = file
        self.doc = doc
        self.anchors: Mapping[str, Anchor] = MappingProxyType(dict(anchors))
        self.entities: Mapping[str, Entity] = MappingProxyType({e.id: e for e in doc.entities})
        self.sections: Mapping[str, Section] = MappingProxyType({s.id: s for s in doc.sections})
        self.quotes: Mapping[str, Quote] = MappingProxyType({q.id: q for q in doc.quotes})
        self.claims: Mapping[str, Claim] = MappingProxyType({c.id: c for c in doc.claims})
        self.section_index: Mapping[str, int] = MappingProxyType(
            {s.id: i for i, s in enumerate(doc.sections)}
        )
        self.entity_index: Mapping[str, int] = MappingProxyType({e.id: i for i, e in enumerate(doc.entities)})

    @property
    def id(self) -> str:
        return self.doc.article.id

    @property
    def meta(self) -> ArticleMeta:
        return self.doc.article

    @property
    def relations(self) -> tuple[Relation, ...]:
        return self.doc.relations

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.doc.sources

    def __repr__(self) -> str:
        return f"Article({self.id!r}, {self.file!r})"


@dataclass(frozen=True)
class Counts:
    articles: int = 0
    sections: int = 0
    quotes: int = 0
    claims: int = 0
    entities: int = 0

    def summary(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}" + ("" if count == 1 else "s")

        return ", ".join(
            [
                n(self.articles, "article"),
                n(self.sections, "section"),
                n(self.quotes, "quote"),
                n(self.claims, "claim"),
                n(self.entities, "entity").replace("entitys", "entities"),
            ]
        )


@dataclass(frozen=True)
class Library:
    """Every valid article found, in path order, and the errors of the rest."""

    articles: tuple[Article, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    by_id: Mapping[str, Article] = field(default_factory=dict)

    def counts(self) -> Counts:
        return Counts(
            articles=len(self.articles),
            sections=sum(len(a.doc.sections) for a in self.articles),
            quotes=sum(len(a.doc.quotes) for a in self.articles),
            claims=sum(len(a.doc.claims) for a in self.articles),
            entities=sum(len(a.doc.entities) for a in self.articles),
        )


@dataclass(frozen=True)
class FileResult:
    file: str
    article: Article | None
    errors: tuple[Diagnostic, ...]


# -- reading a file ------------------------------------------------------


def load_file(path: str | os.PathLike[str], *, display: str | None = None) -> FileResult:
    """Load one article file. Never raises for anything the file holds."""
    name = display if display is not None else str(path)
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            return FileResult(
                name,
                None,
                (_whole_file_error(name, f"file is {size / 1048576:.1f} MiB; the limit is 16 MiB"),),
            )
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        reason = visible(exc.strerror or str(exc), one_line=True)
        return FileResult(name, None, (_whole_file_error(name, f"cannot read file: {reason}"),))
    return load_bytes(data, name)


def load_bytes(data: bytes, file: str = "<input>") -> FileResult:
    """Load one article from the bytes of a file."""
    if len(data) > MAX_BYTES:
        return FileResult(file, None, (_whole_file_error(file, "file is over the 16 MiB limit"),))
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
            (_whole_file_error(file, f"file is not UTF-8 (invalid byte {bad})", line, col, source),),
        )
    return load_text(text, file)


def load_text(text: str, file: str = "<input>") -> FileResult:
    """Load one article from its text."""
    try:
        return _load_text(text, file)
    except Exception as exc:  # pragma: no cover - a bug, but still a located error
        message = visible(f"internal error while loading: {type(exc).__name__}: {exc}", one_line=True)
        return FileResult(file, None, (_whole_file_error(file, message),))


def _load_text(text: str, file: str) -> FileResult:
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        return FileResult(
            file,
            None,
            (_whole_file_error(file, "empty file: an article needs format = 1, an [article] table and [[sections]]"),),
        )
    report = _Reporter(file, text)
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", 1) or 1
        col = getattr(exc, "colno", 1) or 1
        msg = getattr(exc, "msg", str(exc))
        lines = text.split("\n")
        source = lines[line - 1] if line <= len(lines) else ""
        return FileResult(
            file, None, (_whole_file_error(file, f"TOML syntax: {visible(msg, one_line=True)}", line, col, source),)
        )
    except RecursionError:
        deep = SourceMap(text, depth_limit=TOMLI_NESTING).too_deep
        span = deep or Span(1, 1)
        report.at_span(span, f"arrays or inline tables nested more than {TOMLI_NESTING} levels deep")
        return FileResult(file, None, report.finish())
    except MemoryError:
        return FileResult(file, None, (_whole_file_error(file, "file is too large to parse"),))

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
        _check_article(_Parts.salvage(data), report)
        return FileResult(file, None, report.finish())
    if report.errors:
        return FileResult(file, None, report.finish())
    anchors = _check_article(_Parts.of(doc), report)
    if report.errors:
        return FileResult(file, None, report.finish())
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


def _check_controls(data: dict, report: _Reporter) -> None:
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
    import datetime as dt

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


def _did_you_mean(word: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {quoted(close[0])}?)" if close else ""


def _report_validation(exc: ValidationError, report: _Reporter, data: dict) -> None:
    for err in exc.errors(include_url=False, include_input=True):
        loc = tuple(p for p in err["loc"] if isinstance(p, (int, str)))
        kind = err["type"]
        value = err.get("input")
        ctx = err.get("ctx") or {}
        if kind == "missing":
            parent, name = loc[:-1], loc[-1]
            where = format_path(parent) if parent else "the file"
            if name == "sections" and not parent:
                msg = "an article needs at least one [[sections]] table"
            else:
                msg = f"{where} is missing required key {quoted(str(name))}"
            report.at(parent, msg, key=True, with_path=False)
        elif kind == "extra_forbidden":
            key = str(loc[-1])
            hint = _did_you_mean(key, _fields_for(loc[:-1]))
            where = f"{format_path(loc[:-1])}: " if loc[:-1] else ""
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


@dataclass
class _Parts:
    """The tables of an article that validated, each with its index in the file,
    and every id the file declares (valid table or not), for reference checks."""

    entities: list[tuple[int, Entity]]
    sections: list[tuple[int, Section]]
    quotes: list[tuple[int, Quote]]
    claims: list[tuple[int, Claim]]
    relations: list[tuple[int, Relation]]
    declared: dict[str, dict[str, int]]

    @classmethod
    def of(cls, doc: ArticleFile) -> _Parts:
        parts = cls(
            list(enumerate(doc.entities)),
            list(enumerate(doc.sections)),
            list(enumerate(doc.quotes)),
            list(enumerate(doc.claims)),
            list(enumerate(doc.relations)),
            {},
        )
        return parts

    @classmethod
    def salvage(cls, data: dict) -> _Parts:
        def valid(name: str, model: type) -> list:
            out = []
            items = data.get(name)
            if not isinstance(items, list):
                return out
            for i, item in enumerate(items):
                try:
                    out.append((i, model.model_validate(item)))
                except ValidationError:
                    pass
            return out

        declared: dict[str, dict[str, int]] = {}
        for name in ("entities", "sections", "quotes", "claims"):
            items = data.get(name)
            ids: dict[str, int] = {}
            if isinstance(items, list):
                for i, item in enumerate(items):
                    if isinstance(item, dict) and isinstance(item.get("id"), str):
                        ids.setdefault(item["id"], i)
            declared[name] = ids
        return cls(
            valid("entities", Entity),
            valid("sections", Section),
            valid("quotes", Quote),
            valid("claims", Claim),
            valid("relations", Relation),
            declared,
        )


def _check_article(doc: _Parts, report: _Reporter) -> dict[str, Anchor]:
    """Ids, references and quote anchors: what the schema alone cannot say."""
    ids: dict[str, dict[str, int]] = {}
    for kind, items in (
        ("entities", doc.entities),
        ("sections", doc.sections),
        ("quotes", doc.quotes),
        ("claims", doc.claims),
    ):
        seen: dict[str, int] = {}
        for i, item in items:
            if item.id in seen:
                first = report.map.locate((kind, seen[item.id], "id"))
                report.at(
                    (kind, i, "id"),
                    f"duplicate id {quoted(item.id)}; first defined at line {first.line}:{first.col}",
                )
            else:
                seen[item.id] = i
        ids[kind] = {**doc.declared.get(kind, {}), **seen}
    section_objs = {s.id: s for _, s in doc.sections}

    names: dict[str, tuple[str, int]] = {}
    for i, entity in doc.entities:
        for j, name in enumerate(entity.names):
            owner = names.get(name)
            if owner and owner[0] != entity.id:
                path = ("entities", i, "aliases", j - 1) if j else ("entities", i, "name")
                report.at(path, f"name {quoted(name)} also belongs to entity {quoted(owner[0])}; a name must point at one entity")
            else:
                names[name] = (entity.id, i)

    entities, sections, quotes, claims = ids["entities"], ids["sections"], ids["quotes"], ids["claims"]

    def unknown(path: tuple, value: str, known: Mapping[str, int], what: str) -> bool:
        report.at(path, f"unknown {what} {quoted(value)}{_did_you_mean(value, known)}")
        return False

    def ref(path: tuple, value: str, known: Mapping[str, int], what: str) -> bool:
        return True if value in known else unknown(path, value, known, what)

    anchors: dict[str, Anchor] = {}
    flat: dict[str, _Flat] = {}
    for i, quote in doc.quotes:
        if quote.speaker not in entities:
            unknown(("quotes", i, "speaker"), quote.speaker, entities, "entity")
        if quote.section not in sections:
            unknown(("quotes", i, "section"), quote.section, sections, "section")
        elif quote.section in section_objs:
            section = section_objs[quote.section]
            # most quotes occur once, with no prefix or suffix: two finds settle it
            where = flat.get(section.id) or flat.setdefault(section.id, _Flat(section))
            anchor = where.unique(quote) or _anchor(section_objs.values(), section, quote, ("quotes", i), report)
            if anchor is not None:
                anchors[quote.id] = anchor

    for i, claim in doc.claims:
        if claim.speaker not in entities:
            unknown(("claims", i, "speaker"), claim.speaker, entities, "entity")
        if claim.section not in sections:
            unknown(("claims", i, "section"), claim.section, sections, "section")
        for j, qid in enumerate(claim.quotes):
            if qid not in quotes:
                unknown(("claims", i, "quotes", j), qid, quotes, "quote")
        for j, eid in enumerate(claim.about):
            if eid not in entities:
                unknown(("claims", i, "about", j), eid, entities, "entity")

    seen_relations: dict[tuple[str, str, str], int] = {}
    for i, rel in doc.relations:
        ok = ref(("relations", i, "from"), rel.from_, claims, "claim")
        ok = ref(("relations", i, "to"), rel.to, claims, "claim") and ok
        if ok and rel.from_ == rel.to:
            report.at(("relations", i, "to"), "a claim cannot relate to itself")
        key = (rel.from_, rel.to, rel.kind)
        if key in seen_relations:
            first = report.map.locate(("relations", seen_relations[key]))
            report.at(("relations", i), f"duplicate relation; first given at line {first.line}", key=True)
        else:
            seen_relations[key] = i
    return anchors


class _Flat:
    """A section's paragraphs joined by NUL, which no text can hold (the loader
    refuses control characters), so no match can span two paragraphs."""

    __slots__ = ("section", "text", "starts")

    def __init__(self, section: Section) -> None:
        self.section = section
        self.text = "\0".join(section.paragraphs)
        self.starts: list[int] = []
        at = 0
        for paragraph in section.paragraphs:
            self.starts.append(at)
            at += len(paragraph) + 1

    def unique(self, quote: Quote) -> Anchor | None:
        """The anchor of a quote whose text occurs exactly once, when it has no
        prefix or suffix to choose with; None means: look closer."""
        text = quote.text
        if quote.prefix is not None or quote.suffix is not None or not text or "\0" in text:
            return None
        start = self.text.find(text)
        if start < 0 or self.text.find(text, start + 1) >= 0:
            return None
        p = bisect.bisect_right(self.starts, start) - 1
        offset = start - self.starts[p]
        return Anchor(self.section.id, p, offset, offset + len(text))


def _context(paragraph: str, start: int, end: int, width: int = 24) -> str:
    before = paragraph[max(0, start - width) : start]
    after = paragraph[end : end + width]
    return quoted("…" + before + "[" + paragraph[start:end] + "]" + after + "…", limit=200)


def _anchor(
    all_sections: Iterable[Section], section: Section, quote: Quote, path: tuple, report: _Reporter
) -> Anchor | None:
    text = quote.text
    hits: list[tuple[int, int]] = []
    for p, paragraph in enumerate(section.paragraphs):
        start = paragraph.find(text)
        while start >= 0:
            hits.append((p, start))
            start = paragraph.find(text, start + 1)
    if len(hits) == 1 and quote.prefix is None and quote.suffix is None:
        p, start = hits[0]
        return Anchor(section.id, p, start, start + len(text))
    if not hits:
        elsewhere = [
            s.id for s in all_sections if s.id != section.id and any(text in p for p in s.paragraphs)
        ]
        if elsewhere:
            hint = f"; it occurs in section {quoted(elsewhere[0])}"
        else:
            closest = _closest_passage(section, text)
            hint = f"; closest passage: {quoted(closest, limit=160)}" if closest else ""
        report.at(path + ("text",), f"text not found verbatim in section {quoted(section.id)}{hint}")
        return None
    chosen = [
        (p, start)
        for p, start in hits
        if (quote.prefix is None or section.paragraphs[p][:start].endswith(quote.prefix))
        and (quote.suffix is None or section.paragraphs[p][start + len(text) :].startswith(quote.suffix))
    ]
    if len(chosen) == 1:
        p, start = chosen[0]
        return Anchor(section.id, p, start, start + len(text))
    shown = "; ".join(
        f"paragraph {p + 1} at {start + 1}: {_context(section.paragraphs[p], start, start + len(text))}"
        for p, start in (chosen or hits)[:5]
    )
    if chosen:
        report.at(
            path + ("text",),
            f"text occurs {len(chosen)} times in section {quoted(section.id)}; "
            f"add prefix or suffix to choose one. Candidates: {shown}",
        )
    else:
        which = "prefix" if quote.prefix is not None else "suffix"
        if quote.prefix is not None and quote.suffix is not None:
            which = "prefix and suffix"
        report.at(
            path + (("prefix",) if quote.prefix is not None else ("suffix",)),
            f"{which} match none of the {len(hits)} occurrences of the text. Candidates: {shown}",
        )
    return None


def _closest_passage(section: Section, text: str) -> str:
    """The run of words in the section most like ``text``."""
    size = max(1, len(text.split()))
    best, best_score = "", 0.0
    target = text.casefold()
    for paragraph in section.paragraphs:
        words = paragraph.split()
        if not words:
            continue
        for n in {max(1, size - 1), size, size + 1}:
            for i in range(0, max(1, len(words) - n + 1)):
                candidate = " ".join(words[i : i + n])
                matcher = difflib.SequenceMatcher(None, target, candidate.casefold(), autojunk=False)
                if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
                    continue
                score = matcher.ratio()
                if score > best_score:
                    best, best_score = candidate, score
    return best if best_score >= 0.5 else ""


# -- libraries -----------------------------------------------------------


@contextmanager
def gc_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic GC while building many small objects (validation is
    several times faster without it). With ``freeze``, what exists when the
    block ends is moved out of the GC's reach before it resumes: long-lived
    data that would otherwise be scanned at once, in a pause of ~0.1 s."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was:
            gc.enable()


def article_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Every ``.toml`` file named or found below the folders named, in path order."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(sorted(f for f in path.rglob("*.toml") if f.is_file()))
        else:
            out.append(path)
    return out


def load_library(
    paths: Iterable[str | os.PathLike[str]],
    *,
    loader: Callable[[list[Path]], Iterable[FileResult]] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Library:
    """Load every article below ``paths``. Invalid files are reported, not fatal.

    ``loader`` loads a list of files and yields their results in order
    (default: one by one with :func:`load_file`; the cache and the worker
    processes pass their own); ``progress(done, total)`` follows each file."""
    paths = list(paths)
    files = article_files(paths)
    load_all = loader or (lambda batch: (load_file(p) for p in batch))
    articles: list[Article] = []
    errors: list[Diagnostic] = []
    by_id: dict[str, Article] = {}
    ids = ArticleIds()
    total = len(files)
    with gc_paused(freeze=True):
        for done, (path, result) in enumerate(zip(files, load_all(files), strict=True), 1):
            errors.extend(result.errors)
            article = result.article
            if article is not None:
                duplicate = ids.claim(article.id, result.file, path)
                if duplicate:
                    errors.extend(duplicate)
                else:
                    by_id[article.id] = article
                    articles.append(article)
            if progress is not None:
                progress(done, total)
    if not files:
        names = ", ".join(visible(str(p), one_line=True) for p in paths)
        errors.append(Diagnostic(names or ".", 1, 1, "no .toml article files found"))
    return Library(tuple(articles), tuple(errors), MappingProxyType(by_id))


class ArticleIds:
    """Article ids across a library: the first file (in path order) to use an
    id keeps it, and a later one gets a located error naming the first."""

    def __init__(self) -> None:
        self._owner: dict[str, str] = {}

    def claim(self, article_id: str, file: str, path: Path) -> tuple[Diagnostic, ...]:
        """No errors if ``file`` may have ``article_id``; else the duplicate error."""
        other = self._owner.get(article_id)
        if other is None:
            self._owner[article_id] = file
            return ()
        return _duplicate_article(file, path, other, article_id)


def _duplicate_article(file: str, path: Path, other_file: str, article_id: str) -> tuple[Diagnostic, ...]:
    report = _Reporter(file, Path(path).read_text(encoding="utf-8-sig", errors="replace"))
    first = _Reporter(other_file, Path(other_file).read_text(encoding="utf-8-sig", errors="replace"))
    span = first.map.locate(("article", "id"))
    report.at(
        ("article", "id"),
        f"duplicate article id {quoted(article_id)}; also in "
        f"{visible(other_file, one_line=True)}:{span.line}:{span.col}",
    )
    return report.finish()


def bundled_content() -> Path:
    """The folder of articles that ships with Quoth."""
    here = Path(__file__).resolve().parent
    packaged = here / "content"
    if packaged.is_dir():
        return packaged
    return here.parent / "content"
