"""Read-only queries over a store for browsing: pages of stories, one article, one speaker, paged search.

:class:`ReadOnlyStore` opens the SQLite file with ``mode=ro`` (nothing can be
written through it, and no migration runs: a file at another schema version
is refused) and bounds every query by a deadline (:meth:`ReadOnlyStore.deadline`),
so a web request cannot hold the database for long.

A **speaker id** is the slug of the name the store indexes for a statement
(its canonical name, else the words the article uses): the casefolded word
runs joined by ``-`` ("Tomas Reyes" → ``tomas-reyes``). It is computed from
the statements alone, so it is stable across ingests; a speaker named only by
a surname in one article ("Reyes") is a different id from the full name, as
entities are linked per story, not per store.
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storydiff.errors import StoreError
from storydiff.store.database import Store
from storydiff.store.schema import VERSION

__all__ = ["HIT_END", "HIT_START", "ReadOnlyStore", "fts_query", "speaker_id"]

HIT_START, HIT_END = "\ue000", "\ue001"  # snippet highlight marks: private-use characters no article holds
_WORDS = re.compile(r"\w+")


def speaker_id(name: str) -> str:
    """The speaker id of a name: its casefolded word runs joined by ``-`` (empty when it has none)."""
    return "-".join(_WORDS.findall(name.casefold()))


def fts_query(text: str) -> str:
    """A user's search words as a safe FTS5 query: each word or "quoted phrase" must occur, no operators."""
    terms = [phrase or word for phrase, word in re.findall(r'"([^"]*)"|(\S+)', text)]
    terms = [" ".join(_WORDS.findall(t)) for t in terms]
    return " ".join(f'"{t}"' for t in terms if t)


