"""Online story clustering: each new article joins a live story or starts one.

The :class:`StoryIndex` keeps only *live* stories: those that grew within the
last ``window_articles`` articles of the stream. (A window in days would drop
live stories whenever a stream arrives out of date order, as backfills do;
dates act through the time prior instead.) A new article is compared with the few live stories
whose centroids are nearest to its vector (a faiss inner-product search over
one matrix of centroids; past ``EXACT_UP_TO`` live stories, over the
``PREFILTER`` nearest by the Hamming distance of their sign codes), each
candidate is scored by the join-or-new model
over the named similarity features, and a time prior lowers the odds of
joining a story whose dates lie far from the article's. The best candidate
is joined when its probability reaches the model's threshold; otherwise the
article starts a story. Work per article depends on the live window, not on
the size of the corpus.

The state is plain data (:meth:`StoryIndex.to_dict`), so a store can persist
it and a later run continues exactly where this one stopped. The index keeps
no article lists: the caller records which story each article joined.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import faiss
import numpy as np

from storydiff.errors import ConfigError
from storydiff.stories.dates import month_number
from storydiff.stories.features import StoryFeatures
from storydiff.stories.model import JoinModel, load_model, sigmoid
from storydiff.stories.similarity import Pair, StoryState, Vocabulary, Weighted, feature_row

STATE_FORMAT = "storydiff-story-index/2"  # 2: member vectors, name counts
_EXPIRE_EVERY = 64  # sweep the live window every so many articles
UNDATED_TOGETHER = 256  # undated articles of one ingest placed together, least attached first (seeding_order)
# Past this many live stories the nearest centroids are found in two steps: the PREFILTER nearest by the
# Hamming distance of their sign codes (the sign of each dimension, 384 bits for 384 dimensions), then the
# exact inner product over those. An exact search reads every centroid, 1.5 KB each; a code is 48 bytes.
# On real embeddings the two steps keep the exact search's ten nearest (benchmarks/candidate_recall.py).
EXACT_UP_TO = 1024
PREFILTER = 128


@dataclass(frozen=True, slots=True)
class IndexSettings:
    """How the index trades recall for flat cost; stored with the state."""

    candidates: int = 10  # live stories scored per article
    window_articles: int = 10_000  # a story not grown over this many articles leaves the live window
    grace_days: float = 3.0  # a time gap this short counts as the same news cycle
    decay_days: float = 2.0  # beyond the grace, each this many days cost one unit of log-odds
    same_cycle_bonus: float = 2.0  # log-odds added when both are dated within the grace

    def __post_init__(self) -> None:
        if self.candidates < 1 or self.window_articles < 1 or self.decay_days <= 0:
            raise ConfigError(f"story index settings must be positive: {self}")


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one article went: its story, whether it started it, the join probability, and merged stories.

    ``merged`` lists live stories folded into ``story_id`` because the article
    linked them too (the model's ``merge_threshold``): their articles now
    belong to ``story_id``, and the caller relabels them.
    """

    article_id: str
    story_id: str
    is_new: bool
    probability: float
    merged: tuple[str, ...] = ()


