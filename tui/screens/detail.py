"""Entity, claim and person views: a heading, facts, and a list of items to follow.

Each line of the list is an :class:`Item` that carries its own
:class:`~tui.core.nav.Target` (no ids with suffixes parsed back). The list is
a :class:`~tui.widgets.virtual_list.VirtualList`, one line an item, so a
person quoted in every article of a 1,000-article library (9,000 lines)
opens within a frame; the highlighted item is shown whole, wrapped under
its label, in the preview below the list. Facts keep a hanging indent too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar, overload

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from ..core.index import ArticleIndex
from ..core.nav import Target
from ..core.text import plural, visible, words
from ..messages import CopyCitation
from ..render import join, safe
from ..widgets.virtual_list import Piece, VirtualList

#: How a piece's kind is styled outside the list (preview, facts).
_STYLES = {"plain": "", "bold": "bold", "dim": "dim", "italic": "italic", "header": "bold $accent"}


@dataclass(frozen=True, slots=True)
class Item:
    """One line of a detail view. ``pieces`` are (text, kind): article text is
    shown inert wherever it goes. ``target`` is where Enter goes; headings
    and notes have none, and the cursor passes over them."""

    pieces: tuple[Piece, ...]
    target: Target | None = None
    more: str = ""  # a second paragraph for the preview (a relation's note)

    @classmethod
    def heading(cls, text: str) -> Item:
        return cls(((text, "header"),))

    @classmethod
    def note(cls, text: str) -> Item:
        return cls((("  " + text, "dim"),))


S = TypeVar("S")


class LazyItems(Sequence[Item], Generic[S]):
    """Items made when first seen, from compact specs: a person quoted in
    every article of a big library has thousands, and only a screenful is
    ever drawn at once."""

    def __init__(self, specs: Sequence[S], make: Callable[[S], Item]) -> None:
        self._specs = specs
        self._make = make
        self._made: dict[int, Item] = {}

    def __len__(self) -> int:
        return len(self._specs)

    @overload
    def __getitem__(self, index: int) -> Item: ...
    @overload
    def __getitem__(self, index: slice) -> list[Item]: ...
    def __getitem__(self, index: int | slice) -> Item | list[Item]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._specs)
        item = self._made.get(index)
        if item is None:
            item = self._made[index] = self._make(self._specs[index])
        return item


def fact(label: str, value: Content) -> tuple[str, Content]:
    return (label, value)


class DetailList(VirtualList[Item]):
    """The items of a detail view, one line each, cut with an ellipsis."""

    CLICK_CHOOSES = True

    class Highlighted(VirtualList.Highlighted):
        """The cursor is on another item (``row``)."""

    class Chosen(VirtualList.Chosen):
        """Enter or a click chose the item ``row``."""

    def is_header(self, index: int) -> bool:
        return self.rows[index].target is None

    def render_row(self, index: int, width: int) -> list[Piece]:
        return [(visible(text, one_line=True), kind) for text, kind in self.rows[index].pieces]


class DetailScreen(ModalScreen[Target | None]):
    """A modal view; choosing an item dismisses it with that target."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape", "close", "Close"),
        Binding("c", "cite", "Cite"),
        Binding("p", "person", "Across library"),
        Binding("question_mark,f1", "help", "Help"),
        Binding("backspace,alt+left", "close", "Back", show=False),
    ]
    HELP_TITLE = "Detail view"
    KEY_HELP: ClassVar[dict[str, str]] = {
        "close": "close the view (back to where you were)",
        "cite": "copy the highlighted quote or claim as a citation",
        "person": "the highlighted person (or this one) across every article",
        "choose": "go to the highlighted item (the view closes)",
    }

    def __init__(
        self,
        title: Content,
        facts: Sequence[tuple[str, Content]],
        items: Sequence[Item],
        subject: Target | None = None,
    ) -> None:
        super().__init__(classes="detail-screen")
        self._title = title
        self._facts = facts
        self.items = items
        self.subject = subject

    def compose(self) -> ComposeResult:
        with Vertical(id="detail"):
            yield Static(self._title, id="detail-title")
            with Vertical(id="detail-facts"):
                for label, value in self._facts:
                    with Horizontal(classes="fact"):
                        yield Static(safe(label, "dim"), classes="fact-label")
                        yield Static(value, classes="fact-value")
            yield DetailList(id="detail-list")
            with Horizontal(id="detail-preview"):
                yield Static(classes="preview-label")
                yield Static(classes="preview-text")
        yield Footer()

    def on_mount(self) -> None:
        items = self.query_one(DetailList)
        items.set_rows(self.items)
        items.focus()

    # -- the highlighted item ------------------------------------------------

    def highlighted(self) -> Item | None:
        return self.query_one(DetailList).current

    def on_detail_list_highlighted(self, event: DetailList.Highlighted) -> None:
        event.stop()
        item: Item | None = event.row
        label, text = Content(""), Content("")
        if item is not None:
            pieces = list(item.pieces)
            if len(pieces) > 1 and pieces[0][1] == "dim":
                label = safe(pieces.pop(0)[0].strip(), "dim")
            text = join(*(safe(t, _STYLES[k]) for t, k in pieces))
            if item.more:
                text = join(text, "\n", safe(item.more, "dim italic"))
        self.query_one(".preview-label", Static).update(label)
        self.query_one(".preview-text", Static).update(text)
        self.query_one("#detail-preview").display = item is not None

    def on_detail_list_chosen(self, event: DetailList.Chosen) -> None:
        event.stop()
        item: Item = event.row
        self.dismiss(item.target)

    def selected_target(self) -> Target | None:
        """The highlighted quote or claim, or what the view is about."""
        item = self.highlighted()
        if item is not None and item.target is not None and item.target.kind in ("quote", "claim"):
            return item.target
        return self.subject

    # -- actions -------------------------------------------------------------

    def action_person(self) -> None:
        """p: the highlighted entity (or this one) across every article."""
        item = self.highlighted()
        target = None
        if item is not None and item.target is not None and item.target.kind == "entity":
            target = item.target
        elif self.subject is not None and self.subject.kind in ("entity", "person"):
            target = self.subject
        if target is not None:
            self.dismiss(Target("person", target.id, target.article))

    def action_cite(self) -> None:
        target = self.selected_target()
        if target is None or target.kind not in ("quote", "claim"):
            self.notify("Highlight a quote or claim to cite it", severity="warning")
            return
        self.post_message(CopyCitation(target))

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def action_close(self) -> None:
        self.dismiss(None)


