"""The article store: one SQLite file (WAL) holding articles, their analysis and their stories.

Every write of new articles happens in one transaction together with their
analysis, their story assignment and the story index state that made it
(:meth:`Store.add`), so a process killed at any point leaves either all of
an article or none of it, and an index that has seen exactly the stored
articles. See ``docs/store.md`` for the schema.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storydiff.errors import StoreError
from storydiff.models import Article
from storydiff.store.schema import MIGRATIONS, VERSION

if TYPE_CHECKING:  # the analysis modules import spaCy; listing stories or searching needs none of it
    from storydiff.nlp.analysis import Analysis, AnalyzedArticle

_SPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """The identity of an article's content: sha256 of its text with whitespace runs made one space."""
    return hashlib.sha256(_SPACE.sub(" ", text).strip().encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """One article to add: the article, its own analysis, its story and near-duplicate mark."""

    analyzed: AnalyzedArticle
    story: str
    duplicate_of: str | None = None
    minhash: bytes | None = None


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story as listed: its id, title, dates, articles (in ingest order) and outlets."""

    id: str
    title: str | None
    first_seen: str | None
    last_seen: str | None
    articles: tuple[str, ...]
    outlets: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"story": self.id, "title": self.title, "first_seen": self.first_seen,
                "last_seen": self.last_seen, "articles": list(self.articles), "outlets": list(self.outlets)}


class Store:
    """An open store; use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:" and Path(self.path).is_dir():
                suggestion = Path(self.path) / "storydiff.db"
                raise StoreError(f"{self.path}: is a folder; give a database file, e.g. {suggestion}")
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc}); give a writable SQLite file "
                             "made by storydiff ingest, or a new name") from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > VERSION:
            raise StoreError(f"{self.path}: schema version {version} is newer than this storydiff knows "
                             f"({VERSION}); upgrade storydiff to read it")
        for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            with self._transaction():
                migration(self.db)
                self.db.execute(f"PRAGMA user_version = {number}")

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db, self.path)

    @property
    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    # -- reading ---------------------------------------------------------

    def known_hashes(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT content_hash FROM articles")}

    def known_ids(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT id FROM articles")}

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def index_state(self) -> dict[str, Any] | None:
        row = self.db.execute("SELECT state FROM story_index WHERE key = 1").fetchone()
        return json.loads(row[0]) if row else None

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """(article id, MinHash signature) of every stored article that has one, in ingest order."""
        yield from self.db.execute("SELECT id, minhash FROM articles WHERE minhash IS NOT NULL ORDER BY seq")

    def stories(self, since: str | None = None) -> list[StoryRow]:
        """Every story (those seen on or after ``since``, a YYYY-MM-DD date, when given), in order of creation."""
        query = "SELECT id, title, first_seen, last_seen FROM stories"
        params: tuple[str, ...] = ()
        if since:
            query += " WHERE last_seen >= ?"
            params = (since,)
        members: dict[str, list[tuple[str, str | None]]] = {}
        for story, aid, outlet in self.db.execute(
            "SELECT m.story, a.id, a.outlet FROM story_articles m JOIN articles a ON a.id = m.article ORDER BY a.seq"
        ):
            members.setdefault(story, []).append((aid, outlet))
        rows = sorted(self.db.execute(query, params), key=lambda r: int(r[0].lstrip("s") or 0))
        return [
            StoryRow(sid, title, first, last, tuple(a for a, _ in members.get(sid, ())),
                     tuple(dict.fromkeys(o for _, o in members.get(sid, ()) if o)))
            for sid, title, first, last in rows
        ]

    def story_articles(self, story: str) -> list[AnalyzedArticle]:
        """The stored analysis of a story's articles, in ingest order; StoreError for an unknown story."""
        rows = self.db.execute(
            "SELECT a.record, n.statements, n.claims, n.mentions, n.outlet, n.vectors, n.dims "
            "FROM story_articles m JOIN articles a ON a.id = m.article JOIN analyses n ON n.article = a.id "
            "WHERE m.story = ? ORDER BY a.seq", (story,),
        ).fetchall()
        if not rows:
            raise StoreError(f"{self.path}: no story {story!r}; list them with storydiff stories --db {self.path}")
        from storydiff.store.records import load_analysis

        return [load_analysis(*row) for row in rows]

    def iter_articles(self) -> Iterator[dict[str, Any]]:
        """Every article as a flat dict (its record plus story and near-duplicate mark), in ingest order."""
        for record, story, duplicate_of in self.db.execute(
            "SELECT a.record, m.story, a.duplicate_of FROM articles a "
            "LEFT JOIN story_articles m ON m.article = a.id ORDER BY a.seq"
        ):
            yield {**json.loads(record), "story": story, "duplicate_of": duplicate_of}

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Articles and statements matching an FTS5 query, best first, each with a snippet."""
        hits: list[tuple[float, dict[str, Any]]] = []
        try:
            for aid, title, snippet, rank in self.db.execute(
                "SELECT article, title, snippet(articles_fts, 2, '[', ']', '…', 12), rank FROM articles_fts "
                "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?", (query, limit),
            ):
                hits.append((rank, {"kind": "article", "article": aid, "title": title, "snippet": snippet}))
            for aid, sid, speaker, snippet, rank in self.db.execute(
                "SELECT article, statement, speaker, snippet(statements_fts, 3, '[', ']', '…', 12), rank "
                "FROM statements_fts WHERE statements_fts MATCH ? ORDER BY rank LIMIT ?", (query, limit),
            ):
                hits.append((rank, {"kind": "statement", "article": aid, "statement": sid, "speaker": speaker,
                                    "snippet": snippet}))
        except sqlite3.OperationalError as exc:
            raise StoreError(f"search {query!r}: not a valid full-text query ({exc}); "
                             'quote phrases, e.g. "harbour bridge"') from None
        return [hit for _, hit in sorted(hits, key=lambda h: h[0])][:limit]

    # -- writing ---------------------------------------------------------

    def add(self, items: Sequence[StoredArticle], index_state: dict[str, Any],
            merges: Sequence[tuple[str, str]] = ()) -> None:
        """Add articles with their analysis and stories, and the index state after them, in ONE transaction.

        ``merges`` are ``(gone, kept)`` story pairs the index folded together
        while placing these articles, in order: ``gone``'s articles move to ``kept``.
        """
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction():
            for item in items:
                self._add_one(item, now)
            for gone, kept in merges:
                self._merge(gone, kept)
            self.db.execute("INSERT OR REPLACE INTO story_index (key, state) VALUES (1, ?)",
                            (json.dumps(index_state),))

    def _add_one(self, item: StoredArticle, now: str) -> None:
        from storydiff.store.records import dump_analysis

        aa = item.analyzed
        article: Article = aa.article
        self.db.execute(
            "INSERT INTO articles (id, source, outlet, title, published, url, text, content_hash, record, "
            "duplicate_of, minhash, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.source, article.outlet, article.title, article.published, article.url,
             article.text, content_hash(article.text), json.dumps(article.to_dict()), item.duplicate_of,
             item.minhash, now),
        )
        self.db.execute(
            "INSERT INTO analyses (article, statements, claims, mentions, outlet, vectors, dims) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", dump_analysis(aa),
        )
        self.db.execute("INSERT INTO articles_fts (article, title, text) VALUES (?, ?, ?)",
                        (article.id, article.title or "", article.text))
        self.db.executemany(
            "INSERT INTO statements_fts (article, statement, speaker, content) VALUES (?, ?, ?, ?)",
            [(article.id, s.id, s.speaker.name or s.speaker.text, s.content.text) for s in aa.statements],
        )
        self.db.execute(
            "INSERT INTO stories (id, title, first_seen, last_seen) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "first_seen = CASE WHEN first_seen IS NULL OR excluded.first_seen < first_seen "
            "THEN coalesce(excluded.first_seen, first_seen) ELSE first_seen END, "
            "last_seen = CASE WHEN last_seen IS NULL OR excluded.last_seen > last_seen "
            "THEN coalesce(excluded.last_seen, last_seen) ELSE last_seen END",
            (item.story, article.title, article.published, article.published),
        )
        self.db.execute("INSERT INTO story_articles (article, story) VALUES (?, ?)", (article.id, item.story))


    def _merge(self, gone: str, kept: str) -> None:
        self.db.execute("UPDATE story_articles SET story = ? WHERE story = ?", (kept, gone))
        self.db.execute(
            "UPDATE stories SET first_seen = (SELECT min(a.published) FROM story_articles m JOIN articles a "
            "ON a.id = m.article WHERE m.story = ?1), last_seen = (SELECT max(a.published) FROM story_articles m "
            "JOIN articles a ON a.id = m.article WHERE m.story = ?1) WHERE id = ?1", (kept,),
        )
        self.db.execute("DELETE FROM stories WHERE id = ?", (gone,))


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error; sqlite errors become StoreError."""

    def __init__(self, db: sqlite3.Connection, path: str) -> None:
        self.db, self.path = db, path

    def __enter__(self) -> None:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot write ({exc}); is another storydiff writing to it? "
                             "wait for it, or use another --db") from None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if kind is None:
            try:
                self.db.execute("COMMIT")
                return
            except sqlite3.Error as error:
                self.db.execute("ROLLBACK")
                raise StoreError(f"{self.path}: could not write ({error}); check free disk space and "
                                 "permissions, then run the same command again") from None
        self.db.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"{self.path}: could not write ({exc}); check free disk space and permissions, "
                             "then run the same command again") from None



def story_analysis(store: Store, story: str) -> Analysis:
    """The Analysis of a stored story, from the stored per-article analysis: entities linked afresh, nothing parsed."""
    from storydiff.nlp.analysis import link

    return link(store.story_articles(story))
