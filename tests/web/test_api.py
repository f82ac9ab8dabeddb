"""The JSON routes over a real store: shapes, the brief schema, 400 for bad parameters, 404 for unknown ids."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from starlette.testclient import TestClient

from storydiff.web import create_app

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "src/storydiff/schema/brief.schema.json").read_text())


@pytest.fixture(scope="module")
def client(store_path: Path) -> TestClient:
    return TestClient(create_app(str(store_path)))


def _json(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, (url, response.text)
    assert response.headers["content-type"].startswith("application/json")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    return response.json()


def test_healthz(client: TestClient) -> None:
    assert _json(client, "/healthz")["status"] == "ok"


def test_stories_pages_latest_first(client: TestClient) -> None:
    every = _json(client, "/api/stories?limit=100")
    assert every["total"] == 4 and len(every["stories"]) == 4
    dates = [s["last_seen"] or "" for s in every["stories"]]  # undated last
    assert dates == sorted(dates, reverse=True)
    tram = next(s for s in every["stories"] if s["title"] == "Marren council votes to freeze tram fares")
    assert tram["article_count"] == 3 and tram["outlets"] == ["Marren Daily", "Marren Courier", "Valley Herald"]
    first, second = _json(client, "/api/stories?limit=2"), _json(client, "/api/stories?limit=2&offset=2")
    assert [s["story"] for s in first["stories"] + second["stories"]] == [s["story"] for s in every["stories"]]
    recent = _json(client, "/api/stories?since=2025-06-08")
    assert {s["story"] for s in recent["stories"]} == {s["story"] for s in every["stories"]
                                                       if (s["last_seen"] or "") >= "2025-06-08"}


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "limit=ten", "offset=-1", "since=2025-13-01",
                                   "since=yesterday", "limit=1e3"])
def test_bad_parameters_are_400_with_a_json_error(client: TestClient, query: str) -> None:
    body = _json(client, f"/api/stories?{query}", 400)
    assert body["status"] == 400 and query.split("=")[0] in body["error"]


def test_story_is_a_schema_valid_brief(client: TestClient) -> None:
    stories = _json(client, "/api/stories?limit=100")["stories"]
    fire = next(s for s in stories if s["title"] == "Fire destroys Harlow's old library overnight")
    brief = _json(client, f"/api/stories/{fire['story']}")
    jsonschema.validate(brief, SCHEMA)
    assert brief["schema"] == "storydiff.brief/1"
    assert {a["id"] for a in brief["articles"]} == set(fire_articles(client, fire["story"]))
    built = client.app.state.briefs.built  # type: ignore[attr-defined]
    assert _json(client, f"/api/stories/{fire['story']}") == brief
    assert client.app.state.briefs.built == built  # type: ignore[attr-defined]  # the second came from the cache


def fire_articles(client: TestClient, story: str) -> list[str]:
    hits = _json(client, "/api/search?q=library&limit=100")["hits"]
    articles = {h["article"] for h in hits}
    return [a for a in articles if _json(client, f"/api/articles/{a}")["story"] == story]


def test_unknown_ids_are_404(client: TestClient) -> None:
    for url in ("/api/stories/s999", "/api/articles/no-such-article", "/api/speakers/nobody-at-all",
                "/api/speakers/Tomas%20Reyes", "/api/nothing"):
        assert _json(client, url, 404)["status"] == 404


def test_article_with_its_statements(client: TestClient) -> None:
    body = _json(client, "/api/articles/lib-1")
    assert body["article"]["outlet"] == "Harlow Gazette" and body["story"]
    okafor = [s for s in body["statements"] if s["speaker_id"] == "nadia-okafor"]
    assert okafor and okafor[0]["content"]["text"].startswith("nobody was inside")


def test_article_id_with_slashes(client: TestClient, store_path: Path) -> None:
    stored = next(a for a in _json(client, "/api/search?q=Kellbrook&limit=100")["hits"] if "/" in a["article"])
    assert _json(client, f"/api/articles/{stored['article']}")["article"]["id"] == stored["article"]


def test_speaker_across_stories_and_outlets(client: TestClient) -> None:
    body = _json(client, "/api/speakers/nadia-okafor")
    assert body["name"] == "Nadia Okafor" and body["total"] >= 2
    outlets = {line["outlet"] for line in body["statements"]}
    assert {"Harlow Gazette", "Evening Standard of Harlow"} <= outlets
    dates = [line["statement"]["when"]["date"] if line["statement"].get("when") else line["published"]
             for line in body["statements"]]
    assert dates == sorted(dates)
    page = _json(client, "/api/speakers/nadia-okafor?limit=1&offset=1")
    assert page["statements"] == body["statements"][1:2]


def test_search_is_bounded_and_safe(client: TestClient) -> None:
    body = _json(client, "/api/search?q=%22electrical+fault%22")
    assert body["hits"] and all("electrical" in h["snippet"].lower() for h in body["hits"])
    assert any(h["kind"] == "statement" and h["speaker_id"] == "nadia-okafor" for h in body["hits"])
    # FTS operators and stray quotes are words, never a syntax error
    assert _json(client, "/api/search?q=fire+OR+NEAR(%22x")["q"]
    assert _json(client, "/api/search?q=" + "a" * 201, 400)["status"] == 400
    assert _json(client, "/api/search", 400)["status"] == 400
    first = _json(client, "/api/search?q=said&limit=2")
    second = _json(client, "/api/search?q=said&limit=2&offset=2")
    assert first["more"] and not {h["snippet"] for h in first["hits"]} & {h["snippet"] for h in second["hits"]}


def test_no_write_route(client: TestClient) -> None:
    for url in ("/api/stories", "/api/stories/s1", "/", "/api/search?q=fire"):
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            assert client.request(method, url).status_code == 405


def test_the_store_is_opened_read_only(store_path: Path) -> None:
    from storydiff.errors import StoreError
    from storydiff.store.queries import ReadOnlyStore

    with ReadOnlyStore(store_path) as store, pytest.raises(Exception, match="readonly"):
        store.db.execute("DELETE FROM stories")
    with pytest.raises(StoreError, match="no such store"):
        create_app(str(store_path.parent / "missing.db"))
