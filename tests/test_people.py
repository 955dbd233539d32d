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
