"""Ingest on Dask workers stores exactly what the local path stores, even when a worker dies mid-run."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pytest

from storydiff.cli import main
from storydiff.models import Article
from storydiff.runners import BatchResult

pytest.importorskip("distributed")

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
MAP = ["--map", "text=body,title=headline,date=published,outlet=source,id=uuid"]
BATCH = ["--batch-size", "2"]  # many small batches, so several are in flight on different workers

# Our own prose: two events, two outlets each, so stories form across batches.
OWN = {
    "ferry-gazette.txt": """Harbour Ferry Runs Aground Off Malden Point

Published March 3, 2025

MALDEN — A passenger ferry ran aground off Malden Point on Monday evening with 212 people aboard.

Captain Ines Varga said the vessel struck a sandbar in thick fog. "Nobody was hurt," she told reporters.

The harbour authority said tugs would try to free the ferry at high tide on Tuesday morning.
""",
    "ferry-courier.txt": """Fog Blamed as Malden Ferry Strands 212 Passengers

Published March 4, 2025

MALDEN — Tugs freed the grounded Malden ferry at high tide on Tuesday, a day after it struck a sandbar in fog.

Harbour master Colm Dwyer said the channel markers had been checked last month. "The buoys were in place," he said.

Passenger groups said they had waited four hours for news on Monday night.
""",
    "orchard-gazette.txt": """Late Frost Ruins Half of Brenna Valley Apple Blossom

Published April 20, 2025

BRENNA — A late frost destroyed about half of the apple blossom in the Brenna Valley at the weekend, growers said.

Grower Paolo Menz said his orchard lost most of its early varieties. "We lit fires all night," he said.

The regional farm office said it would count the damage next week.
""",
    "orchard-courier.txt": """Brenna Growers Count Frost Losses

Published April 21, 2025

BRENNA — Apple growers in the Brenna Valley began counting their losses after a weekend frost killed the blossom.

Farm officer Greta Holm said insurers had been told to expect claims from about forty orchards.

Grower Paolo Menz said he feared a thin harvest in the autumn.
""",
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("own")
    for name, text in OWN.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(CORPUS), str(CORPUS / "news.jsonl"), str(folder)]


@pytest.fixture(scope="module")
def local_db(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("local") / "c.db")
    assert main(["ingest", *inputs, *MAP, *BATCH, "--db", path]) == 0
    return path


def _stories(db: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["stories", "--db", db, "--format", "jsonl"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def _stored(db: str) -> list[tuple[object, ...]]:
    """Every article in ingest order with its story, near-duplicate mark and analysis (vectors rounded)."""
    import numpy as np

    with sqlite3.connect(db) as con:
        rows = con.execute(
            "SELECT a.seq, a.id, a.duplicate_of, s.story, n.statements, n.claims, n.mentions, n.outlet, n.vectors "
            "FROM articles a JOIN story_articles s ON s.article = a.id JOIN analyses n ON n.article = a.id "
            "ORDER BY a.seq").fetchall()
    return [(*row[:-1], np.frombuffer(row[-1], dtype=np.float32).round(4).tobytes()) for row in rows]


def test_two_workers_store_what_the_local_path_stores(
    inputs: list[str], local_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "dask.db")
    assert main(["ingest", *inputs, *MAP, *BATCH, "--workers", "2", "--db", path]) == 0
    expected = _stored(local_db)
    assert len(expected) == 13
    assert _stored(path) == expected
    stories = _stories(path, capsys)
    assert stories == _stories(local_db, capsys)
    assert sum(1 for s in stories if len(s["articles"]) >= 2) >= 3  # type: ignore[arg-type]


class _KillOneWorker:
    """Wraps a DaskRunner: once the first result is back, the worker with most batches in flight is SIGKILLed."""

    def __init__(self, runner: object) -> None:
        self.runner = runner
        self.killed: list[int] = []

    def map(self, batches: Iterable[Sequence[Article]]) -> Iterator[BatchResult]:
        client = self.runner.client  # type: ignore[attr-defined]
        for n, result in enumerate(self.runner.map(batches)):  # type: ignore[attr-defined]
            if n == 0:
                processing = client.processing()
                victim = max(sorted(processing), key=lambda w: len(processing[w]))
                assert processing[victim], "no batch in flight to lose"
                self.killed.append(client.run(os.getpid, workers=[victim])[victim])
                os.kill(self.killed[0], signal.SIGKILL)
            yield result


def test_a_worker_killed_mid_run_leaves_the_store_complete(
    inputs: list[str], local_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from storydiff.ingest import ReadOptions
    from storydiff.nlp import embed
    from storydiff.runners.dask import DaskRunner
    from storydiff.store import ingest, parse_mapping

    path = str(tmp_path / "killed.db")
    with DaskRunner(workers=2) as runner:
        # Each worker's embedder runs on one thread: two workers must not each start a thread per core.
        threads = runner.client.run(lambda: embed._session().get_session_options().intra_op_num_threads)
        assert sorted(threads.values()) == [1, 1]
        killer = _KillOneWorker(runner)
        summary = ingest(inputs, path, mapping=parse_mapping(MAP[1:]), options=ReadOptions(), batch_size=2,
                         runner=killer)  # type: ignore[arg-type]
    assert len(killer.killed) == 1
    with pytest.raises(ProcessLookupError):
        os.kill(killer.killed[0], 0)
    assert summary.new == 13 and not summary.failures
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT count(*), count(DISTINCT content_hash) FROM articles").fetchone() == (13, 13)
        assert con.execute("SELECT count(*) FROM analyses").fetchone() == (13,)
    assert _stored(path) == _stored(local_db)
    assert _stories(path, capsys) == _stories(local_db, capsys)


def test_the_default_ingest_never_imports_dask(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text(OWN["ferry-gazette.txt"], encoding="utf-8")
    script = ("import sys; from storydiff.cli import main; "
              f"code = main(['ingest', {str(tmp_path / 'a.txt')!r}, '--db', {str(tmp_path / 'c.db')!r}]); "
              "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "[]"]


def test_ctrl_c_with_workers_stops_cleanly_and_a_rerun_completes(
    inputs: list[str], local_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import subprocess
    import sys
    import time

    path = str(tmp_path / "stopped.db")
    command = [sys.executable, "-m", "storydiff.cli", "ingest", *inputs, *MAP, *BATCH, "--workers", "2", "--db", path]
    env = {**os.environ, "STORYDIFF_INGEST_PAUSE": "1"}  # a second after each committed batch
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if Path(path).exists():
                with sqlite3.connect(path) as con:
                    if con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'articles'").fetchone()[0] and \
                            con.execute("SELECT count(*) FROM articles").fetchone()[0]:
                        break
            time.sleep(0.2)
        assert process.poll() is None, process.communicate()
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, err
    with sqlite3.connect(path) as con:
        stored, analysed = con.execute("SELECT count(*), (SELECT count(*) FROM analyses) FROM articles").fetchone()
    assert 0 < stored < 13 and stored == analysed and stored % 2 == 0  # whole batches of 2 only
    assert main(["ingest", *inputs, *MAP, *BATCH, "--db", path]) == 0
    assert _stored(path) == _stored(local_db)
