"""The library cache: only changed files are parsed; anything odd is rebuilt."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from tui.core.cache import LibraryCache, SummaryCache, _holds_controls, load_library_cached
from tui.core.library import article_files
from tui.core.text import FORBIDDEN

from .conftest import FIXTURES

LIBRARY = FIXTURES / "library"


def copy_library(tmp_path):
    dest = tmp_path / "lib"
    shutil.copytree(LIBRARY, dest)
    return dest


def test_warm_load_comes_from_the_cache(tmp_path):
    lib_dir = copy_library(tmp_path)
    cold, loader = load_library_cached([lib_dir])
    assert loader.hits == 0 and loader.changed
    loader.save()
    warm, loader2 = load_library_cached([lib_dir])
    assert loader2.hits == 3 and not loader2.changed
    assert [a.doc for a in warm.articles] == [a.doc for a in cold.articles]
    assert [dict(a.anchors) for a in warm.articles] == [dict(a.anchors) for a in cold.articles]


def test_only_changed_files_are_parsed_again(tmp_path):
    lib_dir = copy_library(tmp_path)
    _, loader = load_library_cached([lib_dir])
    loader.save()
    path = lib_dir / "followup.toml"
    text = path.read_text(encoding="utf-8").replace("Allies press Washington", "Allies press Washington hard")
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(1, 10**18))  # a different mtime even on coarse clocks
    library, loader2 = load_library_cached([lib_dir])
    assert loader2.hits == 2 and loader2.changed
    assert library.by_id["munich-followup"].meta.title.endswith("hard after Munich")


def test_corrupt_cache_is_ignored_and_rebuilt(tmp_path):
    lib_dir = copy_library(tmp_path)
    _, loader = load_library_cached([lib_dir])
    loader.save()
    cache = LibraryCache.for_paths([lib_dir])
    cache.path.write_bytes(b"\x00garbage{")
    library, loader2 = load_library_cached([lib_dir])
    assert loader2.hits == 0 and len(library.articles) == 3
    loader2.save()
    assert load_library_cached([lib_dir])[1].hits == 3


def test_cache_with_control_characters_or_bad_anchors_is_not_trusted(tmp_path):
    lib_dir = copy_library(tmp_path)
    _, loader = load_library_cached([lib_dir])
    loader.save()
    path = LibraryCache.for_paths([lib_dir]).path
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Allies press", "Allies\\u001b press"), encoding="utf-8")
    assert load_library_cached([lib_dir])[1].hits == 0
    # anchors that no longer slice out their quote: never used (they are
    # computed again from the text, as for a parsed file)
    _, loader = load_library_cached([lib_dir])
    loader.save()
    text = path.read_text(encoding="utf-8")
    text = text.replace('"europe-must-lead":["munich",0,', '"europe-must-lead":["munich",0,1')
    path.write_text(text, encoding="utf-8")
    library, loader3 = load_library_cached([lib_dir])
    assert loader3.hits == 3
    a = library.by_id["munich-followup"]
    anchor = a.anchors["europe-must-lead"]
    assert a.sections["munich"].paragraphs[0][anchor.start : anchor.end] == a.quotes["europe-must-lead"].text


def test_cache_is_written_atomically_as_json(tmp_path):
    lib_dir = copy_library(tmp_path)
    _, loader = load_library_cached([lib_dir])
    loader.save()
    path = LibraryCache.for_paths([lib_dir]).path
    assert path.read_bytes().startswith(b"{")
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


def test_summary_cache_covers_exactly_unchanged_files(tmp_path):
    lib_dir = copy_library(tmp_path)
    library, loader = load_library_cached([lib_dir])
    files = article_files([lib_dir])
    from tui.core.cache import Summary

    summaries = [Summary.of(a, os.stat(a.file).st_size, os.stat(a.file).st_mtime_ns) for a in library.articles]
    cache = SummaryCache.for_root("root")
    cache.write("root", summaries)
    assert [s.id for s in cache.read("root", files)] == [a.id for a in library.articles]
    assert cache.read("other-root", files) is None
    os.utime(files[0], ns=(1, 10**18))
    assert cache.read("root", files) is None


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_cache_control_check_agrees_with_the_loader(text):
    """Caches are ASCII JSON; the bytes check finds exactly what FORBIDDEN finds."""
    expected = FORBIDDEN.search(text) is not None
    assert _holds_controls(TypeAdapter(str).dump_json(text, ensure_ascii=True)) is expected
    assert _holds_controls(json.dumps(text).encode("ascii")) is expected


@pytest.mark.parametrize(
    ("raw", "holds"),
    [
        (rb'"C:\\reports\\files\\u0085"', False),  # escaped backslashes, not escapes
        (rb'"C:\\\rap"', True),  # an escaped backslash, then a real \r
        (rb'"\u00c1lvarez \u2019"', False),
        (rb'"\u202E"', True),
        ('"raw \u00c1"'.encode(), True),  # not ASCII: not a cache we wrote
        (b'"raw \x7f"', True),
    ],
)
def test_cache_control_check_cases(raw, holds):
    assert _holds_controls(raw) is holds


def test_each_library_keeps_its_own_cache(tmp_path):
    """Opening another library does not make this one cold again."""
    first = copy_library(tmp_path)
    second = tmp_path / "second"
    shutil.copytree(LIBRARY, second)
    for lib_dir in (first, second):
        _, loader = load_library_cached([lib_dir])
        loader.save()
    assert LibraryCache.for_paths([first]).path != LibraryCache.for_paths([second]).path
    assert load_library_cached([first])[1].hits == 3
    assert load_library_cached([second])[1].hits == 3
