"""The story's rarer words as evidence of one fact (align/vocabulary.py and its use in align/facts.py)."""

from __future__ import annotations

import pytest
from brief_relations import relations_between

from storydiff.align.relations import terms_of
from storydiff.align.vocabulary import MIN_CLAIMS, Vocabulary, as_printed, scarce_pairs, words_of
from storydiff.align.facts import _people_differ
from storydiff.models import Article, Brief, Claim, Relation
from storydiff.pipeline import build_brief
from storydiff.render.summary import sections

# Two reports of one story in our own words, long enough (over MIN_CLAIMS fact claims together) for
# word counts to mean something. Facts both state in other words: the quarry's lorries used the crest road;
# the water board says no home below the dam is at risk.
GAZETTE = Article(id="G", source="gazette.txt", outlet="Marrowby Gazette", published="2025-04-02", text=(
    "Engineers closed the Oakmere dam road on Tuesday after a routine survey found cracks in the spillway.\n\n"
    "The county said the road would stay shut while divers examined the base of the wall.\n\n"
    "About 1,400 lorries a week used the crest road to reach the quarry at Fellside, hauliers said.\n\n"
    "The detour through Marrowby adds eleven miles to each trip.\n\n"
    "Shopkeepers on the high street said the extra traffic had already slowed deliveries.\n\n"
    "The reservoir was built in 1931 and last strengthened in the 1980s.\n\n"
    "Its water level was lowered by two metres as a precaution.\n\n"
    "A spokeswoman for the water board said there was no risk to homes below the dam.\n\n"
    "Residents of the lower valley received letters explaining the closure.\n\n"
    "The survey team used drones to photograph the downstream face.\n\n"
    "Councillor Ada Brennan called for a timetable for the repairs.\n\n"
    "She said farmers on the far side of the valley now faced long journeys to market.\n\n"
    "The bus company has moved its Fellside stop to the village green.\n\n"
    "A public meeting is planned for next Thursday in the parish hall.\n\n"
    "Anglers have been asked to keep away from the spillway.\n\n"
    "The last full inspection of the wall took place six years ago.\n\n"
    "The county has set aside money for emergency works this year.\n\n"
    "The council leader said she was prepared to sign the haulage order for the quarry traffic.\n\n"
    "Quarry manager Owen Pike is expected to resign over the closure.\n\n"
    "Output at Brannock Stone has dropped by a third, the company says.\n\n"
    "Brannock Stone has let 40 of its drivers go since the road shut.\n\n"
    "Further updates will be posted on the council's website."
))
CHRONICLE = Article(id="C", source="chronicle.txt", outlet="Valley Chronicle", published="2025-04-03", text=(
    "Haulage firms serving Fellside quarry have been sent the long way round since the crest road closed.\n\n"
    "Their trucks, some 1,400 of them every week, now crawl through the middle of Marrowby.\n\n"
    "Fine fractures in the overflow channel were spotted by inspectors last week.\n\n"
    "Divers are due to check the foundations before any decision on reopening.\n\n"
    "The water board insisted that no property downstream was in danger.\n\n"
    "Water has been let out of the lake to ease the pressure on the wall.\n\n"
    "Traders complained that the lorries were blocking their loading bays.\n\n"
    "One baker said her morning bread van had been stuck for forty minutes.\n\n"
    "The school has warned parents to allow more time for the journey.\n\n"
    "Campaigners want a weight limit on the village streets.\n\n"
    "The quarry owner said production would continue at its usual pace.\n\n"
    "A petition calling for a bypass has gathered several hundred names.\n\n"
    "Cyclists have been told the crest path is also closed.\n\n"
    "Engineers expect to publish their findings within a month.\n\n"
    "The dam holds back water for about forty thousand households.\n\n"
    "Police will patrol the diversion at peak hours.\n\n"
    "Walkers can still use the footpath along the eastern shore.\n\n"
    "The county apologised for the disruption.\n\n"
    "On Thursday the council leader signed the haulage order, sending quarry traffic onto the ring road.\n\n"
    "Nell Pike, a haulier, resigned from the parish council over the closure.\n\n"
    "Brannock Stone, which runs the quarry, said its output had fallen by a third and that it had laid off "
    "40 drivers."
))


@pytest.fixture(scope="module")
def valley() -> Brief:
    return build_brief([GAZETTE, CHRONICLE])


def test_words_keep_names_and_figures_and_drop_function_words() -> None:
    words = words_of("About 1,400 lorries a week used the crest road to reach the quarry at Fellside.")
    assert {"1400", "lorri", "crest", "road", "quarry", "fellside"} <= words
    assert not words & {"about", "a", "the", "to", "at", "week"}


def test_words_of_any_script_stay_whole_and_opinion_verbs_are_no_evidence() -> None:
    words = words_of("I think President Peña believes the Zürich talks felt rushed")
    assert {"peña", "zürich"} <= words and "pe" not in words
    assert not {"think", "believe", "felt"} & words  # "I think ...": how it was said, not what


def test_a_shared_rare_word_weighs_more_than_a_shared_common_one() -> None:
    claims = [words_of(f"The dam road was closed on day {n}.") for n in range(MIN_CLAIMS)]
    claims += [words_of("Fellside quarry lorries"), words_of("lorries for Fellside")]
    vocabulary = Vocabulary.of(claims)
    rare_pair = vocabulary.overlap(words_of("Fellside lorries on the dam road"), words_of("lorries bound for Fellside"))
    common_pair = vocabulary.overlap(words_of("the dam road to Fellside"), words_of("the dam road lorries"))
    assert rare_pair > 0.5 > common_pair
    assert vocabulary.rarest(words_of("Fellside lorries dam"), words_of("dam lorries for Fellside"))[0] == "fellside"


