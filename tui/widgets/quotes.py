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
from ..core.search import Results
from ..messages import Follow
from ..render import join, safe, safe_short
from .keys import LIST_KEYS
from .reader import short_name, speaker_colour
from .results import ResultsList

#: Characters of the paragraph shown either side of the quote in the viewer.
CONTEXT = 80


class QuoteList(OptionList):
    def selected_target(self) -> Target | None:
        option = self.highlighted_option
        return Target("quote", option.id) if option is not None and option.id else None

    BINDINGS = LIST_KEYS


class QuoteViewer(Vertical):
    """List of quotes on top, the highlighted quote in full below."""

    def __init__(self, index: ArticleIndex, **kwargs) -> None:
        super().__init__(**kwargs)
        self.index = index
        self.border_title = "Quotes"

    def compose(self):
        yield Static(id="quote-count", markup=False)
        yield QuoteList(*self._options(), id="quote-list")
        order = self.index.article.section_index
        article = self.index.article
        yield ResultsList(
            {(article.id, s): n + 1 for s, n in order.items()},
            lambda record: short_name(self.index, record.speaker),
            id="results",
        )
        with VerticalScroll(id="quote-detail-scroll"):
            yield Static(id="quote-detail")

    # -- search mode -----------------------------------------------------

    @property
    def searching(self) -> bool:
        return self.has_class("-searching")

    def show_results(self, results: Results) -> None:
        """Show search results in place of the list of all quotes."""
        self.add_class("-searching")
        self.border_title = "Search results"
        nq, nc = len(results.quotes), len(results.claims)
        if not nq and not nc:
            text = safe("No quotes or claims match ", "bold") + safe(results.query.text, "italic")
        else:
            text = safe(f"{nq} quote{'s' if nq != 1 else ''} match{'es' if nq == 1 else ''}", "bold")
            if nc:
                text += safe(f", {nc} claim{'s' if nc != 1 else ''} match{'es' if nc == 1 else ''}", "dim")
        self.query_one("#quote-count", Static).update(text)
        self.query_one(ResultsList).set_results(results)
        if not len(results):
            self.query_one("#quote-detail", Static).update(safe("Nothing to show.", "dim"))

    def show_error(self, message: str) -> None:
        """A malformed query: say so, and keep the last good results on screen."""
        self.add_class("-searching")
        self.query_one("#quote-count", Static).update(safe(message, "bold $error"))

    def clear_results(self) -> None:
        self.remove_class("-searching")
        self.border_title = "Quotes"
        olist = self.query_one(QuoteList)
        if olist.highlighted is not None and olist.highlighted_option is not None:
            self.show_detail(olist.highlighted_option.id)

    def on_results_list_highlighted(self, event: ResultsList.Highlighted) -> None:
        event.stop()
        if event.hit is None:
            return
        record = event.hit.record
        if record.type == "quote":
            self.show_detail(record.id)
        else:
            self.query_one("#quote-detail", Static).update(self.claim_detail(record.id))

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
                (f"§{order[quote.section] + 1} ", "dim"),
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
        parts += [("  ·  ", "dim"), (f"§{index.article.section_index[quote.section] + 1} ", "dim"), safe(section.title, "dim italic")]
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
        section = index.article.sections[claim.section]
        parts: list = [("◆ claim  ·  ", "dim"), (claim.kind, "bold"), ("  ·  by ", "dim"), safe(speaker.name, f"bold {colour}")]
        parts += ["\n", (f"§{index.article.section_index[claim.section] + 1} ", "dim"), safe(section.title, "dim italic")]
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