class ReadOnlyStore(Store):
    """A store opened read-only (``file:PATH?mode=ro``); usable from the thread that opened it."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if not Path(self.path).is_file():
            raise StoreError(f"{self.path}: no such store; create it with storydiff ingest SOURCE... --db {self.path}")
        try:
            self.db = sqlite3.connect(f"{Path(self.path).resolve().as_uri()}?mode=ro", uri=True,
                                      isolation_level=None, timeout=30)
            version = self.version
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc}); give an SQLite file made by "
                             "storydiff ingest") from None
        if version != VERSION:
            raise StoreError(f"{self.path}: schema version {version}, this storydiff reads {VERSION}; "
                             "run storydiff ingest on it (older) or upgrade storydiff (newer)")

    @contextlib.contextmanager
    def deadline(self, seconds: float) -> Iterator[None]:
        """Interrupt any query still running ``seconds`` from now (it raises StoreError)."""
        end = time.monotonic() + seconds
        self.db.set_progress_handler(lambda: int(time.monotonic() > end), 10_000)
        try:
            yield
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.path}: the query took longer than {seconds:g} s ({exc})") from None
        finally:
            self.db.set_progress_handler(None, 0)

    def story_page(self, since: str | None, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        """(number of stories, one page of them), the latest updated first, each with counts and outlets."""
        where, params = ("WHERE s.last_seen >= ?", [since]) if since else ("", [])
        total = self.db.execute(f"SELECT count(*) FROM stories s {where}", params).fetchone()[0]
        rows = self.db.execute(
            "SELECT s.id, s.title, s.first_seen, s.last_seen, count(a.id), max(a.ingested_at), "
            f"json_group_array(a.outlet) FROM stories s JOIN story_articles m ON m.story = s.id "
            f"JOIN articles a ON a.id = m.article {where} GROUP BY s.id "
            "ORDER BY coalesce(s.last_seen, '') DESC, max(a.seq) DESC LIMIT ? OFFSET ?", [*params, limit, offset],
        ).fetchall()
        page = [{"story": sid, "title": title, "first_seen": first, "last_seen": last, "article_count": count,
                 "updated": updated, "outlets": list(dict.fromkeys(o for o in json.loads(outlets) if o))}
                for sid, title, first, last, count, updated, outlets in rows]
        return int(total), page

    def article_count(self, story: str) -> int | None:
        """How many articles a story has (None for an unknown story): the key its cached brief is kept under."""
        row = self.db.execute("SELECT count(*) FROM story_articles WHERE story = ?", (story,)).fetchone()
        return int(row[0]) or None

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article: its record, story, near-duplicate mark, ingest time and stored statements."""
        row = self.db.execute(
            "SELECT a.record, m.story, a.duplicate_of, a.ingested_at, n.statements, n.outlet FROM articles a "
            "LEFT JOIN story_articles m ON m.article = a.id LEFT JOIN analyses n ON n.article = a.id "
            "WHERE a.id = ?", (article_id,),
        ).fetchone()
        if row is None:
            return None
        record, story, duplicate_of, ingested_at, statements, outlet = row
        article = json.loads(record)
        if outlet and not article.get("outlet"):
            article["outlet"] = outlet
        statements = json.loads(statements or "[]")
        for st in statements:
            st["speaker_id"] = speaker_id(st["speaker"].get("name") or st["speaker"]["text"])
        return {"article": article, "story": story, "duplicate_of": duplicate_of, "ingested_at": ingested_at,
                "statements": statements}

    def text_before(self, article_id: str, end: int, length: int = 30) -> str:
        """The ``length`` characters of an article's text before offset ``end`` ("" for an unknown article)."""
        start = max(0, end - length)
        row = self.db.execute("SELECT substr(text, ?, ?) FROM articles WHERE id = ?",
                              (start + 1, end - start, article_id)).fetchone()
        return row[0] if row else ""

    def speaker(self, key: str, limit: int, offset: int) -> dict[str, Any] | None:
        """Everything one speaker said (by date, then ingest order), with each line's article; None if nobody."""
        words = key.replace("-", " ")
        if not key or speaker_id(words) != key:
            return None
        hits = self.db.execute("SELECT article, statement, speaker FROM statements_fts WHERE statements_fts "
                               "MATCH ?", (f'speaker : "{words}"',)).fetchall()
        hits = [h for h in hits if speaker_id(h[2]) == key]
        if not hits:
            return None
        wanted = {statement for _, statement, _ in hits}
        names: dict[str, int] = {}
        for _, _, name in hits:
            names[name] = names.get(name, 0) + 1
        marks = ",".join("?" * len({a for a, _, _ in hits}))
        lines = []
        for aid, outlet, title, published, story, statements in self.db.execute(
            "SELECT a.id, coalesce(a.outlet, n.outlet), a.title, a.published, m.story, n.statements FROM articles a "
            "JOIN analyses n ON n.article = a.id LEFT JOIN story_articles m ON m.article = a.id "
            f"WHERE a.id IN ({marks}) ORDER BY a.seq", sorted({a for a, _, _ in hits}),
        ):
            for st in json.loads(statements):
                if st["id"] in wanted:
                    lines.append({"statement": st, "article": aid, "outlet": outlet, "title": title,
                                  "published": published, "story": story})
        lines.sort(key=lambda line: (line["statement"].get("when") and line["statement"]["when"].get("date"))
                   or line["published"] or "9999")
        name = max(names, key=lambda n: (names[n], len(n)))
        return {"speaker": key, "name": name, "total": len(lines), "statements": lines[offset:offset + limit]}

    def search_page(self, text: str, limit: int, offset: int) -> tuple[list[dict[str, Any]], bool]:
        """One page of articles and statements matching the words of ``text``, best first; (hits, more?)."""
        query, want = fts_query(text), offset + limit + 1
        if not query:
            return [], False
        marks = (HIT_START, HIT_END, "…", 12)
        found = [(rank, {"kind": "article", "article": aid, "title": title, "snippet": snippet})
                 for aid, title, snippet, rank in self.db.execute(
                     "SELECT article, title, snippet(articles_fts, 2, ?, ?, ?, ?), rank FROM articles_fts "
                     "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?", (*marks, query, want))]
        found += [(rank, {"kind": "statement", "article": aid, "statement": sid, "speaker": name,
                          "speaker_id": speaker_id(name), "snippet": snippet})
                  for aid, sid, name, snippet, rank in self.db.execute(
                      "SELECT article, statement, speaker, snippet(statements_fts, 3, ?, ?, ?, ?), rank "
                      "FROM statements_fts WHERE statements_fts MATCH ? ORDER BY rank LIMIT ?", (*marks, query, want))]
        ranked = [hit for _, hit in sorted(found, key=lambda h: h[0])]
        return ranked[offset:offset + limit], len(ranked) > offset + limit
