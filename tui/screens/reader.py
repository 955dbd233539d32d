"""The main screen: outline | reader over quote viewer | cross-references.

The screen owns navigation: panes post :class:`Follow`, and the screen
moves every pane and keeps the back/forward history.
"""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Static

from ..commands import (
    ClaimsProvider,
    EntitiesProvider,
    QuotesProvider,
    SectionsProvider,
)
from ..core.diagnostics import Diagnostic
from ..core.find import Finder
from ..core.history import History
from ..core.index import ArticleIndex
from ..core.nav import Origin, Target
from ..core.resolve import target_exists
from ..core.search import Hit, QueryError, Results, SearchIndex, parse
from ..core.state import Position, StateStore
from ..core.text import plural, shorten, visible
from ..messages import ArticleReloaded, CopyCitation, FileChanged, Follow, Navigate, SectionInView, ShowBookmarks
from ..presentation import short_name
from ..render import safe
from ..widgets.header import SafeHeader as Header
from ..widgets.outline import Outline
from ..widgets.quotes import QuoteList, QuoteViewer
from ..widgets.reader import Reader
from ..widgets.results import ResultsList, target_of
from ..widgets.search_prompt import SearchPrompt
from ..widgets.xrefs import XrefPane
from .detail import claim_screen, entity_screen
from .help import HelpScreen

COMPACT_WIDTH = 100
#: Below this height the quote pane (14 rows) is shown on demand, not under the text.
SHORT_HEIGHT = 28
#: Below this height the search shows only its prompt, not the results list.
TINY_HEIGHT = 14


