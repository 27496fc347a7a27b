"""Train the lens's per-marker heads and write ``feltsafe/lens/model/heads.json``.

Run in the training venv (``make train``): needs scikit-learn, plus the runtime's onnxruntime,
tokenizers and numpy. The features are exactly what the runtime computes: the int8 MiniLM
embedding (384) and the 15 cue-rule scores of :mod:`feltsafe.lens.cues`.

Data (``bench/lens/RESULTS.md`` documents every mapping and the comparison below):

* our own hand-written relationship set: ``bench/lens/data/train.csv`` and ``dev.csv`` plus
  ``bench/lens/seed.csv`` (weight 1.0): every marker, positive and negative. This alone trains
  the shipped heads.
* with ``--public-scale S`` (> 0), permitted public sets are added, each weight times S:
  GoEmotions *train* (Apache-2.0), 0.3: gratitude/admiration -> appreciation, remorse ->
  accountability (weak), curiosity -> curiosity, caring -> reassurance, unrelated emotions and
  neutral rows as negatives for those four; MUStARD (MIT), 0.15: sarcastic -> contempt (weak);
  Davidson et al. (MIT), 0.1: "offensive" -> contempt (weak), "neither" as negatives. Measured
  out-of-fold on our own data they lowered macro-F1 (S=1: 0.738, S=0.2: 0.769, none: 0.777), so
  the default leaves them out.

Public rows only train the heads of the markers they map to (the others are masked). Nothing
from ``bench/lens/data/test.csv`` or any public test split is used. The decision threshold of
each marker maximises F1 on out-of-fold predictions over our own data (5 folds over
train+dev+seed, public rows always in training; ``--tune-on dev`` uses the dev rows alone, which
are few per marker).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from feltsafe.lens.cues import cue_scores, cue_vector  # noqa: E402
from feltsafe.lens.markers import MARKERS  # noqa: E402

DATA = Path(os.environ.get("FELTSAFE_SHARED_DATA", ROOT.parent / "shared" / "data")).resolve()
OWN = [ROOT / "bench/lens/data/train.csv", ROOT / "bench/lens/seed.csv"]
DEV = ROOT / "bench/lens/data/dev.csv"
OUT = ROOT / "feltsafe/lens/model/heads.json"
CACHE = Path(os.environ.get("TMPDIR", "/tmp")) / "feltsafe-lens-embeddings.npz"
SEED = 20261127
M = len(MARKERS)
IDX = {marker: i for i, marker in enumerate(MARKERS)}

GOEMOTIONS_MAP = {
    "appreciation": {"gratitude", "admiration"},
    "accountability": {"remorse"},
    "curiosity": {"curiosity"},
    "reassurance": {"caring"},
}
# GoEmotions labels too close to a mapped marker to count as its negatives.
GOEMOTIONS_AMBIGUOUS = {
    "appreciation": {"approval", "love", "joy", "pride", "caring", "excitement"},
    "accountability": {"embarrassment", "sadness"},
    "curiosity": {"confusion", "surprise"},
    "reassurance": {"love", "optimism", "approval", "gratitude"},
}
WEIGHTS = {"own": 1.0, "goemotions": 0.3, "mustard": 0.15, "davidson": 0.1}


class Rows:
    """Texts with a label matrix Y (n, 15) and a mask (n, 15) of which labels are known."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.y: list[list[float]] = []
        self.mask: list[list[float]] = []
        self.weight: list[float] = []
        self.source: list[str] = []

    def add(self, text: str, positive: set[str], known: set[str] | None, source: str) -> None:
        self.texts.append(text)
        self.y.append([1.0 if marker in positive else 0.0 for marker in MARKERS])
        self.mask.append([1.0 if known is None or marker in known else 0.0 for marker in MARKERS])
        self.weight.append(WEIGHTS[source.split(":")[0]])
        self.source.append(source)


def read_own(path: Path, rows: Rows, source: str) -> int:
    if not path.exists():
        return 0
    count = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            markers = {m for m in (record.get("markers") or "").split(";") if m}
            unknown = markers - set(MARKERS)
            if unknown:
                raise SystemExit(f"{path}: unknown markers {sorted(unknown)}")
            rows.add(record["text"], markers, None, source)
            count += 1
    return count


