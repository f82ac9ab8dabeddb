"""The align stage: candidate pairs, relations, agreed points, independence, unique claims."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from storydiff.align.independence import outlet_key, source_groups
from storydiff.align.match import iter_candidates
from storydiff.align.relations import claim_context, classify
from storydiff.models import Point, Relation, Unique
from storydiff.nlp.analysis import Analysis


@dataclass(frozen=True, slots=True)
class Alignment:
    """Relations between claims, the agreed points they form, and unique claims."""

    relations: tuple[Relation, ...]
    agreed: tuple[Point, ...]
    unique: tuple[Unique, ...]
    sources: dict[str, str]  # article id -> independent-source group id


def align(analysis: Analysis) -> Alignment:
    """Relate the claims of different articles to one another."""
    items = [(aa, c) for aa in analysis.articles for c in aa.claims]
    if not items:
        return Alignment((), (), (), {})
    vectors = np.vstack([aa.vectors for aa in analysis.articles if len(aa.claims)])
    article_index = {aa.article.id: n for n, aa in enumerate(analysis.articles)}
    labels = [article_index[c.article] for _, c in items]
    names = {e.id: e.name for e in analysis.entities}
    contexts = []
    for aa, claim in items:
        statements = {s.id: s for s in aa.statements}
        outlet = aa.article.outlet or f"article {aa.article.id}"
        contexts.append(claim_context(claim, outlet, statements, aa.article.published))

    relations = []
    for candidate in iter_candidates(vectors, labels):
        left, right = contexts[candidate.left], contexts[candidate.right]
        shared = [names[e] for e in left.claim.entities if e in set(right.claim.entities)]
        relation = classify(left, right, candidate.similarity, shared)
        if relation is not None:
            relations.append(relation)
    relations.sort(key=lambda r: (_order(r.claims[0]), _order(r.claims[1])))

    sources = source_groups([aa.article for aa in analysis.articles])
    agreed = _agreed_points(relations, contexts, sources, analysis)
    unique = _unique(analysis, relations)
    return Alignment(tuple(relations), agreed, unique, sources)


def _order(claim_id: str) -> tuple[str, int]:
    letters = claim_id.rstrip("0123456789")
    return letters, int(claim_id[len(letters):] or 0)


def _agreed_points(relations, contexts, sources, analysis) -> tuple[Point, ...]:  # type: ignore[no-untyped-def]
    """Connected groups of corroborating claims, each with its count of independent sources."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for relation in relations:
        if relation.type == "corroborates":
            a, b = relation.claims
            parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for claim_id in list(parent):
        groups[find(claim_id)].append(claim_id)

    by_claim = {c.claim.id: c for c in contexts}
    outlets_of = {aa.article.id: aa.article.outlet for aa in analysis.articles}
    recipient_of = {
        s.id: s.recipient.text for aa in analysis.articles for s in aa.statements
        if s.recipient is not None and s.recipient.is_outlet
    }
    # An outlet's own article and a claim elsewhere sourced "to" that outlet are one source.
    source_of_outlet = {
        outlet_key(outlets_of[a]): sources.get(a, a) for a in outlets_of if outlets_of.get(a)
    }
    points = []
    for members in groups.values():
        members.sort(key=_order)
        articles = sorted({by_claim[m].claim.article for m in members})
        independent = set()
        for m in members:
            claim = by_claim[m].claim
            told = recipient_of.get(claim.statement or "")
            if told:  # "told Reuters": Reuters' reporting, wherever it is printed
                independent.add(source_of_outlet.get(outlet_key(told), "outlet:" + outlet_key(told)))
            else:
                independent.add(sources.get(claim.article, claim.article))
        points.append(Point("agreed", tuple(members), tuple(articles), len(independent)))
    points.sort(key=lambda p: (-len(p.articles), -p.independent_sources, _order(p.claims[0])))
    return tuple(points)


def _unique(analysis: Analysis, relations: list[Relation]) -> tuple[Unique, ...]:
    """Per article, claims that no other article corroborates, disputes or updates."""
    touched = {cid for r in relations if r.type != "related" for cid in r.claims}
    out = []
    for aa in analysis.articles:
        only = tuple(c.id for c in aa.claims if c.id not in touched)
        out.append(Unique(aa.article.id, only))
    return tuple(out)
