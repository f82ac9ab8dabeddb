"""A chosen statement's content, its ends settled after the model's choice.

The model chooses among candidates whose contents end where a rule or a
variant ended them; a few ends can only be judged once the article's
statements are chosen, or are parse errors no candidate avoids. In order:
a content is cut before a trailing participle that is its speaker's next
statement and before another statement it ran over; it runs on through
what a colon brings on, through a list the parser broke after its first
item (also one that repeats its preposition: "of her father, and of ..."),
through the bare verbs listed after an infinitive ("to triple the fund, grow
the fleet and create a reserve"),
through a participle right after it that tells of its last noun, through
the rest of a clause the parser split in two at a comma, through a
condition right after it ("unless he is paid"); the channel it was said
through and the writer's apposition are cut from its end ("in a statement
on Thursday", ``channels``), and
last it runs to the end of a quotation it opened (also one that a run-on
opened).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from storydiff.lexicon import SPEECH_LEMMAS, word_set
from storydiff.nlp.statements.candidates import Candidate
from storydiff.nlp.statements.columns import columns
from storydiff.nlp.statements.channels import cut_apposition, cut_channel
from storydiff.nlp.statements.positions import TokenAt, doc_text, trim_edges
from storydiff.nlp.statements.quotes import QuoteIndex
from storydiff.nlp.statements.variants import MIN_WORDS, end_before

# A later clause's pronoun subject is, as a rule, the statement's own speaker again ("she hopes to
# win, but she knows ..."); a relative pronoun's antecedent lies before it.
_PRONOUNS = word_set("i we he she they it that which who whom")


def settle_contents(doc: Doc, quotes: QuoteIndex, token_at: TokenAt, chosen: Sequence[Candidate]) -> list[Candidate]:
    """The chosen statements with their contents' ends settled (see the module docstring)."""
    text = doc_text(doc)
    chosen = _cut_participle_tails(text, token_at, chosen)
    chosen = _cut_before_other_speakers(doc, token_at, chosen)
    chosen = [_through_colon(text, token_at, item) for item in chosen]
    chosen = [_through_infinitives(token_at, _through_list(token_at, item)) for item in chosen]
    chosen = [_through_second_clause(doc, token_at, _through_bare_participle(doc, token_at, item)) for item in chosen]
    chosen = [_through_condition(doc, token_at, item) for item in chosen]
    chosen = [_through_its_predicate(doc, token_at, item) for item in chosen]
    chosen = [cut_apposition(doc, token_at, cut_channel(doc, token_at, item)) for item in chosen]
    chosen = [_from_its_clause(doc, token_at, item) for item in chosen]
    return [_through_open_quote(quotes, item) for item in chosen]


def _from_its_clause(doc: Doc, token_at: TokenAt, item: Candidate) -> Candidate:
    """A quotation that ends a clause, its cue after it, starts where the clause does: "The House vote
    to reaffirm the motto is “not putting people back to work,” President Obama said" says the vote is
    that, not the bare words; the clause is the one the quotation hangs from, under the cue."""
    start, end = item.content
    if not item.direct or item.cue[0] < end:
        return item
    first, cue = token_at(start), token_at(item.cue[0])
    if first.i == 0 or doc[first.i - 1].is_punct:
        return item  # set off by a comma or a colon, not bound to a clause: "there was an asterisk, “...”"
    while first.is_punct and first.i + 1 < len(doc) and first.idx < end:
        first = doc[first.i + 1]
    node = first
    while node.head.i != node.i and node.head.i != cue.i and start <= node.head.idx < end:
        node = node.head
    if node.head.i >= first.i or node.head.pos_ not in ("VERB", "AUX"):
        return item  # a title in quotation marks ("the anthem “A Change Is Gonna Come,”") is no clause's end
    while node.head.i != node.i and node.head.i != cue.i:
        node = node.head
    if node.head.i != cue.i or node.dep_ in ("nsubj", "nsubjpass", "punct") or node.left_edge.i >= first.i:
        return item
    opening = node.left_edge
    before = doc[opening.i : first.i]
    if any(t.lemma_ in SPEECH_LEMMAS or (t.is_sent_end and t.i > opening.i) or t.text in ".?!:;" for t in before):
        return item
    return dataclasses.replace(item, content=(opening.idx, end))


