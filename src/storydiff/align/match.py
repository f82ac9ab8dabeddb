"""Candidate claim pairs across articles, by meaning.

Every claim is compared with the claims of the *other* articles by the cosine
of their sentence embeddings; each keeps its few nearest neighbours above a
floor. The comparison runs in row blocks so memory stays flat, and its cost
is one matrix product per block.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

FLOOR = 0.45  # below this, two claims are about different things
NEIGHBOURS = 4  # per claim and per other article
_BLOCK = 2048


@dataclass(frozen=True, slots=True)
class Candidate:
    """Two claims (indexes into the flat claim list) and the cosine of their vectors."""

    left: int
    right: int
    similarity: float


def iter_candidates(
    vectors: np.ndarray, articles: Sequence[int], floor: float = FLOOR, neighbours: int = NEIGHBOURS
) -> Iterator[Candidate]:
    """Yield each cross-article pair (left < right) among each claim's nearest neighbours."""
    labels = np.asarray(articles)
    n = len(labels)
    if n == 0:
        return
    seen: set[tuple[int, int]] = set()
    for begin in range(0, n, _BLOCK):
        sims = vectors[begin : begin + _BLOCK] @ vectors.T
        rows = np.arange(begin, min(begin + _BLOCK, n))
        sims[labels[rows][:, None] == labels[None, :]] = -1.0  # never pair within one article
        for offset, i in enumerate(rows):
            row = sims[offset]
            for article in np.unique(labels[row > floor]):
                cols = np.flatnonzero((labels == article) & (row > floor))
                best = cols[np.argsort(-row[cols])[:neighbours]]
                for j in best:
                    pair = (int(min(i, j)), int(max(i, j)))
                    if pair not in seen:
                        seen.add(pair)
                        yield Candidate(pair[0], pair[1], float(row[j]))
