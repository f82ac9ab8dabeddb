"""The claim-pair model and ``storydiff relate``: our own sentences, the shipped int8 ONNX model.

The model loads once per session (``shipped()`` is cached). The pairs are
written for these tests; none comes from MRPC.
"""

from __future__ import annotations

import io
import json

import pytest

import storydiff
from storydiff.align.pair_model import FORMAT, INPUT_NAMES, OUTPUT_NAME, PairModel, shipped
from storydiff.align.pairs import relate, relate_many
from storydiff.cli import main
from storydiff.errors import ModelError

LIBRARY = "The city council voted on Tuesday to close the old library on Mill Street."
LIBRARY_AGAIN = "On Tuesday, councillors decided to shut down the old Mill Street library."
FERRY = "The ferry to the island will resume its winter timetable next week."
INJURED_12 = "Twelve people were injured in the fire at the fish market, the fire brigade said."
INJURED_15 = "Fifteen people were injured in the fire at the fish market, according to the fire brigade."


def test_a_paraphrase_is_the_same_fact():
    result = relate(LIBRARY, LIBRARY_AGAIN)
    assert result.type == "corroborates"
    assert result.same_fact >= shipped().threshold
    assert 0.5 <= result.confidence <= 1
    assert "same fact" in result.reason and "Tuesday" in result.reason


def test_a_different_fact_is_not_corroborated():
    result = relate(LIBRARY, FERRY)
    assert result.type == "unrelated"
    assert result.same_fact < shipped().threshold
    assert result.confidence > 0.5


def test_a_number_conflict_is_typed_conflicts_and_names_the_numbers():
    result = relate(INJURED_12, INJURED_15)
    assert result.type == "conflicts", result
    assert "Twelve" in result.reason and "Fifteen" in result.reason


def test_with_dates_the_later_figure_updates_the_earlier():
    result = relate(INJURED_15, INJURED_12, date_a="2024-03-07", date_b="2024-03-05")
    assert result.type == "updates", result
    assert result.reason.index("Twelve") < result.reason.index("Fifteen")  # earlier side first


def test_scores_do_not_depend_on_the_order_or_the_batch():
    model = shipped()
    alone = model.probabilities([(LIBRARY, LIBRARY_AGAIN)])
    batch = model.probabilities([(FERRY, INJURED_12), (LIBRARY_AGAIN, LIBRARY), (LIBRARY, LIBRARY_AGAIN)])
    # Dynamic int8 quantisation scales activations per batch, so a batch moves scores by a few thousandths.
    assert batch[1] == pytest.approx(alone[0], abs=0.01)
    assert batch[2] == pytest.approx(alone[0], abs=0.01)
    assert model.probabilities([]).shape == (0,)
    assert relate_many([]) == []


def test_the_python_api_exposes_relate():
    assert storydiff.relate is relate
    assert storydiff.relate(LIBRARY, LIBRARY_AGAIN).to_dict().keys() == {"type", "confidence", "reason"}


def test_the_shipped_model_has_the_inputs_and_metadata_the_loader_expects():
    model = shipped()
    session = model._session
    assert tuple(i.name for i in session.get_inputs()) == INPUT_NAMES
    assert tuple(o.name for o in session.get_outputs()) == (OUTPUT_NAME,)
    assert model.metadata["format"] == FORMAT
    assert model.metadata["inputs"] == ",".join(INPUT_NAMES)
    assert 0.1 <= model.threshold <= 0.9 and model.max_tokens == 128
    assert len(model.metadata["dev_fingerprint"]) == 16


def test_a_missing_or_broken_model_file_says_how_to_fix_it(tmp_path):
    with pytest.raises(ModelError, match=r"missing.*train_pairs\.py"):
        PairModel(tmp_path / "pair-model.onnx")
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"this is not an ONNX graph")
    with pytest.raises(ModelError, match=r"cannot be loaded.*reinstall"):
        PairModel(broken)


def _tsv(*rows: str) -> str:
    return "\n".join(rows) + "\n"


def test_relate_cli_reports_a_bad_row_by_line_and_still_relates_the_others(tmp_path, capsys):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(_tsv(
        "id\ta\tb\tdate_a\tdate_b",
        f"library\t{LIBRARY}\t{LIBRARY_AGAIN}\t\t",
        "short\tonly two fields",
        f"fire\t{INJURED_12}\t{INJURED_15}\t2024-03-05\tMarch 7",
        f"ferry\t{LIBRARY}\t{FERRY}\t\t",
    ), encoding="utf-8")
    assert main(["relate", str(pairs)]) == 1
    captured = capsys.readouterr()
    assert f"{pairs}:3:" in captured.err and f"{pairs}:4:" in captured.err and "YYYY-MM-DD" in captured.err
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert [line["id"] for line in lines] == ["library", "ferry"]
    assert all(line.keys() == {"id", "type", "confidence", "reason"} for line in lines)
    assert [line["type"] for line in lines] == ["corroborates", "unrelated"]


def test_relate_cli_reads_stdin_and_writes_tsv(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(_tsv("id\ta\tb", f"fire\t{INJURED_12}\t{INJURED_15}")))
    assert main(["relate", "-", "--format", "tsv"]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header == "id\ttype\tconfidence\treason"
    assert row.split("\t")[:2] == ["fire", "conflicts"]


def test_relate_cli_usage_errors_exit_2(tmp_path, capsys):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(_tsv("first\tsecond", "a sentence\tanother"), encoding="utf-8")
    assert main(["relate", str(pairs)]) == 2
    assert "header naming id, a and b" in capsys.readouterr().err
    assert main(["relate", str(tmp_path / "absent.tsv")]) == 1
    assert "absent.tsv" in capsys.readouterr().err
