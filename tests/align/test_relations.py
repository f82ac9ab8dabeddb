"""Cross-source relations: corroborates, conflicts, updates, related, and independent sources.

The small articles are ours, written for these tests. Briefs are built once per
session (the spaCy and embedding models load once). The seeds check runs only
where ``shared/seeds`` is present.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from brief_relations import relations_between

from storydiff.align.facts import Proposal, decide
from storydiff.align.relations import ClaimContext, Evidence, classify
from storydiff.models import Article, Brief, Claim, Relation
from storydiff.pipeline import build_brief
from storydiff.render.summary import sections
from storydiff.render.text import render_text

SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"

HARBOUR_A = Article(id="A", source="harbour-a.txt", outlet="Coast Herald", published="2024-03-05", text=(
    "The city council approved a budget of 40 million euros for the new harbour on Tuesday.\n\n"
    "Mayor Lena Ortiz said on Monday that the harbour bridge would reopen on Friday.\n\n"
    "Twelve people were injured in the fire at the fish market, the fire brigade said.\n\n"
    "Local fishermen have long complained about the state of the old piers."
))
HARBOUR_B = Article(id="B", source="harbour-b.txt", outlet="Daily Tide", published="2024-03-07", text=(
    "On Tuesday the city council voted to approve a 40 million euro budget for the new harbour.\n\n"
    "Transport minister Piet Janssen said on Wednesday that the harbour bridge will not reopen this month.\n\n"
    "Fifteen people were injured in the fire at the fish market, according to the fire brigade.\n\n"
    "The old piers will be repaired next year, a harbour official said, after years of complaints "
    "from fishermen about their condition."
))
WIRE = Article(id="W", source="wire.txt", outlet="Reuters", published="2024-03-05", text=(
    "The port authority said the dredging of the outer channel will cost 3 million euros.\n\n"
    "The ferry company said the new route to the island will open in May.\n\n"
    "Fishermen have complained for years about the state of the old piers."
))
RETOLD = Article(id="T", source="retold.txt", outlet="Harbour Post", published="2024-03-06", text=(
    "The port authority told Reuters that dredging the outer channel would cost 3 million euros.\n\n"
    "The ferry company, which has not yet published a timetable, confirmed that the new island "
    "route will open in May.\n\n"
    "The old piers will be repaired next year, a harbour official said, after years of complaints "
    "from fishermen about their condition."
))
REPRINT = Article(id="R", source="reprint.txt", outlet="Reprint Weekly", published="2024-03-06",
                  text=WIRE.text.replace("Fishermen have", "Local fishermen have"))


@pytest.fixture(scope="session")
def harbour() -> Brief:
    return build_brief([HARBOUR_A, HARBOUR_B])


@pytest.fixture(scope="session")
def wire() -> Brief:
    return build_brief([WIRE, RETOLD, REPRINT])


@pytest.fixture(scope="session")
def seeds() -> Brief:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed articles are not here ({SEEDS}); they ship with the project workspace")
    import storydiff

    return storydiff.brief([str(SEEDS)])


def _between(brief: Brief, first: str, second: str) -> Relation:
    """The relation between the claims that contain these two phrases."""
    found = relations_between(brief, first, second)
    if not found:
        raise AssertionError(f"no relation between {first!r} and {second!r}: {brief.relations}")
    return found[0]


def test_the_same_fact_in_other_words_corroborates(harbour: Brief) -> None:
    relation = _between(harbour, "council approved a budget", "council voted to approve")
    assert relation.type == "corroborates"
    assert relation.reason.startswith("same fact")


def test_a_later_denial_updates_the_earlier_announcement(harbour: Brief) -> None:
    relation = _between(harbour, "bridge would reopen", "bridge will not reopen")
    assert relation.type == "updates"
    earlier, later = (harbour.claim(c).text for c in relation.claims)
    assert "would reopen" in earlier and "will not reopen" in later
    assert "'would reopen'" in relation.reason and "'will not reopen'" in relation.reason
    assert "Lena Ortiz" in relation.reason and "Piet Janssen" in relation.reason


def test_different_counts_of_one_event_conflict(harbour: Brief) -> None:
    relation = _between(harbour, "Twelve people", "Fifteen people")
    assert relation.type == "conflicts"
    assert "12 vs 15 people" in relation.reason


def test_the_same_topic_with_other_details_is_related(wire: Brief) -> None:
    relation = _between(wire, "Fishermen have complained", "old piers will be repaired")
    assert relation.type == "related"


def test_a_negation_elsewhere_in_the_sentence_is_no_conflict(wire: Brief) -> None:
    relation = _between(wire, "route to the island will open", "has not yet published a timetable")
    assert relation.type == "corroborates"
    assert not [r for r in wire.relations if r.type in ("conflicts", "updates")]


def test_a_reprinted_copy_counts_once(wire: Brief) -> None:
    groups = {a.id: a.source_group for a in wire.articles}
    assert groups["R"] == groups["W"] != groups["T"]
    point = next(p for p in wire.agreed if any("ferry company" in wire.claim(c).text for c in p.claims))
    assert set(point.articles) == {"W", "T", "R"}
    assert point.independent_sources == 2


def test_told_reuters_counts_as_reuters(wire: Brief) -> None:
    point = next(p for p in wire.agreed if any("told Reuters" in wire.claim(c).text for c in p.claims))
    assert {"W", "T"} <= set(point.articles)
    assert point.independent_sources == 1


def test_the_brief_says_why_a_point_has_fewer_sources_than_articles(wire: Brief) -> None:
    agreed = sections(wire).agreed
    ferry = next(p for p in agreed if "ferry company" in p.text)
    assert ferry.one_source == ("R reprints W",)
    dredging = next(p for p in agreed if {c.article for c in p.claims} >= {"W", "T"} and "dredging" in p.text.lower())
    assert dredging.one_source == ("R reprints W", "T cites Reuters (W)")
    assert dredging.why_fewer == " (R reprints W; T cites Reuters (W))"
    report = render_text(wire)
    assert "R reprints W" in report and "T cites Reuters (W)" in report


def test_two_articles_citing_one_outlet_are_noted() -> None:
    one = Article(id="A", source="a.txt", outlet="Daily Tide", text=(
        "The port authority told CNN that the outer channel will be dredged in May."))
    two = Article(id="B", source="b.txt", outlet="Harbour Post", text=(
        "The port authority told CNN that the outer channel will be dredged in May, at a cost of 3 million euros."))
    point, = sections(build_brief([one, two])).agreed
    assert point.independent_sources == 1
    assert point.one_source == ("A and B both cite CNN",)


def _claim(cid: str, text: str, **fields: object) -> Claim:
    return Claim(id=cid, article=cid[0], text=text, start=0, end=len(text), **fields)  # type: ignore[arg-type]


def test_a_negated_verb_about_another_event_is_no_conflict() -> None:
    left = ClaimContext(_claim("A1", "The talks would happen on Friday", predicate="happen",
                               arguments=("talk",), key="would happen", modality="expected"), "X", "Ann Lee", None)
    right = ClaimContext(_claim("B1", "The minister did not sign the letter", predicate="sign",
                                arguments=("minister", "letter"), polarity="negative", key="did not sign"),
                         "Y", "Bo Park", None)
    evidence = Evidence(0.6, (), (), (), ())
    relation = classify(left, right, evidence)
    assert relation is None or relation.type not in ("conflicts", "updates")


def test_one_speaker_contradicting_themselves_at_one_time_is_not_a_conflict() -> None:
    left = ClaimContext(_claim("A1", "I am running for governor", predicate="run", arguments=("governor",)),
                        "X", "Ann Lee", None)
    right = ClaimContext(_claim("B1", "I am not running for governor", predicate="run", arguments=("governor",),
                                polarity="negative", words=("run", "governor")), "Y", "Ann Lee", None)
    relation = classify(left, right, Evidence(0.9, (), ("Ann Lee",), ("run",), (), by_predicate=True))
    assert relation is None or relation.type not in ("conflicts", "updates")


def _quoted(cid: str, text: str, speaker: str | None) -> ClaimContext:
    return ClaimContext(_claim(cid, text, words=tuple(text.lower().split())), "X" if cid < "B" else "Y",
                        speaker, None, quoted_by=speaker)


@pytest.mark.parametrize("second", ["Ann Lee", "Bo Stam"])
def test_two_peoples_own_words_alike_are_not_one_fact(second: str) -> None:
    """"I understand how it offends people," she said / "I understand there are going to be people that hate
    this," he said: alike in words and meaning, but two people speaking; the same person's are one fact."""
    left = _quoted("A1", "I understand why the steel arch upsets people", "Ann Lee")
    right = _quoted("B1", "I understand that people will hate the steel arch", second)
    same_person = second == "Ann Lee"
    by_rules = classify(left, right, Evidence(0.9, (), (), ("arch",), ("understand", "people", "steel")))
    assert (by_rules is not None and by_rules.type == "corroborates") == same_person, by_rules
    words = Evidence(0.5, (), (), (), ("understand", "people", "steel"), overlap=0.4,
                     rare_words=("understand", "steel"), scarce=3)
    by_words = decide(Proposal(left, right, words, None), 0.0)
    assert (by_words is not None and by_words.type == "corroborates") == same_person, by_words


