"""Verbs of speech: the one list of them, and the named variants stages need.

``SPEECH_LEMMAS`` is the list: verbs of uttering or writing something to
someone. The benchmark's "speech subset" is the gold attributions whose cue
has one of these lemmas, and the statement extractor trusts a rule's cue
from it with a lower threshold. The other lists here are deliberately
different cuts, kept apart (not merged) because each stage was tuned on
its own:

- ``SPEECH_LIKE_LEMMAS``: the list plus cues that still make a *voice* in a
  brief ("cited", "rowed back", "according to", "called X a Y");
- ``SAYING_CORE_LEMMAS``: verbs of saying whose complement clause is a
  claim's core ("told reporters *that* ...");
- ``SPEECH_PREFIXES``: word starts that mark a printed cue ("said",
  "announced", "according to") as speech, matched on the cue's text when
  no parse is at hand.
"""

from __future__ import annotations

from storydiff.lexicon.words import word_set

SPEECH_LEMMAS: frozenset[str] = word_set(
    """
    acknowledge add admit agree allege announce answer argue ask assert assure boast
    caution claim comment complain concede confirm contend counter declare deny
    disagree disclose emphasise emphasize explain inform insist joke maintain
    mention note observe pledge post predict promise question quip recall recount
    reiterate remark repeat reply report respond retort reveal say speak state
    stress suggest tell testify threaten tweet urge vow warn write
    """
)

# A statement's cue makes a voice when it reports speech, also by citing,
# replying, describing or accusing: "cited the report", "rowed back on that".
SPEECH_LIKE_LEMMAS: frozenset[str] = SPEECH_LEMMAS | word_set(
    "cite row according reply call describe accuse dismiss"
)

# Verbs of saying whose complement clause is the claim's core: "told reporters that ...".
SAYING_CORE_LEMMAS: frozenset[str] = word_set(
    """
    say tell add state announce insist claim argue report predict
    write tweet post note explain warn acknowledge admit suggest
    indicate declare assert maintain stress confirm reiterate signal
    """
)

# Word starts of cues that report speech, "according to" included; other cues
# ("wants", "plans") do not make a voice. Matched with ``str.startswith``.
SPEECH_PREFIXES: tuple[str, ...] = (
    "said", "say", "tell", "told", "add", "stat", "announc", "insist", "claim", "argu", "report",
    "predict", "writ", "wrote", "tweet", "post", "note", "explain", "warn", "acknowledg", "admit",
    "suggest", "indicat", "declar", "assert", "maintain", "stress", "confirm", "reiterat", "signal",
    "accord", "describ", "ask", "deni", "deny", "reject", "dismiss", "rul", "vow", "promis",
    "respond", "repl", "comment", "urg", "testif", "recall", "conced", "contend", "call",
)  # fmt: skip
