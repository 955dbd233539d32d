"""One person or organisation across every article of the library."""

from __future__ import annotations

from textual.widgets.option_list import Option

from ..core.nav import Target
from ..core.people import People
from ..render import header_option, join, none_option, safe, safe_short
from .detail import DetailScreen


def person_screen(people: People, article_id: str, entity_id: str) -> DetailScreen:
    person = people.person(article_id, entity_id)
    title = join(safe(person.name, "bold"), (f"  across {len(person.appearances)} article{'s' if len(person.appearances) != 1 else ''}", "dim"))
    facts: list = []
    if person.roles:
        facts += [("Roles: ", "dim"), safe("; ".join(person.roles)), "\n"]
    if person.aliases:
        facts += [("Also called: ", "dim"), safe(", ".join(person.aliases)), "\n"]
    if person.sameas:
        facts += [("Same as: ", "dim"), safe(", ".join(person.sameas)), "\n"]
    facts += [(f"{person.quote_count} quotes, {person.claim_count} claims in the library", "dim")]
    options: list[Option] = []
    for app in person.appearances:
        article = app.article
        heading = safe(article.meta.title, "bold $accent")
        if article.meta.published:
            heading += safe(f"  ({article.meta.published.isoformat()})", "dim")
        options.append(Option(heading, disabled=True))
        for quote in app.quotes:
            options.append(
                Option(
                    join((f"  {quote.kind}: ", "dim"), safe_short(quote.text, 100)),
                    id=Target("quote", quote.id, article.id).key,
                )
            )
        for claim in app.claims_by:
            options.append(
                Option(
                    join((f"  ◆ {claim.kind}: ", "dim"), safe_short(claim.text, 100)),
                    id=Target("claim", claim.id, article.id).key + "#by",
                )
            )
        for claim in app.claims_about:
            speaker = article.entities[claim.speaker].name
            options.append(
                Option(
                    join(("  ◆ about them, by ", "dim"), safe(speaker, "italic"), (f" ({claim.kind}): ", "dim"), safe_short(claim.text, 80)),
                    id=Target("claim", claim.id, article.id).key + "#about",
                )
            )
        if not (app.quotes or app.claims_by or app.claims_about):
            options.append(none_option("mentioned, no quotes or claims"))
    if not options:
        options.append(header_option("Nothing in the library"))
    return DetailScreen(title, join(*facts), options, Target("entity", entity_id, article_id))
