"""The whole pipeline as three calls: read, analyze, brief.

read (inputs to articles) → analyze (parse, statements, claims, entities,
embeddings) → align (relations, agreed points, unique claims) → Brief.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

from storydiff.ingest import ReadOptions
from storydiff.ingest import read as read_inputs
from storydiff.models import Article, Brief, InputFailure, ReadResult
from storydiff.nlp.analysis import Analysis
from storydiff.nlp.analysis import analyze as analyze_articles


def read(
    inputs: Iterable[str],
    *,
    outlets: Mapping[str, str] | None = None,
    dates: Mapping[str, str] | None = None,
    allow_private: bool = False,
    timeout: float | None = None,
    max_bytes: int | None = None,
) -> list[ReadResult]:
    """Read files, directories, ``-`` (stdin) and URLs; one result per input, errors included."""
    options = ReadOptions(
        outlets=dict(outlets or {}),
        dates=dict(dates or {}),
        allow_private=allow_private,
        **({"timeout": timeout} if timeout is not None else {}),
        **({"max_bytes": max_bytes} if max_bytes is not None else {}),
    )
    return read_inputs(inputs, options)


def analyze(articles: Sequence[Article]) -> Analysis:
    """Parse and extract statements, claims and entities from articles already read."""
    return analyze_articles(articles)


def brief(inputs: Iterable[str] | Sequence[Article], **read_options: object) -> Brief:
    """Build the cross-source brief of a story from its inputs (paths, URLs, or Articles)."""
    items = list(inputs)
    if items and all(isinstance(i, Article) for i in items):
        articles: list[Article] = items  # type: ignore[assignment]
        failures: list[InputFailure] = []
    else:
        results = read(items, **read_options)  # type: ignore[arg-type]
        articles = [r.article for r in results if r.article is not None]
        failures = [InputFailure(r.source, r.error or "unreadable") for r in results if r.article is None]
    return build_brief(articles, failures)


def build_brief(articles: Sequence[Article], failures: Sequence[InputFailure] = ()) -> Brief:
    """Analyze and align articles already read into a Brief."""
    from storydiff.align import align

    analysis = analyze_articles(articles)
    alignment = align(analysis)
    return Brief(
        articles=tuple(
            dataclasses.replace(aa.article, source_group=alignment.sources.get(aa.article.id))
            for aa in analysis.articles
        ),
        entities=analysis.entities,
        statements=tuple(s for aa in analysis.articles for s in aa.statements),
        claims=tuple(c for aa in analysis.articles for c in aa.claims),
        relations=alignment.relations,
        unique=alignment.unique,
        agreed=alignment.agreed,
        errors=tuple(failures),
    )
