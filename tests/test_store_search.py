"""Search from the store means exactly what the in-memory index means: the
same hits, in the same order, with the same phrase flags and counts."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.synth import generate
from tui.core.library import load_library
from tui.core.opener import LibraryOpener
from tui.core.search import QueryError, SearchIndex, fold_words

from .conftest import FIXTURES, SEED

UNICODE = '''format = 1

[article]
id = "zz-unicode"
title = "Ünïcode"

[[entities]]
id = "zoe"
name = "Zoë Straße"
aliases = ["Зоя"]

[[sections]]
id = "s"
title = "S"
paragraphs = ["Zoë said: «Straße ist groß» and then ¨ Москва   talks\\tpeace. Peace TALKS, peace talks!"]

[[quotes]]
id = "q"
speaker = "zoe"
section = "s"
text = "Straße ist groß"

[[claims]]
id = "c"
speaker = "zoe"
section = "s"
text = "Москва ¨ talks\\tpeace. Peace TALKS, peace talks!"
kind = "warning"
'''


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The same library searched in memory and from a half-indexed store."""
    root = tmp_path_factory.mktemp("search")
    env = pytest.MonkeyPatch()
    env.setenv("QUOTH_STATE_DIR", str(root / "state"))
    lib = generate(root / "lib", articles=6)
    shutil.copytree(FIXTURES / "library", lib / "fixtures")
    shutil.copy(SEED, lib / "fixtures" / "seed-again.toml")  # a duplicate id: left out of both
    (lib / "zz-unicode.toml").write_text(UNICODE, encoding="utf-8")
    opener = LibraryOpener([str(lib)])
    opener.load()
    opener.store.index(batch=150)  # some rows in the full-text index, the rest scanned
    assert 0 < opener.store.indexed_upto() < opener.store.conn.execute("SELECT max(id) FROM records").fetchone()[0]
    library = load_library([str(lib)])
    memory = SearchIndex(library.articles)
    words = sorted({w for table in memory.tables.values() for r in table.records for w in fold_words(r.text)})
    speakers = sorted({n for n in memory._names})
    yield opener, memory, words, speakers, library
    env.undo()


def same(opener, memory, query: str) -> None:
    try:
        expected = memory.search(query)
    except QueryError:
        with pytest.raises(QueryError):
            opener.find(query)
        return
    got = opener.find(query)
    assert got.quotes == expected.quotes, query
    assert got.claims == expected.claims, query


@pytest.mark.parametrize(
    "query",
    ["troops", "peace talks", '"peace talks"', "a", "ß", "strasse", "groß", "москва", "¨ talks", "kind:warning",
     "speaker:zo", "speaker:зоя ist", "article:zz section:s peace", "kind:direct kind:indirect", "kind:denial troops",
     'talks "talks peace"', "e", "ta lk", "speaker:nobody"],
)
def test_store_search_equals_memory_search(both, query):
    opener, memory, *_ = both
    same(opener, memory, query)


@st.composite
def queries(draw, words, speakers, articles):
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        word = draw(st.sampled_from(words))
        kind = draw(st.sampled_from(["word", "piece", "phrase", "speaker", "kind", "article", "junk"]))
        if kind == "word":
            parts.append(word)
        elif kind == "piece":
            start = draw(st.integers(0, max(0, len(word) - 1)))
            parts.append(word[start : start + draw(st.integers(1, 4))] or word)
        elif kind == "phrase":
            parts.append(f'"{word} {draw(st.sampled_from(words))}"')
        elif kind == "speaker":
            name = draw(st.sampled_from(speakers))
            parts.append(f'speaker:"{name[: draw(st.integers(1, len(name)))]}"')
        elif kind == "kind":
            parts.append("kind:" + draw(st.sampled_from(["direct", "indirect", "warning", "denial", "proposal"])))
        elif kind == "article":
            article = draw(st.sampled_from(articles))
            parts.append("article:" + article[: draw(st.integers(1, len(article)))])
        else:
            parts.append(draw(st.text(alphabet="abeéßд ¨.-", min_size=1, max_size=4)).strip() or "a")
    return " ".join(parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_store_search_equals_memory_search_for_random_queries(both, data):
    opener, memory, words, speakers, library = both
    query = data.draw(queries(words, speakers, [a.id for a in library.articles]))
    same(opener, memory, query)
