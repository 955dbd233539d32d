"""Citations of a quote or a claim, in Chicago notes style for news, and as
CSL-JSON and BibTeX for reference managers (Zotero, pandoc, LaTeX).

Text and Markdown follow the Chicago Manual of Style's note form for a source
quoted in a news article: the speaker and role, "quoted in" the byline's
“Headline,” *Outlet*, Month Day, Year, URL. Reported speech is a paraphrase,
so it never stands in quotation marks. Absent fields are left out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

from ..article import Article
from ..model import Claim, Quote
from ..placing import quotation
from .iri import article_url
from .markdown import md_escape, md_url

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def long_date(value: dt.date) -> str:
    """``February 13, 2025`` (a date-time gives its date)."""
    return f"{MONTHS[value.month - 1]} {value.day}, {value.year}"


def join_names(names: tuple[str, ...] | list[str]) -> str:
    """``A``, ``A and B``, ``A, B, and C`` (Chicago's serial comma)."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _who(article: Article, entity_id: str) -> str:
    entity = article.entities[entity_id]
    return f"{entity.name}, {entity.role}" if entity.role else entity.name


class _Style:
    """How one output writes the few things that differ: text or Markdown."""

    def __init__(self, markdown: bool) -> None:
        self.markdown = markdown

    def text(self, value: str) -> str:
        return md_escape(value) if self.markdown else value

    def italic(self, value: str) -> str:
        return f"*{md_escape(value)}*" if self.markdown else value

    def url(self, value: str) -> str:
        return md_url(value) if self.markdown else value


def _source(article: Article, style: _Style) -> str:
    """The byline's “Headline,” Outlet, Month Day, Year, URL — then a period."""
    meta = article.meta
    after = [style.italic(meta.outlet)] if meta.outlet else []
    if meta.published:
        after.append(long_date(meta.published))
    url = article_url(article)
    if url:
        after.append(style.url(url))
    title = style.text(meta.title)
    byline = style.text(join_names(meta.byline)) + ", " if meta.byline else ""
    # American punctuation: the comma or the final period goes inside the quotation marks.
    if not after:
        return f"{byline}“{title}.”"
    return f"{byline}“{title},” " + ", ".join(after) + "."


def _quote_note(article: Article, quote: Quote, style: _Style) -> str:
    who = style.text(_who(article, quote.speaker))
    if quote.via is not None and quote.via in article.entities:  # who relayed the words
        who += ", via " + style.text(article.entities[quote.via].name)
    # the parts of one quotation (``continues``) are cited whole, joined by an ellipsis
    words = " … ".join(style.text(part.text) for part in quotation(article.quotes, quote.id))
    if quote.kind == "indirect":  # a paraphrase: the reporter's words, not the speaker's
        return f"{words} (paraphrase) — {who}, reported in {_source(article, style)}"
    return f"“{words}” — {who}, quoted in {_source(article, style)}"


def _claim_note(article: Article, claim: Claim, style: _Style) -> str:
    who = style.text(_who(article, claim.speaker))
    lines = [f"{style.text(claim.text)} ({claim.kind}) — {who}, in {_source(article, style)}"]
    for qid in claim.quotes:
        quote = article.quotes[qid]
        speaker = style.text(article.entities[quote.speaker].name)
        if quote.kind == "indirect":
            lines.append(f"  Evidence (paraphrase): {style.text(quote.text)} — {speaker}")
        else:
            lines.append(f"  Evidence: “{style.text(quote.text)}” — {speaker}")
    return ("  \n" if style.markdown else "\n").join(lines)


def cite_quote(article: Article, quote: Quote) -> str:
    return _quote_note(article, quote, _Style(markdown=False))


def cite_claim(article: Article, claim: Claim) -> str:
    """The claim, its speaker and the quotes that carry it."""
    return _claim_note(article, claim, _Style(markdown=False))


def resolve(article: Article, ref: str) -> Quote | Claim | None:
    """The quote (preferred) or claim an id names; ``claim:ID`` or ``quote:ID``
    picks one when a quote and a claim share an id (``quoth search`` prints
    the prefix then)."""
    kind, colon, item_id = ref.partition(":")
    if not colon:
        return article.quotes.get(ref) or article.claims.get(ref)
    if kind == "quote":
        return article.quotes.get(item_id)
    if kind == "claim":
        return article.claims.get(item_id)
    return None


def _note(article: Article, item: Quote | Claim, style: _Style) -> str:
    if isinstance(item, Quote):
        return _quote_note(article, item, style)
    return _claim_note(article, item, style)


# -- CSL-JSON and BibTeX ---------------------------------------------------


def _paraphrase_or_quote(article: Article, item: Quote | Claim) -> str:
    who = _who(article, item.speaker)
    if isinstance(item, Claim):
        return f"Claim by {who} ({item.kind}): {item.text}"
    if item.kind == "indirect":
        return f"Paraphrase of {who}: {item.text}"
    return f"Quoting {who}: “{item.text}”"


def _key(item: Quote | Claim) -> str:
    return item.id if isinstance(item, Quote) else f"claim:{item.id}"


def csl_item(article: Article, item: Quote | Claim) -> dict[str, Any]:
    """One CSL-JSON item: the article (type ``article-newspaper``), with the
    quote, paraphrase or claim in ``note``."""
    meta = article.meta
    data: dict[str, Any] = {"id": f"{article.id}/{_key(item)}", "type": "article-newspaper", "title": meta.title}
    if meta.byline:
        data["author"] = [{"literal": name} for name in meta.byline]
    if meta.outlet:
        data["container-title"] = meta.outlet
    if meta.published:
        p = meta.published
        data["issued"] = {"date-parts": [[p.year, p.month, p.day]]}
    url = article_url(article)
    if url:
        data["URL"] = url
    data["language"] = meta.language
    data["note"] = _paraphrase_or_quote(article, item)
    return data


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%",
    "#": r"\#", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
}
_BIBTEX_RE = re.compile("|".join(re.escape(c) for c in _BIBTEX_SPECIAL))


