"""What differs between two reports of one fact: stages of an event, figures of one thing, years.

Articles written for these tests; the briefs use the real spaCy, embedding and
claim-pair models. Each test names the rule it guards.
"""

from __future__ import annotations

from brief_relations import relations_between

from storydiff.align.figures import changed_to, figure_changed, measures, money, named_amounts, rounded_alike
from storydiff.align.progress import past_forms
from storydiff.models import Article, Brief, Claim
from storydiff.pipeline import build_brief


def _article(aid: str, outlet: str, text: str, published: str = "2024-05-02") -> Article:
    return Article(id=aid, source=f"{aid}.txt", outlet=outlet, published=published, text=text)


def _contrary(brief: Brief, first: str, second: str) -> list[tuple[str, str]]:
    """(type, reason) of the conflicts and updates between the claims holding these two phrases."""
    return [(r.type, r.reason) for r in relations_between(brief, first, second) if r.type in ("conflicts", "updates")]


def test_not_yet_charged_then_charged_is_an_update() -> None:
    brief = build_brief([
        _article("A", "Valley Herald", (
            "No charges have been filed yet against the ferry captain, Tomas Berg, police said on Monday.\n\n"
            "The ferry ran aground in fog near the northern pier."
        )),
        _article("B", "County Post", (
            "The ferry captain, Tomas Berg, has been charged with negligence, police said.\n\n"
            "Passengers were taken ashore by lifeboat."
        ), published="2024-05-03"),
    ])
    found = _contrary(brief, "No charges have been filed yet", "has been charged with negligence")
    assert found and found[0][0] == "updates", brief.relations
    assert "not yet, then done" in found[0][1]
    first = next(r for r in brief.relations if r.type == "updates").claims[0]
    assert "yet" in brief.claim(first).text  # "not yet" comes first


def test_a_plan_to_file_charges_then_an_indictment_is_an_update() -> None:
    # "file charges" plans the event its object names; "charge" and "indict" name one event.
    brief = build_brief([
        _article("A", "Valley Herald", (
            "The harbour master's lawyer confirmed on Friday that prosecutors plan to file charges against "
            "harbour master Ola Dahl over the mooring fees.\n\nThe fees doubled last year."
        )),
        _article("B", "County Post", (
            "Harbour master Ola Dahl has been indicted over the mooring fees, his lawyer said.\n\n"
            "Boat owners welcomed the news."
        ), published="2024-05-03"),
    ])
    found = _contrary(brief, "plan to file charges", "has been indicted")
    assert found and found[0][0] == "updates" and "plan, then outcome" in found[0][1], brief.relations


def test_two_committees_planning_and_doing_are_not_one_plan() -> None:
    brief = build_brief([
        _article("A", "Valley Herald", (
            "The House Transport Committee will issue subpoenas to the ferry company over its safety records.\n\n"
            "The company has run the island route since 1998."
        )),
        _article("B", "County Post", (
            "The leaders of the Senate Transport Committee said Tuesday they had subpoenaed the ferry company "
            "over its safety records.\n\nThe company did not comment."
        ), published="2024-05-03"),
    ])
    assert not _contrary(brief, "will issue subpoenas", "had subpoenaed"), brief.relations


def test_one_report_measured_two_ways_is_a_conflict() -> None:
    brief = build_brief([
        _article("A", "Valley Herald", (
            "The inspectors' 48-page report on the island ferry blames the crew for the safety failures.\n\n"
            "The ferry returns to service in June."
        )),
        _article("B", "County Post", (
            "The crew of the island ferry ignored three safety warnings, the inspectors' 47-page report says."
            "\n\nThe company said it would study the findings."
        )),
    ])
    found = _contrary(brief, "48-page report", "47-page report")
    assert found and "48 vs 47-page report" in found[0][1], brief.relations


def test_measures_leave_ages_out() -> None:
    # Two ages in one story are usually two people, not one figure told two ways.
    assert measures("a 68-year-old captain and his 45-year-old mate") == {}
    assert measures("the 48-page report and a two-day hearing") == {
        ("page", "report"): {"48"}, ("day", "hearing"): {"2"},
    }


