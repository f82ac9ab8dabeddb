"""Features for the stance model: one fixed-length vector per (claim, body) pair.

Training (``scripts/train_stance.py``) and inference (``storydiff.align.stance``)
both build their vectors here, so the model always sees the same features.

Three families, all relational (they compare the claim with the body, never
memorise the claim itself):

- lexical overlap in the style of the FNC-1 baseline: shared words, shared
  word and character n-grams, in the whole body and in its opening;
- TF-IDF and sentence-embedding similarity between the claim and the body and
  between the claim and each body sentence (max, mean, top-3, where the best
  match sits);
- cue words (refuting, negating, hedging, confirming) in the claim, in the
  whole body and in the body sentences that best match the claim.

Embeddings are passed in, not computed here, so training can cache them and
the functions stay pure.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

FEATURE_VERSION = 2
MAX_SENTENCES = 60  # sentences of a body that are compared with the claim
TOP_K = 3  # best-matching sentences whose cue words are counted

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
_CUES = {
    "refuting": frozenset(REFUTING),
    "negation": frozenset(NEGATION),
    "hedging": frozenset(HEDGING),
    "confirming": frozenset(CONFIRMING),
    "debunking": frozenset(DEBUNKING),
}
_HEADLINE_REFUTING = REFUTING[:16]
_SIM_LEVELS = (0.4, 0.5, 0.6, 0.7)
_NEGATION_REACH = 4  # tokens after a negation word that it can deny


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


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def _cue_counts(tokens: Sequence[str]) -> list[float]:
    return [float(sum(t in words for t in tokens)) for words in _CUES.values()]


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A claim (headline) prepared once for comparison with many bodies."""

    text: str
    tokens: tuple[str, ...]
    terms: frozenset[str]
    tfidf: dict[str, float]
    vector: np.ndarray


@dataclass(frozen=True, slots=True)
class BodyView:
    """A body prepared once: its sentences, their tokens, TF-IDF and embeddings."""

    text: str
    lowered: str
    tokens: tuple[str, ...]
    terms: frozenset[str]
    tfidf: dict[str, float]
    sentences: tuple[str, ...]
    sentence_tokens: tuple[tuple[str, ...], ...]
    sentence_tfidf: tuple[dict[str, float], ...]
    sentence_vectors: np.ndarray  # (n_sentences, dim), L2-normalised
    mean_vector: np.ndarray
    sentence_cues: np.ndarray  # (n_sentences, n_cue_kinds): cue words per sentence


def body_sentences(text: str) -> list[str]:
    """The sentences of a body that are embedded and compared (at most ``MAX_SENTENCES``)."""
    return split_sentences(text)[:MAX_SENTENCES]


def view_claim(text: str, vector: np.ndarray, idf: Idf) -> ClaimView:
    """Prepare a claim; ``vector`` is its sentence embedding."""
    tokens = tuple(tokenize(text))
    terms = content_terms(tokens)
    return ClaimView(text, tokens, frozenset(terms), idf.vector(terms), vector)


def view_body(text: str, sentence_vectors: np.ndarray, idf: Idf) -> BodyView:
    """Prepare a body; ``sentence_vectors`` embed ``body_sentences(text)`` in order."""
    sentences = tuple(body_sentences(text))
    if len(sentences) != len(sentence_vectors):
        raise ValueError("one embedding per body sentence is needed")
    tokens = tuple(tokenize(text))
    sentence_tokens = tuple(tuple(tokenize(s)) for s in sentences)
    if len(sentences):
        mean = sentence_vectors.mean(axis=0)
        mean = mean / max(float(np.linalg.norm(mean)), 1e-12)
    else:
        mean = np.zeros(sentence_vectors.shape[1] if sentence_vectors.ndim == 2 else 384)
    terms = content_terms(tokens)
    return BodyView(
        text=text,
        lowered=" ".join(tokens),
        tokens=tokens,
        terms=frozenset(terms),
        tfidf=idf.vector(terms),
        sentences=sentences,
        sentence_tokens=sentence_tokens,
        sentence_tfidf=tuple(idf.vector(content_terms(t)) for t in sentence_tokens),
        sentence_vectors=sentence_vectors,
        mean_vector=mean,
        sentence_cues=np.array(
            [_cue_counts(t) for t in sentence_tokens] or np.zeros((0, len(_CUES))),
            dtype=np.float32,
        ).reshape(len(sentences), len(_CUES)),
    )


