"""`quoth schema` and `quoth schema --export`: described, null-free, in
agreement with the loader (local date-times) and docs/format.md, and
checked by real tools: jsonschema, and taplo (the `taplo` wheel), which must
pass every valid fixture and fail an invalid one at the right line."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import tomli

from tui.cli import main
from tui.core.export import export_schema, to_json
from tui.core.library import load_library
from tui.core.model import ArticleFile, ArticleMeta, Claim, Entity, Quote, Relation, Section, Source, json_schema

from .conftest import CONTENT, FIXTURES, MINIMAL, REPO

MODELS = (ArticleFile, ArticleMeta, Entity, Section, Quote, Claim, Relation, Source)


def _format_example() -> str:
    text = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```toml\n(.*?)```", text, re.S)
    return block


def valid_files(tmp_path: Path) -> list[Path]:
    example = tmp_path / "format-example.toml"
    example.write_text(_format_example(), encoding="utf-8")
    local = tmp_path / "local-date-time.toml"
    local.write_text(MINIMAL.replace('title = "A small article"', 'title = "A small article"\npublished = 2025-03-01T10:30:00'), encoding="utf-8")
    offset = tmp_path / "offset-date-time.toml"
    offset.write_text(MINIMAL.replace('title = "A small article"', 'title = "A small article"\npublished = 2025-03-01T10:30:00+01:00'), encoding="utf-8")
    files = [*sorted(CONTENT.glob("*.toml")), *sorted(FIXTURES.glob("*.toml")), *sorted((FIXTURES / "library").glob("*.toml"))]
    files += [example, local, offset]
    for path in files:  # the loader agrees they are valid (one by one: some share an article id)
        assert not load_library([path]).errors, path
    return files


def _walk(schema: Any, path: str = ""):
    if isinstance(schema, dict):
        yield path, schema
        for k, v in schema.items():
            yield from _walk(v, f"{path}/{k}")
    elif isinstance(schema, list):
        for i, v in enumerate(schema):
            yield from _walk(v, f"{path}/{i}")


@pytest.mark.parametrize("make", [json_schema, export_schema], ids=["article", "export"])
def test_every_property_is_described_and_nothing_is_null(make):
    schema = make()
    props = 0
    for path, node in _walk(schema):
        assert node.get("type") != "null" and "null" not in (node.get("type") or []), path
        assert not ("default" in node and node["default"] is None), path
        if isinstance(node.get("properties"), dict) and not path.endswith("/properties"):
            for key, prop in node["properties"].items():
                props += 1
                assert prop.get("description"), f"{path}/properties/{key} has no description"
    assert props >= 53
    assert schema["properties"].get("format", schema["properties"].get("quoth_export"))["description"]


def test_descriptions_are_the_docs_meaning_column():
    """docs/format.md and editor hovers say the same thing: both come from Field(description=...)."""
    text = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    for model in MODELS[1:]:
        for name, field in model.model_fields.items():
            key = field.alias or name
            required = "required" if field.is_required() else "optional"
            assert f"| `{key}` | {required} | {field.description} |" in text, (model.__name__, key)
    assert ArticleFile.model_fields["format"].description in text


def _as_json(value: Any) -> Any:
    """TOML as editors hand it to a JSON Schema validator: dates as strings."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return value


def _validator(schema):
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_jsonschema_accepts_every_valid_file_and_the_loader_agrees_on_dates(tmp_path):
    validator = _validator(json_schema())
    for path in valid_files(tmp_path):
        data = _as_json(tomli.loads(path.read_text(encoding="utf-8-sig")))
        assert [e.message for e in validator.iter_errors(data)] == [], path.name
    # a local time alone is neither a date nor a date-time: both refuse it
    bad = tmp_path / "time.toml"
    bad.write_text(MINIMAL.replace('title = "A small article"', 'title = "A small article"\npublished = 10:30:00'), encoding="utf-8")
    assert load_library([bad]).errors
    assert not validator.is_valid(_as_json(tomli.loads(bad.read_text(encoding="utf-8"))))


