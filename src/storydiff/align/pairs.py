"""How two claims relate, given as plain text: ``storydiff relate`` and ``storydiff.relate()``.

Two judges combine:

- the claim-pair model (:mod:`storydiff.align.pair_model`) gives the probability
  that the two sentences state the same fact, learnt from MRPC;
- the rule checks of :mod:`storydiff.align.relations`, run on the claims spaCy
  finds in each text, find what a same-fact probability cannot say: differing
  numbers or dates of one event, negation, a denial of what the other expects,
  and (with dates) which side came later.

A rule-found conflict wins (its reason quotes the decisive words). Else a pair
the model calls the same fact is ``corroborates``, or ``conflicts``/``updates``
when the rules see its numbers differ; a pair below the model's
threshold is ``related`` when it still shares a topic (the rules relate it, or
the embeddings are close) and ``unrelated`` otherwise.

``confidence`` is the probability of the decision: the model's probability for
``corroborates``, one minus it for ``related`` and ``unrelated``, the rules'
confidence for their conflicts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from storydiff.align.aligner import build_contexts, evidence
from storydiff.align.pair_model import shipped
from storydiff.align.figures import number_clash
from storydiff.align.relations import RELATED, ClaimContext, classify
from storydiff.models import Article, Relation

PairType = Literal["corroborates", "conflicts", "updates", "related", "unrelated"]
_QUOTE = 60


@dataclass(frozen=True, slots=True)
class PairRelation:
    """How claim ``b`` relates to claim ``a``: a type, how sure, and a line a person can check."""

    type: PairType
    confidence: float  # 0..1
    reason: str
    same_fact: float  # the pair model's probability that a and b state the same fact

    def to_dict(self) -> dict[str, object]:
        return {"type": self.type, "confidence": round(self.confidence, 3), "reason": self.reason}


@dataclass(frozen=True, slots=True)
class ClaimPair:
    """Two claims to relate, each with the date it was made (YYYY-MM-DD) when known."""

    a: str
    b: str
    date_a: str | None = None
    date_b: str | None = None


def relate(a: str, b: str, date_a: str | None = None, date_b: str | None = None) -> PairRelation:
    """How claim ``b`` relates to claim ``a``; dates (YYYY-MM-DD) let a changed fact read as ``updates``."""
    return relate_many([ClaimPair(a, b, date_a, date_b)])[0]


def relate_many(pairs: Sequence[ClaimPair]) -> list[PairRelation]:
    """:func:`relate` for many pairs; the model scores them in batches."""
    if not pairs:
        return []
    probabilities = shipped().probabilities([(p.a, p.b) for p in pairs])
    model = shipped()
    return [_decide(pair, float(p), model.threshold) for pair, p in zip(pairs, probabilities, strict=True)]


def _decide(pair: ClaimPair, probability: float, threshold: float) -> PairRelation:
    ruled, clash, similarity = _rules(pair)
    if ruled is not None and ruled.type in ("conflicts", "updates"):
        return PairRelation(ruled.type, ruled.confidence, ruled.reason, probability)
    quote = f"{_short(pair.a)} / {_short(pair.b)}"
    if probability >= threshold:
        if clash:
            later = _later(pair)
            kind: PairType = "updates" if later else "conflicts"
            order = f", {later}" if later else ""
            return PairRelation(
                kind, probability, f"same event, {clash}{order} (pair model {probability:.2f}): {quote}", probability
            )
        return PairRelation(
            "corroborates", probability, f"same fact (pair model {probability:.2f}): {quote}", probability
        )
    # MRPC holds no unrelated pairs, so a low probability does not tell a topic apart from none:
    # the rules and the embeddings do.
    if ruled is not None or similarity >= RELATED:
        topic = ruled.reason.split(":")[0] if ruled is not None else f"similar wording, cosine {similarity:.2f}"
        return PairRelation(
            "related", 1 - probability,
            f"not the same fact (pair model {probability:.2f}), {topic}: {quote}", probability,
        )
    return PairRelation(
        "unrelated", 1 - probability, f"different facts (pair model {probability:.2f}): {quote}", probability
    )


def _rules(pair: ClaimPair) -> tuple[Relation | None, str | None, float]:
    """The rule checks on the best-matching claims of ``a`` and ``b``.

    Returns the strongest rule relation (a conflict first), what differs between
    the two best-matching claims ("numbers differ (12 vs 15 people)"), and their cosine.
    """
    from storydiff.nlp.analysis import analyze

    articles = [Article("a", "a", pair.a, published=pair.date_a), Article("b", "b", pair.b, published=pair.date_b)]
    analysis = analyze(articles)
    names = {e.id: e.name for e in analysis.entities}
    contexts = [_dated(c, pair) for c in build_contexts(analysis)]
    index = {c.id: n for aa in analysis.articles for n, c in enumerate(aa.claims)}
    vectors = {aa.article.id: aa.vectors for aa in analysis.articles}
    left = [c for c in contexts if c.claim.article == "a"]
    right = [c for c in contexts if c.claim.article == "b"]
    best: tuple[float, Relation | None, str | None, float] = (-1.0, None, None, 0.0)
    for x in left:
        for y in right:
            similarity = float(vectors["a"][index[x.claim.id]] @ vectors["b"][index[y.claim.id]])
            relation = classify(x, y, evidence(x, y, similarity, names))
            # Dates alone are left to the rules: "the July 10 issue" and "Thursday's issue" may be one day.
            numbers = number_clash(x.claim, y.claim)
            clash = f"numbers differ ({numbers})" if numbers else None
            rank = (relation is not None and relation.type in ("conflicts", "updates")) + similarity
            if rank > best[0]:
                best = (rank, relation, clash, similarity)
    return best[1], best[2], best[3]


def _dated(context: ClaimContext, pair: ClaimPair) -> ClaimContext:
    """A claim given a date by the caller is taken to be made then, unless it states its own time."""
    date = pair.date_a if context.claim.article == "a" else pair.date_b
    if date is None or context.when_text is not None:
        return context
    return dataclasses.replace(context, when=date, when_text=date)


def _later(pair: ClaimPair) -> str | None:
    """"b later" / "a later" when both dates are given and differ."""
    if not (pair.date_a and pair.date_b) or pair.date_a == pair.date_b:
        return None
    return "b later" if pair.date_b > pair.date_a else "a later"


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _QUOTE:
        text = text[: _QUOTE - 1].rsplit(" ", 1)[0] + "…"
    return f"'{text}'"
