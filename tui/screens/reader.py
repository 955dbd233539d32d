"""The main screen: outline | reader over quote viewer | cross-references.

The screen owns navigation: panes post :class:`Follow`, and the screen
moves every pane and keeps the back/forward history.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Horizontal, Vertical
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
from ..core.history import History
from ..core.index import ArticleIndex
from ..core.nav import Origin, Target
from ..core.resolve import target_exists
from ..core.state import Position, StateStore
from ..core.text import visible
from ..messages import ArticleReloaded, Follow, Navigate, SectionInView
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
from .reader_items import ItemActions

COMPACT_WIDTH = 100
#: Below this height the quote pane (14 rows) is shown on demand, not under the text.
SHORT_HEIGHT = 28
#: Below this height the search shows only its prompt, not the results list.
TINY_HEIGHT = 14


class ReaderScreen(ItemActions):
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
        elif self.has_class("-reader-only"):  # out of reader only: just the pane asked for
            self.remove_class("-reader-only")
            other = "xrefs" if pane == "outline" else "outline"
            self.add_class(f"-hide-{other}")
            self.remove_class(f"-hide-{pane}")
            show = True
        else:
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
