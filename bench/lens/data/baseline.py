"""A transparent sanity baseline for the lens set: bag of word n-grams + per-marker logistic
regression (numpy only), trained on train.csv, thresholds picked on dev.csv, scored on test.csv.

    .venv/bin/python bench/lens/data/baseline.py

It is not the product's model (see ../README.md for that); it shows the set is learnable, how much
of it plain word overlap already explains, and which markers a surface model finds hard, so a
stronger model can be compared against it.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
MARKERS = (
    "criticism",
    "contempt",
    "defensiveness",
    "dismissal",
    "stonewalling",
    "control",
    "threat",
    "gentle_startup",
    "validation",
    "curiosity",
    "accountability",
    "repair",
    "appreciation",
    "reassurance",
    "boundary",
)
WORD = re.compile(r"[a-z0-9']+|[^\sa-z0-9']")


def load(split: str) -> tuple[list[str], np.ndarray]:
    with (HERE / f"{split}.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    texts = [r["text"] for r in rows]
    y = np.zeros((len(rows), len(MARKERS)), dtype=np.float32)
    for i, r in enumerate(rows):
        for m in filter(None, r["markers"].split(";")):
            y[i, MARKERS.index(m)] = 1.0
    return texts, y


def features(text: str) -> list[str]:
    toks = [t.replace("'", "") for t in WORD.findall(text.lower().replace("\u2019", "'"))]
    toks = [t for t in toks if t]
    return toks + [f"{a}_{b}" for a, b in zip(toks, toks[1:], strict=False)]


def vectorise(texts: list[str], vocab: dict[str, int]) -> np.ndarray:
    x = np.zeros((len(texts), len(vocab) + 1), dtype=np.float32)
    for i, t in enumerate(texts):
        for f in features(t):
            j = vocab.get(f)
            if j is not None:
                x[i, j] = 1.0
        x[i, -1] = 1.0  # bias
    norms = np.linalg.norm(x[:, :-1], axis=1, keepdims=True)
    x[:, :-1] /= np.maximum(norms, 1e-6)
    return x


def train(
    x: np.ndarray, y: np.ndarray, epochs: int = 300, lr: float = 2.0, l2: float = 1e-4
) -> np.ndarray:
    w = np.zeros((x.shape[1], y.shape[1]), dtype=np.float32)
    pos = y.mean(axis=0).clip(1e-3, 1)
    weight = np.where(y > 0, 0.5 / pos, 0.5 / (1 - pos))  # balance each marker's classes
    for _ in range(epochs):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ ((p - y) * weight) / len(x) + l2 * w
        w -= lr * grad
    return w


def f1(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    tp = (y * p).sum(0)
    out: np.ndarray = 2 * tp / np.maximum(y.sum(0) + p.sum(0), 1e-9)
    return out


def main() -> None:
    tr_t, tr_y = load("train")
    dv_t, dv_y = load("dev")
    te_t, te_y = load("test")
    counts: dict[str, int] = {}
    for t in tr_t:
        for f in set(features(t)):
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= 2))}
    w = train(vectorise(tr_t, vocab), tr_y)

    def scores(texts: list[str]) -> np.ndarray:
        out: np.ndarray = 1 / (1 + np.exp(-(vectorise(texts, vocab) @ w)))
        return out

    dv_s, te_s = scores(dv_t), scores(te_t)
    grid = np.linspace(0.2, 0.9, 15)
    best = np.array(
        [grid[np.argmax([f1(dv_y[:, [k]], dv_s[:, [k]] >= g)[0] for g in grid])] for k in range(15)]
    )
    dv_f1, te_f1 = f1(dv_y, dv_s >= best), f1(te_y, te_s >= best)
    print(f"vocabulary: {len(vocab)} n-grams seen >= 2 times in train ({len(tr_t)} messages)")
    print(f"{'marker':16} {'thr':>5} {'dev F1':>7} {'test F1':>8} {'test n':>7}")
    for k, m in enumerate(MARKERS):
        print(f"{m:16} {best[k]:5.2f} {dv_f1[k]:7.3f} {te_f1[k]:8.3f} {int(te_y[:, k].sum()):7d}")
    print(f"{'macro-F1':16} {'':5} {dv_f1.mean():7.3f} {te_f1.mean():8.3f}")
    neutral = te_y.sum(1) == 0
    fp = ((te_s >= best).sum(1) > 0) & neutral
    print(f"test neutral messages given any marker: {fp.sum()}/{neutral.sum()}")


if __name__ == "__main__":
    main()
