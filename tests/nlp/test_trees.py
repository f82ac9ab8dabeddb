"""LightGBM's trees evaluated with numpy, and compiled for ONNX Runtime, give LightGBM's own scores, bit for bit."""

from __future__ import annotations

import gzip
import importlib.util
import json
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from spacy.language import Language

from storydiff.errors import ModelError
from storydiff.nlp.statements import candidates, load_model
from storydiff.nlp.statements.choice import MODEL_FILE, TREES_FILE
from storydiff.nlp.statements.features import features
from storydiff.nlp.statements.quotes import QuoteIndex, find_quotes
from storydiff.nlp.trees import CompiledTrees, TreeEnsemble

lightgbm = pytest.importorskip("lightgbm")  # only the comparison needs it; storydiff itself no longer does

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def model_text() -> str:
    raw = resources.files("storydiff.data").joinpath(MODEL_FILE).read_bytes()
    return json.loads(gzip.decompress(raw))["lightgbm"]


@pytest.fixture(scope="module")
def compiled() -> bytes:
    return resources.files("storydiff.data").joinpath(TREES_FILE).read_bytes()


@pytest.fixture(scope="module")
def rows(nlp: Language) -> np.ndarray:
    """The feature rows of every statement candidate in the example stories."""
    vocab = load_model().vocab
    found = []
    for path in sorted(EXAMPLES.glob("*/*.txt")):
        text = path.read_text()
        doc = nlp(text)
        found.append(features(doc, QuoteIndex(text, find_quotes(text)), candidates(doc), vocab))
    return np.vstack(found)


def test_statement_model_scores_are_lightgbms_exactly(model_text: str, rows: np.ndarray) -> None:
    ours = TreeEnsemble.from_text(model_text)
    theirs = lightgbm.Booster(model_str=model_text)
    assert len(rows) > 100
    assert np.array_equal(ours.predict(rows), theirs.predict(rows))
    assert ours.feature_name() == theirs.feature_name()
    assert ours.num_feature() == theirs.num_feature()


def test_the_compiled_statement_model_scores_are_lightgbms_exactly(
    model_text: str, compiled: bytes, rows: np.ndarray
) -> None:
    ours = CompiledTrees.load(compiled, model_text)
    assert np.array_equal(ours.predict(rows), lightgbm.Booster(model_str=model_text).predict(rows))
    assert ours.feature_name() == TreeEnsemble.from_text(model_text).feature_name()
    assert len(ours.categorical) > 10
    assert isinstance(load_model().booster, CompiledTrees)  # what the brief uses


def _odd_rows(rows: np.ndarray) -> np.ndarray:
    """Real rows with NaN, negative and fractional categories, tiny values, values far outside training and
    categories past every set."""
    rng = np.random.default_rng(7)
    data = rows[rng.integers(0, len(rows), 4000)].astype(np.float64)
    draw = rng.random(data.shape)
    data[draw < 0.05] = np.nan
    data[(draw >= 0.05) & (draw < 0.08)] *= -1
    data[(draw >= 0.08) & (draw < 0.10)] = 0.0
    data[(draw >= 0.10) & (draw < 0.11)] = 1e-36
    data[(draw >= 0.11) & (draw < 0.14)] += rng.normal(0, 50, size=((draw >= 0.11) & (draw < 0.14)).sum())
    data[(draw >= 0.14) & (draw < 0.17)] += rng.uniform(-0.9, 0.9, size=((draw >= 0.14) & (draw < 0.17)).sum())
    past = (draw >= 0.17) & (draw < 0.19)  # categories past every set (the cue lemma's codes end at 734)
    data[past] = rng.choice([733.0, 734.0, 735.0, 736.0, 737.0, 5000.0, 1e9], size=past.sum())
    return data


def test_missing_negative_zero_and_unseen_values_take_lightgbms_branches(
    model_text: str, compiled: bytes, rows: np.ndarray
) -> None:
    data = _odd_rows(rows)
    theirs = lightgbm.Booster(model_str=model_text).predict(data)
    assert np.array_equal(TreeEnsemble.from_text(model_text).predict(data), theirs)
    assert np.array_equal(CompiledTrees.load(compiled, model_text).predict(data), theirs)


def test_compiled_trees_of_another_model_are_refused(model_text: str, compiled: bytes) -> None:
    retrained = model_text.replace("leaf_value=", "leaf_value=0.5 ", 1)  # any other text
    with pytest.raises(ModelError, match=r"not compiled from this LightGBM model.*compile_trees"):
        CompiledTrees.load(compiled, retrained)
    with pytest.raises(ModelError, match="cannot be loaded"):
        CompiledTrees.load(b"not an onnx file", model_text)


@pytest.mark.skipif(importlib.util.find_spec("onnx") is None, reason="editing needs the onnx package (test extra)")
def test_a_compiled_file_with_unreadable_large_sets_is_refused(model_text: str, compiled: bytes) -> None:
    import onnx

    for listed, message in (("not json", "unreadably"), ("[]", "columns, not")):
        model = onnx.load_from_string(compiled)
        entry = next(p for p in model.metadata_props if p.key == "large_sets")
        entry.value = listed
        with pytest.raises(ModelError, match=message):
            CompiledTrees.load(model.SerializeToString(), model_text)


@pytest.mark.skipif(importlib.util.find_spec("onnx") is None, reason="compiling needs the onnx package (test extra)")
def test_the_shipped_compiled_file_is_what_the_compiler_builds(model_text: str, compiled: bytes) -> None:
    spec = importlib.util.spec_from_file_location("compile_trees", ROOT / "scripts" / "compile_trees.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.compile_onnx(model_text) == compiled


def test_a_row_of_the_wrong_width_and_a_multiclass_model_are_refused(model_text: str) -> None:
    with pytest.raises(ModelError, match="features"):
        TreeEnsemble.from_text(model_text).predict([[0.0, 1.0]])
    with pytest.raises(ModelError, match="single-output"):
        TreeEnsemble.from_text(model_text.replace("num_class=1", "num_class=4", 1))
