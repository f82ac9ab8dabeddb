"""A story's own vocabulary: the rarer words two claims share are the surest sign they state one fact.

Outlets covering one story report its facts in their own words and order, so
the cosine of two sentence embeddings misses most of them: on the hand gold of
12 BASIL dev triplets, three in four sentence pairs that state one fact sit
below cosine 0.60. What such pairs keep is the fact's own specifics: "68",
"Kurdish", "transgender", "Central Command". What makes a word specific is the
story itself: "Mattis" and "resign" are in every third claim of the Mattis
story and prove nothing, "torture" is in two.

So every word (crude stems of content words, names and figures included) is
weighted by its inverse frequency among the story's fact claims, and two
claims' *overlap* is the weighted Jaccard of their words: the weight of what
they share over the weight of all they say. Cross-validated by triplet on the
dev gold (``benchmarks/alignment.py --cv``), cosine + 2 × overlap ranks the
pairs that state one fact far better than either alone (docs/relations.md).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

STOP = frozenset(str.split(
    "the and for that with was were are has have had his her its their they them this from "
    "but not will would could should said says say told tell also been being who which what when "
    "where while than then there about after before into over more most some such one two other "
    "just only very can may might all any our out new him she you your how why did does "
    "according"
))
# Function words (spaCy's English list) and the words every story's claims use for reporting, not for
# facts: never evidence of one fact.
_NOT_EVIDENCE = STOP | frozenset(STOP_WORDS) | frozenset(str.split(
    "mr ms mrs dr monday tuesday wednesday thursday friday saturday sunday year week day month today yesterday "
    "going something thing things rep reps sen gov gen lt col sgt st no"
))
# Fewer fact claims than this and no word is rare by count: in a nine-claim story every word is.
MIN_CLAIMS = 30
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|\d[\d,.]*\d|\d")


def stem(word: str) -> str:
    """A crude stem of a lower-case word: "resigned", "resigns" -> "resign"; short words kept whole."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _key(word: str) -> str | None:
    """A token as the vocabulary counts it ("2,000" -> "2000", "Mattis's" -> "mattis"); None: no evidence."""
    if word[0].isdigit():
        return word.replace(",", "").rstrip(".")
    word = word.lower().removesuffix("'s").rstrip("'")
    if len(word) < 2 or word in _NOT_EVIDENCE:
        return None
    return stem(word)


@lru_cache(maxsize=65536)
def words_of(text: str) -> frozenset[str]:
    """The content words of a text as crude stems, names and figures included."""
    keys = (_key(m.group()) for m in _TOKEN.finditer(text.replace("’", "'")))
    return frozenset(k for k in keys if k)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Each word's weight in one story: log(claims / claims using it); none below MIN_CLAIMS claims."""

    weights: dict[str, float]
    claims: int

    @classmethod
    def of(cls, claims: Iterable[frozenset[str]]) -> Vocabulary:
        """The vocabulary of a story from its fact claims' words (:func:`words_of`)."""
        counts: Counter[str] = Counter()
        total = 0
        for words in claims:
            counts.update(words)
            total += 1
        if total < MIN_CLAIMS:
            return cls({}, total)
        return cls({w: math.log(total / n) for w, n in counts.items()}, total)

    def overlap(self, left: frozenset[str], right: frozenset[str]) -> float:
        """Weighted Jaccard of two claims' words: 1 when they use the same words, 0 with nothing rare in common.

        One shared word is never enough ("listens to us" / "always listened"): 0 unless two are shared.
        """
        weight = self.weights.get
        union = sum(weight(w, 0.0) for w in left | right)
        if union <= 0 or sum(1 for w in left & right if weight(w, 0.0) > 0) < 2:
            return 0.0
        return sum(weight(w, 0.0) for w in left & right) / union

    def rarest(self, left: frozenset[str], right: frozenset[str], count: int = 3) -> tuple[str, ...]:
        """The ``count`` rarest words two claims share (as stems), rarest first: what a reason quotes."""
        shared = sorted(left & right, key=lambda w: (-self.weights.get(w, 0.0), w))
        return tuple(shared[:count])


def as_printed(text: str, stems: Iterable[str]) -> tuple[str, ...]:
    """The words of ``text`` behind these stems, as printed ("tortur" -> "torturing"), for a reason to quote."""
    printed: dict[str, str] = {}
    for match in _TOKEN.finditer(text.replace("’", "'")):
        key = _key(match.group())
        if key:
            printed.setdefault(key, match.group())
    return tuple(printed.get(s, s) for s in stems)