def test_seeds_meeting_announced_then_ruled_out(seeds: Brief) -> None:
    ushakov = next(c for c in seeds.claims if "such a meeting would happen on Friday" in c.text)
    found = [
        r for r in seeds.relations
        if r.type in ("conflicts", "updates") and ushakov.id in r.claims
        and "Ushakov" in r.reason and "Sanders" in r.reason
    ]
    assert found, [r for r in seeds.relations if ushakov.id in r.claims]
    other = next(c for c in found[0].claims if c != ushakov.id)
    assert seeds.claim(other).article != ushakov.article


def test_seeds_peskov_statements_corroborate(seeds: Brief) -> None:
    reuters = next(c for c in seeds.claims if "possible meeting was still being discussed" in c.text)
    buzzfeed = {c.id for c in seeds.claims if "consultations are still ongoing" in c.text
                or "no final understanding yet" in c.text}
    assert any(
        r.type == "corroborates" and reuters.id in r.claims and buzzfeed & set(r.claims) for r in seeds.relations
    ), [r for r in seeds.relations if reuters.id in r.claims]


def test_seeds_no_conflict_between_statements_that_agree(seeds: Brief) -> None:
    affirming = ("would happen", "definite")
    denying = ("will not", "never", "Ruled Out", "not one", "ruled out")
    for relation in seeds.relations:
        if relation.type not in ("conflicts", "updates"):
            continue
        a, b = (seeds.claim(c).text for c in relation.claims)
        one_way = any(w in a for w in affirming) and any(w in b for w in denying)
        other_way = any(w in b for w in affirming) and any(w in a for w in denying)
        assert one_way or other_way, relation


