"""Relative pronouns as speakers: "The minister, who said ..." is the minister's statement.

The statement model scores a candidate with "who" as its speaker (it was
trained so); ``speakers.describe`` names the antecedent, and the speaker gate
(``extract``) puts the antecedent's span in after the choice. A bare "who"
that no antecedent replaces is never a speaker (``speakers.is_source``).
"""

from __future__ import annotations

from spacy.tokens import Token

from storydiff.nlp.statements.columns import sentence_start
from storydiff.nlp.statements.cues import RELATIVE_PRONOUNS


def antecedent(head: Token) -> Token | None:
    """The noun a relative pronoun stands for: "the minister" in "The minister, who said ...".

    The relative clause's head, through a chain of clauses ("someone who had ..., and who
    has ..."); where the parser missed the clause, a noun right before a "who" or "which"
    ("the Chicago Police Department which reported").
    """
    if head.lower_ not in RELATIVE_PRONOUNS:
        return None
    verb = head.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ == "relcl" and verb.head.i != head.i:
        noun = verb.head  # "America Rising, a political action committee, which vowed": the name
        near = head.doc[head.i - 1] if head.i else None
        if (
            near is not None and near.i > noun.i and near.dep_ == "pobj" and near.pos_ in ("NOUN", "PROPN")
            and head.lower_ == "who" and noun.is_ancestor(near) and near.ent_type_ in ("", "PERSON", "NORP")
        ):
            return near  # "a term as House leader over a Rust Belt congressman who said": the congressman
        noun = noun.head if noun.dep_ == "appos" and noun.head.pos_ in ("NOUN", "PROPN") else noun
        return _thing_for_which(head, noun) or noun
    i = head.i - 1 if head.i and head.doc[head.i - 1].text != "," else head.i - 2
    before = head.doc[i] if i >= sentence_start(head) else None
    if head.tag_ in ("WP", "WDT") and before is not None and before.pos_ in ("NOUN", "PROPN"):
        while before.dep_ == "compound" and before.head.i > before.i:
            before = before.head
        return before
    return None


_BODY_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})


def _thing_for_which(head: Token, noun: Token) -> Token | None:
    """The body a "which" stands for where the parser hung it on a person.

    "said Maggie Gallagher, a founder of the Institute for Thrift, which opposes the bill": "which"
    never stands for a person, so it is the body named right before it, inside the person's phrase.
    """
    if head.lower_ != "which" or not _is_person(noun) or head.i < 2:
        return None
    near = head.doc[head.i - 2] if head.doc[head.i - 1].text == "," else head.doc[head.i - 1]
    if near.pos_ not in ("NOUN", "PROPN") or not noun.is_ancestor(near):
        return None
    body = next((e for e in near.sent.ents if e.start <= near.i < e.end), None)
    # A body the tagger named ("Harbour Watch, a group of ferry users, which": no body named, the
    # parser is trusted), by its head word: "the Institute for Thrift" is "Institute", not "Thrift".
    return body.root if body is not None and body.label_ in _BODY_LABELS else None


def _is_person(noun: Token) -> bool:
    """Whether the noun, or the name it stands in apposition to, is a person."""
    return noun.ent_type_ == "PERSON" or (noun.dep_ == "appos" and noun.head.ent_type_ == "PERSON")


__all__ = ["antecedent"]
