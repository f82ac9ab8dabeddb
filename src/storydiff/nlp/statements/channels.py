"""Where a statement was made, and the writer's comment on it, cut from the end of its content.

"called for more school investment in a statement on Thursday", "rejected
that argument in a ruling released Thursday", "blasted Clinton as a
“disgrace” Wednesday on a radio show": the parser hangs the phrase that
says where or how the speaker spoke on the last noun of what was said, so
the content ran on over it. What was said is "more school investment", "that
argument", "Clinton as a “disgrace”"; the channel (a statement, an
interview, a post, a rally, a platform) and the day are the writer's
setting, as PolNeAR draws them and as a reader of the brief wants the
claim. So is an apposition the writer hangs on a noun phrase that was
said: "signed nearly two-dozen executive actions -- a step that has stirred
objections", "defended the photo -- an extreme close-up of ...".

Only a phrase that ends the content is cut, and only one whose noun is a
channel of speech. After a clause ("said the trees soak up carbon in an
interview") only a written or spoken piece qualifies (a statement, an
interview, a post), never an event (a rally, a hearing), which a reported
clause may well be about; after a noun phrase or an infinitive ("called for
..., praised ..., thanked ...") the events count too. An apposition is cut
only after a noun phrase (a clause's own, "... born to unmarried mothers, a
threefold rise", is what was said), opened by "a", "an" or "the" after a
comma, or by "a" or "an" after a dash ("argued for a new name - the
Opposition Bloc" names what was argued for).
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Token

from storydiff.lexicon import PLATFORMS, SPEECH_LEMMAS, word_set
from storydiff.nlp.statements.candidates import Candidate
from storydiff.nlp.statements.columns import columns
from storydiff.nlp.statements.positions import TokenAt, doc_text, trim_edges
from storydiff.nlp.statements.variants import end_before

# What a speaker speaks through: a piece of writing or of speech.
_PIECES = word_set(
    "statement interview email e-mail tweet post posting letter memo op-ed oped release remarks message video "
    "filing podcast broadcast radio television tv blog column editorial essay ruling opinion announcement "
    "speech address appearance call"
)
# Where a speaker speaks: an occasion, read as the channel only after a noun phrase or an infinitive.
_OCCASIONS = word_set("rally stop conference briefing")
# A programme by its name: "on The Morning Show" (a common "show" is more often what was said about).
_PROGRAMMES = word_set("show program programme hour report")
_CHANNEL_PREPOSITIONS = word_set("in on during at via through")
# Determiners of a channel: "in a statement", "in his speech"; "in the statement" is more often a part
# of what was said ("said there were errors in the statement").
_CHANNEL_DETERMINERS = word_set("a an his her their its")


def cut_channel(doc: Doc, token_at: TokenAt, item: Candidate) -> Candidate:
    """``item`` with a trailing "in a statement (on Thursday)" cut from its reported content."""
    start, end = item.content
    if item.direct or start < item.cue[1] or end - start < 2:
        return item
    first, last = token_at(start), token_at(end - 1)
    head = _content_head(doc, first, last)
    if head is None:
        return item
    clause = head.pos_ in ("VERB", "AUX") and any(k.dep_ in ("nsubj", "nsubjpass") for k in head.children)
    end_i = _before_trailing_day(doc, first.i, last.i)
    for prep in doc[first.i + 1 : end_i + 1]:
        if prep.dep_ != "prep" or prep.lower_ not in _CHANNEL_PREPOSITIONS or _phrase_end(doc, prep) < end_i - 1:
            continue
        if prep.head.tag_ == "VBG" or not _is_channel(prep, clause, token_at(item.cue[0])):
            continue  # "criticized for offering vague answers during an interview": where the answers were
        if clause and (prep.head.i != head.i or prep.lower_ != "in" or head.lemma_ in SPEECH_LEMMAS):
            continue  # "said she lied during her interview", "said he was asked about it in an interview"
        cut = _before_day(doc, prep)
        if cut is None or cut.i < first.i:
            return item
        a, b = trim_edges(doc_text(doc), start, cut.idx + len(cut))
        return dataclasses.replace(item, content=(a, b)) if b > a else item
    return item


def _phrase_end(doc: Doc, prep: Token) -> int:
    """Where a channel phrase ends, with whom it was addressed to: "in an email to residents"."""
    last = prep.right_edge.i
    after = doc[last + 1] if last + 1 < len(doc) else None
    if after is not None and after.lower_ == "to" and after.dep_ == "prep" and after.head.i == prep.head.i:
        return after.right_edge.i
    return last


def _content_head(doc: Doc, first: Token, last: Token) -> Token | None:
    """The content's first word whose head lies outside it (a phrase of the cue's may follow it)."""
    words = columns(doc)
    head, punct = words.head, words.punct
    at = next((i for i in range(first.i, last.i + 1)
               if not punct[i] and (head[i] == i or not first.i <= head[i] <= last.i)), None)
    return None if at is None else doc[at]


def _is_channel(prep: Token, clause: bool, cue: Token) -> bool:
    """Whether a prepositional phrase names what the statement was made through: "in a statement",
    "on Twitter", "during a campaign stop" (the last only when ``clause`` is false)."""
    noun = next((k for k in prep.children if k.dep_ == "pobj"), None)
    if noun is None or any(k.dep_ == "relcl" for k in noun.children):
        return False  # "posted a message on Twitter that showed ...": the clause is what was posted
    if noun.text in PLATFORMS and prep.lower_ == "on":
        return True  # "on Twitter"
    lemma = noun.lemma_.lower()
    if noun.pos_ == "PROPN" and lemma in _PROGRAMMES and prep.lower_ == "on":
        return cue.tag_ != "VBN"  # "on The Morning Show", a programme by its name ("best known for ...": not)
    if lemma not in _PIECES and (clause or lemma not in _OCCASIONS or prep.lower_ not in ("at", "during")):
        return False
    owner = next((k for k in noun.children if k.dep_ in ("det", "poss")), None)
    return owner is not None and owner.lower_ in _CHANNEL_DETERMINERS


def _before_trailing_day(doc: Doc, first: int, last: int) -> int:
    """The index of the content's last word before a day that ends it ("... in a statement on Thursday")."""
    i = last
    while i > first and doc[i].ent_type_ in ("DATE", "TIME"):
        i -= 1
    if i < last and doc[i].lower_ in ("on", "at"):
        i -= 1
    return i if i < last else last


