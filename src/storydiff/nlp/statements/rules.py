"""The rules: candidate statements read off cue words, quotation marks and colons.

Each rule proposes a ``Candidate`` (speaker, cue, content, recipient) with a
one-line comment saying what it catches and an example. A cue verb with a
subject takes the quotation next to its clause, else the clause it governs
(``reported.py``); "according to" takes the rest of its sentence (``findings.py``); a name and
a colon take what follows; a quotation no cue claims continues the speaker
before it. The statement model (``choice.py``) chooses among these and the
learned templates' candidates.
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import POS
from spacy.symbols import ADP, VERB
from spacy.tokens import Doc, Token

from storydiff.lexicon import SPEECH_LEMMAS, word_set
from storydiff.models import Speaker
from storydiff.nlp.statements.candidates import Candidate
from storydiff.nlp.statements.columns import sentence_end
from storydiff.nlp.statements.continued import continued_quotes
from storydiff.nlp.statements.findings import according_to, finding_candidates
from storydiff.nlp.statements.lines import colon_statements, signed_quotes
from storydiff.nlp.statements.cues import ACCUSING_LEMMAS, CUE_LEMMAS, PHRASAL_CUES, QUOTE_ONLY_LEMMAS, puts_it_so
from storydiff.nlp.statements.positions import doc_text, semicolon_bounds, sentence_breaks, trim_edges
from storydiff.nlp.statements.lead_ins import with_its_lead_in
from storydiff.nlp.statements.quotes import QuoteIndex
from storydiff.nlp.statements.recipients import recipient
from storydiff.nlp.statements.reported import (
    ASIDE_CLAUSE_MARKS,
    CANDIDATE_LEMMAS,
    PHRASAL_PREPS,
    governed_content,
    is_passive_participle,
)
from storydiff.nlp.statements.parentheticals import parenthetical_content, quotation_goes_on_the_subject
from storydiff.nlp.statements.speakers import NameIndex, describe, find_subject, left_neighbour
from storydiff.nlp.statements.subjects import (
    passive_agent,
    inverted_speaker,
    name_after_quote,
    participle_subject,
    subject_after,
    subject_of_lead_clause,
)

_WORD = re.compile(r"\w+")
_GAP_CHARS = " \t\n,:;\u2014\u2015\u2013-"
# Dependents of a cue that are not part of its "speaker + cue" clause.
_NOT_CLAUSE = frozenset({"ccomp", "punct", "conj", "cc", "advcl", "parataxis", "xcomp", "dep", "intj"})
_MAX_CONTENT_CHARS = 3000
# Cues whose one-word object is still a statement of position ("voters backed Clinton").
_BACKING_LEMMAS = word_set("support endorse back oppose favor prefer vote")
_ANSWERS = frozenset({"yes", "no", "so"})
# Subjects that are never a source: an expletive "there" the parser took for one.
_NOT_SPEAKERS = frozenset({"there"})


_CUE_POS = np.array([VERB, ADP], dtype=np.uint64)


def rule_candidates(doc: Doc, quotes: QuoteIndex, names: NameIndex) -> list[Candidate]:
    """Every candidate the rules propose, in the order the rules find them.

    Their time is read once a candidate is chosen (``extract.number_statements``).
    """
    found: list[Candidate] = []
    used: set[int] = set()  # quotations some candidate already took
    pending: list[tuple[int, int]] = []  # (continuing quote, quote it continues)
    # Only verbs ("said", a manner of speech: "laughed") and prepositions ("according to") can be cues;
    # they are found on the part-of-speech column, not by building a ``Token`` for every word.
    cues = np.flatnonzero(np.isin(doc.to_array(POS), _CUE_POS)).tolist() if len(doc) else []
    for tok in (doc[i] for i in cues):
        if tok.pos_ not in ("VERB", "ADP") or tok.lemma_ not in CANDIDATE_LEMMAS:
            item = _manner_of_speech(tok, quotes, names, used, pending)
        elif tok.lemma_ == "accord" or tok.lower_ == "according":
            item = according_to(tok, quotes.text, names)
        else:
            item = _from_cue(tok, quotes, names, used, pending)
        if item is not None:
            found.append(item)
    found.extend(colon_statements(doc, quotes, names))
    found.extend(signed_quotes(doc, names))
    found.extend(finding_candidates(doc, names))
    found.extend(continued_quotes(doc, quotes, used, pending, found, names))
    return found


# "X said ...", "“...,” X said", "X told Y that ...": a cue verb with a subject.
def _from_cue(
    cue: Token,
    quotes: QuoteIndex,
    names: NameIndex,
    used: set[int],
    pending: list[tuple[int, int]],
) -> Candidate | None:
    if quotes.containing(cue.idx, cue.idx + len(cue)) is not None:
        return None  # a verb inside a quotation is the speaker's own word
    cue_end = _cue_end(cue)
    if cue_end is None:
        return None
    before = quotes.ending_before(cue.idx)
    floor = quotes.ends[before] if before is not None else 0
    subject = find_subject(cue, floor)
    if subject is not None and quotes.containing(subject.idx, subject.idx + 1) is not None:
        # the quote's own "we" is not its speaker; "“... Full panic mode,” said Leslie
        # Wimes": the parser gave the cue two subjects, the quote's and the speaker after it
        subject = subject_after(cue, quotes) or left_neighbour(cue, floor)
        if subject is None:
            subject = participle_subject(cue, quotes, floor) or name_after_quote(cue, floor)
    if subject is None:
        subject = subject_of_lead_clause(cue) or inverted_speaker(cue, quotes)
    accused = cue.lemma_ in ACCUSING_LEMMAS and any(c.dep_ == "auxpass" for c in cue.children)
    if (subject is None and not accused) or (subject is not None and subject.lower_ in _NOT_SPEAKERS):
        return None
    speaker = describe(subject, names) if subject is not None else Speaker("", cue.idx, cue.idx)
    if is_passive_participle(cue) or accused:
        # "Asked by Rep. Okafor whether he knew, Lindqvist said ...": the question is
        # Okafor's, not the witness's; with no "by" the asker is not in the text. So with
        # "Mr. Hunter ... are charged with converting ...": charged, by no one named.
        agent = passive_agent(cue)
        speaker = describe(agent, names) if agent is not None else Speaker("", cue.idx, cue.idx)
    content, direct, kind = _content(cue, speaker, quotes, used, pending)
    if content is None:
        return None
    teller = _teller_reported(cue, quotes) if kind == "quote_before" else None
    if teller is not None:  # '“We got wiped out,” aides said Mr. Ryan told his colleagues': Ryan's words
        cue, cue_end, speaker = teller.head, teller.head.idx + len(teller.head), describe(teller, names)
    lexicon = cue.lemma_ in SPEECH_LEMMAS or cue.lemma_ in PHRASAL_CUES
    return Candidate(speaker, (cue.idx, cue_end), content, direct, recipient(cue), kind=kind, lexicon=lexicon)


def _teller_reported(cue: Token, quotes: QuoteIndex) -> Token | None:
    """The subject of a verb of speech the cue reports with no words of its own: in "“...,” aides said
    Mr. Ryan told his colleagues", the quotation is what Ryan told them, as the aides tell it (not in
    "said on MSNBC's “Andrea Mitchell Reports”", a show's name)."""
    for inner in cue.children:
        if inner.dep_ != "ccomp" or inner.i < cue.i or inner.lemma_ not in SPEECH_LEMMAS:
            continue
        if quotes.containing(inner.idx, inner.idx + 1) is not None:
            return None
        if any(c.dep_ in ("ccomp", "xcomp", "advcl") for c in inner.children):
            return None  # "aides said Ryan told them that ...": his words are that clause
        return next((c for c in inner.children if c.dep_ == "nsubj" and c.ent_type_ == "PERSON"), None)
    return None


