"""Statements from one parsed article: candidates proposed, chosen, numbered.

``iter_statements`` is the whole extractor: the rules (``rules.py``) and
the learned templates (``templates.py``) propose candidates, the statement
model (``choice.py``) scores them and keeps the best per cue, and
``number_statements`` turns the chosen ones into ``Statement`` records with
their time and ids.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from storydiff.lexicon import SPEECH_LEMMAS, dateline_length
from storydiff.models import Recipient, Span, Speaker, Statement, When
from storydiff.nlp.statements.candidates import RULE_KINDS, Candidate
from storydiff.nlp.statements.cues import DOCUMENT_VERBS, PERSON_PRONOUNS, UNABLE_ADJECTIVES
from storydiff.nlp.statements.findings import trust_findings
from storydiff.nlp.statements.exchanges import give_answers, inside_transcript_line, trust_transcript
from storydiff.nlp.statements.boundaries import settle_contents
from storydiff.nlp.statements.choice import RULE_MARGIN, StatementModel, choose, load_model, score
from storydiff.nlp.statements.positions import Paragraphs, TokenAt, doc_text, sentence_breaks, trim_edges
from storydiff.nlp.statements.quotes import QuoteIndex, find_quotes
from storydiff.nlp.statements.recipients import outlet_said_on, recipient
from storydiff.nlp.statements.rules import rule_candidates
from storydiff.nlp.statements.relatives import antecedent
from storydiff.nlp.statements.subjects import lifted_subject
from storydiff.nlp.statements.speakers import NameIndex, is_source, phrase_bounds
from storydiff.nlp.statements.templates import template_candidates
from storydiff.nlp.statements.variants import describes_the_noun, into_main_verb, variant_candidates
from storydiff.nlp.timex import find_when, resolve_when


def iter_statements(
    doc: Doc,
    article_id: str,
    published: str | None = None,
    excluded: Sequence[tuple[int, int]] = (),
    model: StatementModel | None = None,
) -> Iterator[Statement]:
    """Yield every statement in a parsed article, numbered in text order.

    ``published`` (YYYY-MM-DD) lets "on Thursday" resolve to a date;
    statements touching an ``excluded`` range (web residue) are skipped.
    The rules and the learned templates propose candidates; the statement
    model (the shipped one unless given) chooses among them.
    """
    text = doc_text(doc)
    model = model or load_model()
    quotes = QuoteIndex(text, find_quotes(text))
    names = NameIndex(doc, quotes)
    token_at = TokenAt(doc)
    found = _candidates(doc, quotes, excluded, model.vocab, names, token_at)
    chosen: list[Candidate] = []
    if found:
        scores = trust_transcript(text, found, score(model, doc, quotes, found), model.threshold)
        scores = _trust_pointers(text, token_at, found, scores, model.threshold)
        scores = trust_findings(text, found, scores, model.threshold)
        lowest = min(model.threshold, model.lexicon_threshold or model.threshold)  # below it, never chosen anyway
        scores = [0.0 if s >= lowest and (into_main_verb(token_at, f) or describes_the_noun(token_at, f)) else s
                  for f, s in zip(found, scores, strict=True)]
        found = [_cut_to_its_clause(text, token_at, f) for f in found]  # scored whole, as the model was trained
        chosen = choose(found, scores, model.threshold, model.lexicon_threshold, RULE_MARGIN)
        chosen = give_answers(chosen, token_at, names)
        chosen = settle_contents(doc, quotes, token_at, chosen)
    for statement in number_statements(doc, chosen, article_id, published, token_at):
        yield _not_asking_themselves(doc, names, statement)


def _not_asking_themselves(doc: Doc, names: NameIndex, statement: Statement) -> Statement:
    """A pronoun speaker is not the person spoken to: in "grabbed the student after he asked the
    congressman if he supported the agenda", "he" is not Etheridge, the congressman; the speaker is left
    unnamed rather than given to the person asked."""
    told, name = statement.recipient, statement.speaker.name
    if told is None or not name or statement.speaker.text.lower() not in PERSON_PRONOUNS:
        return statement
    span = doc.char_span(told.start, told.end, alignment_mode="expand")
    if span is None or not len(span):
        return statement
    root = span.root
    asked = names.by_role(root.lemma_.lower(), told.start) if root.pos_ == "NOUN" else names.full_name(span.text)
    if asked != name:
        return statement
    return dataclasses.replace(statement, speaker=dataclasses.replace(statement.speaker, name=None))


def number_statements(
    doc: Doc,
    chosen: Sequence[Candidate],
    article_id: str,
    published: str | None = None,
    token_at: TokenAt | None = None,
) -> Iterator[Statement]:
    """Statements from chosen candidates: one per content, in text order, numbered."""
    text = doc_text(doc)
    token_at = token_at or TokenAt(doc)
    kept = [c for c in (_resolve_pointer(text, token_at, c) for c in _one_per_content(list(chosen))) if c is not None]
    for n, item in enumerate(kept, 1):
        skip = 0 if item.direct else dateline_length(text[item.content[0] : item.content[1]])
        if skip:  # "DA NANG, Vietnam — Trump will not ..., Sanders said": the place is the writer's
            item = dataclasses.replace(item, content=(item.content[0] + skip, item.content[1]))
        if item.kind != "colon" and item.when is None:
            cue = token_at(item.cue[0])
            # A template's recipient is read only now, for the few that are chosen.
            told = (recipient(cue) if item.kind.startswith("t:") else item.recipient) or outlet_said_on(cue)
            when = _when(cue, text, published)
            if when is not None and told is not None and told.start <= when.start < told.end:
                when = None  # "said on Fox News Sunday": the show's name, not the day it was said
            item = dataclasses.replace(item, when=when, recipient=told)
        yield Statement(
            id=f"{article_id}-S{n}",
            article=article_id,
            speaker=_gated(doc, item.speaker, item.cue, item.content),
            cue=Span(text[item.cue[0] : item.cue[1]], *item.cue),
            content=Span(text[item.content[0] : item.content[1]], *item.content),
            direct=item.direct,
            recipient=_addressee(item),
            when=item.when,
            negated=is_negated(token_at(item.cue[0])),
        )


def _addressee(item: Candidate) -> Recipient | None:
    """The recipient, unless it lies in the content: in "did not respond to a request for comment" the
    request is what was (not) answered, not whom."""
    told = item.recipient
    if told is not None and item.content[0] <= told.start < item.content[1]:
        return None
    return told


def _gated(doc: Doc, speaker: Speaker, cue_span: tuple[int, int], content: tuple[int, int]) -> Speaker:
    """The speaker, or none (an empty span at the cue) when the phrase cannot be a source.

    The statement stays: the article does attribute the content, only not to
    "A lengthy meeting" or "the controversy" (``speakers.is_source``). A
    relative pronoun gives way to its antecedent ("The minister, who said
    ..." is the minister's), unless the antecedent is inside the content ("The
    video, which was posted by ...": what was posted, not who); a bare one is refused.
    """
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if span is None or not len(span):
        return speaker
    cue_start = cue_span[0]
    cue = doc.char_span(*cue_span, alignment_mode="expand")
    if cue is not None and len(cue) == 1 and lifted_subject(cue[0]):
        # "Clinton is widely believed to be ...": not Clinton's belief; "she's expected to argue" is hers
        return Speaker("", cue_start, cue_start)
    head = span.root if not span.root.is_punct else span[0]  # "The film ― which ...": a dash parsed as head
    noun = antecedent(head)
    if noun is not None:  # "The minister, who said ...": the minister speaks, not "who"
        start, end = phrase_bounds(noun)
        head, span = noun, doc[start:end]
        if content[0] <= span.start_char < content[1]:
            return Speaker("", cue_start, cue_start)
        speaker = Speaker(span.text, span.start_char, span.end_char, speaker.name, speaker.anonymous, speaker.role)
    if is_source(head) and not _placeholder_it(head):
        return speaker
    return Speaker("", cue_start, cue_start)


def _placeholder_it(head: Token) -> bool:
    """ "It" holding the place of a clause, not of a source: "It was announced that ...", "it is said that ..."."""
    return head.lower_ == "it" and head.dep_ in ("expl", "nsubjpass")


# Cues that withhold speech when they govern a verb of speech: "declined to say".
_WITHHOLDING = frozenset({"decline", "refuse", "fail"})
_WITHHELD = SPEECH_LEMMAS | frozenset({"comment", "discuss", "elaborate", "speculate", "confirm"})


def is_negated(cue: Token) -> bool:
    """Whether a cue is negated or withheld: "did not say", "never said", "declined to say", "no comment".

    The cue span stays the verb (offsets as before); readers see the flag.
    """
    if any(c.dep_ == "neg" for c in cue.children):
        return True
    if cue.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in cue.children):
        return True  # "had no immediate comment on ..."
    withholds = cue.lemma_ in _WITHHOLDING or cue.lemma_ in UNABLE_ADJECTIVES
    if withholds and any(c.dep_ == "xcomp" and c.lemma_ in _WITHHELD for c in cue.children):
        return True
    if cue.dep_ == "xcomp" and cue.lemma_ in _WITHHELD and cue.head.lemma_ in UNABLE_ADJECTIVES:
        return True  # "was unable to say", "it was impossible to say what motivated them"
    return cue.dep_ == "xcomp" and cue.head.lemma_ in _WITHHOLDING and cue.lemma_ in _WITHHELD


_POINTERS = frozenset({"that", "which", "so"})
_POINTING_PHRASE = re.compile(r"(?:that|this) \w+")


def _resolve_pointer(text: str, token_at: TokenAt, item: Candidate) -> Candidate | None:
    """A content that only points back ("rowed back on that", "which he denied", "wrote that tweet"): the
    antecedent of a relative "which", else nothing: a pointer is not what was said."""
    start, end = _words_of(text, item.content)
    words, cue = text[start:end].lower(), token_at(item.cue[0])
    if _POINTING_PHRASE.fullmatch(words) and cue.lemma_ in DOCUMENT_VERBS:
        return None  # "he was the one who wrote that tweet": the tweet is named, not said
    word = token_at(start)
    if _pointer_then_tail(word, cue):
        return None  # "rowed back on that later on Thursday after ...": a pointer, then the writer's words
    if words not in _POINTERS:
        return item
    if word.lower_ != "which":
        return None
    antecedent = None
    if cue.dep_ == "relcl" and cue.head.pos_ in ("NOUN", "PROPN"):
        noun = cue.head  # "claims about the dam, which she denied": the claims are what she denied
        antecedent = _words_of(text, (noun.left_edge.idx, cue.left_edge.idx))
    elif cue.dep_ in ("relcl", "advcl") and cue.head.pos_ in ("VERB", "AUX") and cue.head.i < word.i:
        clause = cue.head  # "claimed the tolls would fall, which her rival denied": that they would fall
        antecedent = _words_of(text, (clause.left_edge.idx, cue.left_edge.idx))
    if antecedent is not None and antecedent[1] - antecedent[0] > 1:
        return dataclasses.replace(item, content=antecedent, direct=False)
    return None


def _pointer_then_tail(word: Token, cue: Token) -> bool:
    """A pronoun "that"/"this" as the cue's object, followed by words that modify the cue, not a clause
    of its own: "rowed back on *that later on Thursday*". (The parser also calls a complementizer "that"
    an object sometimes; then the next word belongs to the reported clause, not to the cue.)"""
    if word.lower_ not in ("that", "this") or word.pos_ != "PRON" or word.dep_ not in ("dobj", "pobj"):
        return False
    if any(word.children) or word.i + 1 >= len(word.doc):
        return False
    after = word.nbor(1)
    return after.head.i == cue.i and after.dep_ in ("advmod", "prep", "npadvmod")


def candidates(
    doc: Doc,
    excluded: Sequence[tuple[int, int]] = (),
    vocab: dict[str, tuple[int, float, float]] | None = None,
) -> list[Candidate]:
    """Every candidate statement of an article: the rules' and the learned templates'.

    Candidates touching an ``excluded`` range are left out; a template that
    repeats the words of a rule's content for the same cue is dropped. ``vocab`` is the learned cue
    vocabulary (the shipped model's unless given).
    """
    text = doc_text(doc)
    quotes = QuoteIndex(text, find_quotes(text))
    return _candidates(doc, quotes, excluded, load_model().vocab if vocab is None else vocab)


def _candidates(
    doc: Doc,
    quotes: QuoteIndex,
    excluded: Sequence[tuple[int, int]],
    vocab: dict[str, tuple[int, float, float]],
    names: NameIndex | None = None,
    token_at: TokenAt | None = None,
) -> list[Candidate]:
    text = doc_text(doc)
    names = names or NameIndex(doc, quotes)
    token_at = token_at or TokenAt(doc)
    found = rule_candidates(doc, quotes, names)
    # A template that repeats a rule's content, or a quotation without its marks, adds
    # nothing but a way to lose the marks: the rule's candidate stays, the template goes.
    seen = {(f.cue, _words_of(text, f.content)) for f in found}
    for item in template_candidates(doc, quotes, names, vocab, Paragraphs(text)) + variant_candidates(doc, found):
        key = (item.cue, _words_of(text, item.content))
        if key not in seen:
            seen.add(key)
            found.append(item)
    found = [f for f in found if not _touches(f, excluded) and not _participle_aside(token_at, f)
             and not _past_sentence_end(text, f)]
    return inside_transcript_line(text, _kept_inside_fronted(text, found))


def _kept_inside_fronted(text: str, found: list[Candidate]) -> list[Candidate]:
    """A statement whose cue sits in what another says before its own cue ends where that content does:
    in "As the Gazette reported, the council shut the pier, a spokeswoman said", what the Gazette
    reported stops before ", a spokeswoman said". Readings cut to one already proposed go."""
    # (Not "according to": "55 percent say they cannot back him, according to a poll" credits the poll with
    # the whole saying, and the voters still say it.)
    # Only a closing attribution after a comma (", a spokeswoman said"), where the content surely ends.
    fronted = [f for f in found if f.kind in RULE_KINDS and f.kind != "according" and not f.direct
               and f.content[1] <= f.cue[0] and text[f.content[1] : f.content[1] + 3].lstrip("\"'”’ ")[:1] == ","]
    if not fronted:
        return found
    out: list[Candidate] = []
    seen = {(f.cue, f.content) for f in found}
    for item in found:
        kept: Candidate | None = item
        for outer in fronted:
            inside = outer.content[0] <= item.cue[0] < outer.content[1] < item.content[1]
            if outer is not item and inside and item.content[0] < outer.content[1]:
                cut = trim_edges(text, item.content[0], outer.content[1])
                known = (item.cue, cut) in seen or cut[1] - cut[0] < 2
                kept = None if known else dataclasses.replace(item, content=cut)
                seen.add((item.cue, cut))
                break
        if kept is not None:
            out.append(kept)
    return out


_GOVERNING_KINDS = frozenset({"governed"})


def _past_sentence_end(text: str, item: Candidate) -> bool:
    """A clause the parser hung on a cue across a full stop: "..., police officials said.  The package
    addressed to Mr. Booker was found in Florida" (one sentence to the parser) is the writer's next
    sentence, not what the officials said. Quotations, colons and continuations have rules of their own."""
    if not (item.kind in _GOVERNING_KINDS or item.kind[:2] in ("t:", "v:")) or item.content[0] < item.cue[1]:
        return False
    if text[item.content[0]] in "\"'\u201c\u2018":
        return False  # "..., Mr. Holtz-Eakin said. ''They're more detailed ...'': his quotation goes on
    return bool(sentence_breaks(text, item.cue[1], item.content[0] + 1))


def _cut_to_its_clause(text: str, token_at: TokenAt, item: Candidate) -> Candidate:
    """A reported content after its cue that holds both words the cue governs and a word the cue's own
    clause hangs on has run out of that clause; it ends where the cue's words end. In "While the
    candidate declined to comment on whether the remarks were fair, he said ...", what he declined to
    comment on ends at the comma; in "he said the borrowing drags down growth – he also claimed ..."
    (a parse that hangs "said" on "claimed"), what he said ends at the dash. ("According to the filing,
    the firm paid": the content is all the clause the cue hangs on, none of the cue's own words.)
    The cut is made only at a comma, a semicolon, a dash or a bracket (a colon brings on more of what
    was said: "said it falls flat for one reason: ..."); quotations are left alone."""
    if item.direct or item.kind == "according" or item.content[0] < item.cue[1]:
        return item
    cue = token_at(item.cue[0])
    first, last = token_at.index(item.content[0]), token_at.index(item.content[1] - 1)
    if cue.right_edge.i < first or not any(first <= above.i <= last for above in cue.ancestors):
        return item
    end = cue.right_edge.idx + len(cue.right_edge)
    if text[end : item.content[1]].lstrip()[:1] not in _CLAUSE_BREAKS:
        return item  # no comma or dash where the cue's words end: a parse too broken to cut by
    return dataclasses.replace(item, content=trim_edges(text, item.content[0], end))


_CLAUSE_BREAKS = frozenset(",;(\u2013\u2014-")


def _participle_aside(token_at: TokenAt, item: Candidate) -> bool:
    """A template that takes the participle after "she said," for what was said: "..., she
    said, referencing the bank's drive to cross-sell" is the writer's aside about the quote."""
    if item.kind != "t:advcl" or item.content[0] < item.cue[1]:
        return False
    cue, first = token_at(item.cue[0]), token_at(item.content[0])
    return cue.lemma_ in SPEECH_LEMMAS and first.tag_ == "VBG"


def _when(cue: Token, text: str, published: str | None) -> When | None:
    bounds = find_when(cue)
    if bounds is None:
        return None
    phrase = text[bounds[0] : bounds[1]]
    return When(phrase, bounds[0], bounds[1], resolve_when(phrase, published))


_EDGE_CHARS = " \t\n\"“”‘’'«».,;:!?"


def _trust_pointers(
    text: str, token_at: TokenAt, found: Sequence[Candidate], scores: Sequence[float], threshold: float
) -> list[float]:
    """Scores with a verb of speech whose content is a relative "which" standing for a clause
    or noun phrase at the threshold at least.

    "The mayor claimed the tolls would fall, which her rival denied": the rival denied that
    the tolls would fall (``_resolve_pointer`` puts the clause in place of "which"). The
    model sees only the word "which" and scores it by luck of the training run; the
    pointer is as plain a statement as the clause it stands for.
    """
    lifted = list(scores)
    for i, item in enumerate(found):
        start, end = _words_of(text, item.content)
        if text[start:end].lower() != "which" or token_at(item.cue[0]).lemma_ not in SPEECH_LEMMAS:
            continue
        resolved = _resolve_pointer(text, token_at, item)
        if resolved is not None and resolved.content != item.content:
            lifted[i] = max(lifted[i], threshold)
    return lifted


def _words_of(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A content span without the quotation marks and punctuation at its edges."""
    start, end = span
    while start < end and text[start] in _EDGE_CHARS:
        start += 1
    while end > start and text[end - 1] in _EDGE_CHARS:
        end -= 1
    return start, end


def _one_per_content(found: list[Candidate]) -> list[Candidate]:
    """In text order, one statement per content span: the one whose cue is nearest."""
    best: dict[tuple[int, int], Candidate] = {}
    for item in found:
        other = best.get(item.content)
        if other is None or _distance(item) < _distance(other):
            best[item.content] = item
    return sorted(best.values(), key=lambda f: (min(f.content[0], f.cue[0]), f.cue[0]))


def _distance(item: Candidate) -> int:
    return max(item.cue[0] - item.content[1], item.content[0] - item.cue[1], 0)


def _touches(item: Candidate, excluded: Sequence[tuple[int, int]]) -> bool:
    for s, e in excluded:
        for a, b in (item.cue, item.content):
            if a < e and s < b:
                return True
    return False
