"""Reported speech: the content a cue verb governs, read off the parse.

Where ``quotes.py`` finds what a speaker said word for word, this module finds
what the writer reports they said: the clause, object or infinitive a cue
verb governs, stretched over coordinated clauses that belong to it and cut
before clauses that do not. Ranges are character offsets into ``doc.text``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storydiff.lexicon import SPEECH_LEMMAS, word_set
from storydiff.nlp.statements.columns import columns, sentence_end
from storydiff.nlp.statements.cues import (
    AS_CLAUSE_LEMMAS,
    CUE_LEMMAS,
    INFINITIVE_CONTENT_LEMMAS,
    NOMINAL_CONTENT_LEMMAS,
    PHRASAL_CUES,
    PREPOSITION_CONTENT,
)
from storydiff.nlp.statements.positions import doc_text, sentence_breaks
from storydiff.nlp.statements.subjects import RECIPIENT_LEMMAS

CANDIDATE_LEMMAS = CUE_LEMMAS | frozenset(PHRASAL_CUES) | {"accord"}
PHRASAL_PREPS = frozenset({"on", "from", "about"})
def is_passive_participle(cue: Token) -> bool:
    """A cue such as "Asked ..." or "Told of the ruling, ...": a participle with no
    subject or auxiliary of its own, whose clause's subject is not the one who spoke."""
    if cue.tag_ != "VBN" or cue.dep_ not in ("advcl", "ROOT"):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in cue.children)


def is_act_object(cue: Token, obj: Token) -> bool:
    """Whether a cue's object makes it an act, not words: "a vote to confirm Gorsuch" (an appointment).

    "Declared a national emergency" is an act too, but PolNeAR counts some such as attributions, so the
    statement stays and only "who said what" leaves it out (``nlp.analysis``).
    """
    return cue.lemma_ == "confirm" and (obj.ent_type_ == "PERSON" or obj.pos_ == "PROPN")


# Verbs whose content is a prepositional object, never a clause before them ("spoke about the war").
_NO_CLAUSE_LEMMAS = frozenset({"speak", "talk"})


def governed_content(cue: Token, para_start: int, para_end: int) -> tuple[int, int] | None:
    """Character range of the content a cue governs in the parse, if any.

    Tried in turn: a clause ("said the talks failed"), an infinitive ("vowed to
    appeal"), an object ("announced his resignation"), a prepositional object
    ("spoke about the war"), and a "that" clause the parser lost.
    """
    lemma = cue.lemma_
    children = [c for c in cue.children if para_start <= c.idx < para_end]
    as_said = _as_said(cue)
    if as_said is not None:
        return as_said
    # "said (that) the talks failed", "questioned whether it was real"; a clause
    # after the cue before one the parser hung on it from the left
    for child in sorted(children, key=lambda c: c.i < cue.i):
        if child.dep_ == "ccomp" or (
            child.dep_ in {"xcomp", "dobj"}
            and child.pos_ == "VERB"
            and lemma not in INFINITIVE_CONTENT_LEMMAS
        ):
            if child.i < cue.i and lemma in _NO_CLAUSE_LEMMAS:
                continue  # "Invoking patriotism – Mr. Obama stood by the flag – he spoke": no one speaks a clause
            start, end = content_span(child, cue)
            if end <= cue.idx and sentence_breaks(doc_text(cue.doc), end, cue.idx):
                continue  # the parser ran two sentences together: not this cue's content
            if child.i > cue.i and start < cue.idx:
                # "Connecticut, which he said he believed he could win": the relative pronoun fronted out
                # of the clause stands for its antecedent; what was said starts after the cue
                start = next(t.idx for t in child.subtree if t.i > cue.i)
            that = _lost_subject(cue, child)
            if that is None and predicate_of_the_opening(cue, child):
                return None
            if that is not None:
                start = that.idx
            if start > cue.idx:
                start = _past_leading_time(child, start)
            start = _past_as_reported(child, start)
            return start, _split_clause_end(cue, child, _coordinated_end(cue, child, end))
    # "vowed to appeal the ruling", "urged voters to stay home"
    if lemma in INFINITIVE_CONTENT_LEMMAS:
        for child in children:
            if child.dep_ == "xcomp" and child.i > cue.i:
                return _through_right(cue, child)
    # "announced his resignation", "called the plan a disgrace"
    if lemma in NOMINAL_CONTENT_LEMMAS:
        for child in children:
            if child.dep_ in {"dobj", "oprd"} and child.i > cue.i:
                if any(k.dep_ == "acl" and k.lemma_ in SPEECH_LEMMAS for k in child.rights):
                    return None  # "issued a statement saying ...": "saying" has the content
                if is_act_object(cue, child):
                    return None
                return _through_right(cue, child)
    # "rowed back on the plan": the object of the phrasal verb's preposition
    if lemma in PHRASAL_CUES:
        for child in children:
            if child.dep_ == "prep" and child.lower_ in PHRASAL_PREPS:
                objs = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
                if objs:
                    return content_span(objs[0])
    # "spoke about the war", "called for a recount"
    preps = PREPOSITION_CONTENT.get(lemma)
    if preps:
        for child in children:
            if child.dep_ == "prep" and child.lower_ in preps and child.i > cue.i:
                objs = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
                if objs:
                    return objs[0].left_edge.idx, _through_right(cue, child)[1]
    if lemma in SPEECH_LEMMAS:
        # "half said so", "most said no": the answer is the content
        nxt = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
        if nxt is not None and nxt.lower_ in _ANSWER_WORDS and nxt.head.i == cue.i:
            return nxt.idx, nxt.idx + len(nxt)
        fronted = _fronted_clause(cue)
        if fronted is not None:
            return fronted
        # The parser lost the "that" clause ("told reporters on a call that ..."):
        # take it from "that" to the end of the sentence.
        sent_end = sentence_end(cue)
        for tok in cue.doc[cue.i + 1 : sent_end]:
            if tok.lower_ == "that" and tok.dep_ == "mark" and tok.head.dep_ != "ccomp":
                last = cue.doc[sent_end - 1]
                end = last.idx + len(last)
                if tok.head.i > tok.i and tok.head.dep_ != "ROOT":
                    end = content_span(tok.head, cue)[1]
                return tok.idx, end
    return None


