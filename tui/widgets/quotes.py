"""The quote viewer: every quote of the article, and the selected one in
full, in its context."""

from __future__ import annotations

from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..core.index import ArticleIndex
from ..core.nav import Origin, Target
from ..core.placing import quotation
from ..keys import LIST_KEYS
from ..messages import Follow
from ..presentation import section_heading, speaker_colour
from ..render import join, safe, safe_short

#: Characters of the paragraph shown either side of the quote in the viewer.
CONTEXT = 80


class QuoteList(OptionList):
    def selected_target(self) -> Target | None:
        option = self.highlighted_option
        return Target("quote", option.id) if option is not None and option.id else None

    BINDINGS = [*LIST_KEYS]


class QuoteViewer(Vertical):
    """List of quotes on top, the highlighted quote in full below."""

    def __init__(self, index: ArticleIndex, **kwargs) -> None:
        super().__init__(**kwargs)
        self.index = index
        self.border_title = "Quotes"

    def compose(self):
        yield QuoteList(*self._options(), id="quote-list")
        with VerticalScroll(id="quote-detail-scroll"):
            yield Static(id="quote-detail")

    def show_claim(self, claim_id: str) -> None:
        """Show a claim in full in the detail area (a search result, say)."""
        self.query_one("#quote-detail", Static).update(self.claim_detail(claim_id))
        self.query_one("#quote-detail-scroll").scroll_home(animate=False)

    def _options(self) -> list[Option]:
        index = self.index
        order = index.article.section_index
        options = []
        quotes = sorted(
            index.article.doc.quotes,
            key=lambda q: (order[q.section], index.anchor(q.id).paragraph, index.anchor(q.id).start),
        )
        for quote in quotes:
            speaker = index.speaker(quote)
            colour = speaker_colour(index, quote.speaker)
            prompt = join(
                (f"{index.article.section_label(quote.section)} ", "dim"),
                ("“ " if quote.kind == "direct" else "~ ", colour),
                safe(speaker.name, f"bold {colour}"),
                safe(f", {speaker.role}" if speaker.role else "", "dim italic"),
                (" (reported)" if quote.kind == "indirect" else " (direct)", "dim"),
                ": ",
                safe_short(quote.text, 70),
            )
            options.append(Option(prompt, id=quote.id))
        return options

    def on_mount(self) -> None:
        if self.index.article.doc.quotes:
            self.query_one(QuoteList).highlighted = 0
        else:
            self.query_one("#quote-detail", Static).update(safe("This article has no quotes.", "dim"))

    def select(self, quote_id: str) -> None:
        """Highlight a quote and show it in full, without moving the reader."""
        olist = self.query_one(QuoteList)
        try:
            position = olist.get_option_index(quote_id)
        except Exception:
            return
        with olist.prevent(OptionList.OptionHighlighted):
            olist.highlighted = position
        self.show_detail(quote_id)

    def show_detail(self, quote_id: str) -> None:
        self.query_one("#quote-detail", Static).update(self.detail(quote_id))
        self.query_one("#quote-detail-scroll").scroll_home(animate=False)

    def detail(self, quote_id: str) -> Content:
        index = self.index
        quote = index.article.quotes[quote_id]
        speaker = index.speaker(quote)
        anchor = index.anchor(quote_id)
        section = index.article.sections[quote.section]
        colour = speaker_colour(index, quote.speaker)
        paragraph = section.paragraphs[anchor.paragraph]
        # the quote in its paragraph, trimmed to a window around it so that
        # the highlight is in view even in a short pane
        start, end = anchor.start, anchor.end
        lo = max(0, start - CONTEXT)
        hi = min(len(paragraph), end + CONTEXT)
        lo = paragraph.rfind(" ", 0, lo) + 1 if lo else 0
        cut_end = paragraph.find(" ", hi)
        hi = len(paragraph) if cut_end < 0 or hi >= len(paragraph) else cut_end
        context = safe(paragraph[lo:hi]).stylize(f"bold {colour} reverse", start - lo, end - lo)
        if lo:
            context = safe("…") + context
        if hi < len(paragraph):
            context = context + safe("…")
        parts: list = [safe(speaker.name, f"bold {colour}")]
        if speaker.role:
            parts += [", ", safe(speaker.role, "italic")]
        parts += [(f"  ·  {quote.kind}", "dim")]
        if quote.cue:
            parts += [("  ·  cue: ", "dim"), safe(quote.cue)]
        if quote.via is not None and quote.via in index.article.entities:  # who relayed the words
            parts += [("  ·  via ", "dim"), safe(index.article.entities[quote.via].name)]
        parts += [("  ·  ", "dim"), section_heading(index, quote.section)]
        parts += [("\n", ""), context]
        whole = quotation(index.article.quotes, quote_id)
        if len(whole) > 1:  # one quotation in parts (continues): show it whole
            parts += [(f"\n\nThe whole quotation, in {len(whole)} parts:\n", "bold"), "“"]
            for n, part in enumerate(whole):
                parts += [(" … ", "dim")] if n else []
                parts += [safe(part.text, f"bold {colour}" if part.id == quote_id else "")]
            parts += ["”"]
        if quote.note:
            parts += [("\n\nNote: ", "bold"), safe(quote.note, "italic")]
        claims = index.claims_of_quote.get(quote_id, ())
        if claims:
            parts += [("\n\nCarries:", "bold")]
            for claim in claims:
                parts += [(f"\n ◆ {claim.kind}: ", "dim"), safe(claim.text)]
        return join(*parts)

    def claim_detail(self, claim_id: str) -> Content:
        index = self.index
        claim = index.article.claims[claim_id]
        speaker = index.speaker(claim)
        colour = speaker_colour(index, claim.speaker)
        parts: list = [("◆ claim  ·  ", "dim"), (claim.kind, "bold"), ("  ·  by ", "dim"), safe(speaker.name, f"bold {colour}")]
        parts += ["\n", section_heading(index, claim.section)]
        parts += ["\n\n", safe(claim.text, "bold")]
        for qid in claim.quotes:
            parts += ["\n ", (f"{index.article.quotes[qid].kind}: ", "dim"), safe(index.article.quotes[qid].text, "italic")]
        for link in index.relations_of(claim_id):
            other = index.article.claims[link.other]
            parts += ["\n ", (link.label, "bold"), " ", safe(other.text)]
        return join(*parts)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_id:
            self.show_detail(event.option_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id:
            self.post_message(Follow(Target("quote", event.option_id), origin=Origin.QUOTES))