# '“If they were serious, they would have gone to my bill,” Toomey fumed.': any verb
# whose subject follows a quotation that closes with a comma, "?" or "!" is its cue,
# for that quotation only ("fumed", "beamed", "retaliated" are in no word list).
def _manner_of_speech(
    tok: Token, quotes: QuoteIndex, names: NameIndex, used: set[int], pending: list[tuple[int, int]]
) -> Candidate | None:
    if tok.pos_ != "VERB" or quotes.containing(tok.idx, tok.idx + 1) is not None:
        return None
    before = quotes.ending_before(tok.idx)
    if before is None or before in used or tok.idx - quotes.ends[before] > 60:
        return None
    if _closing_punct(quotes.text, quotes.spans[before]) not in (",", "?", "!"):
        return None
    if any(t.lemma_ in CANDIDATE_LEMMAS and t.pos_ == "VERB" for t in tok.doc[tok.i + 1 : sentence_end(tok)]):
        return None  # "''...,'' Mr. Delgado, now retired in Cambridge, said": "said" is the cue
    kept_used, kept_pending = set(used), list(pending)
    item = _from_cue(tok, quotes, names, used, pending)
    if item is None or item.kind != "quote_before":
        used.clear()
        used.update(kept_used)
        pending[:] = kept_pending
        return None
    return item


