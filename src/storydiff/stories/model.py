"""The join-or-new model: a logistic regression over the named similarity features.

Given an article and a candidate story, it returns the probability that the
article reports the story's event. The file (``data/story-model.json``) holds
the feature names it was trained on, their standardisation, the weights and
the join threshold; loading refuses a file whose names differ from
``FEATURE_NAMES``. ``scripts/train_stories.py`` writes it (deterministic).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storydiff.data import shipped_bytes
from storydiff.errors import ModelError
from storydiff.stories.similarity import FEATURE_NAMES

MODEL_FILE = "story-model.json"
FORMAT = "storydiff-story-model/1"


@dataclass(frozen=True, slots=True)
class JoinModel:
    """Standardised logistic regression: ``p = sigmoid(bias + sum(w * (x - mean) / scale))``."""

    names: tuple[str, ...]
    weights: tuple[float, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    bias: float
    threshold: float = 0.5
    merge_threshold: float | None = None  # a second candidate this likely is merged into the joined story

    def logit(self, row: Mapping[str, float]) -> float:
        """The log-odds that the article belongs to the story."""
        total = self.bias
        for name, w, m, s in zip(self.names, self.weights, self.mean, self.scale, strict=True):
            total += w * (row[name] - m) / s
        return total

    def to_dict(self) -> dict[str, Any]:
        """The model file's content."""
        return {
            "format": FORMAT,
            "features": list(self.names),
            "weights": list(self.weights),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "bias": self.bias,
            "threshold": self.threshold,
            "merge_threshold": self.merge_threshold,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, origin: str = "story model") -> JoinModel:
        """Read a model, checking that it was trained on today's feature table."""
        if data.get("format") != FORMAT:
            raise ModelError(
                f"{origin}: format {data.get('format')!r} is not {FORMAT!r}; rerun scripts/train_stories.py"
            )
        names = tuple(data["features"])
        if names != FEATURE_NAMES:
            raise ModelError(
                f"{origin}: trained on features {list(names)}, but the code computes {list(FEATURE_NAMES)}; "
                "rerun scripts/train_stories.py"
            )
        return cls(
            names=names,
            weights=tuple(float(x) for x in data["weights"]),
            mean=tuple(float(x) for x in data["mean"]),
            scale=tuple(float(x) for x in data["scale"]),
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            merge_threshold=None if data.get("merge_threshold") is None else float(data["merge_threshold"]),
        )

    def save(self, path: Path) -> None:
        """Write the model as small, stable JSON."""
        path.write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")


def sigmoid(x: float) -> float:
    """The logistic function, safe for large magnitudes."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@lru_cache(maxsize=1)
def load_model() -> JoinModel:
    """The shipped join-or-new model, loaded once."""
    raw = shipped_bytes(MODEL_FILE, "story model", "python scripts/train_stories.py")
    return JoinModel.from_dict(json.loads(raw.decode("utf-8")), origin=MODEL_FILE)


def fit(rows: Sequence[Mapping[str, float]], labels: Sequence[int], *, l2: float = 1.0,
        threshold: float = 0.5) -> JoinModel:
    """Fit the logistic regression by Newton's method (deterministic: no sampling, no seeds)."""
    if not rows or len(set(labels)) < 2:
        raise ModelError("training needs both joined and new examples; give it more than one story")
    x = np.array([[row[name] for name in FEATURE_NAMES] for row in rows], dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        gradient = z.T @ (p - y) + penalty * w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.abs(step).max()) < 1e-10:
            break
    return JoinModel(
        names=FEATURE_NAMES,
        weights=tuple(round(float(v), 8) for v in w[1:]),
        mean=tuple(round(float(v), 8) for v in mean),
        scale=tuple(round(float(v), 8) for v in scale),
        bias=round(float(w[0]), 8),
        threshold=threshold,
    )
