"""The story page's short labels: a stored brief's articles named A, B, C, their claims and statements with them."""

from __future__ import annotations

from storydiff.render.labels import short_ids


def _brief() -> dict:
    """Two stored articles, one named by a path and one by a dataset id that ends in a digit."""
    path, row = "feeds/harbour-news.txt", "wire-7"
    return {
        "articles": [{"id": path, "source": path, "source_group": path},
                     {"id": row, "source": "news.jsonl:3", "source_group": path}],
        "entities": [{"id": "E1", "articles": [path, row]}],
        "statements": [{"id": f"{row}-S1", "article": row}],
        "claims": [{"id": f"{path}1", "article": path, "statement": None},
                   {"id": f"{row}-1", "article": row, "statement": f"{row}-S1"}],
        "relations": [{"type": "corroborates", "claims": [f"{path}1", f"{row}-1"]}],
        "unique": [{"article": path, "claims": [f"{path}1"]}],
        "agreed": [{"claims": [f"{path}1", f"{row}-1"], "articles": [path, row]}],
    }


def test_articles_claims_and_statements_get_short_names() -> None:
    brief = _brief()
    short = short_ids(brief)
    assert [a["id"] for a in short["articles"]] == ["A", "B"]
    assert [a["source_group"] for a in short["articles"]] == ["A", "A"]
    assert [c["id"] for c in short["claims"]] == ["A1", "B1"]  # "wire-7" needed "-1"; "B1" does not
    assert short["claims"][1]["statement"] == "B-S1" and short["statements"][0] == {"id": "B-S1", "article": "B"}
    assert short["relations"][0]["claims"] == ["A1", "B1"] and short["unique"][0] == {"article": "A", "claims": ["A1"]}
    assert short["agreed"][0] == {"claims": ["A1", "B1"], "articles": ["A", "B"]}
    assert short["entities"][0] == {"id": "E1", "articles": ["A", "B"]}


def test_sources_and_the_given_brief_are_left_alone() -> None:
    brief = _brief()
    short = short_ids(brief)
    assert [a["source"] for a in short["articles"]] == ["feeds/harbour-news.txt", "news.jsonl:3"]
    assert brief == _brief()  # the cached JSON brief keeps the store's ids
