"""Making untrusted text inert: the characters a terminal would act on.

Pure functions, no Textual. The loader uses :data:`FORBIDDEN` to refuse
control characters; error messages use :func:`quoted`; the screen uses
:func:`visible` so that anything that slipped past the loader is shown in
caret notation, the way ``less`` shows ESC as ``^[``.
"""

from __future__ import annotations

import re

#: C0 controls except tab and newline, DEL, C1 controls, and the bidi
#: embeddings/overrides (U+202A-U+202E) and isolates (U+2066-U+2069).
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

#: The same set plus tab and newline, for one-line displays.
_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def codepoint(ch: str) -> str:
    """``U+001B`` style name of a character."""
    return f"U+{ord(ch):04X}"


def _caret(match: re.Match[str]) -> str:
    ch = match.group()
    o = ord(ch)
    if o < 0x20:
        return "^" + chr(o + 0x40)
    if o == 0x7F:
        return "^?"
    return f"<{codepoint(ch)}>"


def visible(text: str, *, one_line: bool = False) -> str:
    """Show control characters as caret notation (``^[``) and C1/bidi as ``<U+202E>``.

    Tabs and newlines are kept unless ``one_line`` is set.
    """
    pattern = _ONE_LINE if one_line else FORBIDDEN
    if pattern.search(text) is None:
        return text
    return pattern.sub(_caret, text)


def _backslash(match: re.Match[str]) -> str:
    ch = match.group()
    if ch == "\n":
        return "\\n"
    if ch == "\t":
        return "\\t"
    if ch == "\\":
        return "\\\\"
    return f"\\u{ord(ch):04x}"


_QUOTE_ESCAPES = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\\\\]")


def quoted(text: str, limit: int = 60) -> str:
    """Quote a piece of file content for an error message: ``'x\\u001b'``.

    Never returns a raw control character, whatever ``text`` holds.
    """
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "'" + _QUOTE_ESCAPES.sub(_backslash, text) + "'"


def shorten(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` characters with an ellipsis, on a word boundary if possible."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: max(1, width - 1)]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


#: Plurals that are not made by rule.
_IRREGULAR = {"person": "people", "this": "these"}


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 quote``, ``2 quotes``, ``3 entities``, ``2 matches``: a count and
    its noun, in the one form every message uses (``many`` for irregulars)."""
    if count == 1:
        return f"{count} {word}"
    if many is None:
        many = _IRREGULAR.get(word)
    if many is None:
        if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
            many = word[:-1] + "ies"
        elif word.endswith(("s", "sh", "ch", "x", "z")):
            many = word + "es"
        else:
            many = word + "s"
    return f"{count} {many}"


def matching(n: int, word: str) -> str:
    """A count of matches with its verb agreed: "1 claim matches", "3 claims match"."""
    return f"{plural(n, word)} {'matches' if n == 1 else 'match'}"


def words(label: str) -> str:
    """A kind or relation label as words: "responds-to" reads "responds to"."""
    return label.replace("-", " ")
