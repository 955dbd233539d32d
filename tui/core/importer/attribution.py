"""Who said what: direct quotations and reported speech, with their speakers.

Rules, in the order they are tried for a direct quotation:

1. a reporting verb right after the closing mark, with its speaker on
   either side ("…," Smith said / said Smith / he said / sagte er);
2. a reporting verb before the opening mark in the same sentence
   ("Jane Smith, the health minister, said: …", "according to Smith, …");
3. a quotation that goes on from a linked part, or follows another one of
   the same paragraph or the paragraph before: the same speaker (a run);
4. otherwise the ``unattributed`` entity, marked for the author to check.

Pronouns resolve to the nearest preceding named speaker; a pronoun with no
speaker in the paragraph before is a low-confidence guess, also marked.
Reported speech is found per sentence: "X said (that) …" and "…, X said."
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .entities import Registry, Speaker
from .lexicon import ASKING, PARTICIPLES, PREPOSED_SPEAKER, PRONOUNS_PERSON, RELAYING, REPORTED, TELLING, VERB_RE
from .phrases import Who, clause_end, first_name, speaker_after, speaker_before, split_sentences
from .quotes import PAIRS, Span, find_spans

_CLOSE_PUNCT = ",!?—–-…"


@dataclass
class Found:
    """A quote of the draft, before ids are given."""

    section: int
    paragraph: int
    start: int
    end: int
    kind: str  # direct or indirect
    speaker: Speaker
    cue: str | None = None
    check: str | None = None
    part_of: int = -1  # index in the list of the part this one continues
    via: Speaker | None = None  # who relayed the words ("according to Yonhap, quoting KCNA")

    def text(self, paragraphs: list[list[str]]) -> str:
        return paragraphs[self.section][self.paragraph][self.start : self.end]


def _mask(paragraph: str, spans: list[Span]) -> str:
    chars = list(paragraph)
    for s in spans:
        for i in range(s.start, s.end):
            if not chars[i].isspace():
                chars[i] = "x"
    return "".join(chars)


_NOUN_NEXT = re.compile(r"^\s+(?:have|had|has|are|were|say|said|suggest|suggested|indicate|indicated|show|showed)\b")


def _is_noun(match: re.Match[str], text: str) -> bool:
    """ "Recent reports have revealed": a cue word used as a noun, not as a verb."""
    return match.group(1).lower().endswith("s") and _NOUN_NEXT.match(text[match.end() :]) is not None


def _clause_stop(sentence: str, start: int) -> int:
    """Where a reported clause running to the end of its sentence stops: before the
    final full stop, and before a closing quotation mark only if it opened outside."""
    end = len(sentence.rstrip())
    while end > start:
        ch = sentence[end - 1]
        if ch in ".!?… ":
            end -= 1
        elif ch in "\"”“»«’'" and not any(c in PAIRS for c in sentence[start : end - 1]):
            end -= 1
        else:
            break
    return end


def _cue(match: re.Match[str]) -> str:
    """The cue as the lexicon spells it (one space between words)."""
    return " ".join(match.group(1).split())


class Attributor:
    """Walks an article in reading order, keeping who spoke last."""

    def __init__(self, lang: str = "en", keep_short: bool = False) -> None:
        self.lang = lang
        self.keep_short = keep_short
        self.registry = Registry()
        self.found: list[Found] = []
        self._last_paragraph: tuple[int, int] = (-1, -1)
        self._masked: dict[tuple[int, int], str] = {}
        self._via: Who | None = None  # set by _cue_before when the words are relayed
        self._last_speaker: Speaker | None = None

    # -- speakers ---------------------------------------------------------

    def _resolve(self, who: Who, near: bool, context: str = "") -> tuple[Speaker, str | None]:
        if who.kind == "name":
            return self.registry.named(who.text, who.role, who.alias), None
        if who.kind == "common":
            return self.registry.common(who.text), None
        mentioned = self._last_mention(who.text, context)
        if mentioned is not None:
            return mentioned, None
        found = self.registry.pronoun(who.text)
        if found is None:
            return self.registry.unattributed(), f"'{who.text}' has no named speaker before it"
        if not near:
            return found, f"'{who.text}' taken to be {found.name}, the nearest speaker before"
        return found, None

    def _last_mention(self, pronoun: str, context: str) -> Speaker | None:
        """The known speaker named last in the text before a pronoun ("Rathbun
        requested donations. He described ..."), of the kind the pronoun can mean."""
        persons = pronoun.lower() in PRONOUNS_PERSON
        best: tuple[int, Speaker] | None = None
        for speaker in self.registry.speakers:
            if speaker.id == "unattributed" or (speaker.kind == "person") != persons:
                continue
            for name in (speaker.name, *speaker.aliases):
                for match in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", context):
                    if best is None or match.end() > best[0]:
                        best = (match.end(), speaker)
        return best[1] if best is not None else None

    def _context(self, s: int, p: int, masked: str, at: int) -> str:
        """The text a pronoun at ``at`` can look back over: the paragraph before, and this one."""
        before = self._masked.get((s, p - 1), "")
        return before + "\n" + masked[:at]

    def _cue_after(self, masked: str, at: int) -> tuple[Who, str] | None:
        """A reporting verb and its speaker right after a closing mark."""
        rest = masked[at:]
        clause = rest[: clause_end(rest)]
        for match in VERB_RE.finditer(clause):
            if match.start() > 60:
                break
            before = clause[: match.start()]
            lead = before.lstrip(" ,—–-")
            if lead and len(lead.split()) > 6:
                continue
            if lead.strip().lower() in ("and", "but", "or", "und", "et"):
                continue  # "…", and told the police: a second predicate of the sentence's subject
            who = speaker_before(before.lstrip(" ,—–-"), self.lang) if lead.strip() else None
            if who is None and _cue(match).lower() not in TELLING:
                who = speaker_after(clause[match.end() :], self.lang)
            if who is not None:
                return who, _cue(match)
        return None

    def _cue_before(self, text: str) -> tuple[Who, str] | None:
        """The last reporting verb of a sentence before an opening mark, and its speaker."""
        for match in reversed(list(VERB_RE.finditer(text))):
            if _is_noun(match, text):
                continue
            verb = _cue(match)
            if verb.lower() in RELAYING:  # "..., quoting the Korean Central News Agency (KCNA), ..."
                who = self._relayed(text[match.end() :])
                relayer = next(
                    (m for m in reversed(list(VERB_RE.finditer(text, 0, match.start())))
                     if _cue(m).lower() in PREPOSED_SPEAKER),
                    None,
                )
                self._via = speaker_after(text[relayer.end() :], self.lang) if relayer else None
            elif verb.lower() in PREPOSED_SPEAKER:
                who = speaker_after(text[match.end() :], self.lang)
            else:
                who = speaker_before(text[: match.start()], self.lang)
                if who is None and verb.lower() != "so" and verb.lower() not in TELLING:
                    who = speaker_after(text[match.end() :], self.lang)  # the one told is not the speaker
            if who is not None:
                return who, verb
        return None

    # -- direct quotations --------------------------------------------------

    def _direct(self, s: int, p: int, paragraph: str, masked: str, span: Span, previous: Span | None) -> None:
        near = self._last_paragraph >= (s, p - 1)
        self._via = None
        result: tuple[Who, str] | None = None
        quote_end = paragraph[span.close_at - 1] if span.close_at > 0 else ""
        if span.close_at >= 0:
            after = masked[span.close_at + 1 :]
            dash = re.match(r"^\s*[-–—]{1,2}\s*", after)  # a caption: "…" - Matthew Ingram
            if dash:
                who = speaker_after(" " + after[dash.end() :], self.lang)
                if who is not None:
                    result = (who, "")
            attached = (
                after[:1] in (",", "—", "–", "-")
                or quote_end in _CLOSE_PUNCT
                or (after[:1] == " " and after[1:2].islower())
            )
            if result is None and attached:
                result = self._cue_after(masked, span.close_at + 1)
        if result is None and span.open_at >= 0:
            begin = previous.close_at + 1 if previous is not None and previous.close_at >= 0 else 0
            sentences = [b for b in split_sentences(masked[: span.open_at]) if b[0] >= begin]
            start = sentences[-1][0] if sentences else begin
            if sentences and masked[start : span.open_at].strip() == "" and len(sentences) > 1:
                start = sentences[-2][0]
            result = self._cue_before(masked[max(start, begin) : span.open_at])
        if span.part_of >= 0:
            first = self._part_index(span.part_of)
            if first is not None:
                prior = self.found[first]
                if result is not None and prior.cue is None:  # the cue comes with a later part
                    speaker, check = self._resolve(result[0], True)
                    chain = [first]
                    while self.found[chain[-1]].part_of >= 0:
                        chain.append(self.found[chain[-1]].part_of)
                    for k in chain:
                        old = self.found[k]
                        old.speaker.quoted -= 1
                        old.speaker, old.cue, old.check = speaker, result[1] or None, check
                        speaker.quoted += 1
                    prior = self.found[first]
                self._add(Found(s, p, span.start, span.end, "direct", prior.speaker, prior.cue, prior.check, first))
                return
        if result is not None:
            context = self._context(s, p, masked, span.open_at if span.open_at >= 0 else 0)
            speaker, check = self._resolve(result[0], near or result[0].kind != "pronoun", context)
            via = self._resolve(self._via, True)[0] if self._via is not None else None
            self._add(Found(s, p, span.start, span.end, "direct", speaker, result[1] or None, check, via=via))
            return
        if result is None and span.close_at >= 0 and not paragraph[: span.open_at].strip():
            credit = self._credit(masked[span.close_at + 1 :])
            if credit is not None:
                self._add(Found(s, p, span.start, span.end, "direct", credit, None, None))
                return
        subject = self._subject(masked, span) if span.open_at > 0 else None
        if subject is not None:
            speaker, _ = self._resolve(subject, near)
            self._add(Found(s, p, span.start, span.end, "direct", speaker, None,
                            f"no reporting verb: taken to be {speaker.name}, who begins the sentence"))
            return
        if self._last_speaker is not None and near and (previous is not None or paragraph.lstrip()[:1] in PAIRS):
            self._add(Found(s, p, span.start, span.end, "direct", self._last_speaker, None, None))
            return
        self._add(Found(s, p, span.start, span.end, "direct", self.registry.unattributed(), None,
                        "no speaker found near the quotation"))

    def _relayed(self, text: str) -> Who | None:
        """The source named after "quoting": the last name before the next comma."""
        return speaker_before(text.split(",")[0], self.lang)

    def _credit(self, after: str) -> Speaker | None:
        """A caption's credit after a quotation: '"…" Anonymous blogger, "Post title"'."""
        rest = re.sub(r",?\s*[\"“„«][^\"”“»]*[\"”“»]\s*$", "", after).strip(" ,.")
        words = rest.split()
        if not words or len(words) > 5 or VERB_RE.search(rest) or not words[0][:1].isupper():
            return None
        if any(w[:1].islower() for w in words):
            return self.registry.common(rest)
        return self.registry.named(rest)

    def _subject(self, masked: str, span: Span) -> Who | None:
        """The name that begins the quotation's sentence, when no cue says who spoke."""
        sentences = split_sentences(masked[: span.open_at])
        start = sentences[-1][0] if sentences else 0
        text = masked[start : span.open_at]
        if any(ch in PAIRS for ch in text):
            return None
        who = speaker_after(" " + text.lstrip(), self.lang)
        if who is None or who.kind != "name" or who.offset_in(text) > 1:
            return None
        return who

    def _part_index(self, span_index: int) -> int | None:
        return self._span_to_found.get(span_index)

    def _add(self, found: Found) -> None:
        found.speaker.quoted += 1
        if found.via is not None:
            found.via.quoted += 1
        self.found.append(found)
        if found.speaker.id != "unattributed":
            self.registry.spoke(found.speaker)
            self._last_speaker = found.speaker
            self._last_paragraph = (found.section, found.paragraph)

    # -- reported speech ----------------------------------------------------

    def _reported(self, s: int, p: int, paragraph: str, masked: str) -> None:
        for a, b in split_sentences(masked):
            sentence = masked[a:b]
            lead = sentence.lstrip()
            if lead[:1] in PAIRS:
                continue
            taken_until = 0
            subject: Who | None = None
            for match in VERB_RE.finditer(sentence):
                if match.start() < taken_until or _is_noun(match, sentence):
                    continue
                verb = _cue(match)
                if verb.lower() in PREPOSED_SPEAKER and verb.lower() != "so":  # According to X, CLAUSE
                    who = speaker_after(sentence[match.end() :], self.lang)
                    if who is None:
                        continue
                    begin = match.end() + who.start + len(who.text)
                    comma = re.match(r"^[^,.;:!?\"“”„«»]{0,80},", sentence[begin:])  # according to X made ..., CLAUSE
                    if comma:
                        begin += comma.end()
                    begin += len(sentence[begin:]) - len(sentence[begin:].lstrip(" ,"))
                    relay = re.match(r"^(?:quoting|citing)\s+([^,]+),\s*", sentence[begin:])
                    relayed = self._relayed(relay.group(1)) if relay else None
                    via: Speaker | None = None
                    if relay and relayed is not None:  # the words are the quoted source's, relayed by who
                        via = self._resolve(who, True)[0]
                        who = relayed
                        begin += relay.end()
                    end = _clause_stop(sentence, begin)
                    if sentence[begin : begin + 1] in PAIRS or len(sentence[begin:end].split()) < 3:
                        continue
                    speaker, check = self._resolve(who, True)
                    self._add(Found(s, p, a + begin, a + end, "indirect", speaker, verb, check, via=via))
                    break
                if verb.lower() not in REPORTED:
                    continue
                who = speaker_before(sentence[: match.start()], self.lang)
                if who is None and subject is not None and re.search(r"\s+and\s+$", sentence[: match.start()]):
                    who = subject  # "X theorized that ..., and wrote that ..."
                if who is None and verb.lower() in PARTICIPLES:
                    who = first_name(sentence[: match.start()], self.lang)  # "X gave a speech, saying that ..."
                after = match.end()
                if who is None:  # verb-second order: "... sagte er, die Regierung ..."
                    inverted = re.match(r"\s+([^\W\d_]+(?:\s+[^\W\d_]+)?)(?=,\s)", sentence[after:])
                    who = speaker_after(" " + inverted.group(1), self.lang) if inverted else None
                    if who is None:
                        continue
                    after += inverted.end() if inverted else 0
                clause = self._clause_after(sentence, after, verb.lower())
                if clause is None:
                    clause = self._clause_before(sentence, who, match.end())
                if clause is None:
                    continue
                c0, c1 = a + clause[0], a + clause[1]
                speaker, check = self._resolve(who, True, self._context(s, p, masked, a + match.start()))
                self._add(Found(s, p, c0, c1, "indirect", speaker, verb, check))
                taken_until, subject = clause[1], who

    @staticmethod
    def _clause_after(sentence: str, at: int, verb: str = "") -> tuple[int, int] | None:
        rest = sentence[at:]
        if verb in ASKING:  # only an indirect question: "asked officials how ..."
            question = re.match(r"^(?:\s+[^\s,.;:!?]+){0,4}?\s+(?=(?:how|whether|if|why|what|when|where|who|ob|wie|warum)\s)", rest)
            if question is None:
                return None
            rest, at = rest[question.end() - 1 :], at + question.end() - 1
        elif verb in TELLING:  # "told CBC News the department ...": skip the one told
            told = re.match(r"^\s+(?:reporters|journalists|him|her|them|us|me|[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*)*)(?=\s)", rest)
            if told:
                rest, at = rest[told.end() :], at + told.end()
        late_that = re.match(r"^,\s+[^,.;:!?\"“”„«»]{1,60},\s+(?:that|dass)\s+", rest)  # says, in a statement, that
        late_that = late_that or re.match(  # stated to LA Weekly that, told X in a statement that
            r"^\s+(?:to|in|on|at|during|via|by|through|over|with)\s+[^,.;:!?\"“”„«»]{1,40}?\s+(?:that|dass)\s+", rest
        )
        if late_that:
            rest = " " + rest[late_that.end() :]
            at = at + late_that.end() - 1
        m = re.match(r"^(?:\s+(?:er|sie|il|elle))?,?\s+(?:that\s+|dass\s+|que\s+|qu['’])?", rest)
        if m is None:
            return None
        start = at + m.end()
        end = _clause_stop(sentence, start)
        body = sentence[start:end]
        if body[:1] in PAIRS or len(body.split()) < 3 or re.match(r"^\S+(?:\s+\S+)?:|^to\s", body):
            return None
        for later in VERB_RE.finditer(body):  # "..., and wrote that ...": a second clause begins
            if re.search(r",\s+and\s+$", body[: later.start()]) and _cue(later).lower() in REPORTED:
                end = start + len(body[: later.start()].rstrip(" ,").removesuffix(" and").rstrip(" ,"))
                break
        return start, end

    @staticmethod
    def _clause_before(sentence: str, who: Who, verb_end: int) -> tuple[int, int] | None:
        if sentence[verb_end:].strip(" .!?") != "":
            return None
        head = sentence[: who.start].rstrip()
        if not head.endswith(","):
            return None
        start = len(sentence) - len(sentence.lstrip())
        body = sentence[start : len(head) - 1]
        if body[:1] in PAIRS or len(body.split()) < 3:
            return None
        return start, len(head) - 1

    # -- the walk -----------------------------------------------------------

    def run(self, sections: list[list[str]]) -> list[Found]:
        for s, paragraphs in enumerate(sections):
            spans = find_spans(paragraphs, self.keep_short)
            self._span_to_found: dict[int, int] = {}
            for p, paragraph in enumerate(paragraphs):
                mine = [(i, sp) for i, sp in enumerate(spans) if sp.paragraph == p]
                masked = _mask(paragraph, [sp for _, sp in mine])
                self._masked[(s, p)] = masked
                previous: Span | None = None
                for i, span in mine:
                    self._direct(s, p, paragraph, masked, span, previous)
                    self._span_to_found[i] = len(self.found) - 1
                    previous = span
                self._reported(s, p, paragraph, masked)
        return self.found
