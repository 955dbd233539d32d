"""People across a library, in the store: entities with the same id, or
sharing a ``sameas`` identifier, are one person, as :class:`.people.People`
groups them. Each entity row gets the ``article/entity`` key of its person's
first entity in library order. No Textual, no pydantic."""

from __future__ import annotations

import json
import sqlite3


def group_people(conn: sqlite3.Connection) -> None:
    """Who is who across the library, as :class:`.people.People` groups
    them: entities with the same id, or sharing a ``sameas`` identifier,
    are one person, named by its first entity in library order."""
    rows = conn.execute(
        "SELECT e.file, e.n, a.id, e.id, e.sameas FROM entities e JOIN files f ON f.id = e.file "
        "JOIN articles a ON a.file = e.file WHERE f.status = 'ok' ORDER BY f.seq, e.n"
    ).fetchall()
    parent: dict[int, int] = {}

    def find(k: int) -> int:
        root = k
        while parent[root] != root:
            root = parent[root]
        while parent[k] != root:
            parent[k], k = root, parent[k]
        return root

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:  # the earlier key stays the root
            parent[max(ra, rb)] = min(ra, rb)

    by_id: dict[str, int] = {}
    by_sameas: dict[str, int] = {}
    for at, (_, _, _, entity, sameas) in enumerate(rows):
        parent[at] = at
        first = by_id.setdefault(entity, at)
        if first != at:
            union(first, at)
        for ident in json.loads(sameas):
            first = by_sameas.setdefault(ident, at)
            if first != at:
                union(first, at)
    conn.execute("UPDATE entities SET person = NULL WHERE person IS NOT NULL")
    conn.executemany(
        "UPDATE entities SET person = ? WHERE file = ? AND n = ?",
        [(f"{rows[find(at)][2]}/{rows[find(at)][3]}", file, n) for at, (file, n, *_) in enumerate(rows)],
    )
