"""Test helpers: write an article's data back as TOML, and edit it the way
an author does (rename an id everywhere it is used, delete an item and what
refers to it), so that the result still passes ``quoth check``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .conftest import toml_string

TABLES = ("entities", "sections", "quotes", "claims", "relations", "sources")


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(type(value))


def _table(data: dict[str, Any]) -> list[str]:
    return [f"{toml_string(k)} = {_value(v)}" for k, v in data.items() if v is not None]


def to_toml(data: dict[str, Any]) -> str:
    lines = [f"format = {data['format']}", "", "[article]", *_table(data["article"])]
    for name in TABLES:
        for item in data.get(name, ()):
            lines += ["", f"[[{name}]]", *_table(item)]
    return "\n".join(lines) + "\n"


def rename(data: dict[str, Any], kind: str, old: str, new: str) -> None:
    """Rename an id and every reference to it."""
    for item in data[kind]:
        if item["id"] == old:
            item["id"] = new
    if kind == "sections":
        for item in (*data["quotes"], *data["claims"]):
            if item["section"] == old:
                item["section"] = new
    elif kind == "quotes":
        for claim in data["claims"]:
            claim["quotes"] = [new if q == old else q for q in claim.get("quotes", ())]
    elif kind == "claims":
        for rel in data["relations"]:
            rel["from"] = new if rel["from"] == old else rel["from"]
            rel["to"] = new if rel["to"] == old else rel["to"]
    elif kind == "entities":
        for item in (*data["quotes"], *data["claims"]):
            if item["speaker"] == old:
                item["speaker"] = new
        for claim in data["claims"]:
            claim["about"] = [new if e == old else e for e in claim.get("about", ())]


def delete(data: dict[str, Any], kind: str, ident: str) -> None:
    """Delete an item and whatever cannot stand without it."""
    data[kind] = [i for i in data[kind] if i["id"] != ident]
    if kind == "sections":
        for q in [q for q in data["quotes"] if q["section"] == ident]:
            delete(data, "quotes", q["id"])
        for c in [c for c in data["claims"] if c["section"] == ident]:
            delete(data, "claims", c["id"])
    elif kind == "quotes":
        for claim in data["claims"]:
            claim["quotes"] = [q for q in claim.get("quotes", ()) if q != ident]
    elif kind == "claims":
        data["relations"] = [r for r in data["relations"] if ident not in (r["from"], r["to"])]
