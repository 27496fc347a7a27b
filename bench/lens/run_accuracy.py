"""Accuracy of the conversation lens's marker model.

    .venv/bin/python bench/lens/run_accuracy.py                # everything (a few minutes)
    .venv/bin/python bench/lens/run_accuracy.py --only own     # own, goemotions, epitome, annomi
    .venv/bin/python bench/lens/run_accuracy.py --show-errors 20 --only own

Parts:

* **own**: our hand-written relationship set, ``bench/lens/data/test.csv`` (never trained on;
  thresholds were tuned without it): precision, recall and F1 per marker, macro-F1; also the
  ``crisis`` flag (from ``feltsafe.safety``) and the dev split for comparison.
* **goemotions**: GoEmotions *test* split, binary F1 per label for the four labels that map to a
  marker (gratitude -> appreciation, remorse -> accountability, curiosity -> curiosity, caring
  -> reassurance). The heads saw GoEmotions *train* rows for these labels (weight 0.3).
* **epitome**: EPITOME Reddit responses (evaluation only, never trained on; the whole set, as it
  has no official split): explorations (level >= 1) -> curiosity, interpretations (level >= 1)
  -> validation, binary F1.
* **annomi**: AnnoMI-simple therapist utterances (evaluation only, the whole set): reflection ->
  validation, question -> curiosity, binary F1.

Public-set comparisons are proxies, not like for like: the labels are defined differently from
MARKERS.md, and the published baselines were trained in-domain (see RESULTS.md). Every score is
printed next to the F1 of the trivial "always yes" predictor for that label.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from feltsafe.lens.markers import MARKERS  # noqa: E402
from feltsafe.lens.tagger import tag_messages  # noqa: E402

DATA = Path(os.environ.get("FELTSAFE_SHARED_DATA", ROOT.parent / "shared" / "data")).resolve()
OWN = ROOT / "bench" / "lens" / "data"
PARTS = ("own", "goemotions", "epitome", "annomi")


def prf(pred: list[bool], truth: list[bool]) -> tuple[float, float, float, int]:
    tp = sum(p and t for p, t in zip(pred, truth, strict=True))
    n_pred, n_true = sum(pred), sum(truth)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_true if n_true else 0.0
    f1 = 2 * tp / (n_pred + n_true) if n_pred + n_true else 0.0
    return precision, recall, f1, n_true


def always_yes_f1(truth: list[bool]) -> float:
    p = sum(truth) / len(truth) if truth else 0.0
    return 2 * p / (1 + p) if p else 0.0


def own_split(name: str, show_errors: int) -> dict[str, object]:
    path = OWN / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows:
        print(f"{path}: no rows")
        return {}
    started = time.perf_counter()
    results = tag_messages([row["text"] for row in rows])
    elapsed = time.perf_counter() - started
    gold = [{m for m in row["markers"].split(";") if m} for row in rows]
    print(f"\n== own {name}.csv: {len(rows)} messages ({elapsed:.1f} s)")
    print(f"{'marker':16s} {'P':>6s} {'R':>6s} {'F1':>6s} {'n':>5s}")
    per: dict[str, dict[str, float]] = {}
    for marker in MARKERS:
        pred = [marker in r.markers for r in results]
        truth = [marker in g for g in gold]
        p, r, f, n = prf(pred, truth)
        per[marker] = {"precision": p, "recall": r, "f1": f, "n": n}
        print(f"{marker:16s} {p:6.3f} {r:6.3f} {f:6.3f} {n:5d}")
    scored = [v["f1"] for v in per.values() if v["n"] > 0]
    macro = sum(scored) / len(scored)
    exact = sum(set(r.markers) == g for r, g in zip(results, gold, strict=True)) / len(rows)
    neutral = [i for i, g in enumerate(gold) if not g]
    neutral_ok = sum(not results[i].markers for i in neutral) / len(neutral) if neutral else 0.0
    print(
        f"macro-F1 {macro:.3f}   exact-set accuracy {exact:.3f}   "
        f"neutral kept empty {neutral_ok:.3f}"
    )
    crisis_truth = [row["crisis"] == "1" for row in rows]
    cp, cr, cf, cn = prf([r.crisis for r in results], crisis_truth)
    print(f"crisis flag: P {cp:.3f} R {cr:.3f} F1 {cf:.3f} (n={cn})")
    if show_errors:
        print("errors (gold -> predicted):")
        shown = 0
        for row, result, g in zip(rows, results, gold, strict=True):
            if set(result.markers) != g and shown < show_errors:
                shown += 1
                print(f"  {sorted(g)} -> {list(result.markers)}: {row['text'][:100]}")
    return {"macro_f1": macro, "exact": exact, "per_marker": per, "n": len(rows)}


def binary_report(
    title: str, texts: list[str], truths: dict[str, list[bool]], mapping: dict[str, str]
) -> dict[str, object]:
    started = time.perf_counter()
    results = tag_messages(texts)
    elapsed = time.perf_counter() - started
    print(f"\n== {title}: {len(texts)} texts ({elapsed:.1f} s)")
    print(
        f"{'label -> marker':34s} {'P':>6s} {'R':>6s} {'F1':>6s} {'n':>5s} {'always-yes F1':>14s}"
    )
    out: dict[str, object] = {}
    for label, marker in mapping.items():
        truth = truths[label]
        p, r, f, n = prf([marker in res.markers for res in results], truth)
        base = always_yes_f1(truth)
        out[label] = {
            "marker": marker,
            "precision": p,
            "recall": r,
            "f1": f,
            "n": n,
            "always_yes_f1": base,
        }
        print(f"{label + ' -> ' + marker:34s} {p:6.3f} {r:6.3f} {f:6.3f} {n:5d} {base:14.3f}")
    return out


def goemotions() -> dict[str, object]:
    folder = DATA / "goemotions"
    labels = (folder / "labels.txt").read_text(encoding="utf-8").split()
    texts, label_sets = [], []
    with (folder / "test.tsv").open(encoding="utf-8") as handle:
        for record in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            texts.append(record[0])
            label_sets.append({labels[int(i)] for i in record[1].split(",")})
    mapping = {
        "gratitude": "appreciation",
        "remorse": "accountability",
        "curiosity": "curiosity",
        "caring": "reassurance",
    }
    truths = {label: [label in s for s in label_sets] for label in mapping}
    return binary_report("GoEmotions test", texts, truths, mapping)


def epitome() -> dict[str, object]:
    out: dict[str, object] = {}
    for name, label, marker in (
        ("explorations", "EX>=1", "curiosity"),
        ("interpretations", "IP>=1", "validation"),
    ):
        with (DATA / "epitome" / f"{name}-reddit.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        texts = [row["response_post"] for row in rows]
        truths = {label: [int(row["level"]) >= 1 for row in rows]}
        out.update(
            binary_report(f"EPITOME {name} (Reddit, all pairs)", texts, truths, {label: marker})
        )
    return out


def annomi() -> dict[str, object]:
    with (DATA / "annomi" / "AnnoMI-simple.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["interlocutor"] == "therapist"]
    texts = [row["utterance_text"] for row in rows]
    behaviour = [row["main_therapist_behaviour"] for row in rows]
    truths = {
        "reflection": [b == "reflection" for b in behaviour],
        "question": [b == "question" for b in behaviour],
    }
    return binary_report(
        "AnnoMI-simple therapist utterances",
        texts,
        truths,
        {"reflection": "validation", "question": "curiosity"},
    )


def main() -> int:
    parser = argparse.ArgumentParser(description="Accuracy of the lens marker model.")
    parser.add_argument("--only", choices=PARTS, action="append")
    parser.add_argument("--show-errors", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    parts = args.only or list(PARTS)
    figures: dict[str, object] = {}
    if "own" in parts:
        figures["own_test"] = own_split("test", args.show_errors)
        figures["own_dev"] = own_split("dev", 0)
    if "goemotions" in parts:
        figures["goemotions_test"] = goemotions()
    if "epitome" in parts:
        figures["epitome"] = epitome()
    if "annomi" in parts:
        figures["annomi"] = annomi()
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
