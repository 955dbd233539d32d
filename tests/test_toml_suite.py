"""The public TOML conformance suite: every invalid file ends in a located
error, and every valid one (none is an article) loads or is refused cleanly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.core.reading import load_file

from .conftest import SHARED, need_shared

SUITE = SHARED / "toml-test" / "tests"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HEADLINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): error: \S")


def _files(kind: str) -> list[Path]:
    root = SUITE / kind
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix == ".toml") if root.exists() else []


def _check_located(path: Path, result) -> None:
    for err in result.errors:
        text = err.format()
        m = HEADLINE.match(text)
        assert m, text
        assert int(m["line"]) >= 1 and int(m["col"]) >= 1
        assert not CONTROL.search(text), repr(text)
        lines = path.read_bytes().count(b"\n") + 1
        assert err.line <= lines + 1, (err.line, lines)


def test_suite_present():
    need_shared(SUITE)
    assert len(_files("invalid")) > 400 and len(_files("valid")) > 200


@pytest.mark.parametrize("kind", ["invalid", "valid"])
def test_every_file_ends_cleanly(kind):
    need_shared(SUITE)
    failures = []
    for path in _files(kind):
        result = load_file(path)
        if kind == "invalid":
            if result.article is not None or not result.errors:
                failures.append(f"{path}: accepted")
                continue
        else:
            # none of the valid files is an article: refused, but located
            assert result.article is None and result.errors, path
        try:
            _check_located(path, result)
        except AssertionError as exc:
            failures.append(f"{path}: {exc}")
    assert not failures, "\n".join(failures[:20])
