"""How well ``quoth import`` finds quotes, against careful hand encodings.

    python bench/import_eval.py [--verbose] [NAME ...]

Each folder of ``bench/import_eval/`` holds a real, openly licensed news
article (``source.txt``: the headline, then paragraphs split by blank
lines), where it comes from and its licence (``SOURCE.md``), and a hand
encoding (``expected.toml``) of every direct quotation and reported-speech
clause with its speaker. The article is imported as plain text and the draft
compared with the hand encoding:

- a predicted quote matches an expected one of the same kind in the same
  paragraph when their spans overlap by at least 90% of the longer one
  (one-to-one, best overlap first);
- direct-quote precision and recall; speaker accuracy on matched direct
  quotes (the predicted entity's name or an alias is one of the expected
  speaker's names, ignoring case); reported-speech recall (and, leniently,
  at 50% overlap).

Targets (issue 13): precision >= 0.9, recall >= 0.95, speaker accuracy
>= 0.9, reported recall >= 0.5.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import tomli

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.core.importer import import_text, verify  # noqa: E402

DATA = Path(__file__).resolve().parent / "import_eval"


@dataclass
class Item:
    paragraph: int
    start: int
    end: int
    kind: str
    names: frozenset[str]  # the speaker's names, casefolded
    text: str


def overlap(a: Item, b: Item) -> float:
    if a.paragraph != b.paragraph:
        return 0.0
    common = min(a.end, b.end) - max(a.start, b.start)
    return max(0, common) / max(a.end - a.start, b.end - b.start, 1)


def _match(expected: list[Item], predicted: list[Item], threshold: float) -> list[tuple[Item, Item]]:
    pairs = sorted(
        ((overlap(e, p), i, j) for i, e in enumerate(expected) for j, p in enumerate(predicted)),
        reverse=True,
    )
    used_e: set[int] = set()
    used_p: set[int] = set()
    matched = []
    for score, i, j in pairs:
        if score < threshold:
            break
        if i in used_e or j in used_p:
            continue
        used_e.add(i)
        used_p.add(j)
        matched.append((expected[i], predicted[j]))
    return matched


def load_expected(folder: Path, paragraphs: list[str]) -> list[Item]:
    data = tomli.loads((folder / "expected.toml").read_text("utf-8"))
    speakers = {s["id"]: frozenset(n.casefold() for n in s["names"]) for s in data.get("speakers", [])}
    items = []
    for q in data.get("quotes", []):
        par = paragraphs[q["paragraph"]]
        start = par.find(q["text"])
        if start < 0:
            raise SystemExit(f"{folder.name}: expected text not in paragraph {q['paragraph']}: {q['text'][:60]!r}")
        items.append(Item(q["paragraph"], start, start + len(q["text"]), q["kind"], speakers[q["speaker"]], q["text"]))
    return items


def evaluate(folder: Path, verbose: bool) -> dict[str, int]:
    text = (folder / "source.txt").read_text("utf-8")
    draft = import_text(text, "text")
    result = verify(draft, str(folder / "draft.toml"))
    if result.errors:
        raise SystemExit(f"{folder.name}: the draft fails quoth check: {result.errors[0].format()}")
    paragraphs = draft.paragraphs[0]
    expected = load_expected(folder, paragraphs)
    predicted = [
        Item(f.paragraph, f.start, f.end, f.kind,
             frozenset(n.casefold() for n in (f.speaker.name, *f.speaker.aliases)), f.text(draft.paragraphs))
        for f in draft.found
    ]
    counts: dict[str, int] = {}
    for kind in ("direct", "indirect"):
        exp = [e for e in expected if e.kind == kind]
        pred = [p for p in predicted if p.kind == kind]
        matched = _match(exp, pred, 0.9)
        counts[f"{kind}_expected"] = len(exp)
        counts[f"{kind}_predicted"] = len(pred)
        counts[f"{kind}_matched"] = len(matched)
        counts[f"{kind}_speaker_ok"] = sum(bool(e.names & p.names) for e, p in matched)
        counts[f"{kind}_lenient"] = len(_match(exp, pred, 0.5))
        if verbose:
            hit_e = {id(e) for e, _ in matched}
            hit_p = {id(p) for _, p in matched}
            for e in exp:
                if id(e) not in hit_e:
                    print(f"  {folder.name}: missed {kind} p{e.paragraph}: {e.text[:70]!r}")
            for p in pred:
                if id(p) not in hit_p:
                    print(f"  {folder.name}: extra {kind} p{p.paragraph}: {p.text[:70]!r}")
            for e, p in matched:
                if not e.names & p.names:
                    print(f"  {folder.name}: speaker {sorted(p.names)[:2]} for {e.text[:50]!r} (want {sorted(e.names)[:2]})")
    return counts


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="articles to evaluate (default: all)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss, extra and wrong speaker")
    args = parser.parse_args()
    folders = sorted(p for p in DATA.iterdir() if (p / "expected.toml").exists())
    if args.names:
        folders = [f for f in folders if f.name in args.names]
    total: dict[str, int] = {}
    print(f"{'article':<14} {'direct':>6} {'prec':>5} {'recall':>6} {'speaker':>7} {'reported':>8} {'recall':>6} {'(50%)':>6}")
    for folder in folders:
        c = evaluate(folder, args.verbose)
        for k, v in c.items():
            total[k] = total.get(k, 0) + v
        print(
            f"{folder.name:<14} {c['direct_expected']:>6} {ratio(c['direct_matched'], c['direct_predicted']):>5} "
            f"{ratio(c['direct_matched'], c['direct_expected']):>6} {ratio(c['direct_speaker_ok'], c['direct_matched']):>7} "
            f"{c['indirect_expected']:>8} {ratio(c['indirect_matched'], c['indirect_expected']):>6} "
            f"{ratio(c['indirect_lenient'], c['indirect_expected']):>6}"
        )
    c = total
    print(
        f"{'ALL':<14} {c['direct_expected']:>6} {ratio(c['direct_matched'], c['direct_predicted']):>5} "
        f"{ratio(c['direct_matched'], c['direct_expected']):>6} {ratio(c['direct_speaker_ok'], c['direct_matched']):>7} "
        f"{c['indirect_expected']:>8} {ratio(c['indirect_matched'], c['indirect_expected']):>6} "
        f"{ratio(c['indirect_lenient'], c['indirect_expected']):>6}"
    )
    print(
        f"direct quotes: precision {ratio(c['direct_matched'], c['direct_predicted'])} (target 0.9), "
        f"recall {ratio(c['direct_matched'], c['direct_expected'])} (0.95); "
        f"speaker accuracy {ratio(c['direct_speaker_ok'], c['direct_matched'])} (0.9); "
        f"reported-speech recall {ratio(c['indirect_matched'], c['indirect_expected'])} (0.5)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
