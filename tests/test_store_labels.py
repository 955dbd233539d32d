"""Library search labels and people from the store say what the library in
memory says (tui/core/store_labels.py, StorePeople in tui/core/people.py)."""

from __future__ import annotations

import shutil

from bench.synth import generate
from tui.core.library import load_library
from tui.core.opener import LibraryOpener
from tui.core.people import People, StorePeople
from tui.core.store_labels import LibraryLabels, StoreLabels
from tui.core.store_library import lazy_by_id

from .test_library_app import LIBRARY


def _both(tmp_path):
    lib = generate(tmp_path / "lib", articles=6)
    shutil.copytree(LIBRARY, lib / "fixtures")
    opener = LibraryOpener([str(lib)], use_cache=False, processes=1)
    opener.load()
    return opener, load_library([str(lib)])


def test_store_labels_equal_the_library_labels(tmp_path):
    opener, library = _both(tmp_path)
    store, memory = StoreLabels(opener.search.store), LibraryLabels(library)
    results = opener.search.search("")  # every quote and claim
    assert len(results.quotes) > 200
    store.prepare(results)
    for hit in (*results.quotes, *results.claims):
        r = hit.record
        assert store.title(r.article) == memory.title(r.article)
        assert store.section_number(r.article, r.section) == memory.section_number(r.article, r.section)
        assert store.speaker(r.article, r.speaker) == memory.speaker(r.article, r.speaker)
    assert memory.speaker("hegseth-nato-troops", "hegseth") == "Hegseth"  # a short name, not the name
    assert store.title("no-such-article") == "no-such-article"
    assert store.section_number("no-such-article", "s0") is None


def test_store_labels_refuse_a_stored_control_character(tmp_path):
    opener, _ = _both(tmp_path)
    store = opener.search.store
    with store.lock:
        store.conn.execute("UPDATE articles SET title = 'A\x1b[2Jtitle' WHERE id = 'munich-followup'")
    labels = StoreLabels(store)
    assert labels.title("munich-followup") == "munich-followup"  # the id, never the refused text
    assert labels.section_number("munich-followup", "munich") is None


def _shape(person):
    """A person with each article by id (articles read twice are equal, not the same)."""
    return (
        person.key, person.name, person.roles, person.aliases, person.sameas,
        [(a.article.id, a.entity, a.quotes, a.claims_by, a.claims_about) for a in person.appearances],
    )


def test_store_people_equal_people_and_read_only_their_articles(tmp_path):
    opener, library = _both(tmp_path)
    lazy = opener.library_view()
    from_store = StorePeople(opener.search.store, lazy)
    people = People(library.articles)
    trump = from_store.person("hegseth-nato-troops", "trump")
    by_id = lazy_by_id(lazy)
    assert by_id is not None and by_id.cached == {"hegseth-nato-troops", "munich-followup"}
    assert len(trump.appearances) == 2
    assert _shape(trump) == _shape(people.person("hegseth-nato-troops", "trump"))
    for article in library.articles:
        for entity in article.doc.entities:
            assert _shape(from_store.person(article.id, entity.id)) == _shape(people.person(article.id, entity.id))
