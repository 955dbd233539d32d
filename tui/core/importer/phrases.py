"""Who is speaking, read from the words next to a reporting verb.

The functions here look at the text just before a reporting verb ("Jane
Smith, the health minister, said", "officials said", "she said") or just
after it ("said Smith", "sagte er", "a-t-il déclaré") and return what names
the speaker: a capitalised name (with a role from an appositive), a common
noun phrase, or a pronoun. Sentences are split here too, with quotations
masked so that their words never count as cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import ABBREVIATIONS, NOT_NAMES, PARTICLES, PRONOUNS, SPEAKER_NOUNS, TITLES


@dataclass(frozen=True)
class Who:
    """A speaker as the text names it: ``kind`` is name, common or pronoun."""

    kind: str
    text: str
    start: int  # where the phrase starts in the text it was read from
    role: str | None = None
    alias: str | None = None  # an acronym given in parentheses: "World Health Organisation (WHO)"

    def offset_in(self, text: str) -> int:
        """Where the phrase starts in ``text`` (a large number if it is not there)."""
        at = text.find(self.text)
        return at if at >= 0 else len(text) + 1


_DE_ARTICLES = {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einem", "einen", "eines"}
_WORD = re.compile(r"[^\W\d_][\w’'.-]*")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”“»«’')\]]*(?=\s|$)")
_DET = r"(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Ss]ome|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Dd]ie|[Dd]er|[Dd]as|[Ee]in|[Ee]ine|[Ll]es?|[Ll]a|[Uu]ne?)"
_COMMON_BEFORE = re.compile(
    r"(?:^|(?<=[\s,;:(]))(" + _DET + r"\s+(?:[^\s,;:.!?\"“”„«»]+\s+){0,4}?[^\s,;:.!?\"“”„«»]+|[^\W\d_]+)\s*$"
)
_COMMON_AFTER_ANY = re.compile(r"^\s*(" + _DET + r"(?:\s+[^\s,;:.!?\"“”„«»]+){1,5})")
_AFFILIATED = re.compile(
    r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s+(?:of|for|from|at)\s+"
    r"((?:[Tt]he\s+)?[A-Z][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|of|and|for|the|&))*)$"
)
_PRONOUN_BEFORE = re.compile(r"(?:^|(?<=[\s,;:(—–]))([^\W\d_]+)\s*$")
_PRONOUN_AFTER = re.compile(r"^(?:\s+|-t-|-)([^\W\d_]+)\b")


def is_cap(word: str) -> bool:
    return word[:1].isupper()


def _name_word(word: str) -> bool:
    bare = word.rstrip(".")
    return is_cap(word) and bare not in NOT_NAMES and not bare.isdigit()


def split_sentences(masked: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph whose quotations are masked."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(masked):
        word = masked[: match.start()].rsplit(None, 1)[-1] if masked[: match.start()].strip() else ""
        token = word.lower().strip("(\"“„«")
        if match.group()[0] == "." and (token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())):
            continue
        rest = masked[match.end() :].lstrip()
        if rest and rest[0].islower():
            continue
        bounds.append((start, match.end()))
        start = match.end()
    if masked[start:].strip():
        bounds.append((start, len(masked)))
    return bounds


def _words(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text))


def _name_at_end(text: str, lang: str) -> Who | None:
    """A capitalised name that ends the text, with any titles before it."""
    words = _words(text)
    if not words or words[-1].end() != len(text.rstrip()):
        return None
    taken: list[re.Match[str]] = []
    for w in reversed(words):
        gap = text[w.end() : taken[-1].start()] if taken else ""
        if taken and gap not in (" ", "\u00a0"):
            break
        if _name_word(w.group()) or (taken and w.group() in PARTICLES):
            taken.append(w)
        elif taken and w.group().rstrip(".") in TITLES:
            taken.append(w)
        elif taken and w.group() in ("of", "for", "de", "du", "des") and _has_name_before(text, w.start()):
            taken.append(w)  # "Ministry of Health", "Church of Scientology"
        else:
            break
    while taken and taken[-1].group() in PARTICLES:
        taken.pop()
    if not taken:
        return None
    taken.reverse()
    role = None
    limit = 3 if lang.startswith("de") else 4
    if len(taken) > limit or (lang.startswith("de") and len(taken) == 3 and taken[0].group().rstrip(".") not in TITLES):
        keep = 2
        role = text[taken[0].start() : taken[-keep].start()].strip()
        taken = taken[-keep:]
    before = text[: taken[0].start()].rstrip().rsplit(None, 1)[-1:] if text[: taken[0].start()].strip() else []
    if lang.startswith("de") and before and before[0].lower() in _DE_ARTICLES:
        # German capitalises every noun: "der Vorstand" is a common noun, not a name
        det_start = text.rfind(before[0], 0, taken[0].start())
        phrase = text[det_start : taken[-1].end()]
        head = taken[-1].group().lower()
        return Who("common", phrase, det_start) if head in SPEAKER_NOUNS else None
    start = taken[0].start()
    return Who("name", text[start : taken[-1].end()].rstrip(".") if not taken[-1].group().endswith(".") or len(taken[-1].group()) > 3 else text[start : taken[-1].end()], start, role)


def _has_name_before(text: str, at: int) -> bool:
    before = _words(text[:at])
    return bool(before) and _name_word(before[-1].group()) and text[before[-1].end() : at] == " "


def clause_end(text: str) -> int:
    """Where the clause that starts ``text`` ends: at the first sentence mark or
    quotation mark, not counting the full stop of an abbreviation (Inc., Dr.)."""
    for match in re.finditer(r"[.;!?\"“”„«»]", text):
        if match.group() == ".":
            word = text[: match.start()].rsplit(None, 1)[-1:] or [""]
            token = word[0].lower()
            if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
        return match.start()
    return len(text)


def _first_name_in(text: str) -> Who | None:
    """The first capitalised name of a clause, for "NAME, ROLE, said"."""
    words = _words(text)
    for i, w in enumerate(words):
        if not (_name_word(w.group()) or w.group().rstrip(".") in TITLES):
            continue
        j = i
        while j + 1 < len(words) and text[words[j].end() : words[j + 1].start()] == " " and (
            _name_word(words[j + 1].group()) or words[j + 1].group() in PARTICLES
        ):
            j += 1
        end = words[j].end()
        if text[end : end + 1] == ",":
            return Who("name", text[w.start() : end], w.start())
        affiliation = re.match(
            r"\s+(?:for|of|from|at|with|von|vom|de|du)\s+(?:the\s+)?(?:[A-Z][\w’'.&-]*|of|for|and|the)(?:\s+(?:[A-Z][\w’'.&-]*|of|for|and|the))*$",
            text[end:],
        )
        if affiliation and _name_word(w.group()) and j > i:  # Jane Smith for the Agency, said
            return Who("name", text[w.start() : end], w.start(), affiliation.group().strip())
    return None


_AUX = re.compile(r"(?:\s+(?:has|have|had|also|then|later|further|would|will|hat|haben|hatte))+\s*$")
_PAREN = re.compile(r"\s*\([^()]*\)\s*$")


def first_name(text: str, lang: str = "en") -> Who | None:
    """The first capitalised name of a sentence: its likely subject."""
    words = _words(text)
    for i, w in enumerate(words):
        if not _name_word(w.group()):
            continue
        j = i
        while j + 1 < len(words) and text[words[j].end() : words[j + 1].start()] == " " and (
            _name_word(words[j + 1].group()) or words[j + 1].group() in PARTICLES
        ):
            j += 1
        return Who("name", text[w.start() : words[j].end()], w.start())
    return None


def speaker_before(text: str, lang: str = "en") -> Who | None:
    """Who the words just before a reporting verb name, if anyone."""
    tail = _AUX.sub("", text.rstrip())
    paren = _PAREN.search(tail)
    acronym = paren.group().strip(" ()") if paren else ""
    tail = tail[: paren.start()].rstrip() if paren else tail
    if not tail:
        return None
    if 2 <= len(acronym) <= 8 and acronym.isupper() and acronym.isalpha():
        named = _name_at_end(tail, lang)
        if named is not None and named.kind == "name":
            return Who("name", named.text, named.start, named.role, acronym)
    m = _PRONOUN_BEFORE.search(tail)
    if m and m.group(1).lower() in PRONOUNS:
        return Who("pronoun", m.group(1), m.start(1))
    relative = re.search(r",?\s+(?:who|which|der|die|qui)$", tail)  # "Tom Devocht, who had told ..."
    if relative:
        named = _name_at_end(tail[: relative.start()], lang)
        if named is not None:
            return named
    if tail.endswith(","):  # NAME, ROLE, said
        clause_start = max(tail.rfind(c, 0, len(tail) - 1) for c in ".;:!?\"“”„«»") + 1
        clause = tail[clause_start:-1]
        first = _first_name_in(clause)
        if first is not None and first.role:
            return Who("name", first.text, clause_start + first.start, re.sub(r"^(?:for|of|from|at|with)\s+", "", first.role))
        if first is not None:
            role = clause[first.start + len(first.text) + 1 :].strip()
            if role and len(role.split()) <= 30:
                role = re.sub(r"^(?:the|a|an)\s+", "", role)
                return Who("name", first.text, clause_start + first.start, role)
        return None
    affiliated = _AFFILIATED.search(tail)
    if (
        affiliated
        and _name_word(affiliated.group(1).split()[0])
        and " " in affiliated.group(1)
        and affiliated.group(2).split()[-1] not in NOT_NAMES
    ):
        # "Matthew Ingram of The Globe and Mail": the person, with the organisation as role
        return Who("name", affiliated.group(1), affiliated.start(1), affiliated.group(2))
    name = _name_at_end(tail, lang)
    if name is not None and " " not in name.text and name.text.lower() in SPEAKER_NOUNS:
        return Who("common", name.text, name.start)  # "Officials said", at the start of a sentence
    if name is not None:
        return name
    m = _COMMON_BEFORE.search(tail)
    if m:
        phrase = m.group(1)
        head = phrase.split()[-1].lower()
        if head in SPEAKER_NOUNS and (" " in phrase or head.endswith("s") or head == "police"):
            return Who("common", phrase, m.start(1))
    return None


def speaker_after(text: str, lang: str = "en") -> Who | None:
    """Who the words just after a reporting verb name ("said Smith", "sagte er")."""
    m = _PRONOUN_AFTER.match(text)
    if m and m.group(1).lower() in PRONOUNS and (text.startswith("-") or m.group(1)[0].islower()):
        return Who("pronoun", m.group(1), m.start(1))
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    if not stripped or offset == 0:
        return None
    words = _words(stripped)
    taken: list[re.Match[str]] = []
    for w in words:
        gap = stripped[taken[-1].end() : w.start()] if taken else stripped[: w.start()]
        if gap not in ("", " ", "\u00a0"):
            break
        if _name_word(w.group()) or w.group().rstrip(".") in TITLES or (taken and w.group() in PARTICLES):
            taken.append(w)
        else:
            break
    while taken and taken[-1].group() in PARTICLES:
        taken.pop()
    if taken and any(_name_word(w.group()) and w.group().rstrip(".") not in TITLES for w in taken):
        end = taken[-1].end()
        role = None
        rest = stripped[end:]
        if rest.startswith(", "):
            role_text = re.split(r"[.;:!?\"“”„«»]", rest[2:], maxsplit=1)[0].split(",")[0].strip()
            if (role_text and role_text[0].islower() or role_text.startswith(("The ", "A "))) and len(role_text.split()) <= 8:
                role = re.sub(r"^(?:the|a|an|The|A|An)\s+", "", role_text) or None
        name_text = stripped[taken[0].start() : end]
        return Who("name", name_text.rstrip(".") if len(taken[-1].group()) > 3 else name_text, offset, role)
    m = _COMMON_AFTER_ANY.match(stripped)
    if m:  # the shortest "the post", "an Internet posting" whose last word names a speaker
        tokens = m.group(1).split()
        for n in range(2, len(tokens) + 1):
            if tokens[n - 1].lower().strip(".,") in SPEAKER_NOUNS:
                phrase = " ".join(tokens[:n])
                return Who("common", phrase, offset)
    m = re.match(r"^([^\W\d_]+)\b", stripped)
    if m and m.group(1).lower() in SPEAKER_NOUNS and (m.group(1).endswith("s") or m.group(1).lower() == "police"):
        return Who("common", m.group(1), offset)
    return None
