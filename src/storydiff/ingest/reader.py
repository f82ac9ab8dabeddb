"""Reading inputs (files, directories, stdin, URLs) into Article records.

Each input yields one :class:`ReadResult`: an article, or the reason it could
not be read. A bad input never stops the others.
"""

from __future__ import annotations

import string
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from storydiff.errors import StorydiffError
from storydiff.ingest.clean import clean
from storydiff.ingest.fetch import DEFAULT_TIMEOUT, FetchError, fetch
from storydiff.ingest.metadata import read_metadata
from storydiff.ingest.text import DEFAULT_MAX_BYTES, check_size, decode_text, looks_like_html
from storydiff.models import Article, ReadResult

# Files a directory input contributes; others in it are skipped.
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml")


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


def expand(inputs: Iterable[str]) -> Iterator[str]:
    """Expand directories into their article files (sorted); pass everything else through."""
    for item in inputs:
        path = Path(item)
        if not is_url(item) and item != "-" and path.is_dir():
            files = sorted(
                p for p in path.iterdir()
                if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in ARTICLE_SUFFIXES
            )
            if not files:
                yield item  # reported as an empty directory below
            yield from (str(p) for p in files)
        else:
            yield item


def is_url(item: str) -> bool:
    return item.startswith(("http://", "https://"))


def read(inputs: Iterable[str], options: ReadOptions | None = None) -> list[ReadResult]:
    """Read every input; articles get ids A, B, C... in input order."""
    options = options or ReadOptions()
    results: list[ReadResult] = []
    count = 0
    for source in expand(inputs):
        try:
            article = read_one(source, article_id(count), options)
        except (OSError, ValueError, FetchError, StorydiffError) as exc:
            results.append(ReadResult(source, error=_reason(exc)))
            continue
        count += 1
        results.append(ReadResult(source, article=article))
    return results


def read_one(source: str, aid: str, options: ReadOptions) -> Article:
    """Read one input into an Article; raise OSError/ValueError/FetchError with a reason."""
    url = None
    if is_url(source):
        fetched = fetch(source, timeout=options.timeout, max_bytes=options.max_bytes,
                        allow_private=options.allow_private)
        url, data = fetched.url, fetched.body
        is_html = fetched.content_type in ("text/html", "application/xhtml+xml") or looks_like_html(data)
        if not is_html and not fetched.content_type.startswith("text/"):
            raise ValueError(f"not an article page (content type {fetched.content_type})")
    elif source == "-":
        data = sys.stdin.buffer.read(options.max_bytes + 1)
        _refuse_size(len(data), options.max_bytes)
        is_html = looks_like_html(data)
    else:
        path = Path(source)
        if path.is_dir():
            raise ValueError("directory holds no article files (.txt, .html, .md)")
        if not path.exists():
            raise ValueError("no such file")
        _refuse_size(path.stat().st_size, options.max_bytes)
        data = path.read_bytes()
        if source.lower().endswith(".gz"):
            import gzip

            data = gzip.decompress(data)
        is_html = looks_like_html(data, source)

    if is_html:
        from storydiff.ingest.html import extract_html

        page = extract_html(data, url)
        text, title, outlet, published = page.text, page.title, page.outlet, page.published
        meta = read_metadata(text)
        dateline = meta.dateline
        outlet = outlet or meta.outlet
        published = published or meta.published
    else:
        text = decode_text(data)
        meta = read_metadata(text)
        title, dateline, outlet, published = meta.title, meta.dateline, meta.outlet, meta.published

    cleaned = clean(text)
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


def _refuse_size(size: int, max_bytes: int) -> None:
    reason = check_size(size, max_bytes)
    if reason:
        raise ValueError(reason)


def _reason(exc: Exception) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, StorydiffError) and hasattr(exc, "reason"):
        return str(exc.reason)
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)