class ReaderScreen(Screen):
    AUTO_FOCUS = "#reader"
    COMMANDS = {SectionsProvider, EntitiesProvider, QuotesProvider, ClaimsProvider}
    BINDINGS = [
        # first, so that a narrow footer keeps them
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
        Binding("slash", "search", "Search"),
        Binding("ctrl+o", "toggle_pane('outline')", "Outline"),
        Binding("ctrl+x", "toggle_pane('xrefs')", "Xrefs"),
        Binding("v", "focus_pane('quotes')", "Quotes"),
        Binding("right_square_bracket", "section(1)", "Next §"),
        Binding("left_square_bracket", "section(-1)", "Prev §", show=False),
        Binding("c", "cite", "Cite"),
        Binding("z", "reader_only", "Reader only", show=False),
        Binding("o", "focus_pane('outline')", "Outline", show=False),
        Binding("r", "focus_pane('reader')", "Reader", show=False),
        Binding("x", "focus_pane('xrefs')", "Xrefs", show=False),
        Binding("e", "entity", "Entity", show=False),
        Binding("E", "edit", "Edit", show=False),
        Binding("m", "bookmark", "Bookmark", show=False),
        Binding("B", "bookmarks", "Bookmarks", show=False),
        Binding("p", "person", "Across library", show=False),
        Binding("n", "match(1)", "Next match", show=False),
        Binding("N", "match(-1)", "Prev match", show=False),
        Binding("escape", "clear_search", "Close / clear", show=False),
        Binding("alt+left,backspace", "back", "Back", key_display="alt+←", show=False),
        Binding("alt+right", "forward", "Forward", show=False),
    ]

    def __init__(
        self,
        index: ArticleIndex,
        *,
        store: StateStore,
        restore: Position | None = None,
        initial: Target | None = None,
        history: History | None = None,
        stale: tuple[Diagnostic, ...] = (),
    ) -> None:
        super().__init__()
        self.store = store
        self._stale = stale
        self.index = index
        self.article = index.article
        self.history = history or History()
        self.section = self.article.doc.sections[0].id
        self._restore = restore
        self._initial = initial
        self._search_index: SearchIndex | None = None
        self._finder: Finder | None = None
        self._match: int | None = None
        self._search_origin: tuple[str, int | None] | None = None
        self._search_scroll: float | None = None
        self._results_moved = False
        self._save_timer: Timer | None = None

    def compose(self):
        yield Header()
        yield Static(id="stale")
        yield Horizontal(*self._panes(), id="panes")
        with Vertical(id="search"):
            yield ResultsList(
                {(self.article.id, s.id): self.article.section_number(s.id) for s in self.article.doc.sections},
                lambda record: short_name(self.index, record.speaker) if record.speaker else "",
                id="results",
            )
            yield SearchPrompt(id="search-prompt")
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
        self.query_one("#stale").display = False
        if self._stale:
            self.show_stale(self._stale)
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
            self._sync_panes(target, Origin.OPEN)
        if pos.paragraph is not None:
            reader.show_paragraph(pos.section, pos.paragraph)
        else:
            reader.scroll_to(y=pos.scroll, animate=False)
        self._set_section(pos.section)
        if target is None or target not in reader.marks:
            self.query_one(Outline).select(Target("section", pos.section))

    # -- saved position ----------------------------------------------------

    def position(self) -> Position:
        reader = self.query_one(Reader)
        section, paragraph = reader.paragraph_at_top()
        target = reader.current_target
        return Position(section=section, paragraph=paragraph, scroll=reader.scroll_y, target=target.key if target else None)

    def save_position(self) -> None:
        if self.is_mounted:
            self.store.save_position(self.article.id, self.position())

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

    async def on_article_reloaded(self, message: ArticleReloaded) -> None:
        """The file changed on disk: show the new version, or mark this one stale."""
        message.stop()
        if message.file != self.article.file:
            return
        if message.index is None:
            self.show_stale(message.errors)
        else:
            await self.replace_article(message.index)

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
        self._finder, self._match = None, None
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
        prompt = self.query_one(SearchPrompt)
        if self.has_class("-search-open") and prompt.value:
            self.run_search(prompt.value)
        self.call_after_refresh(self._go_to_start)

    def on_resize(self, event) -> None:
        self._layout_for(event.size)

    def _layout_for(self, size) -> None:
        # narrow: every side pane becomes a toggle; short: the quote pane does
        self.set_class(size.width < COMPACT_WIDTH, "-compact")
        self.set_class(size.height < SHORT_HEIGHT, "-short")
        self.set_class(size.height < TINY_HEIGHT, "-tiny")

    @property
    def _quotes_on_demand(self) -> bool:
        return self.has_class("-compact") or self.has_class("-short")

    # -- navigation ------------------------------------------------------

    def go(self, target: Target, *, origin: Origin = Origin.NONE, record: bool = True) -> None:
        """Move every pane to ``target``."""
        if target.article and target.article != self.article.id:
            self.post_message(Navigate(target))
            return
        target = Target(target.kind, target.id)
        if target.kind != "person" and not target_exists(self.article, target):  # a stale bookmark, history entry
            what = visible(f"{target.kind} {target.id!r}", one_line=True)
            self.notify(f"The {what} is no longer in this article.", severity="warning", markup=False)
            return
        if target.kind == "person":
            self.post_message(Navigate(Target("person", target.id, self.article.id)))
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
        elif origin is Origin.READER_ENTER and target.kind == "quote":
            self.action_focus_pane("quotes")  # the quote's view: in full, in its context
        elif origin is Origin.OUTLINE_ENTER:  # a jump: the keys are the reader's again
            self.remove_class("-show-outline")
            reader.focus()

    def _sync_panes(self, target: Target, origin: Origin) -> None:
        if not origin.from_outline:
            self.query_one(Outline).select(target)
        if target.kind == "quote" and origin is not Origin.QUOTES:
            self.query_one(QuoteViewer).select(target.id)
        self._set_section(self._section_of(target))

    def _after_detail(self, target: Target | None) -> None:
        if target is not None:
            self.go(target, origin=Origin.DETAIL)

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
        widgets: dict[str, type[Widget]] = {"outline": Outline, "reader": Reader, "quotes": QuoteList, "xrefs": XrefPane}
        widget = widgets[pane]
        if self.has_class("-compact"):
            self.set_class(pane == "outline", "-show-outline")
            self.set_class(pane == "xrefs", "-show-xrefs")
        if self._quotes_on_demand:
            self.set_class(pane == "quotes", "-show-quotes")
        self.query_one(widget).focus()

    def action_toggle_pane(self, pane: str) -> None:
        """ctrl+o / ctrl+x: show or hide the outline or the cross-references, at
        any width (over the text on small terminals, beside it on wide ones)."""
        widget: Outline | XrefPane = self.query_one(Outline) if pane == "outline" else self.query_one(XrefPane)
        if self.has_class("-compact"):
            name = f"-show-{pane}"
            show = not self.has_class(name)
            self.set_class(show, name)
        else:
            self.remove_class("-reader-only")
            name = f"-hide-{pane}"
            show = self.has_class(name)
            self.set_class(not show, name)
        if show:
            widget.focus()
        elif widget.has_focus or not self.focused:
            self.query_one(Reader).focus()

    def action_reader_only(self) -> None:
        """z: the text alone, the whole width; z again brings the panes back."""
        only = not self.has_class("-reader-only")
        self.set_class(only, "-reader-only")
        for name in ("-show-outline", "-show-xrefs", "-hide-outline", "-hide-xrefs"):
            self.remove_class(name)
        self.query_one(Reader).focus()

    def _overlays(self) -> list[str]:
        """The panes shown over the text (small terminals), topmost last."""
        shown = [c for c in ("-show-quotes", "-show-outline", "-show-xrefs") if self.has_class(c)]
        if not self.has_class("-compact"):
            shown = [c for c in shown if c == "-show-quotes" and self._quotes_on_demand]
        return shown

    def _close_overlays(self) -> bool:
        shown = self._overlays()
        for name in shown:
            self.remove_class(name)
        if shown:
            self.query_one(Reader).focus()
        return bool(shown)

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
            prompt.set_status(safe(f"{where}/{len(finder)}", "bold"))
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
        reader = self.query_one(Reader)
        if match.place == "paragraph":
            reader.show_paragraph(match.section, match.number)
        elif match.place == "claim":
            reader.show(Target("claim", match.claim))
        else:
            reader.show(Target("section", match.section))
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
            self.query_one(Reader).set_status(f"match {self._match + 1}/{len(self._finder)}{note}")

    def action_clear_search(self) -> None:
        """Escape: close the pane shown over the text, if any; else clear the
        search highlights (the query is kept for /)."""
        if self._close_overlays():
            return
        self._clear_highlights()
        self.query_one(Reader).set_status("")
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
        self.post_message(CopyCitation(target, self.article.id))

    def action_edit(self) -> None:
        """E: open the article in $VISUAL/$EDITOR at the selected quote, claim or
        section (tui/editor.py); the edit shows on return."""
        from ..editor import edit_article

        select = getattr(self.focused, "selected_target", None)
        reader = self.query_one(Reader)
        target = (select() if callable(select) else None) or reader.current_target
        if edit_article(self.app, self.article.file, target or Target("section", reader.section_at_top())):
            self.post_message(FileChanged(self.article.file))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        """Close a pane shown over the reader (small terminals), else quit."""
        if self._close_overlays():
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
            label = self.article.sections[target.id].title or self.article.section_label(target.id)
        elif target.kind == "quote":
            label = self.article.quotes[target.id].text
        else:
            label = self.article.claims[target.id].text
        label = shorten(label, 80)
        added = self.store.toggle_bookmark(self.article.id, target.kind, target.id, label)
        verb = "Bookmarked" if added else "Removed bookmark"
        if self.store.last_error:  # never "Bookmarked" when nothing was saved
            self.notify(visible(f"{verb} until you quit: {self.store.last_error}", one_line=True), severity="warning", markup=False)
            return
        self.notify(visible(f"{verb}: {label}", one_line=True), markup=False)

    def action_bookmarks(self) -> None:
        self.save_position()
        self.post_message(ShowBookmarks())

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
        self.post_message(Navigate(Target("person", entity_id, self.article.id)))
