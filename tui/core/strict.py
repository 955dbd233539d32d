"""``quoth check --strict``: what a valid article may still have wrong.

Each finding is a located :class:`Diagnostic` of severity ``warning``;
``--strict`` makes warnings errors. They are looked for in valid articles only
(an invalid one has errors to fix first):

- an alias that never occurs in the text, and a name that does not when no
  alias does (the name is also the display name: "United States" for "US");
- an entity never mentioned, quoted, relayed (``via``) or referred to (``about``);
- a span between quotation marks that no quote covers ("coverage"): spans of
  three words or more, so that scare quotes ("so-called 'peace'") pass;
- a claim with no evidence quote.

(A ``prefix`` or ``suffix`` that would match if it touched the text is an
error already; :mod:`.placing` says so.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .article import Article
from .diagnostics import Diagnostic, Reporter
from .index import ArticleIndex
from .text import quoted

#: Spans between quotation marks: “…”, "…", „…“, «…», ‹…›, and ‘…’ where the
#: opening mark is not inside a word (so that it is not an apostrophe).
_QUOTED = re.compile(
    r"“(?P<a>[^“”]+)”"
    r'|"(?P<b>[^"]+)"'
    r"|„(?P<c>[^„“”]+)[“”]"
    r"|«\s?(?P<d>[^«»]+?)\s?»"
    r"|‹(?P<e>[^‹›]+)›"
    r"|(?<!\w)‘(?P<f>[^‘’]+?)’(?!\w)"
)
MIN_WORDS = 3


def quoted_spans(paragraph: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of the words inside each pair of quotation marks."""
    for m in _QUOTED.finditer(paragraph):
        group = next(g for g in "abcdef" if m.group(g) is not None)
        yield m.start(group), m.end(group)


def strict_findings(article: Article, text: str) -> tuple[Diagnostic, ...]:
    """The warnings for one valid article whose file holds ``text``."""
    report = Reporter(article.file, text)
    report.data = {
        "entities": [{"id": e.id} for e in article.doc.entities],
        "sections": [{"id": s.id} for s in article.doc.sections],
        "quotes": [{"id": q.id} for q in article.doc.quotes],
        "claims": [{"id": c.id} for c in article.doc.claims],
    }
    doc = article.doc
    index = ArticleIndex(article)
    paragraphs = [p for s in doc.sections for p in s.paragraphs]

    def warn(path: tuple[object, ...], message: str, *, key: bool = False) -> None:
        report.at(path, message, key=key, severity="warning")

    used: set[str] = {m.entity for m in index.mentions}
    for q in doc.quotes:
        used.add(q.speaker)
        if q.via:
            used.add(q.via)
    for c in doc.claims:
        used.add(c.speaker)
        used.update(c.about)

    for i, entity in enumerate(doc.entities):
        flags = re.IGNORECASE if entity.case_insensitive else 0
        found = [
            any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", p, flags) for p in paragraphs) for name in entity.names
        ]
        # the name is also a display name ("United States" where the text says "US"):
        # it must occur only when no alias does
        if not found[0] and not any(found[1:]) and entity.id in used:  # (unused: said below)
            what = "neither the name nor any alias occurs" if entity.aliases else "never occurs"
            warn(("entities", i, "name"), f"{quoted(entity.name)}: {what} in the text")
        for j, name in enumerate(entity.names[1:], 1):
            if not found[j] and any(found):  # (none at all: one finding says so)
                warn(("entities", i, "aliases", entity.aliases.index(name)), f"{quoted(name)} never occurs in the text")
        if entity.id not in used:
            warn(
                ("entities", i),
                "never mentioned, quoted or referred to: no name of it occurs in the text, "
                "and no quote, claim or via names it",
                key=True,
            )

    covered: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for anchor in article.anchors.values():
        covered.setdefault((anchor.section, anchor.paragraph), []).append((anchor.start, anchor.end))
    for s, section in enumerate(doc.sections):
        for p, paragraph in enumerate(section.paragraphs):
            spans = covered.get((section.id, p), [])
            for start, end in quoted_spans(paragraph):
                words = paragraph[start:end]
                if len(words.split()) < MIN_WORDS or any(a < end and start < b for a, b in spans):
                    continue
                _warn_in_string(
                    report,
                    ("sections", s, "paragraphs", p),
                    words,
                    f"section {quoted(section.id)} paragraph {p + 1}: {quoted(words, limit=80)} "
                    "is in quotation marks, but no quote covers it (add a [[quotes]] entry)",
                    paragraph[max(0, start - 1) : start],
                )

    for i, claim in enumerate(doc.claims):
        if not claim.quotes:
            warn(("claims", i, "text"), "no evidence quote: add quotes = [\"…\"] with the quote that carries it")
    return report.finish()


def _warn_in_string(report: Reporter, path: tuple[object, ...], words: str, message: str, mark: str = "") -> None:
    """Point at ``words`` inside the string at ``path`` when they are written as
    is there (no escapes), else at the string."""
    span = report.map.locate(path)
    lines = report.text.split("\n")
    offset = sum(len(line) + 1 for line in lines[: span.line - 1]) + span.col - 1
    head = words[:40]
    found = report.text.find(mark + head, offset) if mark else -1  # with its opening mark: the right occurrence
    found = found + len(mark) if found >= 0 else report.text.find(head, offset)
    if found >= 0 and report.text.count("\n", offset, found) <= 2:
        span = report.map.span_at(found, found + len(words))
    report.at_span(span, message, "warning")
