"""LightGBM's trees evaluated with numpy give LightGBM's own scores, bit for bit."""

from __future__ import annotations

import gzip
import json
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from spacy.language import Language

from storydiff.errors import ModelError
from storydiff.nlp.statements import candidates, load_model
from storydiff.nlp.statements.choice import MODEL_FILE
from storydiff.nlp.statements.features import features
from storydiff.nlp.statements.quotes import QuoteIndex, find_quotes
from storydiff.nlp.trees import TreeEnsemble

lightgbm = pytest.importorskip("lightgbm")  # only the comparison needs it; storydiff itself no longer does

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def model_text() -> str:
    raw = resources.files("storydiff.data").joinpath(MODEL_FILE).read_bytes()
    return json.loads(gzip.decompress(raw))["lightgbm"]


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


def test_missing_negative_zero_and_unseen_values_take_lightgbms_branches(model_text: str, rows: np.ndarray) -> None:
    """NaN, negative categories, tiny values and values far outside training, on real rows."""
    rng = np.random.default_rng(7)
    data = rows[rng.integers(0, len(rows), 4000)].copy()
    draw = rng.random(data.shape)
    data[draw < 0.05] = np.nan
    data[(draw >= 0.05) & (draw < 0.08)] *= -1
    data[(draw >= 0.08) & (draw < 0.10)] = 0.0
    data[(draw >= 0.10) & (draw < 0.11)] = 1e-36
    data[(draw >= 0.11) & (draw < 0.14)] += rng.normal(0, 50, size=((draw >= 0.11) & (draw < 0.14)).sum())
    ours = TreeEnsemble.from_text(model_text).predict(data)
    assert np.array_equal(ours, lightgbm.Booster(model_str=model_text).predict(data))


def test_a_row_of_the_wrong_width_and_a_multiclass_model_are_refused(model_text: str) -> None:
    with pytest.raises(ModelError, match="features"):
        TreeEnsemble.from_text(model_text).predict([[0.0, 1.0]])
    with pytest.raises(ModelError, match="single-output"):
        TreeEnsemble.from_text(model_text.replace("num_class=1", "num_class=4", 1))