def _through_open_quote(quotes: QuoteIndex, item: Candidate) -> Candidate:
    """A reported content that ends inside a quotation it opened runs to the quotation's end: "what he
    called his “utter failure when it comes to creating jobs.”" is not "his “utter failure"."""
    start, end = item.content
    inside = quotes.containing(end - 1, end)
    if item.direct or inside is None or quotes.starts[inside] <= start or quotes.ends[inside] <= end:
        return item
    return dataclasses.replace(item, content=(start, quotes.ends[inside]))


def _cut_participle_tails(text: str, token_at: TokenAt, chosen: Sequence[Candidate]) -> list[Candidate]:
    """Reported contents cut before a trailing participle that is a statement of its own.

    "Perdue said he did not believe the ads hurt Romney, arguing that the
    party's divisions did": "arguing" is the same speaker's second statement,
    chosen on its own, so the first one's content ends at the comma (PolNeAR
    draws them so, and a reader sees two claims, each with its own verb).
    """
    out = list(chosen)
    for n, outer in enumerate(out):
        if outer.direct or outer.kind == "colon":
            continue
        for inner in chosen:
            if inner is outer or not outer.content[0] < inner.cue[0] < outer.content[1]:
                continue
            if inner.content[1] < outer.content[1] - 2 or token_at(inner.cue[0]).tag_ != "VBG":
                continue
            same = inner.speaker.text == outer.speaker.text
            if not same and (inner.speaker.name is None or inner.speaker.name != outer.speaker.name):
                continue
            comma = text.rfind(",", outer.content[0], inner.cue[0])
            if comma < 0 or text[comma + 1 : inner.cue[0]].strip():
                continue
            if len(text[outer.content[0] : comma].split()) >= 3:
                out[n] = dataclasses.replace(outer, content=(outer.content[0], comma))
            break
    return out


def _cut_before_other_speakers(doc: Doc, token_at: TokenAt, chosen: Sequence[Candidate]) -> list[Candidate]:
    """Reported contents cut before another chosen statement whose speaker they ran over.

    "Republicans said they're convinced the department mishandled the
    investigation and Democrats accused the GOP of ...": the parse hangs
    "Democrats" on "investigation" and "accused" on "said", and a reading runs
    on to the sentence's end. "Christie calls him 'Mr. Trump,' while Trump
    calls the governor 'Chris'" reads likewise. The second statement, its cue
    outside the phrases the content is made of (or a later one of them), is
    chosen on its own, so the first content ends before it. A statement nested
    in the content stays inside it ("said that experts say ...", "said the plan,
    which critics call costly, works"), and so does one whose speaker is the
    first one again or a pronoun ("she hopes to win, but she knows ...").
    """
    text = doc_text(doc)
    out = list(chosen)
    for n, outer in enumerate(out):
        start, end = outer.content
        if outer.direct or end - start < 2:
            continue
        roots: list[Token] | None = None  # the content's words whose heads lie outside it, found when needed
        cut = end
        for inner in chosen:
            if inner is outer or not inner.speaker.text or not start < inner.speaker.start < inner.speaker.end <= end:
                continue
            if inner.speaker.text.lower() in _PRONOUNS or inner.speaker.text == outer.speaker.text or (
                    inner.speaker.name and inner.speaker.name == outer.speaker.name):
                continue  # "she hopes to win, but she knows ...": one speaker's one statement
            if roots is None:
                roots = _roots(doc, token_at.index(start), token_at.index(end - 1), start, end)
            cue = token_at(inner.cue[0])
            if any(cue.i == r.i for r in roots):
                if roots[0].i == cue.i or roots[0].idx >= inner.speaker.start:
                    continue  # the content is the statement ("said that experts say ..."), nested whole
            elif any(r.is_ancestor(cue) for r in roots):
                continue  # nested in the content: "said the plan, which critics call costly, works"
            edge = cue.left_edge.idx if start < cue.left_edge.idx < inner.speaker.start else inner.speaker.start
            cut = min(cut, edge)
        last = end_before(doc, token_at(cut).i) if cut < end else None
        if last is not None and last.idx >= start:
            a, b = trim_edges(text, start, last.idx + len(last))
            if len(text[a:b].split()) >= MIN_WORDS:
                out[n] = dataclasses.replace(outer, content=(a, b))
    return out


