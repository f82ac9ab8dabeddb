"""Train and cross-validate the learned same-fact decision on the BASIL dev gold.

Usage::

    python scripts/train_pair_decision.py                 # cross-validate; print the figures (~3 min)
    python scripts/train_pair_decision.py --out FILE.json # ... and write the decision trained on all triplets

For each gold triplet (benchmarks/gold/alignment/) the articles are analysed and
aligned up to the pairs the rules leave undecided (``aligner.proposals``); each
such pair gets the features of :mod:`storydiff.align.pair_decision` (the pair
model's probability where the brief's preselection, ``facts.select``, asks it)
and a label: the two claims' gold sentences share a fact id (mapped by offset
overlap as benchmarks/alignment.py does). LightGBM is cross-validated leaving
triplets out (6 folds of 2 triplets): for each fold the briefs of the held-out
triplets are built with the decision trained on the others and scored as
benchmarks/alignment.py scores them, for each threshold and for each floor on
the pair model's probability a learned match needs (``aligner.LEARNED_FLOOR``).
The chosen threshold finds the most facts at pooled agreed precision >= 0.90.
Deterministic: fixed seeds, one thread (two runs write the same bytes).

The decision is off in the aligner (``aligner.USE_DECISION``); docs/relations.md,
"A learned same-fact decision", says why.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from storydiff.align.pair_decision import PairDecision

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

FOLDS = 6
PRECISION = 0.90
PARAMS = {
    "objective": "binary", "learning_rate": 0.05, "num_leaves": 7, "min_data_in_leaf": 20,
    "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
    "seed": 7, "deterministic": True, "num_threads": 1, "verbose": -1,
}
ROUNDS = 150
THRESHOLDS = (0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
PAIR_MODEL = 1  # the column of FEATURES with the pair model's probability (NaN when not asked)
FLOORS = (0.0, 0.3, 0.5)  # pair-model probability a learned match needs (aligner.LEARNED_FLOOR)
SHIPPED_FLOOR = 0.5  # = facts.CLOSE, the aligner's setting
OUT = ROOT / "src" / "storydiff" / "data" / "pair-decision.json"


def triplet_rows(gold, analysis) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels of one triplet's undecided pairs, as the brief computes them."""
    from alignment import Aligner

    from storydiff.align.aligner import build_contexts, proposals
    from storydiff.nlp.roles import is_fact
    from storydiff.align.facts import select
    from storydiff.align.pair_decision import features, ranks
    from storydiff.align.pair_model import shipped

    rows = [(n, c) for n, c in enumerate(c for aa in analysis.articles for c in aa.claims) if is_fact(c)]
    vectors = np.vstack([aa.vectors for aa in analysis.articles if len(aa.claims)])[[n for n, _ in rows]]
    every = build_contexts(analysis)
    _, undecided = proposals(analysis, rows, vectors, [every[n] for n, _ in rows])
    chosen = select(undecided)
    probabilities = shipped().probabilities([(p.left.claim.text, p.right.claim.text) for p in chosen], False)
    asked = {id(p): float(v) for p, v in zip(chosen, probabilities, strict=True)}
    lengths = {aa.article.id: len(aa.article.text) for aa in analysis.articles}
    align = Aligner(gold, SimpleNamespace(articles=[aa.article for aa in analysis.articles]))
    x, y = [], []
    for p, rank in zip(undecided, ranks(undecided), strict=True):
        facts_a = {f for s in align.sentences_of(p.left.claim) for f in s.facts}
        facts_b = {f for s in align.sentences_of(p.right.claim) for f in s.facts}
        x.append(features(p, asked.get(id(p)), rank, lengths))
        y.append(float(bool(facts_a & facts_b)))
    return np.array(x), np.array(y)


def train(x: np.ndarray, y: np.ndarray):
    """A LightGBM booster on these rows (deterministic)."""
    import lightgbm as lgb

    return lgb.train(PARAMS, lgb.Dataset(x, y, free_raw_data=False), ROUNDS)


def decision(booster, threshold: float):
    """The run-time decision (numpy trees) for a trained booster."""
    from storydiff.align.pair_decision import FEATURES, PairDecision
    from storydiff.nlp.trees import TreeEnsemble

    return PairDecision(TreeEnsemble.from_text(booster.model_to_string()), threshold, FEATURES)


def brief_tally(golds, analyses, chosen: PairDecision | None, floor: float = 0.0):
    """The alignment tally of these triplets' briefs with this decision (None: the hand-set thresholds).

    ``floor``: the pair-model probability a learned match needs (0: any pair the model read).
    """
    from alignment import Tally, score

    from storydiff.align import aligner
    from storydiff.pipeline import brief_from_analysis

    total = Tally()
    saved = aligner.USE_DECISION, aligner.shipped_decision, aligner.LEARNED_FLOOR
    aligner.USE_DECISION, aligner.shipped_decision, aligner.LEARNED_FLOOR = chosen is not None, lambda: chosen, floor
    try:
        for gold, analysis in zip(golds, analyses, strict=True):
            total.add(score(gold, brief_from_analysis(analysis)).tally)
    finally:
        aligner.USE_DECISION, aligner.shipped_decision, aligner.LEARNED_FLOOR = saved
    return total


