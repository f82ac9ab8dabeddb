"""Independent sources: reprinted copy counts once, exactly for small stories, by MinHash LSH for large ones."""

from __future__ import annotations

import pytest

from storydiff.align import independence
from storydiff.align.independence import source_groups
from storydiff.models import Article, Recipient, Span, Speaker, Statement

WIRE = (
    "The regional council voted on Thursday to close the old ferry terminal at Kesvik by the end of the year, "
    "citing repair costs of more than four million crowns. Council leader Marta Holm said the vote was the hardest "
    "the council had taken in a decade, and that a new pier north of the harbour would open in the spring. "
    "Fishermen who use the terminal said they had not been consulted and would appeal the decision."
)
REPRINT = WIRE.replace("Thursday", "Thursday evening") + " The Kesvik Courier contributed reporting."
OWN = (
    "Kesvik's fishermen will fight the closure of the ferry terminal, their union said on Friday, a day after "
    "the regional council voted to shut it. The union chair, Ola Brekke, called the plan for a northern pier "
    "a promise the council had broken twice before, and said boats would block the harbour on Monday."
)


def _articles(*texts: str) -> list[Article]:
    return [Article(id=chr(ord("A") + n), source=f"{n}.txt", text=t) for n, t in enumerate(texts)]


def test_a_reprint_joins_the_wire_story_and_an_own_report_stays_apart():
    assert source_groups(_articles(WIRE, OWN, REPRINT)) == {"A": "A", "B": "B", "C": "A"}


def test_a_copy_joins_the_lowest_group_it_duplicates():
    assert source_groups(_articles(OWN, WIRE, REPRINT, WIRE)) == {"A": "A", "B": "B", "C": "B", "D": "B"}


def test_large_inputs_use_minhash_lsh_with_the_same_answer_on_clear_cases(monkeypatch):
    monkeypatch.setattr(independence, "EXACT_LIMIT", 1)
    assert source_groups(_articles(WIRE, OWN, REPRINT)) == {"A": "A", "B": "B", "C": "A"}


@pytest.mark.parametrize("pair", [("", ""), ("Short text.", "Short text."), ("Short text.", "Other words.")])
def test_texts_shorter_than_a_shingle_compare_whole(pair):
    same = pair[0].lower() == pair[1].lower()
    assert source_groups(_articles(*pair))["B"] == ("A" if same else "B")


def _told(outlet: str) -> Statement:
    return Statement(id="A-S1", article="A", speaker=Speaker(text="The mayor", start=0, end=9, name=None),
                     cue=Span("told", 10, 14), content=Span("the pier reopens", 30, 46), direct=False,
                     recipient=Recipient(outlet, 15, 15 + len(outlet), is_outlet=True))


def test_a_claim_told_to_an_outlet_counts_as_that_outlets_reporting():
    times = Article(id="B", source="b.txt", text="x", outlet="The New York Times")
    post = Article(id="A", source="a.txt", text="x", outlet="Harbour Post")
    groups = {"A": "A", "B": "B"}
    outlets = independence.outlet_groups([post, times], groups)
    assert independence.claim_source(post.id, post.outlet, None, groups, outlets) == ("A", None)
    assert independence.claim_source(post.id, post.outlet, _told("CNN"), groups, outlets) == ("outlet:cnn", "cnn")
    assert independence.claim_source(post.id, post.outlet, _told("The New York Times"), groups, outlets)[0] == "B"
    # "told The Times" printed by The New York Times is its own interview, not another outlet's
    assert independence.claim_source(times.id, times.outlet, _told("The Times"), groups, outlets)[0] == "B"
    assert independence.claim_source(post.id, post.outlet, _told("The Times"), groups, outlets)[0] == "outlet:times"


def test_one_article_is_one_source_at_most():
    sourced = [("A", "outlet:cnn", "cnn"), ("A", "A", None),  # A's own reporting and a piece it relays
               ("B", "outlet:cnn", "cnn"), ("B", "outlet:cnn", "cnn"),  # B quotes CNN's interview twice
               ("C", "outlet:cnn", "cnn"), ("C", "outlet:ap", "ap")]  # C relays two outlets: counted once
    assert independence.independent_sources(sourced) == {"A", "outlet:cnn"}