SCARCE_STORY = [f"The dam road was closed on day {n}." for n in range(MIN_CLAIMS)] + [
    "Divers found silt packed against the sluice gates of Oakmere.",  # article 0
    "Silt around the sluice gates must be cleared, the divers report.",  # article 1
    "North Korea and Ukraine were on the agenda in Vienna.",  # article 0
    "Talks in Vienna touched on Ukraine and North Korea.",  # article 1
]


def test_three_scarce_words_one_of_them_not_a_name_make_one_fact() -> None:
    words = [words_of(t) for t in SCARCE_STORY]
    vocabulary = Vocabulary.of(words)
    silt, cleared, korea, talks = range(MIN_CLAIMS, MIN_CLAIMS + 4)

    def scarce(i: int, j: int) -> int:
        return vocabulary.scarce(words[i], words[j], terms_of(SCARCE_STORY[i]) & terms_of(SCARCE_STORY[j]))

    assert scarce(silt, cleared) >= 3
    assert scarce(korea, talks) == 0  # names only: what the story is about, not one fact
    articles = [0] * MIN_CLAIMS + [0, 1, 0, 1]
    assert list(scarce_pairs(vocabulary, articles, 3)) == [(silt, cleared), (korea, talks)]
    assert list(scarce_pairs(vocabulary, [0] * len(SCARCE_STORY), 3)) == []  # one article: nothing to compare


def test_a_short_story_has_no_rare_words() -> None:
    vocabulary = Vocabulary.of([words_of("Fellside quarry lorries"), words_of("lorries for Fellside")])
    assert vocabulary.overlap(words_of("Fellside lorries"), words_of("lorries for Fellside")) == 0.0


def test_reasons_quote_the_words_as_printed() -> None:
    text = "Trucks bound for Fellside carried 1,400 loads."
    assert as_printed(text, ("fellside", "truck", "1400", "absent")) == ("Fellside", "Trucks", "1,400", "absent")


def _relation(brief: Brief, first: str, second: str) -> Relation | None:
    return next(iter(relations_between(brief, first, second)), None)


@pytest.mark.parametrize(("first", "second", "word"), [
    ("used the crest road to reach the quarry", "Haulage firms serving Fellside quarry", "'Fellside'"),
    ("no risk to homes below the dam", "no property downstream was in danger", "'board'"),
])
def test_one_fact_in_other_words_is_matched_on_the_story_s_rare_words(
    valley: Brief, first: str, second: str, word: str
) -> None:
    relation = _relation(valley, first, second)
    assert relation is not None and relation.type == "corroborates", relation
    assert "rare in this story" in relation.reason and word in relation.reason
    point = next(p for p in valley.agreed if set(relation.claims) <= set(p.claims))
    assert point.articles == ("C", "G")


def test_a_claim_stating_two_facts_is_in_the_point_of_each(valley: Brief) -> None:
    both = next(c.id for c in valley.claims if c.text.startswith("Brannock Stone, which runs the quarry"))
    output = next(c.id for c in valley.claims if c.text.startswith("Output at Brannock Stone"))
    drivers = next(c.id for c in valley.claims if c.text.startswith("Brannock Stone has let 40"))
    points = [set(p.claims) for p in valley.agreed if both in p.claims]
    assert {both, output} in points and {both, drivers} in points, valley.agreed


def test_each_of_the_two_points_shows_a_claim_of_its_own(valley: Brief) -> None:
    points = sections(valley).agreed
    shown = [p.text for p in points if any(c.text.startswith("Brannock Stone, which") for c in p.claims)]
    assert sorted(shown) == ["Brannock Stone has let 40 of its drivers go since the road shut.",
                             "Output at Brannock Stone has dropped by a third, the company says."]


def test_sharing_the_story_s_topic_words_is_not_one_fact(valley: Brief) -> None:
    relation = _relation(valley, "Councillor Ada Brennan", "Campaigners want a weight limit")
    assert relation is None or relation.type not in ("corroborates", "conflicts", "updates")


def test_a_plan_read_from_its_words_is_updated_by_what_was_done(valley: Brief) -> None:
    relation = _relation(valley, "prepared to sign the haulage order", "signed the haulage order")
    assert relation is not None and relation.type == "updates", relation
    assert relation.reason.startswith("plan, then outcome")
    assert "prepared to sign" in valley.claim(relation.claims[0]).text


def test_someone_else_doing_the_planned_thing_is_no_update(valley: Brief) -> None:
    relation = _relation(valley, "Owen Pike is expected to resign", "Nell Pike, a haulier, resigned")
    assert relation is None or not relation.reason.startswith("plan, then outcome"), relation


def test_a_name_without_its_first_name_is_the_same_person() -> None:
    def claim(cid: str, entity: str, about: tuple[str, ...] = ("Schultz", "Sanchez", "Sánchez")) -> Claim:
        return Claim(id=cid, article=cid[0], text="text", start=0, end=4, entities=(entity,), arguments=about)

    same = {"E1": "Wasserman Schultz", "E2": "Debbie Wasserman Schultz"}
    assert _people_differ(claim("A1", "E1"), claim("B1", "E2"), same) is None
    other = {"E1": "Loretta Sanchez", "E2": "Linda T. Sánchez"}
    differ = _people_differ(claim("A1", "E1"), claim("B1", "E2"), other)
    assert differ == "people differ (Loretta Sanchez vs Linda T. Sánchez)"
    # a name in passing, not what the claim is about, is no other person doing it
    assert _people_differ(claim("A1", "E1", ("post",)), claim("B1", "E2"), other) is None
