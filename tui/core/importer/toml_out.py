"""Writing TOML by hand, so that the draft reads like a hand-written article.

Strings are written as literal strings (``'…'`` or ``'''…'''``, which take
text as it is) wherever TOML allows, and as escaped basic strings otherwise.
"""

from __future__ import annotations

import re

# Characters a TOML literal string cannot hold (all controls except tab).
_NOT_LITERAL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")
_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f\u0080-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]')
_NAMED = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def basic(text: str) -> str:
    """A TOML basic string: ``"…"`` with escapes."""
    return '"' + _ESCAPE.sub(lambda m: _NAMED.get(m.group(), f"\\u{ord(m.group()):04x}"), text) + '"'


def string(text: str, multiline: bool = False) -> str:
    """The most readable TOML string for a text: literal where possible."""
    if not _NOT_LITERAL.search(text):
        if "'" not in text:
            return "'" + text + "'"
        if multiline and "'''" not in text and not text.endswith("'") and not text.startswith("\n"):
            return "'''" + text + "'''"
    return basic(text)


def array(items: list[str]) -> str:
    return "[" + ", ".join(basic(i) for i in items) + "]"


def comment(text: str) -> str:
    """A one-line TOML comment body: no line breaks or controls can end it early."""
    return re.sub("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", " ", text)