def test_one_named_place_with_two_prices_is_a_conflict() -> None:
    brief = build_brief([
        _article("A", "Valley Herald", (
            "Receipts released Wednesday showed the mayor's campaign paid $2,310.40 at Lakeside Garden Centre, "
            "$860.00 for bunting and $1,240.50 at the Harbour View Grand Hotel.\n\nThe mayor was not available."
        )),
        _article("B", "County Post", (
            "In 2022 the mayor spent campaign money on a $312.10 dinner at Rosa's Kitchen and a $1,420.50 stay at "
            "the Harbour View Grand Hotel, the receipts show.\n\nAn audit is under way."
        )),
    ])
    found = _contrary(brief, "$1,240.50", "$1,420.50")
    assert found and "$1,240.50 vs $1,420.50" in found[0][1], brief.relations


def test_named_amounts_keep_what_follows_each_amount() -> None:
    assert named_amounts("paid $1,240.50 at the Harbour View Hotel, about $90 at Rosa's Kitchen") == [
        ("1240.50", frozenset({"Harbour", "View", "Hotel"})),
    ]


def test_a_repayment_said_in_one_year_and_dated_to_the_next_is_a_conflict() -> None:
    brief = build_brief([
        _article("A", "Valley Herald", (
            "The ferry company's lawyers said in 2023 that the company repaid the island council $40,000.\n\n"
            "The council had paid twice for one repair."
        ), published="2024-08-20"),
        _article("B", "County Post", (
            "The ferry company repaid the island council $40,000 earlier this year.\n\n"
            "The repair was done in 2021."
        ), published="2024-08-20"),
    ])
    found = _contrary(brief, "said in 2023", "earlier this year")
    assert found and found[0][0] == "conflicts" and "2023" in found[0][1] and "2024" in found[0][1], brief.relations


def test_past_forms_of_verbs_ending_in_a_vowel_and_y() -> None:
    assert past_forms("delay") == ("delayed",)
    assert past_forms("deny") == ("denied",)
    assert "repaid" in past_forms("repay")


def test_a_plan_is_done_only_to_the_head_of_its_object() -> None:
    # "file criminal charges" is done by filing charges, not by "filed a sealed criminal complaint".
    brief = build_brief([
        _article("A", "Valley Herald", (
            "A lawyer for the harbour master, Ola Dahl, said prosecutors intended to file criminal charges "
            "against his client over the mooring fees.\n\nThe fees doubled last year."
        )),
        _article("B", "County Post", (
            "Three days later, the police filed a sealed criminal complaint over the mooring fees accusing a "
            "boat owner who had worked with Dahl.\n\nThe boat owner could not be reached."
        ), published="2024-05-05"),
    ])
    assert not _contrary(brief, "intended to file", "filed a sealed"), brief.relations


def test_a_last_day_and_a_leaving_day_told_two_ways_differ() -> None:
    # "His final day will be April 30" dates a leaving as "will leave on March 3" does.
    brief = build_brief([
        _article("A", "Valley Herald", (
            "Ola Dahl will leave the port authority on March 3, the board said on Monday.\n\n"
            "The port handled a record number of ferries last year."
        ), published="2024-02-26"),
        _article("B", "County Post", (
            "Ola Dahl's resignation letter to the board says his final day at the port authority will be April 30."
            "\n\nHe joined the port authority in 2009."
        ), published="2024-02-22"),
    ])
    found = _contrary(brief, "will leave the port authority on March 3", "final day")
    assert found and "April 30 vs March 3" in found[0][1], brief.relations


def test_a_last_day_within_the_month_of_leaving_agrees() -> None:
    from storydiff.align.figures import leaving_day, leaving_days_clash
    from storydiff.models import Claim

    last = Claim(id="B1", article="B", text="His final day at the port will be April 30.", start=0, end=44)
    leaving = Claim(id="A1", article="A", text="He will leave at the end of April.", start=0, end=34,
                    predicate="leave", dates=("the end of April",))
    assert leaving_day(last) == "April 30"
    assert leaving_days_clash(last, leaving, frozenset({"leave"})) is None


