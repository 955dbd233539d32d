"""One person or organisation across every article of the library.

Built from :class:`~tui.core.people.People`, which files every quote and
claim under its speaker when the library loads: gathering a person is then
a lookup, and the view's list draws only the lines in sight.
"""

from __future__ import annotations

from textual.content import Content

from ..core.nav import Target
from ..core.people import People
from ..core.text import plural
from ..render import join, safe
from .detail import DetailScreen, Item, fact


def person_screen(people: People, article_id: str, entity_id: str) -> DetailScreen:
    person = people.person(article_id, entity_id)
    name = person.name
    title = join(safe(name, "bold"), (f"  across {plural(len(person.appearances), 'article')}", "dim"))
    facts: list[tuple[str, Content]] = []
    if person.roles:
        facts.append(fact("Roles", safe("; ".join(person.roles))))
    if person.aliases:
        facts.append(fact("Also called", safe(", ".join(person.aliases))))
    if person.sameas:
        facts.append(fact("Same as", safe(", ".join(person.sameas))))
    facts.append(fact("Library", safe(f"{plural(person.quote_count, 'quote')}, {plural(person.claim_count, 'claim')}")))
    items: list[Item] = []
    for app in person.appearances:
        article = app.article
        heading = article.meta.title
        if article.meta.published:
            heading += f"  ({article.meta.published.isoformat()})"
        items.append(Item.heading(heading))
        for quote in app.quotes:
            items.append(Item(((f"  {quote.kind}: ", "dim"), (quote.text, "plain")), Target("quote", quote.id, article.id)))
        for claim in app.claims_by:
            items.append(Item(((f"  ◆ {claim.kind}: ", "dim"), (claim.text, "plain")), Target("claim", claim.id, article.id)))
        for claim in app.claims_about:
            speaker = article.entities[claim.speaker].name
            items.append(
                Item(
                    (
                        (f"  ◆ about {name}, by ", "dim"),
                        (speaker, "italic"),
                        (f" ({claim.kind}): ", "dim"),
                        (claim.text, "plain"),
                    ),
                    Target("claim", claim.id, article.id),
                )
            )
        if not (app.quotes or app.claims_by or app.claims_about):
            items.append(Item.note("named, with no quotes or claims"))
    if not items:
        items.append(Item.heading("Nothing in the library"))
    return DetailScreen(title, facts, items, Target("entity", entity_id, article_id))
