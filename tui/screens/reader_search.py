"""The reader screen's search, like less's ``/`` but structured.

A one-line prompt above the footer (:class:`~tui.widgets.search_prompt.SearchPrompt`)
with the results below the text, grouped (quotes, claims, passages, people).
Typing moves the reader to the first match at or after where the search
began; the arrows walk the results while the prompt keeps focus; Enter on the
query keeps the highlights, and ``n``/``N`` step through the matches in
reading order (:mod:`tui.core.find`), wrapping with a notice.
"""

from __future__ import annotations

from textual import on
from textual.content import Content
from textual.screen import Screen

from ..core.article import Article
from ..core.find import Finder
from ..core.history import History
from ..core.index import ArticleIndex
from ..core.nav import Origin, Target
from ..core.search import Hit, QueryError, Results, SearchIndex, parse
from ..core.text import plural, visible
from ..render import safe
from ..widgets.quotes import QuoteViewer
from ..widgets.reader import Reader
from ..widgets.results import ResultsList, target_of
from ..widgets.search_prompt import SearchPrompt


class ArticleSearch(Screen[None]):
    """The search half of :class:`~tui.screens.reader.ReaderScreen`, which
    provides the article, the history and the moves below."""

    index: ArticleIndex
    article: Article
    history: History

    def __init__(self) -> None:
        super().__init__()
        self._search_index: SearchIndex | None = None
        self._finder: Finder | None = None
        self._match: int | None = None
        self._search_origin: tuple[str, int | None] | None = None
        self._search_scroll: float | None = None
        self._results_moved = False

    def go(self, target: Target, *, origin: Origin = Origin.NONE, record: bool = True) -> None:
        raise NotImplementedError

    def _set_section(self, section: str) -> None:
        raise NotImplementedError

    def _close_overlays(self) -> bool:
        raise NotImplementedError

    # -- search: a prompt like less's /, results below the text, n/N -------

    @property
    def search_index(self) -> SearchIndex:
        if self._search_index is None:  # the whole text: quotes, claims, passages, people
            self._search_index = SearchIndex([self.article], whole_text=True)
        return self._search_index

    def action_search(self) -> None:
        """/: open the prompt (the last query is kept, and searched again)."""
        reader = self.query_one(Reader)
        self._search_origin = reader.paragraph_at_top()
        self._search_scroll = reader.scroll_y
        self._results_moved = False
        self._set_prompt_open(True)
        prompt = self.query_one(SearchPrompt)
        prompt.open()
        if prompt.value:
            self.run_search(prompt.value)

    def run_search(self, text: str) -> None:
        """Search as the query is typed: results, highlights, the first match
        at or after where the search started."""
        prompt = self.query_one(SearchPrompt)
        results_list = self.query_one(ResultsList)
        reader = self.query_one(Reader)
        try:
            query = parse(text)
        except QueryError as exc:
            prompt.set_status(safe(f"{exc.message} (at character {exc.position + 1})", "bold $error"))
            return
        if query.is_empty:
            self._finder = None
            reader.set_search(None)
            results_list.set_results(Results(query))
            self.set_class(False, "-has-results")
            prompt.set_status(Content(""))
            return
        results = self.search_index.search(query)
        results_list.set_results(results)
        self.set_class(bool(results), "-has-results")
        self._results_moved = False
        self._finder = Finder(self.article, query if query.needles else None)
        reader.set_search(query if query.needles else None)
        section, paragraph = self._search_origin or reader.paragraph_at_top()
        self._match = self._finder.first_from(section, paragraph)
        if self._match is not None:
            self._show_match()
        elif results:  # filters only (speaker:, kind:): the first result
            hit = results_list.current_hit
            if hit is not None:
                self._go_to_hit(hit, close=False)
        self._update_status()

    def _update_status(self) -> None:
        prompt = self.query_one(SearchPrompt)
        finder, results = self._finder, self.query_one(ResultsList)
        query_text = prompt.value.strip()
        if finder is not None and len(finder):
            where = (self._match or 0) + 1
            prompt.set_status(safe(f"{where}/{finder.count_text()}", "bold"))
        elif results.hits:
            prompt.set_status(safe(plural(len(results.hits), "result"), "bold"))
        elif query_text:
            prompt.set_status(safe("no match for ", "$error") + safe(query_text, "bold $error", one_line=True))
        else:
            prompt.set_status(Content(""))

    def _show_match(self) -> None:
        if self._finder is None or self._match is None:
            return
        match = self._finder.matches[self._match]
        # drawn unlike the other matches, and its own line shown, deep in a long
        # paragraph too (the text does not move when it is in view)
        self.query_one(Reader).select_match(match.section, match.place, match.number, match.start, match.end, match.claim)
        self._set_section(match.section)

    def _go_to_hit(self, hit: Hit, *, close: bool = True) -> None:
        record = hit.record
        if close:
            self._close_prompt()
        if record.type == "passage":
            paragraph = record.paragraph
            if paragraph is None:
                self.go(Target("section", record.section), origin=Origin.RESULTS)
            else:
                self.query_one(Reader).show_paragraph(record.section, paragraph)
                self._set_section(record.section)
                self.history.push(Target("section", record.section))
        elif record.type == "entity":
            self.go(Target("entity", record.id), origin=Origin.RESULTS)
        else:
            self.go(target_of(hit), origin=Origin.RESULTS)

    @on(SearchPrompt.Changed)
    def _search_changed(self, event: SearchPrompt.Changed) -> None:
        self.run_search(event.text)

    @on(SearchPrompt.Move)
    def _search_move(self, event: SearchPrompt.Move) -> None:
        results = self.query_one(ResultsList)
        if results.hits:
            if abs(event.step) == 1:
                (results.action_cursor_down if event.step > 0 else results.action_cursor_up)()
            else:
                results.move_to(results.cursor + event.step, 1 if event.step > 0 else -1)
            self._results_moved = True

    @on(SearchPrompt.Submitted)
    def _search_submitted(self, event: SearchPrompt.Submitted) -> None:
        """Enter: on a result the cursor was moved to, go there; on the bare
        query, close the prompt and keep the highlights for n/N."""
        hit = self.query_one(ResultsList).current_hit
        if self._results_moved and hit is not None:
            self._go_to_hit(hit)
            return
        self._close_prompt()
        if self._match is not None:
            self._show_match()

    @on(SearchPrompt.Cancelled)
    def _search_cancelled(self) -> None:
        """Escape in the prompt: back to where the search started, no highlights."""
        self._close_prompt()
        self._clear_highlights()
        if self._search_scroll is not None:
            self.query_one(Reader).scroll_to(y=self._search_scroll, animate=False)

    @on(ResultsList.Highlighted)
    def _result_highlighted(self, event: ResultsList.Highlighted) -> None:
        event.stop()
        record = event.hit.record if event.hit is not None else None
        if record is None:
            return
        if record.type == "quote":
            self.query_one(QuoteViewer).select(record.id)
        elif record.type == "claim":
            self.query_one(QuoteViewer).show_claim(record.id)

    @on(ResultsList.Chosen)
    def _result_chosen(self, event: ResultsList.Chosen) -> None:
        event.stop()
        self._go_to_hit(event.hit)

    def _set_prompt_open(self, open_: bool) -> None:
        # shown at once (not at the next style update), so that focus can land
        # in the prompt before the keys typed after / arrive
        self.set_class(open_, "-search-open")
        self.query_one("#search").display = open_

    def _close_prompt(self) -> None:
        self._set_prompt_open(False)
        self.query_one(Reader).focus()

    def _clear_highlights(self) -> None:
        self._finder, self._match = None, None
        self.query_one(Reader).set_search(None)
        self.query_one(SearchPrompt).set_status(Content(""))

    def action_match(self, step: int) -> None:
        """n / N: the next / previous match in reading order, as in less."""
        if self._finder is None:
            text = self.query_one(SearchPrompt).value
            if not text.strip():
                self.notify("No search yet: press / to search", severity="warning")
                return
            self._search_origin = self.query_one(Reader).paragraph_at_top()
            self.run_search(text)
            if self._finder is None:
                return
            step = 0 if self._match is not None else step
        if not len(self._finder):
            self.notify(visible(f"No match for {self.query_one(SearchPrompt).value}", one_line=True), severity="warning", markup=False)
            return
        wrapped = False
        if step:
            self._match, wrapped = self._finder.step(self._match, step)
            if wrapped:
                where = "bottom, continuing at the top" if step > 0 else "top, continuing at the bottom"
                self.notify(f"Search hit the {where}", timeout=2, markup=False)
        self._show_match()
        self._update_status()
        if not self.has_class("-search-open"):
            assert self._match is not None
            note = (" · wrapped to the top" if step > 0 else " · wrapped to the end") if wrapped else ""
            self.query_one(Reader).set_status(f"match {self._match + 1}/{self._finder.count_text()}{note}")

    def action_clear_search(self) -> None:
        """Escape: close the pane shown over the text, if any; else clear the
        search highlights (the query is kept for /)."""
        if self._close_overlays():
            return
        self._clear_highlights()
        self.query_one(Reader).set_status("")
        self.query_one(Reader).focus()

