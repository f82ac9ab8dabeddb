"""RSS/Atom feeds from files and from a real local HTTP server: full text in the feed, or pages fetched politely."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from storydiff.ingest import ReadOptions
from storydiff.store import Store, ingest

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"

PAGE = """<html><head><title>Oddvik ferry returns to service</title></head><body><article>
<h1>Oddvik ferry returns to service</h1>
<p>ODDVIK - The island ferry Solbris returned to service on Thursday after three weeks in dry dock, the harbour
office said. Harbour master Eva Lund said the ship's new propeller had passed its sea trials on Wednesday.</p>
<p>"Islanders have waited long enough, and the first crossing left exactly on time," Lund said. The replacement
bus and boat service that ran during the repairs will stop on Friday.</p>
<p>The Solbris carries about 600 passengers a day between Oddvik and the mainland in summer.</p>
</article></body></html>"""

FEED = """<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Oddvik Tidende</title>
  <entry>
    <id>tag:oddvik.test,2025:ferry</id>
    <title>Oddvik ferry returns to service</title>
    <link href="{base}/ferry.html"/>
    <updated>2025-06-12T08:00:00Z</updated>
    <summary>A short summary only.</summary>
  </entry>
  <entry>
    <id>tag:oddvik.test,2025:school</id>
    <title>Missing page</title>
    <link href="{base}/gone.html"/>
    <updated>2025-06-12T09:00:00Z</updated>
  </entry>
</feed>"""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.times.append((self.path, time.monotonic()))  # type: ignore[attr-defined]
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        body = {"/news": FEED.format(base=base), "/ferry.html": PAGE}.get(self.path)
        if body is None:
            self.send_error(404)
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/atom+xml" if self.path == "/news" else "text/html")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.times = []  # type: ignore[attr-defined]
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield httpd
    httpd.shutdown()


def test_feed_file_with_full_text_joins_the_stories(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    mapping = {"text": "body", "title": "headline", "date": "published", "outlet": "source", "id": "uuid"}
    ingest([str(CORPUS), str(CORPUS / "news.jsonl")], db, mapping=mapping)
    summary = ingest([str(CORPUS / "feed.rss")], db)
    assert (summary.new, summary.failures, len(summary.new_stories)) == (2, [], 0)
    with Store(db) as store:
        groups = {row.id: row for row in store.stories()}
    dam = next(row for row in groups.values() if "kb-wire-1" in row.articles)
    trams = next(row for row in groups.values() if "tram-1" in row.articles)
    assert "vh-2025-06-07-dam" in dam.articles and dam.last_seen == "2025-06-07"
    assert trams.articles[-1] == "vh-2025-06-10-trams" and "Valley Herald" in trams.outlets


def test_feed_url_pages_are_fetched_politely_and_failures_named(server: ThreadingHTTPServer, tmp_path: Path) -> None:
    base = f"http://127.0.0.1:{server.server_address[1]}"
    not_xml = tmp_path / "broken.rss"
    not_xml.write_text("this is a note, not a feed\n")
    summary = ingest([str(not_xml)], tmp_path / "u.db", feeds=[f"{base}/news", "http://127.0.0.1:9/feed"],
                     options=ReadOptions(allow_private=True, timeout=5), feed_delay=0.4)
    reasons = {f.source: f.reason for f in summary.failures}
    assert "not an RSS or Atom feed" in reasons[str(not_xml)]
    assert "cannot connect" in reasons["http://127.0.0.1:9/feed"]
    assert "404" in reasons[f"{base}/news entry 2"]
    assert summary.new == 1
    with Store(tmp_path / "u.db") as store:
        (article,) = list(store.iter_articles())
    assert article["id"] == "tag:oddvik.test,2025:ferry" and article["outlet"] == "Oddvik Tidende"
    assert "harbour master Eva Lund".lower() in article["text"].lower() and article["published"] == "2025-06-12"
    times = [t for _, t in server.times]  # type: ignore[attr-defined]
    assert [p for p, _ in server.times] == ["/news", "/ferry.html", "/gone.html"]  # type: ignore[attr-defined]
    assert all(b - a >= 0.35 for a, b in itertools.pairwise(times))  # one host: 0.4 s between requests
