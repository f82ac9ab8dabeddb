"""Quotations no cue claims: they continue the statement of a speaker before them.

"“We lost,” she said. “We will be back.”" is one statement, cued by "said";
so is the sentence after a quote in the same paragraph that has no cue of
its own, a whole quotation that opens the next paragraph, and a quotation
after a colon, which belongs to the cue before the colon in its paragraph.
A reported statement that its cue closes ("The council may be slow to act,
Ruiz said.") is continued the same way by a quotation after it in its own
paragraph.
Candidates made here share the cue of the statement they continue (kinds
``pending`` and ``continued``); the statement model keeps them with it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from storydiff.nlp.statements.candidates import Candidate
from storydiff.nlp.statements.cues import CUE_LEMMAS
from storydiff.nlp.statements.people import NameIndex
from storydiff.nlp.statements.positions import doc_text, trim_edges
from storydiff.nlp.statements.quotes import QuoteIndex

_CONTINUATION_GAP = 1  # paragraphs a quote may follow its speaker's last statement by
_CLOSING_MARKS = "\"”'»"


# A quote that follows a speaker's statement and names nobody continues it.
def continued_quotes(
    doc: Doc,
    quotes: QuoteIndex,
    used: set[int],
    pending: list[tuple[int, int]],
    found: list[Candidate],
    names: NameIndex | None = None,
) -> list[Candidate]:
    text = doc_text(doc)
    extra: list[Candidate] = []
    by_content = {f.content: f for f in found}
    for after, before in pending:
        owner = by_content.get((quotes.starts[before], quotes.ends[before])) or next(
            (f for f in found if f.content[1] == quotes.ends[before] and f.content[0] < quotes.starts[before]),
            None,
        )  # the quotation run back to its subject or clause ('The ''animosity is ...,'' he told ..., ''and ...''')
        if owner is not None:
            extra.append(
                Candidate(
                    owner.speaker,
                    owner.cue,
                    quotes.spans[after],
                    True,
                    owner.recipient,
                    owner.when,
                    "pending",
                )
            )
    directs = sorted(
        (f for f in found if _quoted(text, f) or _fronted(doc, f)),
        key=lambda f: f.content[0],
    )
    j = 0
    last: Candidate | None = None
    for i, (s, e) in enumerate(quotes.spans):
        while j < len(directs) and directs[j].content[1] <= s:
            last = directs[j]
            j += 1
        if i in used:
            continue
        introducer = _colon_owner(text, found, s)
        if introducer is not None:  # 'Doyle, too, suggested that could be the solution: “I think ...”'
            extra.append(Candidate(introducer.speaker, introducer.cue, (s, e), True, introducer.recipient,
                                   introducer.when, "continued"))
            used.add(i)
            continue
        if last is None:
            continue
        between = text[last.content[1] : s]
        same_paragraph = "\n" not in between
        if not same_paragraph and not _quoted(text, last):
            continue  # a reported statement's quotation after it stays in its own paragraph
        if not same_paragraph and text[text.rfind("\n", 0, s) + 1 : s].strip():
            continue  # into the next paragraph only a quotation that opens it
        if not same_paragraph and (
            not quotes.full[i] or between.count("\n") > 2 * _CONTINUATION_GAP
        ):
            continue
        if not same_paragraph and names is not None and _about_the_speaker(text[s:e], s, last, names):
            continue  # '“His conduct is unbecoming of a member of Congress.”' after his own words: someone else's
        span = _continuation_span(doc, quotes, s, e) if same_paragraph else None
        if span is not None and not quotes.full[i] and _WORDS_AFTER.match(text, e, span[1]):
            continue  # 'prepare for an “orderly reopening” and to ...': the writer's sentence, a phrase quoted
        if span is None:
            if not _after_sentence_end(text[:s].rstrip()) or not quotes.full[i]:
                continue  # a quote inside someone's sentence is a fragment, not a continuation
            span = (s, e)
        extra.append(Candidate(last.speaker, last.cue, span, True, last.recipient, last.when, "continued"))
        used.update(quotes.overlapping(*span))
    return extra


def _quoted(text: str, item: Candidate) -> bool:
    """Whether a content is a quotation, or ends on one ("said she was “very sorry”")."""
    return item.direct or text[item.content[1] - 1] in _CLOSING_MARKS


def _fronted(doc: Doc, item: Candidate) -> bool:
    """Whether a reported content comes before its cue in one sentence that the cue's clause closes:
    "The talks may stall, Ruiz said on Monday." (not "according to": whose words it relays is open)."""
    if item.content[1] > item.cue[0] or item.kind not in ("parenthetical", "governed"):
        return False
    span = doc.char_span(item.cue[0], item.cue[1], alignment_mode="expand")
    if span is None or span.root.lemma_ == "accord" or span.root.dep_ not in ("ROOT", "parataxis"):
        return False  # "..., said a voter, who responded anonymously.": the voter's "said" is the cue
    sent = span.root.sent
    if item.content[0] < sent.start_char:
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in doc[span.end : sent.end])


_OPENS_ON_THIRD_PERSON = re.compile(r"^\W*(he|his|him|she|her)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(I|me|my|mine|we|our|us)\b", re.IGNORECASE)  # "I'm", "we’ve" too


# A quotation that opens on "he" or "his" meaning the speaker before it, with no "I" or "we" in it, is
# said about that speaker, not by them: the paper dropped whose words it is, and so do we.
def _about_the_speaker(quote: str, start: int, last: Candidate, names: NameIndex) -> bool:
    opening = _OPENS_ON_THIRD_PERSON.match(quote)
    if opening is None or last.speaker.name is None or _FIRST_PERSON.search(quote):
        return False
    return names.nearest_before(start, opening.group(1).lower()) == last.speaker.name


# A quotation after a colon belongs to the cue before the colon in its paragraph.
def _colon_owner(text: str, found: list[Candidate], start: int) -> Candidate | None:
    before = text[:start].rstrip()
    if not before.endswith(":"):
        return None
    para = text.rfind("\n", 0, start) + 1
    owners = [f for f in found if para <= f.cue[0] < len(before) and f.content[1] <= len(before) and f.kind != "colon"]
    return max(owners, key=lambda f: f.cue[0]) if owners else None


_SENTENCE_ENDS = ("", ".", "?", "!", "\n", "”", '"', "'", ":")


def _after_sentence_end(before: str) -> bool:
    """Whether text ending so ends a sentence: 'he said on Fox News' "On the Record"' does not (the
    apostrophe of a plural possessive closes no quotation)."""
    if before.endswith("'") and before[-2:-1].isalpha():
        return False
    return before[-1:] in _SENTENCE_ENDS


_WORDS_AFTER = re.compile(r"[^\w]*\w")


# “We lost,” she said. Unless turnout rises, “we will lose again.” — the sentence
# after a quote, in the same paragraph and with no cue of its own, is hers too.
def _continuation_span(doc: Doc, quotes: QuoteIndex, s: int, e: int) -> tuple[int, int] | None:
    first = doc.char_span(s, s + 1, alignment_mode="expand")
    if first is None:
        return None
    sent = first[0].sent
    for tok in sent:
        if (
            tok.lemma_ in CUE_LEMMAS
            and tok.pos_ == "VERB"
            and quotes.containing(tok.idx, tok.idx + len(tok)) is None
        ):
            return None
    start = min(s, sent.start_char)
    end = max(e, sent.end_char)
    return trim_edges(quotes.text, start, end)


__all__ = ["continued_quotes"]
