"""Placing quotes: what the format lets an author leave out or link.

- :func:`fill_quote_sections` gives a quote written without ``section`` the
  one section its text occurs in, or reports the sections it occurs in, or
  that it occurs in none.
- :func:`check_links` checks ``continues`` (parts of one quotation) and
  ``via`` (who relayed the words), and says when a text that was not found
  runs across a paragraph break, pointing at the break.

The anchoring itself stays in :mod:`.checks`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .article import Anchor
from .checks import Parts, did_you_mean
from .diagnostics import Reporter
from .model import Quote, Section
from .punct import find_folded, fold_map, fold_punct
from .text import quoted


def _fits(paragraph: str, quote: Quote) -> bool:
    text, prefix, suffix = quote.text, quote.prefix, quote.suffix
    start = paragraph.find(text)
    while start >= 0:
        if (prefix is None or paragraph[:start].endswith(prefix)) and (
            suffix is None or paragraph[start + len(text) :].startswith(suffix)
        ):
            return True
        start = paragraph.find(text, start + 1)
    return False


def fill_quote_sections(parts: Parts, report: Reporter) -> None:
    """Give every quote written without ``section`` the one section its text
    occurs in (in ``parts``, in place); report the quotes that occur in several
    sections or in none, and leave those without a section."""
    if all(q.section for _, q in parts.quotes):
        return
    sections = [s for _, s in parts.sections]
    for k, (i, quote) in enumerate(parts.quotes):
        if quote.section:
            continue
        where = [s.id for s in sections if any(_fits(p, quote) for p in s.paragraphs)]
        if not where:  # typed punctuation, or across a break: place it, so that the anchoring error says what differs
            where = [s.id for s in sections if any(find_folded(p, quote.text) for p in s.paragraphs)]
            where = where or [s.id for s in sections if _across(s.paragraphs, quote.text) is not None]
        if len(where) == 1:
            parts.quotes[k] = (i, quote.model_copy(update={"section": where[0]}))
        elif where:
            listed = ", ".join(quoted(s) for s in where[:8]) + (", …" if len(where) > 8 else "")
            report.at(
                ("quotes", i, "text"),
                f"text occurs in {len(where)} sections ({listed}); add section = \"…\" to choose one",
            )
        else:
            report.at(
                ("quotes", i, "text"),
                "text not found verbatim in any section; add section = \"…\" to see the closest passage",
            )


def _across(paragraphs: Sequence[str], text: str) -> tuple[int, int] | None:
    """``(p, cut)`` when ``text`` runs from paragraph ``p`` into the next one,
    ``cut`` characters of it lying in paragraph ``p``; else None. White space
    and typographic punctuation are folded, as a copy and paste would blur them."""
    needle = fold_punct(text).strip()
    if not needle or len(paragraphs) < 2:
        return None
    folded_paras = [fold_map(p) for p in paragraphs]
    for p in range(len(paragraphs) - 1):
        head = folded_paras[p][0].rstrip()
        tail = folded_paras[p + 1][0].lstrip()
        joined = head + " " + tail
        start = joined.find(needle, max(0, len(head) - len(needle)))
        while 0 <= start < len(head):
            if start + len(needle) > len(head) + 1:
                return p, len(head) - start
            start = joined.find(needle, start + 1)
    return None


def _runs_across(section: Section, quote: Quote, path: tuple[object, ...], report: Reporter) -> None:
    found = _across(section.paragraphs, quote.text)
    if found is None:
        return
    p, cut = found
    before = fold_punct(quote.text).strip()[:cut].rstrip()
    report.at(
        path + ("text",),
        f"text runs across paragraphs {p + 1} and {p + 2} of section {quoted(section.id)}: "
        f"paragraph {p + 1} ends after {quoted(before[-40:])}. A quote lies within one paragraph: "
        f"split it in two and give the second part continues = {quoted(quote.id)}",
    )


#: At most this many characters, none a letter or digit, between a prefix or
#: suffix and the text for "would match if it touched the text".
GAP = 6


def _untouched(section: Section, quote: Quote, path: tuple[object, ...], report: Reporter) -> None:
    """A note when ``prefix`` or ``suffix`` would match if it touched the text."""
    for key in ("prefix", "suffix"):
        value = quote.prefix if key == "prefix" else quote.suffix
        if not value:
            continue
        fixes: dict[str, int] = {}
        for p, paragraph in enumerate(section.paragraphs):
            start = paragraph.find(quote.text)
            while start >= 0:
                end = start + len(quote.text)
                if key == "prefix":
                    before = paragraph[:start]
                    at = before.rfind(value, max(0, len(before) - len(value) - GAP))
                    gap = before[at + len(value) :] if at >= 0 else ""
                    if gap and not any(c.isalnum() for c in gap):
                        fixes.setdefault(before[at:], p)
                else:
                    after = paragraph[end:]
                    at = after.find(value, 0, len(value) + GAP)
                    gap = after[:at] if at > 0 else ""
                    if gap and not any(c.isalnum() for c in gap):
                        fixes.setdefault(after[: at + len(value)], p)
                start = paragraph.find(quote.text, start + 1)
        if len(fixes) == 1:
            ((fixed, p),) = fixes.items()
            edge = "end right where the text begins" if key == "prefix" else "begin right where the text ends"
            report.at(
                path + (key,),
                f"{key} {quoted(value)} would match in paragraph {p + 1} if it touched the text; "
                f"a {key} must {edge}: {key} = {quoted(fixed)}",
                severity="note",
            )


def check_links(parts: Parts, anchors: Mapping[str, Anchor], report: Reporter) -> None:
    """``continues`` and ``via`` references, and texts that run across a break."""
    quotes = {q.id: (i, q) for i, q in reversed(parts.quotes)}
    known_quotes = {**parts.declared.get("quotes", {}), **{k: v[0] for k, v in quotes.items()}}
    known_entities = {**parts.declared.get("entities", {}), **{e.id: i for i, e in parts.entities}}
    sections = {s.id: s for _, s in parts.sections}
    continued_by: dict[str, str] = {}
    for i, quote in parts.quotes:
        path = ("quotes", i)
        if quote.id not in anchors and quote.section in sections:
            _runs_across(sections[quote.section], quote, path, report)
            _untouched(sections[quote.section], quote, path, report)
        if quote.via is not None and quote.via not in known_entities:
            report.at(path + ("via",), f"unknown entity {quoted(quote.via)}{did_you_mean(quote.via, known_entities)}")
        target = quote.continues
        if target is None:
            continue
        if target == quote.id:
            report.at(path + ("continues",), "a quote cannot continue itself")
            continue
        if target not in known_quotes:
            report.at(path + ("continues",), f"unknown quote {quoted(target)}{did_you_mean(target, known_quotes)}")
            continue
        if target in continued_by:
            report.at(
                path + ("continues",),
                f"quote {quoted(target)} is already continued by quote {quoted(continued_by[target])}; "
                "link the parts in a chain, each to the one before",
            )
            continue
        continued_by[target] = quote.id
        if target in quotes:
            first = quotes[target][1]
            if first.speaker != quote.speaker:
                report.at(
                    path + ("continues",),
                    f"continues quote {quoted(target)}, whose speaker is {quoted(first.speaker)}, "
                    f"not {quoted(quote.speaker)}: the parts of one quotation have one speaker",
                )
            a, b = anchors.get(target), anchors.get(quote.id)
            if a is not None and b is not None and _order(parts, a) >= _order(parts, b):
                report.at(path + ("continues",), f"comes before quote {quoted(target)}, which it continues")
    # a chain that loops back never reaches its first part
    for start in continued_by:
        seen = {start}
        at = quotes[start][1].continues if start in quotes else None
        while at is not None and at in quotes and at not in seen:
            seen.add(at)
            at = quotes[at][1].continues
        if at == start:
            report.at(("quotes", quotes[start][0], "continues"), "the continues links form a loop")
            break


def _order(parts: Parts, anchor: Anchor) -> tuple[int, int, int]:
    index = next((k for k, (_, s) in enumerate(parts.sections) if s.id == anchor.section), -1)
    return index, anchor.paragraph, anchor.start


def quotation(quotes: Mapping[str, Quote], quote_id: str) -> tuple[Quote, ...]:
    """Every part of the quotation ``quote_id`` belongs to, first to last."""
    by_previous = {q.continues: q for q in quotes.values() if q.continues is not None}
    first = quotes[quote_id]
    seen = {first.id}
    while first.continues is not None and first.continues in quotes and first.continues not in seen:
        first = quotes[first.continues]
        seen.add(first.id)
    chain = [first]
    while chain[-1].id in by_previous and by_previous[chain[-1].id].id not in {q.id for q in chain}:
        chain.append(by_previous[chain[-1].id])
    return tuple(chain)
