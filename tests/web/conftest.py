"""A real store for the web tests: the shipped example corpus plus one hostile article, ingested once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"
HOSTILE = (
    "Harlow Library Reopening Plan <script>alert('title')</script>\n\n"
    "HARLOW - The council said on Friday that the library would reopen in a temporary hall "
    "<script>alert('body')</script> next spring, and that <img src=x onerror=alert(2)> the archive "
    "could not be saved.\n\n"
    "Librarian Owen Pike said the town had lost \"a century of its own memory\" in the fire.\n\n"
    "Mira Holt, the council clerk, said the hall was ready.\n\n"
    "The new reading room, Holt said, would be built in stone and open onto the market square.\n\n"
    "\u201cThe hall will open in May,\u201d Holt said, \u201cif the roof is finished in time.\u201d\n\n"
    "Holt did not say when the archive would be moved.\n"
)


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from storydiff.store import ingest

    root = tmp_path_factory.mktemp("web")
    corpus = root / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    (corpus / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = root / "corpus.db"
    mapping = {"text": "body", "title": "headline", "date": "published", "outlet": "source", "id": "uuid"}
    summary = ingest([str(corpus / "valley-herald.txt"), str(corpus / "county-post.txt"),
                      str(corpus / "news.jsonl"), str(corpus / "hostile.txt")], db, mapping=mapping)
    assert not summary.failures
    summary = ingest([str(corpus / "feed.rss")], db)
    assert not summary.failures
    return db
