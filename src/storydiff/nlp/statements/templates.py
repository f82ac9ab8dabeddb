"""Learned templates: candidates from the cue vocabulary the rules do not reach.

The statement model's vocabulary (cue lemmas learned on PolNeAR's train
split, shipped in the model file) lists words that introduce what someone
said or thought beyond the rules' verbs: "was critical *of* X", "his support
*for* X", "her decision *to* X", "made clear *that* X". For every such word
outside a quotation, each content it can govern (a clause with or without
its trailing aside, an object, a prepositional object, a passive's subject)
becomes a candidate; the model chooses among them and the rules' candidates.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, POS
from spacy.symbols import ADJ, NOUN, VERB
from spacy.tokens import Doc, Token

from storydiff.lexicon import SPEECH_LEMMAS
from storydiff.models import Speaker
from storydiff.nlp.statements.candidates import Candidate
from storydiff.nlp.statements.columns import sentence_start
from storydiff.nlp.statements.positions import Paragraphs, doc_text, semicolon_bounds, trim_edges
from storydiff.nlp.statements.quotes import QuoteIndex
from storydiff.nlp.statements.reported import (
    content_span,
    is_act_object,
    is_passive_participle,
    predicate_of_the_opening,
)
from storydiff.nlp.statements.speakers import NameIndex, describe, find_subject, in_circumstance
from storydiff.nlp.statements.subjects import behind_dateline, dateline_dash, participle_subject

_TEMPLATE_DEPS = {
    "ccomp": "t:ccomp",
    "xcomp": "t:xcomp",
    "dobj": "t:dobj",
    "acl": "t:acl",
    "oprd": "t:oprd",
    "attr": "t:attr",
    "csubj": "t:csubj",
    "advcl": "t:advcl",
}
_TEMPLATE_POS = np.array([VERB, NOUN, ADJ], dtype=np.uint64)  # the parts of speech a cue can be


def template_candidates(
    doc: Doc,
    quotes: QuoteIndex,
    names: NameIndex,
    vocab: dict[str, tuple[int, float, float]],
    paragraph_of: Paragraphs,
) -> list[Candidate]:
    """Candidates from cue words of the learned vocabulary: each content a cue can govern.

    A cue word inside a quotation is mostly the speaker's own word: it gets none.
    """
    text = doc_text(doc)
    out: list[Candidate] = []
    for tok in _cue_words(doc, vocab):
        if _in_a_name(tok) or _speaking(tok):
            continue
        if quotes.containing(tok.idx, tok.idx + len(tok)) is not None:
            continue
        speaker_tok = template_speaker(tok)
        if speaker_tok is not None and quotes.containing(speaker_tok.idx, speaker_tok.idx + 1) is not None:
            # "treating it as a compliment -- ''That makes me smart'' -- and, asked later,
            # asserting ...": the quote's "That" is not who asserted; the clause's subject is
            speaker_tok = participle_subject(tok, quotes, 0)
        if speaker_tok is not None and speaker_tok.lower_ == "there":
            continue
        # No source in the text ("Asked about the deal, ...", "It was announced that ..."):
        # PolNeAR still counts the attribution; the statement gets an empty speaker at its cue.
        skip = speaker_tok.i if speaker_tok is not None else -1
        para_start, para_end = paragraph_of(tok.idx)
        spans: dict[tuple[int, int], str] = {}
        for child in tok.children:
            if not para_start <= child.idx < para_end or child.i == skip:
                continue
            kind = _TEMPLATE_DEPS.get("acl" if _complement_read_as_relative(tok, child) else child.dep_)
            if kind is not None:
                if (child.dep_ == "advcl" and child.i < tok.i) or (child.dep_ == "dobj" and is_act_object(tok, child)):
                    continue
                if child.dep_ == "ccomp" and predicate_of_the_opening(tok, child):
                    continue  # "Everything Trump says is a lie": nobody said "is a lie"
                for span in (_edges(child), content_span(child, tok)):
                    spans.setdefault(span, kind)
            elif child.dep_ == "prep" and child.i > tok.i:
                objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objs:
                    spans.setdefault(_edges(objs[0]), "t:prep")
                    spans.setdefault((objs[0].left_edge.idx, _edges(child)[1]), "t:prep")
        if speaker_tok is not None and speaker_tok.dep_ == "pobj" and speaker_tok.head.dep_ == "agent":
            # "The plan was rejected by most voters": what the agent rejected is the subject.
            for child in tok.children:
                if child.dep_ == "nsubjpass":
                    spans.setdefault(_edges(child), "t:passive")
        if not spans:
            continue
        speaker = None
        for (start, end), kind in spans.items():
            start, end = trim_edges(text, max(start, para_start), min(end, para_end))
            bounds = semicolon_bounds(quotes, tok.idx, start, end)
            if bounds is None:
                continue
            start, end = trim_edges(text, *bounds)
            if end - start < 2 or (speaker_tok is not None and start <= speaker_tok.idx < end):
                continue
            if speaker is None:
                speaker = describe(speaker_tok, names) if speaker_tok is not None else Speaker("", tok.idx, tok.idx)
            direct = text[start] in '"“«' and text[end - 1] in '"”»'
            out.append(Candidate(speaker, (tok.idx, tok.idx + len(tok)), (start, end), direct, kind=kind))
    return out


def _complement_read_as_relative(tok: Token, child: Token) -> bool:
    """"a New York Times report that Trump had a net loss": the parse reads the report's content as a
    relative clause, but its "that" is a conjunction (``mark``), not the relative pronoun of "the report
    that he wrote"; the clause is what the report says."""
    return child.dep_ == "relcl" and tok.pos_ == "NOUN" and any(
        c.dep_ == "mark" and c.lower_ == "that" and c.i < child.i for c in child.children)


