"""``storydiff ingest``: read inputs, analyse each new article once, group it into a story, store it.

Articles already in the store (same content hash) or repeated in the input
are counted as duplicates and not added again. The new ones are taken in date
order (dated articles by date, then the undated in input order), analysed in
batches, each joined to a story by the online story index, and written with
their analysis, story and the index state in one transaction per batch: a run
killed at any point leaves whole articles only, and running the same command
again adds exactly the ones still missing. Undated articles are held until
``UNDATED_TOGETHER`` of them (or the input's end) and placed together, least
attached to a live story first (``StoryIndex.seeding_order``: they start their
own stories before the look-alikes of an existing story are decided), then
written in one transaction. Near-duplicates of stored articles
(wire copies: word 5-gram Jaccard >= 0.5, estimated by MinHash LSH) are
marked with the article they copy, never dropped.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from storydiff.ingest import ReadOptions
from storydiff.models import Article
from storydiff.runners.local import LocalRunner, Runner
from storydiff.store.database import Store, StoredArticle, content_hash
from storydiff.store.sources import Failure, iter_sources

if TYPE_CHECKING:
    from storydiff.nlp.analysis import AnalyzedArticle
    from storydiff.stories.features import StoryFeatures

    _Row = tuple[AnalyzedArticle, StoryFeatures, bytes | None]  # one analysed article, to place and write

DEFAULT_BATCH = 16
# Test hook: seconds to sleep after each committed batch, so a test can kill the process between commits.
PAUSE_ENV = "STORYDIFF_INGEST_PAUSE"


@dataclass(slots=True)
class IngestSummary:
    """What one ingest did: articles read, added, skipped as duplicates, failures with reasons, stories touched."""

    read: int = 0
    new: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)
    stories: set[str] = field(default_factory=set)
    new_stories: set[str] = field(default_factory=set)

    def to_dict(self) -> dict[str, Any]:
        return {"read": self.read, "new": self.new, "duplicates": self.duplicates,
                "near_duplicates": self.near_duplicates, "failed": len(self.failures),
                "failures": [{"source": f.source, "reason": f.reason} for f in self.failures],
                "stories_touched": len(self.stories), "stories_new": len(self.new_stories)}


Progress = Callable[[int, int], None]  # (articles done, articles to do)


def ingest(
    sources: Iterable[str],
    db: str | Path,
    *,
    mapping: Mapping[str, str] | None = None,
    options: ReadOptions | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    feeds: Collection[str] = (),
    feed_delay: float = 1.0,
    runner: Runner | None = None,
) -> IngestSummary:
    """Ingest inputs (paths, URLs, ``-``, JSONL/CSV datasets, RSS/Atom feeds) into the store at ``db``.

    ``feeds`` are inputs read as feeds whatever their names; ``feed_delay`` is
    the least time between two requests to one host. ``runner`` analyses the
    batches (default: in this process; see ``storydiff.runners``); stories are
    assigned and batches written here, in order, whichever runner it is.
    See the module doc.
    """
    summary = IngestSummary()
    with Store(db) as store:
        hashes = store.known_hashes()
        ids = store.known_ids()
        fresh: list[Article] = []
        for item in iter_sources(sources, mapping or {}, options or ReadOptions(), feeds=feeds,
                                 feed_delay=feed_delay):
            if isinstance(item, Failure):
                summary.failures.append(item)
                if on_failure:
                    on_failure(item)
                continue
            summary.read += 1
            digest = content_hash(item.text)
            if digest in hashes:
                summary.duplicates += 1
                continue
            hashes.add(digest)
            fresh.append(_unique_id(item, ids))
        fresh = _date_order(fresh)
        if progress:
            progress(0, len(fresh))
        if fresh:
            _add(store, fresh, summary, batch_size, progress, runner or LocalRunner())
    return summary


def _unique_id(article: Article, ids: set[str]) -> Article:
    """The article with an id no stored article has: a different text under a taken id gets ``ID-2``, ``ID-3``..."""
    import dataclasses

    aid, n = article.id, 2
    while aid in ids:
        aid, n = f"{article.id}-{n}", n + 1
    ids.add(aid)
    return article if aid == article.id else dataclasses.replace(article, id=aid)


def _date_order(articles: list[Article]) -> list[Article]:
    """Dated articles by date (stable), then the undated ones in input order."""
    dated = sorted((a for a in articles if a.published), key=lambda a: a.published or "")
    return dated + [a for a in articles if not a.published]


def _add(store: Store, articles: list[Article], summary: IngestSummary, batch_size: int,
         progress: Progress | None, runner: Runner) -> None:
    from storydiff.stories import StoryIndex
    from storydiff.stories.index import UNDATED_TOGETHER

    state = store.index_state()
    index = StoryIndex.from_dict(state) if state else StoryIndex()
    duplicates = _NearDuplicates(store)
    pause = float(os.environ.get(PAUSE_ENV) or 0)
    known = {row[0] for row in store.db.execute("SELECT id FROM stories")}
    done = 0
    step = max(1, batch_size)
    batches = (articles[start : start + step] for start in range(0, len(articles), step))
    undated: list[_Row] = []  # analysed, not yet placed: placed together, then written

    def write(rows: list[_Row]) -> None:
        nonlocal done
        items = []
        merges: list[tuple[str, str]] = []
        for aa, feature, values in rows:
            placed = index.place(feature)
            story = placed.story_id
            if story not in known:
                known.add(story)
                summary.new_stories.add(story)
            summary.stories.add(story)
            for gone in placed.merged:  # the article linked two stories: one now, relabelled by store.add
                merges.append((gone, story))
                summary.stories.discard(gone)
                summary.new_stories.discard(gone)
            copy_of, signature = duplicates.check(aa.article, values)
            summary.near_duplicates += copy_of is not None
            items.append(StoredArticle(aa, story, copy_of, signature))
        store.add(items, index.to_dict(), merges)
        summary.new += len(items)
        done += len(items)
        if progress:
            progress(done, len(articles))
        if pause:
            time.sleep(pause)

    def write_undated() -> None:
        if undated:
            write([undated[n] for n in index.seeding_order([feature for _, feature, _ in undated])])
            undated.clear()

    for result in runner.map(batches):
        signatures = result.signatures or (None,) * len(result.analyzed)
        rows = list(zip(result.analyzed, result.features, signatures, strict=True))
        dated = [row for row in rows if row[1].published is not None]
        if dated:
            write(dated)
        undated.extend(row for row in rows if row[1].published is None)
        if len(undated) >= UNDATED_TOGETHER:
            write_undated()
    write_undated()


class _NearDuplicates:
    """Near-duplicate marks against every stored article: a MinHash LSH index of their word 5-grams."""

    def __init__(self, store: Store) -> None:
        from datasketch import MinHashLSH

        from storydiff.align.independence import DUPLICATE_JACCARD

        self.lsh = MinHashLSH(threshold=DUPLICATE_JACCARD, num_perm=128)
        self.group: dict[str, tuple[int, str]] = {}  # article id -> (ingest rank, first article of its group)
        for aid, blob in store.signatures():
            self.lsh.insert(aid, _signature(np.frombuffer(blob, dtype=np.uint64)))
        for rank, (aid, group) in enumerate(store.db.execute(
            "SELECT id, coalesce(duplicate_of, id) FROM articles ORDER BY seq"
        )):
            self.group[aid] = (rank, group)

    def check(self, article: Article, values: bytes | None = None) -> tuple[str | None, bytes]:
        """The first stored article this one nearly copies (or None), and its signature to store.

        ``values`` is the signature a worker already computed (``BatchResult.signatures``); without it the
        signature is made here.
        """
        from storydiff.align.independence import text_signature

        if values is None:
            signature = text_signature(article.text)
        else:
            signature = _signature(np.frombuffer(values, dtype=np.uint64))
        matches = [self.group[m] for m in self.lsh.query(signature) if m in self.group]
        copy_of = min(matches)[1] if matches else None
        self.lsh.insert(article.id, signature)
        self.group[article.id] = (len(self.group), copy_of or article.id)
        return copy_of, np.asarray(signature.hashvalues, dtype=np.uint64).tobytes()


def _signature(values: np.ndarray) -> Any:
    """A stored signature as a MinHash, under the scheme this datasketch makes them with (as they were made)."""
    from datasketch import MinHash

    return MinHash(num_perm=len(values), seed=7, hashvalues=values, scheme=_scheme())


@lru_cache(maxsize=1)
def _scheme() -> str:
    from storydiff.align.independence import text_signature

    return str(text_signature("").scheme)