def read_goemotions(rows: Rows, rng: random.Random, per_marker: int, negatives: int) -> int:
    folder = DATA / "goemotions"
    labels = (folder / "labels.txt").read_text(encoding="utf-8").split()
    records = []
    with (folder / "train.tsv").open(encoding="utf-8") as handle:
        for record in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            records.append((record[0], {labels[int(i)] for i in record[1].split(",")}))
    rng.shuffle(records)
    chosen: dict[int, tuple[str, set[str]]] = {}
    for sources in GOEMOTIONS_MAP.values():
        hits = [i for i, (_t, labs) in enumerate(records) if labs & sources][:per_marker]
        chosen.update({i: records[i] for i in hits})
    neutral = [i for i, (_t, labs) in enumerate(records) if i not in chosen][:negatives]
    chosen.update({i: records[i] for i in neutral})
    for text, labs in chosen.values():
        positive: set[str] = set()
        known: set[str] = set()
        for marker, sources in GOEMOTIONS_MAP.items():
            if labs & sources:
                positive.add(marker)
                known.add(marker)
            elif not labs & GOEMOTIONS_AMBIGUOUS[marker]:
                known.add(marker)
        if known:
            rows.add(text, positive, known, "goemotions")
    return len(chosen)


def read_mustard(rows: Rows) -> int:
    data = json.loads((DATA / "mustard" / "sarcasm_data.json").read_text(encoding="utf-8"))
    for item in data.values():
        positive = {"contempt"} if item["sarcasm"] else set()
        rows.add(item["utterance"], positive, {"contempt"}, "mustard")
    return len(data)


def read_davidson(rows: Rows, rng: random.Random, each: int) -> int:
    offensive, neither = [], []
    with (DATA / "davidson_hate_offensive" / "labeled_data.csv").open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            tweet = " ".join(w for w in record["tweet"].split() if not w.startswith(("@", "http")))
            tweet = tweet.replace("&amp;", "&").removeprefix("RT ").strip(" :!")
            if record["class"] == "1":
                offensive.append(tweet)
            elif record["class"] == "2":
                neither.append(tweet)
    rng.shuffle(offensive)
    rng.shuffle(neither)
    for tweet in offensive[:each]:
        rows.add(tweet, {"contempt"}, {"contempt"}, "davidson")
    for tweet in neither[:each]:
        rows.add(tweet, set(), {"contempt"}, "davidson")
    return 2 * each


def embed(texts: list[str]) -> np.ndarray:
    from feltsafe.lens.model import ONNX_PATH, Encoder

    # The cache is per encoder: a retrained (fine-tuned) model gets a cache of its own.
    model = hashlib.sha1(ONNX_PATH.read_bytes()).hexdigest()[:12]
    cache = CACHE.with_name(f"{CACHE.stem}-{model}{CACHE.suffix}")
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    cached: dict[str, np.ndarray] = {}
    if cache.exists():
        with np.load(cache) as data:
            cached = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in cached}.items())
    if missing:
        print(f"embedding {len(missing)} texts ...", flush=True)
        vectors = Encoder().encode([t for _k, t in missing])
        cached.update({k: v for (k, _t), v in zip(missing, vectors, strict=True)})
        np.savez(cache, keys=np.array(list(cached)), vectors=np.stack(list(cached.values())))
    return np.stack([cached[k] for k in keys]).astype(np.float32)


def features(texts: list[str]) -> np.ndarray:
    cues = np.asarray([cue_vector(cue_scores(t)) for t in texts], dtype=np.float32)
    return np.concatenate([embed(texts), cues], axis=1)


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    if y.min() == y.max():
        return np.zeros(x.shape[1]), -5.0 if y.max() == 0 else 5.0
    pos = w[y == 1].sum()
    neg = w[y == 0].sum()
    balance = np.where(y == 1, (pos + neg) / (2 * pos), (pos + neg) / (2 * neg))
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, y, sample_weight=w * balance)
    return model.coef_[0], float(model.intercept_[0])


def prob(x: np.ndarray, coef: np.ndarray, bias: float) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(x @ coef + bias, -30, 30)))


