"""Pairs that look contrary and are not: a misspelt name, two events on two days, a plan and another deed.

Claims written for these tests and built by hand, so each test reaches the one rule it guards
(the rules in :mod:`storydiff.align.facts` and :mod:`storydiff.align.progress`) without a model.
"""

from __future__ import annotations

from storydiff.align.facts import Proposal, decide, difference
from storydiff.align.figures import dates_clash, is_day
from storydiff.align.progress import plan_and_outcome
from storydiff.align.relations import ClaimContext, Evidence
from storydiff.models import Claim


def _claim(cid: str, text: str, **fields: object) -> Claim:
    return Claim(id=cid, article=cid[0], text=text, start=0, end=len(text), **fields)  # type: ignore[arg-type]


def _context(claim: Claim, when: str = "2025-03-05", when_text: str | None = None) -> ClaimContext:
    return ClaimContext(claim=claim, outlet=f"Outlet {claim.article}", speaker=None, when=when, when_text=when_text)


def _evidence(by_predicate: bool = True, rare: tuple[str, ...] = ("harbour",)) -> Evidence:
    return Evidence(
        similarity=0.8, shared_names=(), shared_voices=(), event=("open",), shared_terms=("bridge",),
        by_predicate=by_predicate, rare_words=rare,
    )


def test_a_first_name_misspelt_by_one_letter_is_one_person() -> None:
    people = {"E1": "Wilhelm Okafor", "E2": "Vilhelm Okafor", "E3": "Helen Okafor", "E4": "Dana Okafor",
              "E5": "Dina Okafor"}

    def opened(cid: str, entity: str) -> ClaimContext:
        return _context(_claim(cid, f"{people[entity]} opened the new bridge over the river.", entities=(entity,),
                               predicate="open", arguments=("Okafor", "bridge")))

    assert difference(opened("A1", "E1"), opened("B1", "E2"), _evidence(), True, people) is None
    # Two first names, or short ones a letter apart, are still two people.
    for one, other in (("E1", "E3"), ("E4", "E5")):
        found = difference(opened("A1", one), opened("B1", other), _evidence(), True, people)
        assert found is not None and "people differ" in found.reason, (one, other)


def test_two_days_are_one_event_only_when_one_verb_tells_it() -> None:
    met = _claim("A1", "The mayor and the harbour master met on Sunday at the town hall.",
                 dates=("Sunday",), predicate="meet")
    meeting = _claim("B1", "Thursday's meeting of the mayor and the harbour master was their second this week.",
                     dates=("Thursday",), predicate="be")
    assert difference(_context(met), _context(meeting), _evidence(by_predicate=False), True) is None
    met_again = _claim("B2", "The mayor and the harbour master met on Thursday at the town hall.",
                       dates=("Thursday",), predicate="meet")
    found = difference(_context(met), _context(met_again), _evidence(), True)
    assert found is not None and found.reason.startswith("dates differ"), found


def test_words_that_start_like_a_month_are_no_date() -> None:
    assert not is_day("decades") and not is_day("marks") and not is_day("mayoral")
    assert is_day("Dec. 3") and is_day("Sept 4") and is_day("the end of March")
    long_ago = _claim("A1", "The two men have known each other for decades.", dates=("decades",))
    dated = _claim("B1", "They fell out in August 2015.", dates=("August 2015",))
    assert not dates_clash(long_ago, dated)


def test_a_deed_years_before_a_plan_is_not_its_outcome() -> None:
    plan = _claim("A1", "Ines Varga announced on Monday she'll run for mayor in the 2026 election.",
                  dates=("Monday", "2026"), predicate="run", key="'ll run", modality="expected")
    before = _claim("B1", "Varga ran for mayor in 2014 and lost to a newcomer.", dates=("2014",),
                    predicate="run", key="ran")
    assert difference(_context(plan), _context(before), _evidence(), True) is None
    # Nor are they one fact, however close the model finds them.
    assert decide(Proposal(_context(plan), _context(before), _evidence(), None), 0.99) is None
    after = _claim("B2", "Varga ran for mayor and won by a wide margin.", predicate="run", key="ran")
    found = plan_and_outcome(_context(plan), _context(after, when="2026-05-01"), _evidence())
    assert found is not None and found.type == "updates"


def test_a_planned_appearance_and_one_elsewhere_are_two() -> None:
    plan = _claim("A1", "The minister will appear on Radio Nord's morning show on Friday.",
                  dates=("Friday",), predicate="appear", key="will appear", modality="expected")
    court = _claim("B1", "The minister appeared briefly on Friday in Eastfield District Court.",
                   dates=("Friday",), predicate="appear", key="appeared")
    assert plan_and_outcome(_context(plan), _context(court), _evidence()) is None
    radio = _claim("B2", "The minister appeared on Radio Nord on Friday.", dates=("Friday",),
                   predicate="appear", key="appeared")
    found = plan_and_outcome(_context(plan), _context(radio), _evidence())
    assert found is not None and found.type == "updates"


def test_a_plan_named_as_a_thing_is_no_announced_plan() -> None:
    named = _claim("A1", "Critics pointed to the council's plan to sell the harbour to a developer.",
                   predicate="point", key="pointed")
    done = _claim("B1", "They sold the harbour to pay for the new school, the mayor said.", predicate="sell",
                  key="sold")
    assert plan_and_outcome(_context(named), _context(done), _evidence()) is None
    announced = _claim("A2", "The council plans to sell the harbour to a developer.", predicate="sell",
                       key="plans to sell", modality="expected")
    found = plan_and_outcome(_context(announced), _context(done), _evidence())
    assert found is not None and found.type == "updates"


def test_being_joined_by_others_is_not_a_plan_to_join_done() -> None:
    plan = _claim("A1", "Mayor Berg said Norberg will join other towns in opposing the toll.",
                  predicate="join", key="will join", modality="expected")
    joined = _claim("B1", "The towns are joined by local businesses in opposing the toll.", predicate="join",
                    key="are joined")
    assert plan_and_outcome(_context(plan), _context(joined), _evidence()) is None
    did = _claim("B2", "Norberg joined the other towns in opposing the toll on Tuesday.", predicate="join",
                 key="joined")
    found = plan_and_outcome(_context(plan), _context(did), _evidence())
    assert found is not None and found.type == "updates"