# "As The Atlantic noted, trust in government is collapsing": a cue in a clause of "as"
# before the clause it modifies attributes that clause.
def _as_said(cue: Token) -> tuple[int, int] | None:
    head = cue.head
    if cue.lemma_ not in AS_CLAUSE_LEMMAS or cue.dep_ != "advcl" or head.i <= cue.i:
        return None
    if head.pos_ not in ("VERB", "AUX"):
        return None
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        return None
    doc = cue.doc
    start = cue.right_edge.i + 1
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    if start > head.i or doc[start].sent != cue.sent:
        return None
    end = content_span(head, cue)[1]
    return doc[start].idx, end


_AFTER_LAST_CUE = frozenset({"npadvmod", "prep", "advmod", "punct", "dep", "agent"})


# "People like Scott, he said." / "Language unclear on coverage, experts say.": the cue
# ends the sentence after a comma and its subject, and the parser did not hang what
# comes before on it as a clause; what comes before is what was said.
def _fronted_clause(cue: Token) -> tuple[int, int] | None:
    sent, doc = cue.sent, cue.doc
    after = [c for c in cue.rights if c.dep_ == "nsubj"]
    if after and doc[cue.i - 1].text == ",":
        # "The treaty signals “the end” for the port, said Tom Becker, its founder."
        if doc[after[0].right_edge.i + 1 : sent.end].text.strip(" .\n") or cue.i - 1 <= sent.start + 1:
            return None
        if not _is_fronted_statement(doc[sent.start : cue.i - 1], 3):
            return None
        return sent.start_char, doc[cue.i - 2].idx + len(doc[cue.i - 2])
    subjects = [c for c in cue.lefts if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) != 1 or any(c.dep_ not in _AFTER_LAST_CUE for c in cue.rights):
        return None
    comma = subjects[0].left_edge.i - 1
    if comma <= sent.start + 1 or doc[comma].text != ",":
        return None
    if any(t.dep_ == "neg" and t.head.i == cue.i for t in doc[comma + 1 : cue.i]):
        return None  # "..., he did not say": not an assertion of what comes before
    rest = doc[cue.i + 1 : sent.end]
    if len(rest) > 8 or any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in rest):
        return None  # the cue does not end the sentence: "..., she assured of winning ..."
    if not _is_fronted_statement(doc[sent.start : comma], 2):
        return None
    return sent.start_char, doc[comma - 1].idx + len(doc[comma - 1])


def _is_fronted_statement(words: Span, fewest: int) -> bool:
    """Whether the words before a closing cue can be what was said: ``fewest`` words at least, and
    not a lead-in ("With 222 delegates at stake, she said", "Asked about it, he said")."""
    kept = [t for t in words if not (t.is_punct or t.is_space)]
    if len(kept) < fewest:
        return False
    # "But when Congress cut the funding, Mexico said enough": past a leading "but" or "and", a
    # clause of time or condition alone sets the scene; it is not what was said.
    first = kept[1] if kept[0].pos_ == "CCONJ" else kept[0]
    if first.pos_ in ("ADP", "SCONJ") or first.lower_ in _SUBORDINATORS:
        return False
    return first.tag_ not in ("VBN", "VBG")


