"""The align stage: candidate pairs, relations, agreed points, independence, unique claims."""

from __future__ import annotations

import dataclasses
from collections import Counter
from itertools import chain
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from storydiff.align.figures import changed_pairs
from storydiff.align.facts import CLOSE, MODEL_FLOOR, SCARCE_SHARED, Proposal, decide, difference, select
from storydiff.align.independence import claim_source, independent_sources, outlet_groups, source_groups
from storydiff.align.match import iter_candidates
from storydiff.align.pair_decision import features, ranks, shipped_decision
from storydiff.align.pair_model import shipped
from storydiff.align.vocabulary import Vocabulary, scarce_pairs, words_of
from storydiff.align.relations import (
    ClaimContext,
    Evidence,
    classify,
    needs_piece_check,
    piece,
    shared_event,
    terms_of,
)
from storydiff.lexicon.speech import SPEECH_PREFIXES
from storydiff.models import Claim, Point, Relation, Unique
from storydiff.nlp.analysis import Analysis
from storydiff.nlp.embed import embed
from storydiff.nlp.roles import is_fact


COMMON_SHARE = 0.08  # a word in more than this share of a story's claims is its topic, not evidence
# The learned same-fact decision (pair-decision.json) instead of the hand-set thresholds: off. In
# cross-validation on the dev gold it finds more facts only where it overrides a pair-model probability
# under LEARNED_FLOOR, and such a match turns "the same topic with other details" into corroboration
# (docs/relations.md, "A learned same-fact decision").
USE_DECISION = False
LEARNED_FLOOR = CLOSE  # ... and it may call a pair the same fact only when the pair model read it and scored this
MUTUAL = 0.65  # cosine at which two claims of one point need no corroboration of their own
# ... and two claims of different articles: "offered a three-year extension ... in exchange for $5.7 billion"
# corroborated by one outlet's "offered a deal: protections ... for $5.7 billion" and another's "is offering a
# three-year extension" is one point of three outlets, not the first claim in two points of two. Chosen on
# the BASIL dev gold (benchmarks/alignment.py: "sources whole" 0.635 -> 0.690, agreed precision 0.951 ->
# 0.969, recall unchanged; 0.40 scores the same, 0.50-0.55 in between); within one article the cosine
# stays MUTUAL, since there a hub sentence chains two facts ("bought televisions" / "stuffed animals").
MUTUAL_ACROSS = 0.45
# A point that repeats another but for one claim, whose own claim is this much closer in meaning (mean
# cosine to the shared claims) than the other's, stays beside it: "Trump said he feels badly for Flynn"
# (0.72) beside the point that took in "Trump said he fired Flynn only for lying" (0.55); Boehner's
# quotation of his odds (0.68) beside another outlet's same odds (0.67) does not.
CLEARLY_CLOSER = 0.1


@dataclass(frozen=True, slots=True)
class Alignment:
    """Relations between claims, the agreed points they form, and unique claims."""

    relations: tuple[Relation, ...]
    agreed: tuple[Point, ...]
    unique: tuple[Unique, ...]
    sources: dict[str, str]  # article id -> independent-source group id


