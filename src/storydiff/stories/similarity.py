"""How much a new article looks like a live story: a named table of similarity features.

Each feature compares one :class:`StoryFeatures` with one story's running
summary (:class:`StoryState`) and returns a number; the join-or-new model
reads them by name (``FEATURE_NAMES``), never by position. Term weights use an
online document frequency (:class:`Vocabulary`), so rare words (a town, a
victim's name) count for more than common ones as the corpus grows.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from storydiff.stories.features import StoryFeatures, sublinear

STORY_TERMS_KEPT = 100  # a story keeps its heaviest terms; memory per story stays bounded
VOCABULARY_KEPT = 200_000  # past this many keys, the rarest half is forgotten (their IDF: as if unseen)
MONTHS_KEPT = 24  # a story keeps the months its members cite most (for the time prior)
MEMBERS_KEPT = 8  # a story keeps its latest members' vectors (float16) and names, for the nearest-member features
_PRUNE_AT = 2 * STORY_TERMS_KEPT
NAME_PREFIX = "@"
NUMBER_PREFIX = "#"


@dataclass(frozen=True, slots=True)
class Weighted:
    """One article's unit-length TF-IDF maps: lede words, all words, names, numbers."""

    lede: dict[str, float]
    body: dict[str, float]
    names: dict[str, float]
    numbers: dict[str, float]
    lede_names: dict[str, float]


