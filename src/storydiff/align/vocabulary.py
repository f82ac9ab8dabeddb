"""A story's own vocabulary: the rarer words two claims share are the surest sign they state one fact.

Outlets covering one story report its facts in their own words and order, so
the cosine of two sentence embeddings misses most of them: on the hand gold of
12 BASIL dev triplets, 71% of the claim pairs that state one fact sit below
cosine 0.60 (``benchmarks/alignment_signals.py``). What such pairs keep is the fact's own specifics: "68",
"Kurdish", "transgender", "Central Command". What makes a word specific is the
story itself: "Mattis" and "resign" are in every third claim of the Mattis
story and prove nothing, "torture" is in two.

So every word (crude stems of content words, names and figures included) is
weighted by its inverse frequency among the story's fact claims, and two
claims' *overlap* is the weighted Jaccard of their words: the weight of what
they share over the weight of all they say. On the dev gold, cosine + 2 ×
overlap ranks the pairs that state one fact far better than either alone
(``benchmarks/alignment_signals.py``; docs/relations.md).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import combinations
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from storydiff.lexicon import WEEKDAYS

STOP = frozenset(str.split(
    "the and for that with was were are has have had his her its their they them this from "
    "but not will would could should said says say told tell also been being who which what when "
    "where while than then there about after before into over more most some such one two other "
    "just only very can may might all any our out new him she you your how why did does "
    "according"
))
# Function words (spaCy's English list), weekdays and the words every story's claims use for reporting,
# not for facts: never evidence of one fact.
_NOT_EVIDENCE = STOP | frozenset(STOP_WORDS) | frozenset(WEEKDAYS) | frozenset(str.split(
    "mr ms mrs dr year week day month today yesterday "
    "going something thing things rep reps sen gov gen lt col sgt st no jr sr got get gets "
    "think thinks thought believe believes believed feel feels felt"  # "I think ...": how, not what
))
SCARCE = 3  # a word at most this many of a story's claims use is scarce: three shared make one fact
# Fewer fact claims than this and no word is rare by count: in a nine-claim story every word is.
MIN_CLAIMS = 30
# Letters of any script: "Peña" is one word, not "Pe" and "a".
_TOKEN = re.compile(r"[^\W\d_][\w'-]*[^\W\d_]|\d[\d,.]*\d|\d")


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
    if len(word) < 2 or word in _NOT_EVIDENCE or "'" in word:  # "we've", "don't": function words too
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
    holders: dict[str, tuple[int, ...]] = dataclasses.field(default_factory=dict)  # scarce words: claims using them

    @classmethod
    def of(cls, claims: Iterable[frozenset[str]]) -> Vocabulary:
        """The vocabulary of a story from its fact claims' words (:func:`words_of`)."""
        counts: Counter[str] = Counter()
        users: dict[str, list[int]] = defaultdict(list)
        total = 0
        for n, words in enumerate(claims):
            counts.update(words)
            for w in words:
                if len(users[w]) <= SCARCE:
                    users[w].append(n)
            total += 1
        if total < MIN_CLAIMS:
            return cls({})
        scarce = {w: tuple(u) for w, u in users.items() if counts[w] <= SCARCE}
        return cls({w: math.log(total / n) for w, n in counts.items()}, scarce)

    def overlap(self, left: frozenset[str], right: frozenset[str]) -> float:
        """Weighted Jaccard of two claims' words: 1 when they use the same words, 0 with nothing rare in common.

        One shared word is never enough ("listens to us" / "always listened"): 0 unless two are shared.
        """
        weight = self.weights.get
        union = sum(weight(w, 0.0) for w in left | right)
        shared = [weight(w, 0.0) for w in left & right]
        if union <= 0 or sum(1 for x in shared if x > 0) < 2:
            return 0.0
        return sum(shared) / union

    def scarce(self, left: frozenset[str], right: frozenset[str], plain: frozenset[str] = frozenset()) -> int:
        """How many words two claims share that at most SCARCE claims of the story use ("Kurdish", "abandon").

        0 unless one of them is in ``plain`` (the words both use that are not names): names alone
        ("North", "Korea", "Ukraine" in two lists of topics) are what a story is about, not one fact.
        """
        shared = [w for w in left & right if w in self.holders]
        return len(shared) if any(w in plain for w in shared) else 0

    def rarest(self, left: frozenset[str], right: frozenset[str], count: int = 3) -> tuple[str, ...]:
        """The ``count`` rarest words two claims share (as stems), rarest first: what a reason quotes."""
        shared = sorted(left & right, key=lambda w: (-self.weights.get(w, 0.0), w))
        return tuple(shared[:count])


def scarce_pairs(vocabulary: Vocabulary, articles: Sequence[int], shared: int) -> Iterator[tuple[int, int]]:
    """Pairs of claims (indexes, left < right) of different articles that share ``shared`` scarce words or more.

    Found through the words, not the vectors: such pairs can sit below the cosine floor of the candidates.
    ``articles`` gives each claim's article, in the order the vocabulary was built.
    """
    together: Counter[tuple[int, int]] = Counter()
    for claims in vocabulary.holders.values():
        for i, j in combinations(claims, 2):
            if articles[i] != articles[j]:
                together[(i, j)] += 1
    yield from sorted(pair for pair, n in together.items() if n >= shared)


def as_printed(text: str, stems: Iterable[str]) -> tuple[str, ...]:
    """The words of ``text`` behind these stems, as printed ("tortur" -> "torturing"), for a reason to quote."""
    printed: dict[str, str] = {}
    for match in _TOKEN.finditer(text.replace("’", "'")):
        key = _key(match.group())
        if key:
            printed.setdefault(key, match.group())
    return tuple(printed.get(s, s) for s in stems)
