"""Compile the statement model's LightGBM trees to one ONNX TreeEnsemble node.

storydiff scores statement candidates with ONNX Runtime's C++ tree ensemble
(``storydiff.nlp.trees.CompiledTrees``) instead of walking the trees in numpy:
the same scores in less time. This script writes that file,
``src/storydiff/data/statement-trees.onnx``, from the LightGBM text inside
``statement-model.json.gz``; ``scripts/train_statements.py`` runs it after
training, and a test checks that the shipped file is what it builds.

Each LightGBM split becomes one node: a numerical split ``x <= threshold``
(``BRANCH_LEQ``; the model's splits have no missing-value type, so a NaN is
read as 0 and goes where 0 goes), a categorical split whose set lies below
category 32 ``BRANCH_MEMBER`` of that set (unpacked from LightGBM's 32-bit
words). ONNX Runtime tests a larger set (the cue lemma's codes go up to 734)
member by member, which cost most of the walk; such a split instead reads
a column of its own after the features, which ``CompiledTrees`` fills with
whether the row's category is in the set (one table lookup per feature), and
is a ``BRANCH_LEQ`` at 0.5 whose true branch is LightGBM's right. Those
columns come grouped by feature, each feature's in node order, and their
sets are written into the file's metadata (``large_sets``). A tree of
one leaf is a node whose two branches reach that leaf. Leaf values are
float64, and no transform is applied inside the graph: ``CompiledTrees``
applies LightGBM's with libm's ``exp``. Needs the ``onnx`` package (the ``test`` and ``train``
extras have it); storydiff itself only needs onnxruntime.

    python scripts/compile_trees.py [--model PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storydiff.nlp.trees import _CATEGORICAL, _PARTS, COMPILED_FORMAT, _fields, read_header, text_digest  # noqa: E402

DATA = ROOT / "src" / "storydiff" / "data"
DEFAULT_MODEL = DATA / "statement-model.json.gz"
DEFAULT_OUT = DATA / "statement-trees.onnx"
_LEQ, _MEMBER = 0, 6  # ONNX TreeEnsemble's nodes_modes
Branch = tuple[int, int]  # where a split's branch goes: (node or leaf index, 1 when a leaf)


def compile_onnx(text: str) -> bytes:
    """The ONNX model of LightGBM's model ``text``: input X (rows, features and then one column per split on a
    large set) float64, output Y (rows, 1) raw sums."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    names, _, _ = read_header(text)
    body = text.partition("\nTree=")[2].split("\nend of trees", 1)[0]
    node: dict[str, list] = {k: [] for k in ("mode", "split", "feature", "true", "true_leaf", "false", "false_leaf",
                                             "nan_true")}
    roots: list[int] = []
    members: list[float] = []
    large: list[tuple[int, int, list[int]]] = []  # the splits on a large set: (feature, node, its categories)
    leaf_values: list[float] = []
    categorical: set[int] = set()
    numerical: set[int] = set()

    def add(mode: int, split: float, feature: int, nan_true: int, true: Branch, false: Branch) -> None:
        values = (mode, split, feature, true[0], true[1], false[0], false[1], nan_true)
        for key, value in zip(node, values, strict=True):
            node[key].append(value)

    for block in ("Tree=" + body).split("\nTree="):
        tree = {name: np.array(_fields(block).get(name, "").split(), dtype=dtype) for name, dtype in _PARTS.items()}
        first, leaves = len(node["mode"]), len(leaf_values)
        roots.append(first)
        if not len(tree["split_feature"]):  # one leaf: both branches reach it
            add(_LEQ, 0.0, 0, 0, (leaves, 1), (leaves, 1))
        bounds = tree["cat_boundaries"]
        for i, feature in enumerate(tree["split_feature"].tolist()):
            decision, threshold = int(tree["decision_type"][i]), float(tree["threshold"][i])
            children = []
            for side in ("left_child", "right_child"):
                child = int(tree[side][i])
                children.append((child + first, 0) if child >= 0 else (~child + leaves, 1))
            if decision & _CATEGORICAL:
                categorical.add(feature)
                words = tree["cat_threshold"][bounds[int(threshold)] : bounds[int(threshold) + 1]].tolist()
                if len(words) > 1:  # a large set: a column of its own says whether the row's category is in it
                    large.append((feature, len(node["mode"]), _categories(words)))
                    add(_LEQ, 0.5, -1, 0, children[1], children[0])  # 0 (not in the set) goes right
                    continue
                members.extend(float(c) for c in _categories(words))
                members.append(float("nan"))  # ends this node's set
                add(_MEMBER, 0.0, feature, 0, *children)  # a NaN is in no set: right, as in LightGBM
            else:
                if (decision >> 2) & 3:
                    raise SystemExit("a split with a missing-value type (zero or NaN); compile_trees.py reads none")
                numerical.add(feature)
                add(_LEQ, threshold, feature, int(threshold >= 0.0), *children)  # NaN is read as 0
        leaf_values.extend(tree["leaf_value"].tolist())
    if categorical & numerical:
        raise SystemExit(f"features split both ways: {sorted(categorical & numerical)}")
    large.sort(key=lambda split: split[0])  # by feature, each feature's in node order
    for column, (_, at, _) in enumerate(large):
        node["feature"][at] = len(names) + column
    ensemble = helper.make_node(
        "TreeEnsemble", ["X"], ["Y"], domain="ai.onnx.ml",
        aggregate_function=1, post_transform=0, n_targets=1, tree_roots=roots,
        nodes_modes=numpy_helper.from_array(np.array(node["mode"], dtype=np.uint8)),
        nodes_splits=numpy_helper.from_array(np.array(node["split"], dtype=np.float64)),
        nodes_featureids=node["feature"], nodes_missing_value_tracks_true=node["nan_true"],
        nodes_truenodeids=node["true"], nodes_trueleafs=node["true_leaf"],
        nodes_falsenodeids=node["false"], nodes_falseleafs=node["false_leaf"],
        membership_values=numpy_helper.from_array(np.array(members, dtype=np.float64)),
        leaf_targetids=[0] * len(leaf_values), leaf_weights=numpy_helper.from_array(np.array(leaf_values)),
    )
    graph = helper.make_graph(
        [ensemble], "trees",
        [helper.make_tensor_value_info("X", TensorProto.DOUBLE, [None, len(names) + len(large)])],
        [helper.make_tensor_value_info("Y", TensorProto.DOUBLE, [None, 1])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("ai.onnx.ml", 5),
                                                    helper.make_opsetid("", 21)])
    model.ir_version = 10
    helper.set_model_props(model, {"format": COMPILED_FORMAT, "lightgbm_sha256": text_digest(text),
                                   "categorical": ",".join(str(c) for c in sorted(categorical)),
                                   "large_sets": json.dumps([[feature, cats] for feature, _, cats in large])})
    onnx.checker.check_model(model)
    return model.SerializeToString()


def _categories(words: list[int]) -> list[int]:
    """The categories of a set packed in LightGBM's 32-bit words."""
    return [32 * w + bit for w, word in enumerate(words) for bit in range(32) if (word >> bit) & 1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL, help="a statement-model.json.gz")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    text = json.loads(gzip.decompress(args.model.read_bytes()))["lightgbm"]
    args.out.write_bytes(compile_onnx(text))
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