@dataclass(slots=True)
class Vocabulary:
    """Online document frequencies of terms, names (``@``) and numbers (``#``).

    Bounded: when the table passes ``VOCABULARY_KEPT`` keys, the rarest half
    (ties broken by key, so it is deterministic) is dropped. A dropped key's
    IDF is that of an unseen one, the highest; it was among the rarest anyway.
    """

    documents: int = 0
    frequency: dict[str, int] = field(default_factory=dict)

    def idf(self, key: str) -> float:
        """Smoothed inverse document frequency of ``key`` over the articles seen so far."""
        return math.log((self.documents + 1) / (self.frequency.get(key, 0) + 1)) + 1.0

    def weigh(self, article: StoryFeatures) -> Weighted:
        """The article's unit-length TF-IDF maps under today's frequencies."""
        return Weighted(
            lede=self._unit({k: sublinear(c) * self.idf(k) for k, c in article.lede_terms.items()}),
            body=self._unit({k: sublinear(c) * self.idf(k) for k, c in article.body_terms.items()}),
            names=self._unit({k: self.idf(NAME_PREFIX + k) for k in sorted(article.names)}),
            numbers=self._unit({k: self.idf(NUMBER_PREFIX + k) for k in sorted(article.numbers)}),
            lede_names=self._unit({k: self.idf(NAME_PREFIX + k) for k in sorted(article.lede_names)}),
        )

    @staticmethod
    def _unit(weights: dict[str, float]) -> dict[str, float]:
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {k: w / norm for k, w in weights.items()} if norm > 0 else {}

    def add(self, article: StoryFeatures) -> None:
        """Count one more article."""
        self.documents += 1
        keys = set(article.body_terms) | {NAME_PREFIX + n for n in article.names}
        keys |= {NUMBER_PREFIX + n for n in article.numbers}
        for key in keys:
            self.frequency[key] = self.frequency.get(key, 0) + 1
        if len(self.frequency) > VOCABULARY_KEPT:
            kept = sorted(self.frequency.items(), key=lambda kv: (-kv[1], kv[0]))[: VOCABULARY_KEPT // 2]
            self.frequency = dict(kept)


@dataclass(slots=True)
class StoryState:
    """The running summary of one live story: plain numbers, lists and dicts.

    ``vector_sum`` is the sum of its articles' vectors; the four maps are sums
    of its articles' unit TF-IDF maps (weighted when each article joined;
    pruned to the heaviest ``STORY_TERMS_KEPT``), so a dot product with a new
    article's unit map divided by ``size`` is the article's mean cosine to
    the members: average link, without keeping the members. Days are
    proleptic ordinals; ``last_seq`` is the index's article counter when the
    story last grew.
    """

    id: str
    vector_sum: np.ndarray
    size: int = 0
    first_day: int | None = None
    last_day: int | None = None
    last_seq: int = 0
    lede: dict[str, float] = field(default_factory=dict)
    body: dict[str, float] = field(default_factory=dict)
    names: dict[str, float] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)
    lede_names: dict[str, float] = field(default_factory=dict)
    body_norm: float = 1.0  # length of ``body``, kept up to date so no feature walks the whole map
    name_counts: dict[str, int] = field(default_factory=dict)  # members mentioning each name (heaviest kept)
    member_vectors: np.ndarray | None = None  # the latest MEMBERS_KEPT members' vectors, float16 rows
    member_names: list[dict[str, float]] = field(default_factory=list)  # their unit name maps, same order
    core_names: tuple[str, ...] = ()  # names more than half the members print (derived from name_counts)
    cited_months: dict[int, int] = field(default_factory=dict)  # months its members' texts print, with counts

    @property
    def centroid(self) -> np.ndarray:
        """The unit vector of the story's direction."""
        norm = float(np.linalg.norm(self.vector_sum))
        return self.vector_sum / (norm if norm > 0 else 1.0)

    def add(self, article: StoryFeatures, weighted: Weighted, seq: int) -> None:
        """Fold one article (and its weighted maps) into the summary."""
        self.vector_sum = self.vector_sum + article.vector
        self.size += 1
        self.last_seq = seq
        self._fold_in((article.day, article.day), (weighted.lede, weighted.body, weighted.names,
                                                    weighted.numbers, weighted.lede_names),
                      dict.fromkeys(article.names, 1), dict.fromkeys(article.cited_months, 1))
        row = article.vector.reshape(1, -1).astype(np.float16)
        rows = row if self.member_vectors is None else np.vstack([self.member_vectors, row])
        self.member_vectors = rows[-MEMBERS_KEPT:]
        self.member_names = [*self.member_names, weighted.names][-MEMBERS_KEPT:]

    def absorb(self, other: StoryState) -> None:
        """Fold another story's summary into this one (two stories found to report one event)."""
        self.vector_sum = self.vector_sum + other.vector_sum
        self.size += other.size
        self.last_seq = max(self.last_seq, other.last_seq)
        self._fold_in((other.first_day, other.last_day),
                      (other.lede, other.body, other.names, other.numbers, other.lede_names), other.name_counts,
                      other.cited_months)
        if other.member_vectors is not None:
            mine = () if self.member_vectors is None else (self.member_vectors,)
            self.member_vectors = np.vstack([other.member_vectors, *mine])[-MEMBERS_KEPT:]
        self.member_names = [*other.member_names, *self.member_names][-MEMBERS_KEPT:]

    def _fold_in(self, days: tuple[int | None, int | None], maps: tuple[Mapping[str, float], ...],
                 name_counts: Mapping[str, int], cited_months: Mapping[int, int]) -> None:
        """Widen the dates; add the five weighted maps (lede, body, names, numbers, lede names) and the counts."""
        for day in days:
            if day is not None:
                self.first_day = day if self.first_day is None else min(self.first_day, day)
                self.last_day = day if self.last_day is None else max(self.last_day, day)
        for into, weights in zip((self.lede, self.body, self.names, self.numbers, self.lede_names), maps, strict=True):
            _fold(into, weights)
        self.body_norm = math.sqrt(sum(w * w for w in self.body.values())) or 1.0
        for name, count in name_counts.items():
            self.name_counts[name] = self.name_counts.get(name, 0) + count
        if len(self.name_counts) > _PRUNE_AT:
            kept = sorted(self.name_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:STORY_TERMS_KEPT]
            self.name_counts = dict(kept)
        self.core_names = _core(self.name_counts, self.size)
        for month, count in cited_months.items():
            self.cited_months[month] = self.cited_months.get(month, 0) + count
        if len(self.cited_months) > 2 * MONTHS_KEPT:
            self.cited_months = dict(sorted(self.cited_months.items(), key=lambda kv: (-kv[1], kv[0]))[:MONTHS_KEPT])

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (floats written exactly, so a reload continues identically)."""
        return {
            "id": self.id,
            "vector_sum": [float(x) for x in self.vector_sum],
            "size": self.size,
            "first_day": self.first_day,
            "last_day": self.last_day,
            "last_seq": self.last_seq,
            "lede": self.lede,
            "body": self.body,
            "names": self.names,
            "numbers": self.numbers,
            "lede_names": self.lede_names,
            "body_norm": self.body_norm,
            "name_counts": self.name_counts,
            "member_vectors": "" if self.member_vectors is None else _pack(self.member_vectors),
            "member_names": self.member_names,
            "cited_months": {str(m): c for m, c in self.cited_months.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StoryState:
        """Rebuild a story written by :meth:`to_dict`."""
        return cls(
            id=str(data["id"]),
            vector_sum=np.asarray(data["vector_sum"], dtype=np.float32),
            size=int(data["size"]),
            first_day=data["first_day"],
            last_day=data["last_day"],
            last_seq=int(data["last_seq"]),
            lede=dict(data["lede"]),
            body=dict(data["body"]),
            names=dict(data["names"]),
            numbers=dict(data["numbers"]),
            lede_names=dict(data["lede_names"]),
            body_norm=float(data["body_norm"]),
            name_counts=dict(data["name_counts"]),
            member_vectors=_unpack(data["member_vectors"], len(data["vector_sum"])) if data["member_vectors"] else None,
            member_names=[dict(m) for m in data["member_names"]],
            core_names=_core(data["name_counts"], int(data["size"])),
            cited_months={int(m): int(c) for m, c in data.get("cited_months", {}).items()},
        )


def _pack(rows: np.ndarray) -> str:
    """float16 rows as base64 text: exact, and a quarter of the JSON a list of floats would take."""
    return base64.b64encode(np.ascontiguousarray(rows, dtype="<f2").tobytes()).decode("ascii")


def _unpack(text: str, dims: int) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<f2").reshape(-1, dims).astype(np.float16)


def _core(counts: Mapping[str, int], size: int) -> tuple[str, ...]:
    return tuple(sorted(n for n, c in counts.items() if 2 * c > size)) if size >= 2 else ()


def _fold(into: dict[str, float], weights: Mapping[str, float]) -> None:
    for key, weight in weights.items():
        into[key] = into.get(key, 0.0) + weight
    if len(into) > _PRUNE_AT:
        kept = sorted(into.items(), key=lambda kv: (-kv[1], kv[0]))[:STORY_TERMS_KEPT]
        into.clear()
        into.update(kept)


def _dot(article: Mapping[str, float], story: Mapping[str, float]) -> float:
    return sum(w * story[k] for k, w in article.items() if k in story)


def _unseen(article: Mapping[str, float], story: Mapping[str, float]) -> float:
    """The share (by squared weight) of the article's names that the story never printed."""
    return sum(w * w for k, w in article.items() if k not in story)