def _ngram_hits(claim: Sequence[str], body: str, opening: str, size: int) -> tuple[float, float]:
    grams = [" ".join(claim[i : i + size]) for i in range(len(claim) - size + 1)]
    return float(sum(g in body for g in grams)), float(sum(g in opening for g in grams))


def _char_hits(claim: str, body: str, opening: str, size: int) -> tuple[float, float]:
    grams = [claim[i : i + size] for i in range(len(claim) - size + 1)]
    return float(sum(g in body for g in grams)), float(sum(g in opening for g in grams))


def _negated_terms(claim_terms: frozenset[str], sentences: Sequence[Sequence[str]]) -> int:
    """Claim terms that follow a negation closely: "did not resign" denies "resigns"."""
    negation = _CUES["negation"] | _CUES["refuting"]
    hits = 0
    for tokens in sentences:
        reach = 0
        for token in tokens:
            if token in negation:
                reach = _NEGATION_REACH
            elif reach:
                reach -= 1
                hits += stem(token) in claim_terms
    return hits


def _feature_names() -> tuple[str, ...]:
    names = ["overlap_jaccard", "overlap_claim_frac", "overlap_count", "overlap_opening"]
    names += ["overlap_stop_count", "overlap_stop_opening"]
    for n in (2, 3, 4, 5, 6):
        names += [f"word{n}_hits", f"word{n}_opening"]
    for n in (2, 4, 8, 16):
        names += [f"char{n}_hits", f"char{n}_opening"]
    names += [f"claim_has_{w}" for w in _HEADLINE_REFUTING]
    names += ["claim_polarity", "body_polarity", "claim_question"]
    names += ["tfidf_body", "tfidf_max_sent", "tfidf_mean_sent", "tfidf_top3", "tfidf_opening"]
    names += ["emb_body", "emb_max", "emb_mean", "emb_top3", "emb_first", "emb_std"]
    names += ["emb_best_pos", "emb_second", "emb_gap", "n_sentences", "body_tokens", "claim_tokens"]
    names += ["best_overlap_frac", "best_tfidf"]
    names += [f"claim_{c}" for c in _CUES]
    names += [f"body_{c}_rate" for c in _CUES]
    names += [f"top_{c}" for c in _CUES]
    names += [f"best_{c}" for c in _CUES]
    names += [f"opening_{c}" for c in _CUES]
    names += ["best_negation_mismatch", "top_negation_mismatch"]
    names += [f"sentences_above_{t}" for t in _SIM_LEVELS]
    names += [f"tfidf_top5_{c}" for c in _CUES]
    names += [f"weighted_{c}" for c in _CUES]
    names += [f"sentence_share_{c}" for c in _CUES]
    names += ["negated_claim_terms", "body_quotes", "body_questions", "claim_quotes"]
    return tuple(names)


FEATURE_NAMES = _feature_names()


