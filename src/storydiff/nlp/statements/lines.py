"""Statements written as lines: a name and a colon, or a quotation signed with a dash.

"Mayor Reddick: Bridge Tolls Will Stay" (a headline), "OKAFOR: Did you know
...?" (a transcript line), "Reddick: “We will pay.”" (inline), and
"“We will pay.” ― Ana Ruiz" (a quotation signed at its line's end), and a
headline that names its speaker before the colon and quotes them after it
("A lesson from Ana Ruiz: 'Be the voice people hear.'"). Each
yields ``Candidate`` records of kind ``colon``, whose cue is the colon or the dash.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from storydiff.lexicon import word_set
from storydiff.models import Speaker
from storydiff.nlp.statements.candidates import Candidate
from storydiff.nlp.statements.cues import FRONTED_CUES
from storydiff.nlp.statements.positions import doc_text, trim_edges
from storydiff.nlp.statements.quotes import QuoteIndex
from storydiff.nlp.statements.people import NameIndex

_WORD = re.compile(r"\w+")


# "Mayor Reddick: Bridge Tolls Will Stay", "Q: Where were you?", and inline
# "Reddick: “We will pay.”" — a name and a colon in front of what was said.
def colon_statements(doc: Doc, quotes: QuoteIndex, names: NameIndex) -> Iterator[Candidate]:
    text = doc_text(doc)
    for m in _NAME_COLON.finditer(text):
        who, rest = m.span(1), m.span(2)
        first, *others = m.group(1).split()
        if first.lower() in _NOT_COLON_SPEAKERS:
            continue
        if others and first.lower() in FRONTED_CUES:
            who = (who[0] + len(first) + 1, who[1])  # "Added Gibbs: ...": Gibbs
        inside = quotes.containing(who[0], who[1])
        # '"WALLACE: Let’s start ...': a transcript paragraph opened by a quotation mark
        if inside is not None and quotes.starts[inside] != text.rfind("\n", 0, who[0]) + 1:
            continue
        line_start = text.rfind("\n", 0, who[0]) + 1
        at_line_start = not text[line_start : who[0]].strip(" \t" + _OPENING_MARKS)
        opening = quotes.starting_after(rest[0])
        if opening is not None and quotes.starts[opening] == rest[0]:
            content = quotes.spans[opening]  # Reddick: “We will pay.”
        elif at_line_start:
            content = trim_edges(text, rest[0], rest[1])  # a headline or a transcript line
        else:
            continue
        if len(_WORD.findall(text, *content)) < 2:
            continue
        span = doc.char_span(who[0], who[1], alignment_mode="expand")
        person = next((e.text for e in span.ents if e.label_ == "PERSON"), None) if span else None
        name = names.full_name(person) if person else names.known_name(text[who[0] : who[1]])
        speaker = Speaker(text[who[0] : who[1]], who[0], who[1], name)
        yield Candidate(speaker, (who[1], who[1] + 1), content, text[content[0]] in _OPENING_MARKS, kind="colon")
    yield from _quoted_headlines(doc, names)


# "A lesson from Ana Ruiz: 'Be the voice people hear.'", "Ruiz Grills Ferry Chief: ‘You Should Resign.’": a
# headline whose words after the colon are all one quotation, in single marks as headlines print them,
# and whose words before it name the one who said it.
_QUOTED_HEADLINE = re.compile(r"[ \t]*([^\n:.!?]{3,120}?): +([‘'“\"][^\n]+[’'”\"])[ \t]*(?:\n|$)")


def _quoted_headlines(doc: Doc, names: NameIndex) -> Iterator[Candidate]:
    """A first-line headline quoting the person its words before the colon name, or opened by that person
    with no verb ("Clinton camp: ..."). The first line only: further down, such a line is prose ("..., Butz
    can add a new title to his resume: “song anthropologist.”")."""
    text = doc_text(doc)
    m = _QUOTED_HEADLINE.match(text)
    if m is not None:
        span = doc.char_span(*m.span(1), alignment_mode="expand")
        person = _named_in(span, names) if span is not None else None
        if person is not None and len(_WORD.findall(m.group(2))) >= 2 and not _NAME_COLON.fullmatch(
                m.group(0).strip()):  # "Reddick: “We will pay.”" is the colon rule's
            yield _headline_candidate(person, m.end(1), m.span(2), True, names)
        return
    m = _HEADLINE.match(text)
    if m is None or _NAME_COLON.fullmatch(m.group(0).strip()):
        return
    span = doc.char_span(*m.span(1), alignment_mode="expand")
    person = _named_in(span, names) if span is not None else None
    # "Clinton camp: Trump’s rhetoric threatens national security", "Obama on Climate Change: The Trends
    # Are 'Terrifying.'": the person opens the words before the colon, which hold no verb
    if person is None or span is None or person.start > span.start + 2:
        return
    after = span.doc[person.end] if person.end < len(span.doc) else None
    if (after is not None and after.text in ("'s", "’s")) or any(
            (t.pos_ in ("VERB", "AUX") and not person.start <= t.i < person.end)
            or t.lower_ in ("and", "&", "vs", "vs.", "versus") for t in span):
        return  # "Trump’s visit: what we know", "Obama and Netanyahu: A tortured relationship": a topic
    start, end = trim_edges(text, *m.span(2))
    if len(_WORD.findall(text, start, end)) >= 3:
        yield _headline_candidate(person, m.end(1), (start, end), False, names)


def _headline_candidate(person: Span, colon: int, content: tuple[int, int], direct: bool,
                        names: NameIndex) -> Candidate:
    speaker = Speaker(person.text, person.start_char, person.end_char, names.full_name(person.text))
    return Candidate(speaker, (colon, colon + 1), content, direct, kind="colon")


_HEADLINE = re.compile(r"[ \t]*([^\n:.!?]{3,80}?): +(\S[^\n]*?)[ \t]*(?:\n|$)")


_NAME_COLON = re.compile(
    r"(?m)(?:^[ \t]*[\"“]?|(?<=[.!?…]\s)|(?<=\s-\s))[ \t]*"  # a line start (a mark may open it), or after a sentence
    r"([A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,4}): +"  # up to five capitalised words
    r"(\S[^\n]*)"
)
_OPENING_MARKS = "\"“‘'«"
# “We will pay.” ― Ana Ruiz: a quotation signed at its line's end by a dash and a name.
_SIGNED = re.compile(
    r"(?m)^[^\S\n]*([\"“”][^\n]*[\"”])[^\S\n]*[―—–][^\S\n]*"
    r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4})[^\S\n]*$"
)


