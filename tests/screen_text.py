"""Reading what a person sees: the rendered screen as text, and which lines
carry a list's cursor bar. Tests assert on these, not on widget state."""

from __future__ import annotations

from textual.app import App
from textual.widget import Widget


def strips(app: App):
    return app.screen._compositor.render_strips()


def screen_lines(app: App) -> list[str]:
    """Every line of the screen as plain text."""
    return [strip.text for strip in strips(app)]


def screen_text(app: App) -> str:
    return "\n".join(screen_lines(app))


def cursor_lines(app: App, widget: Widget, component: str = "virtual-list--cursor") -> list[str]:
    """The text of the lines inside ``widget`` that are drawn with its cursor's
    background (the bar a person sees on the selected row)."""
    bar = (widget.visual_style + widget.get_visual_style(component)).rich_style
    region = widget.scrollable_content_region
    out = []
    for y, strip in enumerate(strips(app)):
        if not region.y <= y < region.bottom:
            continue
        line = strip.crop(region.x, region.right)
        segments = [s for s in line if s.text]
        # the bar starts the line and runs to its end (matched words inside it
        # keep their own colour)
        if segments and all(s.style is not None and s.style.bgcolor == bar.bgcolor for s in (segments[0], segments[-1])):
            out.append(line.text.strip())
    return out