def _once(pair: Pair, key: str, compute: Callable[[Pair], Any]) -> Any:
    """A value several features share, computed once per pair."""
    if key not in pair.memo:
        pair.memo[key] = compute(pair)
    return pair.memo[key]


def _member_cosines(pair: Pair) -> np.ndarray:
    """The article's cosines to the kept members, highest first."""
    def compute(p: Pair) -> np.ndarray:
        vectors = p.story.member_vectors
        return np.zeros(1) if vectors is None else -np.sort(-(vectors.astype(np.float32) @ p.article.vector))
    return _once(pair, "members", compute)


def _body_dot(pair: Pair) -> float:
    return _once(pair, "body", lambda p: _dot(p.weighted.body, p.story.body))


def _lede_names_unseen(pair: Pair) -> float:
    return _once(pair, "unseen", lambda p: _unseen(p.weighted.lede_names, p.story.names))




def _names_max(pair: Pair) -> float:
    return max((_dot(pair.weighted.names, m) for m in pair.story.member_names), default=0.0)


def _core_missing(pair: Pair) -> float:
    """The share (by IDF weight) of the names most members print that the article does not."""
    return _once(pair, "core", _compute_core_missing)


def _compute_core_missing(pair: Pair) -> float:
    weights = {n: pair.idf(NAME_PREFIX + n) for n in pair.story.core_names}
    total = sum(weights.values())
    return sum(w for n, w in weights.items() if n not in pair.article.names) / total if total else 0.0


@dataclass(frozen=True, slots=True)
class Pair:
    """What a similarity feature reads: the article, its weighted maps, and one live story."""

    article: StoryFeatures
    weighted: Weighted
    story: StoryState
    idf: Callable[[str], float]  # the vocabulary's IDF of a key, as of this article
    memo: dict[str, Any] = field(default_factory=dict)  # values shared by several features


Similarity = Callable[[Pair], float]

# name -> feature; the model file stores these names and loading checks them.
# "mean" features are the article's average cosine to the story's members (average link);
# "cosine" features compare it with the story's centroid.
FEATURES: dict[str, Similarity] = {
    "dense_cosine": lambda p: float(np.dot(p.article.vector, p.story.centroid)),  # title+lede embedding
    "dense_mean": lambda p: float(np.dot(p.article.vector, p.story.vector_sum)) / p.story.size,
    "lede_mean": lambda p: _dot(p.weighted.lede, p.story.lede) / p.story.size,  # title+lede words
    "body_mean": lambda p: _body_dot(p) / p.story.size,  # all words
    "body_cosine": lambda p: _body_dot(p) / p.story.body_norm,
    "names_mean": lambda p: _dot(p.weighted.names, p.story.names) / p.story.size,  # rare names in common
    "lede_names_mean": lambda p: _dot(p.weighted.lede_names, p.story.lede_names) / p.story.size,  # actors, places
    "lede_names_unseen": _lede_names_unseen,  # lede names new to the story
    "numbers_mean": lambda p: _dot(p.weighted.numbers, p.story.numbers) / p.story.size,  # figures, years
    "dense_max": lambda p: float(_member_cosines(p)[0]),  # nearest kept member
    "dense_top3": lambda p: float(_member_cosines(p)[:3].mean()),
    "names_max": _names_max,  # the member sharing most rare names
    "core_names_missing": _core_missing,  # names most members print, absent here
    "name_clash": lambda p: _lede_names_unseen(p) * _core_missing(p),  # both sides differ
    "log_size": lambda p: math.log1p(p.story.size),  # big stories attract; the model learns how much
}
FEATURE_NAMES: tuple[str, ...] = tuple(FEATURES)


def feature_row(pair: Pair) -> dict[str, float]:
    """Every similarity feature of one article against one story, by name."""
    return {name: fn(pair) for name, fn in FEATURES.items()}
