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
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
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
    id and parsed back. ``id`` stays optional, for lookups only (two options
    may lead to the same place)."""

    def __init__(self, prompt: Content | Visual, target: Target, *, id: str | None = None, disabled: bool = False) -> None:
        super().__init__(prompt, id=id, disabled=disabled)
        self.target = target


class Hanging(Visual):
    """``lead`` then ``body``, wrapped so that every line after the first
    starts under the body, not under the lead: a hanging indent, for list
    items such as "§3 A long section title" or "  “ Hegseth: a long quote".
    Options and Statics take it wherever they take Content."""

    def __init__(self, lead: Content, body: Content) -> None:
        self.lead = lead
        self.body = body

    @property
    def plain(self) -> str:
        return self.lead.plain + self.body.plain

    def _lines(self, width: int) -> list[Content]:
        indent = self.lead.cell_length
        if indent >= width // 2:  # too narrow to hang: wrap as one text
            return (self.lead + self.body).wrap(max(1, width))
        lines = self.body.wrap(max(1, width - indent)) if self.body.plain else [Content("")]
        pad = Content(" " * indent)
        return [self.lead + lines[0], *(pad + line for line in lines[1:])]

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        if not width:
            return []
        return Content("\n").join(self._lines(width)).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.lead.cell_length + self.body.cell_length

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._lines(width))


def hanging(lead: Content, body: Content) -> Hanging:
    return Hanging(lead, body)
