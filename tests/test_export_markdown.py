"""The Markdown export read back by a real parser (markdown-it-py, in
CommonMark and GFM modes): every paragraph of the article comes back as
exactly one paragraph whose text equals the source, nothing turns into a
list, code, heading, HTML, entity or live link, and URLs stay inert."""

from __future__ import annotations

import dataclasses

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from tui.core.article import Article
from tui.core.export import to_markdown
from tui.core.export.markdown import md_escape, md_url
from tui.core.library import load_library

from .conftest import FIXTURES, SEED
from .test_hostile import HOSTILE

MD_HOSTILE = FIXTURES / "markdown-hostile.toml"
PARSERS = {
    # the flavour we write -> how a renderer of that flavour reads it
    "commonmark": lambda: MarkdownIt("commonmark"),
    "gfm": lambda: MarkdownIt("gfm-like").use(footnote_plugin),
}
ARTICLES = [SEED, FIXTURES / "full.toml", HOSTILE, MD_HOSTILE]


def article(path) -> Article:
    lib = load_library([path])
    assert not lib.errors, [e.format() for e in lib.errors]
    return lib.articles[0]


def _inline_text(inline) -> str:
    """The text a reader sees, without our note marks; fails on anything live."""
    out: list[str] = []
    in_note_link = False
    for tok in inline.children:
        if tok.type == "link_open":
            assert tok.attrs.get("href") == "#notes", f"a live link: {tok.attrs}"
            in_note_link = True
        elif tok.type == "link_close":
            in_note_link = False
        elif in_note_link or tok.type in ("footnote_ref", "strong_open", "strong_close", "em_open", "em_close"):
            continue
        elif tok.type == "text":
            out.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            out.append("\n")
        else:
            raise AssertionError(f"unexpected {tok.type} in {inline.content!r}")
    return "".join(out)


def _note_number(text: str, qid: str, a: Article) -> int:
    """The endnote number of a quote: its place among the notes, in reading order."""
    order = sorted(a.doc.quotes, key=lambda q: (q.section, a.anchors[q.id].paragraph, a.anchors[q.id].start))
    return [q.id for q in order].index(qid) + 1


def _sections(tokens):
    """Section title -> the top-level blocks under its '## N. ' heading."""
    blocks: dict[str, list] = {}
    current = None
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            title = _inline_text(tokens[i + 1])
            current = title if tok.tag == "h2" else None
            if current is not None:
                blocks[current] = []
            i += 3
            continue
        if current is not None and tok.level == 0 and not tok.type.endswith("_close"):
            blocks[current].append((tok, tokens[i + 1] if tok.type == "paragraph_open" else None))
        i += 1
    return blocks


@pytest.mark.parametrize("flavor", list(PARSERS))
@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_every_paragraph_comes_back_as_one_paragraph_with_its_text(path, flavor):
    a = article(path)
    tokens = PARSERS[flavor]().parse(to_markdown([a], flavor))
    sections = _sections(tokens)
    for n, section in enumerate(a.doc.sections, 1):
        key = next(k for k in sections if k.startswith(f"{n}. "))
        assert key == f"{n}. {section.title}"  # the title is literal too
        blocks = sections[key]
        expected = [p for p in section.paragraphs if p]  # an empty paragraph leaves no trace
        assert [b.type for b, _ in blocks] == ["paragraph_open"] * len(expected), key
        for (_, inline), source in zip(blocks, expected, strict=True):
            assert _inline_text(inline) == source


@pytest.mark.parametrize("flavor", list(PARSERS))
def test_quotes_are_emphasised_with_their_note_after_the_closing_quotation_mark(flavor):
    a = article(MD_HOSTILE)
    text = to_markdown([a], flavor)

    def mark(qid: str) -> str:
        return f"[^{qid}]" if flavor == "gfm" else r"[\[" + str(_note_number(text, qid, a)) + r"\]](#notes)"

    assert '"**the plan is sound.**"' + mark("sound") in text
    assert "“**it is good**”." + mark("good") in text
    assert "(**quietly**)." + mark("quietly") in text
    html = PARSERS[flavor]().render(text)
    assert "<em>it works</em>" in html and "<strong>Four spaces</strong>" in html
    assert "<em>**and** *stars*</em>" in html


@pytest.mark.parametrize("flavor", list(PARSERS))
def test_header_claims_sources_and_notes_stay_literal(flavor):
    a = article(MD_HOSTILE)
    md = PARSERS[flavor]()
    html = md.render(to_markdown([a], flavor))
    assert "<h1># Not a heading ## and &lt;b&gt;no&lt;/b&gt; &amp;amp; html ###</h1>" in html
    assert "<script>" not in html and "<div>" not in html and "<b>" not in html
    assert "href=\"javascript" not in html
    assert "[Mayor](javascript:alert(1))" in html  # the role, shown as text


def test_gfm_has_footnotes_and_a_table_commonmark_has_endnotes_and_lists():
    a = article(SEED)
    gfm = to_markdown([a], "gfm")
    cm = to_markdown([a], "commonmark")
    assert "[^everything-on-the-table]" in gfm and "| Claim |" in gfm
    assert "[^" not in cm and "| Claim |" not in cm and "## Notes" in cm
    html = MarkdownIt("commonmark").render(cm)
    assert "[^" not in html and "<ol>" in html
    assert html.count('href="#notes"') == gfm.count("[^") - len(a.doc.quotes)  # every mark, once each


def test_escape_neutralises_block_starts_and_keeps_the_text():
    md = MarkdownIt("commonmark")
    for text in ["2) x", "10. x", "    code", "\tx", "&amp;", "# h", "- x", "> q", "| a |", "x\ny", " a ", "<b>", "`c`"]:
        (p_open, inline, _close) = md.parse(md_escape(text))
        assert p_open.type == "paragraph_open" and _inline_text(inline) == text, text


@pytest.mark.parametrize(
    ("url", "live"),
    [
        ("https://example.org/a b", True),
        ("x><script>alert(1)</script>", False),
        ("javascript:alert(1)", False),
        ("https://example.org/x><script>alert(1)</script>", True),
        ("ftp://example.org/file", False),
    ],
)
def test_urls_are_links_only_when_http_and_cannot_break_out(url, live):
    html = MarkdownIt("gfm-like").render(md_url(url))
    assert "<script>" not in html
    assert ("<a href=" in html) == live
    if not live:
        assert "href" not in html


def test_hostile_urls_in_article_and_sources_stay_inert_in_every_export():
    from tui.core.export import FORMATS, export

    a = article(FIXTURES / "full.toml")
    bad = "x><script>alert(1)</script>"
    meta = a.doc.article.model_copy(update={"url": bad})
    sources = tuple(s.model_copy(update={"url": "javascript:alert(1)"}) for s in a.doc.sources)
    doc = a.doc.model_copy(update={"article": meta, "sources": sources})
    hostile = dataclasses.replace(a, doc=doc) if dataclasses.is_dataclass(a) else Article(a.file, doc, a.anchors)
    for name in FORMATS:
        text = export([hostile], name)
        if name == "json":
            continue  # the file as written: data, for programs
        html = MarkdownIt("gfm-like").render(text) if name == "markdown" else text
        assert "<script>" not in html, name
        assert "javascript:" not in html or name == "markdown", name
        if name == "markdown":
            assert 'href="javascript' not in html
