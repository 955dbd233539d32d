"""The Markdown export, in two flavours: GitHub-flavoured (footnotes and a
claims table, the default) and plain CommonMark (endnotes and lists).

Article text stays literal: every character that could start a block (a
heading, a list such as ``2) ``, a quote, a code block from leading spaces),
open an inline construct (emphasis, links, code, raw HTML, ``&amp;``-style
entities) or become a live link (``https://…``, ``www.``, e-mail) is escaped,
and newlines and edge whitespace are written as character references. URLs
are links only when they are absolute http(s) URLs (see ``iri.safe_url``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ..article import Article
from ..index import ArticleIndex
from ..model import Quote
from .iri import safe_url

FLAVORS = ("gfm", "commonmark")

_INLINE = re.compile(r"([\\`*_{}\[\]<>|~&#@])")
_SCHEME = re.compile(r"(?<=[A-Za-z0-9+.-]):(?=//)")
_WWW = re.compile(r"(?i)(?<![A-Za-z0-9])(www)\.")
_LIST_START = re.compile(r"^([0-9]{1,9})([.)])")
_CLOSERS = "”\"’'»›)]"  # a footnote mark goes after the article's own closing quotation marks…
_TRAIL = ".,;:!?"  # …and after the punctuation that ends the sentence


def _ref(ch: str) -> str:
    return f"&#{ord(ch)};"


def md_escape(text: str, *, start: bool = True, end: bool = True) -> str:
    """Article text as literal Markdown on one line.

    ``start``/``end`` say whether the text begins/ends a line (a paragraph, a
    heading): there block syntax and edge whitespace are neutralised too.
    """
    out = _INLINE.sub(r"\\\1", text)
    out = _SCHEME.sub(r"\\:", out)
    out = _WWW.sub(r"\1\\.", out)
    out = out.replace("\r", _ref("\r")).replace("\n", _ref("\n"))
    if start:
        stripped = out.lstrip()
        lead = out[: len(out) - len(stripped)]
        if stripped[:1] in ("+", "-", "=", ">"):
            stripped = "\\" + stripped
        stripped = _LIST_START.sub(r"\1\\\2", stripped)
        out = "".join(map(_ref, lead)) + stripped
    if end:
        stripped = out.rstrip()
        out = stripped + "".join(map(_ref, out[len(stripped) :]))
    return out


def md_url(url: str | None) -> str:
    """A link for an absolute http(s) URL; anything else as inert text."""
    safe = safe_url(url)
    if safe:
        return f"<{safe}>"
    return md_escape(url or "")


# -- emphasis that cannot misfire --------------------------------------------


def _kind(ch: str) -> str:
    """'space', 'punct' or 'other', as CommonMark's flanking rules see a character."""
    if not ch or ch.isspace() or unicodedata.category(ch) == "Zs":
        return "space"
    if unicodedata.category(ch)[0] in "PS":
        return "punct"
    return "other"


def _can_wrap(before: str, inner: str, after: str) -> bool:
    """Whether ``*`` runs around ``inner`` (already escaped) open and close emphasis."""
    if not inner:
        return False
    b, first, last, a = _kind(before[-1:]), _kind(inner[0]), _kind(inner[-1]), _kind(after[:1])
    opens = first != "space" and (first != "punct" or b in ("space", "punct"))
    closes = last != "space" and (last != "punct" or a in ("space", "punct"))
    return opens and closes


class _Notes:
    """Footnote (GFM) or endnote (CommonMark) marks, and their definitions."""

    def __init__(self, flavor: str) -> None:
        self.flavor = flavor
        self.numbers: dict[str, int] = {}

    def mark(self, qid: str) -> str:
        if self.flavor == "gfm":
            return f"[^{qid}]"
        n = self.numbers.setdefault(qid, len(self.numbers) + 1)
        return f"[\\[{n}\\]](#notes)"


def _marked_paragraph(article: Article, section_id: str, number: int, paragraph: str, notes: _Notes) -> str:
    """The paragraph with each quote in bold (direct) or italics (reported),
    each followed by its note mark (after the article's closing quotation marks)."""
    quotes = sorted(
        (
            (article.anchors[q.id].start, article.anchors[q.id].end, q)
            for q in article.doc.quotes
            if q.section == section_id and article.anchors[q.id].paragraph == number
        ),
        key=lambda t: (t[0], -t[1]),
    )
    groups: list[tuple[int, int, Quote, list[str]]] = []  # outer quotes, with the ids nested in them
    for start, end, quote in quotes:
        if groups and start < groups[-1][1]:
            groups[-1][3].append(quote.id)
        else:
            groups.append((start, end, quote, [quote.id]))
    out: list[str] = []
    pos = 0
    for i, (start, end, quote, ids) in enumerate(groups):
        limit = groups[i + 1][0] if i + 1 < len(groups) else len(paragraph)
        ref = end
        while ref < limit and paragraph[ref] in _CLOSERS + _TRAIL:  # “perfect dealmaker,” then the mark
            ref += 1
        if ref > end and ref < len(paragraph) and not paragraph[ref].isspace() and paragraph[ref] not in _CLOSERS:
            ref = end  # mid-word punctuation (“U.S.”): keep the mark at the quote
        before = md_escape(paragraph[pos:start], start=pos == 0, end=False)
        inner = md_escape(paragraph[start:end], start=start == 0 and not before, end=False)
        trailing = md_escape(paragraph[end:ref], start=False, end=False)
        marker = "**" if quote.kind == "direct" else "*"
        previous = "".join(out) + before  # empty at the start of the line
        if _can_wrap(previous[-1:], inner, trailing or "["):  # a note mark follows: it starts with "["
            inner = marker + inner + marker
        out += [before, inner, trailing, "".join(notes.mark(q) for q in ids)]
        pos = ref
    out.append(md_escape(paragraph[pos:], start=pos == 0, end=True))
    return "".join(out)