def _section(index: ArticleIndex, section_id: str) -> str:
    return f"§{index.article.section_index[section_id] + 1}"


def entity_screen(index: ArticleIndex, entity_id: str) -> DetailScreen:
    view = index.entity_view(entity_id)
    entity = view.entity
    name = entity.name
    title = join(safe(name, "bold"), (f"  ({entity.kind})", "dim"))
    facts: list[tuple[str, Content]] = []
    if entity.role:
        facts.append(fact("Role", safe(entity.role)))
    if entity.aliases:
        facts.append(fact("Also called", safe(", ".join(entity.aliases))))
    if entity.sameas:
        facts.append(fact("Same as", safe(", ".join(entity.sameas))))
    if entity.note:
        facts.append(fact("Note", safe(entity.note, "italic")))
    items: list[Item] = [Item.heading(f"Quotes by {name} ({len(view.quotes)})")]
    for quote in view.quotes:
        items.append(Item(((f"{_section(index, quote.section)} {quote.kind}: ", "dim"), (quote.text, "plain")), Target("quote", quote.id)))
    if not view.quotes:
        items.append(Item.note("no quotes"))
    items.append(Item.heading(f"Claims by {name} ({len(view.claims_by)})"))
    for claim in view.claims_by:
        items.append(Item(((f"{_section(index, claim.section)} {claim.kind}: ", "dim"), (claim.text, "plain")), Target("claim", claim.id)))
    if not view.claims_by:
        items.append(Item.note("no claims"))
    items.append(Item.heading(f"Claims about {name} ({len(view.claims_about)})"))
    for claim in view.claims_about:
        items.append(
            Item(
                (
                    (f"{_section(index, claim.section)} ", "dim"),
                    (index.speaker(claim).name, "italic"),
                    (f" ({claim.kind}): ", "dim"),
                    (claim.text, "plain"),
                ),
                Target("claim", claim.id),
            )
        )
    if not view.claims_about:
        items.append(Item.note("no claims about them"))
    items.append(Item.heading(f"Sections that name {name} ({len(view.sections)})"))
    for section_id in view.sections:
        section = index.article.sections[section_id]
        items.append(Item(((f"{_section(index, section_id)} ", "dim"), (section.title, "plain")), Target("section", section_id)))
    if not view.sections:
        items.append(Item.note("not mentioned by name in the text"))
    return DetailScreen(title, facts, items, Target("entity", entity_id))


def claim_screen(index: ArticleIndex, claim_id: str) -> DetailScreen:
    article = index.article
    claim = article.claims[claim_id]
    speaker = index.speaker(claim)
    title = join(safe(claim.text, "bold"))
    facts: list[tuple[str, Content]] = [
        fact(
            "By",
            join(
                safe(speaker.name),
                (f"  ·  {words(claim.kind)}  ·  {_section(index, claim.section)} ", "dim"),
                safe(article.sections[claim.section].title, "italic"),
            ),
        )
    ]
    if claim.note:
        facts.append(fact("Note", safe(claim.note, "italic")))
    items: list[Item] = [Item((("Speaker: ", "dim"), (speaker.name, "bold")), Target("entity", speaker.id))]
    items.append(Item.heading(f"Carried by {plural(len(claim.quotes), 'quote')}"))
    for qid in claim.quotes:
        quote = article.quotes[qid]
        items.append(Item(((f"{quote.kind}: ", "dim"), (quote.text, "plain")), Target("quote", qid)))
    if not claim.quotes:
        items.append(Item.note("no quotes"))
    links = index.relations_of(claim_id)
    items.append(Item.heading(f"Relations ({len(links)})"))
    for link in links:
        other = article.claims[link.other]
        items.append(
            Item(
                (
                    (words(link.label), "bold"),
                    (" ", "plain"),
                    (index.speaker(other).name, "italic"),
                    (f" {_section(index, other.section)}: ", "dim"),
                    (other.text, "plain"),
                ),
                Target("claim", other.id),
                more=link.note or "",
            )
        )
    if not links:
        items.append(Item.note("no relations"))
    items.append(Item.heading("About"))
    for eid in claim.about:
        items.append(Item(((article.entities[eid].name, "plain"),), Target("entity", eid)))
    if not claim.about:
        items.append(Item.note("no entities"))
    return DetailScreen(title, facts, items, Target("claim", claim_id))

