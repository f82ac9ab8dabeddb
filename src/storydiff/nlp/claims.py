"""Claims: the sentence or clause units of fact an article puts forward.

A sentence that joins two independent clauses ("an aide said the talks would
happen on Friday, but the spokesman rowed back on that") yields one claim per
clause, since the two halves can be corroborated or contradicted separately.
Each claim notes its polarity, modality, numbers and dates, which the align
stage uses to tell a corroboration from a conflict.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from storydiff.models import Claim, Statement
import itertools

MIN_WORDS = 4
# Words that make a claim "possible" rather than definite: "might meet", "a possible meeting".
_POSSIBLE = {"may", "might", "could", "possible", "possibly", "perhaps", "likely", "possibility", "maybe", "probably"}
# Words that make a claim "expected": "would happen", "is set to", "plans to".
_EXPECTED = {"will", "would", "shall", "expect", "plan", "schedule", "anticipate", "intend", "going"}
# Denials: "the ministry denied the report".
_DENIED = {"deny", "dismiss", "reject", "refute"}
# Leading connectives trimmed from a clause: "but Peskov rowed back".
_CONNECTIVES = {"but", "and", "yet", "so", "while", "whereas", "however"}


def iter_claims(
    doc: Any,
    article_id: str,
    statements: Sequence[Statement] = (),
) -> Iterator[Claim]:
    """Yield the claims of a parsed article, numbered A1, A2, ... in text order."""
    n = 0
    for index, sent in enumerate(doc.sents):
        for start, end in _clauses(sent):
            span = doc[start:end]
            words = [t for t in span if t.is_alpha]
            if len(words) < MIN_WORDS:
                continue
            n += 1
            yield Claim(
                id=f"{article_id}{n}",
                article=article_id,
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                statement=_statement_for(span.start_char, span.end_char, statements),
                sentence=index,
                polarity=polarity(span),
                modality=modality(span),
                numbers=tuple(e.text for e in span.ents if e.label_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")),
                dates=tuple(e.text for e in span.ents if e.label_ in ("DATE", "TIME")),
            )


def _clauses(sent: Any) -> list[tuple[int, int]]:
    """Token ranges of the independent clauses of a sentence, trimmed of edge punctuation."""
    cuts = [sent.start]
    root = sent.root
    for token in root.children:
        # "X said A, but Y said B": a conjoined verb with its own subject starts a clause.
        if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") and token.i > root.i and any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children
        ):
            left = token.left_edge.i
            while left > root.i and sent.doc[left - 1].dep_ in ("cc", "punct") and not sent.doc[left - 1].is_quote:
                left -= 1
            cuts.append(left)
    cuts.append(sent.end)
    ranges = []
    for begin, finish in itertools.pairwise(cuts):
        tokens = sent.doc[begin:finish]
        first = begin == cuts[0]
        # A later clause sheds its joining word ("but"); the first keeps its opening quote.
        while len(tokens) and (tokens[0].is_space or (not first and (
            tokens[0].is_punct or tokens[0].lower_ in _CONNECTIVES
        ))):
            tokens = tokens[1:]
        while len(tokens) and (tokens[-1].is_space or tokens[-1].text in (",", ";", "—", "-", "–")):
            tokens = tokens[:-1]
        if len(tokens):
            ranges.append((tokens.start, tokens.end))
    return ranges


def polarity(span: Any) -> str:
    """"negative" when the claim is negated ("will not hold", "never agreed", "no decision")."""
    for token in span:
        if token.dep_ == "neg" or token.lower_ in ("never", "no", "nobody", "nothing", "neither", "nor"):
            return "negative"
    return "positive"


def modality(span: Any) -> str:
    """How certain the claim is: definite, expected, possible, denied or ruled out."""
    lemmas = {t.lemma_.lower() for t in span}
    lowered = span.text.lower()
    if "rule out" in " ".join(t.lemma_.lower() for t in span) or "ruled out" in lowered:
        return "ruled out"
    if lemmas & _DENIED:
        return "denied"
    if lemmas & _POSSIBLE:
        return "possible"
    if lemmas & _EXPECTED or "set to" in lowered:
        return "expected"
    return "definite"


def _statement_for(start: int, end: int, statements: Sequence[Statement]) -> str | None:
    """The statement whose content covers most of the claim, if any covers half of it."""
    best, best_overlap = None, 0
    for statement in statements:
        lo = max(start, statement.content.start)
        hi = min(end, statement.content.end)
        overlap = hi - lo
        if overlap > best_overlap:
            best, best_overlap = statement.id, overlap
    if best is not None and best_overlap * 2 >= min(end - start, _content_len(best, statements)):
        return best
    return None


def _content_len(statement_id: str, statements: Sequence[Statement]) -> int:
    for statement in statements:
        if statement.id == statement_id:
            return statement.content.end - statement.content.start
    return 0
