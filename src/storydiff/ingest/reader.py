"""Reading inputs (files, directories, stdin, URLs) into Article records.

Each input yields one :class:`ReadResult`: an article, or the reason it could
not be read. A bad input never stops the others.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from storydiff.errors import InputError
from storydiff.ingest.clean import clean
from storydiff.ingest.fetch import DEFAULT_TIMEOUT, fetch, server_text
from storydiff.ingest.files import expand, read_file, read_stdin
from storydiff.ingest.metadata import read_metadata
from storydiff.ingest.text import DEFAULT_MAX_BYTES, decode_text, looks_like_html, repair_c1, to_utf8
from storydiff.models import Article, ReadResult

# "scheme://...": a URL, whether or not its scheme is one storydiff fetches.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read inputs; overrides are keyed by the input as given."""

    outlets: Mapping[str, str] = field(default_factory=dict)
    dates: Mapping[str, str] = field(default_factory=dict)
    allow_private: bool = False
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES


def article_id(n: int) -> str:
    """A, B, ..., Z, AA, AB, ...: short ids that make citations like [B4] readable."""
    letters = string.ascii_uppercase
    out = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = letters[rem] + out
    return out


def is_url(item: str) -> bool:
    """Whether ``item`` is a URL (any scheme; only http and https are fetched)."""
    return bool(_URL.match(item))


def read(inputs: Iterable[str], options: ReadOptions | None = None) -> list[ReadResult]:
    """Read every input; articles get ids A, B, C... in input order.

    A bad input (missing, unreadable, too large, not an article) becomes a
    ReadResult with its reason; the others are still read.
    """
    options = options or ReadOptions()
    results: list[ReadResult] = []
    count = 0
    for item in inputs:
        try:
            sources = [item] if is_url(item) or item == "-" else expand(item)
        except InputError as exc:
            results.append(ReadResult(item, error=exc.reason))
            continue
        for source in sources:
            try:
                article = read_one(source, article_id(count), options)
            except InputError as exc:
                results.append(ReadResult(source, error=exc.reason))
                continue
            count += 1
            results.append(ReadResult(source, article=article))
    return results


def read_one(source: str, aid: str, options: ReadOptions) -> Article:
    """Read one input into an Article; raise :class:`InputError` with the reason."""
    url = charset = None
    if is_url(source):
        fetched = fetch(source, timeout=options.timeout, max_bytes=options.max_bytes,
                        allow_private=options.allow_private)
        url, data, charset = fetched.url, fetched.body, fetched.charset
        is_html = fetched.content_type in ("text/html", "application/xhtml+xml") or looks_like_html(data)
        if not is_html and not fetched.content_type.startswith("text/"):
            raise InputError(source, f"not an article page (content type {server_text(fetched.content_type)!r})")
    elif source == "-":
        data = read_stdin(options.max_bytes)
        is_html = looks_like_html(to_utf8(data, source))
    else:
        data = read_file(source, options.max_bytes)
        is_html = looks_like_html(to_utf8(data, source), source)

    if is_html:
        from storydiff.ingest.html import extract_html

        page = extract_html(to_utf8(data, source), url, source=source)
        text, title, outlet, published = repair_c1(page.text, source), page.title, page.outlet, page.published
        meta = read_metadata(text)
        dateline = meta.dateline
        outlet = outlet or meta.outlet
        published = published or meta.published
    else:
        text = decode_text(data, source, charset)
        meta = read_metadata(text)
        title, dateline, outlet, published = meta.title, meta.dateline, meta.outlet, meta.published

    cleaned = clean(text, wrapped=not is_html)
    return Article(
        id=aid,
        source=source,
        text=cleaned.text,
        outlet=options.outlets.get(source, outlet),
        title=title,
        published=options.dates.get(source, published),
        dateline=dateline,
        url=url,
        excluded=cleaned.excluded,
    )
