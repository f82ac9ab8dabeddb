"""How well each same-fact signal ranks claim pairs, on the hand-annotated BASIL dev gold.

Usage::

    python benchmarks/alignment_signals.py        # about a minute: each triplet analysed once

Every pair of fact claims from two different articles of a gold triplet is a
candidate; it is positive when the gold sentences of its two claims share a
fact id (mapped by offsets as ``benchmarks/alignment.py`` maps them). For each
signal, leaving one triplet out, the lowest threshold at which the other
eleven reach pair precision >= 0.90 is applied to the one left out; the
figures pool the held-out pairs: precision of the pairs called same, and the
share of the gold's shared facts that some such pair carries (a pair-level
recall, before agreed points form). Signals:

- ``cosine``: of the claims' sentence embeddings;
- ``overlap``: the weighted Jaccard of their words, weighted by rarity in the
  story (``align.vocabulary``);
- ``cosine + 2 x overlap``: the brief's ranking (``facts.RARE_WEIGHT``);
- ``scarce words``: how many words both use that at most three of the
  story's claims use, one of them not a name (``Vocabulary.scarce``).

It also prints the share of positive pairs below cosine 0.60, and how many
pairs of two articles' first fact claims (their ledes) share a fact.
The last line is ``signals_specifics_recall: R`` (cosine + 2 x overlap).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

PRECISION = 0.90


@dataclass(frozen=True, slots=True)
class Pair:
    triplet: str
    cosine: float
    overlap: float
    scarce: int
    facts: frozenset[str]  # gold facts both claims' sentences carry
    ledes: bool  # both claims are the first fact claim of their article


def triplet_pairs(gold, articles) -> tuple[list[Pair], int]:  # type: ignore[no-untyped-def]
    """The cross-article pairs of one triplet, and its number of shared gold facts."""
    from alignment import Aligner

    from storydiff.align.aligner import build_contexts
    from storydiff.align.vocabulary import Vocabulary
    from storydiff.nlp.analysis import analyze
    from storydiff.nlp.roles import is_fact
    from storydiff.pipeline import brief_from_analysis

    analysis = analyze(articles)
    aligner = Aligner(gold, brief_from_analysis(analysis))
    contexts = [c for c in build_contexts(analysis) if is_fact(c.claim)]
    vectors = {c.id: v for aa in analysis.articles for c, v in zip(aa.claims, aa.vectors, strict=True)}
    vocabulary = Vocabulary.of(c.words for c in contexts)
    ledes = {next(c.claim.id for c in contexts if c.claim.article == a) for a in {c.claim.article for c in contexts}}
    facts = [{f for s in aligner.sentences_of(c.claim) for f in s.facts} for c in contexts]
    out = []
    for i, j in combinations(range(len(contexts)), 2):
        left, right = contexts[i], contexts[j]
        if left.claim.article == right.claim.article:
            continue
        out.append(Pair(
            gold.triplet,
            float(vectors[left.claim.id] @ vectors[right.claim.id]),
            vocabulary.overlap(left.words, right.words),
            vocabulary.scarce(left.words, right.words, left.terms & right.terms),
            frozenset(facts[i] & facts[j]),
            left.claim.id in ledes and right.claim.id in ledes,
        ))
    return out, len(gold.shared_facts())


def held_out(pairs: Sequence[Pair], signal: Callable[[Pair], float]) -> tuple[int, int, int]:
    """(pairs called same, of them positive, facts found), each triplet judged at a threshold fit on the others."""
    called = right = 0
    found: set[tuple[str, str]] = set()
    for triplet in sorted({p.triplet for p in pairs}):
        threshold = _threshold([p for p in pairs if p.triplet != triplet], signal)
        chosen = [p for p in pairs if p.triplet == triplet and signal(p) >= threshold]
        called += len(chosen)
        right += sum(1 for p in chosen if p.facts)
        found |= {(p.triplet, f) for p in chosen for f in p.facts}
    return called, right, len(found)


def _threshold(pairs: Sequence[Pair], signal: Callable[[Pair], float]) -> float:
    """The lowest score at which the pairs scoring at least that reach PRECISION (inf when none does)."""
    ranked = sorted(pairs, key=signal, reverse=True)
    best = float("inf")
    right = 0
    for n, pair in enumerate(ranked, 1):
        right += bool(pair.facts)
        if right / n >= PRECISION and (n == len(ranked) or signal(ranked[n]) < signal(pair)):
            best = signal(pair)
    return best


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _data import basil_stories
    from alignment import gold_files, load_gold

    from storydiff.align.facts import RARE_WEIGHT

    stories = basil_stories()
    pairs: list[Pair] = []
    facts = 0
    for path in gold_files():
        gold = load_gold(path)
        found, shared = triplet_pairs(gold, stories[gold.triplet])
        pairs += found
        facts += shared
    positive = [p for p in pairs if p.facts]
    print(f"{len(pairs)} cross-article pairs of fact claims in {len({p.triplet for p in pairs})} triplets, "
          f"{len(positive)} share a gold fact ({facts} shared facts)")
    below = sum(1 for p in positive if p.cosine < 0.60)
    print(f"positive pairs below cosine 0.60: {below}/{len(positive)} ({below / len(positive):.2f})")
    ledes = [p for p in pairs if p.ledes]
    print(f"lede pairs sharing a gold fact: {sum(1 for p in ledes if p.facts)}/{len(ledes)}")
    signals: list[tuple[str, Callable[[Pair], float]]] = [
        ("cosine", lambda p: p.cosine),
        ("overlap", lambda p: p.overlap),
        ("cosine + 2 x overlap", lambda p: p.cosine + RARE_WEIGHT * p.overlap),
        ("scarce words", lambda p: float(p.scarce)),
    ]
    print(f"leaving one triplet out, threshold at pair precision >= {PRECISION}:")
    recall = {}
    for name, signal in signals:
        called, right, found = held_out(pairs, signal)
        recall[name] = found / facts
        print(f"  {name:22} pairs {right}/{called} (precision {right / max(1, called):.3f}), "
              f"facts {found}/{facts} (recall {recall[name]:.3f})")
    print(f"signals_specifics_recall: {recall['cosine + 2 x overlap']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
