"""What the library store gives back is checked as a freshly parsed article
is: a stored article with a dangling reference is discarded and its file
parsed again, before anything can crash on it."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from tui.app import QuothApp
from tui.core.library import load_library
from tui.core.model import ArticleFile
from tui.core.opener import LibraryOpener
from tui.core.store_db import store_path
from tui.core.trust import checked_article

from .conftest import FIXTURES, app_settled

LIBRARY = FIXTURES / "library"


def copy_library(tmp_path):
    dest = tmp_path / "lib"
    shutil.copytree(LIBRARY, dest)
    return dest


def _dangling(doc, how: str):
    """The document with one reference broken, as a tampered store could hold it."""
    q, c = doc.quotes[0], doc.claims[0]
    if how == "speaker":
        return doc.model_copy(update={"quotes": (q.model_copy(update={"speaker": "ghost"}), *doc.quotes[1:])})
    if how == "section":
        return doc.model_copy(update={"claims": (c.model_copy(update={"section": "nowhere"}), *doc.claims[1:])})
    if how == "claim-quote":
        return doc.model_copy(update={"claims": (c.model_copy(update={"quotes": ("no-such-quote",)}), *doc.claims[1:])})
    if how == "about":
        return doc.model_copy(update={"claims": (c.model_copy(update={"about": ("nobody",)}), *doc.claims[1:])})
    if how == "relation":
        rel = doc.relations[0].model_copy(update={"to": "missing-claim"})
        return doc.model_copy(update={"relations": (rel, *doc.relations[1:])})
    if how == "entity-gone":
        return doc.model_copy(update={"entities": doc.entities[1:]})
    raise AssertionError(how)


HOW = ["speaker", "section", "claim-quote", "about", "relation", "entity-gone"]


def _open(lib_dir) -> LibraryOpener:
    opener = LibraryOpener([str(lib_dir)], processes=1)
    for _ in opener.events():
        pass
    return opener


def _tamper(lib_dir, how: str) -> str:
    """Rewrite the stored article that has relations so that its file's size
    and mtime still match but it holds a dangling reference; its id."""
    db = sqlite3.connect(store_path([str(lib_dir)]))
    try:
        rowid, doc_json, article_id = db.execute(
            "SELECT rowid, doc, id FROM articles WHERE doc LIKE '%\"relations\":[{%'"
        ).fetchone()
        bad = _dangling(ArticleFile.model_validate_json(doc_json), how)
        db.execute("UPDATE articles SET doc = ? WHERE rowid = ?", (bad.model_dump_json(by_alias=True), rowid))
        db.commit()
    finally:
        db.close()
    return str(article_id)


@pytest.mark.parametrize("how", HOW)
def test_a_dangling_stored_article_is_parsed_again(tmp_path, how):
    lib_dir = copy_library(tmp_path)
    fresh = load_library([lib_dir])
    _open(lib_dir).close()
    article_id = _tamper(lib_dir, how)
    opener = _open(lib_dir)
    try:
        article = opener.article(article_id)
        assert article is not None
        assert article.doc == fresh.by_id[article_id].doc  # parsed again from its file
        library = opener.library()
        assert not library.errors and library.by_id[article_id].doc == fresh.by_id[article_id].doc
    finally:
        opener.close()


@pytest.mark.parametrize("how", HOW)
def test_checked_article_refuses_what_the_loader_would(tmp_path, how):
    library = load_library([copy_library(tmp_path)])
    article = next(a for a in library.articles if a.doc.relations)
    assert checked_article(article.file, article.doc) is not None
    assert checked_article(article.file, _dangling(article.doc, how)) is None


def test_checked_article_refuses_control_characters(tmp_path):
    doc = load_library([copy_library(tmp_path)]).articles[0].doc
    meta = doc.article.model_copy(update={"title": "evil \x1b[31m title"})
    assert checked_article("x", doc.model_copy(update={"article": meta})) is None


async def test_the_library_opens_on_a_tampered_store(tmp_path):
    lib_dir = copy_library(tmp_path)
    _open(lib_dir).close()
    _tamper(lib_dir, "speaker")
    app = QuothApp(paths=[str(lib_dir)], preload=LibraryOpener([str(lib_dir)], processes=1))
    async with app.run_test(size=(120, 40)) as pilot:
        await app_settled(pilot)
        await pilot.press("enter")  # open the first article: outline, xrefs, claims
        await pilot.pause()
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert app.is_running
        assert not app.library.errors


def test_files_whose_names_are_not_utf8_are_loaded_cold_and_warm(tmp_path):
    import os

    lib = copy_library(tmp_path)
    odd = os.fsencode(lib) + b"/caf\xe9.toml"
    shutil.copy(lib / "followup.toml", odd)
    (lib / "followup.toml").unlink()
    for _ in range(2):  # cold, then warm
        opener = _open(lib)
        try:
            library = opener.library()
            assert len(library.articles) == 3 and not library.errors
        finally:
            opener.close()
