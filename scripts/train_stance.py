"""Train the stance model (agree / disagree / discuss / unrelated) on FNC-1.

Usage::

    python scripts/train_stance.py [--data ../shared/data/fnc1] [--out src/storydiff/data/stance-model.json.gz]

What it does, deterministically (fixed seeds, 2 threads, LightGBM ``deterministic``):

1. reads ``train_stances.csv`` and ``train_bodies.csv`` and splits them by body
   id (``storydiff.eval.fnc.split_by_body``: a seeded 10% of bodies held out);
2. embeds every headline and body sentence with ``storydiff.nlp.embed`` and
   caches the vectors in ``artifacts/stance-embeddings.npz`` (first run about
   2-4 minutes on 2 cores; reruns read the cache);
3. fits TF-IDF weights on the 90% training part, builds the features of
   ``storydiff.stance.features`` for every training pair;
4. picks the number of boosting rounds by early stopping on an inner split of
   the training bodies (again by body id), then retrains on the whole 90%;
5. writes one gzipped JSON file holding the IDF table, the LightGBM model as
   text and the metadata (no pickle).

The shipped model is trained on the 90% part only, so that
``benchmarks/stance.py`` scores it on bodies it never saw. ``--all`` trains on
every pair instead (for a release that gives up the honest benchmark).

Runtime on 2 shared cores (measured): about 5 minutes with a cold embedding
cache (embedding 29,773 texts takes about 2.5 minutes), 1-2.5 minutes with a
warm one. Two runs write byte-identical files.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

from storydiff.eval.fnc import read_fnc, split_by_body
from storydiff.stance import STANCES
from storydiff.stance.features import (
    FEATURE_NAMES,
    FEATURE_VERSION,
    body_sentences,
    pair_features,
    view_body,
    view_claim,
)
from storydiff.stance.text import Idf

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "fnc1"
DEFAULT_OUT = ROOT / "src" / "storydiff" / "data" / "stance-model.json.gz"
CACHE = ROOT / "artifacts" / "stance-embeddings.npz"
SEED = 1234
THREADS = 2
INNER_SEED = 77
# Rare classes count more: disagree is 2% of pairs, agree 7%.
CLASS_WEIGHTS = {"agree": 1.5, "disagree": 3.0, "discuss": 1.0, "unrelated": 1.0}

PARAMS = {
    "objective": "multiclass",
    "num_class": len(STANCES),
    "learning_rate": 0.05,
    "num_leaves": 31,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.7,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "max_bin": 255,
    "seed": SEED,
    "deterministic": True,
    "force_col_wise": True,
    "num_threads": THREADS,
    "verbose": -1,
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def embed_cached(texts: list[str]) -> dict[str, np.ndarray]:
    """Embed texts, reading and extending the on-disk cache."""
    from storydiff.nlp.embed import embed

    known: dict[str, np.ndarray] = {}
    if CACHE.exists():
        with np.load(CACHE, allow_pickle=False) as data:
            known = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
    missing = sorted({t for t in texts if t not in known})
    if missing:
        log(f"embedding {len(missing)} texts ({len(known)} cached)")
        for begin in range(0, len(missing), 2048):
            chunk = missing[begin : begin + 2048]
            known.update(zip(chunk, embed(chunk), strict=True))
            log(f"  {min(begin + 2048, len(missing))}/{len(missing)}")
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        keys = sorted(known)
        np.savez(CACHE, texts=np.array(keys), vectors=np.stack([known[k] for k in keys]))
    return known


def build_features(
    rows: list[dict[str, str]], bodies: dict[str, str], vectors: dict[str, np.ndarray], idf: Idf
) -> np.ndarray:
    claims = {h: view_claim(h, vectors[h], idf) for h in sorted({r["Headline"] for r in rows})}
    views = {b: view_body(bodies[b], vectors, idf) for b in sorted({r["Body ID"] for r in rows})}
    return np.stack([pair_features(claims[r["Headline"]], views[r["Body ID"]])[0] for r in rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with FNC-1 CSVs")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="model file to write")
    parser.add_argument("--all", action="store_true", help="train on every pair (no hold-out)")
    parser.add_argument("--max-terms", type=int, default=20000, help="TF-IDF vocabulary size")
    args = parser.parse_args(argv)

    import lightgbm as lgb

    started = time.time()
    rows, bodies = read_fnc(args.data / "train_stances.csv", args.data / "train_bodies.csv")
    train_ids, hold_ids = split_by_body(bodies)
    if args.all:
        train_ids, hold_ids = frozenset(bodies), frozenset()
    train_rows = [r for r in rows if r["Body ID"] in train_ids]
    log(f"{len(train_rows)} training pairs, {len(rows) - len(train_rows)} held out")

    texts = {r["Headline"] for r in rows}
    for body in bodies.values():
        texts.update(body_sentences(body))
    vectors = embed_cached(sorted(texts))

    train_bodies = sorted(train_ids, key=lambda b: (len(b), b))
    idf = Idf.fit(
        [bodies[b] for b in train_bodies] + sorted({r["Headline"] for r in train_rows}),
        max_terms=args.max_terms,
    )
    log(f"IDF over {len(idf.weights)} terms; building features")
    x = build_features(train_rows, bodies, vectors, idf)
    y = np.array([STANCES.index(r["Stance"]) for r in train_rows])
    weights = np.array([CLASS_WEIGHTS[s] for s in STANCES])[y]
    log(f"features {x.shape}")

    _, inner_valid = split_by_body(train_ids, fraction=0.15, seed=INNER_SEED)
    is_valid = np.array([r["Body ID"] in inner_valid for r in train_rows])
    booster = lgb.train(
        PARAMS,
        lgb.Dataset(
            x[~is_valid], y[~is_valid], weight=weights[~is_valid], feature_name=list(FEATURE_NAMES)
        ),
        num_boost_round=3000,
        valid_sets=[lgb.Dataset(x[is_valid], y[is_valid])],
        callbacks=[lgb.early_stopping(100, verbose=False)],
    )
    rounds = max(int(booster.best_iteration * 1.1), 50)
    log(f"early stopping: best iteration {booster.best_iteration}; final model {rounds} rounds")
    booster = lgb.train(
        PARAMS,
        lgb.Dataset(x, y, weight=weights, feature_name=list(FEATURE_NAMES)),
        num_boost_round=rounds,
    )
    model_text = booster.model_to_string()
    payload = {
        "format": "storydiff.stance/1",
        "feature_version": FEATURE_VERSION,
        "feature_names": list(FEATURE_NAMES),
        "stances": list(STANCES),
        "trained_on": "FNC-1 train, all pairs" if args.all else "FNC-1 train minus hold-out",
        "hold_out_bodies": len(hold_ids),
        "rounds": rounds,
        "class_weights": CLASS_WEIGHTS,
        "idf": json.loads(idf.to_json()),
        "lightgbm": model_text,
    }
    data = json.dumps(payload, sort_keys=True).encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(gzip.compress(data, mtime=0))
    digest = hashlib.sha256(data).hexdigest()[:16]
    size = args.out.stat().st_size / 1e6
    log(f"wrote {args.out} ({size:.1f} MB, sha256 {digest}) in {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
