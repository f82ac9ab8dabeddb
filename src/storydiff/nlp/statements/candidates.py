"""The candidate record: a statement some rule or template proposes, before the model chooses.

A ``Candidate`` holds spans as character ranges into ``doc.text`` and says
where it came from (``kind``); it is frozen: a later step that refines one
(a dateline cut off its content, its time read once chosen) makes a new one
with ``dataclasses.replace``.
"""

from __future__ import annotations

from dataclasses import dataclass

from storydiff.models import Recipient, Speaker, When

# Where a candidate came from. Rules first, templates after; the order is part
# of the model's categories, so a change here needs FEATURE_VERSION raised.
KINDS = (
    "quote_before",
    "quote_after",
    "parenthetical",
    "governed",
    "according",
    "colon",
    "pending",
    "continued",
    "t:ccomp",
    "t:xcomp",
    "t:dobj",
    "t:acl",
    "t:oprd",
    "t:attr",
    "t:csubj",
    "t:advcl",
    "t:prep",
    "t:passive",
    "v:short",
    "v:long",
)
RULE_KINDS = frozenset(KINDS[:8])
# Candidates that share a cue with the statement they continue.
CONTINUING_KINDS = frozenset({"pending", "continued"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A statement before it is chosen and gets its id: spans as character ranges.

    ``kind`` says where it came from: a rule ("quote_before", "governed", ...)
    or a template ("t:ccomp", "t:prep", ...); see ``KINDS``.
    """

    speaker: Speaker
    cue: tuple[int, int]
    content: tuple[int, int]
    direct: bool
    recipient: Recipient | None = None
    when: When | None = None
    kind: str = "governed"
    lexicon: bool = False  # a rule's cue from the lexicon of speech ("said", "rowed back on")

