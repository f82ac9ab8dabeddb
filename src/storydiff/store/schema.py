"""The store's schema, its version, and the ordered migrations that reach it.

``PRAGMA user_version`` holds the version of the schema a database file is
at. Opening a store runs, in one transaction each, every migration above that
version in order; a file written by a newer storydiff (a version this code
does not know) is refused rather than guessed at. To change the schema, append
a function to ``MIGRATIONS`` (never edit one that has shipped) and describe it
in ``docs/store.md``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

_V1 = """
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,             -- ingest order
    id TEXT NOT NULL UNIQUE,             -- the input's own id, else its path or URL
    source TEXT NOT NULL,                -- where it was read from (path, URL, dataset:row)
    outlet TEXT,
    title TEXT,
    published TEXT,                      -- YYYY-MM-DD or NULL
    url TEXT,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,   -- sha256 of the whitespace-normalised text: re-ingest adds nothing
    record TEXT NOT NULL,                -- Article.to_dict() as JSON (dateline, excluded ranges...)
    duplicate_of TEXT,                   -- first stored article of its near-duplicate group (wire copy), or NULL
    minhash BLOB,                        -- MinHash signature of its word 5-grams (uint64 x 128)
    ingested_at TEXT NOT NULL
);
CREATE TABLE analyses (
    article TEXT PRIMARY KEY REFERENCES articles(id),
    statements TEXT NOT NULL,            -- JSON list of Statement.to_dict(), before cross-article linking
    claims TEXT NOT NULL,                -- JSON list of Claim.to_dict() plus "words"
    mentions TEXT NOT NULL,              -- JSON list of entity mentions [text, start, end, label]
    outlet TEXT,                         -- the outlet analysis credited the article with, if any
    vectors BLOB NOT NULL,               -- float32 claim embeddings, row-major, claims x dims
    dims INTEGER NOT NULL
);
CREATE TABLE stories (
    id TEXT PRIMARY KEY,                 -- "s1", "s2"... as the story index names them
    title TEXT,                          -- the title of its first article
    first_seen TEXT,
    last_seen TEXT
);
CREATE TABLE story_articles (
    article TEXT PRIMARY KEY REFERENCES articles(id),
    story TEXT NOT NULL REFERENCES stories(id)
);
CREATE INDEX story_articles_story ON story_articles(story);
CREATE TABLE story_index (
    key INTEGER PRIMARY KEY CHECK (key = 1),
    state TEXT NOT NULL                  -- StoryIndex.to_dict() as JSON, written with the articles it has seen
);
CREATE VIRTUAL TABLE articles_fts USING fts5(article UNINDEXED, title, text);
CREATE VIRTUAL TABLE statements_fts USING fts5(article UNINDEXED, statement UNINDEXED, speaker, content);
"""


def _to_v1(db: sqlite3.Connection) -> None:
    """Version 1: articles, their analysis, stories, the story index state, full-text search."""
    for statement in _V1.split(";"):
        if statement.strip():
            db.execute(statement)


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_to_v1,)
VERSION = len(MIGRATIONS)
