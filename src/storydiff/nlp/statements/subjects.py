"""Speakers a cue's clause hides from the parse, found for the rules.

The parser sometimes gives a cue the quotation's own subject, hangs the
speaker's name on the quote's verb, reads a long subject phrase as a clause
of its own or an inverted speaker as the cue's object; each function here
finds the speaker in one such shape, with an example.
"""

from __future__ import annotations

from spacy.tokens import Token

from storydiff.lexicon import SPEECH_LEMMAS, dateline_length
from storydiff.nlp.statements.columns import sentence_start
from storydiff.nlp.statements.cues import CUE_LEMMAS
from storydiff.nlp.statements.positions import doc_text, sentence_breaks
from storydiff.nlp.statements.quotes import QuoteIndex

# Cues whose object is whom the statement was made to ("told reporters").
RECIPIENT_LEMMAS = frozenset({"tell", "inform", "assure", "warn", "ask", "urge", "remind"})


# "Weaver didn't seem impressed, telling reporters, “A lot of people said ...”": the
# parser hung the main clause off the quotation's verb, so the climb from the
# participle ended inside the quote; its speaker is the subject before the comma.
_PARTICIPLE_DEPS = frozenset({"advcl", "xcomp", "conj", "ccomp", "csubj"})
_SUBORDINATE = frozenset({"relcl", "acl", "advcl", "pcomp"})


def participle_subject(cue: Token, quotes: QuoteIndex, floor: int) -> Token | None:
    if cue.tag_ == "VB" and cue.dep_ == "xcomp" and cue.head.tag_ == "VBG" and cue.head.i < cue.i:
        cue = cue.head  # '..., Sanders said, going on to say that ...': the participle's subject says it
    if cue.tag_ != "VBG" or cue.dep_ not in _PARTICIPLE_DEPS or cue.i == sentence_start(cue):
        return None
    if cue.doc[cue.i - 1].text != ",":
        return None
    for tok in reversed(cue.doc[sentence_start(cue) : cue.i - 1]):
        if tok.idx < floor:
            break
        if (
            tok.dep_ == "nsubj"
            and tok.head.i < cue.i
            and tok.head.dep_ not in _SUBORDINATE
            and quotes.containing(tok.idx, tok.idx + 1) is None
        ):
            return tok
    return None


# "Jeffrey Salkin, a rabbi helping to organize the boycott, said he ...": a long subject
# phrase read as a clause of its own, hung on the cue as a second clause before the one
# it reports; the subject of that clause is the speaker.
def subject_of_lead_clause(cue: Token) -> Token | None:
    lefts = [c for c in cue.lefts if c.dep_ == "ccomp"]
    if not lefts or not any(c.dep_ == "ccomp" for c in cue.rights):
        return None
    clause = lefts[0]
    first = clause.left_edge
    if first.is_quote or first.i != sentence_start(cue):
        return None
    subject = next((c for c in clause.lefts if c.dep_ == "nsubj"), None)
    if subject is None or subject.left_edge.i != first.i or subject.pos_ not in ("PROPN", "NOUN"):
        return None
    return subject


# "''..., '' Mr. Delgado, now 81 and retired in Cambridge, said": the parser hung the
# cue and the name on the quote's verb; a name right after the quote is the speaker.
def name_after_quote(cue: Token, floor: int) -> Token | None:
    doc = cue.doc
    i = next((t.i for t in doc[sentence_start(cue) : cue.i] if t.idx >= floor and not t.is_punct), None)
    if i is None or cue.i - i > 20 or doc_text(doc)[floor : doc[i].idx].strip():
        return None
    tok = doc[i]
    while tok.dep_ == "compound" and tok.head.i < cue.i:
        tok = tok.head
    return tok if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN" else None


# '“... awfully large,” added a New Hampshire Democrat.': after a quotation the parser
# may read the speaker of an inverted cue as its object.
def inverted_speaker(cue: Token, quotes: QuoteIndex) -> Token | None:
    if cue.lemma_ not in SPEECH_LEMMAS or cue.lemma_ in RECIPIENT_LEMMAS:
        return None
    before = quotes.ending_before(cue.idx)
    if before is None or quotes.text[quotes.ends[before] : cue.idx].strip(" ,\t") != "":
        return None
    for child in cue.rights:
        if child.dep_ in ("dobj", "attr") and child.left_edge.i == cue.i + 1 and child.pos_ in ("PROPN", "NOUN"):
            return child
    return None


def passive_agent(cue: Token) -> Token | None:
    for child in cue.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def subject_after(cue: Token, quotes: QuoteIndex) -> Token | None:
    """A subject of the cue outside quotation marks: after it, else the nearest before it.

    "“My reaction, that was outrageous,” the strategist said": the parser gave
    "said" both "reaction" (the quote's) and "strategist"; the second speaks.
    """
    for child in cue.rights:
        if child.dep_ in ("nsubj", "nsubjpass") and quotes.containing(child.idx, child.idx + 1) is None:
            return child
    for child in reversed(list(cue.lefts)):
        if child.dep_ == "nsubj" and quotes.containing(child.idx, child.idx + 1) is None:
            return child
    return None


