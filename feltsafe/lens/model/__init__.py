"""The lens's sentence encoder and trained heads: onnxruntime + tokenizers + numpy, no torch.

Artefacts in this folder (``make train`` reproduces them; see ``train/``):

* ``minilm-l6-v2.int8.onnx`` and ``tokenizer.json``: all-MiniLM-L6-v2, exported to ONNX and
  quantised to int8 per channel (Apache-2.0, see ``NOTICE-minilm.md``);
* ``heads.json``: per-marker logistic-regression heads over the 384-dim embedding and the 15
  cue scores, with a decision threshold per marker tuned on the dev split.

:class:`Encoder` embeds texts: dynamic padding per batch (the tokenizer file pads every text to
128 tokens otherwise, which is several times slower), batches of similar length, mean pooling
over real tokens and L2 normalisation, exactly as sentence-transformers does for this model.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

__all__ = ["HEADS_PATH", "MODEL_DIR", "Encoder", "Heads", "load_encoder", "load_heads"]

MODEL_DIR: Final = Path(__file__).resolve().parent
ONNX_PATH: Final = MODEL_DIR / "minilm-l6-v2.int8.onnx"
TOKENIZER_PATH: Final = MODEL_DIR / "tokenizer.json"
HEADS_PATH: Final = MODEL_DIR / "heads.json"
MAX_TOKENS: Final = 128
DIM: Final = 384

FloatArray = npt.NDArray[np.float32]


class Encoder:
    """Sentence embeddings (L2-normalised, 384 dims) from the int8 MiniLM on onnxruntime."""

    def __init__(self, threads: int | None = None) -> None:
        import onnxruntime  # type: ignore[import-untyped]
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        cores = os.cpu_count() or 1
        options.intra_op_num_threads = threads or min(cores, 4)
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._session = onnxruntime.InferenceSession(
            str(ONNX_PATH), sess_options=options, providers=["CPUExecutionProvider"]
        )
        tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # pad to the batch's longest
        self._tokenizer = tokenizer
        self._inputs = {item.name for item in self._session.get_inputs()}

    def token_counts(self, texts: Sequence[str]) -> list[int]:
        """How many tokens each text has (after truncation), to group similar lengths."""
        self._tokenizer.no_padding()
        try:
            return [len(encoding.ids) for encoding in self._tokenizer.encode_batch(list(texts))]
        finally:
            self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> FloatArray:
        """Embed ``texts`` (in the order given) into an (n, 384) float32 array.

        Texts are sorted by length and batched so that padding stays small; the result is put
        back in the original order.
        """
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        order = sorted(range(len(texts)), key=lambda index: len(texts[index]))
        for begin in range(0, len(order), batch_size):
            chunk = order[begin : begin + batch_size]
            out[chunk] = self._encode_batch([texts[index] for index in chunk])
        return out

    def _encode_batch(self, texts: list[str]) -> FloatArray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([encoding.ids for encoding in encodings], dtype=np.int64)
        mask = np.array([encoding.attention_mask for encoding in encodings], dtype=np.int64)
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        summed = (hidden * weights).sum(axis=1)
        pooled = summed / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.asarray(pooled / np.clip(norms, 1e-12, None), dtype=np.float32)


@dataclass(frozen=True)
class Heads:
    """Per-marker logistic heads over ``[embedding (384), cue scores (15)]``.

    ``weights`` is (15, 399), ``bias`` (15,), ``thresholds`` (15,), rows in MARKERS order.
    ``info`` records how they were trained (data, counts, dev F1), for the benchmarks.
    """

    markers: tuple[str, ...]
    weights: FloatArray
    bias: FloatArray
    thresholds: FloatArray
    info: dict[str, Any]

    def probabilities(self, embeddings: FloatArray, cues: FloatArray) -> FloatArray:
        """(n, 15) probabilities from (n, 384) embeddings and (n, 15) cue scores."""
        features = np.concatenate([embeddings, cues], axis=1)
        logits = features @ self.weights.T + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30))), dtype=np.float32)


@cache
def load_encoder() -> Encoder:
    """The process-wide encoder (loaded once, on first use)."""
    return Encoder()


@cache
def load_heads(path: Path = HEADS_PATH) -> Heads | None:
    """The trained heads, or None when ``heads.json`` is missing (the cue rules then decide)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Heads(
        markers=tuple(data["markers"]),
        weights=np.asarray(data["weights"], dtype=np.float32),
        bias=np.asarray(data["bias"], dtype=np.float32),
        thresholds=np.asarray(data["thresholds"], dtype=np.float32),
        info=dict(data.get("info", {})),
    )