# -- the document ------------------------------------------------------------


def _header(article: Article) -> list[str]:
    meta = article.meta
    lines = [f"# {md_escape(meta.title)}", ""]
    facts = [x for x in (meta.outlet, meta.published.isoformat() if meta.published else None) if x]
    if meta.byline:
        facts.append("By " + ", ".join(meta.byline))
    if facts:
        lines += [md_escape(" · ".join(facts)), ""]
    if meta.url:
        lines += [md_url(meta.url), ""]
    if meta.license or meta.attribution:  # the credit an open licence asks for travels with the text
        credit = " · ".join(x for x in (meta.attribution, f"Licence: {meta.license}" if meta.license else None) if x)
        lines += [md_escape(credit), ""]
    if meta.tags:
        lines += [" ".join(f"`{' '.join(t.replace('`', '').split())}`" for t in meta.tags if t.strip("` ")), ""]
    if meta.summary:
        lines += [f"> {md_escape(meta.summary)}", ""]
    return lines


def _claims(article: Article, notes: _Notes) -> list[str]:
    if not article.doc.claims:
        return []
    index = ArticleIndex(article)
    lines = ["## Claims", ""]
    if notes.flavor == "gfm":
        lines += ["| Claim | Speaker | Kind | Evidence | Relations |", "| --- | --- | --- | --- | --- |"]
    for claim in article.doc.claims:
        evidence = ", ".join(notes.mark(q) for q in claim.quotes) or "—"
        relations = "; ".join(
            f"{link.label} “{md_escape(article.claims[link.other].text, start=False, end=False)}”"
            for link in index.relations_of(claim.id)
        ) or "—"
        speaker = md_escape(article.entities[claim.speaker].name, start=False)
        text = md_escape(claim.text, start=notes.flavor == "gfm")
        if notes.flavor == "gfm":
            lines.append(f"| {text} | {speaker} | {claim.kind} | {evidence} | {relations} |")
        else:
            lines.append(f"- {text} — {speaker}, {claim.kind}; evidence: {evidence}; relations: {relations}")
    return lines + [""]


def _sources(article: Article) -> list[str]:
    lines = ["## Sources", ""]
    if not article.sources:
        return lines + ["No related sources listed.", ""]
    for source in article.sources:
        bits = [md_escape(source.title, start=False)]
        if source.publisher:
            bits.append(md_escape(source.publisher, start=False))
        if source.published:
            bits.append(source.published.isoformat())
        entry = "- " + ", ".join(bits)
        if source.url:
            entry += " " + md_url(source.url)
        lines.append(entry)
    return lines + [""]


def _note_text(article: Article, quote: Quote) -> str:
    speaker = article.entities[quote.speaker]
    who = md_escape(speaker.name + (f" ({speaker.role})" if speaker.role else ""), start=False)
    kind = "direct quote" if quote.kind == "direct" else "reported speech"
    extra = f", “{md_escape(quote.cue, start=False, end=False)}”" if quote.cue else ""
    note = f" {md_escape(quote.note, start=False)}" if quote.note else ""
    return f"{who}, {kind}{extra}.{note}"


def article_markdown(article: Article, flavor: str = "gfm") -> str:
    notes = _Notes(flavor)
    lines = _header(article)
    kind = "footnotes" if flavor == "gfm" else "numbered notes"
    lines += [f"**Bold** marks direct quotes, *italics* reported speech; {kind} name the speaker.", ""]
    for n, section in enumerate(article.doc.sections, 1):
        lines += [f"## {n}. {md_escape(section.title, start=False)}" if section.title else f"## §{n}", ""]
        for p, paragraph in enumerate(section.paragraphs):
            lines += [_marked_paragraph(article, section.id, p, paragraph, notes), ""]
    lines += _claims(article, notes)
    lines += _sources(article)
    if flavor == "gfm" and article.doc.quotes:
        lines += [f"[^{q.id}]: {_note_text(article, q)}" for q in article.doc.quotes] + [""]
    elif notes.numbers:
        lines += ["## Notes", ""]
        by_id = {q.id: q for q in article.doc.quotes}
        lines += [f"{n}. {_note_text(article, by_id[qid])}" for qid, n in notes.numbers.items()] + [""]
    return "\n".join(lines)


def to_markdown(articles: Sequence[Article], flavor: str = "gfm") -> str:
    if flavor not in FLAVORS:
        raise ValueError(f"unknown Markdown flavor {flavor!r} (use {' or '.join(FLAVORS)})")
    return "\n---\n\n".join(article_markdown(a, flavor) for a in articles)
