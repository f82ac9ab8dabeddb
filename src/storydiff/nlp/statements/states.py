"""The U.S. state a writer ties a person to at one mention: "Nancy Pelosi (D-Calif.)", "Chuck Schumer
of New York", "the California Republican". The speaker resolver keeps "the Oregon Democrat" to the
people of Oregon with it."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from storydiff.lexicon.places import state_in_parentheses, state_named

# "(D-Calif.)", "(Ohio)" right after a name; "of New York" right after it.
_PARENTHESES = re.compile(r"\s*\(([^()]{1,16})\)")
_OF_PLACE = re.compile(r"\s+of\s+((?:[A-Z][\w.]*\s?){1,2})")


def state_of(ent: Span, text: str) -> str | None:
    """The U.S. state the writer ties a person to at this mention: "Nancy Pelosi (D-Calif.)",
    "Chuck Schumer of New York", "California Democratic Rep. Nancy Pelosi", "Ed Royce, the California
    Republican"."""
    doc = ent.doc
    after = text[ent.end_char : ent.end_char + 40]
    inside = _PARENTHESES.match(after)
    if inside is not None:
        return state_in_parentheses(inside.group(1))
    place = _OF_PLACE.match(after)
    if place is not None and state_named(place.group(1)) is not None:
        return state_named(place.group(1))
    i, inside_ids = ent.start - 1, set(range(ent.start, ent.end))
    while i >= 0 and doc[i].dep_ in ("compound", "amod") and doc[i].head.i in inside_ids:
        inside_ids.add(i)  # "California Democratic Rep. Nancy Pelosi", "Florida Sen. Marco Rubio"
        i -= 1
    before = state_named(doc[i + 1 : ent.start].text) if i + 1 < ent.start else None
    if before is not None:
        return before
    root = ent.root
    for appos in [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else []):
        described = state_named(doc[appos.left_edge.i : appos.i + 1].text)
        if described is None:  # "Senator John Kerry, Democrat of Massachusetts"
            of = next((c for c in appos.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            described = state_named(doc[of.i + 1 : of.right_edge.i + 1].text) if of is not None else None
        if described is not None:  # "Ed Royce, the California Republican who ..."
            return described
    return None


def role_state(head: Token) -> str | None:
    """The U.S. state a role phrase names before its head noun: "the Texas lawmaker", "the
    North Carolina Republican"."""
    return state_named(head.doc[head.left_edge.i : head.i].text) if head.left_edge.i < head.i else None