# "told the panel that claims she had hidden the report were untrue": the small
# parser reads "claims" as a verb and leaves "were untrue" with no subject; the
# clause the cue governs starts at "that", or the content would invert the meaning.
def _lost_subject(cue: Token, clause: Token) -> Token | None:
    if clause.i < cue.i or clause.tag_ not in _FINITE_TAGS:
        return None
    if any(k.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for k in clause.children):
        return None
    for tok in cue.doc[cue.i + 1 : clause.left_edge.i]:
        if tok.lower_ == "that" and tok.dep_ in ("mark", "nsubj", "det") and tok.sent == cue.sent:
            return tok
        # "said his opponent, Hillary Clinton, suffered no ...": the parser's object is the clause's subject
        said = cue.lemma_ in SPEECH_LEMMAS and cue.lemma_ not in RECIPIENT_LEMMAS
        if said and tok.dep_ == "dobj" and tok.head.i == cue.i and tok.pos_ in ("NOUN", "PROPN"):
            return tok.left_edge
    return None


# "Everything Trump says is a lie unless proven otherwise", "Nothing the mayor said on Friday was new":
# the parse hangs the sentence's predicate on the cue as its clause, and the content inverts the
# meaning ("Trump says: is a lie"). A clause with no subject of its own that runs to the sentence's end,
# after a speaker whom only a noun phrase opening the sentence precedes (no "which", "that" or "who":
# "the vote, which she said was a mistake" is hers), says what the opening is; nobody said it.
def predicate_of_the_opening(cue: Token, clause: Token) -> bool:
    if clause.i < cue.i or clause.tag_ not in _FINITE_TAGS:
        return False
    if any(k.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for k in clause.children):
        return False
    speaker = next((c for c in cue.lefts if c.dep_ == "nsubj"), None)
    sent = cue.sent
    if speaker is None or any(not t.is_punct for t in cue.doc[clause.right_edge.i + 1 : sent.end]):
        return False
    subtree = set(t.i for t in speaker.subtree)
    opening = [t for t in cue.doc[sent.start : speaker.i] if t.i not in subtree or t.pos_ == "PRON"]
    if not opening or opening[0].i != sent.start or opening[0].pos_ not in ("PRON", "NOUN", "DET"):
        return False
    return not any(t.tag_ in _WH_TAGS or t.lower_ == "that" or t.is_punct for t in opening)


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SUBORDINATORS = frozenset({"when", "whenever", "if", "once", "while", "until", "unless", "because", "before", "after"})
_ANSWER_WORDS = frozenset({"so", "yes", "no"})
_STOP_RIGHT = frozenset({"conj", "cc", "punct", "parataxis", "advcl", "mark", "dep"})


def content_span(tok: Token, cue: Token | None = None) -> tuple[int, int]:
    """A content clause, cut before a coordinated cue ("found X and called Y") and a
    trailing aside of the writer's."""
    last = tok.right_edge
    doc, dep = tok.doc, columns(tok.doc).dep
    for inner in (doc[i] for i in range(tok.i + 1, last.i + 1) if dep[i] == "conj"):
        if inner.pos_ == "VERB" and _is_second_cue(inner, cue):
            last = _before(inner)
            break
        if inner.head.i == tok.i and _narrated(tok, inner, cue):
            last = _before(inner)
            break
    for child in tok.rights:
        if child.i <= last.i and _is_aside(child):
            last = _before(child)
            break
    last = _trailing_cut(tok, last)
    while last.i > tok.i and (last.dep_ == "cc" or last.text in _TRAILING_MARKS):
        last = last.doc[last.i - 1]  # "... is honest, and" before a clause of its own
    return tok.left_edge.idx, last.idx + len(last)


_TRAILING_MARKS = frozenset({",", ";", ":", "\u2014", "\u2015", "\u2013", "-", "--"})
_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


# "says he'd sit X down and tell him Y" is one statement; "says X and tells the
# crowd Y" is two: a coordinated cue verb in the cue's own tense is a new cue.
def _is_second_cue(conj: Token, cue: Token | None) -> bool:
    if conj.lemma_ not in CANDIDATE_LEMMAS:
        return False
    if cue is None:
        return True
    if conj.tag_ == cue.tag_ == "VBD" and conj.lemma_ in _ACTS_OF_SPEECH:
        return True  # "said he'd battled pneumonia and called it a common ailment": a second act of the speaker's
    return conj.lemma_ in SPEECH_LEMMAS and conj.tag_ == cue.tag_


