"""Reading files, directories and stdin: every bad input is named with its reason."""

from __future__ import annotations

import io
import sys

from storydiff.ingest import ReadOptions, article_id, read

GOOD = "Harbour Talks Resume\n\nLISBON (Reuters) - Port workers returned to talks on Monday, the union said.\n"


def test_each_bad_input_is_reported_and_the_rest_are_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 talks".encode("latin-1"))
    inputs = [str(tmp_path / n) for n in ("missing.txt", "empty.txt", "binary.txt", "latin1.txt", "good.txt")]
    results = read(inputs)
    reasons = {r.source.rsplit("/", 1)[1]: r.error for r in results}
    assert reasons["missing.txt"] == "no such file"
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert reasons["good.txt"] is None
    article = results[-1].article
    assert article.id == "A" and article.outlet == "Reuters" and article.title == "Harbour Talks Resume"


def test_huge_input_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 3000)
    (result,) = read([str(big)], ReadOptions(max_bytes=1000))
    assert "too large" in result.error


def test_directory_is_expanded_in_name_order_and_overrides_apply(tmp_path):
    (tmp_path / "b.txt").write_text(GOOD)
    (tmp_path / "a.txt").write_text(GOOD.replace("Reuters", "AP"))
    (tmp_path / "notes.json").write_text("{}")
    b = str(tmp_path / "b.txt")
    results = read([str(tmp_path)], ReadOptions(outlets={b: "The Courier"}, dates={b: "2023-05-03"}))
    assert [r.source.rsplit("/", 1)[1] for r in results] == ["a.txt", "b.txt"]
    assert results[0].article.outlet == "Associated Press"
    assert results[1].article.outlet == "The Courier"
    assert results[1].article.published == "2023-05-03"


def test_empty_directory_is_an_error(tmp_path):
    (result,) = read([str(tmp_path)])
    assert "no article files" in result.error


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode())))
    (result,) = read(["-"])
    assert result.article.source == "-"
    assert result.article.text == GOOD


def test_article_ids_run_past_z():
    assert [article_id(n) for n in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]