def test_according_to_the_ap_counts_as_the_ap() -> None:
    wire_copy = Article(id="P", source="ap.txt", outlet="Associated Press", text=(
        "The port authority said the dredging of the outer channel will cost 3 million euros."))
    relayed = Article(id="Q", source="post.txt", outlet="Harbour Post", text=(
        "Dredging the outer channel will cost 3 million euros, according to the AP."))
    brief = build_brief([wire_copy, relayed])
    assert [r.type for r in brief.relations] == ["corroborates"]
    assert [p.independent_sources for p in brief.agreed] == [1]


def test_seeds_tillerson_and_sanders_on_bumping_into_each_other_are_connected(seeds: Brief) -> None:
    tillerson = next(c for c in seeds.claims if "bumped into each other" in c.text)
    sanders = next(c for c in seeds.claims if "bump into each other" in c.text and "never a meeting" in c.text)
    assert "never been an agreement" in tillerson.text  # one claim each carries both points
    linked = [r for r in seeds.relations if set(r.claims) == {tillerson.id, sanders.id}]
    assert linked and linked[0].type in ("corroborates", "related"), [
        r for r in seeds.relations if tillerson.id in r.claims
    ]
    assert "pair model" in linked[0].reason or "same" in linked[0].reason


def test_a_claim_printed_before_another_was_said_is_the_earlier_side_of_an_update() -> None:
    """"said" in a paper of 2 May, then "announced on Monday" (6 May): the plan changed, not a dispute."""
    from storydiff.models import Article
    from storydiff.pipeline import build_brief

    first = Article(id="A", source="a", outlet="Harbour Post", published="2024-05-02", text=(
        "HARBOURTON — Mayor Ada Brook said the Mill Street bridge will reopen to traffic on June 1 after "
        "repairs to its deck.\n\nThe bridge has been closed since a lorry struck it in March."))
    later = Article(id="B", source="b", outlet="Coast Radio", published="2024-05-07", text=(
        "Mayor Ada Brook announced on Monday that the Mill Street bridge will reopen to traffic on July 15, "
        "later than planned, after more damage was found in its deck.\n\nShops on Mill Street say they have "
        "lost trade."))
    relations = [r for r in build_brief([later, first]).relations if r.type in ("conflicts", "updates")]
    assert [(r.type, r.claims) for r in relations] == [("updates", ("A1", "B1"))]


def test_a_short_piece_makes_a_point_only_word_for_word() -> None:
    from storydiff.align.relations import _same_point

    # One word in common and close in meaning, but "Three lamps" is a topic, not the point made.
    assert not _same_point("said the lamps were insured but", "Three lamps", 0.6)
    # A short piece the other quotes word for word is the same words ("And" aside).
    assert _same_point("And we are ready", "We are ready -- today.", 0.6)