# Verbs that, coordinated with a past-tense cue in its own tense, say something of their own ("called it
# X", "dismissed the reports as"), though not verbs of speech in the lexicon's narrow sense (those, "urged"
# or "denied", are a second cue in any tense the cue shares).
_ACTS_OF_SPEECH = word_set("call accuse praise criticize demand blame thank dismiss reject defend attack")


# "said it would be Trump, who leads the race", "mentions her granddaughter in
# speeches, a reference point for ...": a comma and a trailing relative clause or
# apposition that runs to the end of the content is the writer's aside.
def _trailing_cut(head: Token, last: Token) -> Token:
    doc = head.doc
    text = columns(doc).text
    for i in range(head.i + 1, last.i):
        if text[i] not in (",", "\u2014", "\u2015", "\u2013", "--"):
            continue
        first = doc[i + 1]
        phrase = first
        while (
            phrase.head.i != phrase.i
            and phrase.head.left_edge.i == first.i
            and phrase.head.i <= last.i
        ):
            phrase = phrase.head
        if phrase.right_edge.i < last.i - 1 or phrase.i == head.i:
            continue
        # ", which her rival denied" after a clause: the parser hangs it as an advcl
        if (phrase.dep_ in ("relcl", "advcl") and first.tag_ in _WH_TAGS) or phrase.dep_ == "appos":
            return _before_index(doc, i)
    return last


def _before_index(doc: Doc, i: int) -> Token:
    """The last token before index ``i``, skipping "and" and punctuation."""
    words = columns(doc)
    while i > 0 and (words.dep[i] == "cc" or words.punct[i]):
        i -= 1
    return doc[i]


# "said the real threat is the toll, and she railed against ...": after ", and", "he" or "she" in the
# past where what was said is in the present is the writer telling what the speaker did next.
def _narrated(head: Token, conj: Token, cue: Token | None) -> bool:
    if cue is None or conj.tag_ != "VBD" or head.tag_ not in ("VBZ", "VBP") or not _is_new_clause(conj):
        return False
    subject = next((k for k in conj.children if k.dep_ == "nsubj"), None)
    return subject is not None and subject.lower_ in ("he", "she")


# "..., while rivals disagree": a comma and a contrasting clause of the writer's
# own, not part of what was said; so is a clause of "after" or "as" ("said he
# was ready after his rival pulled out"), comma or not.
def _is_aside(child: Token) -> bool:
    if child.dep_ != "advcl":
        return False
    doc = child.doc
    i = child.left_edge.i - 1
    while i > 0 and (doc[i].dep_ == "cc" or doc[i].text in _CLOSING_QUOTES):
        i -= 1  # 'said lawmakers “may need to recalibrate,” while also suggesting ...': the comma is quoted
    marks = {k.lower_ for k in child.children if k.dep_ == "mark"}
    if marks & _LATER_MARKS:
        return True
    if doc[i].text not in (",", ";", "\u2014", "\u2015", "\u2013"):
        return False
    if child.pos_ == "ADJ" and child.i + 1 < len(doc) and doc[child.i + 1].text == ",":
        return False  # "as a crucial, although brief, opportunity": an adjective set off inside a noun phrase
    return bool(marks & _ASIDE_MARKS)


_ASIDE_MARKS = frozenset({"while", "whereas", "although", "though"})
_CLOSING_QUOTES = frozenset({"”", '"', "''", "’"})
_LATER_MARKS = frozenset({"after", "as"})
# The marks of a clause the writer adds after what was said: a contrast, or a later event.
ASIDE_CLAUSE_MARKS = _ASIDE_MARKS | _LATER_MARKS


# "..., and both sides agree": a comma, a conjunction and a subject of its own
# start a new clause, which is the writer's again.
def _is_new_clause(conj: Token) -> bool:
    if conj.pos_ not in ("VERB", "AUX"):
        return False
    if not any(k.dep_ in ("nsubj", "nsubjpass", "expl") for k in conj.children):
        return False
    i = conj.left_edge.i - 1
    doc = conj.doc
    while i > 0 and doc[i].dep_ == "cc":
        i -= 1
    return doc[i].text in (",", ";", "—", "–")


