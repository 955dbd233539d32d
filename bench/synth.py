"""A deterministic synthetic library for benchmarks.

    python bench/synth.py [--articles 1000] [--out bench/data/library]

Each article has 8 sections of 3 paragraphs, 12 entities, 40 quotes and 30
claims (1,000 articles: 40,000 quotes and 30,000 claims). Words follow a
Zipf-like distribution over a fixed vocabulary so that common and rare
queries both exist. The same arguments always give the same files.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "data" / "library"

COMMON = (
    "the of and to in a that is for on with as by at from said would not be has have was "
    "will talks peace war troops minister defence security deal leaders government support "
    "military europe ukraine russia nato allies budget spending negotiations president "
    "officials sanctions border ceasefire aid weapons summit agreement territory forces"
).split()
NAMES = (
    "Amara Okafor Lindqvist Moreau Novak Haddad Ivanova Kowalski Tanaka Ferreira Mensah "
    "Jansen Rossi Dubois Schmidt Petrov Walsh Costa Nakamura Brennan Zelenko Álvarez Øster"
).split()
ROLES = ["Defence Minister", "Foreign Minister", "President", "Chancellor", "spokesperson", "General", "Senator"]
CUES = ["said", "told reporters", "warned", "insisted", "argued", "noted", "claimed", "added"]
QUOTE_KINDS = ["direct", "indirect"]
CLAIM_KINDS = ["assertion", "denial", "proposal", "demand", "warning", "commitment", "prediction", "position"]


def _vocabulary(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    made = {"".join(rng.choice(letters) for _ in range(rng.randint(4, 10))) for _ in range(3000)}
    return COMMON + sorted(made)


def _toml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _sentence(rng: random.Random, vocab: list[str], weights: list[float], n: int) -> str:
    words = rng.choices(vocab, weights=weights, k=n)
    return " ".join(words)


def article(rng: random.Random, vocab: list[str], weights: list[float], number: int) -> str:
    art_id = f"synthetic-{number:04d}"
    people = rng.sample(NAMES, 12)
    lines = [
        "format = 1",
        "",
        "[article]",
        f'id = "{art_id}"',
        f"title = {_toml(_sentence(rng, vocab, weights, 8).capitalize())}",
        f"published = 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f'outlet = "The Synthetic {rng.choice(["Times", "Post", "Herald", "Courier"])}"',
        "",
    ]
    entity_ids = []
    for i, name in enumerate(people):
        eid = f"p{i}"
        entity_ids.append(eid)
        lines += [
            "[[entities]]",
            f'id = "{eid}"',
            f"name = {_toml(name + ' ' + rng.choice(NAMES))}",
            f"role = {_toml(rng.choice(ROLES))}",
            f"aliases = [{_toml(name)}]",
            "",
        ]
    sections = []
    quotes = []
    for s in range(8):
        paragraphs = []
        for p in range(3):
            sentences = []
            for k in range(rng.randint(3, 5)):
                # each sentence is unique in its section: a numbered marker word
                text = _sentence(rng, vocab, weights, rng.randint(8, 22)) + f" n{s}x{p}x{k}"
                sentences.append(text)
            paragraphs.append(". ".join(sentences) + ".")
            for text in sentences:
                quotes.append((s, text))
        sections.append(paragraphs)
        lines += [
            "[[sections]]",
            f'id = "s{s}"',
            f"title = {_toml(_sentence(rng, vocab, weights, 4).capitalize())}",
            "paragraphs = [",
            *(f"  {_toml(p)}," for p in paragraphs),
            "]",
            "",
        ]
    chosen = rng.sample(quotes, 40)
    for i, (s, text) in enumerate(chosen):
        lines += [
            "[[quotes]]",
            f'id = "q{i}"',
            f'speaker = "{rng.choice(entity_ids)}"',
            f'section = "s{s}"',
            f"text = {_toml(text)}",
            f'kind = "{rng.choice(QUOTE_KINDS)}"',
            f'cue = "{rng.choice(CUES)}"',
            "",
        ]
    for i in range(30):
        q = rng.randrange(40)
        s = chosen[q][0]
        lines += [
            "[[claims]]",
            f'id = "c{i}"',
            f'speaker = "{rng.choice(entity_ids)}"',
            f'section = "s{s}"',
            f"text = {_toml(_sentence(rng, vocab, weights, rng.randint(6, 16)).capitalize() + '.')}",
            f'kind = "{rng.choice(CLAIM_KINDS)}"',
            f'quotes = ["q{q}"]',
            f'about = ["{rng.choice(entity_ids)}"]',
            "",
        ]
    for _ in range(10):
        a, b = rng.sample(range(30), 2)
        lines += [
            "[[relations]]",
            f'from = "c{a}"',
            f'to = "c{b}"',
            f'kind = "{rng.choice(["supports", "disputes", "qualifies", "responds-to", "restates"])}"',
            "",
        ]
    return "\n".join(lines)


def generate(out: Path = DEFAULT_OUT, articles: int = 1000, seed: int = 1) -> Path:
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    weights = [1.0 / (rank + 1) for rank in range(len(vocab))]
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for n in range(articles):
        folder = out / f"{n // 100:02d}"
        folder.mkdir(exist_ok=True)
        text = article(rng, vocab, weights, n)
        # relations may repeat by chance; keep the first of each
        (folder / f"synthetic-{n:04d}.toml").write_text(_dedupe_relations(text), encoding="utf-8")
    return out


def _dedupe_relations(text: str) -> str:
    blocks = text.split("\n\n")
    seen = set()
    kept = []
    for block in blocks:
        if block.startswith("[[relations]]"):
            key = tuple(line.split(" = ")[1] for line in block.splitlines()[1:3])
            if key in seen:
                continue
            seen.add(key)
        kept.append(block)
    return "\n\n".join(kept)


def ensure(articles: int = 1000, out: Path = DEFAULT_OUT) -> Path:
    """Generate the library unless it is already there with that many files."""
    marker = out / f".articles-{articles}"
    if not marker.exists():
        generate(out, articles)
        marker.write_text("ok")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    path = generate(args.out, args.articles)
    print(f"wrote {args.articles} articles to {path}")


if __name__ == "__main__":
    main()