def align(analysis: Analysis, use_model: bool = True) -> Alignment:
    """Relate the claims of different articles to one another.

    Only facts take part: a claim whose ``role`` is a headline, caption, byline,
    pleasantry or fragment is never a point, a side of a dispute, or "only in".
    ``use_model=False`` leaves the claim-pair model out (the rules alone), for comparison.
    """
    rows = [
        (n, c) for n, c in enumerate(c for aa in analysis.articles for c in aa.claims) if is_fact(c)
    ]
    if not rows:
        return Alignment((), (), _unique(analysis, [], set()), source_groups([aa.article for aa in analysis.articles]))
    all_vectors = np.vstack([aa.vectors for aa in analysis.articles if len(aa.claims)])
    vectors = all_vectors[[n for n, _ in rows]]
    people = {e.id: e.name for e in analysis.entities if e.type == "PERSON"}
    every = build_contexts(analysis)
    contexts = [every[n] for n, _ in rows]
    relations, undecided = proposals(analysis, rows, vectors, contexts)
    lengths = {aa.article.id: len(aa.article.text) for aa in analysis.articles}
    relations.extend(_judge(undecided, people, lengths) if use_model else [p.fallback for p in undecided if p.fallback])
    relations.sort(key=lambda r: (_order(r.claims[0]), _order(r.claims[1])))
    sources = source_groups([aa.article for aa in analysis.articles])
    row_of = {c.id: n for n, (_, c) in enumerate(rows)}
    agreed = agreed_points(relations, contexts, sources, analysis, lambda x, y: float(
        vectors[row_of[x]] @ vectors[row_of[y]]
    ))
    unique = _unique(analysis, relations, {c.id for _, c in rows})
    return Alignment(tuple(relations), agreed, unique, sources)


def proposals(
    analysis: Analysis, rows: Sequence[tuple[int, Claim]], vectors: np.ndarray, contexts: Sequence[ClaimContext],
) -> tuple[list[Relation], list[Proposal]]:
    """The relations the rules decide alone, and the pairs they leave for the same-fact decision.

    ``rows`` are the fact claims (index in the analysis, claim), ``vectors`` and
    ``contexts`` theirs in the same order. Split out so the pair decision can be
    trained on exactly the pairs it will judge (``scripts/train_pair_decision.py``).
    """
    article_index = {aa.article.id: n for n, aa in enumerate(analysis.articles)}
    labels = [article_index[c.article] for _, c in rows]
    names = {e.id: e.name for e in analysis.entities}
    people = {e.id: e.name for e in analysis.entities if e.type == "PERSON"}
    common = common_terms(contexts)
    vocabulary = Vocabulary.of(c.words for c in contexts)
    relations = []
    pending = []  # same-voice pairs whose quoted pieces must be compared by meaning
    undecided = []  # pairs the rules leave unrelated or related: the pair model's to judge
    # Pairs that share scarce words of the story are candidates too, however far apart their vectors.
    candidates = iter_candidates(
        vectors, labels, [c.entities for _, c in rows], floor=MODEL_FLOOR,
        also=chain(scarce_pairs(vocabulary, labels, SCARCE_SHARED), changed_pairs([c for _, c in rows], labels)),
    )
    for candidate in candidates:
        left, right = contexts[candidate.left], contexts[candidate.right]
        found = evidence(left, right, candidate.similarity, names, common, vocabulary)
        relation = classify(left, right, found)
        if (relation is None or relation.type == "related") and needs_piece_check(left, right, found):
            pending.append((left, right, found, relation))
        elif relation is None or relation.type == "related":
            undecided.append(Proposal(left, right, found, relation))
        else:
            relations.append(_checked(relation, left, right, found, people))
    for left, right, found, fallback in _compare_pieces(pending):
        relation = classify(left, right, found) or fallback
        if relation is None or relation.type == "related":
            undecided.append(Proposal(left, right, found, relation))
        else:
            relations.append(_checked(relation, left, right, found, people))
    return relations, undecided


def _judge(
    undecided: Sequence[Proposal], people: Mapping[str, str], lengths: Mapping[str, int]
) -> list[Relation]:
    """The pair model's decisions on the pairs worth asking about (one batched call); the checks on the rest."""
    chosen = select(undecided)
    texts = [(p.left.claim.text, p.right.claim.text) for p in chosen]
    probabilities = shipped().probabilities(texts, both_orders=False) if chosen else ()
    scored = {id(p): float(v) for p, v in zip(chosen, probabilities, strict=True)}
    decision = shipped_decision() if USE_DECISION else None
    learned: list[float | None] = [None] * len(undecided)
    if decision is not None and undecided:
        rows = [
            features(p, scored.get(id(p)), rank, lengths) for p, rank in zip(undecided, ranks(undecided), strict=True)
        ]
        # Only pairs the pair model read and finds at least close: surface overlap alone calls
        # "complained about the piers" and "the piers will be repaired" one fact.
        learned = [
            float(s) if s >= decision.threshold and scored.get(id(p), -1.0) >= LEARNED_FLOOR else 0.0
            for p, s in zip(undecided, decision.scores(rows), strict=True)
        ]
    out = []
    for proposal, verdict in zip(undecided, learned, strict=True):
        relation = decide(proposal, scored.get(id(proposal), 0.0), people, verdict)
        if relation is not None:
            out.append(relation)
    return out


