"""The checks the schema alone cannot make: unique ids, references between
tables, and anchoring each quote in its section's paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from .anchoring import anchor_quotes
from .article import Anchor
from .diagnostics import Reporter
from .model import ArticleFile, Claim, Entity, Quote, Relation, Section
from .text import codepoint, quoted
from .tomlpos import SourceMap

#: Characters that show as nothing, so that two names would look the same:
#: refused in entity names and aliases (ids are slugs and cannot hold them).
#: The zero-width joiner and non-joiner are kept: Persian, Indic scripts
#: and emoji sequences need them. (Bidi controls are refused everywhere.)
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f\u2060-\u2064\u3164\ufeff\uffa0]")


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A suggestion among ``candidates`` (rapidfuzz, in C: a file may declare 100,000 ids)."""
    close = process.extractOne(word, list(candidates), scorer=fuzz.ratio, score_cutoff=60)
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
    def salvage(cls, data: dict[str, Any], valid: Mapping[str, list[tuple[int, Any]]]) -> Parts:
        """The tables of an invalid file that validated (``valid``, by kind),
        and every id that ``data`` declares."""
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
            list(valid.get("entities", ())),
            list(valid.get("sections", ())),
            list(valid.get("quotes", ())),
            list(valid.get("claims", ())),
            list(valid.get("relations", ())),
            declared,
        )


def _duplicate_id(value: str, first: tuple[object, ...]) -> Callable[[SourceMap], str]:
    def message(where: SourceMap) -> str:
        span = where.locate(first)
        return f"duplicate id {quoted(value)}; first defined at line {span.line}:{span.col}"

    return message


def _duplicate_relation(earlier: tuple[object, ...]) -> Callable[[SourceMap], str]:
    def message(where: SourceMap) -> str:
        return f"duplicate relation; first given at line {where.locate(earlier).line}"

    return message


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
                first = (kind, seen[item.id], "id")
                report.at((kind, i, "id"), _duplicate_id(item.id, first), cite=(first,))
            else:
                seen[item.id] = i
        ids[kind] = {**doc.declared.get(kind, {}), **seen}
    section_objs = {s.id: s for _, s in doc.sections}

    names: dict[str, tuple[str, int]] = {}
    for i, entity in doc.entities:
        for path, name in ((("entities", i, "name"), entity.name), *((("entities", i, "aliases", j), a) for j, a in enumerate(entity.aliases))):
            if found := INVISIBLE.search(name):
                report.at(path, f"invisible character {codepoint(found.group())} at character {found.start() + 1}; names must show every character they hold")
        for j, name in enumerate(entity.names):
            owner = names.get(name)
            if owner and owner[0] != entity.id:
                path = ("entities", i, "aliases", j - 1) if j else ("entities", i, "name")
                report.at(path, f"name {quoted(name)} also belongs to entity {quoted(owner[0])}; a name must point at one entity")
            else:
                names[name] = (entity.id, i)

    entities, sections, quotes, claims = ids["entities"], ids["sections"], ids["quotes"], ids["claims"]

    def unknown(path: tuple[object, ...], value: str, known: Mapping[str, int], what: str) -> bool:
        if report.full:  # counted, not spelled out: a suggestion costs a scan of every id
            report.skip()
        else:
            report.at(path, f"unknown {what} {quoted(value)}{did_you_mean(value, known)}")
        return False

    def ref(path: tuple[object, ...], value: str, known: Mapping[str, int], what: str) -> bool:
        return True if value in known else unknown(path, value, known, what)

    to_anchor: list[tuple[int, Quote]] = []
    for i, quote in doc.quotes:
        if quote.speaker not in entities:
            unknown(("quotes", i, "speaker"), quote.speaker, entities, "entity")
        if not quote.section:
            pass  # left out, and not placed: placing.fill_quote_sections said why
        elif quote.section not in sections:
            unknown(("quotes", i, "section"), quote.section, sections, "section")
        elif quote.section in section_objs:
            to_anchor.append((i, quote))
    anchors = anchor_quotes(section_objs, to_anchor, report)

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
            earlier: tuple[object, ...] = ("relations", seen_relations[key])
            report.at(("relations", i), _duplicate_relation(earlier), key=True, cite=(earlier,))
        else:
            seen_relations[key] = i
    return anchors
