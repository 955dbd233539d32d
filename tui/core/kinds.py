"""The kinds of quotes and claims of format 1, as plain literals.

:mod:`.model` uses them in its pydantic models; search uses them without
importing pydantic, so that ``quoth search`` answering from the library store
stays fast."""

from __future__ import annotations

from typing import Literal

QuoteKind = Literal["direct", "indirect"]
ClaimKind = Literal[
    "assertion",
    "denial",
    "proposal",
    "demand",
    "warning",
    "commitment",
    "prediction",
    "position",
    "concession",
    "question",
]