def _checked(
    relation: Relation, left: ClaimContext, right: ClaimContext, found: Evidence, people: Mapping[str, str]
) -> Relation:
    """A rule corroboration, unless the two claims differ in a plan and its outcome, a year or a person."""
    if relation.type != "corroborates":
        return relation
    return difference(left, right, found, False, people) or relation


def _compare_pieces(
    pending: list[tuple[ClaimContext, ClaimContext, Evidence, Relation | None]],
) -> list[tuple[ClaimContext, ClaimContext, Evidence, Relation | None]]:
    """Embed the pieces a reason would quote for pairs that quote one person in both.

    Two reports of one person's words share the person more than the wording; whether
    the two quoted pieces mean the same is the check that remains.
    """
    if not pending:
        return []
    texts = sorted({text for left, right, _, _ in pending for text in (piece(left, right), piece(right, left))})
    index = {text: n for n, text in enumerate(texts)}
    vectors = embed(texts)
    out = []
    for left, right, found, fallback in pending:
        cosine = float(vectors[index[piece(left, right)]] @ vectors[index[piece(right, left)]])
        out.append((left, right, dataclasses.replace(found, piece_similarity=cosine), fallback))
    return out


def build_contexts(analysis: Analysis) -> list[ClaimContext]:
    """One context per claim, in the order of ``analysis``: speaker, time, voices, terms."""
    people = {e.id for e in analysis.entities if e.type == "PERSON"}
    contexts = []
    for aa in analysis.articles:
        statements = {s.id: s for s in aa.statements}
        outlet = aa.article.outlet or f"article {aa.article.id}"
        for claim in aa.claims:
            statement = statements.get(claim.statement) if claim.statement else None
            speaker = when_text = quoted_by = None
            when = aa.article.published
            voices = set()
            if statement is not None:
                speaker = statement.speaker.name or statement.speaker.text or None  # "" when no source
                spoken = is_speech(statement.cue.text)
                if statement.speaker.entity in people and spoken:
                    voices.add(statement.speaker.entity)
                if statement.direct and not statement.speaker.anonymous and spoken:
                    quoted_by = statement.speaker.entity or statement.speaker.name  # a named source's own words
                if statement.when is not None:
                    when_text = statement.when.text
                    when = statement.when.date or (None if aa.article.published is None else when)
            core_start = claim.content_start or claim.start
            core_end = claim.content_end or claim.end
            contexts.append(ClaimContext(
                claim=claim,
                outlet=outlet,
                speaker=speaker,
                when=when,
                when_text=when_text,
                voices=frozenset(voices),
                terms=terms_of(claim.text),
                words=words_of(claim.text),
                core=aa.article.text[core_start:core_end],
                quoted_by=quoted_by,
            ))
    return contexts


def is_speech(cue: str) -> bool:
    """Whether a statement's cue reports speech: "told", "according to", "said in a statement"."""
    words = cue.lower().split()
    return bool(words) and any(w.startswith(SPEECH_PREFIXES) for w in words[:2])


def common_terms(contexts: Sequence[ClaimContext]) -> frozenset[str]:
    """Words so frequent in this story ("trophy" in a story on trophies) that sharing them proves little."""
    counts = Counter(t for c in contexts for t in c.terms)
    limit = max(3, COMMON_SHARE * len(contexts))
    return frozenset(t for t, n in counts.items() if n > limit)


