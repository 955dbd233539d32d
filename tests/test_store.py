"""The library store: incremental updates, and every fault it must survive
(a killed update, two processes, a damaged file, a read-only cache folder,
another Quoth version, a string with a control character)."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from tui.core import store_db
from tui.core.library import article_files, load_library
from tui.core.opener import LibraryOpener
from tui.core.store import Store, scan
from tui.core.store_rows import Summary

from .conftest import FIXTURES, REPO

LIBRARY = FIXTURES / "library"


@pytest.fixture
def lib(tmp_path):
    dest = tmp_path / "lib"
    shutil.copytree(LIBRARY, dest)
    return dest


def expected_rows(library) -> list[Summary]:
    return [Summary.of(a, os.stat(a.file).st_size, os.stat(a.file).st_mtime_ns) for a in library.articles]


def assert_matches_a_fresh_load(opener: LibraryOpener, path) -> None:
    rows, errors = opener.load()
    fresh = load_library([str(path)])
    assert rows == expected_rows(fresh)
    assert [e.format() for e in errors] == [e.format() for e in fresh.errors]
    library = opener.library()
    assert [a.doc for a in library.articles] == [a.doc for a in fresh.articles]
    assert [dict(a.anchors) for a in library.articles] == [dict(a.anchors) for a in fresh.articles]


def edit(path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, ns=(1, 10**18 + len(new)))  # a new mtime even on coarse clocks


def test_scan_lists_the_files_as_article_files_does(tmp_path, lib):
    (lib / "sub" / "deeper").mkdir(parents=True)
    shutil.copy(lib / "followup.toml", lib / "sub" / "deeper" / "a.toml")
    shutil.copy(lib / "followup.toml", lib / "sub-b.toml")
    (lib / "notes.txt").write_text("not an article", encoding="utf-8")
    paths = [str(lib), str(lib / "followup.toml")]
    assert [p for p, _, _ in scan(paths)] == article_files(paths)


def test_an_update_parses_only_what_changed(lib):
    first = LibraryOpener([str(lib)])
    assert len(first.plan.parse) == 3
    assert_matches_a_fresh_load(first, lib)

    warm = LibraryOpener([str(lib)])
    assert warm.warm and warm.plan.parse == []
    assert_matches_a_fresh_load(warm, lib)

    edit(lib / "followup.toml", "Allies press Washington", "Allies press Washington hard")
    (lib / "zz-bare.toml").unlink()
    shutil.copy(lib / "followup.toml", lib / "copy.toml")  # a duplicate id: an error, not a row
    (lib / "hegseth-nato-troops.toml").touch()  # a new mtime, the same content: not parsed
    changed = LibraryOpener([str(lib)])
    assert sorted(p.name for p in changed.plan.parse) == ["copy.toml", "followup.toml"]
    assert [p for p, _, _ in changed.plan.touched] == [str(lib / "hegseth-nato-troops.toml")]
    assert changed.plan.removed == [str(lib / "zz-bare.toml")]
    assert_matches_a_fresh_load(changed, lib)  # the table, before the store was written
    after = LibraryOpener([str(lib)])
    assert after.warm
    assert_matches_a_fresh_load(after, lib)  # and what the store holds now


def test_another_quoth_version_rebuilds_the_store(lib, monkeypatch):
    LibraryOpener([str(lib)]).load()
    monkeypatch.setattr(store_db, "USER_VERSION", store_db.USER_VERSION + 1)
    again = LibraryOpener([str(lib)])
    assert len(again.plan.parse) == 3  # nothing read from the old store
    assert_matches_a_fresh_load(again, lib)
    version = sqlite3.connect(again.store.path).execute("PRAGMA user_version").fetchone()[0]
    assert version == store_db.USER_VERSION


def closed(opener: LibraryOpener) -> LibraryOpener:
    """Its connections closed: the last one checkpoints the WAL into the file."""
    opener.close()
    opener.search.store.close()
    opener.store.close()
    return opener


def test_garbage_in_the_store_file_is_set_aside_and_rebuilt(lib):
    first = LibraryOpener([str(lib)])
    first.load()
    path = closed(first).store.path
    path.write_bytes(b"\x00garbage{" * 100)
    opener = LibraryOpener([str(lib)])
    assert any("damaged" in n for n in opener.notices)
    assert list(path.parent.glob("*.corrupt-*")) and len(opener.plan.parse) == 3
    assert_matches_a_fresh_load(opener, lib)


def test_a_truncated_store_is_set_aside_and_rebuilt(lib):
    opener = LibraryOpener([str(lib)])
    opener.load()
    path = closed(opener).store.path
    data = path.read_bytes()
    assert not os.path.exists(f"{path}-wal") or os.path.getsize(f"{path}-wal") == 0
    path.write_bytes(data[: len(data) // 2])
    again = LibraryOpener([str(lib)])
    assert any("damaged" in n for n in again.notices)
    assert_matches_a_fresh_load(again, lib)


def test_a_cache_folder_that_cannot_be_made_gives_a_store_in_memory(lib, tmp_path, monkeypatch):
    state = tmp_path / "state-file"
    state.mkdir()
    (state / "cache").write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("QUOTH_STATE_DIR", str(state))
    opener = LibraryOpener([str(lib)])
    assert opener.store.path is None and any("in memory" in n for n in opener.notices)
    assert_matches_a_fresh_load(opener, lib)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a user that permissions apply to")
def test_a_read_only_cache_folder_gives_a_store_in_memory(lib, tmp_path, monkeypatch):
    state = tmp_path / "ro"
    (state / "cache").mkdir(parents=True)
    (state / "cache").chmod(0o500)
    monkeypatch.setenv("QUOTH_STATE_DIR", str(state))
    try:
        opener = LibraryOpener([str(lib)])
        assert opener.store.path is None and any("in memory" in n for n in opener.notices)
        assert_matches_a_fresh_load(opener, lib)
    finally:
        (state / "cache").chmod(0o700)


def test_stored_strings_with_control_characters_are_refused(lib):
    LibraryOpener([str(lib)]).load()
    path = LibraryOpener([str(lib)]).store.path
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE articles SET title = title || char(27) || '[31m' WHERE id = 'munich-followup'")
        conn.execute("UPDATE records SET text = char(27) || text WHERE rid = 'europe-must-lead'")
        conn.execute(
            "UPDATE articles SET doc = replace(doc, 'Allies press', 'Allies\\u001b press') WHERE id = 'munich-followup'"
        )
    conn.close()
    opener = LibraryOpener([str(lib)])
    assert opener.warm  # the files did not change: only the store did
    assert_matches_a_fresh_load(opener, lib)  # the refused file was parsed again
    hits = opener.find('"take the lead"')
    assert all("\x1b" not in h.record.text for h in hits.quotes)


def test_a_stored_article_failing_its_checks_is_parsed_again(lib):
    LibraryOpener([str(lib)]).load()
    conn = sqlite3.connect(LibraryOpener([str(lib)]).store.path)
    with conn:  # an anchor that no longer slices out its quote
        conn.execute("UPDATE articles SET anchors = replace(anchors, '0, ', '1, ') WHERE id = 'munich-followup'")
    conn.close()
    opener = LibraryOpener([str(lib)])
    article = opener.article("munich-followup")
    assert article is not None
    fresh = load_library([str(lib)]).by_id["munich-followup"]
    assert dict(article.anchors) == dict(fresh.anchors)


KILLED_UPDATE = textwrap.dedent(
    """
    import sys, time
    from tui.core.store import Store, scan
    from tui.core.store_rows import parse

    store = Store.open([sys.argv[1]])
    plan = store.plan(scan([sys.argv[1]]))
    data = [parse(p) for p in plan.parse]
    insert, count = Store._insert, [0]

    def slow(self, item, seq):
        insert(self, item, seq)
        count[0] += 1
        if count[0] == 2:  # inside the transaction, half written
            print("inside", flush=True)
            time.sleep(120)

    Store._insert = slow
    store.apply(plan, data)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_an_update_leaves_the_previous_state(lib):
    first = LibraryOpener([str(lib)])
    first.load()
    first.index()  # a complete full-text index: its integrity can be checked after the kill
    before = LibraryOpener([str(lib)]).load()
    edit(lib / "followup.toml", "Allies press Washington", "Allies press Washington hard")
    edit(lib / "zz-bare.toml", 'title = "', 'title = "Edited ')
    shutil.copy(lib / "hegseth-nato-troops.toml", lib / "new.toml")
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_UPDATE, str(lib)], cwd=REPO, stdout=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "inside"
    child.send_signal(signal.SIGKILL)
    child.wait()
    opener = LibraryOpener([str(lib)])
    conn = opener.store.conn
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.execute("INSERT INTO records_fts(records_fts, rank) VALUES ('integrity-check', 1)")
    assert opener.store.rows() == before[0]  # what the store held before the killed update
    assert sorted(p.name for p in opener.plan.parse) == ["followup.toml", "new.toml", "zz-bare.toml"]
    assert_matches_a_fresh_load(opener, lib)


