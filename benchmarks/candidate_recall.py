"""Does the story index's two-step search find the live stories an exact search finds? Real embeddings.

Usage::

    python benchmarks/candidate_recall.py      # about a minute: 2,623 articles embedded

Past ``EXACT_UP_TO`` live stories, ``StoryIndex.candidates`` first keeps the
``PREFILTER`` stories whose sign codes (one bit per embedding dimension) are
nearest in Hamming distance, then ranks those by the exact inner product
(docs/stories.md). This measures it on real title-and-lede embeddings (the
vectors ``storydiff.stories.describe_many`` makes), not on synthetic ones:
the articles of ECB+ dev, BASIL dev and the FNC-1 training bodies
(2,623). 400 of them, drawn with a fixed seed, are the queries; every other
article starts a live story, and so does the mean of each with one of its five
nearest others (a story of two), so the index holds 4,446 live stories, past
``EXACT_UP_TO`` as a busy live window would be. For each query the ten
candidates of the two-step search are compared with those of the exact search
(the same index, ``EXACT_UP_TO`` raised past the live stories):

- recall at 10: the share of the exact ten the two-step search also returns;
- the nearest story found: the share of queries whose exact first candidate it returns;
- similar stories found: the share of exact candidates at cosine >= 0.5 it returns
  (the ones a join can come from);
- the search's CPU time per query, both ways, as a ratio in this run.

The last line is ``candidate_recall_at_10: R``.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import SHARED_DATA, require

import storydiff.stories.index as story_index
from storydiff.eval.story_corpora import read_basil, read_ecbplus
from storydiff.stories import StoryFeatures, StoryIndex, describe_many

QUERIES = 400
SEED = 13
SIMILAR = 0.5


def vectors() -> np.ndarray:
    """Title-and-lede embeddings of the ECB+ and BASIL dev articles and the FNC-1 training bodies."""
    docs = [(d.id, d.text, d.title, None) for d in read_ecbplus(require(SHARED_DATA / "ecbplus") / "docs.jsonl")]
    docs += [(d.id, d.text, d.title, None) for d in read_basil(require(SHARED_DATA / "basil"))]
    csv.field_size_limit(1 << 30)
    with (require(SHARED_DATA / "fnc1") / "train_bodies.csv").open(newline="", encoding="utf-8") as handle:
        docs += [(f"fnc-{row['Body ID']}", row["articleBody"], None, None) for row in csv.DictReader(handle)]
    return np.stack([f.vector for f in describe_many(docs)]).astype(np.float32)


def main() -> None:
    all_vectors = vectors()
    rng = np.random.default_rng(SEED)
    asked = set(rng.choice(len(all_vectors), QUERIES, replace=False).tolist())
    stored = np.stack([v for n, v in enumerate(all_vectors) if n not in asked])
    index = StoryIndex()
    for n, vector in enumerate(stored):
        index.start(StoryFeatures(f"a{n}", vector, {}, {}))
    similarity = stored @ stored.T
    for n in range(len(stored)):
        other = int(np.argsort(-similarity[n])[1 + rng.integers(0, 5)])
        mean = stored[n] + stored[other]
        index.start(StoryFeatures(f"p{n}", (mean / np.linalg.norm(mean)).astype(np.float32), {}, {}))
    print(f"{len(all_vectors)} articles embedded; {len(index.stories)} live stories "
          f"(two-step search past {story_index.EXACT_UP_TO}, prefilter {story_index.PREFILTER}); {QUERIES} queries")

    queries = [StoryFeatures(f"q{n}", all_vectors[n], {}, {}) for n in sorted(asked)]
    started = time.process_time()
    two_step = [index.candidates(q) for q in queries]
    two_step_cpu = time.process_time() - started
    exact_up_to = story_index.EXACT_UP_TO
    story_index.EXACT_UP_TO = len(index.stories) + 1
    started = time.process_time()
    exact = [index.candidates(q) for q in queries]
    exact_cpu = time.process_time() - started
    story_index.EXACT_UP_TO = exact_up_to

    kept = nearest = similar = similar_kept = 0
    for query, found, truth in zip(queries, two_step, exact, strict=True):
        ids = {s.id for s in found}
        kept += sum(s.id in ids for s in truth)
        nearest += truth[0].id in ids
        close = [s for s in truth if float(s.centroid @ query.vector) >= SIMILAR]
        similar += len(close)
        similar_kept += sum(s.id in ids for s in close)
    recall = kept / sum(len(t) for t in exact)
    share = similar_kept / max(1, similar)
    print(f"recall at 10: {recall:.4f}; nearest story found: {nearest / len(queries):.4f}; "
          f"similar stories (cosine >= {SIMILAR}) found: {similar_kept}/{similar} ({share:.4f})")
    print(f"search CPU per query: exact {1000 * exact_cpu / len(queries):.3f} ms, "
          f"two-step {1000 * two_step_cpu / len(queries):.3f} ms (ratio {two_step_cpu / exact_cpu:.2f})")
    print(f"candidate_recall_at_10: {recall:.4f}")


if __name__ == "__main__":
    main()
