"""The statement model: loaded once, it scores candidates and chooses the statements.

A gradient-boosted model (LightGBM, ``scripts/train_statements.py``) scores
each candidate on the features of ``features.py``; ``choose`` keeps the
best-scoring candidate per cue above a threshold, and never two that mostly
cover the same words.

The model ships as one gzipped JSON file (``storydiff/data/statement-model.json.gz``):
the LightGBM model as text, the names of the features it was trained on (in
column order), the learned cue vocabulary with each lemma's code, cue rate
and count, and the two thresholds. No pickle. Loading checks the feature
version and that every stored feature name is one this code computes. Beside
it, ``statement-trees.onnx`` holds the same trees compiled for ONNX Runtime
(``scripts/compile_trees.py``), which scores them in about half the time of the
numpy walk that a model without one gets.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from storydiff.data import shipped_bytes
from storydiff.errors import ModelError
from storydiff.nlp.statements.candidates import CONTINUING_KINDS, RULE_KINDS, Candidate
from storydiff.nlp.statements.features import BY_NAME, FEATURE_VERSION, features
from storydiff.nlp.statements.quotes import QuoteIndex

MODEL_FILE = "statement-model.json.gz"
TREES_FILE = "statement-trees.onnx"
RULE_MARGIN = 0.05  # how much closer a rule's content may score and still be preferred
_REBUILD = "python scripts/train_statements.py"
_COMPILE = "python scripts/compile_trees.py"


@dataclass(frozen=True, slots=True)
class StatementModel:
    """The loaded model: the booster, the learned cue vocabulary and the threshold."""

    booster: Any
    vocab: dict[str, tuple[int, float, float]]  # lemma -> (code, cue rate, log count)
    threshold: float
    lexicon_threshold: float
    feature_names: tuple[str, ...]  # the booster's columns, in order


@lru_cache(maxsize=1)
def load_model() -> StatementModel:
    """The shipped statement model, loaded once."""
    payload = json.loads(gzip.decompress(shipped_bytes(MODEL_FILE, "statement model", _REBUILD)))
    compiled = shipped_bytes(TREES_FILE, "compiled statement model", _COMPILE)
    return model_from_payload(payload, f"storydiff/data/{MODEL_FILE}", compiled)


def model_from_payload(
    payload: dict[str, Any], location: str = "the statement model", compiled: bytes | None = None
) -> StatementModel:
    """A ``StatementModel`` from the JSON the training script writes; ``compiled``: its trees
    as ``scripts/compile_trees.py`` compiles them (without: the numpy walk, same scores)."""
    from storydiff.nlp.trees import CompiledTrees, TreeEnsemble  # LightGBM's trees without importing LightGBM

    try:
        if payload["feature_version"] != FEATURE_VERSION:
            raise ModelError(
                f"{location} was built for other features (version {payload['feature_version']}, "
                f"this code has {FEATURE_VERSION}); rebuild it with: {_REBUILD}"
            )
        names = tuple(str(name) for name in payload["feature_names"])
        unknown = [name for name in names if name not in BY_NAME]
        if unknown:
            raise ModelError(
                f"{location} uses features this code does not compute ({', '.join(unknown)}); "
                f"rebuild it with: {_REBUILD}"
            )
        booster: CompiledTrees | TreeEnsemble
        if compiled is None:
            booster = TreeEnsemble.from_text(payload["lightgbm"])
        else:
            booster = CompiledTrees.load(compiled, payload["lightgbm"], f"storydiff/data/{TREES_FILE}")
        if booster.num_feature() != len(names):
            raise ModelError(
                f"{location} lists {len(names)} feature names for {booster.num_feature()} columns; "
                f"rebuild it with: {_REBUILD}"
            )
        vocab = {k: (int(v[0]), float(v[1]), float(v[2])) for k, v in payload["vocab"].items()}
        threshold = float(payload["threshold"])
        lexicon_threshold = float(payload["lexicon_threshold"])
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise ModelError(f"{location} cannot be read ({exc}); rebuild it with: {_REBUILD}") from exc
    return StatementModel(booster, vocab, threshold, lexicon_threshold, names)


def score(model: StatementModel, doc: Doc, quotes: QuoteIndex, items: Sequence[Candidate]) -> list[float]:
    """The model's score for each candidate (higher: more likely a statement as PolNeAR draws it)."""
    if not items:
        return []
    rows = features(doc, quotes, items, model.vocab, model.feature_names)
    return model.booster.predict(rows).tolist()


def choose(
    items: Sequence[Candidate],
    scores: Sequence[float],
    threshold: float,
    lexicon_threshold: float | None = None,
    rule_margin: float = 0.0,
) -> list[Candidate]:
    """The best candidates: one per cue, above the threshold, never two whose
    contents mostly overlap; then the quotations that continue a chosen one.

    A rule's statement whose cue is in the lexicon of speech needs only
    ``lexicon_threshold`` (the issue's cue list, "said", "warned", "rowed back
    on", is evidence of its own), and so does "according to". A continuation
    ("“A,” she said. “B.”": B) is never scored on its own: PolNeAR draws it as part of one discontinuous
    statement with A, so it is kept exactly when the statement it continues is.
    A rule's candidate is ranked as if it scored ``rule_margin`` more: where the
    model can hardly tell two contents apart, the rules' conventions (the
    writer's trailing asides cut) decide.
    """
    lowest = threshold if lexicon_threshold is None else min(threshold, lexicon_threshold)
    order = sorted(
        range(len(items)), key=lambda i: -(scores[i] + (rule_margin if items[i].kind in RULE_KINDS else 0.0))
    )
    kept: list[Candidate] = []
    cues: set[tuple[int, int]] = set()
    for i in order:
        if scores[i] < lowest:
            break
        item = items[i]
        if scores[i] < threshold and not ((item.lexicon or item.kind == "according") and item.kind in RULE_KINDS):
            continue
        if item.kind in CONTINUING_KINDS or item.cue in cues:
            continue
        if any(_mostly_same(item.content, k.content) for k in kept):
            continue
        kept.append(item)
        cues.add(item.cue)
    for item in items:
        if item.kind not in CONTINUING_KINDS or item.cue not in cues:
            continue
        # "“B” to drive up the stock, she said": B has a cue of its own, and is no continuation
        if not any(_mostly_same(item.content, k.content) or _within(item.content, k.content) for k in kept):
            kept.append(item)
    return kept


def _within(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def _mostly_same(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return False
    return inter * 2 >= max(a[1], b[1]) - min(a[0], b[0])
