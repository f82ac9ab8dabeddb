"""Whom a statement was made to: a person or group told, or the outlet it was said on."""

from __future__ import annotations

from spacy.tokens import Token

from storydiff.lexicon import OUTLET_WORDS, WIRE_CREDITS
from storydiff.models import Recipient
from storydiff.nlp.statements.subjects import RECIPIENT_LEMMAS


def recipient(cue: Token) -> Recipient | None:
    """Whom the statement was made to: "told Fox News", "said to reporters"."""
    target = None
    for child in cue.rights:
        if child.dep_ in {"dobj", "dative"} and cue.lemma_ in RECIPIENT_LEMMAS:
            target = child
            break
        if child.dep_ == "prep" and child.lower_ == "to" and cue.lemma_ != "tell":
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
            if target is not None:
                break
    if target is None or target.pos_ in {"VERB", "AUX"}:
        return None
    return _recipient(target)


def outlet_said_on(cue: Token) -> Recipient | None:
    """The news outlet a statement was made on or to in an interview: "said on CNN", "said in an
    interview with the Associated Press"; None for anything else ("said on Monday", "said in an
    interview with reporters").

    Read after the statement model chose (its ``has_recipient`` feature was trained on ``recipient``).
    """
    for child in cue.rights:
        if child.dep_ != "prep" or child.lower_ not in {"on", "in"}:
            continue
        target = next((c for c in child.children if c.dep_ == "pobj"), None)
        if target is not None and child.lower_ == "in":
            inner = (next((c for c in target.children if c.dep_ == "prep" and c.lower_ in {"with", "on"}), None)
                     if target.lemma_.lower() == "interview" else None)
            target = None if inner is None else next((c for c in inner.children if c.dep_ == "pobj"), None)
        if target is not None and target.pos_ == "PROPN":
            told = _recipient(target)
            if told.is_outlet:
                return told
    return None


def _recipient(target: Token) -> Recipient:
    span = target.doc[target.left_edge.i : target.i + 1]
    is_outlet = bool({t.lower_ for t in span} & OUTLET_WORDS) or span.text.lower() in WIRE_CREDITS
    return Recipient(span.text, span.start_char, span.end_char, is_outlet)
