"""What the claim-pair model costs the brief: its share of the pipeline's time, and a 200-article story.

Usage::

    python benchmarks/pair_cost.py [--data ../shared/data/basil] [--size 200]

Two figures from one run:

1. On the BASIL dev triplets (the triplets with hand gold in
   ``benchmarks/gold/alignment/``, the first 12 triplets when there is none),
   each brief is built as ``storydiff brief`` builds it (analyze, align,
   render as text) and timed; the pair model's own time (tokenising and the
   ONNX calls) is read from the loaded model's counter. Models are loaded and
   warmed on the first triplet before timing starts. Target: at most 30%.
2. A ``--size``-article story built as in ``benchmarks/relations_scaling.py``
   (BASIL articles, reprints under new ids past 168) is analysed, then its
   align stage timed, pair model included. Target: under 60 s.

Ends with one line ``pair_model_share: X`` (model seconds / pipeline seconds).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

from _data import SHARED_DATA, basil_stories  # noqa: E402
from relations_scaling import read_basil, story  # noqa: E402

from storydiff import render  # noqa: E402
from storydiff.align import align  # noqa: E402
from storydiff.align.pair_model import shipped  # noqa: E402
from storydiff.nlp.analysis import analyze  # noqa: E402
from storydiff.pipeline import build_brief  # noqa: E402

GOLD = ROOT / "benchmarks" / "gold" / "alignment"


def dev_triplets(stories: dict[str, list]) -> list[str]:
    """The triplets with hand gold (the dev split), else the first 12."""
    gold = sorted(json.loads(p.read_text(encoding="utf-8"))["triplet"] for p in GOLD.glob("*.json"))
    return [t for t in gold if t in stories] or sorted(stories)[:12]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED_DATA / "basil", help="the BASIL articles folder")
    parser.add_argument("--size", type=int, default=200, help="articles in the large story (0 skips it)")
    args = parser.parse_args(argv)
    stories = basil_stories(args.data)
    triplets = dev_triplets(stories)
    model = shipped()
    render(build_brief(stories[triplets[0]]), "text")  # load and warm every model once
    model.seconds, model.pairs = 0.0, 0
    total = 0.0
    for uuid in triplets:
        start = time.perf_counter()
        render(build_brief(stories[uuid]), "text")
        total += time.perf_counter() - start
    share = model.seconds / total
    print(f"BASIL dev triplets: {len(triplets)}; brief pipeline {total:.1f} s, pair model {model.seconds:.1f} s "
          f"({model.pairs} pairs, {model.pairs / max(1e-9, model.seconds):.0f} pairs/s), share {share:.1%}")
    if args.size:
        chosen = story(read_basil(args.data), args.size)
        analysis = analyze(chosen)
        claims = sum(len(a.claims) for a in analysis.articles)
        model.seconds, model.pairs = 0.0, 0
        start = time.perf_counter()
        alignment = align(analysis)
        aligned = time.perf_counter() - start
        print(f"{args.size}-article story: {claims} claims, align {aligned:.1f} s "
              f"(pair model {model.seconds:.1f} s, {model.pairs} pairs), {len(alignment.relations)} relations")
        print(f"align_seconds_{args.size}: {aligned:.2f}")
    print(f"pair_model_share: {share:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
