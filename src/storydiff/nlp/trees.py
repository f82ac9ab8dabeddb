"""LightGBM tree ensembles evaluated without LightGBM, from the model text LightGBM saves.

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

Two evaluators give those same scores. ``TreeEnsemble`` walks the trees with
numpy and reads any model text. ``CompiledTrees`` runs the same trees compiled
to an ONNX ``TreeEnsemble`` node (``scripts/compile_trees.py``) with ONNX
Runtime, which storydiff already loads for its embeddings: faster than the
numpy walk on the statement model's thousands of candidates a story (the
``tree walk`` stage of ``benchmarks/throughput.py --stages``), so the shipped
statement model uses it. A split on a large category set reads a column of its own, which
``CompiledTrees.predict`` fills in (ONNX Runtime tests such a set member by
member). The compiled file carries the SHA-256 of the text it was compiled
from and a format version, and loading refuses a file compiled from another
text or by another version.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

import numpy as np

from storydiff.errors import ModelError

_ZERO = 1e-35  # LightGBM's kZeroThreshold
_CATEGORICAL, _DEFAULT_LEFT = 1, 2
_MISSING_NONE, _MISSING_ZERO = 0, 1


class _Columns:
    """What both evaluators answer as ``lightgbm.Booster`` does about the columns."""

    __slots__ = ()
    names: tuple[str, ...]

    def num_feature(self) -> int:
        """How many columns a row has (as ``Booster.num_feature``)."""
        return len(self.names)

    def feature_name(self) -> list[str]:
        """The column names the model was trained with (as ``Booster.feature_name``)."""
        return list(self.names)


@dataclass(frozen=True, slots=True)
class TreeEnsemble(_Columns):
    """A LightGBM model for prediction: ``predict(rows)`` as ``lightgbm.Booster.predict`` gives it.

    The nodes of all trees sit in one set of arrays, so every row walks every
    tree at once; a child ``c < 0`` is the leaf ``~c`` of ``leaf_value``.
    What a split does with a zero or a NaN is worked out per node when the
    model is read, and each categorical set is unpacked into one flag per
    category, so a step of the walk is a comparison or a lookup.
    """

    roots: np.ndarray  # per tree: its first node, or ~leaf for a tree of one leaf
    feature: np.ndarray
    threshold: np.ndarray
    zero_left: np.ndarray  # per numerical node: where a zero goes (its default side, or 0 <= threshold)
    nan_left: np.ndarray  # per numerical node: where a NaN goes
    left: np.ndarray
    right: np.ndarray
    set_start: np.ndarray  # per categorical node: where its categories start in ``in_set``
    set_size: np.ndarray  # per node: how many categories its set spans (0 for a numerical split)
    in_set: np.ndarray  # every categorical node's set as one flag per category (index 0: never)
    leaf_value: np.ndarray
    names: tuple[str, ...]
    objective: str
    sigmoid: float

    @classmethod
    def from_text(cls, text: str) -> TreeEnsemble:
        """Read the text of ``Booster.model_to_string()``; ModelError when it is not one this code reads."""
        names, objective, sigmoid = read_header(text)
        body = text.partition("\nTree=")[2].split("\nend of trees", 1)[0]
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
        joined = {name: np.concatenate(values) for name, values in parts.items()}
        decision, threshold = joined["decision_type"], joined["threshold"]
        missing, default_left = (decision >> 2) & 3, (decision & _DEFAULT_LEFT) != 0
        zero_left = np.where(missing == _MISSING_ZERO, default_left, threshold >= 0.0)
        nan_left = np.where(missing == _MISSING_NONE, threshold >= 0.0, default_left)  # NaN is 0 unless missing
        categorical = (decision & _CATEGORICAL) != 0
        set_size = np.where(categorical, 32 * joined["words"], 0)
        set_start = np.zeros(len(decision), dtype=np.int64)
        flags = [np.zeros(1, dtype=bool)]
        start = 1
        for node in np.flatnonzero(set_size):  # each 32-bit word of a set, unpacked to one flag per category
            first = joined["cat_boundaries"][node]
            packed = joined["cat_threshold"][first : first + joined["words"][node]]
            flags.append((((packed[:, None] >> np.arange(32)) & 1) == 1).reshape(-1))
            set_start[node] = start
            start += set_size[node]
        return cls(
            np.array(roots, dtype=np.int64), joined["split_feature"], threshold, zero_left, nan_left,
            joined["left_child"], joined["right_child"], set_start, set_size, np.concatenate(flags),
            joined["leaf_value"], names, objective, sigmoid,
        )

    def predict(self, rows: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
        """One score per row, as LightGBM computes it."""
        data = _as_rows(rows, len(self.names))
        values = data.reshape(-1)
        has_nan = bool(np.isnan(values).any())
        # Each value as a category: NaN and negatives are -1, which no set holds.
        whole = np.trunc(np.nan_to_num(values, nan=-1.0)).clip(-1, 2**31 - 1).astype(np.int64)
        state = np.tile(self.roots, (len(data), 1))  # (row, tree) -> node, or ~leaf once there
        row_start = np.repeat(np.arange(len(data)) * data.shape[1], len(self.roots))
        flat = state.reshape(-1)
        at = np.flatnonzero(flat >= 0)
        while len(at):
            nodes = flat[at]
            cell = row_start[at] + self.feature[nodes]
            x = values[cell]
            goes_left = np.where(x == 0.0, self.zero_left[nodes], x <= self.threshold[nodes])
            if has_nan:
                goes_left = np.where(np.isnan(x), self.nan_left[nodes], goes_left)
            sets = np.flatnonzero(self.set_size[nodes])  # categorical splits (numerical: set size 0)
            if len(sets):
                value, node = whole[cell[sets]], nodes[sets]
                inside = (value >= 0) & (value < self.set_size[node])
                goes_left[sets] = self.in_set[np.where(inside, self.set_start[node] + value, 0)]
            step = np.where(goes_left, self.left[nodes], self.right[nodes])
            flat[at] = step
            at = at[step >= 0]
        leaves = self.leaf_value[~state]
        total = np.zeros(len(data), dtype=np.float64)
        for column in leaves.T:  # tree by tree, as LightGBM adds them
            total += column
        return _transform(total, self.objective, self.sigmoid)


@dataclass(frozen=True, slots=True)
class _LargeSets:
    """The categorical splits of one feature on a set reaching past category 31, as compiled: one input
    column each, from ``first`` on, saying whether the row's category is in that split's set."""

    feature: int
    first: int
    table: np.ndarray  # (categories + 1, splits): row v, which of the sets hold category v; the last row, none


@dataclass(frozen=True, slots=True)
class CompiledTrees(_Columns):
    """The same model compiled to ONNX, run by ONNX Runtime: ``predict`` as ``TreeEnsemble.predict``.

    ONNX Runtime's tree ensemble compares in float64 and adds the trees' leaf
    values in tree order on one thread, so its sums are LightGBM's. What it
    does not do, ``predict`` does around it: values within 1e-35 of zero
    become zero, categories are truncated to integers (a NaN or a category
    outside a split's set then goes right, as in LightGBM), the columns of
    the splits on a large set are filled in (``scripts/compile_trees.py``),
    and the objective's transform is applied to the sums. It needs ONNX
    Runtime 1.23.2 or later: 1.22 hangs on category codes as large as the
    statement model's (up to 734).
    """

    session: Any  # onnxruntime.InferenceSession of one TreeEnsemble node: X (rows, width) -> Y (rows, 1)
    categorical: np.ndarray  # the columns the trees split on as categories
    names: tuple[str, ...]
    objective: str
    sigmoid: float
    large: tuple[_LargeSets, ...]
    width: int  # the compiled model's input columns: the features, then one per split on a large set

    @classmethod
    def load(cls, model: bytes, text: str, location: str = "the compiled trees") -> CompiledTrees:
        """The compiled ``model`` of LightGBM's ``text``; ModelError when it was compiled from another text."""
        import onnxruntime as ort

        names, objective, sigmoid = read_header(text)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # one thread adds the trees in order (and the brief runs in parallel)
        options.inter_op_num_threads = 1
        try:
            session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own error types for unreadable files
            raise ModelError(f"{location} cannot be loaded ({exc})") from exc
        meta = session.get_modelmeta().custom_metadata_map
        if meta.get("format") != COMPILED_FORMAT or meta.get("lightgbm_sha256") != text_digest(text):
            raise ModelError(
                f"{location} was not compiled from this LightGBM model by this version of storydiff; compile "
                "it again with: python scripts/compile_trees.py"
            )
        categorical = np.array([int(c) for c in meta.get("categorical", "").split(",") if c], dtype=np.int64)
        try:
            large = _large_sets(json.loads(meta.get("large_sets", "[]")), len(names))
        except (ValueError, TypeError, IndexError) as exc:
            raise ModelError(f"{location} lists its large category sets unreadably ({exc}); compile it again "
                             "with: python scripts/compile_trees.py") from exc
        width = len(names) + sum(sets.table.shape[1] for sets in large)
        if session.get_inputs()[0].shape[1] != width:
            raise ModelError(f"{location} reads {session.get_inputs()[0].shape[1]} columns, not {width}; "
                             "compile it again with: python scripts/compile_trees.py")
        return cls(session, categorical, names, objective, sigmoid, large, width)

    def predict(self, rows: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
        """One score per row, as LightGBM computes it."""
        data = _as_rows(rows, len(self.names))
        data[:, self.categorical] = np.trunc(data[:, self.categorical])
        wide = np.empty((len(data), self.width), dtype=np.float64)
        wide[:, : data.shape[1]] = data
        for sets in self.large:
            value = np.nan_to_num(data[:, sets.feature], nan=-1.0)  # NaN, negative or past every set: in none
            none = len(sets.table) - 1
            category = np.where((value >= 0) & (value < none), value, none).astype(np.int64)
            wide[:, sets.first : sets.first + sets.table.shape[1]] = sets.table[category]
        total = self.session.run(None, {"X": wide})[0][:, 0]
        return _transform(total, self.objective, self.sigmoid)


def _large_sets(splits: list[list[Any]], width: int) -> tuple[_LargeSets, ...]:
    """The tables of the splits on a large set, as the compiled file lists them: ``[feature, categories]``
    in column order from column ``width`` on, each feature's together."""
    found: list[_LargeSets] = []
    column = width
    for feature, group in groupby(splits, key=lambda split: int(split[0])):
        sets = [[int(c) for c in categories] for _, categories in group]
        table = np.zeros((max(max(c, default=-1) for c in sets) + 2, len(sets)), dtype=np.float64)
        for k, categories in enumerate(sets):
            table[categories, k] = 1.0
        found.append(_LargeSets(feature, column, table))
        column += len(sets)
    return tuple(found)


COMPILED_FORMAT = "storydiff.trees/2"  # /2: the splits on a large set read columns of their own


def text_digest(text: str) -> str:
    """The SHA-256 of a LightGBM model text, as a compiled file records it."""
    return hashlib.sha256(text.encode()).hexdigest()


def read_header(text: str) -> tuple[tuple[str, ...], str, float]:
    """The feature names, objective and sigmoid of a LightGBM model text; ModelError for one not evaluated here."""
    fields = _fields(text.partition("\nTree=")[0])
    if fields.get("num_class", "1") != "1" or fields.get("num_tree_per_iteration", "1") != "1":
        raise ModelError("only single-output LightGBM models can be evaluated without LightGBM")
    objective, *options = fields.get("objective", "regression").split()
    if objective not in (*_SIGMOID, "regression", "regression_l2"):
        raise ModelError(f"the LightGBM objective {objective!r} is not one storydiff evaluates")
    sigmoid = next((float(o.split(":")[1]) for o in options if o.startswith("sigmoid:")), 1.0)
    return tuple(fields["feature_names"].split()), objective, sigmoid


def _as_rows(rows: Sequence[Sequence[float]] | np.ndarray, width: int) -> np.ndarray:
    """The rows as a new float64 array, values within 1e-35 of zero set to zero (LightGBM drops them)."""
    data = np.array(rows, dtype=np.float64, ndmin=2)
    if data.shape[1] != width:
        raise ModelError(f"the model reads {width} features; a row has {data.shape[1]}")
    data[np.abs(data) <= _ZERO] = 0.0
    return data


def _transform(total: np.ndarray, objective: str, sigmoid: float) -> np.ndarray:
    if objective in _SIGMOID:
        return np.array([1.0 / (1.0 + math.exp(-sigmoid * s)) for s in total])  # libm's exp, as LightGBM
    return total


_SIGMOID = ("binary", "cross_entropy", "xentropy")
_PARTS: dict[str, type] = {
    "split_feature": np.int64, "threshold": np.float64, "decision_type": np.int64, "left_child": np.int64,
    "right_child": np.int64, "leaf_value": np.float64, "cat_boundaries": np.int64, "cat_threshold": np.int64,
}


def _fields(block: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in block.splitlines() if "=" in line)
