"""The one way article text reaches the screen.

Article text is untrusted: it becomes :class:`Content` (or Rich ``Text``; the
search results list draws rich Segments of :func:`visible` text directly)
built from plain strings, never markup, and any control character that
slipped past the loader is shown in caret notation (``^[``), so no raw ESC,
C1, NUL or bidi override reaches the terminal.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.widgets.option_list import Option

from .core.nav import Target
from .core.text import FORBIDDEN, shorten, visible


def safe(text: str, style: str = "", *, one_line: bool = False) -> Content:
    """Article text as inert Content, optionally styled (the style is ours)."""
    content = Content(visible(text, one_line=one_line))
    return content.stylize(style) if style else content


def safe_short(text: str, width: int, style: str = "") -> Content:
    return safe(shorten(visible(text, one_line=True), width), style)


def safe_text(text: str, style: str = "") -> Text:
    """Article text as a Rich Text (for widgets such as Tree that take Text)."""
    return Text(visible(text, one_line=True), style=style, no_wrap=True)


def join(*parts: Content | tuple[str, str] | str) -> Content:
    """Assemble pieces: Content is kept, (text, style) is our own styled text,
    a str is our own plain text. Article text must come in as Content."""
    out = Content("")
    for part in parts:
        if isinstance(part, Content):
            out = out + part
        elif isinstance(part, tuple):
            out = out + safe(part[0], part[1])
        else:
            out = out + safe(part)
    return out


def has_controls(text: str) -> bool:
    return FORBIDDEN.search(text) is not None


def header_option(text: str) -> Option:
    """A group heading in an option list (our own words; not selectable)."""
    return Option(safe(text, "bold $accent"), disabled=True)


def none_option(text: str) -> Option:
    """A dim "nothing here" line in an option list."""
    return Option(safe(f"  {text}", "dim"), disabled=True)


class TargetOption(Option):
    """An option that carries where it goes, so no target is spelled into its
    id and parsed back. ``id`` stays optional, for lookups only."""

    def __init__(self, prompt: Content, target: Target, *, id: str | None = None) -> None:
        super().__init__(prompt, id=id)
        self.target = target
