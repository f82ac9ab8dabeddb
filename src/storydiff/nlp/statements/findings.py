"""Findings a poll or a study reports, told in the writer's own clause: "In a CNN poll, Clinton led by 5 points".

No verb of speech says who found it; the phrase "in" a poll, a survey or a
study is the source, as "according to" is, and the rest of the clause is
what it found. The phrase may open the sentence ("In the latest survey,
71 percent approved") or close it ("Clinton stays well ahead in the latest
poll"). The source is a document, kept as one (``speakers.describe``), and
the candidate is of the kind "according": a source phrase and the clause it
vouches for. Not when the clause's verb is a cue ("In a report, the agency
said ...": the agency speaks; "In a study, three economists found ..."), unless its subject counts respondents
("In the survey, 79 percent of Democrats said ...": the poll vouches for
what they said, as PolNeAR draws it).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storydiff.lexicon import SPEECH_LEMMAS, word_set
from storydiff.nlp.statements.candidates import Candidate
from storydiff.nlp.statements.cues import CUE_LEMMAS
from storydiff.nlp.statements.positions import doc_text, trim_edges
from storydiff.nlp.statements.speakers import NameIndex, describe

# What finds and reports figures: a poll and its kin.
_FINDING_NOUNS = word_set("poll polls survey surveys study report analysis audit census tally")
# Who writes a study: its findings are theirs to tell.
_AUTHORS = word_set("economist researcher scientist author analyst scholar professor expert pollster")
MIN_WORDS = 3


def finding_candidates(doc: Doc, names: NameIndex) -> list[Candidate]:
    """One candidate for each clause a poll, survey or study it is "in" vouches for."""
    text = doc_text(doc)
    out: list[Candidate] = []
    for tok in doc:
        if tok.lower_ != "in" or tok.dep_ != "prep" or tok.head.dep_ != "ROOT" or tok.head.pos_ not in ("VERB", "AUX"):
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
