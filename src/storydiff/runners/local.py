"""The analysis of one batch of articles as a pure function, and the runner that calls it in this process."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from storydiff.models import Article

if TYPE_CHECKING:
    from storydiff.nlp.analysis import AnalyzedArticle
    from storydiff.stories import StoryFeatures


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What a batch of articles yields on its own, one entry per article in batch order.

    ``analyzed`` holds statements, claims, vectors and mentions; ``features``
    what the story index needs; ``signatures`` each text's MinHash values
    (uint64 bytes) for the near-duplicate check. None depends on other
    batches, so a batch can be analysed anywhere and the results assigned to
    stories later, leaving the one store process less to do.
    """

    analyzed: tuple[AnalyzedArticle, ...]
    features: tuple[StoryFeatures, ...]
    signatures: tuple[bytes, ...] = ()


def analyze_batch(batch: Sequence[Article]) -> BatchResult:
    """Analyse a batch of articles: the same call whichever runner makes it, so results do not depend on it."""
    import numpy as np

    from storydiff.align.independence import text_signature
    from storydiff.nlp.analysis import analyze_each
    from storydiff.stories import describe_many

    analyzed = analyze_each(batch)
    features = describe_many([(a.id, a.text, a.title, a.published) for a in batch])
    signatures = tuple(np.asarray(text_signature(a.text).hashvalues, dtype=np.uint64).tobytes() for a in batch)
    return BatchResult(tuple(analyzed), tuple(features), signatures)


def warm_models() -> None:
    """Load spaCy and the sentence embedder now (each is loaded once per process and kept)."""
    from storydiff.nlp.embed import embed
    from storydiff.nlp.parse import load_spacy

    load_spacy()
    embed(["warm up"])


class Runner(Protocol):
    """Maps batches to their results, yielded in the order of the batches."""

    def map(self, batches: Iterable[Sequence[Article]]) -> Iterator[BatchResult]: ...


class LocalRunner:
    """Analyse each batch in this process, one after another (the default, with no Dask imported)."""

    def map(self, batches: Iterable[Sequence[Article]]) -> Iterator[BatchResult]:
        """Each batch's result, in order, computed when asked for."""
        for batch in batches:
            yield analyze_batch(batch)
