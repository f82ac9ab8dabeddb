"""Whole-pipeline throughput on BASIL, against the floor of parse + embeddings alone.

The floor is what no brief can beat: spaCy parsing every article and embedding
every sentence. The pipeline adds statements, claims, entity linking and
cross-article alignment on top. Both run in the same process on the same
articles (models warmed first), so the ratio is robust to a noisy machine.
Also prints what statement extraction adds to the parse time: the process's
CPU time, with the heap alive before each parse frozen out of the garbage
collector (as ``statements.py`` times it on PolNeAR, so that other jobs and
the size of the heap around the work do not tilt the ratio), summed over
``--rounds`` rounds of parsing and extracting (one round timed in wall time
varied by several points between runs of the same code). ``--stages`` also times the stages of
extraction one by one on the same parses (the quotation and name index, the
rules', the templates' and the variants' candidates, the model's features and
its tree walk) and counts the candidates scored.

    python benchmarks/throughput.py [--stories N] [--rounds N] [--stages]
"""

from __future__ import annotations

import argparse
import gc
import time
from collections import Counter

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
    parser.add_argument("--stages", action="store_true", help="also time the stages of statement extraction")
    parser.add_argument("--rounds", type=int, default=3,
                        help="parse and extract the articles this many times for the extraction share (default 3)")
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
    statement_cpu, parse_cpu = extraction_share(articles, texts, args.rounds)

    start = time.perf_counter()
    for story in stories:
        build_brief(story)
    pipeline_seconds = time.perf_counter() - start

    n = len(articles)
    ratio = floor_seconds / pipeline_seconds
    print(f"articles: {n} in {len(stories)} stories")
    print(f"floor (parse + embed sentences): {n / floor_seconds:.1f} articles/s ({floor_seconds:.1f} s)")
    print(f"whole pipeline (brief per story): {n / pipeline_seconds:.1f} articles/s ({pipeline_seconds:.1f} s)")
    print(f"statement extraction: {statement_cpu:.2f} CPU-s = {100 * statement_cpu / parse_cpu:.1f}% "
          f"of parse time ({parse_cpu:.1f} CPU-s; {args.rounds} rounds of parsing and extracting)")
    if args.stages:
        extraction_stages(docs, [a.excluded for a in articles])
    print(f"throughput_ratio: {ratio:.2f}")
    if args.floor is not None and ratio < args.floor:
        raise SystemExit(1)


def extraction_share(articles: list, texts: list[str], rounds: int) -> tuple[float, float]:
    """CPU seconds of statement extraction and of the parse it reads, summed over ``rounds``
    rounds, each on fresh parses (a parse's tokens are built as Python objects on first use,
    which extraction pays for), with the heap alive before each round frozen out of the
    garbage collector's passes."""
    extract_cpu = parse_cpu = 0.0
    for _ in range(rounds):
        gc.collect()
        gc.freeze()
        try:
            start = time.process_time()
            docs = list(parse(texts))
            parse_cpu += time.process_time() - start
            start = time.process_time()
            for article, doc in zip(articles, docs, strict=True):
                list(iter_statements(doc, article.id, article.published, article.excluded))
            extract_cpu += time.process_time() - start
        finally:
            gc.unfreeze()
        del docs
    return extract_cpu, parse_cpu


def extraction_stages(docs: list, excluded: list) -> None:
    """Each stage of statement extraction timed on its own over the same parses, and the candidates scored."""
    from storydiff.nlp.statements import candidates
    from storydiff.nlp.statements.choice import load_model
    from storydiff.nlp.statements.features import features
    from storydiff.nlp.statements.positions import Paragraphs, doc_text
    from storydiff.nlp.statements.quotes import QuoteIndex, find_quotes
    from storydiff.nlp.statements.rules import rule_candidates
    from storydiff.nlp.statements.speakers import NameIndex
    from storydiff.nlp.statements.templates import template_candidates
    from storydiff.nlp.statements.variants import variant_candidates

    model = load_model()
    seconds: Counter[str] = Counter()
    found = noun_templates = low = 0
    for doc, skip in zip(docs, excluded, strict=True):
        text = doc_text(doc)
        t0 = time.perf_counter()
        quotes = QuoteIndex(text, find_quotes(text))
        names = NameIndex(doc, quotes)
        t1 = time.perf_counter()
        rules = rule_candidates(doc, quotes, names)
        t2 = time.perf_counter()
        template_candidates(doc, quotes, names, model.vocab, Paragraphs(text))
        t3 = time.perf_counter()
        variant_candidates(doc, rules)
        t4 = time.perf_counter()
        items = candidates(doc, skip, model.vocab)
        t5 = time.perf_counter()
        rows = features(doc, quotes, items, model.vocab, model.feature_names)
        t6 = time.perf_counter()
        scores = model.booster.predict(rows) if len(items) else []
        t7 = time.perf_counter()
        for stage, took in zip(("quotes and name index", "rules", "templates", "variants", "features", "tree walk"),
                               (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t6 - t5, t7 - t6), strict=True):
            seconds[stage] += took
        found += len(items)
        nouns = [s for item, s in zip(items, scores, strict=True) if item.kind in ("t:prep", "t:dobj")]
        noun_templates += len(nouns)
        low += sum(s < 0.2 for s in nouns)
    for stage, took in seconds.items():
        print(f"  stage {stage:22s} {took:.2f} s")
    print(f"  candidates scored: {found}; templates of a noun or a preposition: {noun_templates}, "
          f"{low} of them under 0.2")


if __name__ == "__main__":
    main()
