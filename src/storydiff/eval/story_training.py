"""Training the story stage's join-or-new model from story-labelled streams (scripts and benchmarks).

The stream is replayed through a :class:`StoryIndex` with the gold decisions
forced ("teacher forcing"): each article is scored against the live
candidates the index would offer it, each pair labelled by whether the
candidate is the article's gold story, and then the article joins its gold
story (or starts it). The rows therefore look exactly like the decisions the
index faces at run time. The join threshold and the merge threshold (or no
merging) are then chosen together by replaying the same training articles
freely (no forcing) and keeping the pair with the best B-cubed F1, averaged
over two replay orders: the held-out articles never touch them.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable, Iterable, Sequence

from storydiff.eval.bcubed import bcubed

from storydiff.stories.features import StoryFeatures
from storydiff.stories.index import IndexSettings, StoryIndex
from storydiff.stories.model import JoinModel, fit
from storydiff.stories.similarity import Pair, feature_row


def date_order(articles: Sequence[StoryFeatures]) -> list[int]:
    """Positions in date order: dated articles by date (ties keep input order), then undated ones in input order."""
    return sorted(range(len(articles)), key=lambda i: (articles[i].published is None, articles[i].published or ""))


def shuffled_order(count: int, seed: int) -> list[int]:
    """Positions ``0..count-1`` in a seeded random order."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    return order


def teacher_rows(
    stream: Sequence[StoryFeatures], labels: Sequence[str], settings: IndexSettings | None = None
) -> tuple[list[dict[str, float]], list[int]]:
    """Feature rows and 0/1 labels of every (article, live candidate) pair met while replaying ``stream``."""
    index = StoryIndex(settings=settings)
    story_of: dict[str, str] = {}
    label_of: dict[str, str] = {}
    rows: list[dict[str, float]] = []
    targets: list[int] = []
    for article, label in zip(stream, labels, strict=True):
        weighted = index.vocabulary.weigh(article)
        for story in index.candidates(article):
            rows.append(feature_row(Pair(article, weighted, story, index.vocabulary.idf)))
            targets.append(int(label_of[story.id] == label))
        story_id = story_of.get(label)
        if story_id is not None and story_id in index.stories:
            index.join(article, story_id, weighted)
        else:
            story_id = index.start(article, weighted)
            story_of[label] = story_id
            label_of[story_id] = label
    return rows, targets


THRESHOLDS = (0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
MERGE_THRESHOLDS = (None, 0.9)


def replay(
    articles: Sequence[StoryFeatures], order: Iterable[int], model: JoinModel | Callable[[int], JoinModel],
    settings: IndexSettings | None = None, undated_together: int = 0,
) -> dict[str, str]:
    """Article id -> story id after assigning ``articles`` in ``order`` (merged stories relabelled).

    ``model`` is one model, or a function giving the model for an article's
    position (the leave-topics-out benchmark decides each article with the
    model that never saw its topic). ``undated_together``: as ``storydiff
    ingest`` does, runs of consecutive undated articles, this many at most, are
    placed together, least attached to a live story first
    (:meth:`StoryIndex.seeding_order`); 0 places every article in ``order``.
    """
    model_for = model if callable(model) else (lambda _: model)
    index = StoryIndex(settings=settings)
    story_of: dict[str, str] = {}
    members: dict[str, list[str]] = {}

    def place(i: int) -> None:
        placed = index.place(articles[i], model=model_for(i))
        for gone in placed.merged:
            for article_id in members.pop(gone, []):
                story_of[article_id] = placed.story_id
                members.setdefault(placed.story_id, []).append(article_id)
        story_of[articles[i].id] = placed.story_id
        members.setdefault(placed.story_id, []).append(articles[i].id)

    pending: list[int] = []

    def place_pending() -> None:
        together = [articles[i] for i in pending]
        for n in index.seeding_order(together, [model_for(i) for i in pending]):
            place(pending[n])
        pending.clear()

    for i in order:
        if undated_together and articles[i].published is None:
            pending.append(i)
            if len(pending) >= undated_together:
                place_pending()
            continue
        place_pending()
        place(i)
    place_pending()
    return story_of


def train(
    articles: Sequence[StoryFeatures], labels: Sequence[str], *, seeds: Sequence[int] = (1, 2, 3),
    settings: IndexSettings | None = None, l2: float = 1.0,
) -> JoinModel:
    """Fit a join-or-new model on replays of ``articles`` in date order and seeded shuffles, and pick its threshold."""
    rows: list[dict[str, float]] = []
    targets: list[int] = []
    orders = [date_order(articles)] + [shuffled_order(len(articles), seed) for seed in seeds]
    for order in orders:
        more_rows, more_targets = teacher_rows([articles[i] for i in order], [labels[i] for i in order], settings)
        rows += more_rows
        targets += more_targets
    model = fit(rows, targets, l2=l2)
    gold = {a.id: label for a, label in zip(articles, labels, strict=True)}
    best: tuple[float, float, float | None] = (-1.0, model.threshold, None)
    for threshold in THRESHOLDS:
        for merge in MERGE_THRESHOLDS:
            if merge is not None and merge <= threshold:
                continue
            candidate = dataclasses.replace(model, threshold=threshold, merge_threshold=merge)
            f1 = sum(bcubed(replay(articles, order, candidate, settings), gold).f1 for order in orders[:2]) / 2
            if f1 > best[0]:
                best = (f1, threshold, merge)
    return dataclasses.replace(model, threshold=best[1], merge_threshold=best[2])
