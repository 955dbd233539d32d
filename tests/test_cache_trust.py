"""What a cache (or the store) gives back is checked as a freshly parsed
article is: an entry with a dangling reference is discarded and its file
parsed again, before anything can crash on it."""

from __future__ import annotations

import pytest

from tui.app import QuothApp
from tui.core.cache import CacheEntry, CacheFile, LibraryCache, load_library_cached
from tui.core.preload import Parsed, parse
from tui.core.trust import checked_article

from .test_cache import copy_library


def _dangling(doc, how: str):
    """The document with one reference broken, as a tampered cache could hold it."""
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


def _tamper(lib_dir, how: str) -> str:
    """Rewrite the cached entry of the seed so that it keeps its key (size and
    mtime) but holds a dangling reference. Returns the tampered file."""
    cache = LibraryCache.for_paths([lib_dir])
    entries = cache.read()
    key = next(k for k, e in entries.items() if e.article.relations)
    e = entries[key]
    entries[key] = CacheEntry.model_construct(size=e.size, mtime_ns=e.mtime_ns, article=_dangling(e.article, how), anchors=e.anchors)
    cache.write(entries)
    assert CacheFile.model_validate_json(cache.path.read_bytes())  # still a well-formed cache
    return key


@pytest.mark.parametrize("how", HOW)
def test_a_dangling_cache_entry_is_parsed_again(tmp_path, how):
    lib_dir = copy_library(tmp_path)
    fresh, loader = load_library_cached([lib_dir])
    loader.save()
    key = _tamper(lib_dir, how)
    library, loader = load_library_cached([lib_dir])
    assert not library.errors
    assert loader.hits == len(library.articles) - 1  # the tampered one was parsed again
    article = next(a for a in library.articles if str(a.file).endswith(key.rsplit("/", 1)[1]))
    assert article.doc == next(a for a in fresh.articles if a.id == article.id).doc


@pytest.mark.parametrize("how", HOW)
def test_checked_article_refuses_what_the_loader_would(tmp_path, how):
    lib_dir = copy_library(tmp_path)
    library, _ = load_library_cached([lib_dir])
    article = next(a for a in library.articles if a.doc.relations)
    assert checked_article(article.file, article.doc) is not None
    assert checked_article(article.file, _dangling(article.doc, how)) is None


def test_checked_article_refuses_control_characters(tmp_path):
    lib_dir = copy_library(tmp_path)
    library, _ = load_library_cached([lib_dir])
    doc = library.articles[0].doc
    meta = doc.article.model_copy(update={"title": "evil \x1b[31m title"})
    assert checked_article("x", doc.model_copy(update={"article": meta})) is None


@pytest.mark.parametrize("how", HOW)
def test_a_worker_entry_with_dangling_references_is_loaded_again(tmp_path, how):
    lib_dir = copy_library(tmp_path)
    path = next(p for p in sorted(lib_dir.rglob("*.toml")) if parse(p).entry and b'"relations":[{' in parse(p).entry)
    good = parse(path)
    entry = CacheEntry.model_validate_json(good.entry)
    bad = CacheEntry.model_construct(size=entry.size, mtime_ns=entry.mtime_ns, article=_dangling(entry.article, how), anchors=entry.anchors)
    item = Parsed(good.file, good.key, good.summary, bad.model_dump_json(by_alias=True).encode(), ())
    result, kept = item.result()
    assert kept is None and result.article is not None and result.article.doc == entry.article


async def test_the_library_opens_on_a_tampered_cache(tmp_path):
    lib_dir = copy_library(tmp_path)
    load_library_cached([lib_dir])[1].save()
    _tamper(lib_dir, "speaker")
    app = QuothApp(paths=[str(lib_dir)])
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if app.library is not None:
                break
        await pilot.press("enter")  # open the first article: outline, xrefs, claims
        await pilot.pause()
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert app.is_running
        assert not app.library.errors


def test_files_whose_names_are_not_utf8_are_loaded_and_left_out_of_the_caches(tmp_path):
    import os
    import shutil

    from tui.core.cache import SummaryCache, library_root
    from tui.core.preload import Preload

    lib = copy_library(tmp_path)
    odd = os.fsencode(lib) + b"/caf\xe9.toml"
    shutil.copy(lib / "followup.toml", odd)
    (lib / "followup.toml").unlink()
    for _ in range(2):  # cold, then warm: the odd file is parsed each time
        preload = Preload([str(lib)])
        library, loader = load_library_cached([lib])
        preload.save(library, loader)
        assert len(library.articles) == 3 and not library.errors
    assert loader.hits == 2
    root = library_root([str(lib)])
    assert SummaryCache.for_root(root).read(root, preload.files) is None  # incomplete: not the whole table
