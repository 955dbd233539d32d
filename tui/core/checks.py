"""The checks the schema alone cannot make: unique ids, references between
tables, and anchoring each quote in its section's paragraphs.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pydantic import ValidationError

from .article import Anchor
from .diagnostics import Reporter
from .model import ArticleFile, Claim, Entity, Quote, Relation, Section
from .text import quoted


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {quoted(close[0])}?)" if close else ""


@dataclass
class Parts:
    """The tables of an article that validated, each with its index in the file,
    and every id the file declares (valid table or not), for reference checks."""

    entities: list[tuple[int, Entity]]
    sections: list[tuple[int, Section]]
    quotes: list[tuple[int, Quote]]
    claims: list[tuple[int, Claim]]
    relations: list[tuple[int, Relation]]
    declared: dict[str, dict[str, int]]

    @classmethod
    def of(cls, doc: ArticleFile) -> Parts:
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
    def salvage(cls, data: dict) -> Parts:
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


def check_article(doc: Parts, report: Reporter) -> dict[str, Anchor]:
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
        report.at(path, f"unknown {what} {quoted(value)}{did_you_mean(value, known)}")
        return False

    def ref(path: tuple, value: str, known: Mapping[str, int], what: str) -> bool:
        return True if value in known else unknown(path, value, known, what)

    anchors: dict[str, Anchor] = {}
    flat: dict[str, _Flat] = {}
    for i, quote in doc.quotes:
        if quote.speaker not in entities:
            unknown(("quotes", i, "speaker"), quote.speaker, entities, "entity")
        if not quote.section:
            pass  # left out, and not placed: placing.fill_quote_sections said why
        elif quote.section not in sections:
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
    all_sections: Iterable[Section], section: Section, quote: Quote, path: tuple, report: Reporter
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
