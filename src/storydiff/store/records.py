"""One article's analysis to and from the store's columns.

Statements, claims and entity mentions are kept as they come out of
:func:`storydiff.nlp.analysis.analyze_each`, before entities are linked
across articles, so a story's brief links them afresh over exactly the
story's articles (as ``storydiff brief`` does on files) without parsing
anything again. Claims keep their ``words`` (not part of the brief JSON,
but the aligner compares them). Claim vectors are float32 blobs.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import numpy as np

from storydiff.models import Article, Claim, Statement
from storydiff.nlp.analysis import AnalyzedArticle
from storydiff.nlp.entities import Mention


def dump_analysis(aa: AnalyzedArticle) -> tuple[str, str, str, str, str | None, bytes, int]:
    """The ``analyses`` row of one article: (article, statements, claims, mentions, outlet, vectors, dims)."""
    matrix = np.asarray(aa.vectors, dtype=np.float32)
    dims = int(matrix.shape[1]) if matrix.ndim == 2 else 0
    return (
        aa.article.id,
        json.dumps([s.to_dict() for s in aa.statements]),
        json.dumps([{**c.to_dict(), "words": list(c.words)} for c in aa.claims]),
        json.dumps([[m.text, m.start, m.end, m.label] for m in aa.mentions]),
        aa.article.outlet,
        matrix.tobytes(),
        dims,
    )


def load_analysis(record: str, statements: str, claims: str, mentions: str, outlet: str | None,
                  vectors: bytes, dims: int) -> AnalyzedArticle:
    """An AnalyzedArticle from its stored columns (the inverse of :func:`dump_analysis`)."""
    article = Article.from_dict(json.loads(record))
    if outlet and not article.outlet:
        article = dataclasses.replace(article, outlet=outlet)
    loaded_claims = tuple(_claim(data) for data in json.loads(claims))
    matrix = np.frombuffer(vectors, dtype=np.float32).reshape(len(loaded_claims), dims) if dims else (
        np.zeros((len(loaded_claims), 0), dtype=np.float32))
    return AnalyzedArticle(
        article=article,
        statements=tuple(Statement.from_dict(data) for data in json.loads(statements)),
        claims=loaded_claims,
        vectors=matrix.copy(),
        mentions=tuple(Mention(article.id, text, start, end, label)
                       for text, start, end, label in json.loads(mentions)),
    )


def _claim(data: dict[str, Any]) -> Claim:
    return dataclasses.replace(Claim.from_dict(data), words=tuple(data.get("words") or ()))
