"""Search across the whole library; results name their article."""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from ..core.nav import Target
from ..core.search import QueryError, Results, SearchIndex, parse
from ..render import safe
from ..widgets.results import ResultsList

#: Up to this many quotes and claims, search runs on the UI thread (it takes
#: a few milliseconds); above it, in a worker thread.
SYNC_LIMIT = 5000


class LibrarySearchScreen(ModalScreen[Target | None]):
    """Dismisses with the chosen quote or claim (its ``article`` set)."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("down", "focus_results", "Results", show=False),
    ]

    def __init__(
        self,
        index: SearchIndex,
        section_number: dict[tuple[str, str], int],
        speaker_name: Callable,
        article_title: Callable[[str], str],
        query: str = "",
    ) -> None:
        super().__init__(classes="library-search")
        self.index = index
        self._section_number = section_number
        self._speaker_name = speaker_name
        self._article_title = article_title
        self.initial = query

    def compose(self):
        with Vertical(id="library-search"):
            yield Input(value=self.initial, placeholder='search every article: words "a phrase" speaker: kind: article:', id="library-query")
            yield Static(id="library-count")
            yield ResultsList(self._section_number, self._speaker_name, self._article_title, id="library-results")
        yield Footer()

    def on_mount(self) -> None:
        query = self.query_one("#library-query", Input)
        if self.app.is_headless:
            query.cursor_blink = False
        query.focus()
        if self.initial:
            self.run_search(self.initial)

    def run_search(self, text: str) -> None:
        count = self.query_one("#library-count", Static)
        try:
            query = parse(text)
        except QueryError as exc:
            count.update(safe(f"{exc.message} (at character {exc.position + 1})", "bold $error"))
            return
        if query.is_empty:
            count.update(safe("Type to search quotes and claims in every article.", "dim"))
            return
        if len(self.index) <= SYNC_LIMIT:
            self.show_results(text, self.index.search(query))
        else:
            # a big library: search off the UI thread, so typing never waits;
            # the newest query wins, and results for older ones are dropped
            self._search_in_thread(text, query)

    @work(thread=True, exclusive=True, group="library-search")
    def _search_in_thread(self, text: str, query) -> None:
        results = self.index.search(query)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._apply, text, results)

    def _apply(self, text: str, results: Results) -> None:
        if self.is_mounted and self.query_one("#library-query", Input).value == text:
            self.show_results(text, results)

    def show_results(self, text: str, results: Results) -> None:
        count = self.query_one("#library-count", Static)
        nq, nc = len(results.quotes), len(results.claims)
        articles = len({h.record.article for h in (*results.quotes, *results.claims)})
        if not nq and not nc:
            count.update(safe("No quotes or claims match ", "bold") + safe(text, "italic"))
        else:
            count.update(
                safe(f"{nq} quote{'s' if nq != 1 else ''} match{'es' if nq == 1 else ''}", "bold")
                + safe(f", {nc} claim{'s' if nc != 1 else ''}, in {articles} article{'s' if articles != 1 else ''}", "dim")
            )
        self.query_one(ResultsList).set_results(results)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.run_search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.query_one(ResultsList).current_hit)

    def on_results_list_chosen(self, event: ResultsList.Chosen) -> None:
        event.stop()
        self._choose(event.hit)

    def on_results_list_highlighted(self, event: ResultsList.Highlighted) -> None:
        event.stop()

    def _choose(self, hit) -> None:
        if hit is not None:
            record = hit.record
            self.dismiss(Target(record.type, record.id, record.article))

    def action_focus_results(self) -> None:
        self.query_one(ResultsList).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    @property
    def last_query(self) -> str:
        return self.query_one("#library-query", Input).value