def test_a_negation_both_print_does_not_keep_one_fact_apart() -> None:
    # "is not safe" is in both; the second claim's own verb ("are urgent") is positive.
    brief = build_brief([
        _article("A", "Valley Herald", (
            "“The old pier is not safe for the island ferries,” the harbour master told the council on Monday."
            "\n\nThe ferries now dock at the fish quay."
        )),
        _article("B", "County Post", (
            "Repairs are urgent because the old pier is not safe for the island ferries, the harbour master told "
            "the council on Monday.\n\nRepairs would cost about two million crowns."
        )),
    ])
    found = [r.type for r in relations_between(brief, "The old pier is not safe", "Repairs are urgent")]
    assert found == ["corroborates"], brief.relations


def test_a_negated_event_is_never_the_same_fact_as_the_event() -> None:
    brief = build_brief([
        _article("A", "Valley Herald", (
            "The council will not close the old pier to the island ferries, the mayor said on Monday.\n\n"
            "The ferries now dock at the fish quay."
        )),
        _article("B", "County Post", (
            "The council will close the old pier to the island ferries, the mayor said on Monday.\n\n"
            "Repairs would cost about two million crowns."
        )),
    ])
    assert "corroborates" not in [r.type for r in relations_between(brief, "will not close", "will close")]


def test_a_support_verb_plan_is_done_only_to_its_object() -> None:
    # "will file charges" is not done by "filed incomplete safety reports": "file" names no event alone.
    brief = build_brief([
        _article("A", "Valley Herald", (
            "The port authority will file charges against the ferry company over the damaged pier, its lawyer "
            "said on Friday.\n\nThe pier was built in 1970."
        )),
        _article("B", "County Post", (
            "The port authority filed incomplete safety reports about the ferry company and the damaged pier, its "
            "lawyer said.\n\nThe company denies wrongdoing."
        ), published="2024-05-04"),
    ])
    assert not _contrary(brief, "will file charges", "filed incomplete"), brief.relations


def test_a_plan_read_from_its_words_is_quoted_by_them() -> None:
    brief = build_brief([
        _article("A", "Valley Herald", (
            "The mayor said she's prepared to sign a budget for the harbour through June 30.\n\n"
            "The harbour lost money last year."
        )),
        _article("B", "County Post", (
            "The mayor signed it on Friday night, keeping the harbour budget in place until June 30.\n\n"
            "Fishermen welcomed the decision."
        ), published="2024-05-04"),
    ])
    found = _contrary(brief, "prepared to sign", "signed it")
    assert found and found[0][0] == "updates" and "'prepared to sign'" in found[0][1], brief.relations


def test_a_possible_day_then_that_day_ruled_out_is_an_update() -> None:
    brief = build_brief([
        _article("A", "Valley Herald", (
            "The organisers said on Thursday that the harbour festival was postponed, but if the storm passes it "
            "could take place on Saturday as first scheduled.\n\nThe festival began in 1988."
        ), published="2024-05-02"),
        _article("B", "County Post", (
            "The mayor said the harbour festival would not be held this Saturday, as first scheduled.\n\n"
            "The storm closed the ferry route."
        ), published="2024-05-03"),
    ])
    found = _contrary(brief, "could take place on Saturday", "would not be held this Saturday")
    assert found and found[0][0] == "updates" and "possible, then not" in found[0][1], brief.relations


def test_a_possible_day_and_another_day_ruled_out_are_not_one_change() -> None:
    brief = build_brief([
        _article("A", "Valley Herald", (
            "The organisers said on Thursday that the harbour festival was postponed, but if the storm passes it "
            "could take place on Saturday as first scheduled.\n\nThe festival began in 1988."
        ), published="2024-05-02"),
        _article("B", "County Post", (
            "The mayor said the harbour festival would not be held on Sunday, as first scheduled.\n\n"
            "The storm closed the ferry route."
        ), published="2024-05-03"),
    ])
    assert not _contrary(brief, "could take place on Saturday", "would not be held on Sunday"), brief.relations


def test_postponed_and_not_held_agree() -> None:
    # "Was postponed" says the event will not take place as planned, as "would not be held" does.
    brief = build_brief([
        _article("A", "Valley Herald", (
            "The organisers said on Thursday that the harbour festival was postponed because of the storm.\n\n"
            "The festival began in 1988."
        ), published="2024-05-02"),
        _article("B", "County Post", (
            "The mayor said the harbour festival would not be held this Saturday because of the storm.\n\n"
            "The storm closed the ferry route."
        ), published="2024-05-03"),
    ])
    assert not _contrary(brief, "was postponed", "would not be held"), brief.relations


