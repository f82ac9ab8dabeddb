"""Stories through the store: ingest a labelled corpus as a dataset, score the stored stories (B-cubed).

Usage::

    python benchmarks/store_clustering.py                  # BASIL dev, 168 articles, 56 triplets
    python benchmarks/store_clustering.py --data ecbplus   # ECB+ dev, 772 documents (in-sample, see below)

The corpus is written as one JSONL dataset in a seeded shuffle and ingested
with full analysis into a fresh store, exactly as ``storydiff ingest`` does
(dated articles by date, then the undated placed together, least attached to
a live story first); the stories
the store holds are scored against the gold labels (BASIL ``triplet-uuid``,
ECB+ ``subtopic``). The shipped join-or-new model is trained on ECB+ dev, so
the ECB+ figure here is in-sample; ``benchmarks/clustering.py`` gives the
out-of-fold one. The last line is ``store_<data>_bcubed_f1: X``.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storydiff.eval.bcubed import bcubed  # noqa: E402
from storydiff.eval.story_corpora import read_basil, read_ecbplus  # noqa: E402
from storydiff.store import ingest  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", choices=["basil", "ecbplus"], default="basil")
    parser.add_argument("--data-dir", type=Path, default=SHARED, help="the shared data folder")
    parser.add_argument("--seed", type=int, default=13, help="seed of the shuffled input order")
    args = parser.parse_args()

    if args.data == "ecbplus":
        docs = list(read_ecbplus(args.data_dir / "ecbplus" / "docs.jsonl"))
    else:
        docs = list(read_basil(args.data_dir / "basil"))
    random.Random(args.seed).shuffle(docs)
    gold = {d.id: d.story for d in docs}
    with tempfile.TemporaryDirectory() as folder:
        rows = Path(folder) / "corpus.jsonl"
        with rows.open("w", encoding="utf-8") as handle:
            for d in docs:
                handle.write(json.dumps({"id": d.id, "title": d.title, "text": d.text, "date": d.published}) + "\n")
        started = time.perf_counter()
        summary = ingest([str(rows)], Path(folder) / "store.db")
        seconds = time.perf_counter() - started
        with sqlite3.connect(Path(folder) / "store.db") as db:
            predicted = dict(db.execute("SELECT article, story FROM story_articles"))
    if summary.failures or summary.duplicates:
        print(f"failures {len(summary.failures)}, duplicates {summary.duplicates}: scoring the stored articles")
        gold = {k: v for k, v in gold.items() if k in predicted}
    score = bcubed(predicted, gold)
    print(f"{args.data}: {len(docs)} articles ({sum(d.published is not None for d in docs)} dated), "
          f"{len(set(gold.values()))} gold stories; ingested {summary.new} in {seconds:.0f} s "
          f"({summary.new / seconds:.2f} articles/s), {len(set(predicted.values()))} stories")
    print(f"B-cubed P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}")
    print(f"store_{args.data}_bcubed_f1: {score.f1:.4f}")


if __name__ == "__main__":
    main()
