"""How relation finding scales with the size of a story.

Builds "stories" of 2, 10, 50 and 200 BASIL articles (NYT, Fox News and
HuffPost coverage of 56 events; 200 is more than the 168 articles there are,
so the last 32 are reprints of earlier ones under new ids, which is also what
wire copy looks like), then times the two stages separately:

- analyze: parse, statements, claims, entities, embeddings (linear in text);
- align: candidate pairs (exact block product below ``INDEX_FROM`` claims,
  faiss HNSW above), relation rules, the claim-pair model on the pairs the
  rules leave open (at most ``facts.BUDGET`` per story), independence, agreed points.

Prints one row per size and ends with the line ``align_seconds_200: X``.

    python benchmarks/relations_scaling.py [--data ../shared/data/basil] [--sizes 2,10,50,200]
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import time
from collections import Counter
from pathlib import Path

from storydiff.align import align
from storydiff.align.match import INDEX_FROM
from storydiff.models import Article
from storydiff.nlp.analysis import analyze

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "basil"
OUTLETS = {"nyt": "New York Times", "fox": "Fox News", "hpo": "HuffPost"}


def read_basil(folder: Path) -> list[Article]:
    """Every BASIL article as an Article, grouped by event (``triplet-uuid``) in a stable order."""
    rows = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = data["body-paragraphs"]
        if isinstance(paragraphs, str):
            paragraphs = ast.literal_eval(paragraphs)
        text = "\n\n".join(" ".join(p) for p in paragraphs)
        rows.append((data["triplet-uuid"], path.name, data, text))
    rows.sort(key=lambda r: (r[0], r[1]))
    return [
        Article(
            id=f"a{n}", source=str(folder / name), text=text,
            outlet=OUTLETS.get(data["source"], data["source"]), title=data.get("title"),
            published=data.get("date") or None,
        )
        for n, (_, name, data, text) in enumerate(rows)
    ]


def story(articles: list[Article], size: int) -> list[Article]:
    """The first ``size`` articles, reprinting from the start under new ids when there are too few."""
    out = []
    for n in range(size):
        base = articles[n % len(articles)]
        out.append(base if n < len(articles) else Article(
            id=f"r{n}", source=base.source, text=base.text, outlet="Reprint", title=base.title,
            published=base.published,
        ))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the BASIL articles folder")
    parser.add_argument("--sizes", default="2,10,50,200", help="story sizes, e.g. 2,10,50,200")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"BASIL data not found at {args.data}; pass --data", file=sys.stderr)
        return 1
    articles = read_basil(args.data)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{len(articles)} BASIL articles; exact pairs below {INDEX_FROM} claims, HNSW index above")
    print(f"{'articles':>8} {'claims':>7} {'analyze_s':>10} {'align_s':>8} {'ms/claim':>9} "
          f"{'relations':>9}  by type")
    last = 0.0
    for size in sizes:
        chosen = story(articles, size)
        start = time.perf_counter()
        analysis = analyze(chosen)
        analyzed = time.perf_counter() - start
        start = time.perf_counter()
        alignment = align(analysis)
        aligned = time.perf_counter() - start
        claims = sum(len(a.claims) for a in analysis.articles)
        types = Counter(r.type for r in alignment.relations)
        print(f"{size:>8} {claims:>7} {analyzed:>10.1f} {aligned:>8.2f} {1000 * aligned / max(1, claims):>9.3f} "
              f"{len(alignment.relations):>9}  {dict(sorted(types.items()))}", flush=True)
        last = aligned
    print(f"align_seconds_{sizes[-1]}: {last:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