def evidence(
    left: ClaimContext,
    right: ClaimContext,
    similarity: float,
    names: dict[str, str],
    common: frozenset[str] = frozenset(),
    vocabulary: Vocabulary | None = None,
) -> Evidence:
    """What two claims share: entities, quoted people, their event, content words, and how rare those are."""
    a, b = left.claim, right.claim
    shared = [names[e] for e in a.entities if e in set(b.entities)]
    voices = [names[v] for v in left.voices & right.voices]
    event, by_predicate = shared_event(a, b)
    return Evidence(
        similarity=similarity,
        shared_names=tuple(shared),
        shared_voices=tuple(sorted(voices)),
        event=event,
        shared_terms=tuple(sorted(left.terms & right.terms - common)),
        by_predicate=by_predicate,
        overlap=vocabulary.overlap(left.words, right.words) if vocabulary else 0.0,
        rare_words=vocabulary.rarest(left.words, right.words) if vocabulary else (),
        scarce=vocabulary.scarce(left.words, right.words, left.terms & right.terms) if vocabulary else 0,
    )


def _order(claim_id: str) -> tuple[str, int]:
    letters = claim_id.rstrip("0123456789")
    return letters.rstrip("-"), int(claim_id[len(letters):] or 0)


def agreed_points(
    relations: Sequence[Relation],
    contexts: Sequence[ClaimContext],
    sources: Mapping[str, str],
    analysis: Analysis,
    cosine: Callable[[str, str], float],
) -> tuple[Point, ...]:
    """Groups of corroborating claims, each with its count of independent sources.

    Strongest links first, two groups join only when every two members of the
    joined group corroborate each other or are close in meaning (``cosine`` at
    least ``MUTUAL_ACROSS`` between articles, ``MUTUAL`` within one), so a
    claim that states two facts cannot chain them into one point.
    """
    links = sorted(
        (r for r in relations if r.type == "corroborates"), key=lambda r: (-r.confidence, r.claims)
    )
    linked = {frozenset(r.claims) for r in links}

    article_of = {c.claim.id: c.claim.article for c in contexts}

    def close(x: str, y: str) -> bool:
        floor = MUTUAL if article_of[x] == article_of[y] else MUTUAL_ACROSS
        return frozenset((x, y)) in linked or cosine(x, y) >= floor

    group_of: dict[str, list[str]] = {}
    # A claim that states two facts ("defeated Tim Ryan ... by a vote of 134 to 63") is in the point of
    # the first; a corroboration of its second fact that cannot join that point makes a point of its own.
    second: list[list[str]] = []
    for relation in links:
        a, b = relation.claims
        ga, gb = group_of.get(a, [a]), group_of.get(b, [b])
        if ga is gb:
            continue
        if all(close(x, y) for x in ga for y in gb):
            joined = ga + gb
            for member in joined:
                group_of[member] = joined
            continue
        if any(a in g and b in g for g in second):
            continue
        host = next((g for g in second if (a in g and all(close(b, y) for y in g))
                     or (b in g and all(close(a, y) for y in g))), None)
        if host is None:
            second.append([a, b])
        else:
            host.append(b if a in host else a)
    groups = {id(g): g for g in [*group_of.values(), *second]}

    by_claim = {c.claim.id: c for c in contexts}
    outlet_of = {aa.article.id: aa.article.outlet for aa in analysis.articles}
    statement_of_id = {s.id: s for aa in analysis.articles for s in aa.statements}
    # An outlet's own article and a claim elsewhere sourced "to" that outlet are one source.
    outlets = outlet_groups([aa.article for aa in analysis.articles], sources)
    points = []
    for members in groups.values():
        members = sorted(members, key=_order)
        articles = sorted({by_claim[m].claim.article for m in members})
        independent = independent_sources(
            (claim.article, *claim_source(claim.article, outlet_of.get(claim.article),
                                          statement_of_id.get(claim.statement or ""), sources, outlets))
            for claim in (by_claim[m].claim for m in members)
        )
        points.append(Point("agreed", tuple(members), tuple(articles), len(independent)))
    points.sort(key=lambda p: (-len(p.articles), -p.independent_sources, _order(p.claims[0])))
    return without_repeats(points, cosine)


