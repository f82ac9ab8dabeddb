"""Benchmark the shipped stance model on the FNC-1 hold-out split.

Usage::

    python benchmarks/stance.py [--data ../shared/data/fnc1] [--limit N] [--floor 82]

Scores ``storydiff.stance.predict_stance`` on the pairs whose body is in
the hold-out part of ``split_by_body`` (10% of body ids, seeded; the shipped
model never saw them). Prints the official FNC-1 score (% of max), macro-F1,
F1 per class, the confusion matrix and the throughput, and ends with one line
``fnc1_score: NN.NN``. With ``--floor X`` it exits 1 when the score is below X.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from storydiff.eval.fnc import format_fnc, read_fnc, score_fnc, split_by_body
from storydiff.stance import predict_stance

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "fnc1"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with FNC-1 CSVs")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N pairs")
    parser.add_argument("--floor", type=float, default=None, help="exit 1 below this score")
    args = parser.parse_args(argv)

    stances = args.data / "train_stances.csv"
    if not stances.exists():
        print(f"FNC-1 data not found in {args.data}", file=sys.stderr)
        return 1
    rows, bodies = read_fnc(stances, args.data / "train_bodies.csv")
    _, hold_ids = split_by_body(bodies)
    hold = [r for r in rows if r["Body ID"] in hold_ids]
    if args.limit:
        hold = hold[: args.limit]

    predict_stance([("warm-up claim", "A warm-up body. It loads the models.")])
    started = time.perf_counter()
    results = predict_stance([(r["Headline"], bodies[r["Body ID"]]) for r in hold])
    elapsed = time.perf_counter() - started
    score = score_fnc([r["Stance"] for r in hold], [r.stance for r in results])

    print(f"hold-out: {len(hold)} pairs over {len({r['Body ID'] for r in hold})} bodies")
    print(format_fnc(score))
    print(f"disagree F1: {score.f1['disagree']:.4f}")
    print(f"throughput: {len(hold) / elapsed:.1f} pairs/s ({elapsed:.1f} s)")
    print(f"fnc1_score: {score.score:.2f}")
    if args.floor is not None and score.score < args.floor:
        print(f"below the floor {args.floor:.2f}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
