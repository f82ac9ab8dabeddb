"""Train the story stage's join-or-new model on ECB+ (all dev topics).

Usage::

    python scripts/train_stories.py [--data ../shared/data/ecbplus/docs.jsonl]
                                    [--out src/storydiff/data/story-model.json]

What it does, deterministically (no sampling; the replay orders use fixed seeds):

1. reads the 772 ECB+ documents (gold story = ``subtopic``) and summarises
   each with ``storydiff.stories.describe_many`` (one embedding batch, about
   15 s on 2 cores);
2. replays them through a ``StoryIndex`` in date order and in three seeded
   shuffles with the gold decisions forced, collecting the similarity features
   of every (article, live candidate) pair (``storydiff.eval.story_training``);
3. fits the logistic regression by Newton's method, then picks the join
   and merge thresholds together by free replays of the same documents;
4. writes the model as small JSON, with its feature names.

Held-out figures never come from this file: ``benchmarks/clustering.py``
retrains it per leave-topics-out fold. Runtime about 80 s on idle cores;
two runs write identical files.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from storydiff.eval.story_corpora import read_ecbplus
from storydiff.eval.story_training import train
from storydiff.stories import describe_many

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ecbplus" / "docs.jsonl"
DEFAULT_OUT = ROOT / "src" / "storydiff" / "data" / "story-model.json"


def main() -> None:
    """Train on every ECB+ dev document and write the model file."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ECB+ docs.jsonl")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the model")
    args = parser.parse_args()
    started = time.perf_counter()
    docs = list(read_ecbplus(args.data))
    features = describe_many([(d.id, d.text, d.title, d.published) for d in docs])
    model = train(features, [d.story for d in docs])
    model.save(args.out)
    print(f"trained on {len(docs)} documents, {len({d.group for d in docs})} topics "
          f"in {time.perf_counter() - started:.0f} s; join threshold {model.threshold}, "
          f"merge threshold {model.merge_threshold}")
    for name, weight in zip(model.names, model.weights, strict=True):
        print(f"  {name:20s} {weight:+.3f}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
