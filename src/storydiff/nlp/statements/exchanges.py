"""Questions and answers: who asked and who answered, in hearings, interviews and prose.

Two kinds of exchange:

- a transcript ("OKAFOR: Did you know ...?" / "LINDQVIST: No."): every line of
  two speakers or more is scored at the model's threshold at least, so a short
  reply is kept and each side keeps its own words (``trust_transcript``);
- a question in prose and the reply after it ("“Who signed it?” she asked.
  “I did,” he answered."; "Okafor asked Lindqvist whether ... “No,” he said."):
  a reply whose pronoun was resolved to the asker belongs to the person asked
  (``give_answers``). Without this the nearest subject, the asker, takes the reply.

Cue words inside a transcript line are that person's own speech, not the
writer's report, and propose nothing (``inside_transcript_line``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Token

from storydiff.nlp.statements.candidates import Candidate
from storydiff.nlp.statements.cues import PERSON_PRONOUNS
from storydiff.nlp.statements.positions import TokenAt, doc_text
from storydiff.nlp.statements.people import NameIndex

_QUESTION_LEMMAS = frozenset({"ask", "question", "press", "query"})
# Cues that go on with the same speaker's words: "she asked. “...,” she added."
_SAME_SPEAKER_LEMMAS = frozenset({"add", "continue"})
_REPLY_REACH = 600  # characters after a question in which a reply may follow it
_ASKED_REACH = 600  # characters before a question in which the person asked is named


def trust_transcript(text: str, found: Sequence[Candidate], scores: Sequence[float], threshold: float) -> list[float]:
    """Scores with every line of a transcript exchange, and every quotation signed
    with a dash, at the threshold at least.

    Lines that open with a speaker's name and a colon, from two speakers or more
    ("OKAFOR: Did you know ...?" / "LINDQVIST: No."), are a hearing or an
    interview: who asked and who answered is written out, and a short reply
    ("No.") that the model finds too short to be a statement is one.
    """
    lifted = list(scores)
    for i in [*_transcript_lines(text, found), *_signed_lines(found)]:
        lifted[i] = max(lifted[i], threshold)
    return lifted


def _signed_lines(found: Sequence[Candidate]) -> list[int]:
    """Indices of the quotations signed at their line's end ("“We will pay.” ― Ana Ruiz"):
    the signature says who spoke as plainly as "said" does, and the model, which
    sees few of them, scores some under the threshold."""
    return [i for i, f in enumerate(found) if f.kind == "colon" and f.speaker.start > f.content[1]]


def _transcript_lines(text: str, found: Sequence[Candidate]) -> list[int]:
    """Indices of the lines that open with a name and a colon, when two speakers or more have them."""
    lines = [i for i, f in enumerate(found) if f.kind == "colon" and opens_line(text, f.speaker.start)]
    return lines if len({found[i].speaker.text for i in lines}) >= 2 else []


def opens_line(text: str, pos: int) -> bool:
    """Whether only spaces or an opening quotation mark stand before ``pos`` on its line."""
    return not text[text.rfind("\n", 0, pos) + 1 : pos].strip(" \t\"“")


def inside_transcript_line(text: str, found: Sequence[Candidate]) -> list[Candidate]:
    """The candidates without those cued inside a transcript line's words ("Q: Did you
    *sign* the report?"): the line is one person's speech, not the writer's report."""
    lines = [found[i].content for i in _transcript_lines(text, found)]
    return [f for f in found if f.kind == "colon" or not any(s <= f.cue[0] < e for s, e in lines)]


def give_answers(chosen: Sequence[Candidate], token_at: TokenAt, names: NameIndex) -> list[Candidate]:
    """Chosen statements with each reply to a question given to the person asked.

    A statement after a question whose pronoun ("he said") was resolved to the
    asker goes to the person asked: the "whom" of "asked Lindqvist whether", else
    the nearest other person before the question whom the pronoun can stand for.
    A question whose asker is not named ("The remarks prompted her to ask Becker
    whether ...") still has a reply when it names the person asked. The asker
    keeps it when the same pronoun is used for both ("she asked ... she added")
    or when it is another question. Only the statement right after the question
    can be its reply (and the reply's other statements from the same words, "He
    nodded, saying ..."): a question quoted in prose, then other statements,
    then "he posted" is no exchange.
    """
    text = doc_text(token_at.doc)
    out = list(chosen)
    question: Candidate | None = None
    replied: dict[tuple[int, int], str] = {}  # a reply's speaker phrase -> the person asked
    for i in sorted(range(len(out)), key=lambda k: out[k].cue[0]):
        item = out[i]
        speaker, cue = item.speaker, token_at(item.cue[0])
        words = text[item.content[0] : item.content[1]].rstrip("\"”’' ")
        asks = words.endswith("?") or (cue.lemma_ in _QUESTION_LEMMAS and not _challenges(item, cue))
        pronoun = speaker.text.lower()
        if (speaker.start, speaker.end) in replied and not asks:
            named = dataclasses.replace(speaker, name=replied[speaker.start, speaker.end])
            out[i] = dataclasses.replace(item, speaker=named)
            continue
        if (
            question is not None
            and not asks
            and pronoun in PERSON_PRONOUNS
            and (speaker.name == question.speaker.name or question.speaker.name is None)
            and pronoun != question.speaker.text.lower()
            and cue.lemma_ not in _SAME_SPEAKER_LEMMAS
            and item.cue[0] - max(question.cue[1], question.content[1]) < _REPLY_REACH
        ):
            asked = _asked(question, names, pronoun, text)
            if asked is not None:
                out[i] = dataclasses.replace(item, speaker=dataclasses.replace(speaker, name=asked))
                replied[speaker.start, speaker.end] = asked
        if asks and (speaker.name or _named_recipient(item, names)):
            question = item
        elif question is not None and item.cue != question.cue:
            question = None  # a reply is the next statement: another one in between ends the exchange
    return out


def _challenges(item: Candidate, cue: Token) -> bool:
    """Whether "questioned" disputes a thing rather than asks a person: "Cummings questioned the reading
    of the amended Constitution" puts no question to anyone, so the next "he said" is no one's reply."""
    if cue.lemma_ != "question" or item.recipient is not None:
        return False
    return not any(c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or c.pos_ == "PRON") for c in cue.children)


def _named_recipient(question: Candidate, names: NameIndex) -> str | None:
    """The person a question was put to, when the article names them ("asked Lindqvist")."""
    told = question.recipient
    if told is None or not told.text:
        return None
    return names.known_name(told.text.split()[-1])


def _asked(question: Candidate, names: NameIndex, pronoun: str, text: str) -> str | None:
    """The person a question was put to, if ``pronoun`` can stand for them: the
    recipient of "asked Lindqvist", else the nearest other person named before it, in
    its paragraph or the one before."""
    asker = question.speaker.name
    person = _named_recipient(question, names)
    if person is not None and person != asker:
        return person
    if asker is None:
        return None  # no one named on either side: the nearest person is a guess
    before = min(question.cue[0], question.content[0], question.speaker.start)
    # "Trump said: “Did Crooked Hillary help ...?” He offered no proof": no one named near was asked;
    # "Sanders asks the queue, “Any questions I can answer?” He jokes": not Obama, of a poll paragraphs up
    this = text.rfind("\n", 0, before)
    paragraph = text.rfind("\n", 0, this) if this > 0 else -1
    return names.nearest_other(before, pronoun, asker, min(_ASKED_REACH, before - paragraph))
