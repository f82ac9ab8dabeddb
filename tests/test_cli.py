"""The command line: outputs, exit codes, and one line per unreadable input."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

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


def test_an_overlong_input_name_is_one_short_error_line(tmp_path, capsys):
    overlong = str(tmp_path / ("n" * 5000 + ".txt"))
    assert main(["read", overlong, str(EXAMPLES / "ferry" / "wire.txt")]) == 1
    captured = capsys.readouterr()
    (error,) = captured.err.splitlines()
    assert error.endswith("file name too long") and len(error) < 500
    assert f"({len(overlong):,} characters)" in error
    assert len(captured.out.splitlines()) == 2  # both inputs still listed as JSON lines


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


def _one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("storydiff: error: -o ")
    return lines[0]


@pytest.fixture
def no_analysis(monkeypatch):
    """Fail the test if the command reads or analyzes anything."""
    import storydiff.pipeline

    def started(*args, **kwargs):
        raise AssertionError("the work started before the -o path was checked")

    monkeypatch.setattr(storydiff.pipeline, "read", started)
    monkeypatch.setattr(storydiff.pipeline, "build_brief", started)


@pytest.mark.parametrize("where", ["missing folder", "a folder", "name too long", "proc"])
def test_unwritable_output_is_refused_before_the_work_starts(tmp_path, capsys, no_analysis, where):
    target = {
        "missing folder": tmp_path / "no" / "such" / "brief.html",
        "a folder": tmp_path,
        "name too long": tmp_path / ("x" * 5000 + ".html"),
        "proc": Path("/proc/storydiff-brief.html"),  # a file system where no file can be created
    }[where]
    if where == "proc" and not Path("/proc/self").exists():
        pytest.skip("no /proc on this system")
    assert main(["brief", str(EXAMPLES / "museum"), "-o", str(target)]) == 1
    line = _one_error_line(capsys.readouterr().err)
    assert str(target) in line
    assert main(["stance", "--stances", "s.csv", "--bodies", "b.csv", "-o", str(target)]) == 1
    _one_error_line(capsys.readouterr().err)


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, capsys, monkeypatch):
    """A disk that fills up half way through the write (simulated: the write raises ENOSPC)."""
    import errno

    target = tmp_path / "brief.json"
    target.write_text('{"old": true}\n')

    def half_then_full(self, data):
        with open(self, "wb") as handle:
            handle.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_bytes", half_then_full)
    assert main(["brief", str(EXAMPLES / "museum"), "-o", str(target)]) == 1
    assert "No space left on device" in _one_error_line(capsys.readouterr().err)
    assert target.read_text() == '{"old": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["brief.json"]


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 64 KiB tmpfs, when this system lets the tests mount one (root in a container usually can)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_keeps_the_old_file(tiny_disk, capsys):
    target = tiny_disk / "brief.html"
    target.write_text("<p>old brief</p>\n")
    (tiny_disk / "filler").write_bytes(b"\0" * 40_000)  # leaves less room than an HTML brief needs
    assert main(["brief", str(EXAMPLES / "museum"), "-o", str(target)]) == 1
    assert "No space left on device" in _one_error_line(capsys.readouterr().err)
    assert target.read_text() == "<p>old brief</p>\n"
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["brief.html", "filler"]


def test_output_replaces_the_old_file_and_keeps_its_permissions(tmp_path, capsys):
    target = tmp_path / "brief.md"
    target.write_text("old\n")
    target.chmod(0o640)
    assert main(["brief", str(EXAMPLES / "bridge"), "-o", str(target)]) == 0
    assert target.read_text().startswith("# Brief: 2 articles")
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def test_ctrl_c_during_a_brief_says_so_in_one_line_and_exits_130():
    """The brief waits on stdin (the last input), so the interrupt lands in the middle of the work."""
    process = subprocess.Popen(
        [sys.executable, "-m", "storydiff.cli", "brief", str(EXAMPLES / "ferry"), "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        time.sleep(3)
        assert process.poll() is None, process.communicate()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130
    assert err.strip() == "storydiff: interrupted"
    assert out == ""


def test_help_and_package_examples_point_to_folders_that_exist(capsys):
    import re

    import storydiff

    with pytest.raises(SystemExit):
        main(["brief", "--help"])
    shown = capsys.readouterr().out + (storydiff.__doc__ or "")
    for command in ("read", "quotes"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        shown += capsys.readouterr().out
    paths = set(re.findall(r"examples/[\w./*]+", shown))
    assert len(paths) >= 4
    root = EXAMPLES.parent
    for path in paths:
        assert list(root.glob(path.rstrip("/"))), f"{path} does not exist"


def test_stance_output_file_is_replaced_whole(tmp_path, capsys):
    stances = tmp_path / "stances.csv"
    stances.write_text("Headline,Body ID\nThe north pier will close in May,1\nA new ferry route opens,1\n")
    bodies = tmp_path / "bodies.csv"
    body = "The north pier will close in May for repairs, the harbour master said."
    bodies.write_text(f'Body ID,articleBody\n1,"{body}"\n')
    target = tmp_path / "predicted.csv"
    target.write_text("old rows\n")
    assert main(["stance", "--stances", str(stances), "--bodies", str(bodies), "-o", str(target)]) == 0
    lines = target.read_text().splitlines()
    assert lines[0] == "Headline,Body ID,Stance" and len(lines) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bodies.csv", "predicted.csv", "stances.csv"]


def test_brief_is_short_by_default_and_full_prints_everything(capsys):
    """The ferry story (three articles) fits in about 80 lines; --full lists every point of every section."""
    assert main(["brief", str(EXAMPLES / "ferry"), "--color", "never"]) == 0
    short = capsys.readouterr().out
    assert main(["brief", str(EXAMPLES / "ferry"), "--color", "never", "--full"]) == 0
    full = capsys.readouterr().out
    assert len(short.splitlines()) <= 80 < len(full.splitlines())
    assert "(use --full)" in short and "(use --full)" not in full
    assert "Ferry Strike Called Off After Late-Night Deal [A" not in full  # the headline is no point
    assert main(["brief", str(EXAMPLES / "ferry"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {c["id"] for c in data["claims"]} >= set(re.findall(r"\[([A-C]\d+)\]", full))
    assert any(c["role"] == "headline" for c in data["claims"])  # JSON keeps every claim, with its role
