"""B-cubed precision, recall and F1 of a clustering against gold labels (Bagga and Baldwin 1998).

For each item, precision is the share of its predicted cluster that shares
its gold label, recall the share of its gold cluster that it was put with;
both are averaged over items and F1 is their harmonic mean. Unlike pairwise
scores, every article weighs the same whatever the size of its story.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from storydiff.errors import InputError


@dataclass(frozen=True, slots=True)
class BCubed:
    """B-cubed scores of one clustering."""

    precision: float
    recall: float
    f1: float
    items: int


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> BCubed:
    """Score ``predicted`` (item -> cluster) against ``gold`` (item -> label) over the same items."""
    if set(predicted) != set(gold):
        missing = sorted(set(gold) ^ set(predicted))[:5]
        raise InputError("bcubed", f"predicted and gold cover different items (e.g. {missing}); score the same set")
    if not gold:
        raise InputError("bcubed", "no items to score")
    pairs = Counter((predicted[i], gold[i]) for i in gold)
    cluster_size = Counter(predicted.values())
    gold_size = Counter(gold.values())
    precision = sum(n * n / cluster_size[c] for (c, _), n in pairs.items()) / len(gold)
    recall = sum(n * n / gold_size[g] for (_, g), n in pairs.items()) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BCubed(precision, recall, f1, len(gold))