def test_every_json_export_validates_against_the_export_schema(tmp_path):
    validator = _validator(export_schema())
    articles = [load_library([path]).articles[0] for path in valid_files(tmp_path)]
    doc = json.loads(to_json(articles))
    assert [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(doc)] == []
    doc["articles"][0]["derived"]["anchors"]["x"] = {"section": "s"}
    assert not validator.is_valid(doc)


def _taplo() -> str:
    exe = shutil.which("taplo") or str(Path(sys.executable).with_name("taplo"))
    if not Path(exe).exists():
        if os.environ.get("CI"):
            pytest.fail("taplo (the PyPI wheel in the test extras) is missing on CI")
        pytest.skip("taplo not installed")
    return exe


def _taplo_check(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_taplo(), "check", "--no-auto-config", "--colors", "never", "--schema", schema.as_uri(), *map(str, files)],
        capture_output=True, text=True, timeout=120, env={**os.environ, "RUST_LOG": "warn"},
    )


@pytest.fixture
def schema_file(tmp_path, capsys) -> Path:
    assert main(["schema"]) == 0
    path = tmp_path / "quoth-article.schema.json"
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    return path


def test_taplo_passes_every_valid_file(tmp_path, schema_file):
    result = _taplo_check(schema_file, *valid_files(tmp_path))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ('aliases = ["Ann"]', 'aliases = ["Ann"]\nkind = "alien"', "alien"),
        ('title = "One"', 'title = "One"\ntitel = "typo"', "titel"),
        ('suffix = ". Ann"', 'suffix = ". Ann"\nkind = 3', "kind = 3"),
        ('id = "sound"', 'id = "Not A Slug"', "Not A Slug"),
    ],
)
def test_taplo_fails_an_invalid_file_at_the_right_line(tmp_path, schema_file, old, new, needle):
    path = tmp_path / "bad.toml"
    path.write_text(MINIMAL.replace(old, new), encoding="utf-8")
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text)
    result = _taplo_check(schema_file, path)
    assert result.returncode != 0
    assert f"{path}:{line}:" in result.stderr, result.stderr
    assert load_library([path]).errors  # quoth check refuses it too


def test_schema_directive_resolves_against_the_articles_folder(tmp_path, schema_file):
    """`#:schema ../x.json` in content/sub/a.toml is found from the article's own folder."""
    sub = tmp_path / "content" / "sub"
    sub.mkdir(parents=True)
    bad = sub / "a.toml"
    bad.write_text("#:schema ../../quoth-article.schema.json\n" + MINIMAL.replace('aliases = ["Ann"]', 'aliases = ["Ann"]\nkind = "alien"'), encoding="utf-8")
    result = subprocess.run(
        [_taplo(), "check", "--no-auto-config", "--colors", "never", str(bad)],
        capture_output=True, text=True, timeout=120, cwd=REPO,
    )
    assert result.returncode != 0 and "alien" in result.stderr, result.stderr


def test_the_docs_json_to_toml_script_round_trips(tmp_path):
    pytest.importorskip("tomli_w")
    text = (REPO / "docs" / "exports.md").read_text(encoding="utf-8")
    (script,) = re.findall(r"```python\n(.*?)```", text, re.S)
    (tmp_path / "back.py").write_text(script, encoding="utf-8")
    files = [CONTENT / "hegseth-nato-troops.toml", FIXTURES / "full.toml", FIXTURES / "hostile.toml"]
    exported = to_json(load_library(files).articles)
    subprocess.run([sys.executable, "back.py"], input=exported, text=True, cwd=tmp_path, check=True, timeout=120)
    back = load_library(sorted(tmp_path.glob("*.toml")))
    assert not back.errors, [e.format() for e in back.errors]
    by_id = sorted(back.articles, key=lambda a: files.index(next(f for f in files if f.stem == a.id or a.id in f.read_text(encoding="utf-8"))))
    assert json.loads(to_json(by_id)) == json.loads(exported)
