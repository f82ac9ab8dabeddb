"""Whole-pipeline throughput on BASIL, against the floor of parse + embeddings alone.

The floor is what no brief can beat: spaCy parsing every article and embedding
every sentence. The pipeline adds statements, claims, entity linking and
cross-article alignment on top. Both run in the same process on the same
articles (models warmed first), so the ratio is robust to a noisy machine.
Also prints what statement extraction adds to the parse time.

    python benchmarks/throughput.py [--stories N]
"""

from __future__ import annotations

import argparse
import time

from _data import basil_stories

from storydiff.ingest.clean import blank_excluded
from storydiff.nlp.statements import iter_statements
from storydiff.nlp.embed import embed
from storydiff.nlp.parse import load_spacy, parse
from storydiff.pipeline import build_brief


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=30, help="how many BASIL stories (default 30)")
    parser.add_argument("--floor", type=float, default=None, help="exit 1 if the ratio is below this")
    args = parser.parse_args()

    stories = list(basil_stories().values())[: args.stories]
    articles = [a for story in stories for a in story]
    texts = [blank_excluded(a.text, a.excluded) for a in articles]
    load_spacy()
    embed(["warm up the embedding model"])
    build_brief(stories[0])

    start = time.perf_counter()
    docs = list(parse(texts))
    parse_seconds = time.perf_counter() - start
    start = time.perf_counter()
    embed([s.text for doc in docs for s in doc.sents])
    floor_seconds = parse_seconds + time.perf_counter() - start

    start = time.perf_counter()
    for article, doc in zip(articles, docs, strict=True):
        list(iter_statements(doc, article.id, article.published, article.excluded))
    statement_seconds = time.perf_counter() - start

    start = time.perf_counter()
    for story in stories:
        build_brief(story)
    pipeline_seconds = time.perf_counter() - start

    n = len(articles)
    ratio = floor_seconds / pipeline_seconds
    print(f"articles: {n} in {len(stories)} stories")
    print(f"floor (parse + embed sentences): {n / floor_seconds:.1f} articles/s ({floor_seconds:.1f} s)")
    print(f"whole pipeline (brief per story): {n / pipeline_seconds:.1f} articles/s ({pipeline_seconds:.1f} s)")
    print(f"statement extraction: {statement_seconds:.2f} s = {100 * statement_seconds / parse_seconds:.1f}% "
          f"of parse time ({parse_seconds:.1f} s)")
    print(f"throughput_ratio: {ratio:.2f}")
    if args.floor is not None and ratio < args.floor:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