def best_threshold(p: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    best = (0.5, -1.0)
    for t in np.arange(0.15, 0.86, 0.01):
        pred = p >= t
        tp = float((pred & (y == 1)).sum())
        f1 = 2 * tp / max(pred.sum() + (y == 1).sum(), 1)
        if f1 > best[1] + 1e-9:
            best = (round(float(t), 2), f1)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--c", type=float, default=2.0, help="inverse regularisation strength")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--public-scale",
        type=float,
        default=0.0,
        help="multiply the public sets' weights (0, the default, leaves them out: see RESULTS.md)",
    )
    parser.add_argument(
        "--tune-on",
        choices=("oof", "dev"),
        default="oof",
        help="thresholds from out-of-fold predictions over train+dev (default), or dev alone",
    )
    parser.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    args = parser.parse_args()
    rng = random.Random(SEED)

    rows = Rows()
    counts = {str(p.relative_to(ROOT)): read_own(p, rows, "own") for p in OWN}
    n_train_own = len(rows.texts)
    counts[str(DEV.relative_to(ROOT))] = read_own(DEV, rows, "own:dev")
    n_own = len(rows.texts)
    if args.public_scale > 0:
        for source in ("goemotions", "mustard", "davidson"):
            WEIGHTS[source] *= args.public_scale
        counts["goemotions/train.tsv (sampled)"] = read_goemotions(rows, rng, 700, 1500)
        counts["mustard/sarcasm_data.json"] = read_mustard(rows)
        counts["davidson/labeled_data.csv (sampled)"] = read_davidson(rows, rng, 400)
    print("rows:", counts, flush=True)

    x = features(rows.texts)
    y = np.asarray(rows.y)
    mask = np.asarray(rows.mask)
    w = np.asarray(rows.weight)
    is_dev = np.array([s == "own:dev" for s in rows.source])
    own_idx = np.arange(n_own)

    # Out-of-fold probabilities over our own rows (public rows always train).
    folds = np.arange(n_own) % args.folds
    rng_np = np.random.default_rng(SEED)
    rng_np.shuffle(folds)
    oof = np.zeros((n_own, M))
    for k in range(args.folds):
        test = own_idx[folds == k]
        train = np.setdiff1d(np.arange(len(rows.texts)), test)
        for j in range(M):
            keep = train[mask[train, j] > 0]
            coef, bias = fit(x[keep], y[keep, j], w[keep], args.c)
            oof[test, j] = prob(x[test], coef, bias)

    thresholds, tuned_on, report = [], [], {}
    dev_rows = own_idx[is_dev[:n_own]]
    for j, marker in enumerate(MARKERS):
        if args.tune_on == "dev" and dev_rows.size and y[dev_rows, j].sum() >= 10:
            t, f1 = best_threshold(oof[dev_rows, j], y[dev_rows, j])
            tuned_on.append("dev")
        else:
            t, f1 = best_threshold(oof[:, j], y[:n_own, j])
            tuned_on.append("out-of-fold")
        thresholds.append(t)
        pred = oof[:, j] >= t
        truth = y[:n_own, j] == 1
        tp = float((pred & truth).sum())
        report[marker] = {
            "threshold": t,
            "tuned_on": tuned_on[-1],
            "oof_precision": round(tp / max(pred.sum(), 1), 3),
            "oof_recall": round(tp / max(truth.sum(), 1), 3),
            "oof_f1": round(2 * tp / max(pred.sum() + truth.sum(), 1), 3),
            "positives_own": int(truth.sum()),
        }
    macro = float(np.mean([r["oof_f1"] for r in report.values()]))
    for marker, r in report.items():
        print(
            f"{marker:15s} t={r['threshold']:.2f} P={r['oof_precision']:.2f} "
            f"R={r['oof_recall']:.2f} F1={r['oof_f1']:.2f} n={r['positives_own']}"
        )
    print(f"out-of-fold macro-F1 over our own data: {macro:.3f}")

    if args.dry_run:
        return 0
    weights, biases = [], []
    for j in range(M):
        keep = np.flatnonzero(mask[:, j] > 0)
        coef, bias = fit(x[keep], y[keep, j], w[keep], args.c)
        weights.append([round(float(v), 6) for v in coef])
        biases.append(round(bias, 6))
    payload = {
        "markers": list(MARKERS),
        "features": "minilm-l6-v2.int8 mean-pooled L2-normalised embedding (384) + cue scores (15)",
        "weights": weights,
        "bias": biases,
        "thresholds": thresholds,
        "info": {
            "rows": counts,
            "own_rows": n_own,
            "own_train_rows": n_train_own,
            "source_weights": WEIGHTS,
            "C": args.c,
            "folds": args.folds,
            "oof_macro_f1_own": round(macro, 3),
            "per_marker": report,
        },
    }
    OUT.write_text(json.dumps(payload, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
