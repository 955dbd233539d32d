"""People across articles: the same id, or a shared sameas, is one person."""

from __future__ import annotations

from tui.core.library import load_library
from tui.core.people import People

from .conftest import FIXTURES

LIBRARY = FIXTURES / "library"


def people() -> People:
    lib = load_library([LIBRARY])
    assert not lib.errors
    return People(lib.articles)


def test_same_id_is_one_person_across_articles():
    p = people().person("hegseth-nato-troops", "hegseth")
    assert p.name == "Pete Hegseth"
    # in library order: files by path, so followup.toml comes first
    assert [a.article.id for a in p.appearances] == ["munich-followup", "hegseth-nato-troops"]
    assert p.quote_count == 15 and p.claim_count == 12
    follow = p.appearances[0]
    assert [q.id for q in follow.quotes] == ["europe-must-lead"]


def test_shared_sameas_joins_different_ids():
    everyone = people()
    a = everyone.person("hegseth-nato-troops", "trump")
    b = everyone.person("munich-followup", "donald-trump")
    assert a.key == b.key
    assert {x.article.id for x in a.appearances} == {"hegseth-nato-troops", "munich-followup"}
    assert "US President" in a.roles and "President of the United States" in a.roles
    assert a.sameas == ("wikidata:Q22686",)


def test_claims_about_them_are_listed():
    p = people().person("munich-followup", "hegseth")
    assert p.appearances[0].claims_by[0].id == "europe-lead"
    zel = people().person("hegseth-nato-troops", "putin")
    about = [c.id for a in zel.appearances for c in a.claims_about]
    assert "do-not-trust-putin" in about


def test_unrelated_entities_stay_apart():
    everyone = people()
    assert everyone.key_of("hegseth-nato-troops", "scholz") != everyone.key_of("hegseth-nato-troops", "healey")
    assert len(everyone.members(everyone.key_of("hegseth-nato-troops", "scholz"))) == 1


def test_said_by_is_the_one_rule_for_the_entity_view_and_people():
    from tui.core.index import ArticleIndex, said_by

    lib = load_library([LIBRARY])
    everyone = People(lib.articles)
    for article in lib.articles:
        index = ArticleIndex(article)
        for entity in article.doc.entities:
            said = said_by(article, entity.id)
            view = index.entity_view(entity.id)
            # the filter, spelled out once here to check the one in core.index
            assert said.quotes == tuple(q for q in article.doc.quotes if q.speaker == entity.id)
            assert said.claims_by == tuple(c for c in article.doc.claims if c.speaker == entity.id)
            assert said.claims_about == tuple(
                c for c in article.doc.claims if entity.id in c.about and c.speaker != entity.id
            )
            assert (view.quotes, view.claims_by, view.claims_about) == (said.quotes, said.claims_by, said.claims_about)
            share = next(a for a in everyone.person(article.id, entity.id).appearances if a.article is article and a.entity is entity)
            assert (share.quotes, share.claims_by, share.claims_about) == (said.quotes, said.claims_by, said.claims_about)


def test_a_person_is_gathered_once():
    everyone = people()
    first = everyone.person("hegseth-nato-troops", "hegseth")
    assert everyone.person("munich-followup", "hegseth") is first  # the same person, kept


def test_plural_and_words():
    from tui.core.text import matching, plural, words

    assert [plural(n, "quote") for n in (0, 1, 2)] == ["0 quotes", "1 quote", "2 quotes"]
    assert plural(1, "entity") == "1 entity" and plural(3, "entity") == "3 entities"
    assert plural(2, "invalid file") == "2 invalid files"
    assert matching(1, "claim") == "1 claim matches" and matching(3, "claim") == "3 claims match"
    assert words("responds-to") == "responds to" and words("disputed by") == "disputed by"
