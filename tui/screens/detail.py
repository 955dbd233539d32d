"""Entity and claim views: a heading, facts, and followable items."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..core.index import ArticleIndex
from ..core.nav import Target
from ..keys import LIST_KEYS
from ..messages import CopyCitation
from ..render import header_option, join, none_option, safe, safe_short


class DetailList(OptionList):
    BINDINGS = LIST_KEYS


class DetailScreen(ModalScreen[Target | None]):
    """A modal view; choosing an item dismisses it with that target."""

    BINDINGS = [
        Binding("q,escape", "close", "Close"),
        Binding("c", "cite", "Cite"),
        Binding("p", "person", "Across library"),
        Binding("backspace,alt+left", "close", "Back", show=False),
    ]

    def __init__(self, title: Content, facts: Content, options: list[Option], subject: Target | None = None) -> None:
        super().__init__(classes="detail-screen")
        self._title = title
        self._facts = facts
        self._options = options
        self.subject = subject

    def selected_target(self) -> Target | None:
        """The highlighted item, or what the view is about."""
        option = self.query_one(DetailList).highlighted_option
        if option is not None and option.id and option.id.split(":", 1)[0] in ("quote", "claim"):
            return Target.from_key(option.id.split("#", 1)[0])
        return self.subject

    def action_person(self) -> None:
        """p: this entity (or the highlighted one) across every article."""
        option = self.query_one(DetailList).highlighted_option
        target = None
        if option is not None and option.id and option.id.split("#", 1)[0].split("/")[-1].startswith("entity:"):
            target = Target.from_key(option.id.split("#", 1)[0])
        elif self.subject is not None and self.subject.kind == "entity":
            target = self.subject
        if target is not None:
            self.dismiss(Target("person", target.id, target.article))  # type: ignore[arg-type]

    def action_cite(self) -> None:
        target = self.selected_target()
        if target is not None:
            self.post_message(CopyCitation(target))

    def compose(self):
        with Vertical(id="detail"):
            yield Static(self._title, id="detail-title")
            yield Static(self._facts, id="detail-facts")
            yield DetailList(*self._options, id="detail-list")
        yield Footer()

    def on_mount(self) -> None:
        olist = self.query_one(DetailList)
        first = next((i for i, o in enumerate(self._options) if not o.disabled), None)
        if first is not None:
            olist.highlighted = first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id:
            self.dismiss(Target.from_key(event.option_id.split("#", 1)[0]))

    def action_close(self) -> None:
        self.dismiss(None)


def _section(index: ArticleIndex, section_id: str) -> str:
    return f"§{index.article.section_index[section_id] + 1}"


def entity_screen(index: ArticleIndex, entity_id: str) -> DetailScreen:
    view = index.entity_view(entity_id)
    entity = view.entity
    title = join(safe(entity.name, "bold"), (f"  ({entity.kind})", "dim"))
    facts: list = []
    if entity.role:
        facts += [("Role: ", "dim"), safe(entity.role), "\n"]
    if entity.aliases:
        facts += [("Also called: ", "dim"), safe(", ".join(entity.aliases)), "\n"]
    if entity.sameas:
        facts += [("Same as: ", "dim"), safe(", ".join(entity.sameas)), "\n"]
    if entity.note:
        facts += [safe(entity.note, "italic")]
    options: list[Option] = [header_option(f"Quotes by {entity.name}")]
    for quote in view.quotes:
        options.append(
            Option(
                join((f"{_section(index, quote.section)} {quote.kind}: ", "dim"), safe_short(quote.text, 100)),
                id=Target("quote", quote.id).key,
            )
        )
    if not view.quotes:
        options.append(none_option("no quotes"))
    options.append(header_option("Claims by"))
    for claim in view.claims_by:
        options.append(
            Option(
                join((f"{_section(index, claim.section)} {claim.kind}: ", "dim"), safe_short(claim.text, 100)),
                id=Target("claim", claim.id).key + "#by",
            )
        )
    if not view.claims_by:
        options.append(none_option("no claims"))
    options.append(header_option("Claims about"))
    for claim in view.claims_about:
        speaker = index.speaker(claim)
        options.append(
            Option(
                join(
                    (f"{_section(index, claim.section)} ", "dim"),
                    safe(speaker.name, "italic"),
                    (f" ({claim.kind}): ", "dim"),
                    safe_short(claim.text, 90),
                ),
                id=Target("claim", claim.id).key + "#about",
            )
        )
    if not view.claims_about:
        options.append(none_option("no claims about them"))
    options.append(header_option("Mentioned in"))
    for section_id in view.sections:
        section = index.article.sections[section_id]
        options.append(
            Option(join((f"{_section(index, section_id)} ", "dim"), safe(section.title)), id=Target("section", section_id).key)
        )
    if not view.sections:
        options.append(none_option("not mentioned by name in the text"))
    return DetailScreen(title, join(*facts), options, Target("entity", entity_id))


def claim_screen(index: ArticleIndex, claim_id: str) -> DetailScreen:
    article = index.article
    claim = article.claims[claim_id]
    speaker = index.speaker(claim)
    title = join(safe(claim.text, "bold"))
    facts: list = [
        ("By ", "dim"),
        safe(speaker.name),
        (f"  ·  {claim.kind}  ·  {_section(index, claim.section)} ", "dim"),
        safe(article.sections[claim.section].title, "italic"),
    ]
    if claim.note:
        facts += ["\n", safe(claim.note, "italic")]
    options: list[Option] = [Option(join(("Speaker: ", "dim"), safe(speaker.name, "bold")), id=Target("entity", speaker.id).key)]
    options.append(header_option("Carried by quotes"))
    for qid in claim.quotes:
        quote = article.quotes[qid]
        options.append(Option(join((f"{quote.kind}: ", "dim"), safe_short(quote.text, 100)), id=Target("quote", qid).key))
    if not claim.quotes:
        options.append(none_option("no quotes"))
    options.append(header_option("Relations"))
    links = index.relations_of(claim_id)
    for n, link in enumerate(links):
        other = article.claims[link.other]
        prompt = join(
            (link.label, "bold"),
            " ",
            safe(index.speaker(other).name, "italic"),
            (f" {_section(index, other.section)}: ", "dim"),
            safe_short(other.text, 90),
        )
        if link.note:
            prompt = join(prompt, ("\n  ", ""), safe(link.note, "dim italic"))
        options.append(Option(prompt, id=f"{Target('claim', other.id).key}#{n}"))
    if not links:
        options.append(none_option("no relations"))
    options.append(header_option("About"))
    for eid in claim.about:
        options.append(Option(safe(article.entities[eid].name), id=Target("entity", eid).key + "#about"))
    if not claim.about:
        options.append(none_option("no entities"))
    return DetailScreen(title, join(*facts), options, Target("claim", claim_id))
