"""Sources an article leaves unnamed ("a senior official", "a nurse who asked not to be named"), and the
name the parse lost before such a phrase ("Per Aune, a spokesman for ..."), and names set in apposition
to a speaker ("The lawyer for Mrs. Clinton, David Kendall,"). Used by ``speakers.describe``."""

from __future__ import annotations

from spacy.tokens import Span, Token

from storydiff.nlp.statements.columns import sentence_start
from storydiff.nlp.statements.cues import ANONYMOUS_NOUNS

# Dependents that only count or point at a noun ("a", "one", "two", "his"): not part of a description.
DETERMINERS = frozenset({"det", "predet", "nummod", "poss", "case"})


def is_anonymous(span: Span, head: Token) -> bool:
    """Unnamed human sources: "diplomatic sources", "a senior administration official",
    and anyone "who asked not to be named" or "speaking on condition of anonymity"."""
    if head.lemma_.lower() not in ANONYMOUS_NOUNS and not (head.pos_ == "NOUN" and _withholds_name(head)):
        return False
    return not any(t.pos_ == "PROPN" and t.ent_type_ == "PERSON" for t in span)


_NAMING_LEMMAS = frozenset({"name", "identify", "authorize", "allow", "permit"})


def _withholds_name(head: Token) -> bool:
    """Whether the phrase says the source is kept unnamed: "who asked not to be named",
    "not authorized to speak", "on condition of anonymity"."""
    for tok in head.subtree:
        if tok.lemma_.lower() == "anonymity":
            return True
        if tok.lemma_.lower() in _NAMING_LEMMAS and any(c.dep_ == "neg" for c in tok.children):
            return True
    return False


def description(span: Span) -> str:
    """The words that describe an unnamed source, without "a", "one", "two"."""
    start = span.start
    while start < span.end - 1 and span.doc[start].dep_ in DETERMINERS:
        start += 1
    return span.doc[start : span.end].text


def name_before_comma(span: Span) -> str | None:
    """The name that opens the sentence just before a role phrase set off by commas, when the parse did
    not join them: "Per Aune, a spokesman for the line, confirmed" ("Per" taken for a preposition). Two
    to four capitalised words, the last a proper noun, none in an entity other than a person."""
    doc = span.doc
    comma = span.start - 1
    if comma < 1 or doc[comma].text != ",":
        return None
    first = comma
    while first > sentence_start(doc[comma]) and doc[first - 1].is_title and comma - first < 4:
        first -= 1
    words = doc[first:comma]
    if first != sentence_start(doc[comma]) or not 2 <= len(words) <= 4 or words[-1].pos_ != "PROPN":
        return None
    if span.end >= len(doc) or doc[span.end].text != ",":
        return None  # an apposition is closed by a comma too: "In Washington, a spokesman said" has none
    if any(w.ent_type_ not in ("", "PERSON") for w in words):
        return None  # "Last Tuesday, a spokesman ...,": a time or a place, not a name
    return words.text


def untagged_name(tok: Token) -> Span | None:
    """The proper nouns the tagger left untagged that end at an apposition: "Demetrios Minor" in "One of
    its members, Demetrios Minor, said"; None for a single word or a word of an entity."""
    if tok.dep_ != "appos" or tok.pos_ != "PROPN" or tok.ent_type_:
        return None
    doc, first = tok.doc, tok.i
    while first > tok.left_edge.i and doc[first - 1].pos_ == "PROPN" and not doc[first - 1].ent_type_:
        first -= 1
    name = doc[first : tok.i + 1]
    return name if len(name) > 1 and all(t.text[:1].isupper() for t in name) else None


def named_in_description(appos: Token) -> Token:
    """The name apposed to a description that is itself apposed to a phrase: in "The other man, his
    cousin James York, 40, said", the cousin is York; else ``appos`` itself."""
    if appos.pos_ != "NOUN":
        return appos
    inner = (c for c in appos.children if c.dep_ == "appos" and c.i > appos.i and c.ent_type_ == "PERSON")
    return next(inner, appos)


def name_apposed_to_a_name(head: Token) -> Token | None:
    """A name the parser set in apposition to another person's name inside the role's own phrase:
    in "The lawyer for Mrs. Clinton, David Kendall," Kendall is the lawyer, not a second name of hers."""
    for prep in (c for c in head.children if c.dep_ == "prep" and c.i > head.i):
        for token in prep.subtree:
            if token.dep_ == "appos" and token.ent_type_ == "PERSON" and token.head.ent_type_ == "PERSON" and all(
                t.is_punct for t in prep.subtree if t.i > token.right_edge.i
            ):
                return token
    return None


def apposed(head: Token, child: Token) -> bool:
    """Whether a child names the same thing as its head: an apposition, or what the parser made a
    conjunct with no "and" before it ("The Democrat, Representative Adam B. Schiff of California,")."""
    if child.dep_ == "appos":
        return True
    return child.dep_ == "conj" and not any(k.dep_ == "cc" and head.i < k.i < child.i for k in head.children)
