"""Parenthetical cues: "Many of the courses, she said, have closed".

A cue set off by commas inside a sentence sits inside what was said, so the
content is the sentence around it, less a contrast the writer adds after it
(", although ...") and less what comes before a relative "which" or "who"
the cue follows ("the stadium, which, Tompkins said, is full": what she
said of the stadium). A quotation after the cue that is the predicate of a
subject before it ("The drivers, she said, “are taking a risk”") is that
content too, not the quotation alone. Ranges are character offsets into ``doc.text``.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Token

from storydiff.lexicon import SPEECH_LEMMAS
from storydiff.nlp.statements.columns import columns
from storydiff.nlp.statements.positions import doc_text
from storydiff.nlp.statements.reported import OBJECTS


# "Many of the courses, she said, have closed": the cue sits inside what was said,
# so the content is the whole sentence around it.
def parenthetical_content(cue: Token, left: int, right: int) -> tuple[int, int] | None:
    text = doc_text(cue.doc)
    where = next((c for c in cue.rights if c.dep_ == "prep"), None)
    if text[right : right + 1] != "," and where is not None and where.i == cue.i + 1 and cue.tag_ in _FINITE:
        right = where.right_edge.idx + len(where.right_edge)  # "That group, Mr. Corker said on Fox, was ..."
    if text[left - 2 : left] != ", " or text[right : right + 1] != ",":
        return None
    if cue.lemma_ not in SPEECH_LEMMAS or any(
        c.dep_ in OBJECTS and not _subjectless(c) and not _addressed(cue, c) for c in cue.rights
    ):
        return None
    sent = cue.sent
    if sent.start_char >= left - 3 or sent.end_char <= right + 3:
        return None
    following = cue.doc.char_span(right + 1, sent.end_char, alignment_mode="expand")
    if following is None or not len(following) or any(t.head == cue and not _still_theirs(t) for t in following):
        # "..., Hollande said, noting that ...", "..., lawmakers said, as they bristled at ...":
        # the rest is the cue's own
        return None
    if text.count('"', sent.start_char, left) % 2 or text.count(
        "“", sent.start_char, left
    ) > text.count("”", sent.start_char, left):
        return None  # the cue is inside an open quotation
    aside = _ASIDE_AFTER.search(text, right, sent.end_char)
    # "The test, North Korea said, was its biggest yet, although it may take days to ...": the writer's
    end = aside.start() if aside is not None else sent.end_char
    before = cue.doc.char_span(sent.start_char, left - 2, alignment_mode="contract")
    if before is not None and len(before) > 1 and before[-1].lower_ in ("which", "who"):
        # "The park is near the stadium, which, Tompkins said, is full on game days": what she said of it
        return before[-1].idx, end
    return sent.start_char, end


def _addressed(cue: Token, child: Token) -> bool:
    """Whom a parenthetical "told" addresses, right after it: "The difference, he told me on Friday, is ..."."""
    return cue.lemma_ == "tell" and child.dep_ in ("dobj", "dative") and child.left_edge.i == cue.i + 1


def _still_theirs(token: Token) -> bool:
    """A word after a parenthetical cue that the parse hung on the cue but that goes on what was said:
    the closing stop, a reason ("..., Delgado said, because the footbridge cannot be installed"), or
    the verb of the sentence's own subject ("That group, Mr. Corker said, was beginning to ...")."""
    return token.dep_ == "punct" or (
        token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "because" for c in token.children)
    ) or _subjectless(token)


_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _subjectless(token: Token) -> bool:
    """A clause the parser hung on a parenthetical cue that has no subject of its own: in "That group of
    Republicans, Mr. Corker said, was beginning to realize ...", "was beginning" is the group's."""
    return token.dep_ == "ccomp" and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)


_ASIDE_AFTER = re.compile(r",\s+(?:although|though|while|whereas)\s")


def quotation_goes_on_the_subject(cue: Token, quote_start: int) -> bool:
    """Whether a quotation right after a parenthetical cue is the predicate of a subject before the cue:
    in "Republicans who back the changes, he said, “are embracing a government that lied”" what he
    said is the whole sentence, not the quotation alone, whose verb's subject stands before him."""
    doc = cue.doc
    words = columns(doc)
    i = max(cue.i + 1, bisect_right(words.idx, quote_start))  # the first word after the cue and the mark
    while i < words.n and words.punct[i]:
        i += 1
    if i >= words.n:
        return False
    first = doc[i]
    verb = first if first.pos_ in ("VERB", "AUX") and first.dep_ not in ("aux", "auxpass") else first.head
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.i < cue.i for c in verb.children)

