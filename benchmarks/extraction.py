"""Extraction F1 of ``storydiff.ingest.html.extract_html`` on the article-extraction benchmark.

Reads ``html/<id>.html.gz`` and ``ground-truth.json`` from the shared data
folder (``../shared/data/extraction`` beside the repository by default),
extracts every page and scores the text against the true ``articleBody`` with
the benchmark's own definition: ``\\w+`` tokens, 4-token shingles counted as
multisets, per-page true/false positives and false negatives normalised to sum
to 1, precision and recall averaged over pages, F1 of the two averages.

Usage::

    python benchmarks/extraction.py                 # prints precision, recall, F1
    python benchmarks/extraction.py --floor 0.95    # exit 1 if F1 is below 0.95

The last line of output is ``extraction_f1: <F1>`` for CI to read.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "extraction"

_TOKEN = re.compile(r"\w+")
_SHINGLE = 4


@dataclass(frozen=True, slots=True)
class PageScore:
    """One page's shingle counts, normalised so that tp + fp + fn == 1 (or all 0)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        """Share of predicted shingles that are true; ``None`` if nothing was predicted."""
        if self.tp + self.fp == 0:
            return None
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """Share of true shingles that were predicted; ``None`` if there were none."""
        if self.tp + self.fn == 0:
            return None
        return self.tp / (self.tp + self.fn)


@dataclass(frozen=True, slots=True)
class Score:
    """Benchmark figures over a set of pages."""

    precision: float
    recall: float
    f1: float
    pages: int


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    """Multiset of 4-token shingles; a text shorter than 4 tokens is one shingle."""
    tokens = _TOKEN.findall(text or "")
    last_start = max(1, len(tokens) - _SHINGLE + 1)
    return Counter(tuple(tokens[i : i + _SHINGLE]) for i in range(last_start) if tokens[i:])


def score_page(true: str, predicted: str) -> PageScore:
    """Compare one extracted text with its ground truth, as the benchmark does."""
    gold, guess = _shingles(true), _shingles(predicted)
    tp = sum((gold & guess).values())
    fp = sum((guess - gold).values())
    fn = sum((gold - guess).values())
    total = tp + fp + fn
    if total == 0:
        return PageScore(0.0, 0.0, 0.0)
    return PageScore(tp / total, fp / total, fn / total)


def score_f1(pairs: Iterable[tuple[str, str]]) -> Score:
    """Benchmark precision, recall and F1 over ``(true, predicted)`` text pairs.

    Precision is averaged over pages where something was predicted, recall over
    pages with a true text, and F1 is taken of the two averages.
    """
    pages = [score_page(true, predicted) for true, predicted in pairs]
    precisions = [p.precision for p in pages if p.precision is not None]
    recalls = [p.recall for p in pages if p.recall is not None]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, len(pages))


def load_ground_truth(data: Path) -> dict[str, dict[str, str]]:
    """The benchmark's ``ground-truth.json``: page id -> ``articleBody``, ``url``."""
    with (data / "ground-truth.json").open(encoding="utf-8") as handle:
        truth: dict[str, dict[str, str]] = json.load(handle)
    return truth


def read_page(data: Path, page_id: str) -> bytes:
    """Raw bytes of one benchmark page (charset left for the extractor to find)."""
    return gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())


def extract_text(html: bytes, url: str | None) -> str:
    """Text storydiff extracts from a page; empty when it finds no article."""
    from storydiff.errors import InputError
    from storydiff.ingest.html import extract_html

    try:
        return extract_html(html, url=url).text
    except (InputError, ValueError):
        return ""


def run(data: Path, limit: int | None = None) -> Score:
    """Extract and score the benchmark's pages (the first ``limit`` ids in sorted order)."""
    truth = load_ground_truth(data)
    ids = sorted(truth)[:limit]
    pairs = (
        (truth[i].get("articleBody", ""), extract_text(read_page(data, i), truth[i].get("url")))
        for i in ids
    )
    return score_f1(pairs)


def main(argv: list[str] | None = None) -> int:
    """Command line: print the figures; exit 1 below ``--floor``, 2 on bad usage."""
    parser = argparse.ArgumentParser(
        description="Score storydiff's HTML extraction on the article-extraction benchmark.",
        epilog="example: python benchmarks/extraction.py --floor 0.95",
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA,
        help=f"benchmark folder with html/ and ground-truth.json (default: {DEFAULT_DATA})",
    )
    parser.add_argument(
        "--floor", type=float, default=None,
        help="exit with status 1 if F1 is below this value, e.g. --floor 0.95",
    )
    parser.add_argument(
        "--limit", type=int, default=None,
        help="score only the first N pages (ids in sorted order), e.g. --limit 10",
    )
    args = parser.parse_args(argv)
    # trafilatura logs a warning for every odd page; the score is what matters here.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    if not (args.data / "ground-truth.json").is_file():
        parser.error(f"no ground-truth.json in {args.data}; pass --data PATH")

    score = run(args.data, args.limit)
    print(f"pages:     {score.pages}")
    print(f"precision: {score.precision:.4f}")
    print(f"recall:    {score.recall:.4f}")
    print(f"f1:        {score.f1:.4f}")
    print(f"extraction_f1: {score.f1:.3f}")
    if args.floor is not None and score.f1 < args.floor:
        print(f"F1 {score.f1:.3f} is below the floor {args.floor:.3f}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
