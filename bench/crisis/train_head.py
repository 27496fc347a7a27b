"""Train the semantic crisis head and write ``feltsafe/safety/data/crisis_head.json``.

    .venv-train/bin/python bench/crisis/train_head.py      # (also the last step of `make train`)

Needs scikit-learn (training only) plus the runtime's onnxruntime, tokenizers and numpy. The
feature is exactly what the runtime computes: the lens's int8 MiniLM sentence embedding (384
dims, L2-normalised). The head is a logistic regression (class-balanced); at run time it is a dot
product in numpy (:mod:`feltsafe.safety.crisis`).

Training data, all our own writing, and nothing else:

* ``bench/crisis/labelled.csv``, the rows of its fixed **dev** split only (``run.py``'s
  ``split_of``); the test split is never read here;
* ``bench/crisis/blind_batch2.csv``, ``blind_batch3.csv``, ``blind_batch4.csv``: they were blind
  once, but their errors have since been read and fixed in the rules, so they are training
  material now;
* the ``crisis`` column of ``bench/lens/data/train.csv`` and ``dev.csv`` (never ``test.csv``);
* ``bench/crisis/train_extra.csv``: hand-written texts added for this head (indirect and passive
  wishes, means without stated intent, plans, goodbyes, self-harm, slang and misspellings; hard
  negatives: figures of speech, other people's past, news, fiction, lyrics, sadness and stress).

* ``bench/crisis/blind_batch5.csv``: blind for the first head (its first-pass and second-look
  figures are in README.md), training material since batch 6 took its place;
* ``bench/crisis/train_extra2.csv``: 533 more hand-written texts by another team member, in new
  situations and wording (same breadth as ``train_extra.csv``);
* ``bench/crisis/blind_batch6.csv``: blind for the head of 27 Nov (first pass in README.md), now
  where the threshold is chosen (``--tune-on blind6``) and then training material;
* ``bench/crisis/train_extra3.csv``: 1,516 texts by four more writers who never saw the benchmark
  sets (young people online; plans, means and farewells, each with an ordinary twin; recovery,
  fiction, games, professionals and other hard negatives; close relationships).

* ``bench/crisis/blind_batch7.csv``: blind for the head of 28 Nov (first pass in README.md);
* ``bench/crisis/train_extra4.csv``: 700 more texts by two more writers, aimed at the misses and
  false alarms of batches 7 and 8 in general terms (burden and farewell wordings, crises buried
  in long messages, relapse; recovery milestones, professionals, games, jokes, quoted abuse);
* ``bench/crisis/blind_batch8.csv``: blind for the second head of 28 Nov, now where the threshold
  is chosen (``--tune-on blind8``) and then training material.

Never used: ``blind_batch9.csv`` (committed before this version of the head, kept blind for its
first-pass figures), the labelled test split, ``bench/lens/data/test.csv``, and every public
data set (SDCNL and Reddit C-SSRS are evaluation-only by their licence status).

C and the decision threshold are chosen on 5-fold stratified cross-validation over the training
data (seeded): C by out-of-fold log loss; the threshold as the one that maximises F2 (recall
weighted twice) of the combination the runtime uses (rules OR the head, where the head is not
heard when a rule guard dropped a cue: a figure of speech, a negation, someone else's past, a
recovery story, fiction, a joke), on out-of-fold probabilities, among thresholds whose
precision is at least ``MIN_PRECISION`` when re-weighted to the 40% crisis rate of our fresh
batches and with false alarms counted on the crisis bench's own hard negatives only (the lens
chat rows are easy negatives and would flatter it). The runtime maps the probability so that
this threshold sits at 0.5.

The floor is 0.85, below the issue's 0.90, because the issue says to tune for recall first and
on a 200-text tuning batch the two floors differ by two or three false alarms: with batch 6 and
the head of 28 Nov, a 0.90 floor pushed the threshold to 0.990 (recall 0.848, precision 0.919),
while 0.70 gave recall 0.962 at precision 0.885. A missed crisis costs far more than a calm box
of resources shown once too often. (The first heads used floors of 0.92 and 0.90.)

With a fine-tuned encoder (``train/finetune_encoder.py``), which has seen every training row but
blind batch 8 and the lens dev split, out-of-fold predictions would flatter the head, so the
threshold is chosen on batch 8 (``--tune-on``'s default, ``HELD_OUT_OF_FINETUNING``): the same
rule, applied to batch 8 as scored by a head trained without it (read in sentence windows, as at
run time). The head finally written is trained on every row, batch 8 included. (Batches 5 and 6
had this role before.)

Reproducing the shipped head: its weights come out the same, but its threshold (0.830) was chosen
when the tuning batch was still read in windows from 45 words; with today's windows (over 90
words, see ``feltsafe.safety.crisis.WHOLE_TEXT_WORDS``) this script chooses 0.880 (batch 8:
recall 0.929 either way, precision 0.861 vs 0.853). We kept 0.830, the version whose first pass
on blind batch 9 is on record; one text at a time 0.880 catches 2 fewer of its crises (0.912 vs
0.931 recall). The next retrain should simply take what this script chooses.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from feltsafe.lens.model import load_encoder  # noqa: E402
from feltsafe.safety.crisis import _rules, semantic_windows  # noqa: E402

OUT = ROOT / "feltsafe" / "safety" / "data" / "crisis_head.json"
SEED = 20261127
SPLIT_SEED = "feltsafe-crisis-split-v1"  # the same as run.py
TEST_FRACTION = 0.35
C_GRID = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0)
MIN_PRECISION = 0.85  # recall first; see the module notes
PREVALENCE = 0.40  # crisis share of the fresh batches the threshold is meant for


# Blind batches a threshold may be chosen on (held out of fine-tuning when chosen there).
TUNING_BATCHES = {
    "blind5": "blind_batch5.csv",
    "blind6": "blind_batch6.csv",
    "blind8": "blind_batch8.csv",
}
# The one the fine-tuning holds out now (train/finetune_encoder.py reads it from here), and so the
# default of --tune-on: choosing on a batch the encoder has seen would flatter the head.
HELD_OUT_OF_FINETUNING = "blind8"


def windowed_probabilities(model: object, texts: list[str]) -> np.ndarray:
    """The head's probability as the runtime computes it: the highest over each text's
    ``semantic_windows`` (the whole text, plus sentence windows of a long one)."""
    windows = [semantic_windows(text) for text in texts]
    flat = [window for parts in windows for window in parts]
    probabilities = model.predict_proba(load_encoder().encode(flat))[:, 1]  # type: ignore[attr-defined]
    out, start = np.zeros(len(texts)), 0
    for index, parts in enumerate(windows):
        out[index] = probabilities[start : start + len(parts)].max()
        start += len(parts)
    return out


def split_of(text: str) -> str:
    digest = hashlib.sha256(f"{SPLIT_SEED}:{text}".encode()).digest()
    return "test" if int.from_bytes(digest[:8], "big") / 2**64 < TEST_FRACTION else "dev"


def _read(path: Path, label_column: str = "crisis") -> list[tuple[str, int]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [(r["text"], int(r[label_column].strip() == "1")) for r in csv.DictReader(handle)]


def training_rows() -> tuple[list[tuple[str, int]], dict[str, int]]:
    """(text, label) rows, deduplicated, and how many each source gave (in row order)."""
    sources: dict[str, list[tuple[str, int]]] = {
        "labelled.csv (dev split)": [
            row for row in _read(HERE / "labelled.csv") if split_of(row[0]) == "dev"
        ],
        "blind_batch2.csv": _read(HERE / "blind_batch2.csv"),
        "blind_batch3.csv": _read(HERE / "blind_batch3.csv"),
        "blind_batch4.csv": _read(HERE / "blind_batch4.csv"),
        "lens train.csv": _read(ROOT / "bench" / "lens" / "data" / "train.csv"),
        "lens dev.csv": _read(ROOT / "bench" / "lens" / "data" / "dev.csv"),
        "train_extra.csv": _read(HERE / "train_extra.csv"),
        "blind_batch5.csv": _read(HERE / "blind_batch5.csv"),
        "train_extra2.csv": _read(HERE / "train_extra2.csv"),
        "blind_batch6.csv": _read(HERE / "blind_batch6.csv"),
        "train_extra3.csv": _read(HERE / "train_extra3.csv"),
        "blind_batch7.csv": _read(HERE / "blind_batch7.csv"),
        "train_extra4.csv": _read(HERE / "train_extra4.csv"),
        "blind_batch8.csv": _read(HERE / "blind_batch8.csv"),
    }
    held_out = {t.strip().lower() for t, _ in _read(HERE / "blind_batch9.csv")}
    held_out |= {
        t.strip().lower() for t, _ in _read(HERE / "labelled.csv") if split_of(t) == "test"
    }
    seen: set[str] = set()
    rows: list[tuple[str, int]] = []
    counts: dict[str, int] = {}
    for name, items in sources.items():
        kept = 0
        for text, label in items:
            key = text.strip().lower()
            if not key or key in seen or key in held_out:
                continue  # duplicates once; anything also in an evaluation set never
            seen.add(key)
            rows.append((text, label))
            kept += 1
        counts[name] = kept
    return rows, counts


def main() -> int:
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    from sklearn.metrics import log_loss  # type: ignore[import-untyped]
    from sklearn.model_selection import StratifiedKFold  # type: ignore[import-untyped]

    rows, counts = training_rows()
    texts = [t for t, _ in rows]
    y = np.array([label for _, label in rows])
    print(f"{len(rows)} training texts, {int(y.sum())} crisis: {counts}")
    hard = np.array(
        [not name.startswith("lens") for name, n in counts.items() for _ in range(n)]
    ) & (y == 0)
    readings = [_rules(text) for text in texts]
    rule_flags = np.array([result.crisis for result, _ in readings])
    guarded = np.array([was_guarded for _, was_guarded in readings])
    parser = argparse.ArgumentParser(description="Train the semantic crisis head.")
    parser.add_argument("cache", nargs="?", type=Path, help="optional .npy of the embeddings")
    parser.add_argument(
        "--tune-on",
        choices=("oof", *TUNING_BATCHES),
        default=HELD_OUT_OF_FINETUNING,
        help="choose the threshold on a blind batch predicted by a head trained without it "
        f"(default {HELD_OUT_OF_FINETUNING}, the batch the fine-tuned encoder never saw), or on "
        "out-of-fold predictions (for the stock encoder)",
    )
    args = parser.parse_args()
    cache = args.cache
    if cache is not None and cache.exists():
        x = np.load(cache)
    else:
        x = load_encoder().encode(texts)
        if cache is not None:
            np.save(cache, x)

    folds = list(StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED).split(x, y))

    def out_of_fold(c: float) -> np.ndarray:
        oof = np.zeros(len(y))
        for train, test in folds:
            model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
            model.fit(x[train], y[train])
            oof[test] = model.predict_proba(x[test])[:, 1]
        return oof

    losses = {}
    oofs = {}
    for c in C_GRID:
        oofs[c] = out_of_fold(c)
        losses[c] = log_loss(y, oofs[c])
        print(f"C={c}: out-of-fold log loss {losses[c]:.4f}")
    best_c = min(C_GRID, key=lambda c: losses[c])
    oof = oofs[best_c]

    scores, scored = oof, np.ones(len(y), dtype=bool)
    if args.tune_on in TUNING_BATCHES:
        sources = np.array([name for name, n in counts.items() for _ in range(n)])
        scored = sources == TUNING_BATCHES[args.tune_on]
        model = LogisticRegression(C=best_c, class_weight="balanced", max_iter=5000)
        model.fit(x[~scored], y[~scored])
        scores = np.zeros(len(y))
        scores[scored] = windowed_probabilities(model, [texts[i] for i in np.flatnonzero(scored)])
        hard = scored & (y == 0)  # every negative of a blind batch is a hard one
        print(f"threshold chosen on {TUNING_BATCHES[args.tune_on]}: {int(scored.sum())} texts")

    best: tuple[float, float, float, float] | None = None  # (f2, threshold, recall, precision)
    for threshold in np.round(np.arange(0.05, 0.995, 0.005), 3):
        predicted = scored & (rule_flags | ((scores >= threshold) & ~guarded))
        tp = int((predicted & (y == 1)).sum())
        fp = int((predicted & hard).sum())
        fn = int((~predicted & scored & (y == 1)).sum())
        recall = tp / (tp + fn) if tp + fn else 0.0
        false_alarm_rate = fp / max(1, int(hard.sum()))
        flagged = recall * PREVALENCE + false_alarm_rate * (1 - PREVALENCE)
        precision = recall * PREVALENCE / flagged if flagged else 0.0
        if os.environ.get("CRISIS_HEAD_CURVE"):
            print(f"  threshold {threshold:.3f}: recall {recall:.3f}, precision {precision:.3f}")
        if precision < MIN_PRECISION or not precision + recall:
            continue
        f2 = 5 * precision * recall / (4 * precision + recall)
        if best is None or f2 > best[0]:
            best = (f2, float(threshold), recall, precision)
    assert best is not None, "no threshold reaches the precision floor"
    f2, threshold, recall, precision = best
    print(
        f"chosen C={best_c}, threshold {threshold:.3f} ({args.tune_on}): recall {recall:.3f}, "
        f"precision at {PREVALENCE:.0%} prevalence {precision:.3f}, F2 {f2:.3f}"
    )

    model = LogisticRegression(C=best_c, class_weight="balanced", max_iter=5000).fit(x, y)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "weights": [round(float(w), 6) for w in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 6),
        "threshold": threshold,
        "info": {
            "encoder": "feltsafe.lens.model (int8 all-MiniLM-L6-v2, mean-pooled, L2-normalised)",
            "trained_by": "bench/crisis/train_head.py",
            "seed": SEED,
            "C": best_c,
            "rows": len(rows),
            "crisis_rows": int(y.sum()),
            "sources": counts,
            "cv": {
                "folds": 5,
                "threshold_chosen_on": args.tune_on,
                "combined_recall": round(recall, 4),
                "combined_precision_at_prevalence": round(precision, 4),
                "rule": (
                    f"max F2 of rules OR unguarded head, precision >= {MIN_PRECISION} "
                    f"at {PREVALENCE:.0%} prevalence, false alarms on hard negatives"
                ),
            },
        },
    }
    OUT.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
