"""Look-alike events kept apart, follow-ups joined, and two halves of one story merged by an article linking both."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from storydiff.eval.story_training import replay, shuffled_order
from storydiff.stories import (
    FEATURE_NAMES,
    IndexSettings,
    JoinModel,
    StoryFeatures,
    StoryIndex,
    describe_many,
    load_model,
)

# (id, date, title, text): two ferry strikes a week apart in two ports, each with a follow-up.
FERRIES = [
    ("brindle-1", "2026-05-04", "Ferry crews strike in Port Brindle",
     "Ferry crews in Port Brindle walked off the job on Monday, stranding about 4,000 commuters on the "
     "Oster Island route. The Brindle Seafarers Guild said its 310 members want a 9 percent raise; "
     "harbour master Lena Vasquez said no sailings would leave before Wednesday."),
    ("brindle-2", "2026-05-05", "Port Brindle ferry strike enters second day",
     "The strike by Port Brindle ferry crews went into a second day on Tuesday, with commuters to Oster "
     "Island queuing for a single chartered boat. Harbour master Lena Vasquez said talks with the Brindle "
     "Seafarers Guild over its 9 percent pay demand would resume on Wednesday."),
    ("caskey-1", "2026-05-11", "Ferry workers walk out in Caskey Harbour",
     "Deckhands and engineers on the Caskey Harbour ferries went on strike on Monday over night-shift "
     "rosters, cancelling the crossings to Merrow Point. Union organiser Tobias Renn said 85 workers had "
     "joined the walkout, and the operator, Gullwing Lines, called it unlawful."),
    ("caskey-2", "2026-05-12", "Gullwing Lines takes Caskey ferry strikers to court",
     "Gullwing Lines asked a court on Tuesday to halt the strike by its Caskey Harbour deckhands and "
     "engineers, which has cut the Merrow Point crossings since Monday. Tobias Renn, who organised the "
     "walkout of 85 workers over night-shift rosters, said the union would fight the case."),
]
GOLD = {"brindle-1": "brindle", "brindle-2": "brindle", "caskey-1": "caskey", "caskey-2": "caskey"}


def _described(dated: bool) -> list[StoryFeatures]:
    return describe_many([(aid, text, title, day if dated else None) for aid, day, title, text in FERRIES])


@pytest.fixture(scope="module")
def dated() -> list[StoryFeatures]:
    return _described(dated=True)


@pytest.fixture(scope="module")
def undated() -> list[StoryFeatures]:
    return _described(dated=False)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_two_ferry_strikes_stay_apart_and_follow_ups_join_in_any_order(dated, seed):
    story = replay(dated, shuffled_order(len(dated), seed), load_model())
    assert story["brindle-2"] == story["brindle-1"]
    assert story["caskey-2"] == story["caskey-1"]
    assert story["caskey-1"] != story["brindle-1"]


def test_without_dates_the_names_alone_keep_the_strikes_apart(undated):
    # no time prior here: the ports, the union, the people and the figures differ
    story = replay(undated, range(len(undated)), load_model())
    assert story == {"brindle-1": story["brindle-1"], "brindle-2": story["brindle-1"],
                     "caskey-1": story["caskey-1"], "caskey-2": story["caskey-1"]}
    assert story["brindle-1"] != story["caskey-1"]


def _unit(*parts: float) -> np.ndarray:
    vector = np.zeros(384, dtype=np.float32)
    vector[: len(parts)] = parts
    return vector / np.linalg.norm(vector)


def _bare(article_id: str, vector: np.ndarray) -> StoryFeatures:
    return StoryFeatures(article_id, vector, {}, {})


# A model that reads the embedding only: joins at cosine ~0.6 and above, merges a second story as likely.
_DENSE_ONLY = JoinModel(
    names=FEATURE_NAMES,
    weights=tuple(10.0 if name == "dense_cosine" else 0.0 for name in FEATURE_NAMES),
    mean=(0.6,) + (0.0,) * (len(FEATURE_NAMES) - 1),
    scale=(1.0,) * len(FEATURE_NAMES),
    bias=0.0,
    threshold=0.5,
    merge_threshold=0.7,
)


def test_an_article_linking_two_stories_merges_them_and_the_state_round_trips():
    index = StoryIndex(_DENSE_ONLY)
    first = index.place(_bare("north", _unit(1, 0)))
    second = index.place(_bare("south", _unit(0, 1)))
    assert first.is_new and second.is_new and first.story_id != second.story_id
    bridge = index.place(_bare("bridge", _unit(1, 1)))  # cosine 0.71 with both: joins one, merges the other
    assert not bridge.is_new
    assert bridge.merged == (({first.story_id, second.story_id} - {bridge.story_id}).pop(),)
    assert list(index.stories) == [bridge.story_id]
    assert index.stories[bridge.story_id].size == 3
    restored = StoryIndex.from_dict(json.loads(json.dumps(index.to_dict())), _DENSE_ONLY)
    assert restored.to_dict() == index.to_dict()
    assert restored.place(_bare("later", _unit(1, 1, 1))) == index.place(_bare("later", _unit(1, 1, 1)))


def test_replay_relabels_the_articles_of_a_merged_story():
    articles = [_bare("north", _unit(1, 0)), _bare("south", _unit(0, 1)), _bare("bridge", _unit(1, 1))]
    story = replay(articles, [0, 1, 2], _DENSE_ONLY)
    assert len(set(story.values())) == 1
    apart = replay(articles, [0, 1, 2], dataclasses.replace(_DENSE_ONLY, merge_threshold=None))
    assert len(set(apart.values())) == 2  # without merging, the bridge joins one half only


def test_expiry_drops_the_least_recently_grown_story_not_the_oldest():
    index = StoryIndex(_DENSE_ONLY, IndexSettings(window_articles=1))
    north = index.assign(_bare("north", _unit(1, 0)))
    south = index.assign(_bare("south", _unit(0, 1)))
    assert index.assign(_bare("north-2", _unit(1, 0.1))) == north  # the first story grows again
    east = index.assign(_bare("east", _unit(0, 0, 1)))
    restored = StoryIndex.from_dict(json.loads(json.dumps(index.to_dict())), _DENSE_ONLY)
    for copy in (index, restored):
        assert copy.expire() == [south]
        assert list(copy.stories) == [north, east]


def test_undated_articles_placed_together_go_least_attached_first(undated):
    """The other port's strike starts its story before the Brindle follow-up is decided; nothing changes meanwhile."""
    by_id = {f.id: f for f in undated}
    index = StoryIndex(load_model())
    assert index.attachment(by_id["brindle-2"]) == 0.0  # nothing live yet
    index.place(by_id["brindle-1"])
    before = json.dumps(index.to_dict(), sort_keys=True)
    follow_up, other_port = index.attachment(by_id["brindle-2"]), index.attachment(by_id["caskey-1"])
    assert follow_up > load_model().threshold > other_port
    order = index.seeding_order([by_id["brindle-2"], by_id["caskey-1"], by_id["caskey-2"]])
    assert sorted(order) == [0, 1, 2] and order[-1] == 0  # the Caskey articles first, in either order
    assert json.dumps(index.to_dict(), sort_keys=True) == before  # scoring joined nothing


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_undated_articles_placed_together_keep_the_strikes_apart(undated, seed):
    story = replay(undated, shuffled_order(len(undated), seed), load_model(), undated_together=256)
    assert story["brindle-1"] == story["brindle-2"] != story["caskey-1"] == story["caskey-2"]