def test_a_figure_said_to_have_risen_updates_the_figure_first_given() -> None:
    # Little else is shared ("the repairs would cost" / "the cost had risen"): the pair is found through
    # the moved figure's words, whatever the cosine of the two sentences.
    brief = build_brief([
        _article("A", "Valley Herald", (
            "Harbour master Ola Dahl said dredging the channel would cost 1.2 million euros.\n\n"
            "The work is planned for the autumn."
        )),
        _article("B", "County Post", (
            "The contractor said the bill had climbed to 1.5 million euros after divers found old moorings.\n\n"
            "Boats will use the east channel meanwhile."
        ), published="2024-05-06"),
        _article("C", "Island Times", (
            "The dredging firm said the cost has now risen to 1.5 million euros.\n\nFishermen welcomed the work."
        ), published="2024-05-07"),
    ])
    found = _contrary(brief, "would cost 1.2 million euros", "cost has now risen to 1.5 million euros")
    assert found and found[0][0] == "updates", brief.relations
    assert "figure moved (cost 1.2 million euros, then 1.5 million euros)" in found[0][1]
    # "the bill had climbed" names another quantity word than "cost": no claim of a change to it.
    assert not _contrary(brief, "would cost 1.2 million euros", "bill had climbed"), brief.relations


def test_a_moved_figure_reported_before_the_figure_is_a_conflict() -> None:
    brief = build_brief([
        _article("A", "Valley Herald", "The council said the cost of the new pier had risen to $4 million.\n\n"
                 "Work starts in June.", published="2024-05-02"),
        _article("B", "County Post", "The new pier will cost $3 million, the mayor said.\n\nWork starts in June.",
                 published="2024-05-09"),
    ])
    found = _contrary(brief, "had risen to $4 million", "will cost $3 million")
    assert found and found[0][0] == "conflicts" and "figure moved" in found[0][1], brief.relations


def test_changed_to_reads_the_quantity_and_its_new_amount() -> None:
    assert changed_to("the cost had risen to 3.1 million dollars") == ("cost", 3_100_000.0, "dollar")
    assert changed_to("costs have climbed to $4.5 billion") == ("costs", 4_500_000_000.0, "dollar")
    assert changed_to("the toll rose to 12 on Friday") == ("toll", 12.0, "")
    assert changed_to("the rate fell to 3 percent") == ("rate", 3.0, "percent")
    assert changed_to("it rose to $5 billion") is None  # a pronoun names no quantity
    assert changed_to("exports fell to 2019 levels") is None  # a year, not an amount
    assert changed_to("the cost is 3.1 million dollars") is None  # no move


def test_a_moved_figure_needs_the_same_quantity_and_unit() -> None:
    moved = Claim("b", "B", "The cost had risen to 3.1 million dollars.", 0, 1)
    assert figure_changed(moved, Claim("a", "A", "The repairs would cost 2.4 million dollars.", 0, 1))
    assert figure_changed(moved, Claim("a", "A", "The repairs would cost 3.1 million dollars.", 0, 1)) is None
    assert figure_changed(moved, Claim("a", "A", "The repairs would cost 2.4 million euros.", 0, 1)) is None
    assert figure_changed(moved, Claim("a", "A", "The mayor's salary is 2.4 million dollars.", 0, 1)) is None


def test_a_planned_thing_then_ruled_out_is_an_update() -> None:
    brief = build_brief([
        _article("A", "Valley Herald", (
            "Passengers will be able to board a replacement shuttle bus at the harbour gate, the operator said.\n\n"
            "The ferry is out of service for a week."
        )),
        _article("B", "County Post", (
            "Passengers will have to wait at the harbour gate, the mayor said, because the replacement shuttle "
            "promised by the operator cannot be provided.\n\nThe ferry is out of service for a week."
        ), published="2024-05-03"),
    ])
    found = _contrary(brief, "board a replacement shuttle", "cannot be provided")
    assert found and found[0][0] == "updates" and "planned, then ruled out" in found[0][1], brief.relations


