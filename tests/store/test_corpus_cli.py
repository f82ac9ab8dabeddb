"""The corpus commands as a user runs them: ingest, stories, search, export, brief --db, and a SIGKILL mid-ingest."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storydiff.cli import main

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
MAP = ["--map", "text=body,title=headline,date=published,outlet=source,id=uuid"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "corpus.db")
    assert main(["ingest", str(CORPUS), str(CORPUS / "news.jsonl"), *MAP, "--db", path]) == 0
    return path


def test_ingest_summary_and_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "c.db")
    assert main(["ingest", str(CORPUS / "news.jsonl"), str(tmp_path / "gone.txt"), *MAP, "--db", path]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'gone.txt'}: no such file" in err
    assert "read 7, new 7, duplicates 0, near-duplicates marked 1, failed 1" in err


def test_stories_jsonl_follows_the_contract(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["stories", "--db", db, "--format", "jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 3
    for line in lines:
        assert list(line) == ["story", "title", "first_seen", "last_seen", "articles", "outlets"]
        assert line["first_seen"] <= line["last_seen"]
    trams = next(line for line in lines if "tram-1" in line["articles"])
    assert trams["articles"] == ["tram-1", "tram-2"] and trams["outlets"] == ["Marren Daily", "Marren Courier"]
    assert main(["stories", "--db", db, "--since", "2025-06-08"]) == 0
    assert capsys.readouterr().out.count("\n") == 1
    assert main(["stories", "--db", db, "--since", "June"]) == 2


def test_search_export_and_stored_brief(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["search", "--db", db, "Reyes", "--format", "jsonl"]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert any(h["kind"] == "statement" and h["speaker"] == "Tomas Reyes" for h in hits)
    assert main(["export", "--db", db, "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("id,story,source,outlet,title,published") and len(rows) > 9
    story = next(json.loads(line)["story"] for line in _stories(db, capsys) if "lib-1" in line)
    target = tmp_path / "brief.html"
    assert main(["brief", "--db", db, "--story", story, "-o", str(target)]) == 0
    assert "Harlow" in target.read_text()
    assert main(["brief", "--db", db, "--story", "s404"]) == 1
    assert "no story 's404'" in capsys.readouterr().err
    assert main(["stories", "--db", str(tmp_path / "none.db")]) == 1
    assert "create it with storydiff ingest" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def _stories(db: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    main(["stories", "--db", db, "--format", "jsonl"])
    return capsys.readouterr().out.splitlines()


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as raw:
            return int(raw.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_sigkill_mid_ingest_then_rerun_loses_and_repeats_nothing(tmp_path: Path) -> None:
    """Kill -9 an ingest between commits; the same command run again ends with every article once."""
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "storydiff.cli", "ingest", str(CORPUS), str(CORPUS / "news.jsonl"), *MAP,
               "--db", str(db), "--batch-size", "1"]
    env = {**os.environ, "STORYDIFF_INGEST_PAUSE": "0.5"}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(db) < 3 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    killed_at = _count(db)
    assert 3 <= killed_at < 9, f"the kill came at {killed_at} articles; the test needs it mid-run"
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"new {9 - killed_at}, duplicates {killed_at}" in done.stderr
    with sqlite3.connect(db) as raw:
        ids = [aid for (aid,) in raw.execute("SELECT id FROM articles")]
        members = [aid for (aid,) in raw.execute("SELECT article FROM story_articles")]
        analysed = raw.execute("SELECT count(*) FROM analyses").fetchone()[0]
        indexed = raw.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        state = json.loads(raw.execute("SELECT state FROM story_index").fetchone()[0])
    assert len(ids) == len(set(ids)) == 9
    assert sorted(members) == sorted(ids) and analysed == indexed == 9
    assert "tram-1" in ids and str(CORPUS / "valley-herald.txt") in ids
    assert state["documents"] == 9  # the index state went in with exactly the articles it has seen


def test_stdin_article_is_named_by_its_content(tmp_path: Path) -> None:
    db = tmp_path / "stdin.db"
    text = "The harbour bridge in Oddvik reopened on Friday after two months of repairs, the council said.\n"
    command = [sys.executable, "-m", "storydiff.cli", "ingest", "-", "--db", str(db)]
    for _ in range(2):
        done = subprocess.run(command, input=text, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    assert "new 0, duplicates 1" in done.stderr
    with sqlite3.connect(db) as raw:
        (aid,) = [row[0] for row in raw.execute("SELECT id FROM articles")]
    assert aid.startswith("stdin:") and len(aid) == len("stdin:") + 12


def test_stored_brief_names_articles_a_b_c_and_json_keeps_the_store_ids(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    herald = str(CORPUS / "valley-herald.txt")  # a file's id in the store is its path
    story = next(json.loads(line)["story"] for line in _stories(db, capsys) if json.dumps(herald)[1:-1] in line)
    target = tmp_path / "brief.html"
    assert main(["brief", "--db", db, "--story", story, "-o", str(target)]) == 0
    html = target.read_text(encoding="utf-8")
    badges = re.findall(r'<p class="art-id" aria-hidden="true">([^<]*)</p>', html)
    assert "Kellbrook" in html and badges == ["A", "B", "C", "D"]
    assert html.count(str(CORPUS)) == html.count(f"<dd>{CORPUS}")  # a path only as where an article came from
    capsys.readouterr()
    assert main(["brief", "--db", db, "--story", story, "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert str(CORPUS) not in markdown and "(A)" in markdown
    assert main(["brief", "--db", db, "--story", story, "--format", "json"]) == 0
    stored = json.loads(capsys.readouterr().out)
    assert herald in [a["id"] for a in stored["articles"]]  # JSON keeps the store's ids (docs/json.md)
    assert all(c["id"].startswith(c["article"]) for c in stored["claims"])


def test_the_example_briefs_read_as_an_editor_expects(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """What reading the README's corpus example found: one heading per person, no attribution or
    newsroom note as a point, a quotation shown with its marks even where the wire copy drops them."""
    stories = {json.loads(line)["title"]: json.loads(line)["story"] for line in _stories(db, capsys)}
    library = next(s for title, s in stories.items() if "library" in title)
    dam = next(s for title, s in stories.items() if "Dam" in title)
    capsys.readouterr()
    assert main(["brief", "--db", db, "--story", library, "--full"]) == 0
    text = capsys.readouterr().out
    who = text.split("Who said what", 1)[1].split("Timeline", 1)[0]
    assert re.findall(r"^  (\S.*)$", who, re.MULTILINE).count("Nadia Okafor") == 1
    assert "\n  Okafor\n" not in who
    only = text.split("Only in", 1)[1].split("Who said what", 1)[0]
    assert "librarian Owen Pike said on Friday." not in only  # the attribution stays with its sentence
    assert main(["brief", "--db", db, "--story", dam, "--full"]) == 0
    text = capsys.readouterr().out
    assert "will follow the story" not in text.split("Who said what", 1)[0]
    agreed = " ".join(text.split("Agreed", 1)[1].split("Disputed", 1)[0].split())
    assert '"There is no immediate danger of collapse, but we will not take chances with people\'s homes," ' \
           "Reyes said." in agreed
