"""The same fact in other words across outlets, and what differs between matched facts.

Articles written for these tests; the briefs use the shipped claim-pair model
and the real spaCy and embedding models.
"""

from __future__ import annotations

import pytest
from brief_relations import relations_between

from storydiff.align.facts import negation_apart, shared_run
from storydiff.models import Article, Brief, Claim
from storydiff.pipeline import build_brief


def _article(aid: str, outlet: str, text: str, published: str = "2024-05-02") -> Article:
    return Article(id=aid, source=f"{aid}.txt", outlet=outlet, published=published, text=text)


def _between(brief: Brief, first: str, second: str) -> list[str]:
    """The types of the relations between the claims holding these two phrases."""
    return [r.type for r in relations_between(brief, first, second)]


def _point_with(brief: Brief, phrase: str) -> set[str]:
    """The texts of the agreed point holding the claim with this phrase (empty when none)."""
    for point in brief.agreed:
        texts = {brief.claim(c).text for c in point.claims}
        if any(phrase in t for t in texts):
            return texts
    return set()


@pytest.fixture(scope="session")
def library() -> Brief:
    return build_brief([
        _article("A", "Valley Herald", (
            "The city council voted on Tuesday to close the old library on Mill Street.\n\n"
            "Librarians said the reading room had been damp for years."
        )),
        _article("B", "County Post", (
            "On Tuesday, councillors decided to shut down the old Mill Street library.\n\n"
            "A bakery opened on the corner of the square last month."
        )),
    ])


def test_a_paraphrase_across_outlets_is_agreed(library: Brief) -> None:
    assert _between(library, "voted on Tuesday to close", "decided to shut down") == ["corroborates"]
    texts = _point_with(library, "decided to shut down")
    assert any("voted on Tuesday to close" in t for t in texts), library.agreed
    only = {library.claim(c).text for u in library.unique for c in u.claims}
    assert not any("shut down" in t or "to close the old library" in t for t in only)
    assert any("bakery" in t for t in only)


def test_a_figure_told_two_ways_is_disputed() -> None:
    brief = build_brief([
        _article("A", "Valley Herald", (
            "Prosecutors said the mayor spent $5,687.75 of campaign money on a week at a lakeside spa.\n\n"
            "The mayor has led the town since the spring."
        )),
        _article("B", "County Post", (
            "According to prosecutors, the mayor used $5,587.75 in campaign funds for a week at a lakeside spa.\n\n"
            "Her lawyer did not return a call."
        )),
    ])
    types = _between(brief, "$5,687.75", "$5,587.75")
    assert types and types[0] in ("conflicts", "updates"), brief.relations
    relation = next(r for r in brief.relations if r.type in ("conflicts", "updates"))
    assert "5,687.75" in relation.reason and "5,587.75" in relation.reason


def test_a_plan_then_its_outcome_is_an_update() -> None:
    brief = build_brief([
        _article("A", "Valley Herald", (
            "The harbour master is expected to sign the new mooring contract with the ferry company on Friday.\n\n"
            "Boat owners have complained about the fees."
        ), published="2024-05-02"),
        _article("B", "County Post", (
            "The harbour master signed the new mooring contract with the ferry company on Friday.\n\n"
            "The contract runs for ten years."
        ), published="2024-05-04"),
    ])
    updates = [r for r in brief.relations if r.type == "updates"]
    assert updates, brief.relations
    plan, outcome = (brief.claim(c).text for c in updates[0].claims)
    assert "expected to sign" in plan and "signed the new mooring" in outcome
    assert "plan, then outcome" in updates[0].reason


def test_a_denial_and_a_request_are_not_a_conflict() -> None:
    brief = build_brief([
        _article("A", "Valley Herald", (
            "The ferry company denied that it had lost the safety records of its oldest boat.\n\n"
            "The boat has been in service since the 1990s."
        )),
        _article("B", "County Post", (
            "Inspectors asked the ferry company to provide the safety records of its oldest boat.\n\n"
            "The inspection is due to end in June."
        )),
    ])
    assert not [r for r in brief.relations if r.type in ("conflicts", "updates")], brief.relations


def test_a_claim_stating_two_facts_does_not_chain_them_into_one_point() -> None:
    brief = build_brief([
        _article("A", "Valley Herald", (
            "The council approved the new swimming pool on Mill Street, and the town's fire chief "
            "announced his retirement after thirty years."
        )),
        _article("B", "County Post", "The council approved the new swimming pool on Mill Street."),
        _article("C", "Lakeside News", "The town's fire chief announced his retirement after thirty years."),
    ])
    for point in brief.agreed:
        texts = " ".join(brief.claim(c).text for c in point.claims if brief.claim(c).article != "A")
        assert not ("swimming pool" in texts and "fire chief" in texts), brief.agreed


