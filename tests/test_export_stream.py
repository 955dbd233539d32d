"""The JSON export is written piece by piece (tui/core/export/jsondoc.py
``write_json``): the same bytes as dumping the whole document at once, with
no piece holding more than a batch of mentions."""

from __future__ import annotations

import json

import pytest

from tui.cli import main
from tui.core.export import EXPORT_VERSION, article_json, jsondoc, to_json, write_json
from tui.core.library import article_files, load_library
from tui.core.reading import load_text

from .conftest import FIXTURES, SEED


def whole(articles) -> str:
    """The export as it was written before it streamed: one document, dumped."""
    doc = {"quoth_export": EXPORT_VERSION, "articles": [article_json(a) for a in articles]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def many_mentions(n: int):
    text = " ".join(f"Ann met Bo{i % 7} today." for i in range(n))
    entities = "".join(f'[[entities]]\nid = "bo{i}"\nname = "Bo{i}"\n\n' for i in range(7))
    source = (
        'format = 1\n\n[article]\nid = "many"\ntitle = "Many"\n\n[[entities]]\nid = "ann"\nname = "Ann Ex"\n'
        f'aliases = ["Ann"]\n\n{entities}[[sections]]\nid = "s"\ntitle = "Ann"\nparagraphs = ["{text}", "none here"]\n'
    )
    loaded = load_text(source)
    assert loaded.article is not None, loaded.errors[:3]
    return loaded.article


def fixtures():
    library = load_library([*article_files([FIXTURES]), SEED])
    assert len(library.articles) >= 5 and any(a.doc.quotes for a in library.articles)
    return library.articles


def test_streamed_bytes_are_the_whole_documents_on_the_fixtures() -> None:
    articles = fixtures()
    for article in articles:
        assert to_json([article]) == whole([article])
    assert to_json(articles) == whole(articles)
    assert to_json([]) == whole([])


@pytest.mark.parametrize("n", [1, 3000])
def test_streamed_bytes_with_many_mentions(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    monkeypatch.setattr(jsondoc, "_BATCH", 100)
    article = many_mentions(n)
    assert to_json([article]) == whole([article])
    assert len(json.loads(to_json([article]))["articles"][0]["derived"]["mentions"]) == 2 * n


def test_no_piece_holds_the_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsondoc, "_BATCH", 100)
    article = many_mentions(3000)
    pieces: list[str] = []
    write_json([article], pieces.append)
    total = sum(map(len, pieces))
    mentions = [p for p in pieces if '"entity"' in p]
    assert len(mentions) == 60  # 6,000 mentions, 100 to a piece
    assert max(map(len, mentions)) < total / 40


def test_cli_json_on_stdout_is_the_same_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "-f", "json", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert out == whole(load_library([SEED]).articles)