def _cue_end(cue: Token) -> int | None:
    """End of the cue words; phrasal cues need their particle ("rowed back on")."""
    particles = PHRASAL_CUES.get(cue.lemma_)
    if particles is None:
        return cue.idx + len(cue)
    if cue.lemma_ == "put" and not puts_it_so(cue):
        return None  # "put it on the shelf"; but "as the memo put it, ...", "she put it: “...”"
    end = None
    for child in cue.rights:
        if child.lower_ in particles:
            end = child.idx + len(child)
        elif end is not None and child.dep_ == "prep" and child.lower_ in PHRASAL_PREPS:
            return child.idx + len(child)
    return end


def _content(
    cue: Token,
    speaker: Speaker,
    quotes: QuoteIndex,
    used: set[int],
    pending: list[tuple[int, int]],
) -> tuple[tuple[int, int] | None, bool, str]:
    """The quotation next to the cue clause, else the clause the cue governs; and which."""
    text = quotes.text
    left = min(cue.idx, speaker.start)
    right = _clause_end(cue, speaker, quotes)
    # “There is no deal,” he said.  /  said Peskov: “We will see.”
    before = quotes.ending_before(left)
    if (
        before is not None
        and before not in used
        and (quotes.full[before] or _is_short_utterance(text, quotes.spans[before]))
        and _is_gap(text[quotes.ends[before] : left])
        and not _ends_a_sentence_begun_before(text, quotes.spans[before])
        and not _is_title(text, quotes.spans[before])  # 'On Tuesday's episode of “The Morning Show,” she said ...'
        # '“Christie was excellent.” Mr. Trump will appear on Tuesday': a quotation closed by a full stop
        # is no content of a next sentence's verb unless that verb is one of speech
        and (cue.lemma_ in SPEECH_LEMMAS or _closing_punct(text, quotes.spans[before]) != ".")
        and not fronted_participle(cue)
    ):
        used.add(before)
        after = quotes.starting_after(right)
        if (
            after is not None
            and after not in used
            and quotes.full[after]
            and (_is_gap(text[right : quotes.starts[after]]) or _JOINED.match(text[right : quotes.starts[after]]))
        ):
            used.add(after)  # “A,” he said, “B.” — B continues the same statement; so does ', but “B.”'
            pending.append((after, before))
        quoted = with_its_lead_in(cue, quotes.spans[before])
        return quoted, quoted[0] == quotes.starts[before], "quote_before"
    after = quotes.starting_after(right)
    if (
        after is not None
        and after not in used
        and (
            quotes.full[after]
            or _after_colon(text, right, quotes.starts[after])
            or _is_short_reply(text, right, quotes.spans[after])
        )
        and not _runs_on(text, quotes.ends[after])
        and not _is_title(text, quotes.spans[after])
        and not (quotation_goes_on_the_subject(cue, quotes.starts[after]) and parenthetical_content(cue, left, right))
        and _is_gap(
            text[right : quotes.starts[after]],
            allow_newline=text[right - 1 : right] == ":"
            or ":" in text[right : quotes.starts[after]],
        )
    ):
        used.add(after)
        return (quotes.starts[after], quotes.ends[after]), True, "quote_after"
    block = _block_quote(text, right)
    if block is not None:
        return block, False, "quote_after"
    if cue.lemma_ in QUOTE_ONLY_LEMMAS:
        return None, False, ""
    para_start = text.rfind("\n", 0, cue.idx) + 1
    para_end = text.find("\n", cue.idx)
    para_end = len(text) if para_end < 0 else para_end
    parenthetical = parenthetical_content(cue, left, right)
    if parenthetical is not None:
        return (*_clause_content(quotes, used, *parenthetical, para_start, para_end, cue.idx), "parenthetical")
    governed = governed_content(cue, para_start, para_end)
    if governed is not None:
        # "rowed back on that" points back at what it withdraws: one word is enough.
        words = 1 if cue.lemma_ in PHRASAL_CUES else 2
        if cue.lemma_ in _BACKING_LEMMAS:
            words = 1  # "endorsed Cruz": whom one backs is the content
        content, direct = _clause_content(quotes, used, *governed, para_start, para_end, cue.idx, words)
        if content is not None and _is_title(text, content):
            return None, False, ""  # "Speaking on “Fox News Sunday,”": where, not what
        if content is not None and text[content[1] - 1] in _CLOSING_MARKS:
            content = _run_on_clause(cue.doc, content)
            direct = direct and text[content[1] - 1] in _CLOSING_MARKS
        return content, direct, "governed"
    return None, False, ""