def _roots(doc: Doc, first: int, last: int, start: int, end: int) -> list[Token]:
    """The words ``first..last`` whose heads lie outside the characters ``start..end``."""
    words = columns(doc)
    head, idx = words.head, words.idx
    return [doc[i] for i in range(first, last + 1) if head[i] == i or not start <= idx[head[i]] < end]


def _through_bare_participle(doc: Doc, token_at: TokenAt, item: Candidate) -> Candidate:
    """A content that ends on a noun runs on through a participle right after it, with no comma between.

    "they disclosed the unseemly specter of her husband making millions of dollars from a for-profit
    university": the parse hangs "making" on "disclosed" as an adverbial clause, and the content
    stopped at "husband"; with no comma before it the participle tells of the noun, not of the act
    of disclosing ("said the plan was sound, citing the audit" keeps its comma and its cut).
    """
    if not _reported_after_cue(item):
        return item
    cue = token_at(item.cue[0])
    last = token_at(item.content[1] - 1)
    if last.i + 1 >= len(doc) or last.pos_ not in ("NOUN", "PROPN"):
        return item
    after = doc[last.i + 1]
    if after.tag_ != "VBG" or after.dep_ != "advcl" or after.head.i != cue.i or after.lemma_ in SPEECH_LEMMAS:
        return item
    if any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in after.children):
        return item
    return _run_to(doc, item, after.right_edge)


def _through_its_predicate(doc: Doc, token_at: TokenAt, item: Candidate) -> Candidate:
    """A content the parse ended on a noun it made the whole clause runs on through the predicate after it.

    "a report claiming the nation's most powerful seniors lobby was dropping its opposition to benefits
    cuts": the parse made "lobby" the clause "claiming" governs and hung "was dropping ..." on the
    sentence's verb, and the content stopped at "lobby". A verb right after the noun, with no subject of
    its own and no comma between, is the noun's predicate; the run stops before a dash or a semicolon.
    """
    if not _reported_after_cue(item):
        return item
    last = token_at(item.content[1] - 1)
    if last.dep_ != "ccomp" or last.pos_ not in ("NOUN", "PROPN") or last.i + 1 >= len(doc):
        return item
    after = doc[last.i + 1]
    verb = after.head if after.dep_ in ("aux", "auxpass") else after
    if verb.pos_ not in ("VERB", "AUX") or verb.i < after.i or verb.head.i == last.i:
        return item
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children) or _holds_speech(verb):
        return item
    end = verb.right_edge.i
    stop = next((t.i for t in doc[after.i : end + 1] if t.text in ("--", "\u2014", "\u2013", ";")), None)
    return _run_to(doc, item, doc[stop - 1] if stop is not None else doc[end])


def _through_second_clause(doc: Doc, token_at: TokenAt, item: Candidate) -> Candidate:
    """A content that ends on a comma the parser split a clause at runs on through the clause's rest.

    "told the paper it is clear that hacking of the party's committee, its campaign arm and two
    state offices can be traced to Moscow": the parse made "committee" the end of one clause the cue
    governs and "its campaign arm ... can be traced" a second, each hung on the cue, and the content
    stopped at "committee". A second clause the cue governs, right after the content's comma with no
    conjunction, is the rest of what was said (a clause joined by "and" or "but" is the cue's to
    share or not, decided before); not when it holds a verb of speech, another statement's.
    """
    if not _reported_after_cue(item):
        return item
    cue = token_at(item.cue[0])
    i = token_at.index(item.content[1] - 1) + 1
    if i + 1 >= len(doc) or doc[i].text != ",":
        return item
    first = token_at(item.content[0])
    clauses = [c for c in cue.rights if c.dep_ == "ccomp"]
    if len(clauses) < 2 or not clauses[0].left_edge.i <= first.i <= clauses[0].i:
        return item
    second = clauses[1]
    if second.left_edge.i != i + 1 or second.pos_ not in ("VERB", "AUX") or second.sent != cue.sent:
        return item  # "..., a swipe at his rivals": a noun phrase the writer adds is no clause
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < second.i for c in second.children):
        return item
    if _holds_speech(second):
        return item
    return _run_to(doc, item, second.right_edge)