def pair_features(claim: ClaimView, body: BodyView) -> tuple[np.ndarray, int | None]:
    """Feature vector for one pair, and the index of the body sentence that best matches.

    The index is ``None`` when the body has no sentence.
    """
    f: list[float] = []
    claim_terms, body_terms = claim.terms, body.terms
    shared = claim_terms & body_terms
    union = claim_terms | body_terms
    f.append(len(shared) / len(union) if union else 0.0)
    f.append(len(shared) / len(claim_terms) if claim_terms else 0.0)
    opening_tokens = set(tokenize(body.text[:255]))
    opening_terms = set(content_terms(list(opening_tokens)))
    f.append(float(len(shared)))
    f.append(float(len(claim_terms & opening_terms)))
    claim_tokens, body_token_set = set(claim.tokens), set(body.tokens)
    f.append(float(len(claim_tokens & body_token_set)))
    f.append(float(len(claim_tokens & opening_tokens)))

    opening = " ".join(body.tokens[:45])
    for n in (2, 3, 4, 5, 6):
        f.extend(_ngram_hits(claim.tokens, body.lowered, opening, n))
    claim_chars = " ".join(t for t in claim.tokens if t not in STOPWORDS)
    body_chars = body.lowered
    for n in (2, 4, 8, 16):
        f.extend(_char_hits(claim_chars, body_chars, opening, n))

    f.extend(float(w in claim_tokens) for w in _HEADLINE_REFUTING)
    refuting = _CUES["refuting"]
    f.append(float(sum(t in refuting for t in claim.tokens) % 2))
    f.append(float(sum(t in refuting for t in body.tokens) % 2))
    f.append(float("?" in claim.text))

    n_sent = len(body.sentences)
    if n_sent:
        tfidf_sims = np.array([_cosine(claim.tfidf, s) for s in body.sentence_tfidf])
        emb_sims = body.sentence_vectors @ claim.vector
        order = np.argsort(-emb_sims, kind="stable")
        best = int(order[0])
        top = order[:TOP_K]
    else:
        tfidf_sims = emb_sims = np.zeros(1)
        order = np.zeros(1, dtype=int)
        best, top = None, np.zeros(0, dtype=int)
    tf_sorted = np.sort(tfidf_sims)[::-1]
    f += [_cosine(claim.tfidf, body.tfidf), float(tf_sorted[0]), float(tfidf_sims.mean())]
    f += [float(tf_sorted[:TOP_K].mean()), float(tfidf_sims[:3].max())]
    emb_sorted = np.sort(emb_sims)[::-1]
    f += [float(body.mean_vector @ claim.vector), float(emb_sorted[0]), float(emb_sims.mean())]
    f += [float(emb_sorted[:TOP_K].mean()), float(emb_sims[0]), float(emb_sims.std())]
    second = float(emb_sorted[1]) if len(emb_sorted) > 1 else 0.0
    f += [best / n_sent if best is not None else 1.0, second, float(emb_sorted[0]) - second]
    f += [float(n_sent), float(len(body.tokens)), float(len(claim.tokens))]

    if best is not None:
        best_terms = set(content_terms(body.sentence_tokens[best]))
        f.append(len(claim_terms & best_terms) / len(claim_terms) if claim_terms else 0.0)
        f.append(float(tfidf_sims[best]))
        best_tokens: Sequence[str] = body.sentence_tokens[best]
    else:
        f += [0.0, 0.0]
        best_tokens = ()
    top_tokens = [t for i in top for t in body.sentence_tokens[int(i)]]

    f += _cue_counts(claim.tokens)
    body_len = max(len(body.tokens), 1)
    f += [100.0 * c / body_len for c in _cue_counts(body.tokens)]
    f += _cue_counts(top_tokens)
    f += _cue_counts(best_tokens)
    f += _cue_counts(body.tokens[:60])
    negation = _CUES["negation"] | _CUES["refuting"]
    claim_neg = any(t in negation for t in claim.tokens)
    f.append(float(any(t in negation for t in best_tokens) != claim_neg))
    f.append(float(any(t in negation for t in top_tokens) != claim_neg))

    # How much of the body is about the claim: sentences close to it in meaning.
    f += [float((emb_sims > level).sum()) if n_sent else 0.0 for level in _SIM_LEVELS]
    cues = body.sentence_cues
    if n_sent:
        by_tfidf = np.argsort(-tfidf_sims, kind="stable")[:5]
        f += cues[by_tfidf].sum(axis=0).tolist()
        # Cue words of every sentence, weighted by how close it is to the claim.
        weights = np.clip(emb_sims - 0.3, 0.0, None)
        total = float(weights.sum())
        f += ((weights @ (cues > 0)) / total).tolist() if total else [0.0] * len(_CUES)
        f += (cues > 0).mean(axis=0).tolist()
    else:
        f += [0.0] * (3 * len(_CUES))
    f.append(float(_negated_terms(claim_terms, [body.sentence_tokens[int(i)] for i in top])))
    f.append(float(sum(body.text.count(q) for q in '"“”')) / max(n_sent, 1))
    f.append(float(body.text.count("?")) / max(n_sent, 1))
    f.append(float(sum(claim.text.count(q) for q in "\"“”'‘’")))
    return np.asarray(f, dtype=np.float32), best