def _random_stories(count: int, seed: int) -> tuple[StoryIndex, np.ndarray]:
    """An index of ``count`` one-article stories in random directions (none close enough to join another)."""
    directions = np.random.default_rng(seed).standard_normal((count, 384)).astype(np.float32)
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    index = StoryIndex(_DENSE_ONLY)
    for n, vector in enumerate(directions):
        assert index.place(_bare(f"a{n}", vector)).is_new
    return index, directions


def test_past_exact_up_to_the_sign_code_prefilter_finds_what_the_exact_search_finds(monkeypatch):
    import storydiff.stories.index as story_index

    index, directions = _random_stories(story_index.EXACT_UP_TO + 200, seed=5)
    noise = np.random.default_rng(6).standard_normal((50, 384)).astype(np.float32)
    close = 0
    for n in range(50):  # an article close to story n, and one in a direction of its own
        for vector in (directions[n] + 0.05 * noise[n], noise[n]):
            query = _bare("q", (vector / np.linalg.norm(vector)).astype(np.float32))
            prefiltered = {s.id for s in index.candidates(query)}
            with monkeypatch.context() as patched:
                patched.setattr(story_index, "EXACT_UP_TO", 10**9)
                exact = index.candidates(query)
            # every candidate that could matter is found; the rest of the ten are random directions anyway
            similar = {s.id for s in exact if float(s.centroid @ query.vector) >= 0.3}
            assert similar <= prefiltered
            close += len(similar)
    assert close == 50  # each near article had its story among the similar ones


def test_the_prefiltered_index_round_trips_and_continues_identically(monkeypatch):
    import storydiff.stories.index as story_index

    monkeypatch.setattr(story_index, "EXACT_UP_TO", 8)  # the two-step search from the ninth live story on
    monkeypatch.setattr(story_index, "PREFILTER", 4)
    index, directions = _random_stories(40, seed=7)
    restored = StoryIndex.from_dict(json.loads(json.dumps(index.to_dict())), _DENSE_ONLY)
    follow_ups = [_bare(f"f{n}", (directions[n] + 0.2 * directions[n + 1]) / 1.02) for n in range(0, 30, 3)]
    placed = [index.place(f) for f in follow_ups]
    assert [restored.place(f) for f in follow_ups] == placed
    assert restored.to_dict() == index.to_dict()
    assert sum(not p.is_new for p in placed) >= 8  # the follow-ups found their stories through the prefilter
