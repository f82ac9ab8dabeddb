"""Words of claims and bodies for the stance model: tokens, stems, sentences,
cue words and TF-IDF weights.

The cue word lists live here and nowhere else; ``storydiff.stance.features``
counts them in the claim, the body and its best-matching sentences.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# A sentence ends at . ! ? (optionally followed by a closing quote) before
# whitespace and a capital, digit or opening quote, or at a line break:
# "He left. Then..." -> two sentences; "U.S. officials" stays whole.
_SENTENCE_END = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[A-Z0-9\"“‘'(\[])|\s*\n+\s*"
)

_STOPWORDS_TEXT = """a about above after again against all also am an and any are as at be because been
    before being below between both but by can did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself now of off on once only or other our
    ours ourselves out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

# Words that deny or debunk: "Police say the video is a hoax".
REFUTING = (
    "fake", "fraud", "hoax", "false", "deny", "denies", "denied", "not", "despite",
    "nope", "doubt", "doubts", "bogus", "debunk", "debunked", "prank", "pranks",
    "retract", "retracted", "untrue", "myth", "rumour", "rumor", "satire", "satirical",
)
# Plain negation: "There is no evidence he was there".
NEGATION = (
    "no", "not", "never", "none", "nothing", "nobody", "neither", "nor", "without",
    "isn't", "wasn't", "aren't", "weren't", "don't", "doesn't", "didn't", "won't",
    "can't", "cannot", "couldn't", "hasn't", "haven't", "hadn't", "shouldn't",
)
# Distance from a claim: "The singer reportedly plans to retire".
HEDGING = (
    "reportedly", "allegedly", "alleged", "claim", "claims", "claimed", "rumor", "rumors",
    "rumour", "rumours", "may", "might", "could", "possibly", "apparently", "appears",
    "appear", "purportedly", "purported", "unconfirmed", "unverified", "speculation",
    "speculate", "according", "suggests", "suggest", "believed", "reports", "report",
    "seems", "likely", "if", "whether", "supposedly",
)
# Words that vouch for a claim: "The ministry confirmed the arrest on Monday".
CONFIRMING = (
    "confirmed", "confirms", "confirm", "official", "officially", "announced", "indeed",
    "verified", "proof", "evidence", "revealed", "shows", "showed", "true", "actually",
)
# Words that mark a debunking body: "The story turned out to be a hoax".
DEBUNKING = (
    "hoax", "fake", "false", "satire", "satirical", "debunked", "fabricated", "untrue",
    "denied", "denies", "deny", "rumor", "rumour", "prank", "photoshopped", "misleading",
    "parody", "incorrect", "wrong",
)
# Cue kinds, in the order of the model's per-cue features.
CUES = {
    "refuting": frozenset(REFUTING),
    "negation": frozenset(NEGATION),
    "hedging": frozenset(HEDGING),
    "confirming": frozenset(CONFIRMING),
    "debunking": frozenset(DEBUNKING),
}

def tokenize(text: str) -> list[str]:
    """Lower-case word tokens; keeps contractions like ``isn't`` whole."""
    return _TOKEN.findall(text.lower().replace("’", "'"))


def stem(token: str) -> str:
    """A deliberately small suffix stripper: ``denies``/``denied`` -> ``deni``/``deni``."""
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "i"
    if len(token) > 5 and token.endswith("ing"):
        return token[:-3]
    if len(token) > 4 and token.endswith("ed"):
        return token[:-2] if not token.endswith("ied") else token[:-3] + "i"
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    if len(token) > 3 and token.endswith("y"):
        return token[:-1] + "i"
    return token


def split_sentences(text: str) -> list[str]:
    """Split a body into sentences (paragraph breaks and end punctuation)."""
    parts = (p.strip() for p in _SENTENCE_END.split(text))
    return [p for p in parts if len(p) > 1]


@dataclass(frozen=True, slots=True)
class Idf:
    """Inverse document frequencies of stemmed, non-stopword terms."""

    weights: dict[str, float]
    default: float

    @classmethod
    def fit(cls, documents: Iterable[str], max_terms: int = 20000, min_df: int = 2) -> Idf:
        """Learn IDF weights from raw texts, keeping the ``max_terms`` most frequent terms."""
        df: Counter[str] = Counter()
        n = 0
        for doc in documents:
            n += 1
            df.update(set(content_terms(tokenize(doc))))
        kept = sorted((t for t, c in df.items() if c >= min_df), key=lambda t: (-df[t], t))
        kept = kept[:max_terms]
        weights = {t: round(math.log((1 + n) / (1 + df[t])) + 1.0, 4) for t in kept}
        return cls(weights=weights, default=round(math.log(1 + n) + 1.0, 4))

    def to_json(self) -> str:
        return json.dumps({"default": self.default, "weights": self.weights}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Idf:
        data = json.loads(text)
        return cls(weights=dict(data["weights"]), default=float(data["default"]))

    def vector(self, terms: Sequence[str]) -> dict[str, float]:
        """L2-normalised TF-IDF vector (sublinear tf) of known terms."""
        counts = Counter(t for t in terms if t in self.weights)
        vec = {t: (1.0 + math.log(c)) * self.weights[t] for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()} if norm else {}


def content_terms(tokens: Sequence[str]) -> list[str]:
    """Stemmed tokens without stopwords."""
    return [stem(t) for t in tokens if t not in STOPWORDS]


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two L2-normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def cue_counts(tokens: Sequence[str]) -> list[float]:
    """How many tokens are cue words of each kind, in ``CUES`` order."""
    return [count_words(words, tokens) for words in CUES.values()]


def count_words(words: frozenset[str], tokens: Iterable[str]) -> float:
    """How many of ``tokens`` are in ``words``."""
    return float(sum(t in words for t in tokens))
