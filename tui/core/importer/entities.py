"""The speakers a draft names, and the readable ids it gives everything.

The registry merges the forms one speaker goes by ("Professor Cres Eastman",
"Eastman", "Professor Eastman"), tells organisations from people by the
words in their names, keeps the surname or short form as an alias, takes a
role from an appositive, and remembers who spoke last so that a pronoun can
be resolved to the nearest preceding named speaker.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .lexicon import DOCUMENTS, HONORIFICS, ORG_WORDS, PARTICLES, PRONOUNS_GROUP, PRONOUNS_PERSON, TITLES

UNATTRIBUTED = "unattributed"


def slug(text: str, words: int = 5, fallback: str = "x") -> str:
    """A readable id from the first words of a text: ``'peace-talks'``."""
    folded = unicodedata.normalize("NFKD", text)
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    parts = re.findall(r"[a-z0-9]+", ascii_text)[:words]
    return "-".join(parts) or fallback


class Ids:
    """Hands out unique slugs within one kind of item."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def make(self, text: str, words: int = 5, fallback: str = "x") -> str:
        base = slug(text, words, fallback)[:60].strip("-") or fallback
        candidate, n = base, 2
        while candidate in self.taken:
            candidate = f"{base}-{n}"
            n += 1
        self.taken.add(candidate)
        return candidate


@dataclass
class Speaker:
    """An entity of the draft."""

    id: str
    name: str
    kind: str  # person, organization, group, document (written as other in format 1), other
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    quoted: int = 0
    common: bool = False  # named by a common noun ("officials"): its names match in any case


def _strip_title(name: str) -> tuple[str, str | None]:
    """The name without the titles before it, and those titles: "US Defense
    Secretary Pete Hegseth" is Pete Hegseth, US Defense Secretary. A
    possessive ("Hegseth's") is dropped."""
    name = re.sub(r"(?:['’]s|(?<=s)['’])$", "", name)
    words = name.split()
    last_title = max((i for i, w in enumerate(words[:-1]) if w.rstrip(".") in TITLES), default=-1)
    if last_title < 0 or is_organisation(name):
        return name, None
    return " ".join(words[last_title + 1 :]), " ".join(words[: last_title + 1])


def is_organisation(name: str) -> bool:
    words = name.replace("(", " ").replace(")", " ").split()
    if any(w in ORG_WORDS or w.rstrip(".,") in ORG_WORDS for w in words):
        return True
    return len(words) == 1 and len(name) >= 2 and name.isupper() and name.isalpha()


def _surname(name: str) -> str | None:
    words = name.split()
    if len(words) < 2:
        return None
    last = words[-1]
    return last if last[:1].isupper() and last.lower() not in PARTICLES and len(last) > 1 else None


class Registry:
    """Every speaker of a draft, merged by name, surname and alias."""

    def __init__(self) -> None:
        self.speakers: list[Speaker] = []
        self.ids = Ids()
        self.last_person: Speaker | None = None
        self.last_group: Speaker | None = None
        self.last_any: Speaker | None = None
        self._unattributed: Speaker | None = None

    def unattributed(self) -> Speaker:
        if self._unattributed is None:
            self.ids.taken.add(UNATTRIBUTED)
            self._unattributed = Speaker(UNATTRIBUTED, "Unattributed", "other")
            self.speakers.append(self._unattributed)
        return self._unattributed

    def lookup(self, name: str) -> Speaker | None:
        bare, _ = _strip_title(name)
        for s in self.speakers:
            if s.id == UNATTRIBUTED:
                continue
            if bare == s.name or bare in s.aliases or name == s.name:
                return s
        if " " not in bare:  # a surname alone: the one person it belongs to
            found = [s for s in self.speakers if s.kind == "person" and _surname(s.name) == bare]
            if len(found) == 1:
                return found[0]
        return None

    def named(self, name: str, role: str | None = None, alias: str | None = None) -> Speaker:
        """The speaker a capitalised name refers to, added if new."""
        found = self.lookup(name) or (self.lookup(alias) if alias else None)
        bare, title = _strip_title(name)
        if title and title.rstrip(".") in HONORIFICS:
            title = None  # Mr, Ms, Herr: not a role
        role = re.sub(r"^(?:of|for|from|at|with)\s+", "", role) if role else role
        if found is not None and alias and alias != found.name and alias not in found.aliases:
            found.aliases.append(alias)
        if found is not None:
            if role and not found.role:
                found.role = role
            return found
        kind = "organization" if is_organisation(bare) else "person"
        # a longer form of a speaker first named by surname alone: the same one
        for s in self.speakers:
            if s.kind == "person" == kind and " " not in s.name and _surname(bare) == s.name:
                s.aliases.append(s.name)
                s.name = bare
                s.role = s.role or role or title
                return s
        speaker = Speaker(self.ids.make(bare, 4, "speaker"), bare, kind, role or (title if kind == "person" else None))
        if alias and alias != bare:
            speaker.aliases.append(alias)
        if kind == "person":
            short = _surname(bare)
            if short and not any(short == o.name or short in o.aliases for o in self.speakers):
                speaker.aliases.append(short)
            elif short:  # two people share it: nobody keeps it
                for o in self.speakers:
                    if short in o.aliases:
                        o.aliases.remove(short)
        self.speakers.append(speaker)
        return speaker

    def common(self, phrase: str) -> Speaker:
        """A speaker named by a common noun phrase: "officials", "the report's authors"."""
        head = phrase.split()[-1].strip(".,").lower()
        for s in self.speakers:
            if s.common and s.name.split()[-1].casefold() == head:
                if phrase != s.name and phrase not in s.aliases:
                    s.aliases.append(phrase)
                return s
            if s.name == phrase or phrase in s.aliases:
                return s
        name = phrase[:1].lower() + phrase[1:]  # a common noun: "officials", also at a sentence start
        plural = head.endswith("s") and not head.endswith("ss")
        kind = "document" if head in DOCUMENTS else "group" if plural else "person"
        bare = re.sub(r"^(?:the|a|an|le|la|les|l'|un|une|der|die|das|ein|eine)\s*", "", name, flags=re.IGNORECASE)
        speaker = Speaker(self.ids.make(bare or name, 4, "speaker"), name,
                          kind, head if kind == "person" else None)
        speaker.common = True
        if phrase != name:
            speaker.aliases.append(phrase)
        self.speakers.append(speaker)
        return speaker

    def pronoun(self, word: str) -> Speaker | None:
        """The nearest preceding speaker a pronoun can refer to."""
        w = word.lower()
        if w in PRONOUNS_PERSON:
            return self.last_person
        if w in PRONOUNS_GROUP:
            return self.last_group or self.last_any
        return self.last_any

    def spoke(self, speaker: Speaker) -> None:
        """Note who spoke last, for pronouns later on."""
        if speaker.id == UNATTRIBUTED:
            return
        self.last_any = speaker
        if speaker.kind == "person":
            self.last_person = speaker
        else:
            self.last_group = speaker

    def final(self) -> list[Speaker]:
        """The speakers to write: quoted ones, with names and aliases unique across all."""
        kept = [s for s in self.speakers if s.quoted]
        seen: set[str] = set()
        for s in kept:
            seen.add(s.name)
        for s in kept:
            s.aliases = [a for a in dict.fromkeys(s.aliases) if a not in seen and a != s.name]
            seen.update(s.aliases)
        return kept
