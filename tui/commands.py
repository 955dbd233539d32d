"""Command-palette providers: reach any section, quote, claim or entity by name.

Two rules keep this fast and safe:
- Textual's fuzzy ``Matcher`` tries every alignment, so its cost explodes
  with string length (one 158-character quote took 7.5 s). It is used here
  for short names only (section titles, entity names); quotes and claims are
  matched by Quoth's own search core.
- ``Matcher.highlight`` and ``Hit.help`` parse markup, so article text never
  goes through them: hits are displayed as Content built from plain text,
  and help texts are our own words.
"""

from __future__ import annotations

from functools import partial
from inspect import getattr_static
from typing import Literal, Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.message import Message

from .core.article import Article
from .core.nav import Origin, Target
from .core.search import QueryError, SearchIndex, parse
from .core.text import visible
from .messages import Follow
from .render import safe, safe_short

#: Names longer than this are not given to the fuzzy matcher.
FUZZY_LIMIT = 60
#: Hits shown for long-text providers.
MAX_HITS = 50


def fuzzy_display(matcher: Matcher, text: str, style: str = "") -> tuple[float, Content]:
    """Score and highlight a short name without parsing it as markup."""
    text = visible(text, one_line=True)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    content = safe(text, style)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return score, content


class ArticleView(Protocol):
    """What the providers need of the screen they search: an article and its
    search index. Moving there is asked for with a :class:`Follow` message
    posted to that screen, so this module never imports a screen."""

    @property
    def article(self) -> Article: ...

    @property
    def search_index(self) -> SearchIndex: ...

    def post_message(self, message: Message) -> bool: ...


class _ReaderProvider(Provider):
    @property
    def reader(self) -> ArticleView | None:
        screen = self.screen
        # a static look, so that asking does not build the screen's search index
        for name in ("article", "search_index"):
            try:
                getattr_static(screen, name)
            except AttributeError:
                return None
        return cast(ArticleView, screen)

    def _go(self, target: Target) -> None:
        reader = self.reader
        if reader is not None:
            reader.post_message(Follow(target, origin=Origin.PALETTE))


class SectionsProvider(_ReaderProvider):
    """Sections by title (fuzzy)."""

    def _items(self):
        reader = self.reader
        if reader is None:
            return []
        return [(n, s) for n, s in enumerate(reader.article.doc.sections, 1)]

    async def discover(self) -> Hits:
        for n, section in self._items():
            yield DiscoveryHit(
                Content(f"§{n} ") + safe(section.title),
                partial(self._go, Target("section", section.id)),
                help="Go to section",
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for n, section in self._items():
            title = section.title[:FUZZY_LIMIT]
            score, display = fuzzy_display(matcher, title)
            if score > 0:
                yield Hit(
                    score,
                    Content(f"§{n} ") + display,
                    partial(self._go, Target("section", section.id)),
                    text=f"§{n} {title}",
                    help="Go to section",
                )


class EntitiesProvider(_ReaderProvider):
    """People and organisations by name or alias (fuzzy)."""

    def _items(self):
        reader = self.reader
        return list(reader.article.doc.entities) if reader is not None else []

    async def discover(self) -> Hits:
        for entity in self._items():
            yield DiscoveryHit(safe(entity.name), partial(self._go, Target("entity", entity.id)), help="Open entity view")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entity in self._items():
            best, display = 0.0, safe(entity.name)
            for name in entity.names:
                score, shown = fuzzy_display(matcher, name[:FUZZY_LIMIT])
                if score > best:
                    best, display = score, shown
            if best > 0:
                if entity.role:
                    display = display + safe(f" — {entity.role}", "dim")
                yield Hit(best, display, partial(self._go, Target("entity", entity.id)), text=entity.name, help="Open entity view")


class _TextProvider(_ReaderProvider):
    """Quotes or claims by their words, through the search core."""

    record_type: Literal["quote", "claim"] = "quote"
    help = "Go to quote"

    async def search(self, query: str) -> Hits:
        reader = self.reader
        if reader is None or not query.strip():
            return
        try:
            parsed = parse(query)
        except QueryError:
            return
        results = reader.search_index.search(parsed, types=(self.record_type,))
        hits = results.quotes if self.record_type == "quote" else results.claims
        article = reader.article
        for rank, hit in enumerate(hits[:MAX_HITS]):
            record = hit.record
            speaker = article.entities[record.speaker]
            body = safe_short(record.text, 90)
            if len(body.plain) == len(record.text):
                for start, end in hit.spans(parsed):
                    body = body.stylize("bold reverse", start, end)
            display = safe(speaker.name, "bold") + Content(": ") + body
            # Rank order from the search core; scores must stay in (0, 1].
            yield Hit(
                1.0 - rank / (MAX_HITS + 1),
                display,
                partial(self._go, Target(self.record_type, record.id)),
                text=record.text,
                help=self.help,
            )


class QuotesProvider(_TextProvider):
    record_type = "quote"
    help = "Go to quote"


class ClaimsProvider(_TextProvider):
    record_type = "claim"
    help = "Go to claim"
