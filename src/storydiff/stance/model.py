"""Stance of an article body towards a claim: agree, disagree, discuss or unrelated.

The model is gradient-boosted trees (LightGBM) over the relational features of
``storydiff.stance.features``, trained on the FNC-1 training set by
``scripts/train_stance.py``. It ships as one gzipped JSON file in
``storydiff/data`` (IDF table + LightGBM model text, no pickle) and is loaded
once, on first use.

>>> [r.stance for r in predict_stance([("Storm closes the harbour", "A recipe for bread.")])]
['unrelated']
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from storydiff.data import shipped_bytes
from storydiff.errors import ModelError
from storydiff.stance.features import (
    FEATURE_NAMES,
    FEATURE_VERSION,
    body_sentences,
    pair_features,
    view_body,
    view_claim,
)
from storydiff.stance.text import Idf

__all__ = ["STANCES", "StanceResult", "predict_stance"]

# The labels, in the order of the model's probability columns (FNC-1's order).
STANCES = ("agree", "disagree", "discuss", "unrelated")

MODEL_FILE = "stance-model.json.gz"
_REBUILD = "python scripts/train_stance.py"
_THREADS = 2
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class StanceResult:
    """The stance of one body towards one claim.

    ``scores`` holds a probability per stance (they sum to 1); ``evidence`` is
    the body sentence closest in meaning to the claim, or ``None`` when the
    body has no sentence.
    """

    stance: str
    scores: dict[str, float]
    evidence: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"stance": self.stance, "scores": dict(self.scores), "evidence": self.evidence}


@dataclass(frozen=True, slots=True)
class _Model:
    booster: Any
    idf: Idf
    stances: tuple[str, ...]


@lru_cache(maxsize=1)
def _model() -> _Model:
    location = f"storydiff/data/{MODEL_FILE}"
    raw = shipped_bytes(MODEL_FILE, "stance model", _REBUILD)
    try:
        import lightgbm
    except ImportError as exc:
        raise ModelError("the stance model needs LightGBM; run: pip install lightgbm") from exc
    try:
        payload = json.loads(gzip.decompress(raw))
        names = tuple(payload["feature_names"])
        if payload["feature_version"] != FEATURE_VERSION or names != FEATURE_NAMES:
            raise ModelError(
                f"the stance model {location} was built for other features "
                f"(version {payload['feature_version']}, this code has {FEATURE_VERSION}); "
                f"rebuild it with: {_REBUILD}"
            )
        booster = lightgbm.Booster(model_str=payload["lightgbm"])
        idf = Idf(weights=payload["idf"]["weights"], default=float(payload["idf"]["default"]))
        stances = tuple(payload["stances"])
    except (OSError, ValueError, KeyError, TypeError, lightgbm.basic.LightGBMError) as exc:
        raise ModelError(
            f"the stance model {location} cannot be read ({exc}); rebuild it with: {_REBUILD}"
        ) from exc
    if stances != STANCES:
        raise ModelError(f"the stance model {location} has labels {stances}; rebuild: {_REBUILD}")
    return _Model(booster=booster, idf=idf, stances=stances)


def _embed(texts: list[str]) -> dict[str, np.ndarray]:
    from storydiff.nlp.embed import embed

    unique = sorted(set(texts))
    return dict(zip(unique, embed(unique), strict=True))


def predict_stance(pairs: Sequence[tuple[str, str]]) -> list[StanceResult]:
    """Predict the stance of each body towards its claim, for ``(claim, body)`` pairs.

    Claims and bodies repeated across pairs are prepared once, so scoring one
    claim against many bodies (or many claims against one body) is cheap.
    """
    if not pairs:
        return []
    with _lock:
        model = _model()
    sentences = {body: body_sentences(body) for body in {body for _, body in pairs}}
    vectors = _embed([claim for claim, _ in pairs] + [s for ss in sentences.values() for s in ss])
    claims = {c: view_claim(c, vectors[c], model.idf) for c in {claim for claim, _ in pairs}}
    bodies = {body: view_body(body, vectors, model.idf) for body in sentences}

    rows, evidence = [], []
    for claim, body in pairs:
        features, best = pair_features(claims[claim], bodies[body])
        rows.append(features)
        evidence.append(bodies[body].sentences[best] if best is not None else None)
    probabilities = np.asarray(model.booster.predict(np.stack(rows), num_threads=_THREADS))
    results = []
    for probs, sentence in zip(probabilities, evidence, strict=True):
        scores = {s: float(p) for s, p in zip(model.stances, probs, strict=True)}
        results.append(StanceResult(model.stances[int(np.argmax(probs))], scores, sentence))
    return results