# A dateline run into the sentence: "New York (AFP) – Joe Biden said", "WASHINGTON — the mayor said".
_DASHES = frozenset({"-", "\u2013", "\u2014", "\u2015", "--"})


def _in_dateline(subject: Token) -> bool:
    start = sentence_start(subject)
    if subject.i - start > _DATELINE_TOKENS or not subject.doc[start].is_upper:
        return False  # a dateline opens its sentence in capitals: "WASHINGTON ―", "DA NANG, Vietnam —"
    return subject.idx < subject.doc[start].idx + _dateline_length(subject)


def _dateline_length(token: Token) -> int:
    """The dateline's length at the start of ``token``'s sentence (its first characters only)."""
    start = token.doc[sentence_start(token)].idx
    return dateline_length(doc_text(token.doc)[start : start + _DATELINE_CHARS])


_DATELINE_TOKENS = 12  # a dateline is at most this many tokens ("MOSCOW/BEIJING (Reuters) -")
_DATELINE_CHARS = 80


def _after_dateline(subject: Token, cue: Token | None) -> Token | None:
    """The noun phrase right after a dateline the parser made the subject of its dash: in
    "WASHINGTON ― President Donald Trump on Tuesday renewed ... and said ...", Trump; for a finite cue,
    not a phrase that is the subject of a verb of its own ("WASHINGTON ― The committee is preparing ...
    after the adviser denied ...": the parser lost who denied; but "The administration announced plans,
    acknowledging ...", "... renewed his attack, and said ...": the participle and the verb joined by
    "and" are the administration's)."""
    sent = subject.sent
    skip = sent.start_char + _dateline_length(subject)
    first = next((t for t in sent if t.idx >= skip), None)
    while first is not None and first.dep_ in ("compound", "amod", "det") and first.head.i > first.i:
        first = first.head
    if first is None or first.pos_ not in ("PROPN", "NOUN"):
        return None
    own_verb = first.dep_ in ("nsubj", "nsubjpass") and first.head.i != subject.head.i
    return None if own_verb and (cue is None or (cue.tag_ != "VBG" and cue.dep_ != "conj")) else first


def dateline_dash(subject: Token) -> Token | None:
    """The dash after a dateline subject: "New York (AFP) –", "WASHINGTON —"."""
    if subject.left_edge.i != sentence_start(subject):
        return None
    doc = subject.doc
    for child in subject.rights:
        if child.text in _DASHES and (doc[child.i - 1].text == ")" or subject.text.isupper()):
            return child
    return None


def behind_dateline(subjects: list[Token], cue: Token | None = None) -> Token | None:
    """Of a verb's subjects (at least one), the one that speaks: the second when the parse made the
    dateline the first ("Washington (AFP) – Clinton said"), else the first, past a dateline run into it."""
    if len(subjects) > 1 and dateline_dash(subjects[0]) is not None:
        return subjects[1]
    return past_dateline(subjects[0], cue)


def past_dateline(subject: Token, cue: Token | None = None) -> Token | None:
    """The subject behind a dateline: "New York (AFP) – Joe Biden said"; None when the parser made the
    dateline itself the subject of ``cue`` and nothing after it is (a place never speaks)."""
    dash = dateline_dash(subject)
    if dash is None:
        return _after_dateline(subject, cue) if _in_dateline(subject) else subject
    for child in subject.rights:
        if child.i > dash.i and child.dep_ == "appos":
            return child
    return subject


_SENDING = frozenset({"send", "write", "deliver", "address", "hand", "mail", "forward", "submit", "present"})


def misread_addressee(cue: Token) -> Token | None:
    """The verb of "sending the letter to Harry Reid warning him that ...", where the parser made the
    addressee the subject of the participle: the sender warns, not Reid. Only after a verb of sending
    (the letter's words): in "referring to Sally Yates telling the counsel that ..." Yates tells."""
    if cue.tag_ != "VBG":
        return None
    subject = next((c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i), None)
    if subject is None or subject.left_edge.i == 0:
        return None
    before = cue.doc[subject.left_edge.i - 1]
    if before.lower_ == "to" and before.head.i < before.i and before.head.lemma_ in _SENDING:
        return before.head
    return None


def name_run_into_objects(cue: Token) -> Token | None:
    """The subject of a coordinated verb that the parser ran into the first clause's objects: in "those
    remedies require different standards for class certification and Justice Ruth Bader Ginsburg said
    it was a problem", "Ginsburg" hangs on "certification" as a conjunct and "said" has no subject of
    its own (it would inherit "remedies"); the name right before it is who said it. So with a group
    and a verb the parser made a clause of the first verb: in "Republicans said the department mishandled
    the inquiry and Democrats accused the GOP of ...", the Democrats accused, not the Republicans."""
    if cue.dep_ not in ("conj", "ccomp") or cue.i == 0 or any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return None
    before = cue.doc[cue.i - 1]
    named = before.ent_type_ == "PERSON" or (before.ent_type_ in ("NORP", "ORG") and cue.dep_ == "ccomp")
    if named and before.pos_ == "PROPN" and before.dep_ == "conj" and before.head.i < cue.i:
        return before
    return None


