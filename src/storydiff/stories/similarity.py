"""How much a new article looks like a live story: a named table of similarity features.

Each feature compares one :class:`StoryFeatures` with one story's running
summary (:class:`StoryState`) and returns a number; the join-or-new model
reads them by name (``FEATURE_NAMES``), never by position. Term weights use an
online document frequency (:class:`Vocabulary`), so rare words (a town, a
victim's name) count for more than common ones as the corpus grows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from storydiff.stories.features import StoryFeatures, sublinear

STORY_TERMS_KEPT = 100  # a story keeps its heaviest terms; memory per story stays bounded
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
    """Online document frequencies of terms, names (``@``) and numbers (``#``)."""

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
        day = article.day
        if day is not None:
            self.first_day = day if self.first_day is None else min(self.first_day, day)
            self.last_day = day if self.last_day is None else max(self.last_day, day)
        for into, weights in ((self.lede, weighted.lede), (self.body, weighted.body),
                              (self.names, weighted.names), (self.numbers, weighted.numbers),
                              (self.lede_names, weighted.lede_names)):
            _fold(into, weights)
        self.body_norm = math.sqrt(sum(w * w for w in self.body.values())) or 1.0

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
        )


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


@dataclass(frozen=True, slots=True)
class Pair:
    """What a similarity feature reads: the article, its weighted maps, and one live story."""

    article: StoryFeatures
    weighted: Weighted
    story: StoryState


Similarity = Callable[[Pair], float]

# name -> feature; the model file stores these names and loading checks them.
# "mean" features are the article's average cosine to the story's members (average link);
# "cosine" features compare it with the story's centroid.
FEATURES: dict[str, Similarity] = {
    "dense_cosine": lambda p: float(np.dot(p.article.vector, p.story.centroid)),  # title+lede embedding
    "dense_mean": lambda p: float(np.dot(p.article.vector, p.story.vector_sum)) / p.story.size,
    "lede_mean": lambda p: _dot(p.weighted.lede, p.story.lede) / p.story.size,  # title+lede words
    "body_mean": lambda p: _dot(p.weighted.body, p.story.body) / p.story.size,  # all words
    "body_cosine": lambda p: _dot(p.weighted.body, p.story.body) / p.story.body_norm,
    "names_mean": lambda p: _dot(p.weighted.names, p.story.names) / p.story.size,  # rare names in common
    "lede_names_mean": lambda p: _dot(p.weighted.lede_names, p.story.lede_names) / p.story.size,  # actors, places
    "lede_names_unseen": lambda p: _unseen(p.weighted.lede_names, p.story.names),  # lede names new to the story
    "numbers_mean": lambda p: _dot(p.weighted.numbers, p.story.numbers) / p.story.size,  # figures, years
    "log_size": lambda p: math.log1p(p.story.size),  # big stories attract; the model learns how much
}
FEATURE_NAMES: tuple[str, ...] = tuple(FEATURES)


def feature_row(pair: Pair) -> dict[str, float]:
    """Every similarity feature of one article against one story, by name."""
    return {name: fn(pair) for name, fn in FEATURES.items()}