TWO_PROCESSES = textwrap.dedent(
    """
    import sys
    from tui.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


def test_two_processes_on_one_library_both_work(tmp_path):
    from bench.synth import generate

    lib = generate(tmp_path / "lib", articles=40)
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", TWO_PROCESSES, *args, str(lib)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        for args in (["check"], ["search", "troops"], ["check"], ["search", "kind:denial"])
    ]
    outs = [run.communicate(timeout=240) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0, 0], [err[-2000:] for _, err in outs]
    assert not any("locked" in err for _, err in outs)
    assert outs[0][0] == outs[2][0] and outs[0][0].startswith("ok: 40 articles")
    assert LibraryOpener([str(lib)]).warm


def test_no_cache_keeps_the_store_in_memory(lib):
    opener = LibraryOpener([str(lib)], use_cache=False)
    assert opener.store.path is None and not opener.notices
    assert_matches_a_fresh_load(opener, lib)
    assert not list(store_db.cache_dir().glob("*.sqlite3")) if store_db.cache_dir().exists() else True


def test_the_full_text_index_follows_deletes(lib):
    opener = LibraryOpener([str(lib)])
    opener.load()
    opener.index()
    assert opener.store.indexed_upto() == opener.store.conn.execute("SELECT max(id) FROM records").fetchone()[0]
    edit(lib / "followup.toml", "take the lead", "take charge")
    again = LibraryOpener([str(lib)])
    again.load()
    again.index()
    conn = again.store.conn
    conn.execute("INSERT INTO records_fts(records_fts, rank) VALUES ('integrity-check', 1)")
    assert [h.record.id for h in again.find('"take charge"').quotes] == ["europe-must-lead"]
    assert not again.find('"take the lead"').quotes
    assert Store.open([str(lib)]).plan(scan([str(lib)])).unchanged


def test_the_library_view_reads_an_article_only_when_used(lib):
    opener = LibraryOpener([str(lib)])
    opener.load()
    library = opener.library_view()
    assert not library.articles.loaded and len(library.articles) == 3
    article = library.by_id["munich-followup"]
    assert not library.articles.loaded  # one article read, not the library
    fresh = load_library([str(lib)])
    assert article.doc == fresh.by_id["munich-followup"].doc
    assert library.by_id.get("no-such-article") is None
    # a file edited after the store saw it is parsed, not taken from the store
    edit(lib / "zz-bare.toml", 'title = "', 'title = "Edited ')
    bare = fresh.articles[-1].id
    assert library.by_id[bare].meta.title.startswith("Edited ")
    assert [a.id for a in library.articles] == [a.id for a in fresh.articles]
    assert library.articles.loaded


def test_paragraphs_are_found_through_their_full_text_index(lib):
    opener = LibraryOpener([str(lib)])
    opener.load()
    fresh = load_library([str(lib)])
    expected = [
        (a.id, s.id, n) for a in fresh.articles for s in a.doc.sections for n, p in enumerate(s.paragraphs) if "munich" in p.casefold()
    ]
    assert expected and opener.store.paragraphs("MUNICH") == expected  # scanned: nothing indexed yet
    opener.index()
    assert opener.store.indexed_upto("paragraphs") > 0
    assert opener.store.paragraphs("munich") == expected  # from the index
    assert opener.store.paragraphs("no such words anywhere") == []


def test_people_are_grouped_as_the_people_module_groups_them(tmp_path):
    from bench.synth import generate
    from tui.core.people import People

    lib = generate(tmp_path / "lib", articles=8)
    shutil.copytree(LIBRARY, lib / "fixtures")
    opener = LibraryOpener([str(lib)])
    opener.load()
    people = People(load_library([str(lib)]).articles)
    keys = [(a.id, e.id) for a in people.articles for e in a.doc.entities]
    assert any(len(people.members(k)) > 1 for k in keys)
    for key in keys:
        assert opener.store.person(*key) == list(people.members(key))
    assert opener.store.person("no-such", "one") == []
