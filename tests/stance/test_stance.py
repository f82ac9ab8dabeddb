"""Stance model: hand-written pairs, the FNC-1 metric, and a hold-out check on FNC-1."""

from __future__ import annotations

from pathlib import Path

import pytest

from storydiff.eval.fnc import score_fnc, split_by_body
from storydiff.stance import STANCES, StanceResult, predict_stance

FNC_DATA = Path(__file__).parents[2].parent / "shared" / "data" / "fnc1"

CLAIM = "Lakeside city council votes to ban cars from the old town centre"

AGREEING = """The city council of Lakeside voted on Tuesday evening to ban private cars from the old
town centre, a decision that will take effect in the spring.

Councillors approved the measure by 31 votes to 12 after a long debate. The mayor said the ban on
cars would make the narrow streets of the old town safer for people on foot and on bicycles.

Delivery vans will still be allowed in the early morning, and residents will get permits for
their own cars. Shop owners had campaigned against the plan, saying fewer drivers would mean
fewer customers in the centre."""

DENYING = """Reports that Lakeside city council has voted to ban cars from the old town centre are
false, the council said on Wednesday.

A spokeswoman for the council denied that any vote had taken place. "There has been no vote and
there is no ban on cars in the old town," she said. "This story is a hoax that spread on social
media." She said the council had not even discussed the idea this year, and that the picture
shared online was fake."""

UNRELATED = """A rare orchid that botanists believed had died out has been found growing in a
mountain forest, researchers announced.

The small white flower was last recorded almost a century ago. The team spotted three plants
during a survey of mossy slopes and took samples of their leaves for testing. The scientists plan
to return in the autumn to look for seeds."""


@pytest.fixture(scope="module")
def results() -> list[StanceResult]:
    return predict_stance([(CLAIM, AGREEING), (CLAIM, DENYING), (CLAIM, UNRELATED)])


def test_results_carry_probabilities_and_evidence(results: list[StanceResult]) -> None:
    for result in results:
        assert result.stance in STANCES
        assert set(result.scores) == set(STANCES)
        assert sum(result.scores.values()) == pytest.approx(1.0, abs=1e-6)
        assert result.stance == max(result.scores, key=result.scores.__getitem__)
    assert results[0].evidence is not None and "council" in results[0].evidence.lower()


def test_unrelated_body_is_unrelated(results: list[StanceResult]) -> None:
    assert results[2].stance == "unrelated"


def test_agreeing_body_is_related_and_not_a_denial(results: list[StanceResult]) -> None:
    agreeing = results[0]
    assert agreeing.stance in ("agree", "discuss")
    assert agreeing.scores["agree"] + agreeing.scores["discuss"] > agreeing.scores["disagree"]


def test_denying_body_leans_to_disagree(results: list[StanceResult]) -> None:
    denying, agreeing = results[1], results[0]
    assert denying.stance != "unrelated"
    assert denying.scores["disagree"] > agreeing.scores["disagree"]


def test_empty_input_and_empty_body() -> None:
    assert predict_stance([]) == []
    (result,) = predict_stance([(CLAIM, "")])
    assert result.stance == "unrelated"
    assert result.evidence is None


def test_fnc_score_on_a_hand_example() -> None:
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated"]
    pred = ["agree", "discuss", "unrelated", "unrelated", "agree"]
    # agree right: 1.0; disagree->discuss: 0.25; discuss->unrelated: 0;
    # unrelated right: 0.25; unrelated->agree: 0. Best: 1 + 1 + 1 + 0.25 + 0.25.
    score = score_fnc(gold, pred)
    assert score.raw == pytest.approx(1.5)
    assert score.best == pytest.approx(3.5)
    assert score.score == pytest.approx(100 * 1.5 / 3.5)
    assert score.confusion[3] == (1, 0, 0, 1)
    assert score.f1["agree"] == pytest.approx(2 / 3)
    assert score.f1["disagree"] == 0.0
    assert score.f1["unrelated"] == pytest.approx(0.5)  # 1 right of 2 predicted, 2 gold
    assert score.macro_f1 == pytest.approx((2 / 3 + 0 + 0 + 0.5) / 4)
    assert score_fnc(gold, gold).score == pytest.approx(100.0)


def test_fnc_score_rejects_unknown_labels() -> None:
    with pytest.raises(ValueError, match="unknown stance"):
        score_fnc(["agree"], ["maybe"])


def test_split_by_body_is_deterministic_and_disjoint() -> None:
    ids = [str(i) for i in range(200)]
    train, hold = split_by_body(ids)
    assert (train, hold) == split_by_body(reversed(ids))
    assert len(hold) == 20 and not train & hold and train | hold == set(ids)


@pytest.mark.skipif(not FNC_DATA.is_dir(), reason=f"FNC-1 data not found at {FNC_DATA}")
def test_hold_out_score_on_fnc1() -> None:
    from storydiff.eval.fnc import read_fnc

    rows, bodies = read_fnc(FNC_DATA / "train_stances.csv", FNC_DATA / "train_bodies.csv")
    _, hold_ids = split_by_body(bodies)
    hold_bodies = sorted(hold_ids, key=lambda b: (len(b), b))[:25]
    sample = [r for r in rows if r["Body ID"] in set(hold_bodies)][:500]
    assert len(sample) >= 400
    results = predict_stance([(r["Headline"], bodies[r["Body ID"]]) for r in sample])
    score = score_fnc([r["Stance"] for r in sample], [r.stance for r in results])
    assert score.score > 75, score


def test_missing_model_names_the_file_and_the_rebuild_script(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storydiff.errors import ModelError
    from storydiff.stance import model

    monkeypatch.setattr(model, "MODEL_FILE", "no-such-stance-model.json.gz")
    with pytest.raises(ModelError, match=r"no-such-stance-model\.json\.gz.*train_stance\.py"):
        model._model.__wrapped__()


def test_fnc_batch_reads_csvs_and_scores_labelled_rows(tmp_path: Path) -> None:
    import csv

    from storydiff.eval.fnc import run_fnc_batch, write_fnc

    bodies = tmp_path / "bodies.csv"
    stances = tmp_path / "stances.csv"
    with bodies.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [["Body ID", "articleBody"], ["7", AGREEING], ["9", UNRELATED]]
        )
    with stances.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [["Headline", "Body ID", "Stance"], [CLAIM, "7", "agree"], [CLAIM, "9", "unrelated"]]
        )
    rows, score = run_fnc_batch(stances, bodies)
    assert [r["Body ID"] for r in rows] == ["7", "9"]
    assert rows[1]["Stance"] == "unrelated"
    assert score is not None and score.n == 2
    out = tmp_path / "out.csv"
    write_fnc(rows, out)
    with out.open(encoding="utf-8", newline="") as handle:
        written = list(csv.DictReader(handle))
    assert [r["Stance"] for r in written] == [r["Stance"] for r in rows]
