"""One person or organisation across every article of the library.

Built from :class:`~tui.core.people.People`, which files every quote and
claim under its speaker when the library loads (gathering a person is then
a lookup), or from :class:`~tui.core.people.StorePeople`, which asks the
library store who is who and reads only that person's articles. The list holds compact specs and makes a line's
:class:`~tui.screens.detail.Item` only when it is drawn, so someone quoted
in every article of 1,000 opens at once.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content

from ..core.article import Article
from ..core.nav import Target
from ..core.people import PersonSource
from ..core.text import plural
from ..render import join, safe
from .detail import DetailScreen, Item, LazyItems, fact

#: One line of the view: (what, article, quote or claim or None).
Spec = tuple[str, Article, Any]


def person_screen(people: PersonSource, article_id: str, entity_id: str) -> DetailScreen:
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
    specs: list[Spec] = []
    for app in person.appearances:
        article = app.article
        specs.append(("article", article, None))
        specs += [("quote", article, q) for q in app.quotes]
        specs += [("by", article, c) for c in app.claims_by]
        specs += [("about", article, c) for c in app.claims_about]
        if not (app.quotes or app.claims_by or app.claims_about):
            specs.append(("none", article, None))

    def make(spec: Spec) -> Item:
        what, article, record = spec
        if what == "article":
            heading = article.meta.title
            if article.meta.published:
                heading += f"  ({article.meta.published.isoformat()})"
            return Item.heading(heading)
        if what == "quote":
            return Item(((f"  {record.kind}: ", "dim"), (record.text, "plain")), Target("quote", record.id, article.id))
        if what == "by":
            return Item(((f"  ◆ {record.kind}: ", "dim"), (record.text, "plain")), Target("claim", record.id, article.id))
        if what == "about":
            speaker = article.entities[record.speaker].name
            return Item(
                ((f"  ◆ about {name}, by ", "dim"), (speaker, "italic"), (f" ({record.kind}): ", "dim"), (record.text, "plain")),
                Target("claim", record.id, article.id),
            )
        return Item.note("named, with no quotes or claims")

    items: LazyItems[Spec] | list[Item] = LazyItems(specs, make)
    if not specs:
        items = [Item.heading("Nothing in the library")]
    return DetailScreen(title, facts, items, Target("entity", entity_id, article_id))
