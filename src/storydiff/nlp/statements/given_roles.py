"""The role nouns an article gives a person it names: "press secretary Sarah Sanders", "Peskov, Putin's
spokesman", "Putin's spokesman, Dmitry Peskov"; whom "the spokesman" later stands for."""

from __future__ import annotations

from spacy.tokens import Span, Token

from storydiff.nlp.statements.cues import BODIES, DOCUMENT_NOUNS, PARTY_WORDS, ROLE_ABBREVIATIONS


def role_nouns(ent: Span) -> set[str]:
    """The role nouns an article gives a person: "press secretary Sarah Sanders",
    "Peskov, Putin's spokesman", "Putin's spokesman, Dmitry Peskov"."""
    doc = ent.doc
    root = ent.root
    nouns: set[str] = set()
    i = ent.start - 1
    inside = set(range(ent.start, ent.end))
    while i >= 0 and doc[i].dep_ in ("compound", "amod") and doc[i].head.i in inside:
        # "press secretary", "Senator"; not the body ("Union chairwoman"): "the union said" is the union
        if doc[i].lower_ in _SECOND_IN_LINE:
            nouns.clear()  # "Vice President Joseph R. Biden Jr.": "the president" is someone else
        elif (_is_role_word(doc[i]) or doc[i].lower_ in PARTY_WORDS) and doc[i].lemma_.lower() not in BODIES:
            lemma = doc[i].lemma_.lower()
            nouns.update(ROLE_ABBREVIATIONS.get(lemma.rstrip("."), {lemma}))
        inside.add(i)
        i -= 1
    if i >= 1 and doc[i].text in ("-", "\u2011") and doc[i - 1].lower_ == "then":
        nouns.clear()  # "then-President Obama": a role held once; "the president" now is someone else
    # "Secretary of State Hillary Clinton": the office the parser hung on the name with its "of"
    nouns.update(c.lemma_.lower() for c in root.children if c.dep_ == "nmod" and c.i < ent.start
                 and _is_role_word(c) and c.lemma_.lower() not in BODIES and any(k.dep_ == "prep" for k in c.children))
    appositions = [c for c in root.children if c.dep_ == "appos"]
    sought = root.head.dep_ == "pobj" and root.head.head.lower_ == "for"  # an office run for, not held
    if root.dep_ == "appos" and not sought:
        appositions.append(root.head)  # not "his opponent for president, Hillary Clinton", the parser's "president"
    # "has sent Ryan, R-Wis., a letter", "Rep. Maxine Waters (D-Calif.), ... package": the parser's
    # apposition is a thing, no one's role
    nouns.update(a.lemma_.lower() for a in appositions if _is_role_word(a) and a.lemma_.lower() not in _THINGS)
    return nouns


# Things the parser may set in apposition to a name: never a role.
_THINGS = DOCUMENT_NOUNS | frozenset({"package", "parcel", "device", "bomb", "envelope", "statement", "message"})

# Words before a title that make it another office: a vice president is not "the president".
_SECOND_IN_LINE = frozenset({"vice", "deputy", "assistant", "associate", "lieutenant"})


def _is_role_word(tok: Token) -> bool:
    """A word that can name a role: a common noun, a title ("Senator"), a party ("Republican")."""
    return tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.ent_type_ in ("", "NORP"))


__all__ = ["role_nouns"]