class StoryIndex:
    """The live stories of one corpus and the rule that grows them."""

    def __init__(self, model: JoinModel | None = None, settings: IndexSettings | None = None) -> None:
        self.model = model
        self.settings = settings or IndexSettings()
        self.vocabulary = Vocabulary()
        self.stories: dict[str, StoryState] = {}
        self.seq = 0  # articles assigned so far
        self.next_story = 1
        self.expired = 0
        self._matrix = np.zeros((0, 0), dtype=np.float32)  # one row per slot: a live story's centroid
        self._codes = np.zeros((0, 0), dtype=np.uint8)  # ... and its sign code (one bit per dimension)
        self._slot_of: dict[str, int] = {}
        self._story_at: list[str | None] = []
        self._free: list[int] = []

    # -- assigning --------------------------------------------------------------------------------

    def assign(self, article: StoryFeatures, *, model: JoinModel | None = None) -> str:
        """Put ``article`` into a live story or a new one; return the story's id (merges: use :meth:`place`)."""
        return self.place(article, model=model).story_id

    def place(self, article: StoryFeatures, *, model: JoinModel | None = None) -> Assignment:
        """Like :meth:`assign`, with the decision's probability (``model`` overrides for this article)."""
        chosen = model or self.model or load_model()
        weighted = self.vocabulary.weigh(article)
        scored = self._scored(article, weighted, chosen)
        best_p, best = scored[0] if scored else (-1.0, None)
        if best is not None and best_p >= chosen.threshold:
            self.join(article, best.id, weighted)
            merge_at = chosen.merge_threshold
            merged = tuple(self.merge(best.id, other.id) for p, other in scored[1:]
                           if merge_at is not None and p >= merge_at)
            return Assignment(article.id, best.id, False, best_p, merged)
        story_id = self.start(article, weighted)
        return Assignment(article.id, story_id, True, max(best_p, 0.0))

    def _scored(self, article: StoryFeatures, weighted: Weighted, model: JoinModel) -> list[tuple[float, StoryState]]:
        """The candidates with the probability that the article joins each, the likeliest first."""
        scored = []
        for story in self.candidates(article):
            logit = model.logit(feature_row(Pair(article, weighted, story, self.vocabulary.idf)))
            scored.append((sigmoid(logit + self.time_prior(article, story)), story))
        scored.sort(key=lambda ps: -ps[0])
        return scored

    def attachment(self, article: StoryFeatures, *, model: JoinModel | None = None) -> float:
        """The probability that ``article`` joins its likeliest live story (0 with none live); changes nothing."""
        scored = self._scored(article, self.vocabulary.weigh(article), model or self.model or load_model())
        return scored[0][0] if scored else 0.0

    def seeding_order(
        self, articles: Sequence[StoryFeatures], models: Sequence[JoinModel | None] | None = None,
    ) -> list[int]:
        """Positions of ``articles`` in the order to place them together: least attached to a live story first.

        For undated articles that arrive together (``UNDATED_TOGETHER`` at a
        time in ``storydiff ingest``): with no date to order them, the ones
        least like any live story go first and start their stories, and the
        ones that look like an existing story are decided once those stand.
        Placed in input order instead, the first article of a look-alike
        event (the second earthquake, the other player's arrest) that meets
        only the first event's story joins it, and its own event's articles
        follow. ``models``: one per article (None: the index's).
        """
        attached = [self.attachment(a, model=models[n] if models else None) for n, a in enumerate(articles)]
        return sorted(range(len(articles)), key=lambda n: (attached[n], n))

    def candidates(self, article: StoryFeatures) -> list[StoryState]:
        """The live stories whose centroids are nearest to the article's vector, nearest first."""
        used = len(self._story_at)
        if used == 0:
            return []
        k = min(self.settings.candidates, used)
        query = np.ascontiguousarray(article.vector.reshape(1, -1), dtype=np.float32)
        if len(self.stories) <= EXACT_UP_TO:
            _, found = faiss.knn(query, self._matrix[:used], k, metric=faiss.METRIC_INNER_PRODUCT)
            slots = found[0]
        else:
            threads = faiss.omp_get_max_threads()
            faiss.omp_set_num_threads(1)  # one query: threads only spin (twice the CPU on 2 cores)
            try:
                _, near = faiss.knn_hamming(_sign_code(query), self._codes[:used], min(PREFILTER, used),
                                            variant="mc")
            finally:
                faiss.omp_set_num_threads(threads)
            _, found = faiss.knn(query, self._matrix[near[0]], k, metric=faiss.METRIC_INNER_PRODUCT)
            slots = near[0][found[0]]
        out = []
        for slot in slots:
            story_id = self._story_at[slot] if slot >= 0 else None
            if story_id is not None:
                out.append(self.stories[story_id])
        return out

    def time_prior(self, article: StoryFeatures, story: StoryState) -> float:
        """Log-odds added for the days between the article and the story's dates (0 when either is undated).

        Within the grace the bonus applies; beyond it the odds fall by one
        unit per ``decay_days``, so articles weeks apart rarely share a story.
        A follow-up that looks back to the story's time pays nothing instead
        (:func:`cites_story_time`): the text itself places it there.
        """
        day = article.day
        if day is None or story.first_day is None or story.last_day is None:
            return 0.0
        gap = story.first_day - day if day < story.first_day else max(0, day - story.last_day)
        if gap <= self.settings.grace_days:
            return self.settings.same_cycle_bonus
        if cites_story_time(article, story):
            return 0.0  # a follow-up that says it reports the story's time (a trial of last year's shooting)
        return min(self.settings.same_cycle_bonus, 0.0) - (gap - self.settings.grace_days) / self.settings.decay_days

    def start(self, article: StoryFeatures, weighted: Weighted | None = None) -> str:
        """Start a new story with ``article``; return its id."""
        story_id = f"s{self.next_story}"
        self.next_story += 1
        self.stories[story_id] = StoryState(story_id, np.zeros_like(article.vector, dtype=np.float32))
        self._grow(article, story_id, weighted)
        return story_id

    def join(self, article: StoryFeatures, story_id: str, weighted: Weighted | None = None) -> None:
        """Add ``article`` to the live story ``story_id`` (used by :meth:`place`, training and replays)."""
        if story_id not in self.stories:
            raise ConfigError(f"story {story_id!r} is not live in this index (expired or unknown)")
        self._grow(article, story_id, weighted)

    def _grow(self, article: StoryFeatures, story_id: str, weighted: Weighted | None) -> None:
        self.seq += 1
        story = self.stories.pop(story_id)
        self.stories[story_id] = story  # ``stories`` stays in order of last growth, so expiry reads its head only
        story.add(article, weighted or self.vocabulary.weigh(article), self.seq)
        self.vocabulary.add(article)
        self._put(story)
        if self.seq % _EXPIRE_EVERY == 0:
            self.expire()

    def merge(self, keep: str, gone: str) -> str:
        """Fold the live story ``gone`` into ``keep`` (an article linked both); ``gone`` leaves the index.

        Returns ``gone``: the caller relabels that story's articles as ``keep``.
        """
        self.stories[keep].absorb(self.stories[gone])
        self._drop(gone)
        self.stories[keep] = self.stories.pop(keep)  # keep the order of last growth
        self._put(self.stories[keep])
        return gone

    # -- the live window --------------------------------------------------------------------------

    def expire(self) -> list[str]:
        """Drop the stories that left the live window; return their ids."""
        gone = []
        for story in self.stories.values():  # least recently grown first
            if story.last_seq >= self.seq - self.settings.window_articles:
                break
            gone.append(story.id)
        for story_id in gone:
            self._drop(story_id)
        self.expired += len(gone)
        return gone

    def _drop(self, story_id: str) -> None:
        slot = self._slot_of.pop(story_id)
        self._matrix[slot] = 0.0
        self._codes[slot] = 0
        self._story_at[slot] = None
        self._free.append(slot)
        del self.stories[story_id]

    def _put(self, story: StoryState) -> None:
        slot = self._slot_of.get(story.id)
        if slot is None:
            if self._free:
                slot = self._free.pop()
                self._story_at[slot] = story.id
            else:
                slot = len(self._story_at)
                self._story_at.append(story.id)
                if slot >= len(self._matrix):
                    self._matrix = _grown(self._matrix, slot, story.vector_sum.shape[0])
                    self._codes = _grown(self._codes, slot, _code_bytes(self._matrix))
            self._slot_of[story.id] = slot
        self._matrix[slot] = story.centroid
        self._codes[slot] = _sign_code(self._matrix[slot])

    # -- plain data -------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The whole state as JSON-ready data; :meth:`from_dict` continues from it identically."""
        return {
            "format": STATE_FORMAT,
            "settings": asdict(self.settings),
            "seq": self.seq,
            "next_story": self.next_story,
            "expired": self.expired,
            "documents": self.vocabulary.documents,
            "frequency": self.vocabulary.frequency,
            "dimensions": int(self._matrix.shape[1]),
            "slots": self._story_at,
            "free": self._free,
            "stories": [story.to_dict() for story in self.stories.values()],  # in order of last growth
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], model: JoinModel | None = None) -> StoryIndex:
        """Rebuild an index written by :meth:`to_dict`."""
        if data.get("format") != STATE_FORMAT:
            raise ConfigError(f"story index state has format {data.get('format')!r}, expected {STATE_FORMAT!r}")
        index = cls(model, IndexSettings(**data["settings"]))
        index.seq = int(data["seq"])
        index.next_story = int(data["next_story"])
        index.expired = int(data["expired"])
        index.vocabulary = Vocabulary(int(data["documents"]), dict(data["frequency"]))
        ordered = sorted(data["stories"], key=lambda s: int(s["last_seq"]))  # order of last growth, for expiry
        index.stories = {s["id"]: StoryState.from_dict(s) for s in ordered}
        index._story_at = list(data["slots"])
        index._free = list(data["free"])
        index._slot_of = {s: i for i, s in enumerate(index._story_at) if s is not None}
        index._matrix = np.zeros((len(index._story_at), int(data["dimensions"])), dtype=np.float32)
        for story_id, slot in index._slot_of.items():
            index._matrix[slot] = index.stories[story_id].centroid
        index._codes = _sign_code(index._matrix)
        return index