def in_dashes(subject: Token) -> bool:
    """Whether a subject is an aside set off by dashes on both sides: "When asked whether Obama
    flip-flopped -- an accusation Romney has some experience with -- the presumptive nominee acknowledged"."""
    doc, first, last = subject.doc, subject.left_edge.i, subject.right_edge.i
    dashes = {"--", "—", "–"}
    closed = doc[last].text in dashes or (last + 1 < len(doc) and doc[last + 1].text in dashes)
    return first > 0 and doc[first - 1].text in dashes and closed  # the parse may hang the closing dash inside


def lifted_subject(cue: Token) -> bool:
    """Whether a passive cue's subject is what others said or thought of it, not who said it: "Clinton is
    widely believed to be the front-runner", "she was expected to formally launch her candidacy". The
    statement stands, with its speaker unnamed."""
    if cue.lemma_ not in _RAISING or not any(c.dep_ == "auxpass" for c in cue.children):
        return False
    # ... but "she's expected to argue that ..." is her argument: the infinitive is a cue of its own
    return any(c.dep_ == "xcomp" and c.tag_ == "VB" and any(a.lower_ == "to" for a in c.children)
               and c.lemma_ not in CUE_LEMMAS for c in cue.children)


# Verbs whose passive lifts the subject of what was said: "is believed to be", "was said to have".
_RAISING = frozenset(str.split(
    "believe expect think say report rumor rumour allege consider know understand estimate predict suppose "
    "presume deem reckon"))


def summoned(cue: Token) -> bool:
    """'The sergeant-at-arms was called to remove a protester': sent for, not calling."""
    return cue.lemma_ == "call" and any(c.dep_ in ("xcomp", "advcl") and c.tag_ == "VB" for c in cue.children)


_FAULTING_PREPS = frozenset({"for", "of"})


# Verbs whose object does what the infinitive after it says: "prompted critics to question", "urged
# him to say"; not "used the speech to warn" (the subject warns) nor "promised them to ..."
_OBJECT_CONTROL = frozenset(str.split(
    "prompt lead force cause push spur urge ask persuade convince encourage invite allow press pressure "
    "compel drive inspire move tell"))


# ... and verbs of letting and requiring, whose passive subject does it: "will be permitted to deny".
_PERMITTING = frozenset({"permit", "require", "order", "authorize", "authorise", "empower", "entitle"})
_TOLD_TO = _OBJECT_CONTROL | _PERMITTING


# Verbs whose agent does what the infinitive after them says: "used by X to push for ...".
_INSTRUMENT_VERBS = frozenset({"use", "employ", "exploit", "cite", "invoke", "seize", "wield", "leverage"})


def faulted_for(cue: Token) -> Token | None:
    """The object of the verb a "for"/"of" gerund cue hangs on: in "criticized Ola Dahl for saying the pier
    was safe" or "accused him of claiming ...", Dahl said it and he claimed it, not the one who criticized;
    and the object of a verb of prompting an infinitive cue hangs on: in "The arrest prompted critics to
    question the tactics", the critics question, not the arrest; and the agent of a verb of using ("used by
    hawks to push for cuts": the hawks push)."""
    infinitive = cue.dep_ == "xcomp" and cue.tag_ == "VB"
    if infinitive and cue.head.lemma_ in _TOLD_TO and any(c.dep_ == "auxpass" for c in cue.head.children):
        # "whether businesses will be permitted to deny services": the businesses would deny them
        passive = next((c for c in cue.head.children if c.dep_ == "nsubjpass" and c.i < cue.i), None)
        if passive is not None:
            return passive
    if infinitive and cue.head.lemma_ in _OBJECT_CONTROL:
        return next((c for c in cue.head.children if c.dep_ == "dobj" and c.i < cue.i), None)
    if cue.dep_ in ("xcomp", "advcl") and cue.tag_ == "VB" and cue.head.lemma_ in _INSTRUMENT_VERBS:
        # "would be used by deficit hawks to push for cuts": the hawks push, not whoever said it would be
        agent = next((c for c in cue.head.children if c.dep_ == "agent" and c.i < cue.i), None)
        by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if by is not None:
            return by
    prep = cue.head
    if cue.tag_ != "VBG" or cue.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in _FAULTING_PREPS:
        return None
    # A person, a body or a pronoun; not "took a swipe at Obama for declining" (the swipe is the object)
    # nor "took home the Young, Black and Gifted award for speaking out" (an award's name).
    return next((c for c in prep.head.children if c.dep_ == "dobj" and c.i < prep.i
                 and (c.pos_ == "PRON" or c.ent_type_ in ("PERSON", "ORG", "NORP"))), None)


def run_on_clause(clause: Token) -> bool:
    """Whether the parser hung a clause on a verb across a full stop ("Mr. Obama made peace a priority,
    announcing the envoy. ''I want to try,'' Mr. Mitchell recalled"): its subject is then its own, not
    someone else's content."""
    first, second = sorted((clause.idx, clause.head.idx))
    return bool(sentence_breaks(doc_text(clause.doc), first, second))
