"""The cross-reference sidebar: what bears on the section in view.

Entities mentioned here (with the other sections that mention them), the
claims made here, how each claim relates to others in both directions, and
the article's sources. Every item is followable with Enter or a click.
"""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..core.index import ArticleIndex
from ..core.nav import Origin, Target
from ..core.text import words
from ..keys import LIST_KEYS
from ..messages import Follow
from ..render import TargetOption, header_option, join, none_option, safe, safe_short


class XrefPane(OptionList):
    BINDINGS = [*LIST_KEYS]

    def __init__(self, index: ArticleIndex, section: str, **kwargs) -> None:
        self.index = index
        self.section = section
        super().__init__(*self._options_for(section), **kwargs)
        self.border_title = "Cross-references"

    def selected_target(self) -> Target | None:
        option = self.highlighted_option
        return option.target if isinstance(option, TargetOption) else None

    def _section_label(self, section_id: str) -> str:
        return self.index.article.section_label(section_id)

    def show_section(self, section_id: str) -> None:
        """Show what bears on ``section_id``."""
        if section_id == self.section:
            return
        self.section = section_id
        options = self._options_for(section_id)
        highlighted = self.highlighted
        self.set_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        if highlighted is not None and first is not None:
            self.highlighted = first

    def _options_for(self, section_id: str) -> list[Option]:
        index = self.index
        article = index.article
        options: list[Option] = []
        options.append(header_option(f"Mentioned in {self._section_label(section_id)}"))
        entities = index.entities_in(section_id)
        if not entities:
            options.append(none_option("no one is mentioned here"))
        for entity in entities:
            others = [self._section_label(s) for s in index.sections_mentioning.get(entity.id, ()) if s != section_id]
            prompt = join(safe(entity.name, "bold"))
            if entity.role:
                prompt = join(prompt, (" — ", "dim"), safe(entity.role, "italic"))
            if others:
                prompt = join(prompt, ("\n  also " + " ".join(others), "dim"))
            options.append(TargetOption(prompt, Target("entity", entity.id), id=Target("entity", entity.id).key))

        claims = index.claims_in.get(section_id, ())
        options.append(header_option(f"Claims in {self._section_label(section_id)}"))
        if not claims:
            options.append(none_option("no claims here"))
        for claim in claims:
            speaker = index.speaker(claim)
            prompt = join(safe(speaker.name, "bold"), (f" ({claim.kind}): ", "dim"), safe_short(claim.text, 90))
            options.append(TargetOption(prompt, Target("claim", claim.id), id=Target("claim", claim.id).key))

        relation_options: list[Option] = []
        for claim in claims:
            for link in index.relations_of(claim.id):
                other = article.claims[link.other]
                prompt = join(
                    safe_short(claim.text, 30, "dim"),
                    ("\n  ", ""),
                    (words(link.label), "bold $warning" if link.kind == "disputes" else "bold"),
                    " ",
                    safe(index.speaker(other).name, "italic"),
                    (f" {self._section_label(other.section)}: ", "dim"),
                    safe_short(other.text, 80),
                )
                relation_options.append(TargetOption(prompt, Target("claim", other.id)))
        options.append(header_option("How these claims relate"))
        options.extend(relation_options or [none_option("no relations")])

        options.append(header_option("Sources"))
        if not article.sources:
            options.append(none_option("No related sources listed"))
        for source in article.sources:
            bits = [safe(source.title, "bold")]
            details = [x for x in (source.publisher, str(source.published) if source.published else None) if x]
            if details:
                bits.append(safe(" — " + ", ".join(details), "dim"))
            if source.url:
                bits.append(safe("\n  " + source.url, "dim underline"))
            options.append(Option(join(*bits), disabled=False))
        meta = article.meta
        if meta.license or meta.attribution:  # the article's own licence, apart from related sources
            credit = " · ".join(x for x in (meta.attribution, f"Licence: {meta.license}" if meta.license else None) if x)
            options.append(Option(safe(credit, "dim italic"), disabled=True))
        return options

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, TargetOption):
            self.post_message(Follow(event.option.target, origin=Origin.XREFS))