_NOT_SIGNERS = frozenset({"ORG", "GPE", "LOC", "NORP", "DATE", "WORK_OF_ART", "EVENT"})


def signed_quotes(doc: Doc, names: NameIndex) -> Iterator[Candidate]:
    text = doc_text(doc)
    for m in _SIGNED.finditer(text):
        who = m.span(2)
        if text[who[1] - 1] == "." and text[who[1] - 3 : who[1] - 1].isalpha():
            who = (who[0], who[1] - 1)  # "― Carla Sanchez.": the full stop is not the name's
        span = doc.char_span(who[0], who[1], alignment_mode="expand")
        labels = {e.label_ for e in span.ents} if span is not None else set()
        if span is None or not ("PERSON" in labels or (len(span) > 1 and not labels & _NOT_SIGNERS)):
            continue  # a dash before an outlet, a place or a date is no signature
        speaker = Speaker(text[who[0] : who[1]], who[0], who[1], names.full_name(text[who[0] : who[1]]))
        dash = m.end(1) + len(text[m.end(1) : who[0]]) - len(text[m.end(1) : who[0]].lstrip())
        yield Candidate(speaker, (dash, dash + 1), m.span(1), True, kind="colon")


def _named_in(span: Span, names: NameIndex) -> Span | None:
    """The first person a headline's words name: a capitalised run holding a surname the article gives a
    full name ("Gillibrand on Hillary Releasing Her Speeches", whose tagger read "Gillibrand" as a verb
    and "Hillary Releasing" as a person), else the first the tagger calls a person."""
    for tok in span:
        if tok.text[:1].isupper() and names.known_name(tok.text):
            start = tok.i
            while start - 1 > span.start and span.doc[start - 1].text[:1].isupper():
                start -= 1
            return span.doc[start : tok.i + 1]
    return next((e for e in span.ents if e.label_ == "PERSON"), None)


# Labels that put a colon after a word without quoting anyone.
_NOT_COLON_SPEAKERS = word_set(
    """
    update note editor editor's read watch related photo photos video source sources image
    click follow share tags topics correction clarification disclosure advertisement warning breaking
    exclusive opinion analysis live listen see also more previously contact email credit
    subscribe caption getty ap reuters the an this that it here why how what when where
    """
)


__all__ = ["colon_statements", "signed_quotes"]
