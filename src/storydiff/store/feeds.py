"""RSS and Atom feeds to articles, for ``storydiff ingest``.

A feed is a file or URL whose name ends in ``.rss``, ``.atom`` or ``.xml``, a
local file that starts like one (``<rss``, ``<feed``, ``<rdf:RDF``), or any
input given with ``--feed``. Each entry becomes one article: its own full
text when the feed carries it (``content:encoded`` or an Atom ``content`` of
at least ``FULL_TEXT_CHARS`` characters once the markup is removed), else the
page at its link, fetched with the same safe fetcher as any URL (limits,
deadline, private addresses refused) and politely: ``delay`` seconds between
the end of one request to a host and the start of the next. The article id is the entry's ``id`` (its
``guid``), else its link.
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from storydiff.errors import InputError
from storydiff.ingest import ReadOptions
from storydiff.ingest.clean import clean
from storydiff.ingest.fetch import fetch
from storydiff.ingest.files import read_file
from storydiff.ingest.reader import is_url, read_one
from storydiff.models import Article
from storydiff.store.sources import Failure

FULL_TEXT_CHARS = 500
FEED_SUFFIXES = (".rss", ".atom", ".xml")
_STARTS = (b"<rss", b"<feed", b"<rdf:rdf")


def is_feed(source: str) -> bool:
    """Whether an input is read as a feed: by its suffix, or for a local file by how it starts."""
    path = urlsplit(source).path if is_url(source) else source
    if path.lower().endswith(FEED_SUFFIXES):
        return True
    if is_url(source) or source == "-" or not Path(source).is_file():
        return False
    try:
        with open(source, "rb") as handle:
            head = handle.read(512).lstrip().lower()
    except OSError:
        return False
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2 :].lstrip()
    return head.startswith(_STARTS)


class Politeness:
    """At least ``delay`` seconds between the end of one request to a host and the start of the next."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.last: dict[str, float] = {}

    @contextmanager
    def turn(self, url: str) -> Iterator[None]:
        """Wait for this host's turn, and start its pause when the request is over."""
        host = urlsplit(url).hostname or ""
        pause = self.last.get(host, -1e9) + self.delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        try:
            yield
        finally:
            self.last[host] = time.monotonic()


def iter_feed(source: str, options: ReadOptions, polite: Politeness) -> Iterator[Article | Failure]:
    """The articles of one feed's entries, or a Failure for the feed or for each entry that gives none."""
    import feedparser

    try:
        if is_url(source):
            with polite.turn(source):
                data = fetch(source, timeout=options.timeout, max_bytes=options.max_bytes,
                             allow_private=options.allow_private).body
        else:
            data = read_file(source, options.max_bytes)
    except InputError as exc:
        yield Failure(source, exc.reason)
        return
    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        yield Failure(source, f"not an RSS or Atom feed ({problem or 'no entries'}); give a feed's XML "
                              "or its URL, or read the input as an article (without --feed)")
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            yield _entry_article(entry, source, number, outlet, options, polite)
        except InputError as exc:
            yield Failure(f"{source} entry {number}", exc.reason)


def _entry_article(entry: Any, source: str, number: int, outlet: str | None, options: ReadOptions,
                   polite: Politeness) -> Article:
    link = (entry.get("link") or "").strip() or None
    aid = (entry.get("id") or "").strip() or link or f"{source}#{number}"
    title = (entry.get("title") or "").strip() or None
    published = _date(entry)
    text = _full_text(entry)
    if text is None:
        if not link:
            raise InputError(f"{source} entry {number}", "no full text and no link to fetch it from")
        with polite.turn(link):
            page = read_one(link, aid, options)
        return Article(id=aid, source=link, text=page.text, outlet=outlet or page.outlet, title=title or page.title,
                       published=published or page.published, dateline=page.dateline, url=page.url or link,
                       excluded=page.excluded)
    cleaned = clean(text)
    return Article(id=aid, source=link or f"{source}#{number}", text=cleaned.text, outlet=outlet, title=title,
                   published=published, url=link, excluded=cleaned.excluded)


def _full_text(entry: Any) -> str | None:
    """The entry's own article text when it carries the whole of it, else None."""
    from storydiff.ingest.html import extract_html

    for content in entry.get("content") or ():
        value = content.get("value") or ""
        if "html" in (content.get("type") or ""):
            try:
                value = extract_html(f"<html><body><article>{value}</article></body></html>").text
            except InputError:
                continue
        if len(value.strip()) >= FULL_TEXT_CHARS:
            return value.strip()
    return None


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), UTC).date().isoformat()
    return None
