"""Story clustering on articles we wrote: look-alike storms, a follow-up, and a storm a month later."""

from __future__ import annotations

import json

import numpy as np
import pytest

from storydiff.errors import InputError, ModelError
from storydiff.eval.bcubed import bcubed
from storydiff.stories import (
    FEATURE_NAMES,
    IndexSettings,
    JoinModel,
    StoryFeatures,
    StoryIndex,
    describe,
    describe_many,
    load_model,
)

# (id, date, title, text): two storms in one week in two towns, a follow-up on each,
# and a new storm in the first town a month later.
ARTICLES = [
    ("millbrook-1", "2026-03-01", "Storm tears roofs off homes in Millbrook",
     "A violent storm tore the roofs off forty homes in Millbrook on Sunday night, Mayor Dana Ortiz said. "
     "Winds of 110 km/h brought down power lines along the Harlow River and left 3,200 households without "
     "electricity. Ortiz said no one was killed but two people were treated for cuts at Millbrook General."),
    ("westport-1", "2026-03-04", "Hail storm floods streets in Westport",
     "A hail storm flooded the centre of Westport on Wednesday afternoon, and fire chief Samuel Keane said "
     "crews rescued 12 people from cars stranded on Bay Road. Hailstones the size of golf balls smashed "
     "windows at the Westport ferry terminal, which stays closed until Friday."),
    ("millbrook-2", "2026-03-02", "Millbrook starts clean-up after Sunday storm",
     "Residents of Millbrook began clearing debris on Monday after Sunday night's storm ripped the roofs off "
     "forty homes. Mayor Dana Ortiz said power had returned to most of the 3,200 households cut off along the "
     "Harlow River, and that Millbrook General had discharged the two people hurt."),
    ("westport-2", "2026-03-05", "Westport ferry terminal reopens after hail damage",
     "The Westport ferry terminal will reopen on Friday after Wednesday's hail storm smashed its windows, "
     "fire chief Samuel Keane said. Bay Road, where 12 people were rescued from stranded cars, has been "
     "cleared of water."),
    ("millbrook-3", "2026-04-02", "Second storm hits Millbrook",
     "A storm swept through Millbrook on Thursday, a month after the last one, bringing down trees on the "
     "Harlow River path. Mayor Dana Ortiz said a few roofs were damaged and some households lost power "
     "for several hours."),
]


@pytest.fixture(scope="module")
def features() -> list[StoryFeatures]:
    ordered = sorted(ARTICLES, key=lambda a: a[1])
    return describe_many([(article_id, text, title, day) for article_id, day, title, text in ordered])


def test_follow_ups_join_their_story_and_look_alikes_stay_apart(features):
    index = StoryIndex()
    story = {f.id: index.assign(f) for f in features}
    assert story["millbrook-2"] == story["millbrook-1"]
    assert story["westport-2"] == story["westport-1"]
    assert story["westport-1"] != story["millbrook-1"]


def test_a_storm_a_month_later_starts_its_own_story(features):
    index = StoryIndex()
    story = {f.id: index.assign(f) for f in features}
    assert story["millbrook-3"] not in {story["millbrook-1"], story["westport-1"]}
    assert len(set(story.values())) == 3


def test_state_round_trips_through_plain_data_and_continues_identically(features):
    original = StoryIndex()
    for f in features[:3]:
        original.assign(f)
    saved = json.loads(json.dumps(original.to_dict()))
    restored = StoryIndex.from_dict(saved)
    assert restored.to_dict() == original.to_dict()
    rest = [StoryFeatures.from_dict(json.loads(json.dumps(f.to_dict()))) for f in features[3:]]
    assert [restored.place(f) for f in rest] == [original.place(f) for f in features[3:]]
    assert restored.to_dict() == original.to_dict()


def test_model_file_must_carry_todays_feature_names():
    data = load_model().to_dict()
    assert tuple(data["features"]) == FEATURE_NAMES
    data["features"] = [*data["features"][1:], "unknown_feature"]
    with pytest.raises(ModelError, match=r"rerun scripts/train_stories\.py"):
        JoinModel.from_dict(data)


def test_a_bad_date_names_the_article():
    with pytest.raises(InputError, match="storm-note"):
        describe("storm-note", "A storm passed.", published="last Sunday", vector=np.ones(384, dtype=np.float32))


def test_bcubed_scores_each_article_by_its_cluster_and_its_story():
    # "a" is put with "b" although they report different storms; "b" and "c" share a storm but were split.
    score = bcubed({"a": "s1", "b": "s1", "c": "s2"}, {"a": "millbrook", "b": "westport", "c": "westport"})
    assert (round(score.precision, 4), round(score.recall, 4), round(score.f1, 4)) == (0.6667, 0.6667, 0.6667)
    assert bcubed({"a": "s1", "b": "s2"}, {"a": "x", "b": "y"}).f1 == 1.0


def test_stories_leave_the_live_window_and_the_state_still_round_trips(features):
    index = StoryIndex(settings=IndexSettings(window_articles=1))
    story = {f.id: index.assign(f) for f in features[:4]}  # millbrook-1, millbrook-2, westport-1, westport-2
    assert index.expire() == [story["millbrook-1"]]
    assert list(index.stories) == [story["westport-1"]]
    restored = StoryIndex.from_dict(json.loads(json.dumps(index.to_dict())))
    # the month-later Millbrook storm can only start a story now, in both copies, in the freed slot
    assert restored.place(features[4]) == index.place(features[4])
    assert restored.to_dict() == index.to_dict()
    assert len(index.stories) == 2
