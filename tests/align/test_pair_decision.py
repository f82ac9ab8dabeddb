"""The learned same-fact decision: its features and the checks on its file (it is off in the brief)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from storydiff.align import aligner
from storydiff.align.pair_decision import FEATURES, FORMAT, decision_from_payload, features, ranks
from storydiff.errors import ModelError
from storydiff.models import Article
from storydiff.nlp.analysis import analyze

MILL = Article(
    id="M", source="mill.txt", outlet="Valley Courier",
    text="The paper mill in Ashford will close in March, the owners said on Monday. "
         "About 240 workers will lose their jobs. The mill opened in 1952.",
)
PRESS = Article(
    id="P", source="press.txt", outlet="Ashford Post",
    text="Owners of the Ashford paper mill said Monday that it would shut down in March. "
         "Some 240 employees are affected. The town council meets on Thursday.",
)


@pytest.fixture(scope="module")
def undecided() -> list:
    analysis = analyze([MILL, PRESS])
    rows = [(n, c) for n, c in enumerate(c for aa in analysis.articles for c in aa.claims) if aligner.is_fact(c)]
    vectors = np.vstack([aa.vectors for aa in analysis.articles])[[n for n, _ in rows]]
    every = aligner.build_contexts(analysis)
    _, pairs = aligner.proposals(analysis, rows, vectors, [every[n] for n, _ in rows])
    return pairs


def test_every_pair_gets_one_value_per_feature(undecided: list) -> None:
    assert undecided, "the two mill reports leave pairs for the same-fact decision"
    lengths = {"M": len(MILL.text), "P": len(PRESS.text)}
    for proposal, rank in zip(undecided, ranks(undecided), strict=True):
        row = features(proposal, None, rank, lengths)
        assert len(row) == len(FEATURES)
        assert math.isnan(row[FEATURES.index("pair_model")]) and row[FEATURES.index("asked")] == 0.0
        assert 0.0 <= row[FEATURES.index("position_left")] < 1.0
        asked = features(proposal, 0.8, rank, lengths)
        assert asked[FEATURES.index("pair_model")] == pytest.approx(0.8) and asked[FEATURES.index("asked")] == 1.0


def test_ranks_put_each_claims_nearest_partner_first(undecided: list) -> None:
    ranked = ranks(undecided)
    best = max(range(len(undecided)), key=lambda n: undecided[n].evidence.similarity)
    assert ranked[best] == (0, 0)


def test_a_file_for_other_features_is_refused() -> None:
    payload = {"format": FORMAT, "feature_names": list(FEATURES[:-1]), "threshold": 0.5, "lightgbm": ""}
    with pytest.raises(ModelError, match=r"train_pair_decision\.py"):
        decision_from_payload(payload)
    with pytest.raises(ModelError, match="format"):
        decision_from_payload({**payload, "format": "something/0"})


def test_a_decision_walks_lightgbm_trees_as_lightgbm_does() -> None:
    lgb = pytest.importorskip("lightgbm")
    rng = np.random.default_rng(3)
    x = rng.normal(size=(300, len(FEATURES)))
    y = (x[:, 0] + 0.5 * x[:, 6] > 0).astype(float)
    booster = lgb.train({"objective": "binary", "verbose": -1, "num_threads": 1, "seed": 1}, lgb.Dataset(x, y), 20)
    payload = {
        "format": FORMAT, "feature_names": list(FEATURES), "threshold": 0.6, "lightgbm": booster.model_to_string(),
    }
    decision = decision_from_payload(payload)
    assert decision.threshold == 0.6
    assert np.allclose(decision.scores(x[:50]), booster.predict(x[:50]))


def test_the_brief_keeps_the_hand_set_thresholds() -> None:
    assert aligner.USE_DECISION is False
