"""People and organisations across a library.

Entities with the same id, or sharing a ``sameas`` identifier, are one
person or organisation across articles. This module groups them (union-find)
and builds the cross-article view: quotes and claims in every article,
grouped by article, from the articles in memory (:class:`People`) or from
the library store (:class:`StorePeople`). No Textual import here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from .article import Article
from .index import SaidBy, said_by_each
from .model import Claim, Entity, Quote

if TYPE_CHECKING:
    from .article import Library
    from .store import Store

Key = tuple[str, str]  # (article id, entity id)

_NOTHING = SaidBy()


@dataclass(frozen=True)
class Appearance:
    """One article's share of a person: their entity there, and what they said."""

    article: Article
    entity: Entity
    quotes: tuple[Quote, ...]
    claims_by: tuple[Claim, ...]
    claims_about: tuple[Claim, ...]


@dataclass(frozen=True)
class Person:
    key: Key  # the first (article, entity) in library order: a stable handle
    name: str
    roles: tuple[str, ...]
    aliases: tuple[str, ...]
    sameas: tuple[str, ...]
    appearances: tuple[Appearance, ...]

    @property
    def quote_count(self) -> int:
        return sum(len(a.quotes) for a in self.appearances)

    @property
    def claim_count(self) -> int:
        return sum(len(a.claims_by) for a in self.appearances)


class People:
    """Who is who across the articles of a library.

    Build it with the library, off the UI thread (0.2-0.3 s for 1,000
    articles of 40 quotes and 30 claims, see bench/lists.py): it groups the
    entities and files every quote and claim under its speaker once, so that
    :meth:`person` only gathers what is already filed (about a frame even
    for someone in every article, and nothing the second time). The loading
    worker should call ``People(library.articles)`` right after the library
    is built, and again after a live reload replaces an article; ``p`` then
    only calls :func:`tui.screens.person.person_screen` with it."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self.articles: tuple[Article, ...] = tuple(articles)
        parent: dict[Key, Key] = {}

        def find(k: Key) -> Key:
            root = k
            while parent[root] != root:
                root = parent[root]
            while parent[k] != root:  # path compression
                parent[k], k = root, parent[k]
            return root

        def union(a: Key, b: Key) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                # keep the earliest key as the root, so handles are stable
                if order[ra] < order[rb]:
                    parent[rb] = ra
                else:
                    parent[ra] = rb

        order: dict[Key, int] = {}
        by_id: dict[str, Key] = {}
        by_sameas: dict[str, Key] = {}
        for article in self.articles:
            for entity in article.doc.entities:
                key = (article.id, entity.id)
                order[key] = len(order)
                parent[key] = key
                if entity.id in by_id:
                    union(by_id[entity.id], key)
                else:
                    by_id[entity.id] = key
                for ident in entity.sameas:
                    if ident in by_sameas:
                        union(by_sameas[ident], key)
                    else:
                        by_sameas[ident] = key
        groups: dict[Key, list[Key]] = defaultdict(list)
        for key in order:
            groups[find(key)].append(key)
        self._root = {key: find(key) for key in order}
        self._groups = {root: sorted(members, key=order.__getitem__) for root, members in groups.items()}
        self._by_article = {a.id: a for a in self.articles}
        self._said: dict[str, dict[str, SaidBy]] = {a.id: said_by_each(a) for a in self.articles}
        self._people: dict[Key, Person] = {}

    def key_of(self, article_id: str, entity_id: str) -> Key:
        return self._root[(article_id, entity_id)]

    def members(self, key: Key) -> Sequence[Key]:
        return self._groups[self._root[key]]

    def person(self, article_id: str, entity_id: str) -> Person:
        """Everything about the person that entity is, gathered once and kept."""
        root = self.key_of(article_id, entity_id)
        known = self._people.get(root)
        if known is None:
            known = self._people[root] = self._gather(root)
        return known

    def _gather(self, root: Key) -> Person:
        return gather(root, [(self._by_article[a], e, self._said[a]) for a, e in self._groups[root]])


def gather(key: Key, members: Iterable[tuple[Article, str, Mapping[str, SaidBy]]]) -> Person:
    """One person from their entities, in library order: each as (article,
    entity id, what each entity of that article said)."""
    appearances: list[Appearance] = []
    names: Counter[str] = Counter()
    roles: dict[str, None] = {}
    aliases: dict[str, None] = {}
    sameas: dict[str, None] = {}
    for article, ent_id, said_by in members:
        entity = article.entities[ent_id]
        names[entity.name] += 1
        if entity.role:
            roles.setdefault(entity.role)
        for alias in entity.aliases:
            aliases.setdefault(alias)
        for ident in entity.sameas:
            sameas.setdefault(ident)
        said = said_by.get(ent_id, _NOTHING)
        appearances.append(
            Appearance(
                article=article,
                entity=entity,
                quotes=said.quotes,
                claims_by=said.claims_by,
                claims_about=said.claims_about,
            )
        )
    name = names.most_common(1)[0][0]
    return Person(
        key=key,
        name=name,
        roles=tuple(roles),
        aliases=tuple(a for a in aliases if a != name),
        sameas=tuple(sameas),
        appearances=tuple(appearances),
    )


class PersonSource(Protocol):
    """What the person screen asks: everything about the person an entity is."""

    def person(self, article_id: str, entity_id: str) -> Person: ...


class StorePeople:
    """People as the library store groups them (:func:`.store_people.group_people`,
    the rule of :class:`People`), each person's articles read from ``library``
    only when that person is asked for, and kept.

    ``library.by_id`` gives the articles (read from the store when used, as
    :mod:`.store_library` does); ``store`` says who is who. An article that
    the store has not seen yet (a live reload being written) counts for
    the entity asked for, at least."""

    def __init__(self, store: Store, library: Library) -> None:
        self.store = store
        self.library = library
        self._people: dict[Key, Person] = {}

    def person(self, article_id: str, entity_id: str) -> Person:
        keys = self.store.person(article_id, entity_id) or [(article_id, entity_id)]
        root = keys[0]
        known = self._people.get(root)
        if known is not None:
            return known
        members: list[tuple[Article, str, Mapping[str, SaidBy]]] = []
        for art_id, ent_id in keys:
            article = self.library.by_id.get(art_id)
            if article is not None and ent_id in article.entities:  # gone since the store saw it: left out
                members.append((article, ent_id, said_by_each(article)))
        if not members:
            article = self.library.by_id[article_id]
            members.append((article, entity_id, said_by_each(article)))
        self._people[root] = person = gather(root, members)
        return person
