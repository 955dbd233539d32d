"""The main screen: outline | reader over quote viewer | cross-references.

The screen owns navigation: panes post :class:`Follow`, and the screen
moves every pane and keeps the back/forward history.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from ..commands import (
    ClaimsProvider,
    EntitiesProvider,
    QuotesProvider,
    SectionsProvider,
)
from ..core.diagnostics import Diagnostic
from ..core.history import History
from ..core.index import ArticleIndex
from ..core.nav import Origin, Target
from ..core.search import QueryError, SearchIndex, parse
from ..core.state import Position
from ..core.text import shorten, visible
from ..messages import Follow, SectionInView
from ..render import safe
from ..widgets.header import SafeHeader as Header
from ..widgets.outline import Outline
from ..widgets.quotes import QuoteList, QuoteViewer
from ..widgets.reader import Reader
from ..widgets.results import ResultsList, target_of
from ..widgets.xrefs import XrefPane
from .detail import claim_screen, entity_screen
from .help import HelpScreen

COMPACT_WIDTH = 100
#: Below this height the quote pane (14 rows) is shown on demand, not under the text.
SHORT_HEIGHT = 28


class ReaderScreen(Screen):
    AUTO_FOCUS = "#reader"
    COMMANDS = {SectionsProvider, EntitiesProvider, QuotesProvider, ClaimsProvider}
    BINDINGS = [
        Binding("right_square_bracket", "section(1)", "Next §"),
        Binding("left_square_bracket", "section(-1)", "Prev §", show=False),
        Binding("o", "focus_pane('outline')", "Outline", show=False),
        Binding("r", "focus_pane('reader')", "Reader", show=False),
        Binding("v", "focus_pane('quotes')", "Quotes", show=False),
        Binding("x", "focus_pane('xrefs')", "Xrefs", show=False),
        Binding("e", "entity", "Entity", show=False),
        Binding("c", "cite", "Cite"),
        Binding("m", "bookmark", "Bookmark", show=False),
        Binding("B,ctrl+b", "bookmarks", "Bookmarks", show=False),
        Binding("p", "person", "Across library", show=False),
        Binding("slash", "search", "Search"),
        Binding("n", "match(1)", "Next match", show=False),
        Binding("N", "match(-1)", "Prev match", show=False),
        Binding("escape", "clear_search", "Clear search", show=False),
        Binding("alt+left,backspace", "back", "Back", key_display="alt+←"),
        Binding("alt+right", "forward", "Forward", show=False),
        Binding("ctrl+o", "toggle('outline')", "Outline", show=False),
        Binding("ctrl+x", "toggle('xrefs')", "Xrefs", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        index: ArticleIndex,
        *,
        restore: Position | None = None,
        initial: Target | None = None,
        history: History | None = None,
    ) -> None:
        super().__init__()
        self.index = index
        self.article = index.article
        self.history = history or History()
        self.section = self.article.doc.sections[0].id
        self._restore = restore
        self._initial = initial
        self._search_index: SearchIndex | None = None
        self._save_timer = None

    def compose(self):
        yield Header()
        yield Horizontal(*self._panes(), id="panes")
        yield Static(id="stale")
        yield Input(placeholder="search quotes and claims: words \"a phrase\" speaker: kind: section:", id="search-bar")
        yield Footer()

    def _panes(self) -> list:
        return [
            Outline(self.index, id="outline"),
            Vertical(Reader(self.index, id="reader"), QuoteViewer(self.index, id="quotes"), id="centre"),
            XrefPane(self.index, self.section, id="xrefs"),
        ]

    def on_mount(self) -> None:
        self.sub_title = visible(self.article.meta.title, one_line=True)
        if not self.history.items:
            self.history.push(Target("section", self.section))
        if self.app.is_headless:  # tests and snapshots: no blinking cursor
            self.query_one("#search-bar", Input).cursor_blink = False
        self.query_one("#stale").display = False
        self._layout_for(self.app.size)
        if self._initial is not None or self._restore is not None:
            self.call_after_refresh(self._go_to_start)

    def _go_to_start(self) -> None:
        """Open where asked, or where the reader left off last time."""
        if self._initial is not None:
            self.go(self._initial, origin=Origin.OPEN)
            return
        pos = self._restore
        if pos is None or pos.section not in self.article.sections:
            return
        reader = self.query_one(Reader)
        target = Target.from_key(pos.target) if pos.target else None
        if target is not None and target in reader.marks:
            reader.show(target)
            self._sync_panes(target, "restore")
        if pos.paragraph is not None:
            reader.restore(pos.section, pos.paragraph)
        else:
            reader.scroll_to(y=pos.scroll, animate=False)
        self._set_section(pos.section)

    # -- saved position ----------------------------------------------------

    def position(self) -> Position:
        reader = self.query_one(Reader)
        section, paragraph = reader.position()
        target = reader.current_target
        return Position(section=section, paragraph=paragraph, scroll=reader.scroll_y, target=target.key if target else None)

    def save_position(self) -> None:
        store = getattr(self.app, "store", None)
        if store is not None and self.is_mounted:
            store.save_position(self.article.id, self.position())

    def _schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(1.0, self.save_position)

    def on_screen_suspend(self) -> None:
        self.save_position()

    # -- live reload -------------------------------------------------------

    def show_stale(self, errors: tuple[Diagnostic, ...]) -> None:
        """The file on disk is invalid: keep this version, and say why it is stale."""
        banner = self.query_one("#stale", Static)
        body = safe("Stale: the file changed and is now invalid; showing the last good version.\n", "bold")
        for error in errors[:5]:
            body += safe(error.format() + "\n")
        if len(errors) > 5:
            body += safe(f"… and {len(errors) - 5} more errors (quoth check shows all)")
        banner.update(body)
        banner.display = True

    async def replace_article(self, index: ArticleIndex) -> None:
        """A new valid version of the file: rebuild the panes at the same place."""
        if index.article.doc == self.article.doc:
            self.query_one("#stale").display = False
            return
        position = self.position()
        target = Target.from_key(position.target) if position.target else None
        if target is not None and (
            (target.kind == "quote" and target.id not in index.article.quotes)
            or (target.kind == "claim" and target.id not in index.article.claims)
        ):
            position = position.model_copy(update={"target": None})
        self.index, self.article = index, index.article
        if self.section not in self.article.sections:
            self.section = self.article.doc.sections[0].id
        self._search_index = None
        self._restore, self._initial = position, None
        had_focus = self.focused.id if self.focused is not None else None
        panes = self.query_one("#panes")
        await panes.remove_children()
        await panes.mount_all(self._panes())
        self.sub_title = visible(self.article.meta.title, one_line=True)
        self.query_one("#stale").display = False
        if had_focus:
            for widget in self.query(f"#{had_focus}"):
                widget.focus()
        bar = self.query_one("#search-bar", Input)
        if self.has_class("-search-open") and bar.value:
            self.run_search(bar.value)
        self.call_after_refresh(self._go_to_start)

    def on_resize(self, event) -> None:
        self._layout_for(event.size)

    def _layout_for(self, size) -> None:
        # narrow: every side pane becomes a toggle; short: the quote pane does
        self.set_class(size.width < COMPACT_WIDTH, "-compact")
        self.set_class(size.height < SHORT_HEIGHT, "-short")

    @property
    def _quotes_on_demand(self) -> bool:
        return self.has_class("-compact") or self.has_class("-short")

    # -- navigation ------------------------------------------------------

    def go(self, target: Target, *, origin: Origin = Origin.NONE, record: bool = True) -> None:
        """Move every pane to ``target``."""
        if target.article and target.article != self.article.id:
            self.app.follow(target, self)  # type: ignore[attr-defined]
            return
        target = Target(target.kind, target.id)
        if target.kind == "person":
            self.app.open_person(self.article.id, target.id)  # type: ignore[attr-defined]
            return
        if target.kind == "entity":
            self.app.push_screen(entity_screen(self.index, target.id), self._after_detail)
            if record:
                self.history.push(target)
            return
        reader = self.query_one(Reader)
        if origin is not Origin.READER:
            reader.show(target)
        self._sync_panes(target, origin)
        if record:
            self.history.push(target, replace=origin is Origin.OUTLINE)
        if origin is Origin.READER_ENTER and target.kind == "claim":
            self.app.push_screen(claim_screen(self.index, target.id), self._after_detail)

    def _sync_panes(self, target: Target, origin: Origin) -> None:
        if not origin.from_outline:
            self.query_one(Outline).select(target)
        if target.kind == "quote" and origin is not Origin.QUOTES:
            self.query_one(QuoteViewer).select(target.id)
        self._set_section(self._section_of(target))

    def _after_detail(self, target: Target | None) -> None:
        self.app.follow(target, self)  # type: ignore[attr-defined]

    def _section_of(self, target: Target) -> str:
        if target.kind == "section":
            return target.id
        if target.kind == "quote":
            return self.article.quotes[target.id].section
        if target.kind == "claim":
            return self.article.claims[target.id].section
        return self.section

    def _set_section(self, section: str) -> None:
        self.section = section
        self.query_one(XrefPane).show_section(section)

    def on_results_list_chosen(self, message: ResultsList.Chosen) -> None:
        message.stop()
        self.go(target_of(message.hit), origin=Origin.RESULTS)

    def on_follow(self, message: Follow) -> None:
        message.stop()
        self.go(message.target, origin=message.origin, record=message.record)

    def on_section_in_view(self, message: SectionInView) -> None:
        message.stop()
        self._schedule_save()
        if message.section != self.section:
            self._set_section(message.section)
            outline = self.query_one(Outline)
            if not outline.has_focus:
                outline.select(Target("section", message.section))

    # -- actions ---------------------------------------------------------

    def action_section(self, delta: int) -> None:
        order = self.article.section_index
        sections = self.article.doc.sections
        reader = self.query_one(Reader)
        current = order[reader.section_at_top()]
        nxt = min(max(current + delta, 0), len(sections) - 1)
        self.go(Target("section", sections[nxt].id))

    def action_focus_pane(self, pane: str) -> None:
        widget = {"outline": Outline, "reader": Reader, "quotes": QuoteList, "xrefs": XrefPane}[pane]
        if self.has_class("-compact"):
            self.set_class(pane == "outline", "-show-outline")
            self.set_class(pane == "xrefs", "-show-xrefs")
        if self._quotes_on_demand:
            self.set_class(pane == "quotes", "-show-quotes")
        self.query_one(widget).focus()

    def action_toggle(self, pane: str) -> None:
        name = f"-show-{pane}"
        show = not self.has_class(name)
        self.set_class(show, name)
        widget = Outline if pane == "outline" else XrefPane
        if show:
            self.query_one(widget).focus()
        else:
            self.query_one(Reader).focus()

    def _opened_over_a_screen(self) -> bool:
        """Whether this reader was opened over the library or another article, so
        that going back closes it."""
        from .library import LibraryScreen

        stack = self.app.screen_stack
        return len(stack) > 1 and stack[-1] is self and isinstance(stack[-2], (LibraryScreen, ReaderScreen))

    def action_back(self) -> None:
        target = self.history.back()
        if target is not None:
            self.go(target, origin=Origin.HISTORY, record=False)
        elif self._opened_over_a_screen():
            self.save_position()
            self.app.pop_screen()

    def action_forward(self) -> None:
        target = self.history.forward()
        if target is not None:
            self.go(target, origin=Origin.HISTORY, record=False)

    def action_entity(self) -> None:
        target = self.query_one(Reader).current_target
        if target is None:
            return
        item = self.article.quotes.get(target.id) if target.kind == "quote" else self.article.claims.get(target.id)
        if item is not None:
            self.go(Target("entity", item.speaker))

    # -- search ----------------------------------------------------------

    @property
    def search_index(self) -> SearchIndex:
        if self._search_index is None:
            self._search_index = SearchIndex([self.article])  # frozen out of the GC's reach
        return self._search_index

    def action_search(self) -> None:
        """Open the search field (the last query is kept)."""
        self.add_class("-search-open")
        if self._quotes_on_demand:
            self.add_class("-show-quotes")
        bar = self.query_one("#search-bar", Input)
        bar.focus()
        if bar.value:
            self.run_search(bar.value)

    def run_search(self, text: str) -> None:
        quotes = self.query_one(QuoteViewer)
        try:
            query = parse(text)
        except QueryError as exc:
            quotes.show_error(f"{exc.message} (at character {exc.position + 1})")
            return
        if query.is_empty:
            quotes.clear_results()
            self.query_one(Reader).set_search(None)
            return
        results = self.search_index.search(query)
        quotes.show_results(results)
        self.query_one(Reader).set_search(query if query.needles else None)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search-bar":
            event.stop()
            self.run_search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "search-bar":
            return
        event.stop()
        self.remove_class("-search-open")
        results = self.query_one(ResultsList)
        hit = results.current_hit
        self.query_one(Reader).focus()
        if hit is not None:
            self.go(target_of(hit), origin=Origin.RESULTS)

    def action_match(self, step: int) -> None:
        """n / N: the next / previous match, as in less."""
        quotes = self.query_one(QuoteViewer)
        if not quotes.searching:
            bar = self.query_one("#search-bar", Input)
            if not bar.value:
                self.notify("No search yet: press / to search", severity="warning")
                return
            self.run_search(bar.value)
        hit = self.query_one(ResultsList).move(step)
        if hit is not None:
            self.go(target_of(hit), origin=Origin.RESULTS)

    def action_clear_search(self) -> None:
        """Escape: close the search field and clear the highlights; keep the query."""
        bar = self.query_one("#search-bar", Input)
        was_open = self.has_class("-search-open")
        self.remove_class("-search-open")
        self.query_one(QuoteViewer).clear_results()
        self.query_one(Reader).set_search(None)
        if self._quotes_on_demand:
            self.remove_class("-show-quotes")
        if was_open or bar.has_focus:
            self.query_one(Reader).focus()

    def action_cite(self) -> None:
        """c: copy the selected quote or claim as a citation."""
        focused = self.focused
        select = getattr(focused, "selected_target", None)
        target = select() if callable(select) else None
        if target is None or target.kind not in ("quote", "claim"):
            target = self.query_one(Reader).current_target
        if target is None:
            self.notify("Select a quote or claim first (tab steps through them)", severity="warning")
            return
        self.app.cite(target)  # type: ignore[attr-defined]

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        """Close a pane shown over the reader (small terminals), else quit."""
        shown = [c for c in ("-show-outline", "-show-xrefs", "-show-quotes") if self.has_class(c)]
        if not self.has_class("-compact"):
            shown = [c for c in shown if c == "-show-quotes" and self._quotes_on_demand]
        if shown:
            for name in shown:
                self.remove_class(name)
            self.query_one(Reader).focus()
            return
        self.save_position()
        if self._opened_over_a_screen():
            self.app.pop_screen()  # back to the library, same row selected
        else:
            self.app.exit()

    def on_unmount(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()

    # -- bookmarks and people ----------------------------------------------

    def action_bookmark(self) -> None:
        """m: bookmark the current quote or claim, or else the section in view."""
        reader = self.query_one(Reader)
        target = reader.current_target or Target("section", reader.section_at_top())
        if target.kind == "section":
            label = self.article.sections[target.id].title
        elif target.kind == "quote":
            label = self.article.quotes[target.id].text
        else:
            label = self.article.claims[target.id].text
        label = shorten(label, 80)
        store = self.app.store  # type: ignore[attr-defined]
        added = store.toggle_bookmark(self.article.id, target.kind, target.id, label)
        verb = "Bookmarked" if added else "Removed bookmark"
        self.notify(visible(f"{verb}: {label}", one_line=True), markup=False)

    def action_bookmarks(self) -> None:
        self.save_position()
        self.app.open_bookmarks()  # type: ignore[attr-defined]

    def action_person(self) -> None:
        """p: the current speaker (or the highlighted entity) across the library."""
        select = getattr(self.focused, "selected_target", None)
        target = select() if callable(select) else None
        entity_id = target.id if target is not None and target.kind == "entity" else None
        if entity_id is None:
            mark = self.query_one(Reader).current_target
            item = None
            if mark is not None:
                item = self.article.quotes.get(mark.id) if mark.kind == "quote" else self.article.claims.get(mark.id)
            entity_id = item.speaker if item is not None else None
        if entity_id is None:
            self.notify("Select a quote, claim or person first", severity="warning")
            return
        self.app.open_person(self.article.id, entity_id)  # type: ignore[attr-defined]
