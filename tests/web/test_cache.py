"""The caches follow the store: an article ingested into a story while serving shows on the next request,
in the story's brief and in the story list."""

from __future__ import annotations

import shutil
from pathlib import Path

from starlette.testclient import TestClient

from storydiff.web import create_app

LATER = (
    "Harlow library fire: council promises new building\n\n"
    "HARLOW - The council said on Tuesday it would rebuild the old public library on Mill Street that a fire "
    "destroyed this month, after investigators blamed an electrical fault in the basement.\n\n"
    "Fire chief Nadia Okafor said the wiring had been due for replacement for two years.\n"
)


def test_a_new_article_in_a_story_rebuilds_its_brief(store_path: Path, tmp_path: Path) -> None:
    from storydiff.store import ingest

    db = tmp_path / "copy.db"
    shutil.copy(store_path, db)
    client = TestClient(create_app(str(db)))
    story = client.get("/api/articles/lib-1").json()["story"]
    before = client.get(f"/api/stories/{story}").json()
    assert client.get(f"/api/stories/{story}").json() == before  # cached
    listed = {s["story"]: s["article_count"] for s in client.get("/api/stories?limit=100").json()["stories"]}
    later = tmp_path / "later.txt"
    later.write_text(LATER, encoding="utf-8")
    assert ingest([str(later)], db, options=None).new == 1
    joined = client.get(f"/api/articles/{later}").json()["story"]
    assert joined == story
    after = client.get(f"/api/stories/{story}").json()
    assert len(after["articles"]) == len(before["articles"]) + 1
    assert str(later) in {a["id"] for a in after["articles"]}
    relisted = {s["story"]: s["article_count"] for s in client.get("/api/stories?limit=100").json()["stories"]}
    assert relisted[story] == listed[story] + 1
    assert f"{listed[story] + 1} articles" in client.get("/").text