def test_one_quote_cut_two_ways_shares_its_words() -> None:
    whole = "“We will rebuild the pier before the summer, whatever it costs,” the mayor told the council."
    part = "The mayor said: “We will rebuild the pier before the summer, whatever it costs.”"
    assert shared_run(whole, part) == "we will rebuild the pier before the summer whatever it costs"
    assert shared_run(whole, "The pier will be rebuilt by a firm from the capital.") is None


def test_one_sentence_edited_two_ways_shares_its_words_and_its_negation() -> None:
    """Two outlets print one wire sentence with a word changed and a name spelt another way; the
    negation both print ("nobody knows") does not keep them apart when only one claim's core holds it."""
    one = ('The mayor accused the ferry company of running a confusing timetable on the island route, saying '
           '"nobody knows when the boats leave, and now it looks like (ferry owner Jon) Haakonsen is going to '
           'close the route."')
    two = ('She accused the ferry company of keeping a confusing timetable on the island route, saying '
           '"nobody knows when the boats leave, and now it looks like (ferry owner John) Hakonsen is going to '
           'close the route."')
    assert shared_run(one, two) is not None
    assert shared_run(one, "The mayor accused the ferry company of raising its fares on the island route "
                           "again this winter, a month after the council froze them.") is None
    left = Claim("A1", "A", one, 0, len(one), polarity="negative", key="knows")
    right = Claim("B1", "B", two, 0, len(two), key="accused")
    assert negation_apart(left, right, unnamed=False)


def test_a_negation_printed_with_either_apostrophe_is_printed_by_both() -> None:
    """One outlet prints the quotation whole with a straight "don't", the other in two pieces with a curly
    "don’t", its claim's core the first piece: the negation both print keeps them one fact."""
    whole = '"If the council sets the fares, you don\'t set the fares," she said.'
    pieces = "“If the council sets the fares,” she said, “you don’t set the fares.”"
    negative = Claim("B1", "B", whole, 0, len(whole), polarity="negative", key="don't set")
    positive = Claim("A1", "A", pieces, 0, len(pieces), key="sets")
    assert negation_apart(negative, positive, unnamed=False)


def test_one_speakers_short_line_printed_word_for_word_by_two_outlets_is_one_fact() -> None:
    """Too short for the run of words that makes two quotations one, but the same speaker's same words:
    one fact, with "same words" as the reason; another speaker's same words are not."""
    from storydiff.align.facts import Proposal, decide
    from storydiff.align.relations import ClaimContext, Evidence

    def pair(speaker_b: str) -> Proposal:
        left = ClaimContext(Claim("A5", "A", "We do not want him.", 0, 19, polarity="negative"), "A", "Ana Ruiz", None)
        right = ClaimContext(Claim("C5", "C", "“We do not want him.", 0, 20, polarity="negative"), "C", speaker_b, None)
        return Proposal(left, right, Evidence(0.84, (), (), (), ()), None)

    found = decide(pair("Ana Ruiz"), 0.0)
    assert found is not None and found.type == "corroborates" and found.reason.startswith("same words")
    other = decide(pair("Tom Hale"), 0.0)
    assert other is None or other.type != "corroborates"


def test_only_facts_become_points_or_only_in() -> None:
    """A claim marked as a byline (or headline, caption, ...) is never a point, a dispute side or "only in"."""
    import dataclasses

    from storydiff.align import align
    from storydiff.nlp.analysis import analyze

    analysis = analyze([
        _article("A", "Valley Herald", (
            "The city council voted on Tuesday to close the old library on Mill Street.\n\n"
            "The bakery on the square will open a second shop in May."
        )),
        _article("B", "County Post", "On Tuesday, councillors decided to shut down the old Mill Street library."),
    ])
    first = analysis.articles[0]
    marked = tuple(dataclasses.replace(c, role="byline") if "bakery" in c.text else c for c in first.claims)
    rest = analysis.articles[1:]
    analysis = dataclasses.replace(analysis, articles=(dataclasses.replace(first, claims=marked), *rest))
    byline = next(c.id for c in marked if "bakery" in c.text)
    alignment = align(analysis)
    assert alignment.agreed  # the library fact is still agreed
    assert all(byline not in p.claims for p in alignment.agreed)
    assert all(byline not in r.claims for r in alignment.relations)
    assert all(byline not in u.claims for u in alignment.unique)
    kept = dataclasses.replace(analysis, articles=(first, *rest))
    assert any(byline in u.claims for u in align(kept).unique)  # as a fact it would be "only in"


