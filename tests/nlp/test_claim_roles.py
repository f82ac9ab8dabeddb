"""Claim roles: the headline again, captions, bylines, pleasantries and fragments are no facts."""

from __future__ import annotations

import pytest

from storydiff.models import Article
from storydiff.nlp.analysis import analyze_each

TITLE = "Harbour Council Votes To Close Old Swing Bridge"
TEXT = (
    "Harbour Council Votes To Close Old Swing Bridge\n\n"
    "By Maren Holt and Joel Tiller\n\n"
    "The harbour council voted on Tuesday to close the old swing bridge for six weeks of repairs.\n\n"
    "Workers lower a steel beam onto the bridge deck on Monday. (AP Photo/Ines Korder)\n\n"
    "Engineer Paula Greve told councillors the hinges had rusted through. \u201cWe cannot wait another winter.\n\n"
    "Thank you so much.\n\n"
    "The ferry will run every twenty minutes while the bridge is shut, and the council will pay the fares.\n\n"
    "Commuters from the north shore, the school buses and the night bakery vans \u2014\n\n"
    "Follow Maren Holt on Twitter at @marenholt.\n\n"
    "The Associated Press contributed to this report.\n\n"
    "This is a developing story. The Harbour Courier will follow the story.\n"
)


@pytest.fixture(scope="module")
def roles() -> dict[str, str]:
    (analyzed,) = analyze_each([Article(id="A", source="bridge.txt", text=TEXT, title=TITLE)])
    return {c.text: c.role for c in analyzed.claims}


def _role(roles: dict[str, str], start: str) -> str:
    found = [role for text, role in roles.items() if text.startswith(start)]
    assert found, f"no claim starts with {start!r}: {list(roles)}"
    return found[0]


def test_the_title_repeated_as_a_claim_is_a_headline(roles: dict[str, str]) -> None:
    assert _role(roles, "Harbour Council Votes") == "headline"


def test_a_title_the_claim_splitter_cut_in_two_is_a_headline_in_both_pieces() -> None:
    title = "Council 'Failed' the Harbour, Mayor Says, but 'Nothing Changed' for the Ferries"
    text = (f"{title}\n\nThe mayor said on Monday that the council had failed the harbour and had done "
            "nothing for the ferry crews.\n")
    (analyzed,) = analyze_each([Article(id="A", source="mayor.txt", text=text, title=title)])
    roles = {c.text: c.role for c in analyzed.claims}
    pieces = [role for claim, role in roles.items() if claim.strip() and claim in title]
    assert len(pieces) >= 1 and set(pieces) == {"headline"}, roles
    assert _role(roles, "The mayor said on Monday") == "fact"


def test_a_byline_and_credits_are_bylines(roles: dict[str, str]) -> None:
    assert _role(roles, "By Maren Holt") == "byline"
    assert _role(roles, "Follow Maren Holt") == "byline"
    assert _role(roles, "The Associated Press contributed") == "byline"
    assert _role(roles, "This is a developing story") == "byline"  # the newsroom's notes, not the story's facts
    assert _role(roles, "The Harbour Courier will follow") == "byline"


def test_a_photo_line_is_a_caption(roles: dict[str, str]) -> None:
    assert _role(roles, "Workers lower a steel beam") == "caption"


def test_thanks_are_a_pleasantry(roles: dict[str, str]) -> None:
    assert _role(roles, "Thank you so much") == "pleasantry"


def test_a_piece_without_a_verb_is_a_fragment(roles: dict[str, str]) -> None:
    assert _role(roles, "Commuters from the north shore") == "fragment"


def test_reporting_stays_fact(roles: dict[str, str]) -> None:
    for start in ("The harbour council voted", "Engineer Paula Greve told", "The ferry will run",
                  "the council will pay"):
        assert _role(roles, start) == "fact", start


def test_a_sentence_cut_mid_way_is_a_fragment() -> None:
    """A sentence the parser split in the middle: its lower-case second half is no claim of its own."""
    text = ("The council set aside four million crowns for the repairs\n"
            "over the next two years, according to the budget papers.\n")
    (analyzed,) = analyze_each([Article(id="A", source="budget.txt", text=text)])
    pieces = {c.text: c.role for c in analyzed.claims}
    assert pieces.get("over the next two years, according to the budget papers.") == "fragment", pieces


def test_the_tail_of_a_quotation_cut_off_as_its_own_claim_is_a_fragment() -> None:
    """'“...?” Mayor Ada Brook asked on Tuesday.' says who asked and when; what was asked is the quotation."""
    text = (
        "\u201cIf the council cannot find the money now, could any council find it in a year?\u201d Mayor Ada "
        "Brook asked on Tuesday. \u201cWe have waited long enough.\u201d\n\n"
        "\u201cThe bridge is safe,\u201d the engineer said. Ms. Brook responded with a plan to close it anyway.\n\n"
        "\u201cNo.\u201d The council said in a statement that the vote would be held on Friday.\n"
    )
    (analyzed,) = analyze_each([Article(id="A", source="bridge.txt", text=text)])
    roles = {c.text: c.role for c in analyzed.claims}
    assert _role(roles, "Mayor Ada Brook asked on Tuesday") == "fragment", roles
    assert _role(roles, "Ms. Brook responded with a plan") == "fact", roles  # it says something of its own
    assert _role(roles, "The council said in a statement that") == "fact", roles


def test_roles_survive_the_json_form() -> None:
    (analyzed,) = analyze_each([Article(id="A", source="bridge.txt", text=TEXT, title=TITLE)])
    from storydiff.models import Claim

    for claim in analyzed.claims:
        data = claim.to_dict()
        assert data["role"] == claim.role
        assert Claim.from_dict(data).role == claim.role
    assert Claim.from_dict({k: v for k, v in analyzed.claims[0].to_dict().items() if k != "role"}).role == "fact"
