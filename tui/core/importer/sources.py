"""Reading a news article into paragraphs: plain text, Markdown and HTML.

Each reader returns a :class:`Source`: the title, the sections (a heading, or
none, and the paragraphs under it) and whatever metadata the source gives.
Text is kept exactly as written, except that line breaks inside a paragraph
become single spaces (hard-wrapped text is common) and Markdown inline markup
is dropped. Characters an article may not hold (terminal controls) are
refused with their line and column, never silently removed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from typing import Any

from ..text import FORBIDDEN, codepoint

#: Kinds of source ``quoth import --from`` accepts.
KINDS = ("text", "markdown", "html")


class SourceError(ValueError):
    """The source cannot be imported; the message says why and where."""


@dataclass(frozen=True)
class SourceSection:
    """A heading (None when the source has none) and the paragraphs under it."""

    title: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """An article as read from its source, before any analysis."""

    title: str
    sections: tuple[SourceSection, ...]
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    byline: tuple[str, ...] = ()
    license: str | None = None
    attribution: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def with_meta(self, **meta: str | None) -> Source:
        """A copy with the given metadata set (None leaves a value as it is)."""
        changes: dict[str, Any] = {k: v for k, v in meta.items() if v is not None}
        return replace(self, **changes)


_SPACE = re.compile(r"\s+")


def _clean(text: str) -> str:
    """Normalise line ends and refuse control characters, with their place."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    bad = FORBIDDEN.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise SourceError(
            f"line {line}, column {col}: {codepoint(bad.group())} is a control character, "
            "which an article cannot hold; remove it from the source and import again"
        )
    return text


def _one_line(lines: list[str]) -> str:
    """A paragraph's lines joined by single spaces (each line stripped)."""
    return " ".join(part for part in (ln.strip() for ln in lines) if part)


def _blank(lines: list[str]) -> int:
    """Blank lines between the first and the last line with text."""
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    return sum(1 for ln in lines[filled[0] : filled[-1]] if not ln.strip()) if filled else 0


def _titled(title: str, what: str) -> str:
    title = _SPACE.sub(" ", title).strip()
    if not title:
        raise SourceError(f"{what} has no title: {_TITLE_HINT}")
    return title


_TITLE_HINT = "the first line of a plain text file is the headline"


def from_text(text: str) -> Source:
    """Plain text: the headline on the first line, paragraphs split on blank lines."""
    lines = _clean(text).split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise SourceError("the source is empty: " + _TITLE_HINT)
    title = _titled(lines.pop(0), "the source")
    paragraphs: list[str] = []
    block: list[str] = []
    filled = [ln for ln in lines if ln.strip()]
    if len(filled) > 1 and _blank(lines) == 0 and sum(map(len, filled)) / len(filled) > 100:
        # no blank lines but long lines: one paragraph per line (text copied from a web page)
        return Source(title, (SourceSection(None, tuple(ln.strip() for ln in filled)),))
    for line in [*lines, ""]:
        if line.strip():
            block.append(line)
        elif block:
            paragraphs.append(_one_line(block))
            block = []
    return Source(title, (SourceSection(None, tuple(paragraphs)),))


_FRONT_KEYS = {
    "title": "title", "date": "published", "published": "published", "url": "url", "link": "url",
    "source": "outlet", "outlet": "outlet", "publisher": "outlet", "lang": "language", "language": "language",
    "license": "license", "licence": "license", "author": "byline", "authors": "byline",
}


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple ``key: value`` front matter between ``---`` lines (Jekyll, Hugo), and the rest."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 3)
    if end < 0:
        return {}, text
    meta: dict[str, str] = {}
    for line in text[4:end].split("\n"):
        key, sep, value = line.partition(":")
        field_name = _FRONT_KEYS.get(key.strip().lower())
        value = value.strip().strip("\"'")
        if sep and field_name and value and field_name not in meta:
            meta[field_name] = value
    return meta, text[end + 5 :]


