"""Findings a poll or a study reports, told in the writer's own clause: "In a CNN poll, Clinton led by 5 points".

Also what records show, said at a sentence's end: "..., fundraising documents show.", and what is said
"according to" a source (``according_to``, the rules' reading of the phrase: the clause beside it).

No verb of speech says who found it; the phrase "in" a poll, a survey or a
study is the source, as "according to" is, and the rest of the clause is
what it found. The phrase may open the sentence ("In the latest survey,
71 percent approved") or close it ("Clinton stays well ahead in the latest
poll"). The source is a document, kept as one (``speakers.describe``), and
the candidate is of the kind "according": a source phrase and the clause it
vouches for. Not when the clause's verb is a cue ("In a report, the agency
said ...": the agency speaks; "In a study, three economists found ..."),
unless its subject counts respondents ("In the survey, 79 percent of
Democrats said ...": the poll vouches for what they said, as PolNeAR draws
it), nor when its subject writes studies ("three economists ... raised a
challenge"). What records show is lifted to the statement model's threshold
(``trust_findings``): the model never met that reading in training.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from storydiff.lexicon import SPEECH_LEMMAS, word_set
from storydiff.nlp.statements.candidates import Candidate
from storydiff.nlp.statements.columns import columns
from storydiff.nlp.statements.cues import CUE_LEMMAS
from storydiff.nlp.statements.positions import doc_text, trim_edges
from storydiff.nlp.statements.speakers import NameIndex, describe

# What finds and reports figures: a poll and its kin.
_FINDING_NOUNS = word_set("poll polls survey surveys study report analysis audit census tally")
# Who writes a study: its findings are theirs to tell.
_AUTHORS = word_set("economist researcher scientist author analyst scholar professor expert pollster")
MIN_WORDS = 3


# Verbs that "according to" follows as a measure or a plan, not a source: "calculated according to",
# "went according to plan".
_BASIS_VERBS = frozenset(str.split(
    "calculate compute adjust vary rank sort divide distribute classify grade weight allocate assign price "
    "go proceed act behave perform play arrange group order scale tax pay"))


# "Prices rose, according to the ministry": the source is the object of "to".
def according_to(tok: Token, text: str, names: NameIndex) -> Candidate | None:
    """A candidate for "according to" at ``tok``: its object the source, the clause beside it the content."""
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        return None
    # "according to show insiders": the parser may read "show" as a verb
    source = next((c for c in to.children if c.dep_ in ("pobj", "pcomp")), None)
    if source is None:
        return None
    if tok.i > 0 and tok.doc[tok.i - 1].lemma_.lower() in _BASIS_VERBS:
        return None  # "benefits are calculated according to a worker's contributions": a basis, no source
    sent = tok.sent
    phrase_start, phrase_end = tok.idx, source.right_edge.idx + len(source.right_edge)
    if tok.i == sent.start and not any(t.i > source.right_edge.i and not (t.is_punct or t.is_space) for t in sent):
        # "According to radio host Rush Limbaugh, the move reeks of ...": the parser hung the clause on the
        # name as an apposition, so the phrase ends at the comma after the name
        comma = next((t for t in tok.doc[source.i + 1 : sent.end] if t.text == ","), None)
        phrase_end = comma.idx if comma is not None else phrase_end
    # The clause before the phrase when there is one ("Prices rose 4%, according to the
    # ministry, more than twice ..."), else the rest of the sentence on the longer side.
    clause_start, clause_end = sent.start_char, sent.end_char
    before = tok.doc[sent.start : tok.i]
    # "It hasn't gone unnoticed: According to recent polls, Trump holds ...": the clause before a colon is
    # the writer's own, unless a verb of speech opens what follows ("One message said: “...,” according to")
    stop = next((t for t in reversed(before) if t.text == ":"), None)
    if stop is not None and not (stop.i > 0 and tok.doc[stop.i - 1].lemma_ in SPEECH_LEMMAS):
        clause_start, before = stop.idx + 1, tok.doc[stop.i + 1 : tok.i]
    has_clause = len(before) >= 4 and any(t.pos_ in ("VERB", "AUX") for t in before)
    if has_clause or phrase_start - clause_start >= clause_end - phrase_end:
        start, end = clause_start, phrase_start
    else:
        start, end = phrase_end, clause_end
    start, end = trim_edges(text, start, end)
    if end - start < 3:
        return None
    return Candidate(describe(source, names), (tok.idx, to.idx + len(to)), (start, end), False, kind="according")


def finding_candidates(doc: Doc, names: NameIndex) -> list[Candidate]:
    """One candidate for each clause a poll, survey or study it is "in" vouches for."""
    text = doc_text(doc)
    out: list[Candidate] = []
    lowered = doc.to_array(LOWER) if len(doc) else np.zeros(0, dtype=np.uint64)
    ins = np.flatnonzero(lowered == np.array(doc.vocab.strings["in"], dtype=lowered.dtype)).tolist()
    for tok in (doc[i] for i in ins):  # found on the array: a Token made for every word costs more than the rest
        if tok.dep_ != "prep" or tok.head.dep_ != "ROOT" or tok.head.pos_ not in ("VERB", "AUX"):
            continue
        noun = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if noun is None or noun.lemma_.lower() not in _FINDING_NOUNS:
            continue
        span = _clause_around(doc, tok)
        if span is None:
            continue
        start, end = trim_edges(text, *span)
        if len(text[start:end].split()) < MIN_WORDS:
            continue
        out.append(Candidate(describe(noun, names), (tok.idx, tok.idx + len(tok)), (start, end), False,
                             kind="according"))
    out.extend(_records_show(doc, names))
    return out


# What records show: "..., fundraising documents show.", "..., records show." at a sentence's end; the
# parser often reads the verb as a noun ("records show" as one) or the clause as the verb's subject.
_SHOWING = word_set("show shows showed indicate indicates indicated suggest suggests suggested")
_RECORDS = word_set(
    "records documents data polls figures filings results statistics surveys estimates reports studies "
    "tallies disclosures papers returns numbers")
_CLAUSE_OPENERS = word_set("which that what as who whom whose")


def trust_findings(text: str, found: Sequence[Candidate], scores: Sequence[float], threshold: float) -> list[float]:
    """Scores with what records show at the threshold at least: the model never met the construction
    in training (its candidates had no such reading), and it is as plain a source as "according to"."""
    return [max(score, threshold) if item.kind == "according" and text[item.cue[0] : item.cue[1]].lower()
            in _SHOWING else score for item, score in zip(found, scores, strict=True)]


def _records_show(doc: Doc, names: NameIndex) -> list[Candidate]:
    """One candidate for each sentence that ends on what records show: its clause before the comma."""
    text = doc_text(doc)
    out: list[Candidate] = []
    words = columns(doc)
    lower, punct, space = words.lower, words.punct, words.space
    for first, past in words.sentences:
        i = past - 1
        while i > first and (punct[i] or space[i]):
            i -= 1
        if lower[i] not in _SHOWING or sum(not punct[k] and not space[k] for k in range(first, past)) < 6:
            continue  # the sentence's last word first: most sentences end on something else
        sent, verb = doc[first:past], doc[i]
        comma = next((t for t in reversed(list(doc[sent.start : verb.i])) if t.text == ","), None)
        if comma is None or verb.i - comma.i > 14:
            continue
        phrase = doc[comma.i + 1 : verb.i]
        noun = next((t for t in reversed(list(phrase)) if t.lower_ in _RECORDS), None)
        if noun is None or any(t.lower_ in _CLAUSE_OPENERS for t in phrase):
            continue  # "..., which the records show": no clause of the phrase's own
        start, end = trim_edges(text, sent.start_char, comma.idx)
        if len(text[start:end].split()) < MIN_WORDS:
            continue
        speaker = describe(noun, names)
        speaker = dataclasses.replace(speaker, text=phrase.text, start=phrase.start_char, end=phrase.end_char)
        out.append(Candidate(speaker, (verb.idx, verb.idx + len(verb)), (start, end), False, kind="according"))
    return out


def _respondents(verb: Token) -> bool:
    """Whether a verb's subject counts people: "79 percent of Democrats said", "a majority said"."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and any(t.like_num or t.lower_ in ("percent", "majority", "most", "half")
                                       for t in subject.subtree)


def _clause_around(doc: Doc, prep: Token) -> tuple[int, int] | None:
    """The characters of the sentence outside the phrase, when the phrase opens or closes it."""
    verb = prep.head
    sent = verb.sent
    if (verb.lemma_ in SPEECH_LEMMAS or verb.lemma_ in CUE_LEMMAS) and not _respondents(verb):
        return None  # "In a report, the agency said ...", "In a study, three economists found ..."
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lemma_.lower() in _AUTHORS:
        return None  # "In a recent study, three economists raised a challenge": the study is theirs
    words = [t for t in sent if not t.is_punct]
    if not words:
        return None
    if prep.left_edge.i == words[0].i:  # "In a CNN poll, Clinton led ..."
        return prep.right_edge.idx + len(prep.right_edge), sent.end_char
    if prep.right_edge.i == words[-1].i:  # "... Clinton stays ahead in the latest poll."
        return sent.start_char, prep.idx
    return None
