"""Search across the whole library; results name their article.

The prompt keeps the focus: ↓/↑ (and ctrl+n) walk the results under it,
Enter opens the highlighted one and closes the overlay, Escape closes it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from ..core.nav import Target
from ..core.search import Hit, Query, QueryError, Results, Searcher, parse
from ..core.store_labels import HitLabels
from ..core.text import matching, plural
from ..render import safe
from ..widgets.results import ResultsList, target_of

#: Up to this many quotes and claims, search runs on the UI thread (it takes
#: a few milliseconds); above it, in a worker thread.
SYNC_LIMIT = 5000


class _Numbers(dict[tuple[str, str], int]):
    """Section numbers as the results list asks for them (``get``), looked
    up in the labels when a line is drawn."""

    def __init__(self, labels: HitLabels) -> None:
        super().__init__()
        self.labels = labels

    def __bool__(self) -> bool:  # empty, yet it answers (the list takes ``numbers or {}``)
        return True

    def get(self, key: tuple[str, str], default: Any = None) -> Any:  # type: ignore[override]
        number = self.labels.section_number(*key)
        return default if number is None else number


class LibrarySearchScreen(ModalScreen[Target | None]):
    """Dismisses with the chosen quote or claim (its ``article`` set)."""

    DEFAULT_CSS = """
    /* the prompt keeps the focus, but the results are what the keys move:
       their cursor bar looks active (and unlike a match's highlight) */
    LibrarySearchScreen ResultsList > .virtual-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("enter", "choose", "Open", priority=True),
        # the prompt keeps the focus: these walk the results under it
        # ctrl+p walks back too: the app gives it to a search prompt, not the palette
        Binding("down,ctrl+n", "walk(1)", "Next", key_display="↓", priority=True),
        Binding("up", "walk(-1)", "Previous", key_display="↑", priority=True),
        Binding("ctrl+p", "walk(-1)", "Previous result", show=False, priority=True),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
        Binding("f1", "help", "Help", show=False, priority=True),
    ]
    HELP_TITLE = "Library search"
    KEY_HELP: ClassVar[dict[str, str]] = {
        "walk(1)": "next result (the prompt keeps the focus)",
        "walk(-1)": "previous result",
        "page(1)": "a page of results down",
        "page(-1)": "a page of results up",
        "choose": "open the highlighted result",
        "close": "close the search (the query is kept for next time)",
    }
    HELP_NOTES = 'Type words, "a phrase", speaker: kind: article: to search the quotes and claims of every article.'

    def __init__(
        self,
        index: Searcher,
        labels: HitLabels,
        query: str = "",
    ) -> None:
        """``labels`` name each hit's article, section and speaker (from the
        library store, or from a library in memory: tui/core/store_labels.py)."""
        super().__init__(classes="library-search")
        self.index = index
        self.labels = labels
        self.initial = query

    def compose(self) -> ComposeResult:
        with Vertical(id="library-search"):
            yield Input(value=self.initial, placeholder='search every article: words "a phrase" speaker: kind: article:', id="library-query")
            yield Static(id="library-count")
            labels = self.labels
            yield ResultsList(
                _Numbers(labels),
                lambda record: labels.speaker(record.article, record.speaker),
                labels.title,
                id="library-results",
            )
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
    def _search_in_thread(self, text: str, query: Query) -> None:
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
            count.update(safe(matching(nq, "quote"), "bold") + safe(f", {plural(nc, 'claim')}, in {plural(articles, 'article')}", "dim"))
        self.labels.prepare(results)  # the first lines' labels in one batch
        self.query_one(ResultsList).set_results(results)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.run_search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    def on_results_list_chosen(self, event: ResultsList.Chosen) -> None:
        event.stop()
        self._choose(event.hit)

    def on_results_list_highlighted(self, event: ResultsList.Highlighted) -> None:
        event.stop()

    def _choose(self, hit: Hit | None) -> None:
        """Close the overlay and go to the hit (its article opens)."""
        if hit is not None:
            record = hit.record
            target = target_of(hit)  # a passage leads to its section
            self.dismiss(Target(target.kind, target.id, record.article))

    def action_choose(self) -> None:
        self._choose(self.query_one(ResultsList).current_hit)

    def action_walk(self, step: int) -> None:
        results = self.query_one(ResultsList)
        results.action_cursor_down() if step > 0 else results.action_cursor_up()

    def action_page(self, step: int) -> None:
        results = self.query_one(ResultsList)
        results.action_page_down() if step > 0 else results.action_page_up()

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def action_close(self) -> None:
        self.dismiss(None)

    @property
    def last_query(self) -> str:
        return self.query_one("#library-query", Input).value