def test_a_third_outlet_saying_part_of_the_fact_joins_its_point_not_a_second_one() -> None:
    """A1 corroborates both B1 and C1; B1 and C1 say the offer in other words (cosine 0.5, no link of
    their own). One point with three outlets, not A1 twice in two points of two; two claims of one
    article still need to be close (cosine 0.65) or linked to share a point."""
    from types import SimpleNamespace

    from storydiff.align.aligner import agreed_points
    from storydiff.align.relations import ClaimContext
    from storydiff.models import Claim, Relation

    texts = {
        "A1": "The mayor offered the ferry crews a three-year pay deal in exchange for weekend shifts.",
        "B1": "Crews were offered a pay deal lasting three years.",
        "C1": "Weekend shifts are what the mayor wants for the crews' raise.",
        "B2": "The union will put the offer to its members on Monday.",
    }
    contexts = [ClaimContext(Claim(cid, cid[0], text, 0, len(text)), cid[0], None, None) for cid, text in texts.items()]
    cosines = {frozenset(("B1", "C1")): 0.5, frozenset(("B1", "B2")): 0.5}

    def cosine(x: str, y: str) -> float:
        return cosines.get(frozenset((x, y)), 0.3)

    def points(links: list[tuple[str, str]]) -> list[tuple[str, ...]]:
        relations = [Relation("corroborates", pair, 0.8 - 0.1 * n, "same fact") for n, pair in enumerate(links)]
        found = agreed_points(relations, contexts, {}, SimpleNamespace(articles=()), cosine)  # type: ignore[arg-type]
        return [p.claims for p in found]

    assert points([("A1", "B1"), ("A1", "C1")]) == [("A1", "B1", "C1")]
    assert sorted(points([("A1", "B1"), ("A1", "B2")])) == [("A1", "B1"), ("A1", "B2")]


def test_a_point_that_only_states_another_again_is_left_out() -> None:
    """The ferry's odds, told once as the harbour master's figure (A1, B1, C1) and once as her quotation
    (A2, B2, C2): the quotation also corroborates B1 and C1, which makes a third point [A2, B1, C1] of
    claims both others list, for articles the first already cites. Two points, not the same fact three
    times; of two points one claim apart, the one whose own claim is closer to the rest stays."""
    from types import SimpleNamespace

    from storydiff.align.aligner import agreed_points, without_repeats
    from storydiff.align.relations import ClaimContext
    from storydiff.models import Claim, Point, Relation

    texts = {
        "A1": "The harbour master gave the new ferry a two-in-three chance of running by spring.",
        "A2": "“There is a one-in-three chance we miss spring,” she said.",
        "B1": "The harbour master put the odds of the ferry missing spring at one in three.",
        "B2": "“One in three, we miss spring,” she said.",
        "C1": "There is a one-in-three chance the ferry will not run by spring, the harbour master said.",
        "C2": "“A one-in-three chance we miss spring,” the harbour master said on Monday.",
    }
    contexts = [ClaimContext(Claim(cid, cid[0], text, 0, len(text)), cid[0], None, None) for cid, text in texts.items()]
    links = [("A1", "B1"), ("A1", "C1"), ("B1", "C1"), ("A2", "B2"), ("A2", "C2"), ("B2", "C2"),
             ("A2", "B1"), ("A2", "C1")]
    relations = [Relation("corroborates", pair, 0.9 - 0.05 * n, "same fact") for n, pair in enumerate(links)]
    found = agreed_points(relations, contexts, {}, SimpleNamespace(articles=()), lambda x, y: 0.3)  # type: ignore[arg-type]
    assert [p.claims for p in found] == [("A1", "B1", "C1"), ("A2", "B2", "C2")]

    def point(*claims: str) -> Point:
        return Point("agreed", claims, tuple(dict.fromkeys(c[0] for c in claims)), len({c[0] for c in claims}))

    cosines = {frozenset(("B3", "A1")): 0.7, frozenset(("B3", "C1")): 0.7}
    closer = without_repeats([point("A1", "B1", "C1"), point("A1", "B3", "C1"), point("B1", "D1"), point("B3", "D2")],
                             lambda x, y: cosines.get(frozenset((x, y)), 0.3))
    assert [p.claims for p in closer] == [("A1", "B3", "C1"), ("B1", "D1"), ("B3", "D2")]
    # ... but when the looser point's own claim is listed nowhere else, both stay
    both = [point("A1", "B1", "C1"), point("A1", "B3", "C1"), point("B3", "D2")]
    assert without_repeats(both, lambda x, y: cosines.get(frozenset((x, y)), 0.3)) == tuple(both)
    assert without_repeats(both, lambda x, y: 0.3) == (both[0], both[2])  # ... and a repeat no closer goes
    # a part of a point listed after it is a repeat too; a point with a claim no other lists is not
    assert [p.claims for p in without_repeats([point("A1", "C1"), point("A1", "B1", "C1")], lambda x, y: 0.3)] \
        == [("A1", "B1", "C1")]
    kept = [point("A1", "B1", "C1"), point("A1", "B1", "D1")]
    assert without_repeats(kept, lambda x, y: 0.3) == tuple(kept)
