"""Corpus ingest against the brief pipeline, on the same BASIL articles, in one run.

The brief pipeline (``build_brief`` per story: parse, statements, claims,
entities, embeddings, alignment) is the reference. Ingest does the full
per-article analysis too, plus what the store needs: the story summary (one
more embedding of title and lede), the story assignment, a MinHash signature,
and the SQLite writes (articles, analysis, full-text rows, story index state)
into a fresh store in a temporary folder. It does not align (alignment is per
story, at brief time). Models are warmed first; the ratio is ingest articles/s
over brief articles/s (issue 13 asks for at least 0.9).

    python benchmarks/ingest_throughput.py [--stories N] [--batch-size N]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from _data import basil_stories

from storydiff.nlp.embed import embed
from storydiff.nlp.parse import load_spacy
from storydiff.pipeline import build_brief
from storydiff.store import Store, ingest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=30, help="how many BASIL stories (default 30)")
    parser.add_argument("--batch-size", type=int, default=16, help="ingest batch size (default 16)")
    parser.add_argument("--floor", type=float, default=None, help="exit 1 if the ratio is below this")
    args = parser.parse_args()

    stories = list(basil_stories().values())[: args.stories]
    articles = [a for story in stories for a in story]
    load_spacy()
    embed(["warm up the embedding model"])
    build_brief(stories[0])

    with tempfile.TemporaryDirectory() as folder:
        rows = Path(folder) / "articles.jsonl"
        with rows.open("w", encoding="utf-8") as handle:
            for n, a in enumerate(articles):
                handle.write(json.dumps({"id": f"{a.id}-{n}", "text": a.text, "title": a.title,
                                         "date": a.published, "outlet": a.outlet}) + "\n")
        ingest([str(rows)], Path(folder) / "warm.db", batch_size=args.batch_size)  # datasketch, faiss, sqlite

        start = time.perf_counter()
        for story in stories:
            build_brief(story)
        brief_seconds = time.perf_counter() - start

        start = time.perf_counter()
        summary = ingest([str(rows)], Path(folder) / "corpus.db", batch_size=args.batch_size)
        ingest_seconds = time.perf_counter() - start
        with Store(Path(folder) / "corpus.db") as store:
            stored, size = store.count(), (Path(folder) / "corpus.db").stat().st_size

    n = len(articles)
    ratio = (summary.new / ingest_seconds) / (n / brief_seconds)
    print(f"articles: {n} in {len(stories)} stories; ingested {summary.new} ({summary.duplicates} duplicates), "
          f"{stored} stored, {len(summary.stories)} stories, store {size / 1e6:.1f} MB")
    print(f"brief pipeline (per story): {n / brief_seconds:.1f} articles/s ({brief_seconds:.1f} s)")
    print(f"ingest with full analysis: {summary.new / ingest_seconds:.1f} articles/s ({ingest_seconds:.1f} s)")
    print(f"ingest_throughput_ratio: {ratio:.2f}")
    if args.floor is not None and ratio < args.floor:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