def _clause_content(
    quotes: QuoteIndex,
    used: set[int],
    start: int,
    end: int,
    para_start: int,
    para_end: int,
    cue_at: int,
    min_words: int = 2,
) -> tuple[tuple[int, int] | None, bool]:
    """Reported content: a clause, kept in its paragraph, widened to whole quotations."""
    text = quotes.text
    start, end = _within_sentence(quotes, max(start, para_start), min(end, para_end), cue_at)
    start, end = trim_edges(text, start, end)
    start, end = _widen_to_quotes(quotes, start, end, used)
    too_short = len(_WORD.findall(text, start, end)) < min_words
    if too_short and text[start:end].lower() in _ANSWERS:
        too_short = False  # "most said yes": an answer is a statement
    if end - start > _MAX_CONTENT_CHARS or too_short:
        return None, False  # "denied it": nothing a reader can check
    direct = text[start] in "\"“'«" and text[end - 1] in "\"”'»"
    return (start, end), direct


def _within_sentence(quotes: QuoteIndex, start: int, end: int, cue_at: int) -> tuple[int, int]:
    """Content kept to the cue's sentence where the parser ran two together."""
    breaks = sentence_breaks(quotes.text, start, end)
    outside = [b for b in breaks if quotes.containing(b - 1, b) is None]
    before = [b for b in outside if b <= cue_at]
    after = [b for b in outside if b > cue_at]
    if before:
        start = before[-1]
    if after:
        end = after[0]
    return semicolon_bounds(quotes, cue_at, start, end) or (start, end)


# says “the tide has turned” despite the loss: the quotation is only part of the
# reported clause, which runs on after the closing mark.
_RUNS_ON = re.compile(r"[ \t]+[a-z]")


def _runs_on(text: str, quote_end: int) -> bool:
    return text[quote_end - 2 : quote_end - 1] not in ",.?!;:" and bool(
        _RUNS_ON.match(text, quote_end)
    )


# 'Asked if there was any budget consideration, she said: "No."': after a colon a
# quotation of any length is what was said.
def _after_colon(text: str, clause_end: int, quote_start: int) -> bool:
    return text[clause_end:quote_start].strip() == ":"


# 'she grew up “castrating hogs on an Iowa farm.” Ms. Ernst said that ...': a quote
# that ends a sentence begun before it belongs to that sentence, not to the next cue.
def _ends_a_sentence_begun_before(text: str, span: tuple[int, int]) -> bool:
    start, end = span
    lead = text[text.rfind("\n", 0, start) + 1 : start].rstrip()
    closes = text[start:end].rstrip("\"”'» ")[-1:] in (".", "!", "?")
    return closes and lead[-1:].isalpha()


# 'told CNN that “nobody would’ve survived” had Capitol Police not been there': the
# sentence runs on after the quotation with a clause that decides what it means.
def _run_on_clause(doc: Doc, content: tuple[int, int]) -> tuple[int, int]:
    text = doc_text(doc)
    start, end = content
    # 'there remains a "real gap," when it comes to ...': the comma inside the closing mark is the
    # printer's habit, and a clause of "when", "if" or "because" goes on with what was said (not one
    # the writer adds: "..., while rivals disagree")
    comma = text[end - 2 : end - 1] == "," and bool(_RUNS_ON.match(text, end))
    if not (_runs_on(text, end) or comma):
        return content
    after = len(text) - len(text[end:].lstrip())
    nxt = doc.char_span(after, after + 1, alignment_mode="expand")
    if nxt is None or not len(nxt):
        return content
    rest = doc[nxt.start : sentence_end(nxt[0])]
    # "... “depleted” and says he will ...": a new statement; "... despite the loss": the writer's
    if rest[0].pos_ in ("CCONJ", "ADP") or any(t.lemma_ in CUE_LEMMAS or t.is_quote for t in rest):
        return content
    if not any(t.pos_ in ("VERB", "AUX") for t in rest):
        return content
    if comma and (rest[0].pos_ != "SCONJ" or rest[0].lower_ in ASIDE_CLAUSE_MARKS):
        return content
    return trim_edges(text, start, rest.end_char)


