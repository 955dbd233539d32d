"""docs/format.md stays true: its complete example passes `quoth check`."""

from __future__ import annotations

import re

from tui.cli import main

from .conftest import REPO


def _example() -> str:
    text = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, re.S)
    assert len(blocks) == 1
    return blocks[0]


def test_format_doc_example_passes_check(tmp_path, capsys):
    path = tmp_path / "example.toml"
    path.write_text(_example(), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert "ok: 1 article, 1 section, 2 quotes, 2 claims, 2 entities" in capsys.readouterr().out


def test_format_doc_lists_every_key():
    text = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    from tui.core.model import ArticleMeta, Claim, Entity, Quote, Relation, Section, Source

    for model in (ArticleMeta, Entity, Section, Quote, Claim, Relation, Source):
        for name, field in model.model_fields.items():
            assert f"`{field.alias or name}`" in text, (model.__name__, name)
