"""A learned same-fact decision over what the pipeline already knows about a claim pair.

The rules in :mod:`storydiff.align.facts` call two claims the same fact when the
claim-pair model's probability and their cosine clear hand-set thresholds. This
module holds the features of a pair (cosine, the pair model's probability when
it was asked, rank of each claim among the other's nearest, shared words, names
and figures, a long common word run, speakers, lengths, positions) and a small
LightGBM model over them, trained on the BASIL dev gold by
``scripts/train_pair_decision.py`` and walked with numpy
(:mod:`storydiff.nlp.trees`), so no LightGBM at run time.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from storydiff.errors import ModelError

if TYPE_CHECKING:
    from storydiff.align.facts import Proposal
    from storydiff.nlp.trees import TreeEnsemble

FORMAT = "storydiff-pair-decision/1"
MODEL_FILE = "pair-decision.json"
_REBUILD = "python scripts/train_pair_decision.py (needs lightgbm)"
FEATURES = (
    "cosine", "pair_model", "asked", "rank_left", "rank_right", "shared_names", "shared_terms",
    "term_jaccard", "shared_figures", "figures_only_one", "run_words", "run_share", "length_ratio",
    "min_words", "same_speaker", "both_quoted", "position_left", "position_right", "related_by_rule",
    "same_event", "shared_voices", "word_jaccard", "same_predicate", "shared_arguments", "shared_dates",
    "same_polarity", "shared_rare_terms", "rare_overlap", "specifics",
)


def ranks(proposals: Sequence[Proposal]) -> list[tuple[int, int]]:
    """For each pair, the partner's rank (0 = nearest) among each claim's pairs, by cosine."""
    by_claim: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for n, p in enumerate(proposals):
        by_claim[p.left.claim.id].append((-p.evidence.similarity, n))
        by_claim[p.right.claim.id].append((-p.evidence.similarity, n))
    rank: dict[tuple[str, int], int] = {}
    for claim, pairs in by_claim.items():
        for r, (_, n) in enumerate(sorted(pairs)):
            rank[(claim, n)] = r
    return [(rank[(p.left.claim.id, n)], rank[(p.right.claim.id, n)]) for n, p in enumerate(proposals)]


def features(
    proposal: Proposal, same_fact: float | None, rank: tuple[int, int], lengths: Mapping[str, int]
) -> list[float]:
    """One row of :data:`FEATURES` for a pair; ``same_fact`` None when the pair model was not asked.

    ``lengths`` maps article ids to their text lengths (for the claims' positions).
    """
    from storydiff.align.facts import RARE_WEIGHT, _figures, _tokens

    left, right, found = proposal.left, proposal.right, proposal.evidence
    a, b = left.claim, right.claim
    wa, wb = _tokens(a.text), _tokens(b.text)
    run = SequenceMatcher(None, wa, wb, autojunk=False).find_longest_match(0, len(wa), 0, len(wb)).size
    union = len(left.terms | right.terms)
    fa, fb = _figures(a), _figures(b)
    shortest = max(1, min(len(wa), len(wb)))
    return [
        found.similarity,
        math.nan if same_fact is None else same_fact,
        float(same_fact is not None),
        float(rank[0]),
        float(rank[1]),
        float(len(found.shared_names)),
        float(len(found.shared_terms)),
        len(left.terms & right.terms) / union if union else 0.0,
        float(len(fa & fb)),
        float(bool(fa) != bool(fb)),
        float(run),
        run / shortest,
        shortest / max(1, len(wa), len(wb)),
        float(shortest),
        float(bool(left.speaker) and left.speaker == right.speaker),
        float(bool(a.statement) and bool(b.statement)),
        a.start / max(1, lengths.get(a.article, 1)),
        b.start / max(1, lengths.get(b.article, 1)),
        float(proposal.fallback is not None),
        float(bool(found.event)),
        float(len(found.shared_voices)),
        len(set(a.words) & set(b.words)) / max(1, len(set(a.words) | set(b.words))),
        float(bool(a.predicate) and a.predicate == b.predicate),
        float(len(set(a.arguments) & set(b.arguments))),
        float(len(set(a.dates) & set(b.dates))),
        float(a.polarity == b.polarity),
        float(sum(len(t) >= 7 for t in found.shared_terms)),
        found.overlap,
        found.similarity + RARE_WEIGHT * found.overlap,
    ]


@dataclass(frozen=True, slots=True)
class PairDecision:
    """The shipped decision: trees over :data:`FEATURES` and the threshold chosen in cross-validation."""

    trees: TreeEnsemble
    threshold: float
    feature_names: tuple[str, ...]

    def scores(self, rows: Sequence[Sequence[float]]) -> np.ndarray:
        """P(same fact) for each feature row."""
        if not len(rows):
            return np.zeros(0)
        return self.trees.predict(np.asarray(rows, dtype=np.float64))


def decision_from_payload(payload: dict, location: str = "the pair decision") -> PairDecision:
    """A :class:`PairDecision` from the JSON the training script writes; its features must be this code's."""
    from storydiff.nlp.trees import TreeEnsemble

    try:
        if payload["format"] != FORMAT:
            raise ModelError(
                f"{location} has format {payload['format']!r}, expected {FORMAT!r}; rebuild it with: {_REBUILD}"
            )
        names = tuple(payload["feature_names"])
        if names != FEATURES:
            raise ModelError(
                f"{location} was trained on features {', '.join(names)}, this code computes "
                f"{', '.join(FEATURES)}; rebuild it with: {_REBUILD}"
            )
        trees = TreeEnsemble.from_text(payload["lightgbm"])
        threshold = float(payload["threshold"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"{location} is not a pair decision file ({exc}); rebuild it with: {_REBUILD}") from exc
    if trees.num_feature() != len(names):
        raise ModelError(
            f"{location} has {trees.num_feature()} columns for {len(names)} names; rebuild it with: {_REBUILD}"
        )
    return PairDecision(trees, threshold, names)


@lru_cache(maxsize=1)
def shipped_decision() -> PairDecision:
    """The decision shipped in ``storydiff/data``, loaded once."""
    resource = resources.files("storydiff.data").joinpath(MODEL_FILE)
    try:
        payload = json.loads(resource.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"storydiff/data/{MODEL_FILE} is missing or unreadable ({exc}); rebuild it with: {_REBUILD} --out "
            f"src/storydiff/data/{MODEL_FILE}"
        ) from exc
    return decision_from_payload(payload, f"storydiff/data/{MODEL_FILE}")
