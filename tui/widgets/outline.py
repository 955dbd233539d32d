"""The outline: the article's sections in reading order, and under each
section its quotes and claims. Titles wrap, with a hanging indent, so they are
read whole in a narrow pane. Moving in the outline moves the reader; Enter
jumps there and hands the keys to the reader."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList

from ..core.index import ArticleIndex
from ..core.nav import Origin, Target
from ..core.text import shorten
from ..messages import Follow
from ..presentation import short_name
from ..render import TargetOption, hanging, safe

#: Characters of a quote's or claim's text shown in the outline (titles are whole).
OUTLINE_TEXT = 48


class Outline(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g,home", "first", "Top", show=False),
        Binding("G,end", "last", "Bottom", show=False),
    ]

    def __init__(self, index: ArticleIndex, **kwargs: object) -> None:
        self.index = index
        self._positions: dict[Target, int] = {}
        super().__init__(*self._build_options(), **kwargs)  # type: ignore[arg-type]
        self.border_title = "Outline"

    def _build_options(self) -> list[TargetOption]:
        index = self.index
        article = index.article
        options: list[TargetOption] = []
        for section in article.doc.sections:
            target = Target("section", section.id)
            label = article.section_label(section.id)
            # a section the source gave no heading shows only its number: invent none
            prompt = hanging(safe(f"{label} ", "dim"), safe(section.title, "bold")) if section.title else safe(label, "dim")
            options.append(TargetOption(prompt, target))
            for quote in index.quotes_in.get(section.id, ()):
                mark = "“ " if quote.kind == "direct" else "~ "
                who = "…" if quote.continues else short_name(index, quote.speaker)  # a later part of one quotation
                # the opening words: the outline is for finding, the quote view for reading
                prompt = hanging(safe(f"  {mark}", "dim"), safe(who, "bold") + safe(": " + shorten(quote.text, OUTLINE_TEXT)))
                options.append(TargetOption(prompt, Target("quote", quote.id)))
            for claim in index.claims_in.get(section.id, ()):
                prompt = hanging(safe("  ◆ ", "dim"), safe(f"{claim.kind}: ", "italic") + safe(shorten(claim.text, OUTLINE_TEXT)))
                options.append(TargetOption(prompt, Target("claim", claim.id)))
        self._positions = {option.target: n for n, option in enumerate(options)}
        return options

    def selected_target(self) -> Target | None:
        option = self.highlighted_option
        return option.target if isinstance(option, TargetOption) else None

    def select(self, target: Target) -> None:
        """Move the cursor to ``target`` without asking the reader to move."""
        position = self._positions.get(target)
        if position is None or self.highlighted == position:
            return
        with self.prevent(OptionList.OptionHighlighted):
            self.highlighted = position

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if isinstance(event.option, TargetOption):
            self.post_message(Follow(event.option.target, origin=Origin.OUTLINE))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, TargetOption):
            self.post_message(Follow(event.option.target, origin=Origin.OUTLINE_ENTER))