def _through_condition(doc: Doc, token_at: TokenAt, item: Candidate) -> Candidate:
    """A content runs on through a condition right after it: "vowed to impose a tariff on the cars unless
    the company cancels its plant" and "said he would look healthier if he ate less" are promises and
    judgements on a condition, and cut before "unless" or "if" they say another thing. The parse often
    hangs the clause on the cue, so no candidate held it. Not a clause that holds a verb of speech."""
    if not _reported_after_cue(item):
        return item
    cue = token_at(item.cue[0])
    i = token_at.index(item.content[1] - 1) + 1
    while i < len(doc) and ((doc[i].is_punct and doc[i].text != ".") or doc[i].is_space):
        i += 1
    if i >= len(doc) or doc[i].lower_ not in _CONDITIONS or doc[i].sent != cue.sent:
        return item
    clause = doc[i].head
    if clause.dep_ != "advcl" or clause.left_edge.i != i or clause.right_edge.i <= i:
        return item
    first = token_at(item.content[0])
    if not (clause.head.i == cue.i or first.i <= clause.head.i < i):
        return item
    if _holds_speech(clause):
        return item
    return _run_to(doc, item, clause.right_edge)


_CONDITIONS = frozenset({"if", "unless"})


def _through_colon(text: str, token_at: TokenAt, item: Candidate) -> Candidate:
    """A reported content that stops at a colon runs on to its sentence's end: in "the officials said
    they had found two more of the devices: one addressed to a senator and one to a former director",
    what they said includes what the colon brings on. Not when a quotation follows the colon (it is a
    statement of its own), when fewer than three words do, or when they hold a verb of speech ("...: If
    talks fail, he said, he would ...": another statement's)."""
    if not _reported_after_cue(item):
        return item
    rest = text[item.content[1] :]
    after_marks = rest.lstrip(_BEFORE_COLON)
    if not after_marks.startswith(":"):
        return item
    colon = item.content[1] + len(rest) - len(after_marks)
    sent = token_at(item.content[1] - 1).sent
    brought = text[colon + 1 : sent.end_char].strip()
    if brought[:1] in _OPENING_QUOTES or len(brought.split()) < 3:
        return item
    if any(t.idx > colon and t.pos_ == "VERB" and t.lemma_ in SPEECH_LEMMAS for t in sent):
        return item
    return dataclasses.replace(item, content=trim_edges(text, item.content[0], sent.end_char))


