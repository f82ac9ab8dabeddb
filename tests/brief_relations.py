"""Finding, in a brief, the relations between the claims that hold two phrases (shared by the align tests)."""

from __future__ import annotations

from storydiff.models import Brief, Relation


def relations_between(brief: Brief, first: str, second: str) -> list[Relation]:
    """The relations between a claim holding ``first`` and a claim holding ``second``, in either order."""
    out = []
    for relation in brief.relations:
        texts = [brief.claim(c).text for c in relation.claims]
        if (first in texts[0] and second in texts[1]) or (first in texts[1] and second in texts[0]):
            out.append(relation)
    return out