def from_markdown(text: str) -> Source:
    """Markdown: the first level-1 heading is the headline, other headings start sections.
    Front matter (``title:``, ``date:``, ``author:``, ``url:``…) fills the metadata."""
    from markdown_it import MarkdownIt

    meta, text = _front_matter(_clean(text))
    tokens = MarkdownIt("commonmark").parse(text)
    title: str | None = None
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    heading = False
    level = ""
    for token in tokens:
        if token.type == "heading_open":
            heading = True
            level = token.tag
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline":
            words = _inline_text(token)
            if heading:
                if title is None and level == "h1" and not any(p for _, p in sections):
                    title = words
                elif words.strip():
                    sections.append((words, []))
            elif words.strip():
                sections[-1][1].append(words)
    if title is None and meta.get("title"):
        title = meta["title"]
    if title is None:  # no level-1 heading first: the first line of text is the headline
        first = next((p for _, ps in sections for p in ps), None)
        if first is None:
            raise SourceError("the Markdown source has no heading and no text: start it with '# Headline'")
        for _, ps in sections:
            if ps:
                ps.pop(0)
                break
        title = first
    kept = [SourceSection(t, tuple(ps)) for t, ps in sections if t is not None or ps]
    byline = tuple(a.strip() for a in meta.pop("byline", "").split(",") if a.strip())
    source = Source(_titled(title, "the Markdown source"), tuple(kept) or (SourceSection(None, ()),), byline=byline)
    return source.with_meta(**meta)


def _inline_text(token: object) -> str:
    """The plain text of an inline Markdown token: markup dropped, breaks as spaces."""
    parts: list[str] = []
    for child in getattr(token, "children", None) or ():
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "image":
            parts.append(_inline_text(child))
    return _SPACE.sub(" ", "".join(parts)).strip()


HTML_MISSING = (
    "reading HTML needs trafilatura, which is not installed; "
    "install it with: pip install 'quoth[html]'  (or import the text with --from text)"
)


def from_html(html: str, url: str | None = None) -> Source:
    """A saved web page, through trafilatura: title, author, date, site, URL and main text."""
    try:
        import trafilatura
    except ImportError as exc:
        raise SourceError(HTML_MISSING) from exc
    html = _clean(html)
    xml = trafilatura.extract(
        html,
        url=url,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if not xml:
        raise SourceError("trafilatura found no article text in the HTML page")
    return _from_trafilatura_xml(xml)


def _from_trafilatura_xml(xml: str) -> Source:
    root = ET.fromstring(xml)
    main = root.find("main")
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    for element in main.iter() if main is not None else ():
        if element is main:
            continue
        words = _SPACE.sub(" ", "".join(element.itertext())).strip()
        if not words or element.tag not in ("head", "p", "item", "quote"):
            continue
        if element.tag == "head":
            sections.append((words, []))
        elif element.tag != "quote" or not list(element):  # a <quote> of <p>s: its <p>s count
            sections[-1][1].append(words)
    meta = root.attrib
    title = meta.get("title") or next((p for _, ps in sections for p in ps), "")
    if len(sections) > 1 and sections[1][0] == _SPACE.sub(" ", title).strip() and not sections[0][1]:
        sections[1] = (None, sections[1][1])  # the headline again, as the first heading
    kept = [SourceSection(t, tuple(ps)) for t, ps in sections if t is not None or ps]
    author = meta.get("author")
    return Source(
        _titled(_clean(title), "the HTML page"),
        tuple(kept) or (SourceSection(None, ()),),
        url=meta.get("url") or None,
        outlet=meta.get("sitename") or None,
        published=meta.get("date") or None,
        language=meta.get("language") or None,
        byline=tuple(a.strip() for a in author.split(";") if a.strip()) if author else (),
        license=meta.get("license") or None,
    )


def read(text: str, kind: str, url: str | None = None) -> Source:
    """Read a source of one of :data:`KINDS`."""
    if kind == "text":
        source = from_text(text)
    elif kind == "markdown":
        source = from_markdown(text)
    elif kind == "html":
        source = from_html(text, url)
    else:
        raise SourceError(f"unknown source kind {kind!r} (use one of: {', '.join(KINDS)})")
    _refuse_controls(source)
    return source


def _refuse_controls(source: Source) -> None:
    """Text decoded by a parser (an HTML character reference, a Markdown entity)
    may still hold a control character: refuse it with where it is."""
    texts = [("the title", source.title)]
    for k, section in enumerate(source.sections):
        texts.append((f"the heading of section {k + 1}", section.title or ""))
        texts += [(f"paragraph {n + 1} of section {k + 1}", p) for n, p in enumerate(section.paragraphs)]
    for where, text in texts:
        bad = FORBIDDEN.search(text)
        if bad is not None:
            raise SourceError(
                f"{where} holds {codepoint(bad.group())}, a control character an article cannot hold "
                "(written as a character reference in the source?); remove it and import again"
            )


def guess_kind(name: str, text: str) -> str:
    """The kind of a source from its file name, else from a look at its text."""
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".md", ".markdown")):
        return "markdown"
    if lower.endswith(".txt"):
        return "text"
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    return "text"