def _before_day(doc: Doc, prep: Token) -> Token | None:
    """The last word before the channel phrase and a day named just before it ("Wednesday on ...")."""
    i = prep.i
    while i > 0 and doc[i - 1].ent_type_ in ("DATE", "TIME") and doc[i - 1].dep_ in ("npadvmod", "compound", "appos"):
        i -= 1
    return end_before(doc, i)


_APPOSITION_MARKS = frozenset({",", "-", "--", "\u2014", "\u2013"})


def cut_apposition(doc: Doc, token_at: TokenAt, item: Candidate) -> Candidate:
    """``item`` without a trailing apposition the writer adds to its last noun phrase: "is endorsing
    Trump's campaign, the latest chapter in a rocky relationship"."""
    start, end = item.content
    if item.direct or start < item.cue[1] or end - start < 2:
        return item
    first, last = token_at(start), token_at(end - 1)
    head = _content_head(doc, first, last)
    if head is None or head.pos_ not in ("NOUN", "PROPN"):
        return item  # a clause's own apposition is what was said: "... born to unmarried mothers, a threefold rise"
    for tok in doc[head.i + 1 : last.i + 1]:
        if tok.dep_ != "appos" or tok.left_edge.lower_ not in ("a", "an", "the"):
            continue
        if any(head.is_ancestor(t) for t in doc[tok.right_edge.i + 1 : last.i + 1] if not t.is_punct):
            continue  # more of the noun phrase follows the apposition
        if any(t.pos_ in ("VERB", "AUX") for t in tok.ancestors if head.is_ancestor(t)):
            continue  # "years that women disliked Mrs. Clinton, the first working mother ...": inside a clause
        mark = doc[tok.left_edge.i - 1]
        if mark.text not in _APPOSITION_MARKS or not head.i <= tok.head.i < mark.i:
            continue
        if mark.text != "," and tok.left_edge.lower_ == "the":
            continue  # "argued for a new name - the Opposition Bloc": the dash names what was said
        a, b = trim_edges(doc_text(doc), start, mark.idx)
        return dataclasses.replace(item, content=(a, b)) if b > a else item
    return item