def _through_list(token_at: TokenAt, item: Candidate) -> Candidate:
    """A list of what was said that the parser broke after its first item runs on to its last: in "she
    stressed fair pay, and a need to raise the minimum wage", the parse hangs "need" on "stressed" as a
    conjunct of the verb, a thing no noun can be, and the content stopped at "fair pay". A noun
    conjunct of the cue (or of a verb the cue hangs on), or a gerund after a content that opens on one
    ("mentioned refinancing loans and forcing ..."), or a clause a question word opens ("expressed concerns
    over X, and how his background could help him"), right after the content's ", and" or "or" is
    the list's next item, unless it has a subject (a verb misread: "and one blogger asking"), is a bare
    common noun ("chides Turkey and praises": a headline's verb) or holds a verb of speech."""
    if not _reported_after_cue(item):
        return item
    cue = token_at(item.cue[0])
    doc = cue.doc
    i = token_at.index(item.content[1] - 1) + 1
    while i < len(doc) and doc[i].text == ",":
        i += 1
    if i + 1 >= len(doc) or doc[i].lower_ not in ("and", "or"):
        return item
    repeated = _repeated_preposition(doc, token_at.index(item.content[1] - 1), doc[i + 1])
    if repeated is not None:
        return _run_to(doc, item, repeated)
    head = doc[i + 1]
    while head.head.i > head.i:  # up to the word the next item's words hang on
        head = head.head
    verb = head.head
    gerunds = head.tag_ == "VBG" and token_at(item.content[0]).tag_ == "VBG"  # "refinancing ... and forcing ..."
    # "spoke of the legacy of racism, and how the fight for justice flowed through ...": a question word
    # opens a second thing spoken of, though the parse made its clause a verb coordinated with the cue's
    asked = doc[i + 1].lower_ in _QUESTION_WORDS and head.left_edge.i == i + 1 and head.pos_ in ("VERB", "AUX")
    if head.dep_ != "conj" or not (head.pos_ in ("NOUN", "PROPN") or gerunds or asked):
        return item
    if verb.pos_ not in ("VERB", "AUX"):
        return item
    if verb.i >= token_at.index(item.content[0]) or not (verb.i == cue.i or verb in cue.ancestors):
        return item
    bare = head.pos_ == "NOUN" and not head.n_lefts and not head.n_rights
    if not asked and (bare or any(child.dep_ == "nsubj" for child in head.children)):
        return item
    if any(t.lemma_ in SPEECH_LEMMAS for t in head.subtree):
        return item
    return _run_to(doc, item, head.right_edge)


def _through_infinitives(token_at: TokenAt, item: Candidate) -> Candidate:
    """An infinitive said runs on through the bare verbs listed after it: "wants to triple the size of
    the fund, grow the fleet and create a reserve". The parse hangs "grow" on "wants" as its conjunct,
    a thing a finite verb cannot share a list with, and the content stopped at "fund"."""
    if not _reported_after_cue(item):
        return item
    cue = token_at(item.cue[0])
    doc = cue.doc
    first = token_at(item.content[0])
    i = token_at.index(item.content[1] - 1) + 1
    if first.lower_ != "to" or cue.tag_ == "VB" or i + 1 >= len(doc) or doc[i].text != ",":
        return item
    verb = doc[i + 1]
    if verb.tag_ != "VB" or verb.dep_ != "conj" or verb.head.i != cue.i:
        return item
    if any(child.dep_ in ("nsubj", "nsubjpass", "aux") for child in verb.children) or _holds_speech(verb):
        return item
    return _run_to(doc, item, verb.right_edge)


# Words that open an indirect question; not "who" or "which", which open a relative clause as often
# ("threatened a shutdown, and who has been hoping to ...": the senator, not what he threatened).
_QUESTION_WORDS = frozenset({"how", "why", "what", "whether", "when", "where"})


def _repeated_preposition(doc: Doc, last: int, after: Token) -> Token | None:
    """The last word of a list's next item that repeats the preposition of the content's last noun: "brought
    back memories of her father, and of all the people who got us here" (the parse hangs the second "of"
    on the cue); None when it does not, or holds a verb of speech."""
    noun = doc[last]
    if after.pos_ != "ADP" or noun.dep_ != "pobj" or noun.head.lower_ != after.lower_:
        return None
    if _holds_speech(after):
        return None
    return after.right_edge


def _reported_after_cue(item: Candidate) -> bool:
    """Whether a content is reported (not a quotation) and follows its cue: the contents the run-ons widen."""
    return not item.direct and item.content[0] >= item.cue[1]


def _run_to(doc: Doc, item: Candidate, last: Token) -> Candidate:
    """``item`` with its content run on to the end of ``last``, edges trimmed."""
    return dataclasses.replace(item, content=trim_edges(doc_text(doc), item.content[0], last.idx + len(last)))


def _holds_speech(tok: Token) -> bool:
    """Whether a phrase holds a verb of speech, the cue of another statement."""
    return any(t.lemma_ in SPEECH_LEMMAS and t.pos_ == "VERB" for t in tok.subtree)


_BEFORE_COLON = " \"\u201d'\u2019"  # a content may stop before a closing mark and then the colon
_OPENING_QUOTES = frozenset("\"\u201c'\u2018")
