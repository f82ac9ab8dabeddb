"""Candidate claim pairs across articles, by meaning and by shared names.

Every claim keeps its nearest neighbours among the claims of *other* articles
(cosine of sentence embeddings, above a floor). A small story is compared
exactly, one matrix product per block of rows; once a story holds more than
``INDEX_FROM`` claims the neighbours come from an approximate vector index
(faiss HNSW, when faiss-cpu is installed), so the cost grows near-linearly
with the number of claims instead of quadratically. Claims that name the same
uncommon entity ("Peskov") are paired too, when their cosine clears a lower
floor: two reports of one person's words often share names more than wording.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

FLOOR = 0.45  # below this, two claims are about different things
NEIGHBOURS = 12  # nearest claims of other articles kept per claim
ENTITY_FLOOR = 0.40  # cosine floor for pairs that share an uncommon entity
ENTITY_MAX_CLAIMS = 40  # an entity named by more claims than this is too common to pair on
INDEX_FROM = 4000  # claims from which an approximate index replaces the exact product
_BLOCK = 1024
_HNSW_LINKS = 16


@dataclass(frozen=True, slots=True)
class Candidate:
    """Two claims (indexes into the flat claim list) and the cosine of their vectors."""

    left: int
    right: int
    similarity: float


def iter_candidates(
    vectors: np.ndarray,
    articles: Sequence[int],
    entities: Sequence[Sequence[str]] = (),
    floor: float = FLOOR,
    neighbours: int = NEIGHBOURS,
    also: Iterable[tuple[int, int]] = (),
) -> Iterator[Candidate]:
    """Yield each cross-article pair (left < right) once: near neighbours, then shared-entity pairs, then ``also``.

    ``also``: more cross-article pairs (left < right) to yield whatever their cosine, such as the
    pairs that share a story's scarce words (:func:`storydiff.align.vocabulary.scarce_pairs`).
    """
    labels = np.asarray(articles)
    n = len(labels)
    if n == 0:
        return
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    seen: set[tuple[int, int]] = set()
    for i, j, sim in _neighbours(vectors, labels, floor, neighbours):
        pair = (min(i, j), max(i, j))
        if pair not in seen:
            seen.add(pair)
            yield Candidate(pair[0], pair[1], sim)
    for i, j in _entity_pairs(entities, labels):
        if (i, j) in seen:
            continue
        sim = float(vectors[i] @ vectors[j])
        if sim >= ENTITY_FLOOR:
            seen.add((i, j))
            yield Candidate(i, j, sim)
    for i, j in also:
        if (i, j) not in seen:
            seen.add((i, j))
            yield Candidate(i, j, float(vectors[i] @ vectors[j]))


def _neighbours(
    vectors: np.ndarray, labels: np.ndarray, floor: float, k: int
) -> Iterator[tuple[int, int, float]]:
    """(i, j, cosine) for each claim i and up to k nearest claims j of other articles."""
    n = len(labels)
    if n > INDEX_FROM:
        index = _hnsw(vectors)
        if index is not None:
            # Ask for more than k: some of the nearest belong to the claim's own article.
            sims, cols = index.search(vectors, min(n, 3 * k))
            for i in range(n):
                kept = 0
                for sim, j in zip(sims[i], cols[i], strict=True):
                    if j < 0 or sim <= floor or labels[j] == labels[i]:
                        continue
                    yield i, int(j), float(sim)
                    kept += 1
                    if kept == k:
                        break
            return
    for begin in range(0, n, _BLOCK):
        rows = np.arange(begin, min(begin + _BLOCK, n))
        sims = vectors[rows] @ vectors.T
        sims[labels[rows][:, None] == labels[None, :]] = -1.0  # never pair within one article
        top = min(k, n - 1)
        best = np.argpartition(-sims, top - 1, axis=1)[:, :top] if top > 0 else np.zeros((len(rows), 0), int)
        for offset, row in enumerate(rows):
            for j in best[offset]:
                sim = float(sims[offset, j])
                if sim > floor:
                    yield int(row), int(j), sim


def _hnsw(vectors: np.ndarray) -> Any:  # a faiss index (faiss ships no type information)
    """An inner-product HNSW index over the vectors, or None when faiss is not installed."""
    try:
        import faiss
    except ImportError:
        return None
    faiss.omp_set_num_threads(2)
    index = faiss.IndexHNSWFlat(vectors.shape[1], _HNSW_LINKS, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = 40
    index.hnsw.efSearch = 64
    index.add(vectors)
    return index


def _entity_pairs(entities: Sequence[Sequence[str]], labels: np.ndarray) -> Iterator[tuple[int, int]]:
    """Cross-article pairs of claims that name the same uncommon entity."""
    by_entity: dict[str, list[int]] = defaultdict(list)
    for i, names in enumerate(entities):
        for entity in names:
            by_entity[entity].append(i)
    for members in by_entity.values():
        if len(members) < 2 or len(members) > ENTITY_MAX_CLAIMS:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if labels[i] != labels[j]:
                    yield (i, j) if i < j else (j, i)
