"""A claim's predicate, polarity and denial come from its own main clause, not from a clause inside it.

"The strike began after the union said it would not accept the offer" claims that the strike
began: the union's refusal is its circumstance. Read from the subordinate clause, the claim
would be negative (or a denial) and kept apart from another outlet's "the strike started".
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from storydiff.models import Claim
from storydiff.nlp import claims
from storydiff.nlp.statements import iter_statements


def _claim(nlp: Language, text: str) -> Claim:
    doc = nlp(text)
    statements = list(iter_statements(doc, "A", None, ()))
    (claim,) = claims.iter_claims(doc, "A", statements)
    return claim


@pytest.mark.parametrize(("text", "verb"), [
    ("The report comes one day after the mayor insisted that nothing improper happened.", "come"),
    ("The ferry strike began a week after the union said it would not accept the offer.", "begin"),
    ("The audit followed a warning from the regulator, who said the accounts could not be trusted.", "follow"),
])
def test_a_negation_in_a_subordinate_clause_leaves_the_claim_positive(nlp: Language, text: str, verb: str) -> None:
    claim = _claim(nlp, text)
    assert (claim.predicate, claim.polarity) == (verb, "positive")


@pytest.mark.parametrize(("text", "verb"), [
    ("The subpoena came after the adviser denied that he had met the envoy in April.", "come"),
    ("The committee issued the subpoena on Friday, a day after the adviser declined a request to hand "
     "over the documents.", "issue"),
])
def test_a_denial_in_a_subordinate_clause_is_no_denial_of_the_claim(nlp: Language, text: str, verb: str) -> None:
    claim = _claim(nlp, text)
    assert (claim.predicate, claim.modality, claim.polarity) == (verb, "definite", "positive")


@pytest.mark.parametrize(("text", "polarity", "modality"), [
    ("The mayor denied that the city had lost the harbour contract.", "positive", "denied"),
    ("The mayor did not sign the harbour contract, the spokesman said.", "negative", "definite"),
    ("The adviser did not answer the committee's questions on Friday.", "negative", "definite"),
    ("The union refused to accept the offer from the ferry company.", "negative", "definite"),
    ("Drivers cannot just park on the bridge ramp when the ferry is late.", "negative", "definite"),
])
def test_a_denial_or_negation_of_the_main_clause_stays(nlp: Language, text: str, polarity: str, modality: str) -> None:
    claim = _claim(nlp, text)
    assert (claim.polarity, claim.modality) == (polarity, modality)


@pytest.mark.parametrize(("text", "verb"), [
    ("The treasurer pleaded guilty on Monday to a charge that she had filed false tax returns for three years.",
     "plead"),
    ("The council accused the contractor of hiding the cost overruns from the auditors.", "accuse"),
])
def test_the_predicate_is_the_main_verb_not_the_noun_it_governs(nlp: Language, text: str, verb: str) -> None:
    assert _claim(nlp, text).predicate == verb


@pytest.mark.parametrize(("text", "verb"), [
    ("It's not just the harbour council that is worried about the cost of the new bridge.", "be"),
    ("The ferry company is not only raising fares but also cutting the night service.", "raise"),
])
def test_not_just_narrows_a_claim_without_negating_it(nlp: Language, text: str, verb: str) -> None:
    claim = _claim(nlp, text)
    assert (claim.predicate, claim.polarity) == (verb, "positive")


def test_a_quotation_is_not_cut_into_two_claims(nlp: Language) -> None:
    # A coordinated clause with its own subject starts a claim, but not inside quotation marks: the
    # second half alone would be a sentence piece with a stray closing mark.
    doc = nlp('The grocer compared his shop with the chain\'s, saying "I built this place, and I did not '
              'start it with a loan from my father."\n\nThe mayor said the vote was close, but the council '
              'said it was not.')
    found = [c.text for c in claims.iter_claims(doc, "A", list(iter_statements(doc, "A", None, ())))]
    assert any(t.startswith("The grocer") and t.endswith('father."') for t in found), found
    assert "the council said it was not." in found


def test_a_trailing_attribution_stays_with_its_clause(nlp: Language) -> None:
    # The sentence of examples/corpus/news.jsonl's lib-2: the parser hangs its trailing "said" on "lost"
    # as a conjunct with its own subject. Cut there, "librarian Owen Pike said on Friday." became a claim
    # of its own, a fragment in "Only in".
    text = ("Most of the town archive kept at the Mill Street library was lost in Wednesday night's fire, "
            "librarian Owen Pike said on Friday.")
    doc = nlp(text)
    found = [c.text for c in claims.iter_claims(doc, "A", list(iter_statements(doc, "A", None, ())))]
    assert found == [text]


def test_a_conjoined_clause_that_says_something_is_still_its_own_claim(nlp: Language) -> None:
    doc = nlp("The mayor opened the new bridge on Monday, and the council said the tolls would end in May.")
    found = [c.text for c in claims.iter_claims(doc, "A", list(iter_statements(doc, "A", None, ())))]
    assert len(found) == 2 and found[1].startswith("the council said"), found


@pytest.mark.parametrize(("text", "key"), [
    ("He\u2019ll make the announcement at noon from the harbour office.", "He\u2019ll make"),
    ("They'll vote on the ferry budget on Friday.", "They'll vote"),
])
def test_a_clitic_in_the_decisive_words_is_shown_with_its_word(nlp: Language, text: str, key: str) -> None:
    # a reason quoted "'’ll make' (article A), then 'made' (article B)"
    assert _claim(nlp, text).key == key
