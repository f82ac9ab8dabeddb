"""Relative pronouns as speakers: "The minister, who said ..." is the minister's statement.

The statement model scores a candidate with "who" as its speaker (it was
trained so); ``speakers.describe`` names the antecedent, and the speaker gate
(``extract``) puts the antecedent's span in after the choice. A bare "who"
that no antecedent replaces is never a speaker (``speakers.is_source``).
"""

from __future__ import annotations

from spacy.tokens import Token

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
        return noun.head if noun.dep_ == "appos" and noun.head.pos_ in ("NOUN", "PROPN") else noun
    i = head.i - 1 if head.i and head.doc[head.i - 1].text != "," else head.i - 2
    before = head.doc[i] if i >= head.sent.start else None
    if head.tag_ in ("WP", "WDT") and before is not None and before.pos_ in ("NOUN", "PROPN"):
        while before.dep_ == "compound" and before.head.i > before.i:
            before = before.head
        return before
    return None


__all__ = ["antecedent"]