_CLOSING_MARKS = "\"”'»"


def _closing_punct(text: str, span: tuple[int, int]) -> str:
    """The character a quotation ends on inside its closing marks: "," in '“No way,”' ("" if none)."""
    return text[span[0] : span[1]].rstrip(_CLOSING_MARKS)[-1:]


# 'Priebus said, "Probably."': a short quotation that is a whole reply of its own.
def _is_short_reply(text: str, clause_end: int, span: tuple[int, int]) -> bool:
    return _closing_punct(text, span) in (".", "?", "!") and text[clause_end : span[0]].strip() in (",", ":")


_TITLE_PREPOSITIONS = frozenset({"on", "in", "at", "to", "from", "of", "about", "with", "by", "for"})


def _is_title(text: str, span: tuple[int, int]) -> bool:
    """A quoted title, not words said: 'Speaking on “Fox News Sunday,” the senator said': a preposition
    before it and at most six words, each capitalised."""
    start, end = span
    before = text[max(0, start - 12) : start].split()
    words = [w for w in text[start:end].strip("\"“”'‘’«» ,.").split() if w.isalpha() or w[:1].isalpha()]
    return bool(before) and before[-1].lower() in _TITLE_PREPOSITIONS and 0 < len(words) <= 6 and all(
        w[:1].isupper() or w.lower() in ("the", "of", "a", "and", "in", "on") for w in words)


def _is_short_utterance(text: str, span: tuple[int, int]) -> bool:
    """A short quote that is a whole utterance: “No way,” at the start of a sentence."""
    start = span[0]
    closes = _closing_punct(text, span) in (",", "?", "!")
    return closes and text[:start].rstrip()[-1:] in ("", ".", "?", "!", "\n", "”", '"', "'")


# "The governor added:" and a paragraph of its own, without quotation marks: a
# block quotation, the whole next paragraph.
_BLOCK_LEAD = re.compile(r"[ \t\u00a0]*:[ \t\u00a0]*\n\s*")


def _block_quote(text: str, clause_end: int) -> tuple[int, int] | None:
    lead = _BLOCK_LEAD.match(text, clause_end)
    if lead is None or text[lead.end() : lead.end() + 1] in ('"', "“", ""):
        return None  # a quotation with its marks is the rules' quote_after
    end = text.find("\n", lead.end())
    start, end = trim_edges(text, lead.end(), len(text) if end < 0 else end)
    return (start, end) if len(_WORD.findall(text, start, end)) >= 3 else None


def _clause_end(cue: Token, speaker: Speaker, quotes: QuoteIndex) -> int:
    """Where "speaker + cue + recipient + time" ends, before any content.

    A word of the quotation after the cue is content, however the parser hangs
    it ('said, "Probably."': "Probably" as the cue's adverb).
    """
    end = max(cue.idx + len(cue), speaker.end)
    for child in cue.rights:
        if child.dep_ in _NOT_CLAUSE or child.text in '"“”«»':
            continue
        inside = quotes.containing(child.idx, child.idx + len(child))
        if inside is not None and quotes.starts[inside] > cue.idx:
            continue
        last = child.right_edge
        end = max(end, last.idx + len(last))
    return end


_JOINED = re.compile(r",[ \t]+(?:but|and)[ \t]+$")


_FRONTING = frozenset({"when", "after", "once", "if", "while", "as"})


def fronted_participle(cue: Token) -> bool:
    """Whether the cue is a participle that opens its sentence: '“...” Asked why he opposed the toll, he
    explained ...' — the question put to him, never the cue of the quotation before it."""
    before = cue.nbor(-1) if cue.i > 0 else None
    first = before if before is not None and before.lower_ in _FRONTING else cue  # "When asked ..."
    subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children)
    return cue.dep_ == "advcl" and cue.tag_ in ("VBN", "VBD") and not subject and first.is_sent_start is True \
        and first.text[:1].isupper()


def _is_gap(between: str, allow_newline: bool = False) -> bool:
    if not allow_newline and "\n" in between:
        return False
    return len(between) <= 6 and not between.strip(_GAP_CHARS)


def _widen_to_quotes(quotes: QuoteIndex, start: int, end: int, used: set[int]) -> tuple[int, int]:
    """Stretch content that cuts a quotation to take all of it."""
    for i in quotes.overlapping(start, end):
        s, e = quotes.spans[i]
        if s < start or e > end:
            start, end = min(start, s), max(end, e)
        used.add(i)
    return start, end
