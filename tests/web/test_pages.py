"""The HTML pages over a real store: links between them, the strict CSP, hostile text shown as text."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from storydiff.web import create_app


@pytest.fixture(scope="module")
def client(store_path: Path) -> TestClient:
    return TestClient(create_app(str(store_path)))


def _page(client: TestClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.text[-500:])
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    hashes = set(re.findall(r"'(sha256-[^']+)'", csp))
    for tag in ("style", "script"):
        for block in re.findall(rf"<{tag}>(.*?)</{tag}>", response.text, re.S):  # every inline block is allowed
            from storydiff.web.pages import _sha256

            assert _sha256(block) in hashes, tag
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", response.text)  # nothing from another host
    return response.text


def test_home_lists_stories_with_outlets_counts_and_dates(client: TestClient) -> None:
    html = _page(client, "/")
    assert "Marren council votes to freeze tram fares" in html
    assert "3 articles · Marren Daily, Marren Courier, Valley Herald" in html
    assert 'action="/search"' in html and re.search(r'<time datetime="2025-06-10">', html)


def test_story_page_is_the_report_with_a_way_home(client: TestClient) -> None:
    home = _page(client, "/")
    story = re.search(r'href="/stories/(s\d+)">Fire destroys', home)
    assert story
    html = _page(client, f"/stories/{story.group(1)}")
    assert 'class="masthead"' in html and 'id="who"' in html and '<a href="/">All stories</a>' in html
    assert html.index('<header class="masthead">') < html.index('aria-label="Site"') < html.index("<h1>")
    _page(client, "/stories/s999", 404)


def test_story_page_names_articles_a_b_c_and_the_api_keeps_store_ids(client: TestClient) -> None:
    sid = re.search(r'href="/stories/(s\d+)">Fire destroys', _page(client, "/"))
    assert sid
    html = _page(client, f"/stories/{sid.group(1)}")
    stored = [a["id"] for a in client.get(f"/api/stories/{sid.group(1)}").json()["articles"]]
    assert "lib-1" in stored
    badges = re.findall(r'<p class="art-id" aria-hidden="true">([^<]*)</p>', html)
    assert badges == ["A", "B", "C", "D", "E"][:len(stored)]
    chips = re.findall(r'class="chip" href="#claim-([^"]+)"', html)
    assert chips and all(re.fullmatch(r"[A-E]\d+", chip) for chip in chips), chips
    assert not any(f">{aid}<" in html or f"#claim-{aid}" in html for aid in stored)


def test_story_page_is_the_report_of_its_brief_but_for_the_site_links(client: TestClient) -> None:
    from storydiff.render.html import render_html
    from storydiff.render.labels import short_ids
    from storydiff.web.pages import NAV

    sid = re.search(r'href="/stories/(s\d+)">Fire destroys', _page(client, "/"))
    assert sid
    html = _page(client, f"/stories/{sid.group(1)}")
    brief = client.get(f"/api/stories/{sid.group(1)}").json()
    assert html.count(str(NAV)) == 1
    assert html.replace(str(NAV), "") == render_html(short_ids(brief))


def test_article_page_marks_statements_and_links_speakers(client: TestClient) -> None:
    html = _page(client, "/articles/lib-1")
    assert '<span class="spk" data-ref="stmt-lib-1-S2" id="stmt-lib-1-S2" tabindex="-1">Fire chief Nadia Okafor' in html
    assert 'href="/speakers/nadia-okafor"' in html and re.search(r'href="/stories/s\d+"', html)
    _page(client, "/articles/nothing-here", 404)


def test_speaker_page_cites_every_line(client: TestClient) -> None:
    html = _page(client, "/speakers/nadia-okafor")
    assert "<h1>Nadia Okafor</h1>" in html
    assert 'href="/articles/lib-1#stmt-lib-1-S2"' in html and 'href="/articles/lib-2#stmt-lib-2-S3"' in html
    assert html.index("2025-06-05") < html.index("2025-06-06")  # by date


def test_search_highlights_and_pages(client: TestClient) -> None:
    html = _page(client, "/search?q=%22electrical+fault%22")
    assert "<mark>electrical</mark> <mark>fault</mark>" in html or "<mark>electrical fault</mark>" in html
    first = _page(client, "/search?q=said&limit=2")
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert 'rel="prev"' in _page(client, "/search?q=said&limit=2&offset=2")
    assert "Words must all occur" in _page(client, "/search")
    _page(client, "/search?q=" + "x" * 201, 400)


def test_hostile_article_text_is_shown_as_text(client: TestClient) -> None:
    hit = client.get("/api/search", params={"q": "temporary hall"}).json()["hits"][0]
    html = _page(client, "/articles/" + quote(hit["article"], safe=""))
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in html or "&lt;script&gt;alert(" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    search = _page(client, "/search?q=onerror")
    assert "<img src=x" not in search and "onerror" in search
    story = client.get("/api/articles/" + quote(hit["article"], safe="")).json()["story"]
    assert "<img src=x" not in _page(client, f"/stories/{story}")
    assert "<script>alert" not in _page(client, "/")


def test_search_cites_a_statement_by_outlet_and_title(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "stored top floor"}).json()["hits"]
    said = next(h for h in hits if h["kind"] == "statement")
    article = client.get("/api/articles/" + quote(said["article"], safe="")).json()["article"]
    html = _page(client, "/search?q=stored+top+floor")  # Owen Pike, in lib-2
    cite = re.search(r'<span class="cites">in <a href="([^"]+)">([^<]+)</a>', html)
    assert cite is not None, html[-1500:]
    assert cite.group(1) == f"/articles/{quote(said['article'], safe='')}#stmt-{said['statement']}"
    assert article["outlet"] and article["title"]
    assert cite.group(2) == escape(f"{article['outlet']}: {article['title']}")
    assert cite.group(2) != said["article"]


def test_speaker_page_shows_the_words_as_the_brief_does(client: TestClient) -> None:
    # As the brief shows them: "The new reading room, Holt said, would be ..." reads without ", Holt said,".
    html = _page(client, "/speakers/mira-holt")
    assert "The new reading room would be built in stone" in html
    assert "The new reading room, Holt said" not in html
    # The two pieces of one quotation are one line, as in the brief.
    assert "open in May,\u201d \u2026 \u201cif the roof is finished" in html
    assert html.count("if the roof is finished") == 1
    # Each line shows its cue, and a negated one as negated: the archive's move is not something Holt said.
    assert '<span class="said-verb">did not say:</span>' in html, html
    assert '<span class="said-verb">said:</span>' in html