def _cue_words(doc: Doc, vocab: dict[str, tuple[int, float, float]]) -> list[Token]:
    """The verbs, nouns and adjectives whose lemma is in the vocabulary, found on the token
    columns (a spaCy ``Token`` is built only for them)."""
    if not len(doc):
        return []
    columns = doc.to_array([POS, LEMMA])
    lemmas = np.unique(columns[:, 1])
    known = lemmas[[doc.vocab.strings[key].lower() in vocab for key in lemmas.tolist()]]
    found = np.isin(columns[:, 0], _TEMPLATE_POS) & np.isin(columns[:, 1], known)
    return [doc[i] for i in np.flatnonzero(found).tolist()]


def _speaking(tok: Token) -> bool:
    """Whether a noun is the one subject of a verb of speech: in "The nation's leading advocate for
    seniors says that ...", the advocate is who speaks, not a cue for "seniors". A verb the parse
    gives two subjects is misread ("His promises to cut taxes notwithstanding, analysts agree ...":
    the promises are his), and the noun stays a cue; a dateline the parse made a second subject
    ("WASHINGTON -- The nation's leading advocate ... says") is no subject."""
    if tok.pos_ != "NOUN" or tok.dep_ != "nsubj" or tok.head.lemma_ not in SPEECH_LEMMAS:
        return False
    subjects = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass") and dateline_dash(c) is None]
    return len(subjects) == 1


def _in_a_name(tok: Token) -> bool:
    """A word of a person's name the parser read as a verb ("Rev. John Paul Hopping of ..., told"), not
    a headline's capitalised verb the tagger took into a name ("Ted Cruz Refuses to Disavow ...")."""
    if tok.ent_type_ != "PERSON" or tok.i == sentence_start(tok):
        return False
    return any(t.is_lower and t.is_alpha and not t.is_stop for t in tok.sent)


def template_speaker(tok: Token) -> Token | None:
    """Who a templated cue belongs to: the subject, the agent, the possessor."""
    for child in tok.children:
        if child.dep_ == "agent":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    if tok.pos_ == "NOUN":
        for child in tok.children:
            if child.dep_ == "poss":
                return child
        for child in tok.lefts:
            named = child.pos_ == "PROPN" or child.ent_type_ in ("NORP", "PERSON", "ORG")
            if child.dep_ in ("compound", "amod") and named:
                return child
        source = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"), None)
        said_by = next((c for c in source.children if c.dep_ == "pobj"), None) if source is not None else None
        if said_by is not None and said_by.i > tok.i:
            return said_by  # "repeated warnings from his attorney that ..."
        head = tok.head
        if in_circumstance(tok):
            return None  # "stepped aside amid questions about his travel": not his questions
        if tok.dep_ == "pobj":
            head = head.head
        if tok.dep_ in ("dobj", "pobj", "attr") and head.pos_ in ("VERB", "AUX"):
            return _subject_of(head, ("nsubj",))
        return None
    if tok.pos_ == "ADJ":
        if tok.dep_ in ("acomp", "amod", "oprd") and tok.head.pos_ in ("AUX", "VERB"):
            return _subject_of(tok.head, ("nsubj", "nsubjpass"))
        return None
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN"):
        return tok.head  # "placards supporting Sanders", "voters backing the plan"
    if is_passive_participle(tok):
        return None  # "Asked if ..., she said": the question is not hers (an agent is found above)
    return find_subject(tok)


def _subject_of(verb: Token, relations: tuple[str, ...]) -> Token | None:
    """A verb's subject, past a dateline the parser made a second one: in "WASHINGTON — The Supreme Court
    appeared divided during arguments over ...", the court, never the place."""
    subjects = [c for c in verb.children if c.dep_ in relations]
    return behind_dateline(subjects) if subjects else None


def _edges(tok: Token) -> tuple[int, int]:
    last = tok.right_edge
    return tok.left_edge.idx, last.idx + len(last)
