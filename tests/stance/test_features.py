"""Stance features: the named table, the names stored in the shipped model, rows read by name."""

from __future__ import annotations

import gzip
import json
from importlib import resources

import numpy as np
import pytest

from storydiff.nlp.embed import DIMENSIONS
from storydiff.stance.features import (
    FEATURE_NAMES,
    FEATURE_VERSION,
    FEATURES,
    _table,
    body_sentences,
    pair_features,
    view_body,
    view_claim,
)
from storydiff.stance.model import MODEL_FILE
from storydiff.stance.text import Idf

CLAIM = "Is the river bridge closed? Officials deny the hoax"
BODY = """The river bridge closed on Monday for repairs, the transport office confirmed.
Engineers found cracks in two of its pillars. Buses will use the ferry road until June."""


def _payload() -> dict:
    return json.loads(gzip.decompress(resources.files("storydiff.data").joinpath(MODEL_FILE).read_bytes()))


def test_table_names_are_the_names_stored_in_the_shipped_model() -> None:
    payload = _payload()
    assert tuple(payload["feature_names"]) == FEATURE_NAMES == tuple(FEATURES)
    assert payload["feature_version"] == FEATURE_VERSION
    # LightGBM keeps its own copy of the column names inside the model text.
    booster_line = next(x for x in payload["lightgbm"].splitlines() if x.startswith("feature_names="))
    assert tuple(booster_line.removeprefix("feature_names=").split()) == FEATURE_NAMES


def test_a_name_defined_twice_is_an_error() -> None:
    with pytest.raises(ValueError, match="'emb_max' is defined twice"):
        _table({"emb_max": lambda p: 0.0}, {"emb_max": lambda p: 1.0})


def _row(claim: str, body: str) -> tuple[dict[str, float], int | None]:
    idf = Idf.fit([claim, body], min_df=1)
    axes = np.eye(DIMENSIONS, dtype=np.float32)
    # The claim points along axis 0, and so does the body's second sentence: it is the best match.
    vectors = dict(zip(body_sentences(body), axes[[5, 0, 6]], strict=False))
    row, best = pair_features(view_claim(claim, axes[0], idf), view_body(body, vectors, idf))
    assert row.shape == (len(FEATURE_NAMES),) and row.dtype == np.float32
    return dict(zip(FEATURE_NAMES, row.tolist(), strict=True)), best


def test_features_are_read_by_name_from_the_row() -> None:
    row, best = _row(CLAIM, BODY)
    assert best == 1
    assert row["claim_has_hoax"] == 1.0 and row["claim_has_fake"] == 0.0
    assert row["claim_has_deny"] == 1.0
    assert row["claim_question"] == 1.0
    assert row["n_sentences"] == 3.0
    assert row["emb_max"] == pytest.approx(1.0) and row["emb_first"] == pytest.approx(0.0)
    assert row["emb_best_pos"] == pytest.approx(1 / 3)
    assert row["sentences_above_0.7"] == 1.0
    assert row["claim_refuting"] == 2.0  # "deny", "hoax"
    assert row["word3_hits"] == 2.0  # "the river bridge", "river bridge closed"
    assert row["body_confirming_rate"] > 0.0 and row["best_confirming"] == 0.0  # "confirmed" is in sentence 0


def test_empty_body_gives_a_full_row_without_a_best_sentence() -> None:
    row, best = _row(CLAIM, "")
    assert best is None
    assert row["n_sentences"] == 0.0 and row["emb_best_pos"] == 1.0 and row["best_tfidf"] == 0.0
