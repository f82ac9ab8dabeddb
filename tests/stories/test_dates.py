"""Months an article cites, and the late follow-up that cites its story's month joining it despite the gap."""

from __future__ import annotations

import pytest

from storydiff.eval.story_training import replay
from storydiff.stories import StoryFeatures, StoryIndex, describe_many, load_model
from storydiff.stories.dates import find_months


def _months(text: str, published: str | None) -> list[tuple[int, int]]:
    return sorted((m // 12, m % 12 + 1) for m in find_months(text, published))


def test_months_printed_with_a_year_a_day_or_after_in():
    assert _months("He was charged in an April 2007 shooting at a Troy office.", "2008-04-30") == [(2007, 4)]
    assert _months("The escape on 30 November 2009 led to the warden's firing.", None) == [(2009, 11)]
    # no year: the month nearest to publication, behind or ahead
    assert _months("The Nov. 30 escape cost the warden his job.", "2010-01-12") == [(2009, 11)]
    assert _months("She shot two co-workers in September at the plant.", "2010-12-07") == [(2010, 9)]
    assert _months("The budget keeps the offices open until Feb. 15.", "2019-01-25") == [(2019, 2)]


def test_no_month_without_a_date_or_from_the_verb_may():
    assert _months("The Nov. 30 escape cost the warden his job.", None) == []  # undated: no year to place it
    assert _months("Officials may 3 times delay it; the March went on.", "2020-06-01") == []


# (id, date, title, text): a warehouse shooting, its follow-up, and the trial eleven months later
SHOOTING = [
    ("kelby-1", "2025-03-10", "Two wounded in shooting at Kelby Mills warehouse",
     "A gunman wounded two workers at the Kelby Mills warehouse in Dunmore on Monday, police chief Aisha "
     "Barrow said. Officers arrested Corin Tellis, 41, a former forklift driver, in the car park."),
    ("kelby-2", "2025-03-11", "Kelby Mills suspect was fired last month, police say",
     "Corin Tellis, arrested after Monday's shooting at the Kelby Mills warehouse in Dunmore, had been "
     "fired in February, police chief Aisha Barrow said. Both wounded workers are in stable condition."),
]
TRIAL = ("kelby-trial", "2026-02-09", "Trial opens for Kelby Mills gunman",
         "The trial of Corin Tellis opened in Dunmore on Monday. Tellis is charged with attempted murder over "
         "the March 2025 shooting at the Kelby Mills warehouse that wounded two workers, prosecutors said.")


@pytest.fixture(scope="module")
def shooting() -> list[StoryFeatures]:
    vague = (TRIAL[0] + "-vague", TRIAL[1], TRIAL[2], TRIAL[3].replace("the March 2025 shooting", "the shooting"))
    return describe_many([(aid, text, title, day) for aid, day, title, text in [*SHOOTING, TRIAL, vague]])


def test_a_late_follow_up_that_cites_the_story_month_pays_no_decay(shooting):
    index = StoryIndex()
    story_id = index.assign(shooting[0])
    index.join(shooting[1], story_id)
    story = index.stories[story_id]
    assert index.time_prior(shooting[2], story) == 0.0  # cites March 2025, the story's month
    assert index.time_prior(shooting[3], story) < -100  # the same report without the month: 11 months of decay
    # a month it was itself printed in looks back to nothing: a report 18 days on, citing March, pays the decay
    (late,) = describe_many([("kelby-late", "Corin Tellis stays in custody after the March 10 shooting at Kelby Mills.",
                              "Kelby Mills suspect held", "2025-03-28")])
    assert index.time_prior(late, story) < -5


def test_the_trial_joins_the_shooting_only_when_it_says_when_the_shooting_was(shooting):
    model = load_model()
    cited = replay(shooting[:3], range(3), model)
    assert cited["kelby-trial"] == cited["kelby-1"] == cited["kelby-2"]
    vague = replay([*shooting[:2], shooting[3]], range(3), model)
    assert vague["kelby-trial-vague"] != vague["kelby-1"]


def test_the_story_also_answers_for_an_earlier_article_its_members_cite(shooting):
    # in reverse order the trial starts the story; the shooting's report is dated in the month the trial cites
    index = StoryIndex()
    story_id = index.assign(shooting[2])
    assert index.time_prior(shooting[0], index.stories[story_id]) == 0.0
    restored = StoryIndex.from_dict(index.to_dict())
    assert restored.stories[story_id].cited_months == index.stories[story_id].cited_months
