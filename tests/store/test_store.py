"""The store through the library: ingest, stories, re-ingest, wire copies, search, stored briefs."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from storydiff.errors import StoreError
from storydiff.store import VERSION, Store, ingest, parse_mapping, story_analysis

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
MAPPING = parse_mapping(["text=body,title=headline,date=published,outlet=source,id=uuid"])
SOURCES = [str(CORPUS), str(CORPUS / "news.jsonl")]


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("store") / "corpus.db"
    summary = ingest(SOURCES, db, mapping=MAPPING, batch_size=4)
    assert (summary.read, summary.new, summary.duplicates, summary.failures) == (9, 9, 0, [])
    assert len(summary.new_stories) == 3
    return db


def _groups(db: Path) -> set[frozenset[str]]:
    with Store(db) as store:
        return {frozenset(row.articles) for row in store.stories()}


def test_articles_of_one_event_share_a_story(corpus_db: Path) -> None:
    dam = frozenset({str(CORPUS / "valley-herald.txt"), str(CORPUS / "county-post.txt"), "kb-wire-1",
                     "kb-wire-1-reprint"})
    assert _groups(corpus_db) == {dam, frozenset({"lib-1", "lib-2", "lib-3"}), frozenset({"tram-1", "tram-2"})}


def test_stories_carry_dates_titles_and_outlets(corpus_db: Path) -> None:
    with Store(corpus_db) as store:
        library = next(row for row in store.stories() if "lib-1" in row.articles)
        assert list(library.to_dict()) == ["story", "title", "first_seen", "last_seen", "articles", "outlets"]
        assert (library.first_seen, library.last_seen) == ("2025-06-05", "2025-06-09")
        assert library.title == "Fire destroys Harlow's old library overnight"
        assert library.outlets == ("Harlow Gazette", "Evening Standard of Harlow")
        assert [row.id for row in store.stories(since="2025-06-06")] == [library.id]


def test_reingest_adds_nothing(corpus_db: Path) -> None:
    before = _groups(corpus_db)
    again = ingest(SOURCES, corpus_db, mapping=MAPPING)
    assert (again.read, again.new, again.duplicates, len(again.stories)) == (9, 0, 9, 0)
    with Store(corpus_db) as store:
        assert store.count() == 9
    assert _groups(corpus_db) == before


def test_wire_reprint_is_marked_not_dropped(corpus_db: Path) -> None:
    with Store(corpus_db) as store:
        marks = {a["id"]: a["duplicate_of"] for a in store.iter_articles()}
    assert marks["kb-wire-1-reprint"] == "kb-wire-1"
    assert marks["kb-wire-1"] is None and marks["lib-2"] is None


def test_search_finds_statements_and_articles(corpus_db: Path) -> None:
    with Store(corpus_db) as store:
        hits = store.search('"electrical fault"')
        assert {"lib-2", "lib-3"} <= {h["article"] for h in hits if h["kind"] == "statement"}
        assert any("[electrical fault]" in h["snippet"] for h in hits if h["kind"] == "article")
        with pytest.raises(StoreError, match="not a valid full-text query"):
            store.search('"unclosed')


def test_stored_brief_matches_a_fresh_analysis(corpus_db: Path) -> None:
    """Briefing a story from the store gives what analysing its stored articles again would give."""
    from storydiff.models import Article
    from storydiff.pipeline import brief_from_analysis, build_brief

    with Store(corpus_db) as store:
        story = next(row.id for row in store.stories() if "lib-1" in row.articles)
        stored = brief_from_analysis(story_analysis(store, story))
        records = [json.loads(r) for (r,) in store.db.execute(
            "SELECT record FROM articles WHERE id IN ('lib-1', 'lib-2', 'lib-3') ORDER BY seq")]
        with pytest.raises(StoreError, match="no story 's999'"):
            story_analysis(store, "s999")
    fresh = build_brief([Article.from_dict(r) for r in records])
    assert stored.to_dict() == fresh.to_dict()
    assert len(stored.statements) >= 5


def test_malformed_rows_and_missing_files_are_reported_and_the_rest_ingested(tmp_path: Path) -> None:
    data = tmp_path / "rows.jsonl"
    rows = [
        json.dumps({"id": "r1", "text": "The Oddvik river ferry resumed sailing on Monday after repairs."}),
        "{not json",
        json.dumps({"id": "r3", "text": "  ", "outlet": "The Oddvik Post"}),
        json.dumps({"id": "r5", "title": "Oddvik ferry fares to rise in July"}),
        json.dumps({"id": "r4", "text": "Snow closed the mountain pass above Oddvik for two days, police said."}),
    ]
    data.write_text("\n".join(rows) + "\n")
    table = tmp_path / "rows.csv"
    table.write_text('uuid,story_body\nc1,"Oddvik council approved a new harbour wall, the mayor said."\n')
    failures = []
    summary = ingest([str(data), str(tmp_path / "gone.txt"), str(table)], tmp_path / "s.db",
                     mapping={}, on_failure=failures.append)
    assert summary.new == 3  # r1, r4 and r5 (a headline alone); the CSV has no text column the default map knows
    reasons = {f.source: f.reason for f in summary.failures}
    assert "not valid JSON" in reasons[f"{data} row 2"]
    assert "no text and no title: column 'text' is empty" in reasons[f"{data} row 3"]
    assert reasons[str(tmp_path / "gone.txt")] == "no such file"
    assert "--map text=COLUMN" in reasons[f"{table} row 2"]
    assert failures == summary.failures
    mapped = ingest([str(table)], tmp_path / "s.db", mapping=parse_mapping(["text=story_body", "id=uuid"]))
    assert (mapped.new, mapped.failures) == (1, [])
    with Store(tmp_path / "s.db") as store:
        assert store.known_ids() == {"r1", "r4", "r5", "c1"}


def test_schema_is_versioned_and_a_newer_store_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    with Store(db) as store:
        assert store.version == VERSION
        tables = {name for (name,) in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "analyses", "stories", "story_articles", "story_index", "articles_fts"} <= tables
    with sqlite3.connect(db) as raw:
        raw.execute(f"PRAGMA user_version = {VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this storydiff knows"):
        Store(db)


def test_a_folder_or_garbage_file_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database, just a few words " * 40)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(junk)



def test_a_csv_field_longer_than_the_csv_module_default_is_read(tmp_path: Path) -> None:
    from storydiff.ingest import ReadOptions
    from storydiff.store.sources import iter_sources

    body = "The Oddvik harbour board met again on Tuesday to discuss the new breakwater. " * 2000  # 154k chars
    table = tmp_path / "long.csv"
    table.write_text(f'id,text\nlong-1,"{body}"\nshort-2,"The pier reopened on Monday."\n')
    (first, second) = list(iter_sources([str(table)], {}, ReadOptions()))
    assert first.id == "long-1" and len(first.text) == len(body.strip())
    assert second.id == "short-2" and second.source == f"{table}:3"


def test_a_wire_copy_ingested_in_a_later_run_is_marked(tmp_path: Path) -> None:
    """The near-duplicate index is rebuilt from the stored signatures, so copies are found across runs."""
    rows = {json.loads(line)["uuid"]: line for line in (CORPUS / "news.jsonl").read_text().splitlines()}
    first, later = tmp_path / "first.jsonl", tmp_path / "later.jsonl"
    first.write_text(rows["kb-wire-1"] + "\n" + rows["tram-1"] + "\n")
    later.write_text(rows["tram-2"] + "\n" + rows["kb-wire-1-reprint"] + "\n")
    ingest([str(first)], tmp_path / "w.db", mapping=MAPPING)
    summary = ingest([str(later)], tmp_path / "w.db", mapping=MAPPING)
    assert (summary.new, summary.near_duplicates) == (2, 1)
    with Store(tmp_path / "w.db") as store:
        marks = {a["id"]: (a["duplicate_of"], a["story"]) for a in store.iter_articles()}
    assert marks["kb-wire-1-reprint"] == ("kb-wire-1", marks["kb-wire-1"][1])
    assert marks["tram-2"] == (None, marks["tram-1"][1])
