"""LightGBM tree ensembles evaluated with numpy, from the model text LightGBM saves.

Importing LightGBM costs a quarter of a second of CPU (it imports scipy.sparse,
which imports numpy.f2py), more than everything else a two-article brief does
after loading its models, and prediction is all a brief needs of it. This
module reads the model text and walks the trees the way LightGBM's predictor
does, so the scores are the same to the last bit (a test compares them with
LightGBM's on every candidate of the examples and on random rows):

- a value with ``|x| <= 1e-35`` is 0 (LightGBM drops such values from a row);
- numerical split: NaN becomes 0 unless the split has a NaN branch; a NaN
  (or a zero, for a zero-missing split) takes the default side; otherwise
  ``x <= threshold`` goes left;
- categorical split: NaN or a negative value goes right; otherwise the value,
  truncated to an integer, goes left when its bit is set in the split's set;
- leaf values are summed tree by tree in float64, then the objective's
  transform is applied (sigmoid for ``binary`` and ``cross_entropy``).

Training still uses LightGBM (``scripts/``); only prediction is done here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storydiff.errors import ModelError

_ZERO = 1e-35  # LightGBM's kZeroThreshold
_CATEGORICAL, _DEFAULT_LEFT = 1, 2
_MISSING_ZERO, _MISSING_NAN = 1, 2


@dataclass(frozen=True, slots=True)
class TreeEnsemble:
    """A LightGBM model for prediction: ``predict(rows)`` as ``lightgbm.Booster.predict`` gives it.

    The nodes of all trees sit in one set of arrays, so every row walks every
    tree at once; a child ``c < 0`` is the leaf ``~c`` of ``leaf_value``.
    """

    roots: np.ndarray  # per tree: its first node, or ~leaf for a tree of one leaf
    feature: np.ndarray
    threshold: np.ndarray
    decision: np.ndarray
    left: np.ndarray
    right: np.ndarray
    category: np.ndarray  # per node: index of its categorical split's first word in ``words`` (or 0)
    words: np.ndarray  # per node: how many 32-bit words its category set has (0 for a numerical split)
    bitset: np.ndarray
    leaf_value: np.ndarray
    names: tuple[str, ...]
    objective: str
    sigmoid: float

    @classmethod
    def from_text(cls, text: str) -> TreeEnsemble:
        """Read the text of ``Booster.model_to_string()``; ModelError when it is not one this code reads."""
        header, _, rest = text.partition("\nTree=")
        fields = _fields(header)
        if fields.get("num_class", "1") != "1" or fields.get("num_tree_per_iteration", "1") != "1":
            raise ModelError("only single-output LightGBM models can be evaluated without LightGBM")
        objective, *options = fields.get("objective", "regression").split()
        if objective not in (*_SIGMOID, "regression", "regression_l2"):
            raise ModelError(f"the LightGBM objective {objective!r} is not one storydiff evaluates")
        sigmoid = next((float(o.split(":")[1]) for o in options if o.startswith("sigmoid:")), 1.0)
        body = rest.split("\nend of trees", 1)[0]
        parts: dict[str, list[np.ndarray]] = {name: [] for name in _PARTS}
        roots, nodes, leaves, words = [], 0, 0, 0
        for block in ("Tree=" + body).split("\nTree="):
            tree = _fields(block)
            if int(tree.get("is_linear", "0")):
                raise ModelError("linear LightGBM trees are not evaluated without LightGBM")
            arrays: dict[str, np.ndarray] = {
                name: np.array(tree.get(name, "").split(), dtype=dtype) for name, dtype in _PARTS.items()
            }
            size = len(arrays["split_feature"])
            roots.append(nodes if size else ~leaves)
            for side in ("left_child", "right_child"):
                child = arrays[side]
                arrays[side] = np.where(child >= 0, child + nodes, ~(~child + leaves))
            bounds = arrays.pop("cat_boundaries")
            bounds = bounds if len(bounds) else np.zeros(2, dtype=np.int64)
            is_set = (arrays["decision_type"] & _CATEGORICAL) != 0
            index = np.where(is_set, arrays["threshold"], 0).astype(np.int64)
            arrays["cat_boundaries"] = np.where(is_set, bounds[index] + words, 0)
            arrays["words"] = np.where(is_set, bounds[index + 1] - bounds[index], 0)
            words += len(arrays["cat_threshold"])
            for name, values in arrays.items():
                parts.setdefault(name, []).append(values)
            nodes += size
            leaves += len(arrays["leaf_value"])
        parts["cat_threshold"].append(np.zeros(1, dtype=np.int64))  # a word to read where no set is
        joined = {name: np.concatenate(values) for name, values in parts.items()}
        return cls(
            np.array(roots, dtype=np.int64), joined["split_feature"], joined["threshold"], joined["decision_type"],
            joined["left_child"], joined["right_child"], joined["cat_boundaries"], joined["words"],
            joined["cat_threshold"], joined["leaf_value"], tuple(fields["feature_names"].split()), objective, sigmoid,
        )

    def num_feature(self) -> int:
        """How many columns a row has (as ``Booster.num_feature``)."""
        return len(self.names)

    def feature_name(self) -> list[str]:
        """The column names the model was trained with (as ``Booster.feature_name``)."""
        return list(self.names)

    def predict(self, rows: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
        """One score per row, as LightGBM computes it."""
        data = np.array(rows, dtype=np.float64, ndmin=2)
        if data.shape[1] != len(self.names):
            raise ModelError(f"the model reads {len(self.names)} features; a row has {data.shape[1]}")
        data[np.abs(data) <= _ZERO] = 0.0
        state = np.tile(self.roots, (len(data), 1))  # (row, tree) -> node, or ~leaf once there
        row_of = np.repeat(np.arange(len(data)), len(self.roots))
        flat = state.reshape(-1)
        at = np.flatnonzero(flat >= 0)
        while len(at):
            nodes = flat[at]
            goes_left = self._decide(data[row_of[at], self.feature[nodes]], nodes)
            flat[at] = np.where(goes_left, self.left[nodes], self.right[nodes])
            at = at[flat[at] >= 0]
        values = self.leaf_value[~state]
        total = np.zeros(len(data), dtype=np.float64)
        for column in values.T:  # tree by tree, as LightGBM adds them
            total += column
        if self.objective in _SIGMOID:
            return np.array([1.0 / (1.0 + math.exp(-self.sigmoid * s)) for s in total])  # libm's exp, as LightGBM
        return total

    def _decide(self, values: np.ndarray, nodes: np.ndarray) -> np.ndarray:
        decision = self.decision[nodes]
        missing = (decision >> 2) & 3
        is_nan = np.isnan(values)
        numeric = np.where(is_nan & (missing != _MISSING_NAN), 0.0, values)
        to_default = ((missing == _MISSING_ZERO) & (np.abs(numeric) <= _ZERO)) | ((missing == _MISSING_NAN) & is_nan)
        with np.errstate(invalid="ignore"):
            left = np.where(to_default, (decision & _DEFAULT_LEFT) != 0, numeric <= self.threshold[nodes])
        categorical = (decision & _CATEGORICAL) != 0
        if categorical.any():
            left = np.where(categorical, self._in_set(values, nodes, is_nan), left)
        return left

    def _in_set(self, values: np.ndarray, nodes: np.ndarray, is_nan: np.ndarray) -> np.ndarray:
        """Whether each value, as an integer, is in its node's category set (NaN and negatives never are)."""
        whole = np.where(is_nan, -1.0, np.trunc(np.nan_to_num(values, nan=-1.0))).clip(-1, 2**31 - 1).astype(np.int64)
        word = whole // 32
        inside = (whole >= 0) & (word < self.words[nodes])
        bits = self.bitset[np.where(inside, self.category[nodes] + word, -1)]
        return inside & (((bits >> (whole % 32)) & 1) == 1)


_SIGMOID = ("binary", "cross_entropy", "xentropy")
_PARTS: dict[str, type] = {
    "split_feature": np.int64, "threshold": np.float64, "decision_type": np.int64, "left_child": np.int64,
    "right_child": np.int64, "leaf_value": np.float64, "cat_boundaries": np.int64, "cat_threshold": np.int64,
}


def _fields(block: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in block.splitlines() if "=" in line)