def test_a_thing_ruled_out_that_the_other_side_never_planned_is_no_update() -> None:
    # The shuttle is named on both sides, but the first only reports that one ran last year.
    brief = build_brief([
        _article("A", "Valley Herald", (
            "Passengers boarded a replacement shuttle bus at the harbour gate last year, the operator said.\n\n"
            "The ferry is out of service for a week."
        )),
        _article("B", "County Post", (
            "Passengers will have to wait at the harbour gate, the mayor said, because the replacement shuttle "
            "promised by the operator cannot be provided.\n\nThe ferry is out of service for a week."
        ), published="2024-05-03"),
    ])
    assert not _contrary(brief, "boarded a replacement shuttle", "cannot be provided"), brief.relations


def test_closed_until_a_day_and_reopening_that_day_are_one_fact() -> None:
    def pair(day: str) -> Brief:
        return build_brief([
            _article("A", "Valley Herald", (
                "The harbour library will remain closed until Monday after the flood, the librarian said.\n\n"
                "Volunteers dried the books over the weekend."
            )),
            _article("B", "County Post", (
                f"Librarian Ana Ruiz said the harbour library would reopen on {day} with a smaller reading room.\n\n"
                "The flood reached the ground floor."
            ), published="2024-05-03"),
        ])

    same = [r for r in relations_between(pair("Monday"), "closed until Monday", "reopen on Monday")]
    assert any(r.type == "corroborates" and "closed until Monday" in r.reason for r in same), same
    other = relations_between(pair("Tuesday"), "closed until Monday", "reopen on Tuesday")
    assert not any(r.type == "corroborates" for r in other), other


def test_same_reopening_needs_one_thing_and_not_through() -> None:
    from storydiff.align.progress import same_reopening

    closed = Claim("a", "A", "The pool will stay closed until June 3.", 0, 1, arguments=("pool",))
    assert same_reopening(closed, Claim("b", "B", "The pool reopens on June 3.", 0, 1, arguments=("pool",)))
    assert same_reopening(closed, Claim("b", "B", "The gym reopens on June 3.", 0, 1, arguments=("gym",))) is None
    through = Claim("a", "A", "The pool will stay closed through June 3.", 0, 1, arguments=("pool",))
    assert same_reopening(through, Claim("b", "B", "The pool reopens on June 3.", 0, 1, arguments=("pool",))) is None


def test_an_exact_amount_and_the_same_amount_rounded_are_one_fact() -> None:
    def pair(rounded: str) -> Brief:
        return build_brief([
            _article("A", "Valley Herald", (
                "The harbour trust spent $2,318,450 on dredging the north channel last year, its accounts show.\n\n"
                "The trust is run by volunteers."
            )),
            _article("B", "County Post", (
                f"Dredging the north channel cost the harbour trust {rounded} last year, according to its "
                "annual report.\n\nFishing boats use the channel daily."
            ), published="2024-05-03"),
        ])

    agreed = relations_between(pair("about $2.3 million"), "$2,318,450", "$2.3 million")
    assert any(r.type == "corroborates" for r in agreed), agreed
    beyond = relations_between(pair("more than $2.4 million"), "$2,318,450", "$2.4 million")
    assert not any(r.type == "corroborates" for r in beyond), beyond


def test_rounded_alike_rounds_at_the_printed_digit_and_keeps_the_side() -> None:
    def claim(text: str) -> Claim:
        return Claim("x", "X", text, 0, 1)

    assert money("roughly $141 million and $140,937,785") == [
        (141_000_000.0, "dollar", 3, "$141 million"), (140_937_785.0, "dollar", 9, "$140,937,785"),
    ]
    assert rounded_alike(claim("earned roughly $141 million"), claim("earned $140,937,785")) == (
        "'$141 million' ≈ '$140,937,785'"
    )
    assert rounded_alike(claim("paid nearly $44 million"), claim("paid $43,885,310"))
    assert rounded_alike(claim("paid nearly $44 million"), claim("paid $44,185,310")) is None  # "nearly": below
    assert rounded_alike(claim("spent over $10,000"), claim("spent $9,587.64")) is None  # "over": above
    assert rounded_alike(claim("spent over $10,000"), claim("spent $10,977.74"))
    assert rounded_alike(claim("paid $45 million"), claim("paid $43,885,310")) is None  # not its rounding
    assert rounded_alike(claim("paid $44 million"), claim("paid 43,885,310 euros")) is None  # another currency
    assert rounded_alike(claim("paid $44 million"), claim("paid $44 million")) is None  # nothing exact
