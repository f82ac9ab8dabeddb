"""Features for the stance model: one fixed-length vector per (claim, body) pair.

Training (``scripts/train_stance.py``) and inference (``storydiff.stance.model``)
both build their vectors here, so the model always sees the same features.
Each feature is a named function of the pair in ``FEATURES``; the row follows
that table, and the model file stores its names, so a new feature cannot
silently shift the columns the model reads.

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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from storydiff.nlp.embed import DIMENSIONS
from storydiff.stance.text import (
    CUES,
    REFUTING,
    STOPWORDS,
    Idf,
    content_terms,
    cosine,
    count_words,
    cue_counts,
    split_sentences,
    stem,
    tokenize,
)

FEATURE_VERSION = 2
MAX_SENTENCES = 60  # sentences of a body that are compared with the claim
TOP_K = 3  # best-matching sentences whose cue words are counted

_NEGATING = CUES["negation"] | CUES["refuting"]
_HEADLINE_REFUTING = REFUTING[:16]
_SIM_LEVELS = (0.4, 0.5, 0.6, 0.7)
_NEGATION_REACH = 4  # tokens after a negation word that it can deny


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


def view_body(text: str, vectors: Mapping[str, np.ndarray], idf: Idf) -> BodyView:
    """Prepare a body; ``vectors`` holds the embedding of each of ``body_sentences(text)``
    (it may hold other texts too: training and inference pass one table for all)."""
    sentences = tuple(body_sentences(text))
    if sentences:
        sentence_vectors = np.stack([vectors[s] for s in sentences])
    else:
        sentence_vectors = np.zeros((0, DIMENSIONS), dtype=np.float32)
    tokens = tuple(tokenize(text))
    sentence_tokens = tuple(tuple(tokenize(s)) for s in sentences)
    if len(sentences):
        mean = sentence_vectors.mean(axis=0)
        mean = mean / max(float(np.linalg.norm(mean)), 1e-12)
    else:
        mean = np.zeros(DIMENSIONS)
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
            [cue_counts(t) for t in sentence_tokens] or np.zeros((0, len(CUES))),
            dtype=np.float32,
        ).reshape(len(sentences), len(CUES)),
    )


def _word_grams(p: _Pair, size: int) -> list[str]:
    tokens = p.claim.tokens
    return [" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]


def _char_grams(p: _Pair, size: int) -> list[str]:
    text = p.claim_chars
    return [text[i : i + size] for i in range(len(text) - size + 1)]


def _hits(grams: Sequence[str], text: str) -> float:
    return float(sum(g in text for g in grams))


def _negated_terms(claim_terms: frozenset[str], sentences: Sequence[Sequence[str]]) -> int:
    """Claim terms that follow a negation closely: "did not resign" denies "resigns"."""
    hits = 0
    for tokens in sentences:
        reach = 0
        for token in tokens:
            if token in _NEGATING:
                reach = _NEGATION_REACH
            elif reach:
                reach -= 1
                hits += stem(token) in claim_terms
    return hits


@dataclass(frozen=True)
class _Pair:
    """One (claim, body) pair and the comparisons that several features share.

    Each comparison is computed once, on first use, so a feature function
    stays one line.
    """

    claim: ClaimView
    body: BodyView

    @cached_property
    def shared(self) -> frozenset[str]:
        return self.claim.terms & self.body.terms

    @cached_property
    def claim_tokens(self) -> frozenset[str]:
        return frozenset(self.claim.tokens)

    @cached_property
    def opening_tokens(self) -> frozenset[str]:
        """Word types of the body's first 255 characters."""
        return frozenset(tokenize(self.body.text[:255]))

    @cached_property
    def opening(self) -> str:
        """The body's first 45 tokens, joined: where n-grams are looked for in the opening."""
        return " ".join(self.body.tokens[:45])

    @cached_property
    def claim_chars(self) -> str:
        return " ".join(t for t in self.claim.tokens if t not in STOPWORDS)

    @property
    def n_sent(self) -> int:
        return len(self.body.sentences)

    @cached_property
    def tfidf_sims(self) -> np.ndarray:
        """TF-IDF cosine of the claim with each body sentence (one zero without sentences)."""
        if not self.n_sent:
            return np.zeros(1)
        return np.array([cosine(self.claim.tfidf, s) for s in self.body.sentence_tfidf])

    @cached_property
    def emb_sims(self) -> np.ndarray:
        """Embedding cosine of the claim with each body sentence (one zero without sentences)."""
        if not self.n_sent:
            return np.zeros(1)
        return self.body.sentence_vectors @ self.claim.vector

    @cached_property
    def tfidf_sorted(self) -> np.ndarray:
        return np.sort(self.tfidf_sims)[::-1]

    @cached_property
    def emb_sorted(self) -> np.ndarray:
        return np.sort(self.emb_sims)[::-1]

    @cached_property
    def emb_second(self) -> float:
        return float(self.emb_sorted[1]) if len(self.emb_sorted) > 1 else 0.0

    @cached_property
    def by_meaning(self) -> np.ndarray:
        """Body sentence indices, closest in meaning to the claim first (none without sentences)."""
        if not self.n_sent:
            return np.zeros(0, dtype=int)
        return np.argsort(-self.emb_sims, kind="stable")

    @property
    def best(self) -> int | None:
        """Index of the body sentence closest in meaning to the claim."""
        return int(self.by_meaning[0]) if self.n_sent else None

    @property
    def top(self) -> np.ndarray:
        """Indices of the ``TOP_K`` body sentences closest in meaning to the claim."""
        return self.by_meaning[:TOP_K]

    @cached_property
    def best_tokens(self) -> Sequence[str]:
        return self.body.sentence_tokens[self.best] if self.best is not None else ()

    @cached_property
    def top_tokens(self) -> list[str]:
        return [t for i in self.top for t in self.body.sentence_tokens[int(i)]]

    @cached_property
    def claim_negated(self) -> bool:
        return any(t in _NEGATING for t in self.claim.tokens)

    @cached_property
    def sentence_cue_stats(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per cue kind: counts in the 5 best TF-IDF matches, share weighted by
        closeness to the claim, and share of all sentences."""
        if not self.n_sent:
            zeros = np.zeros(len(CUES))
            return zeros, zeros, zeros
        cues = self.body.sentence_cues
        by_tfidf = np.argsort(-self.tfidf_sims, kind="stable")[:5]
        weights = np.clip(self.emb_sims - 0.3, 0.0, None)
        total = float(weights.sum())
        weighted = (weights @ (cues > 0)) / total if total else np.zeros(len(CUES))
        return cues[by_tfidf].sum(axis=0), weighted, (cues > 0).mean(axis=0)


Feature = Callable[[_Pair], float]


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _gram_features(
    kind: str, sizes: Sequence[int], grams: Callable[[_Pair, int], list[str]]
) -> dict[str, Feature]:
    """``{kind}{n}_hits`` / ``{kind}{n}_opening``: claim n-grams found in the body / its opening."""

    def hits(size: int, where: Callable[[_Pair], str]) -> Feature:
        return lambda p: _hits(grams(p, size), where(p))

    table: dict[str, Feature] = {}
    for n in sizes:
        table[f"{kind}{n}_hits"] = hits(n, lambda p: p.body.lowered)
        table[f"{kind}{n}_opening"] = hits(n, lambda p: p.opening)
    return table


def _cue_features(name: str, value: Callable[[_Pair, str, int], float]) -> dict[str, Feature]:
    """One feature per cue kind: ``name`` with ``{cue}`` filled in; ``value(pair, cue, index)``."""

    def feature(cue: str, index: int) -> Feature:
        return lambda p: value(p, cue, index)

    return {name.format(cue=cue): feature(cue, k) for k, cue in enumerate(CUES)}


def _claim_has(word: str) -> Feature:
    return lambda p: float(word in p.claim_tokens)


def _sentences_above(level: float) -> Feature:
    """How many body sentences are closer than ``level`` to the claim in meaning."""
    return lambda p: float((p.emb_sims > level).sum()) if p.n_sent else 0.0


def _best_overlap(p: _Pair) -> float:
    if p.best is None:
        return 0.0
    return _ratio(len(p.claim.terms & set(content_terms(p.best_tokens))), len(p.claim.terms))


def _table(*groups: dict[str, Feature]) -> dict[str, Feature]:
    """Join feature groups in order; a name defined twice is an error, never an overwrite."""
    table: dict[str, Feature] = {}
    for group in groups:
        for name, feature in group.items():
            if name in table:
                raise ValueError(f"stance feature {name!r} is defined twice")
            table[name] = feature
    return table


# Name -> function of the pair. The model file stores these names in this
# order and loading checks them; add a feature here (and bump FEATURE_VERSION),
# never by position.
FEATURES: dict[str, Feature] = _table(
    {  # Shared words, FNC-1 baseline style.
        "overlap_jaccard": lambda p: _ratio(len(p.shared), len(p.claim.terms | p.body.terms)),
        "overlap_claim_frac": lambda p: _ratio(len(p.shared), len(p.claim.terms)),
        "overlap_count": lambda p: float(len(p.shared)),
        "overlap_opening": lambda p: float(
            len(p.claim.terms & set(content_terms(list(p.opening_tokens))))
        ),
        "overlap_stop_count": lambda p: float(len(p.claim_tokens & set(p.body.tokens))),
        "overlap_stop_opening": lambda p: float(len(p.claim_tokens & p.opening_tokens)),
    },
    _gram_features("word", (2, 3, 4, 5, 6), _word_grams),
    _gram_features("char", (2, 4, 8, 16), _char_grams),
    {f"claim_has_{w}": _claim_has(w) for w in _HEADLINE_REFUTING},
    {
        "claim_polarity": lambda p: count_words(CUES["refuting"], p.claim.tokens) % 2,
        "body_polarity": lambda p: count_words(CUES["refuting"], p.body.tokens) % 2,
        "claim_question": lambda p: float("?" in p.claim.text),
    },
    {  # How close the claim is to the body and to its sentences.
        "tfidf_body": lambda p: cosine(p.claim.tfidf, p.body.tfidf),
        "tfidf_max_sent": lambda p: float(p.tfidf_sorted[0]),
        "tfidf_mean_sent": lambda p: float(p.tfidf_sims.mean()),
        "tfidf_top3": lambda p: float(p.tfidf_sorted[:TOP_K].mean()),
        "tfidf_opening": lambda p: float(p.tfidf_sims[:3].max()),
        "emb_body": lambda p: float(p.body.mean_vector @ p.claim.vector),
        "emb_max": lambda p: float(p.emb_sorted[0]),
        "emb_mean": lambda p: float(p.emb_sims.mean()),
        "emb_top3": lambda p: float(p.emb_sorted[:TOP_K].mean()),
        "emb_first": lambda p: float(p.emb_sims[0]),
        "emb_std": lambda p: float(p.emb_sims.std()),
        "emb_best_pos": lambda p: p.best / p.n_sent if p.best is not None else 1.0,
        "emb_second": lambda p: p.emb_second,
        "emb_gap": lambda p: float(p.emb_sorted[0]) - p.emb_second,
        "n_sentences": lambda p: float(p.n_sent),
        "body_tokens": lambda p: float(len(p.body.tokens)),
        "claim_tokens": lambda p: float(len(p.claim.tokens)),
        "best_overlap_frac": _best_overlap,
        "best_tfidf": lambda p: float(p.tfidf_sims[p.best]) if p.best is not None else 0.0,
    },
    # Cue words in the claim, the body, its best-matching sentences and its opening.
    _cue_features("claim_{cue}", lambda p, cue, _: count_words(CUES[cue], p.claim.tokens)),
    _cue_features(
        "body_{cue}_rate",
        lambda p, cue, _: 100.0 * count_words(CUES[cue], p.body.tokens) / max(len(p.body.tokens), 1),
    ),
    _cue_features("top_{cue}", lambda p, cue, _: count_words(CUES[cue], p.top_tokens)),
    _cue_features("best_{cue}", lambda p, cue, _: count_words(CUES[cue], p.best_tokens)),
    _cue_features("opening_{cue}", lambda p, cue, _: count_words(CUES[cue], p.body.tokens[:60])),
    {
        "best_negation_mismatch": lambda p: float(
            any(t in _NEGATING for t in p.best_tokens) != p.claim_negated
        ),
        "top_negation_mismatch": lambda p: float(
            any(t in _NEGATING for t in p.top_tokens) != p.claim_negated
        ),
    },
    # How much of the body is about the claim: sentences close to it in meaning.
    {f"sentences_above_{level}": _sentences_above(level) for level in _SIM_LEVELS},
    _cue_features("tfidf_top5_{cue}", lambda p, _, k: float(p.sentence_cue_stats[0][k])),
    # Cue words of every sentence, weighted by how close it is to the claim.
    _cue_features("weighted_{cue}", lambda p, _, k: float(p.sentence_cue_stats[1][k])),
    _cue_features("sentence_share_{cue}", lambda p, _, k: float(p.sentence_cue_stats[2][k])),
    {
        "negated_claim_terms": lambda p: float(
            _negated_terms(p.claim.terms, [p.body.sentence_tokens[int(i)] for i in p.top])
        ),
        "body_quotes": lambda p: float(sum(p.body.text.count(q) for q in '"“”')) / max(p.n_sent, 1),
        "body_questions": lambda p: float(p.body.text.count("?")) / max(p.n_sent, 1),
        "claim_quotes": lambda p: float(sum(p.claim.text.count(q) for q in "\"“”'‘’")),
    },
)
FEATURE_NAMES = tuple(FEATURES)


def pair_features(claim: ClaimView, body: BodyView) -> tuple[np.ndarray, int | None]:
    """Feature vector for one pair (in ``FEATURE_NAMES`` order), and the index of the
    body sentence that best matches the claim (``None`` when the body has no sentence)."""
    pair = _Pair(claim, body)
    return np.asarray([feature(pair) for feature in FEATURES.values()], dtype=np.float32), pair.best
