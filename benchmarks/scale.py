"""Ingest on Dask workers: 1 worker against 2, the same stories, the speed-up and each worker's peak memory.

Usage::

    python benchmarks/scale.py                 # BASIL (168) + ECB+ documents up to 500 articles
    python benchmarks/scale.py --articles 800 --workers 1 2

The articles (BASIL dev and the first ECB+ documents, read in place from
../shared/data) are written as one JSONL dataset in a temporary folder and
ingested into a fresh store once per worker count, each on its own
``LocalCluster`` (one thread per worker process). Reported per run: seconds
of ingest (cluster start-up not included, given apart), articles/s, the
store process's own time per article (story assignment, near-duplicate
check and writes: the part that stays sequential), the workers' CPU
seconds per article (the cost per article per core, whatever the load),
and each worker's peak resident memory. The stories of every run must be identical (asserted). The
last line is ``dask_speedup_2_vs_1: X`` (ingest time with 1 worker over
time with 2). On a shared 2-core machine the store process competes with
the workers for the cores, so the figure is a floor, not a promise.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storydiff.eval.story_corpora import read_basil, read_ecbplus  # noqa: E402
from storydiff.models import Article  # noqa: E402
from storydiff.runners import BatchResult  # noqa: E402
from storydiff.runners.dask import DaskRunner  # noqa: E402
from storydiff.store import ingest  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"


class _Timed:
    """Wraps a runner: the time the store process spends between results is its sequential share."""

    def __init__(self, runner: Any) -> None:
        self.runner = runner
        self.store_seconds = 0.0

    def map(self, batches: Iterable[Sequence[Article]]) -> Iterator[BatchResult]:
        for result in self.runner.map(batches):
            handed = time.perf_counter()
            yield result
            self.store_seconds += time.perf_counter() - handed


def _usage() -> tuple[float, float]:
    """This process's peak resident memory (MiB) and CPU seconds so far (user + system)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # ru_maxrss is KiB on Linux


def run(rows: Path, folder: Path, workers: int, batch_size: int) -> dict[str, Any]:
    """Ingest ``rows`` into a fresh store on ``workers`` Dask workers; times, memory and the stories."""
    db = folder / f"store-{workers}.db"
    started = time.perf_counter()
    with DaskRunner(workers=workers) as runner:
        startup = time.perf_counter() - started
        timed = _Timed(runner)
        cpu_before = sum(cpu for _, cpu in runner.client.run(_usage).values())  # model loading, not counted
        began = time.perf_counter()
        summary = ingest([str(rows)], db, batch_size=batch_size, runner=timed)  # type: ignore[arg-type]
        seconds = time.perf_counter() - began
        usage = runner.client.run(_usage)
    with sqlite3.connect(db) as con:
        stories = dict(con.execute("SELECT article, story FROM story_articles"))
    return {"workers": workers, "startup": startup, "seconds": seconds, "new": summary.new,
            "store_seconds": timed.store_seconds, "peaks": sorted(peak for peak, _ in usage.values()),
            "worker_cpu": sum(cpu for _, cpu in usage.values()) - cpu_before, "stories": stories}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=SHARED, help="the shared data folder")
    parser.add_argument("--articles", type=int, default=500, help="how many articles (BASIL first, then ECB+)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to compare")
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()

    docs = list(read_basil(args.data_dir / "basil"))
    docs += list(read_ecbplus(args.data_dir / "ecbplus" / "docs.jsonl"))[: max(0, args.articles - len(docs))]
    results = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        rows = folder / "corpus.jsonl"
        with rows.open("w", encoding="utf-8") as handle:
            for d in docs:
                handle.write(json.dumps({"id": d.id, "title": d.title, "text": d.text, "date": d.published}) + "\n")
        for workers in args.workers:
            r = run(rows, folder, workers, args.batch_size)
            results.append(r)
            print(f"{workers} worker(s): {r['new']} articles in {r['seconds']:.1f} s "
                  f"({r['new'] / r['seconds']:.2f} articles/s; cluster start {r['startup']:.1f} s); "
                  f"worker CPU {r['worker_cpu'] / max(1, r['new']):.3f} s/article; "
                  f"store process {1000 * r['store_seconds'] / max(1, r['new']):.1f} ms/article; "
                  f"peak RSS per worker {', '.join(f'{p:.0f}' for p in r['peaks'])} MiB", flush=True)
    for r in results[1:]:
        assert r["stories"] == results[0]["stories"], f"{r['workers']} workers gave other stories than 1"
    print(f"stories identical across {', '.join(str(r['workers']) for r in results)} workers: "
          f"{len(set(results[0]['stories'].values()))} stories over {results[0]['new']} articles")
    by = {r["workers"]: r["seconds"] for r in results}
    if 1 in by and 2 in by:
        print(f"dask_speedup_2_vs_1: {by[1] / by[2]:.2f}")


if __name__ == "__main__":
    main()
