"""Turning a read source into a draft article: ids, anchors and the TOML text.

The draft targets a version of the format, chosen by :class:`Target`. Today
drafts use format 1 as ``quoth check`` reads it; the format additions of
issue 13 (untitled sections, ``continues``, ``[article] license``) are
switched on in one place, :data:`DEFAULT_TARGET`, once the checker reads them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..model import LANGUAGE_RE
from .attribution import Attributor, Found
from .entities import UNATTRIBUTED, Ids, slug
from .sources import Source
from .toml_out import array, basic, comment, string


@dataclass(frozen=True)
class Target:
    """Which additions to format 1 a draft may use."""

    untitled_sections: bool = False  # a section without a title when the source has no headings
    continues: bool = False  # continues = "<quote-id>" on the later parts of a quotation
    license_keys: bool = False  # [article] license and attribution
    document_kind: bool = False  # entity kind "document" for a report, a statement, a post
    via: bool = False  # via = "<entity-id>" for words relayed by an outlet or a document
    aliases_case: bool = False  # aliases_case = "insensitive" for speakers named by common nouns

    @classmethod
    def additions(cls) -> Target:
        return cls(True, True, True, True, True, True)


#: The format drafts are written in. Set to ``Target.additions()`` once
#: ``quoth check`` reads the additions (branch ``checkfix``).
DEFAULT_TARGET = Target.additions()


@dataclass
class Options:
    """What ``quoth import`` was asked for, beyond the source itself."""

    keep_short: bool = False
    language: str | None = None
    target: Target = DEFAULT_TARGET
    source_name: str = "<stdin>"


@dataclass
class Draft:
    """The draft's TOML text and what went into it."""

    text: str
    direct: int = 0
    indirect: int = 0
    speakers: int = 0
    unattributed: int = 0
    checks: int = 0
    found: list[Found] = field(default_factory=list)
    paragraphs: list[list[str]] = field(default_factory=list)

    def summary(self) -> str:
        quotes = self.direct + self.indirect
        s = "" if quotes == 1 else "s"
        line = (
            f"{quotes} quote{s} ({self.direct} direct, {self.indirect} reported), "
            f"{self.speakers} speaker{'' if self.speakers == 1 else 's'}, {self.unattributed} unattributed"
        )
        if self.checks:
            line += f"; review the {self.checks} line{'' if self.checks == 1 else 's'} marked # check"
        return line


_LANG_WORDS = {
    "en": {"the", "and", "of", "to", "is", "said", "that", "in", "was", "for"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "sich", "den", "von"},
    "fr": {"le", "la", "les", "et", "est", "des", "une", "que", "dans", "pour"},
    "es": {"el", "los", "las", "y", "es", "del", "que", "una", "por", "para"},
}