def cites_story_time(article: StoryFeatures, story: StoryState) -> bool:
    """Whether a dated article looks back to the story's time, or the story's members look back to the article's.

    It does when it prints a month before its own publication month that
    falls within the story's dates or among the months the members print
    ("charged in an April 2007 shooting", printed in 2008), or when the
    members print the article's month, earlier than the story's first date.
    Months of the article's own month or later do not count: news a few
    weeks apart cites the same recent and coming months whether or not it
    reports the same event (BASIL date order fell from 0.987 to 0.969 when
    they did).
    """
    now = article.month
    if now is None or story.first_day is None or story.last_day is None:
        return False
    first, last = (month_number(date.fromordinal(d)) for d in (story.first_day, story.last_day))
    if any(m < now and (first <= m <= last or m in story.cited_months) for m in article.cited_months):
        return True
    return now < first and now in story.cited_months


def _sign_code(vectors: np.ndarray) -> np.ndarray:
    """One bit per dimension, set where the value is positive (rows packed into bytes; zero rows: all clear)."""
    return np.packbits(vectors > 0, axis=-1)


def _code_bytes(matrix: np.ndarray) -> int:
    return (matrix.shape[1] + 7) // 8


def _grown(matrix: np.ndarray, needed: int, dims: int) -> np.ndarray:
    """A copy of ``matrix`` with room for row ``needed`` (capacity doubles, so growth is amortised)."""
    capacity = max(64, 2 * len(matrix), needed + 1)
    out = np.zeros((capacity, dims), dtype=matrix.dtype)
    if len(matrix):
        out[: len(matrix)] = matrix
    return out

