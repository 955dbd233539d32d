"""What the library store holds for one file, as plain data.

A worker process (see :mod:`.preload`) loads a file exactly as ``quoth
check`` would and turns it into a :class:`FileData`: the table's row, the
located errors, the validated article as JSON, and the rows of the store's
tables (sections, folded paragraphs, entities with their search names,
quotes and claims in reading order, relations). Plain tuples pickle cheaply;
validated models are never sent between processes. The table's row type,
:class:`Summary`, lives here too. No Textual and no pydantic at import.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .article import Summary as Summary  # re-exported: the store's rows are the table's
from .diagnostics import Diagnostic
from .search import fold, fold_words

if TYPE_CHECKING:
    from .article import Article

#: Read this much of a file at most (the loader's own limit is checked by it).
_HASH = "blake2b"


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class FileData:
    """One file as loaded for the store."""

    path: str  # the name it was loaded under
    size: int
    mtime_ns: int
    hash: str
    errors: tuple[Diagnostic, ...]
    summary: Summary | None = None
    doc: str | None = None  # the validated article as ASCII JSON
    anchors: str | None = None  # quote id -> [section, paragraph, start, end], JSON
    sections: tuple[tuple[int, str, str], ...] = ()  # n, id, title
    paragraphs: tuple[tuple[str, int, str], ...] = ()  # section, n, text
    entities: tuple[tuple[int, str, str, str, str | None, str, str], ...] = ()  # n, id, name, kind, role, names, sameas
    records: tuple[tuple[str, int, str, str, str, str, str, str], ...] = ()  # type, n, id, section, speaker, kind, text, folded
    relations: tuple[tuple[str, str, str], ...] = ()  # from, to, kind


def search_names(entity_id: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """Every name a speaker goes by for ``speaker:`` (as the search index has them)."""
    folded = [entity_id, *(fold(n) for n in names)]
    words = [w for n in folded for w in n.replace("-", " ").split()]
    return tuple(dict.fromkeys(folded + words))


def file_data(article: Article, size: int, mtime_ns: int, digest: str) -> FileData:
    """The store's rows for a valid article."""
    doc = article.doc
    position = article.section_index
    anchors = article.anchors
    quotes = sorted(doc.quotes, key=lambda q: (position[q.section], anchors[q.id].paragraph, anchors[q.id].start))
    claims = sorted(doc.claims, key=lambda c: position[c.section])
    records: list[tuple[str, int, str, str, str, str, str, str]] = [
        ("quote", n, q.id, q.section, q.speaker, q.kind, q.text, " ".join(fold_words(q.text))) for n, q in enumerate(quotes)
    ]
    records += [
        ("claim", len(quotes) + n, c.id, c.section, c.speaker, c.kind, c.text, " ".join(fold_words(c.text)))
        for n, c in enumerate(claims)
    ]
    return FileData(
        path=article.file,
        size=size,
        mtime_ns=mtime_ns,
        hash=digest,
        errors=(),
        summary=Summary.of(article, size, mtime_ns),
        doc=doc.model_dump_json(by_alias=True, ensure_ascii=True),
        anchors=json.dumps({q: [a.section, a.paragraph, a.start, a.end] for q, a in anchors.items()}, ensure_ascii=True),
        sections=tuple((n, s.id, s.title) for n, s in enumerate(doc.sections)),
        paragraphs=tuple((s.id, n, p) for s in doc.sections for n, p in enumerate(s.paragraphs)),
        entities=tuple(
            (n, e.id, e.name, e.kind, e.role, json.dumps(search_names(e.id, e.names)), json.dumps(e.sameas))
            for n, e in enumerate(doc.entities)
        ),
        records=tuple(records),
        relations=tuple((r.from_, r.to, r.kind) for r in doc.relations),
    )


def parse(path: str | os.PathLike[str]) -> FileData:
    """Load one file for the store, as ``quoth check`` would (runs in a worker)."""
    from .files import read_regular
    from .reading import MAX_BYTES, load_bytes, load_file

    name = str(path)
    try:
        st = os.stat(path)  # before reading: a later edit changes the key
        if st.st_size > MAX_BYTES:
            raise OSError("too big")  # load_file words the error
        # only a regular file (or a shell's <(...) pipe): a FIFO is never waited on
        data = read_regular(path, MAX_BYTES, streams=True)
    except (OSError, ValueError):
        return FileData(name, 0, 0, "", load_file(path).errors)
    digest = content_hash(data)
    result = load_bytes(data, name)
    if result.article is None:
        return FileData(name, st.st_size, st.st_mtime_ns, digest, result.errors)
    return file_data(result.article, st.st_size, st.st_mtime_ns, digest)


# -- diagnostics as JSON -------------------------------------------------


def errors_json(errors: tuple[Diagnostic, ...]) -> str:
    return json.dumps([[e.line, e.col, e.message, e.source, e.width] for e in errors], ensure_ascii=True)


def errors_from_json(file: str, raw: str) -> tuple[Diagnostic, ...]:
    """The stored errors of ``file``; ValueError if the JSON is not what the store writes."""
    items: Any = json.loads(raw)
    out = []
    if not isinstance(items, list):
        raise ValueError("stored errors are not a list")
    for item in items:
        line, col, message, source, width = item
        if not (isinstance(line, int) and isinstance(col, int) and isinstance(width, int)):
            raise ValueError("stored error position is not a number")
        if not (isinstance(message, str) and isinstance(source, str)):
            raise ValueError("stored error text is not a string")
        out.append(Diagnostic(file, line, col, message, source, width))
    return tuple(out)