def guess_language(text: str) -> str:
    """The language of a text by its commonest words (en, de, fr, es); "en" when unsure."""
    words = re.findall(r"[^\W\d_]+", text.lower())[:2000]
    scores = {lang: sum(w in common for w in words) for lang, common in _LANG_WORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else "en"


def _anchor_context(paragraphs: list[str], p: int, start: int, end: int) -> tuple[str | None, str | None]:
    """The shortest prefix and/or suffix that pick this occurrence; None if nothing can."""
    text = paragraphs[p][start:end]
    hits = [(q, i) for q, par in enumerate(paragraphs) for i in _find_all(par, text)]
    if len(hits) == 1:
        return None, None
    before, after = paragraphs[p][:start], paragraphs[p][end:]

    def unique(prefix: str | None, suffix: str | None) -> bool:
        chosen = [
            (q, i)
            for q, i in hits
            if (prefix is None or paragraphs[q][:i].endswith(prefix))
            and (suffix is None or paragraphs[q][i + len(text) :].startswith(suffix))
        ]
        return chosen == [(p, start)]

    sizes = [n for n in (8, 16, 32, 64, 128) if n < max(len(before), len(after))] + [max(len(before), len(after))]
    for n in sizes:
        prefix = before[-n:] if before else None
        if prefix and unique(prefix, None):
            return prefix, None
        suffix = after[:n] if after else None
        if suffix and unique(None, suffix):
            return None, suffix
    if before and after and unique(before, after):
        return before, after
    raise LookupError(text)


def _find_all(haystack: str, needle: str) -> list[int]:
    found, at = [], haystack.find(needle)
    while at >= 0:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def _published(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def make_draft(source: Source, options: Options | None = None) -> Draft:
    """The draft article for a source."""
    options = options or Options()
    target = options.target
    paragraphs = [list(s.paragraphs) for s in source.sections]
    language = options.language or source.language
    if not language or not LANGUAGE_RE.match(language):
        language = guess_language(" ".join(" ".join(ps) for ps in paragraphs))
    attributor = Attributor(language, options.keep_short)
    found = attributor.run(paragraphs)
    out: list[str] = [
        f"# A draft made by `quoth import` from {comment(options.source_name)}.",
        "# Review every line marked '# check:', then run: quoth check FILE",
        "format = 1",
        "",
        "[article]",
        f"id = {basic(slug(source.title, 6, 'article'))}",
        f"title = {string(source.title)}",
    ]
    published = _published(source.published)
    if published:
        out.append(f"published = {published}")
    if source.outlet:
        out.append(f"outlet = {string(source.outlet)}")
    if source.byline:
        out.append(f"byline = {array(list(source.byline))}")
    if source.url:
        out.append(f"url = {string(source.url)}")
    out.append(f"language = {basic(language)}")
    for key in ("license", "attribution"):
        value = getattr(source, key)
        if value:
            out.append(f"{'' if target.license_keys else '# '}{key} = {string(value)}")

    speakers = [s for s in attributor.registry.final()]
    for speaker in speakers:
        out += ["", "[[entities]]", f"id = {basic(speaker.id)}", f"name = {string(speaker.name)}"]
        kind = "other" if speaker.kind == "document" and not target.document_kind else speaker.kind
        out.append(f"kind = {basic(kind)}{'  # a document' if kind != speaker.kind else ''}")
        if speaker.role:
            out.append(f"role = {string(speaker.role)}")
        aliases = speaker.aliases
        if target.aliases_case and speaker.common:  # one alias per name, whatever its case
            folded = {speaker.name.casefold(): speaker.name}
            for alias in aliases:
                folded.setdefault(alias.casefold(), alias)
            aliases = list(folded.values())[1:]
        if aliases:
            out.append(f"aliases = {array(aliases)}")
        if target.aliases_case and speaker.common:
            out.append('aliases_case = "insensitive"')
        if speaker.id == UNATTRIBUTED:
            out.append("note = 'Quotes the importer could not attribute: give each its speaker, then remove this entity.'")

    section_ids = Ids()
    sids: list[str] = []
    for n, section in enumerate(source.sections):
        sid = section_ids.make(section.title or ("text" if len(source.sections) == 1 else f"part {n + 1}"), 4, "s")
        sids.append(sid)
        out += ["", "[[sections]]", f"id = {basic(sid)}"]
        if section.title:
            out.append(f"title = {string(section.title)}")
        elif not target.untitled_sections:
            title = source.title if n == 0 else f"Part {n + 1}"
            out.append(f"title = {string(title)}  # the source has no heading here")
        out.append("paragraphs = [")
        out += [f"  {string(par, multiline=True)}," for par in section.paragraphs]
        out.append("]")

    quote_ids = Ids()
    qids: list[str] = []
    draft = Draft("", found=found, paragraphs=paragraphs)
    for f in found:
        text = f.text(paragraphs)
        qid = quote_ids.make(text, 4, "quote")
        qids.append(qid)
        block = ["", "[[quotes]]", f"id = {basic(qid)}", f"speaker = {basic(f.speaker.id)}",
                 f"section = {basic(sids[f.section])}", f"text = {string(text)}", f"kind = {basic(f.kind)}"]
        if f.cue:
            block.append(f"cue = {string(f.cue)}")
        if f.part_of >= 0:
            block.append(f"{'' if target.continues else '# '}continues = {basic(qids[f.part_of])}")
        if f.via is not None:
            block.append(f"{'' if target.via else '# '}via = {basic(f.via.id)}")
        try:
            prefix, suffix = _anchor_context(paragraphs[f.section], f.paragraph, f.start, f.end)
        except LookupError:
            out += ["", f"# check: this quote's text cannot be told apart from an identical paragraph: {comment(text)[:80]}"]
            draft.checks += 1
            continue
        if prefix is not None:
            block.append(f"prefix = {string(prefix)}")
        if suffix is not None:
            block.append(f"suffix = {string(suffix)}")
        if f.check:
            block.insert(1, f"# check: {comment(f.check)}")
            draft.checks += 1
        out += block
        if f.kind == "direct":
            draft.direct += 1
        else:
            draft.indirect += 1
        if f.speaker.id == UNATTRIBUTED:
            draft.unattributed += 1
    out += [
        "",
        "# Claims are left to you: the propositions the speakers put forward, in your words.",
        "# [[claims]]",
        "# id = \"short-slug\"",
        f"# speaker = \"{speakers[0].id if speakers else 'entity-id'}\"",
        f"# section = \"{sids[0]}\"",
        "# text = \"The proposition, in your words.\"",
        "# kind = \"assertion\"",
        f"# quotes = [\"{qids[0] if qids else 'quote-id'}\"]",
    ]
    draft.speakers = len([s for s in speakers if s.id != UNATTRIBUTED])
    draft.text = "\n".join(out) + "\n"
    return draft

