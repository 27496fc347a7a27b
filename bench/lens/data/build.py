"""Assemble the hand-written relationship-conversation set into train/dev/test CSVs.

    .venv/bin/python bench/lens/data/build.py            # build CSVs, check overlap, print counts
    .venv/bin/python bench/lens/data/build.py --readme   # ... and refresh the counts table in
                                                         #     bench/lens/README.md

Sources are the hand-written files in src/<split>/*.txt, one message per line:

    <labels> | <text> [| <note>]

<labels> is space-separated short codes (see CODES below), "-" for a neutral message, plus "!" when
the text is a crisis text (suicidal thoughts, intent, plans or self-harm, however indirect). Lines
starting with "#" are comments. Output columns: id,text,markers,crisis,note where markers is a
";"-separated sorted list of the names in ../shared/MARKERS.md (empty for neutral).

Ids are stable (split prefix + a hash of the text), so adding rows does not renumber others.
Test rows whose normalised token set has Jaccard >= 0.7 with any train row (or any row of the
model's other training file, ../seed.csv, when present) are dropped and listed, and so are dev rows
that close to train or test, so that the held-out splits hold no near-duplicates of training text.
Stdlib only.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
README = HERE.parent / "README.md"
SPLITS = ("train", "dev", "test")
PREFIX = {"train": "tr", "dev": "dv", "test": "te"}
JACCARD_LIMIT = 0.7
# Other files the marker model trains on; test rows must not be near-duplicates of these either.
EXTRA_TRAINING = (HERE.parent / "seed.csv",)

CODES = {
    "cr": "criticism",
    "co": "contempt",
    "de": "defensiveness",
    "di": "dismissal",
    "st": "stonewalling",
    "ctl": "control",
    "th": "threat",
    "gs": "gentle_startup",
    "va": "validation",
    "cu": "curiosity",
    "ac": "accountability",
    "re": "repair",
    "ap": "appreciation",
    "rs": "reassurance",
    "bd": "boundary",
}
MARKERS = tuple(CODES.values())
UNSAFE = (
    "criticism",
    "contempt",
    "defensiveness",
    "dismissal",
    "stonewalling",
    "control",
    "threat",
)
SAFE = tuple(m for m in MARKERS if m not in UNSAFE)
MINIMUM = {"train": 120, "dev": 20, "test": 35}
# Example phrases quoted in ../shared/MARKERS.md: test rows must not copy them verbatim.
MARKERS_PHRASES = (
    "you always",
    "you never",
    "what's wrong with you",
    "printer is useless",
    "you're overreacting",
    "calm down",
    "too sensitive",
    "get over it",
    "i see it differently",
    "whatever",
    "fine.",
    "i'm done talking",
    "if the yelling continues",
    "of course you're upset",
    "i can see why that scared you",
    "what was that like for you",
    "can we start over",
    "we're on the same team",
    "i'm here",
    "i'm not going anywhere",
    "you can tell me anything",
    "thank you for",
    "i loved how you",
    "i felt lonely when",
    "better off without me",
    "pills saved up",
    "traffic is killing me",
    "my phone died",
    "could die of embarrassment",
)
SIZE = {"train": 2400, "dev": 400, "test": 700}


@dataclass(frozen=True)
class Row:
    split: str
    text: str
    markers: tuple[str, ...]
    crisis: int
    note: str
    where: str

    @property
    def id(self) -> str:
        digest = hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:8]
        return f"{PREFIX[self.split]}-{digest}"


def parse_line(split: str, line: str, where: str) -> Row:
    parts = [p.strip() for p in line.split(" | ", 2)]
    if len(parts) < 2 or not parts[1]:
        raise ValueError(f"{where}: expected '<labels> | <text> [| <note>]'")
    codes, text = parts[0].split(), parts[1]
    note = parts[2] if len(parts) == 3 else ""
    crisis = 1 if "!" in codes else 0
    codes = [c for c in codes if c not in ("!", "-")]
    unknown = [c for c in codes if c not in CODES]
    if unknown:
        raise ValueError(f"{where}: unknown label code(s) {unknown}")
    markers = tuple(sorted({CODES[c] for c in codes}))
    return Row(split, text, markers, crisis, note, where)


def load(split: str) -> list[Row]:
    rows: list[Row] = []
    for path in sorted((SRC / split).glob("*.txt")):
        for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            rows.append(parse_line(split, line, f"{path.relative_to(HERE)}:{n}"))
    return rows


TOKEN = re.compile(r"[a-z0-9']+|[^\sa-z0-9']", re.IGNORECASE)


def tokens(text: str) -> frozenset[str]:
    """Lower-cased words (apostrophes dropped, so don't == dont) plus emoji/symbols."""
    out = set()
    for tok in TOKEN.findall(text.lower().replace("\u2019", "'")):
        tok = tok.replace("'", "")
        if tok and (tok.isalnum() or not tok.isascii()):
            out.add(tok)
    return frozenset(out)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def near_duplicates(held: list[Row], train: list[Row]) -> list[tuple[Row, Row, float]]:
    train_tokens = [(r, tokens(r.text)) for r in train]
    found = []
    for row in held:
        mine = tokens(row.text)
        best: tuple[Row, float] | None = None
        for other, theirs in train_tokens:
            # cheap bound: Jaccard <= min/max of the set sizes
            small, big = sorted((len(mine), len(theirs)))
            if big and small / big < JACCARD_LIMIT:
                continue
            score = jaccard(mine, theirs)
            if score >= JACCARD_LIMIT and (best is None or score > best[1]):
                best = (other, score)
        if best is not None:
            found.append((row, best[0], best[1]))
    return found


def write_csv(split: str, rows: list[Row]) -> Path:
    path = HERE / f"{split}.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["id", "text", "markers", "crisis", "note"])
        for row in sorted(rows, key=lambda r: r.id):
            writer.writerow([row.id, row.text, ";".join(row.markers), row.crisis, row.note])
    return path


def counts_table(data: dict[str, list[Row]]) -> str:
    lines = ["| marker | " + " | ".join(SPLITS) + " |", "|---|" + "---:|" * len(SPLITS)]
    per = {s: Counter(m for r in data[s] for m in r.markers) for s in SPLITS}
    for m in MARKERS:
        lines.append(f"| `{m}` | " + " | ".join(str(per[s][m]) for s in SPLITS) + " |")

    def row(label: str, fn: Callable[[list[Row]], int]) -> str:
        return f"| {label} | " + " | ".join(str(fn(data[s])) for s in SPLITS) + " |"

    lines.append(row("neutral (no marker)", lambda rs: sum(1 for r in rs if not r.markers)))
    lines.append(
        row("multi-label (2+ markers)", lambda rs: sum(1 for r in rs if len(r.markers) > 1))
    )
    lines.append(
        row(
            "only safer markers",
            lambda rs: sum(1 for r in rs if r.markers and set(r.markers) <= set(SAFE)),
        )
    )
    lines.append(
        row(
            "only less-safe markers",
            lambda rs: sum(1 for r in rs if r.markers and set(r.markers) <= set(UNSAFE)),
        )
    )
    lines.append(row("`crisis` = 1", lambda rs: sum(r.crisis for r in rs)))
    lines.append(row("with a note (hard case)", lambda rs: sum(1 for r in rs if r.note)))
    lines.append(row("**messages**", len))
    return "\n".join(lines)


BEGIN, END = "<!-- counts:begin (generated by data/build.py --readme) -->", "<!-- counts:end -->"


def refresh_readme(table: str) -> None:
    text = README.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        raise SystemExit(f"{README}: no {BEGIN} ... {END} block to fill")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{BEGIN}\n{table}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", action="store_true", help="refresh the counts in README.md")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)

    data = {s: load(s) for s in SPLITS}
    problems = 0

    seen: dict[str, Row] = {}
    for s in SPLITS:
        for r in data[s]:
            key = " ".join(sorted(tokens(r.text))) + "|" + r.text.lower().strip()
            if r.text in seen or key in seen:
                other = seen.get(r.text) or seen[key]
                print(f"duplicate text: {r.where} and {other.where}: {r.text!r}")
                problems += 1
            seen[r.text] = seen[key] = r
    dedup = {}
    for s in SPLITS:
        unique: dict[str, Row] = {}
        for r in data[s]:
            unique.setdefault(r.text, r)
        dedup[s] = list(unique.values())
    data = dedup

    for r in data["test"]:
        low = r.text.lower().replace("\u2019", "'")
        hits = [p for p in MARKERS_PHRASES if p in low]
        if hits:
            print(f"test row copies a MARKERS.md phrase {hits}: {r.where}: {r.text!r}")
            problems += 1

    # Other training text kept beside this set (the model's seed examples) must not echo test.
    extra = []
    for path in EXTRA_TRAINING:
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                for n, rec in enumerate(csv.DictReader(fh), 2):
                    extra.append(Row("train", rec["text"], (), 0, "", f"{path.name}:{n}"))

    for held in ("test", "dev"):
        against = data["train"] + extra if held == "test" else data["train"] + data["test"]
        dropped = near_duplicates(data[held], against)
        for row, other, score in dropped:
            print(f"dropped {held} row (Jaccard {score:.2f}): {row.where}: {row.text!r}")
            print(f"    ~ {other.where}: {other.text!r}")
        gone = {id(r) for r, _, _ in dropped}
        data[held] = [r for r in data[held] if id(r) not in gone]

    for s in SPLITS:
        write_csv(s, data[s])
        per = Counter(m for r in data[s] for m in r.markers)
        short = [m for m in MARKERS if per[m] < MINIMUM[s]]
        if short:
            print(f"{s}: under {MINIMUM[s]} examples: " + ", ".join(f"{m}={per[m]}" for m in short))
        if len(data[s]) < SIZE[s]:
            print(f"{s}: {len(data[s])} messages, target >= {SIZE[s]}")

    table = counts_table(data)
    if not args.quiet:
        print(table)
    if args.readme:
        refresh_readme(table)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
