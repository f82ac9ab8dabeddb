"""Benchmark the shipped claim-pair model on MRPC pairs it was not trained on.

Usage::

    python benchmarks/pairs_mrpc.py [--data ../shared/data/mrpc/train.tsv] [--relate] [--floor 0.84]

Scores the shipped int8 ONNX model through storydiff's own inference code on the
``dev`` part of ``scripts/train_pairs.py``'s fixed stratified split (15% of
MRPC's train file, seed 13; the model file records a hash of that part's pair
ids and this script checks it, so the two cannot drift apart). In the same run
it scores the baseline: a cosine threshold on the sentence embeddings the
pipeline uses, tuned on the other 85% and applied to ``dev``. Prints accuracy
and F1 for "same meaning", the model's pairs/s, and with ``--relate`` also the
full ``storydiff.relate`` decision (``corroborates`` vs the rest, rules included).
Ends with one line ``mrpc_accuracy: X``; ``--floor X`` exits 1 below X.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storydiff.align.pair_model import shipped  # noqa: E402


def _training_script():  # type: ignore[no-untyped-def]
    """scripts/train_pairs.py, whose split and scores this benchmark shares (it imports no torch at load)."""
    spec = importlib.util.spec_from_file_location("train_pairs", ROOT / "scripts" / "train_pairs.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def main(argv: list[str] | None = None) -> int:
    train = _training_script()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=train.MRPC, help="MRPC train.tsv")
    parser.add_argument("--relate", action="store_true", help="also score the full relate() decision (slower)")
    parser.add_argument("--floor", type=float, default=None, help="exit 1 when accuracy is below this")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"MRPC data not found at {args.data}", file=sys.stderr)
        return 1
    parts = train.split(train.load_mrpc(args.data))
    dev = parts["dev"]
    model = shipped()
    recorded = model.metadata.get("dev_fingerprint")
    if recorded != train.fingerprint(dev):
        print(f"the shipped model was trained on another split (dev fingerprint {recorded}); "
              "rebuild it with scripts/train_pairs.py", file=sys.stderr)
        return 1
    labels = [p[3] for p in dev]
    print(f"dev: {len(dev)} pairs ({sum(labels)} same meaning); the model never saw them")

    model.probabilities([("warm-up", "warm up")])
    started = time.perf_counter()
    probabilities = model.probabilities([(a, b) for _, a, b, _ in dev])
    elapsed = time.perf_counter() - started
    accuracy, f1 = train.scores(labels, [int(p >= model.threshold) for p in probabilities])
    print(f"pair model (int8 ONNX, threshold {model.threshold}): accuracy {accuracy:.3f} F1 {f1:.3f}")
    print(f"  {len(dev) / elapsed:.0f} pairs/s ({elapsed:.1f} s, both orders of each pair, 2 shared CPU cores)")

    base_accuracy, base_f1, cut = _cosine_baseline(train, parts)
    print(f"baseline, cosine of sentence embeddings >= {cut:.2f} (tuned on train+select): "
          f"accuracy {base_accuracy:.3f} F1 {base_f1:.3f}")

    if args.relate:
        from storydiff.align.pairs import ClaimPair, relate_many

        started = time.perf_counter()
        results = relate_many([ClaimPair(a, b) for _, a, b, _ in dev])
        elapsed = time.perf_counter() - started
        types = [r.type for r in results]
        rel_accuracy, rel_f1 = train.scores(labels, [int(t == "corroborates") for t in types])
        counts = {t: types.count(t) for t in sorted(set(types))}
        print(f"relate() corroborates vs same meaning: accuracy {rel_accuracy:.3f} F1 {rel_f1:.3f} {counts}")
        print(f"  {len(dev) / elapsed:.0f} pairs/s with the rule checks (spaCy parse of both sides)")
    print(f"mrpc_accuracy: {accuracy:.3f}")
    return 1 if args.floor is not None and accuracy < args.floor else 0


def _cosine_baseline(train, parts) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """A cosine threshold on the pipeline's sentence embeddings: tuned on train+select, scored on dev."""
    import numpy as np

    from storydiff.nlp.embed import embed

    def cosines(pairs):  # type: ignore[no-untyped-def]
        left = embed([a for _, a, _, _ in pairs])
        right = embed([b for _, _, b, _ in pairs])
        return (left * right).sum(axis=1)

    fit = parts["train"] + parts["select"]
    fit_cos, dev_cos = cosines(fit), cosines(parts["dev"])
    fit_labels = [p[3] for p in fit]
    cut = max(np.arange(0.5, 0.96, 0.01), key=lambda t: train.scores(fit_labels, list(fit_cos >= t))[0])
    accuracy, f1 = train.scores([p[3] for p in parts["dev"]], list(dev_cos >= cut))
    return accuracy, f1, float(cut)


if __name__ == "__main__":
    sys.exit(main())
