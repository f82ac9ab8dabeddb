"""The command line: outputs, exit codes, and one line per unreadable input."""

from __future__ import annotations

import json

from pathlib import Path

from storydiff.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_brief_prints_text_and_exit_code_is_zero(capsys):
    assert main(["brief", str(EXAMPLES / "museum")]) == 0
    out = capsys.readouterr().out
    assert "storydiff brief — 2 articles" in out
    assert "Who said what" in out


def test_bad_inputs_are_named_and_the_rest_still_make_a_brief(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    code = main(["brief", str(EXAMPLES / "bridge"), str(tmp_path / "gone.txt"), str(empty), str(binary),
                 "--format", "json"])
    captured = capsys.readouterr()
    assert code == 1
    errors = [line for line in captured.err.splitlines() if line.startswith("storydiff: error:")]
    assert len(errors) == 3
    assert any("gone.txt: no such file" in e for e in errors)
    assert any("empty.txt: empty file" in e for e in errors)
    assert any("photo.txt: binary file" in e for e in errors)
    data = json.loads(captured.out)
    assert len(data["articles"]) == 2
    assert len(data["errors"]) == 3


def test_output_file_format_follows_extension(tmp_path, capsys):
    target = tmp_path / "brief.md"
    assert main(["brief", str(EXAMPLES / "museum"), "-o", str(target)]) == 0
    assert target.read_text().startswith("# Brief: 2 articles")


def test_read_jsonl_has_the_articles_shape_plus_error(tmp_path, capsys):
    code = main(["read", str(EXAMPLES / "ferry" / "wire.txt"), str(tmp_path / "nope.txt")])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 1
    assert lines[0]["outlet"] == "Baltic Wire" and lines[0]["error"] is None
    assert lines[0]["dateline"] == "TROMSVIK/BERGEN"
    assert lines[1]["error"] == "no such file" and lines[1]["text"] is None


def test_quotes_jsonl_offsets_point_into_the_file(capsys):
    path = EXAMPLES / "museum" / "herald.txt"
    assert main(["quotes", str(path), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    text = path.read_text()
    assert rows and all(r["source"] == str(path) for r in rows)
    for row in rows:
        assert text[row["content"]["start"] : row["content"]["end"]] == row["content"]["text"]
    assert any(r["speaker"]["name"] == "Clara Moss" for r in rows)


def test_usage_errors_exit_2(capsys):
    import pytest

    with pytest.raises(SystemExit) as stop:
        main(["brief"])
    assert stop.value.code == 2
    with pytest.raises(SystemExit) as stop:
        main(["brief", "x.txt", "--date", "x.txt=next week"])
    assert stop.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
