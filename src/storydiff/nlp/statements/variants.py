"""Other end points for a reported clause: the same statement, cut shorter or run longer.

The rules end a reported clause by convention (a trailing ", who ..." aside
cut, a coordinated clause with a subject of its own left out), and
annotators draw the same boundary both ways: "said the plan was sound*,
pointing to the audit*" keeps the participle in one article and drops it in
the next; "said she would stay*, but that the vote was close*" keeps the
second clause more often than not. For a rule's clause after its cue this
module proposes the other readings: cut before each trailing phrase of the
clause's head (a participle, an adverbial clause, a prepositional phrase, a
coordinated clause), and run on to the end of the head's phrase or of the
sentence. The statement model (``choice.py``) chooses among them; the
variant kinds let it tell them from the rule's own cut.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storydiff.nlp.statements.candidates import Candidate
from storydiff.nlp.statements.columns import sentence_end
from storydiff.nlp.statements.positions import TokenAt, doc_text, trim_edges

# Trailing phrases of a clause's head that annotators cut as often as they keep:
# "..., citing the audit", "... because it was late", "... by using the tally",
# "..., and called him a liar".
_CUT_DEPS = frozenset({"advcl", "prep", "conj", "npadvmod", "acl", "parataxis", "ccomp", "xcomp", "dep", "agent"})
_VARIED_KINDS = frozenset({"governed"})
MIN_WORDS = 3


def variant_candidates(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """Shorter and longer readings of each rule clause that follows its cue (kinds ``v:short``, ``v:long``).

    "She said the plan was sound, pointing to the audit": besides the rule's
    content, "the plan was sound" (``v:short``); "She said she would stay, but
    the vote was close" (the rule stops at "stay"): "she would stay, but the
    vote was close" (``v:long``). A reading that crosses a quotation mark the
    rule's content does not, or leaves the sentence, is not proposed.
    """
    text = doc_text(doc)
    token_at = TokenAt(doc)
    cues = [token_at(other.cue[0]) for other in found]
    out: list[Candidate] = []
    for item in found:
        if item.kind not in _VARIED_KINDS or item.direct or item.content[0] < item.cue[1]:
            continue
        cue = token_at(item.cue[0])
        # "has not questioned the president's faith and repeatedly said he believes ...": a reading
        # never runs on over a second cue coordinated with its own; that cue says the rest.
        # ("declined to threaten Moscow or even declare it responsible": "or" and a bare verb go on
        # with what was declined)
        second = min((c.idx for c in cues if c.dep_ == "conj" and c.head.i == cue.i and c.tag_ != "VB"
                      and c.idx > item.content[0] and _joined_by_and(cue, c)), default=len(text))
        start, end = item.content
        first, last = token_at(start), token_at(end - 1)
        head = _head_of(doc, first.i, last.i)
        ends: dict[int, str] = {}
        for child in head.rights:
            if child.i > last.i or child.dep_ not in _CUT_DEPS:
                continue
            cut = end_before(doc, child.left_edge.i)
            if cut is not None and cut.i > head.i - 1 and cut.i >= first.i + MIN_WORDS - 1:
                ends.setdefault(cut.idx + len(cut), "v:short")
        sent_end = sentence_end(last) - 1
        for far in (head.right_edge, doc[sent_end]):
            if far.i > last.i and far.sent == last.sent:
                ends.setdefault(far.idx + len(far), "v:long")
        for new_end, kind in ends.items():
            a, b = trim_edges(text, start, new_end)
            if b - a < 2 or (a, b) == item.content or a <= item.cue[0] < b or b > second:
                continue
            if _crosses_quote(text, a, b):
                continue
            out.append(Candidate(item.speaker, item.cue, (a, b), False, item.recipient, None, kind, item.lexicon))
    return out


def into_main_verb(token_at: TokenAt, item: Candidate) -> bool:
    """Whether a reading of a cue inside a relative clause runs on over the sentence's own verb after it:
    "The pension system he vowed to fix has descended into ...": "vowed" reports "to fix", never "to fix
    has descended into ...". Such a reading is still scored (the model's features compare the readings of
    a cue, as it was trained) but never chosen."""
    if item.direct:
        return False
    cue = token_at(item.cue[0])
    if cue.dep_ != "relcl":
        return False
    root = cue.sent.root  # found by walking the sentence: only for the few cues in a relative clause
    if root.i <= cue.i or root.i <= cue.right_edge.i:
        return False
    return item.content[0] <= root.idx < item.content[1]


def describes_the_noun(token_at: TokenAt, item: Candidate) -> bool:
    """Whether a noun cue's content is a past participle describing the noun, not what it says: "a pledge
    *sponsored by the National Organization for Marriage*", "the report *released on Friday*". Such a
    reading is scored as the model was trained but never chosen."""
    cue = token_at(item.cue[0])
    if item.direct or cue.pos_ != "NOUN":
        return False
    head = token_at(item.content[0])
    while head.head.i != head.i and item.content[0] <= head.head.idx < item.content[1]:
        head = head.head
    bare = not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "expl", "mark") for c in head.children)
    return head.head.i == cue.i and head.dep_ == "acl" and head.tag_ == "VBN" and bare  # not "that there have been"


def _joined_by_and(cue: Token, conj: Token) -> bool:
    """Whether the last conjunction between a verb and a verb coordinated with it is "and" or "but"."""
    words = [c.lower_ for c in cue.children if c.dep_ == "cc" and cue.i < c.i < conj.i]
    return bool(words) and words[-1] in ("and", "but")


def _head_of(doc: Doc, first: int, last: int) -> Token:
    for i in range(first, last + 1):
        head = doc[i].head.i
        if head < first or head > last or head == i:
            return doc[i]
    return doc[first]


def end_before(doc: Doc, i: int) -> Token | None:
    """The last word before index ``i``, skipping "and", "but" and punctuation."""
    i -= 1
    while i >= 0 and (doc[i].dep_ == "cc" or doc[i].is_punct or doc[i].is_space):
        i -= 1
    return doc[i] if i >= 0 else None


def _crosses_quote(text: str, start: int, end: int) -> bool:
    """Whether a quotation opens inside the span and closes after it (or the reverse)."""
    marks = sum(ch in '"“”' for ch in text[start:end])
    return marks % 2 == 1