def bibtex_escape(text: str) -> str:
    """Article text as literal BibTeX/LaTeX: braces and specials escaped, one line."""
    return _BIBTEX_RE.sub(lambda m: _BIBTEX_SPECIAL[m.group()], " ".join(text.split()))


def bibtex_entry(article: Article, item: Quote | Claim) -> str:
    """A biblatex ``@article`` entry (``entrysubtype = {newspaper}``)."""
    meta = article.meta
    fields: list[tuple[str, str]] = [("title", bibtex_escape(meta.title))]
    if meta.byline:
        fields.append(("author", " and ".join("{" + bibtex_escape(n) + "}" for n in meta.byline)))
    if meta.outlet:
        fields.append(("journaltitle", bibtex_escape(meta.outlet)))
    fields.append(("entrysubtype", "newspaper"))
    if meta.published:
        fields.append(("date", meta.published.isoformat()[:10]))
    url = article_url(article)
    if url:
        fields.append(("url", url))
    fields.append(("note", bibtex_escape(_paraphrase_or_quote(article, item))))
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields)
    return f"@article{{{article.id}:{_key(item)},\n{body}\n}}"


# -- the formats -----------------------------------------------------------

#: The citation formats, by name: the CLI's ``--format`` choices come from here.
CITE_FORMATS: dict[str, Callable[[Article, Quote | Claim], str]] = {
    "text": lambda article, item: _note(article, item, _Style(markdown=False)),
    "markdown": lambda article, item: _note(article, item, _Style(markdown=True)),
    "csl-json": lambda article, item: json.dumps([csl_item(article, item)], ensure_ascii=False, indent=2),
    "bibtex": bibtex_entry,
}


def cite(article: Article, item_id: str, fmt: str = "text") -> str | None:
    """Citation of a quote (preferred) or claim by id (or ``claim:ID``,
    ``quote:ID``); None if there is none."""
    item = resolve(article, item_id)
    return None if item is None else CITE_FORMATS[fmt](article, item)