def figures(t) -> str:
    """Agreed recall and precision, only-in precision, of one tally."""
    ratio = lambda a, b: a / b if b else 0.0  # noqa: E731
    return (f"agreed recall {ratio(t.facts_found, t.facts):.3f} ({t.facts_found}/{t.facts}), "
            f"precision {ratio(t.points_right, t.points):.3f} ({t.points_right}/{t.points}); "
            f"only-in precision {ratio(t.unique_exclusive, t.unique):.3f}")


def pair_figures(scores: np.ndarray, y: np.ndarray, threshold: float) -> str:
    """Pair-level precision and recall at a threshold."""
    keep = scores >= threshold
    precision = y[keep].mean() if keep.any() else 0.0
    return f"pairs P {precision:.3f} R {y[keep].sum() / y.sum():.3f} ({int(keep.sum())} called same)"


def cross_validate(golds, analyses, data, boosters, floor: float) -> float | None:
    """Print the held-out figures per threshold; the threshold finding most facts at agreed precision >= 0.90."""
    from alignment import Tally

    pooled = {t: Tally() for t in THRESHOLDS}
    oof_scores, oof_y = [], []
    for fold, booster in enumerate(boosters):
        test = [n for n in range(len(golds)) if n % FOLDS == fold]
        for n in test:  # the brief lets the decision match only pairs the pair model scored >= floor
            oof_scores.append(booster.predict(data[n][0]) * (np.nan_to_num(data[n][0][:, PAIR_MODEL], nan=-1) >= floor))
            oof_y.append(data[n][1])
        for t in THRESHOLDS:
            pooled[t].add(
                brief_tally([golds[n] for n in test], [analyses[n] for n in test], decision(booster, t), floor)
            )
    scores, y = np.concatenate(oof_scores), np.concatenate(oof_y)
    print(f"cross-validated ({FOLDS} folds by triplet; briefs of held-out triplets), pair-model floor {floor:.2f}:")
    for t in THRESHOLDS:
        print(f"  threshold {t:.2f}: {figures(pooled[t])}; {pair_figures(scores, y, t)}")
    good = [t for t in THRESHOLDS if pooled[t].points and pooled[t].points_right / pooled[t].points >= PRECISION]
    if not good:
        return None
    best = max(good, key=lambda t: (pooled[t].facts_found, t))
    print(f"  chosen threshold {best:.2f} (the most facts found at agreed precision >= {PRECISION})")
    return best


def main(argv: list[str] | None = None) -> int:
    from _data import basil_stories
    from alignment import gold_files, load_gold

    from storydiff.nlp.analysis import analyze

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help=f"write the decision file here (the aligner's is {OUT.name})")
    args = parser.parse_args(argv)
    stories = basil_stories()
    golds = [load_gold(p) for p in gold_files()]
    analyses = [analyze(stories[g.triplet]) for g in golds]
    data = [triplet_rows(g, a) for g, a in zip(golds, analyses, strict=True)]
    print(f"{sum(len(y) for _, y in data)} undecided pairs, {int(sum(y.sum() for _, y in data))} share a gold fact")
    print(f"hand-set thresholds, all triplets: {figures(brief_tally(golds, analyses, None))}")
    boosters = []
    for fold in range(FOLDS):
        rest = [n for n in range(len(golds)) if n % FOLDS != fold]
        boosters.append(train(np.vstack([data[n][0] for n in rest]), np.concatenate([data[n][1] for n in rest])))
    chosen = {floor: cross_validate(golds, analyses, data, boosters, floor) for floor in FLOORS}
    best = chosen[SHIPPED_FLOOR]
    if best is None:
        print(f"no threshold reaches agreed precision {PRECISION} in cross-validation; nothing written")
        return 1
    booster = train(np.vstack([x for x, _ in data]), np.concatenate([y for _, y in data]))
    for floor in FLOORS:
        if chosen[floor] is not None:
            tally = brief_tally(golds, analyses, decision(booster, chosen[floor]), floor)
            print(f"in-sample, pair-model floor {floor:.2f}, threshold {chosen[floor]:.2f}: {figures(tally)}")
    if args.out is not None:
        from storydiff.align.pair_decision import FEATURES, FORMAT

        payload = {"format": FORMAT, "feature_names": list(FEATURES), "threshold": best,
                   "pair_model_floor": SHIPPED_FLOOR,
                   "trained_on": "BASIL dev gold, benchmarks/gold/alignment (12 triplets)",
                   "lightgbm": booster.model_to_string()}
        args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
