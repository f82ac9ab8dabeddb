"""A partial quotation's lead-in: the writer's words of the quoted clause before its opening mark.

"The new plans “will not solve this challenge, but are steps in the right
direction,” Anne Richards said": the quotation opens in lower case, in the
middle of its clause, and what Richards said is the whole clause, its subject
in the writer's words. PolNeAR draws such statements whole, and a reader
needs the subject to know what "will not solve" is about. A quotation before
its cue ("quote_before") runs back to its verb's subject or, failing that,
to the start of the clause its cue governs.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storydiff.lexicon import SPEECH_LEMMAS
from storydiff.nlp.statements.positions import doc_text

_OPENING_MARKS = "\"“'‘«"


def with_its_lead_in(cue: Token, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` (a quotation before ``cue``) run back over its lead-in, or as it is when it has none."""
    subject = _with_its_subject(cue.doc, span)
    return subject if subject != span else _with_its_clause(cue, span)


def _opening(text: str, span: tuple[int, int]) -> int:
    """Where the quoted words start: after the opening mark ("''" is one mark)."""
    start, end = span
    return start + len(text[start:end]) - len(text[start:end].lstrip(_OPENING_MARKS))


def _with_its_subject(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    """A quotation that opens in lower case on its verb, with the subject in the writer's words before
    it: 'the final version “calls on the tea party ...,” said Hilary Shelton' is what the version
    calls for, not a sentence without its subject."""
    start, end = span
    text = doc_text(doc)
    opening = _opening(text, span)
    if not text[opening : opening + 1].islower():
        return span
    first = doc.char_span(opening, end, alignment_mode="expand")
    verb = first[0] if first is not None and len(first) else None
    subject = next((c for c in verb.lefts if c.dep_ in ("nsubj", "nsubjpass")), None) if verb is not None else None
    if verb is None or verb.pos_ not in ("VERB", "AUX") or subject is None or subject.idx >= start:
        return span
    if verb.dep_ in ("relcl", "acl", "advcl"):
        return span  # "a leader to whom supporters can “take their frustrations”": no sentence of its own
    return subject.left_edge.idx, end


def _with_its_clause(cue: Token, span: tuple[int, int]) -> tuple[int, int]:
    """A quotation that opens in lower case inside the clause its cue governs: from the clause's start.

    'Golf clubs are ''just scratching out a profit,'' Mr. Hedge said', 'Belgium failed to discover
    the cell and ''should possibly have acted sooner,'' he said'. The lead-in is the writer's words
    alone: never one holding a quotation mark (a clause the parse began inside an earlier quotation),
    a verb of speech (someone else's statement) or a sentence's end (a clause run over two sentences).
    """
    start, end = span
    text = doc_text(cue.doc)
    opening = _opening(text, span)
    if not text[opening : opening + 1].islower():
        return span
    clause = next((c for c in cue.children if c.dep_ in ("ccomp", "parataxis") and c.left_edge.idx < start
                   and c.right_edge.idx + len(c.right_edge) >= opening), None)
    marks = cue.doc.char_span(start, end, alignment_mode="expand")
    if clause is None or marks is None or clause.left_edge.sent != cue.sent:
        return span
    lead = cue.doc[clause.left_edge.i : marks[0].i]
    if any(t.lemma_ in SPEECH_LEMMAS or t.is_quote or t.text in (".", "!", "?") for t in lead):
        return span
    return clause.left_edge.idx, end