# "said the system is complex and that he can win": the parser hangs the second
# clause on the cue; it is still what was said.
def _coordinated_end(cue: Token, content: Token, end: int) -> int:
    if content.i < cue.i:
        return end
    for child in cue.rights:
        if child.i <= content.i or child.dep_ != "conj" or child.pos_ not in ("VERB", "AUX"):
            continue
        if child.lemma_ in CANDIDATE_LEMMAS:
            break
        kids = list(child.children)
        if any(k.dep_ == "mark" and k.lower_ == "that" for k in kids) or (
            any(k.dep_ in ("nsubj", "nsubjpass") for k in kids) and not _is_new_clause(child)
        ):
            last = content_span(child)[1]
            end = max(end, last)
    return end


# "As the Gazette reported Wednesday, the council opted to close the harbour, a spokesperson said": the
# opening "as" clause credits the same news to another source; what the spokesperson said starts after it.
def _past_as_reported(clause: Token, start: int) -> int:
    first = next(clause.lefts, None)
    if first is None or first.dep_ != "advcl" or first.left_edge.idx != start or first.lemma_ not in CANDIDATE_LEMMAS:
        return start
    if not any(k.dep_ == "mark" and k.lower_ == "as" for k in first.children):
        return start
    return _word_after(first.right_edge, clause).idx


# "told African-Americans this weekend he would consider it an insult", "said Tuesday his actions are
# lawful": the parser hung the cue's time on the reported clause, before its subject; it is when the
# cue was spoken, not what was said. (Before the cue, "Last month, he sought the deal, Politico reported",
# the time is the reported event's.)
def _past_leading_time(clause: Token, start: int) -> int:
    lefts = list(clause.lefts)
    if len(lefts) < 2 or lefts[0].dep_ != "npadvmod" or lefts[0].ent_type_ not in ("DATE", "TIME"):
        return start
    if lefts[0].left_edge.idx != start or not any(k.dep_ in ("nsubj", "nsubjpass") for k in lefts[1:]):
        return start
    return _word_after(lefts[0].right_edge, clause).idx


def _word_after(last: Token, clause: Token) -> Token:
    """The first word after ``last`` (a left dependent's last token), past punctuation, at most ``clause``."""
    after = last.i + 1
    while after < clause.i and clause.doc[after].is_punct:
        after += 1
    return clause.doc[after]


# "said Trump has respect for the military and his comment was frustration", "understands it needs a plan
# in case the partner were to turn hostile": the parser split one clause in two and hung the second half on
# the cue as a clause of its own, right after the first. It is still what was said. After a comma, a
# clause with a subject of its own is the writer's next one ("said he would, Senate Democrats will have to
# decide"), a bracket is the writer's aside, and a cue of its own before it says it.
def _split_clause_end(cue: Token, content: Token, end: int) -> int:
    if content.i < cue.i or content.pos_ not in ("VERB", "AUX") or not any(content.children):
        return end  # "reported on his forms a fee was ...": a lone word taken for a clause
    text = doc_text(cue.doc)
    for child in cue.rights:
        if child.i <= content.i or child.dep_ != "ccomp" or child.lemma_ in CANDIDATE_LEMMAS:
            continue
        first = child.left_edge
        while first.is_punct and first.i < child.i:  # a comma the parser hung on the clause
            first = first.nbor(1)
        start, gap = first.idx, text[end : first.idx]
        if start < end or child.pos_ not in ("VERB", "AUX") or gap.strip(" ,;\u2014\u2013") not in ("", "and", "but"):
            break
        own_subject = any(k.dep_ in ("nsubj", "nsubjpass", "expl") for k in child.children)
        if any(t.lemma_ in CANDIDATE_LEMMAS and t.pos_ == "VERB" for t in cue.doc[first.i : child.i]):
            break  # "has yet to follow up, though he contended his services “would be ...”": his own cue
        if (own_subject and gap.strip(" ")) or text[start] in "([" or sentence_breaks(text, end, start):
            break
        end = content_span(child, cue)[1]
    return end


def _through_right(cue: Token, first: Token) -> tuple[int, int]:
    """From ``first`` through the cue's later complements ("praised X for Y")."""
    last = first.right_edge
    for child in cue.rights:
        if child.i <= first.i:
            continue
        if child.dep_ in _STOP_RIGHT:
            break
        if child.dep_ in OBJECTS or (child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS):
            last = child.right_edge
    last = _trailing_cut(first, last)
    return first.left_edge.idx, last.idx + len(last)


OBJECTS = frozenset({"dobj", "ccomp", "xcomp", "oprd", "attr", "dative"})
# Prepositions that carry content ("criticized X for Y"); others carry place and time.
_CONTENT_PREPS = frozenset({"for", "of", "as", "about", "against", "to", "over", "that"})


def _before(tok: Token) -> Token:
    """The last token before ``tok``'s phrase, skipping "and" and commas."""
    return _before_index(tok.doc, tok.left_edge.i - 1)