def without_repeats(points: Sequence[Point], cosine: Callable[[str, str], float]) -> tuple[Point, ...]:
    """The points less those that only state again a point listed before them.

    A point repeats another when its claims lie within the other's, or when all
    but one of them do (at least two shared), the other already cites each of
    its articles, and its one other claim is listed in a third point. Two groups
    a claim could not join make such a point: in "Boehner gave his party a
    two-in-three chance of holding the House" [A] with two outlets' "a one-in-three
    chance of losing" [B][C], the link from A's quotation "a one-in-three chance
    we could lose" (listed with the quotation) to B and C showed the same fact a
    third time. Of two points one claim apart, a repeat whose own claim is
    closer in meaning (``cosine``) to the shared ones than the other's is kept:
    in the other's place when that one repeats it too, else beside it when it
    is ``CLEARLY_CLOSER``. Nothing is lost:
    each claim stays in its other points, and a claim's place in "Only in"
    depends on its relations, not on its points.
    """
    listed = Counter(c for point in points for c in point.claims)
    kept: list[Point] = []
    for at, point in enumerate(points):
        if any(_repeats(point, other, listed, False) for other in points[at + 1:]):
            continue
        same = next((k for k, other in enumerate(kept) if _repeats(point, other, listed, True)), None)
        if same is None:
            kept.append(point)
        else:
            # one claim apart, this one closer-knit: it takes the other's place when the other's own
            # claim is listed elsewhere too, else both stay when it is clearly closer
            gain = _fits(point, kept[same], cosine) - _fits(kept[same], point, cosine)
            if gain > 0 and _repeats(kept[same], point, listed, True):
                kept[same] = point
            elif gain >= CLEARLY_CLOSER:
                kept.append(point)
    chosen = {id(point) for point in kept}
    shown = {c for point in kept for c in point.claims}
    for point in points:  # a claim whose every point was left out keeps the first of them
        if id(point) not in chosen and not set(point.claims) <= shown:
            chosen.add(id(point))
            shown.update(point.claims)
    return tuple(point for point in points if id(point) in chosen)


def _repeats(point: Point, other: Point, listed: Counter[str], before: bool) -> bool:
    """Whether ``point`` states again ``other`` (listed ``before`` it, or after it: then only as a part)."""
    rest = set(point.claims) - set(other.claims)
    if not rest:
        return before or len(other.claims) > len(point.claims)
    return (before and len(rest) == 1 and len(point.claims) >= 3 and listed[next(iter(rest))] > 1
            and set(point.articles) <= set(other.articles))


def _fits(point: Point, other: Point, cosine: Callable[[str, str], float]) -> float:
    """How close in meaning ``point``'s claims outside ``other`` are to the claims both share (-1: none)."""
    shared = [c for c in point.claims if c in other.claims]
    own = [c for c in point.claims if c not in other.claims]
    if len(own) != 1 or len(other.claims) != len(point.claims):
        return -1.0
    return sum(cosine(own[0], c) for c in shared) / len(shared)


def _unique(analysis: Analysis, relations: Sequence[Relation], facts: set[str]) -> tuple[Unique, ...]:
    """Per article, the facts that no other article corroborates, disputes or updates."""
    touched = {cid for r in relations if r.type != "related" for cid in r.claims}
    out = []
    for aa in analysis.articles:
        only = tuple(c.id for c in aa.claims if c.id in facts and c.id not in touched)
        out.append(Unique(aa.article.id, only))
    return tuple(out)
