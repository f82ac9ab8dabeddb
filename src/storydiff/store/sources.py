"""Inputs of ``storydiff ingest`` to articles: files, folders, URLs, stdin, datasets (JSONL, CSV), feeds.

Feeds are read by :mod:`storydiff.store.feeds`. A dataset is a
``.jsonl``/``.ndjson`` or ``.csv`` file, one article per row; ``--map
field=column`` says which column holds each field (``text``, ``title``,
``date``, ``outlet``, ``id``, ``url``; by default the column of the same
name, also ``body``/``content`` for the text, ``headline`` for the title and
``published`` for the date; a row with a title but no text is its title).
A row's own id is kept as the article id; an
article without one is known by its path or URL (a dataset row by
``path:ROW``, text from stdin by ``stdin:`` and the start of its sha256). A
malformed row is one failure naming the file and the row; the other rows are
still read. Parquet needs pyarrow, which storydiff does not install, so it is
refused with that reason.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storydiff.errors import ConfigError, InputError
from storydiff.ingest import ReadOptions
from storydiff.ingest import read as read_inputs
from storydiff.ingest.clean import clean
from storydiff.ingest.files import read_file
from storydiff.ingest.metadata import parse_date
from storydiff.ingest.reader import is_url
from storydiff.ingest.text import decode_text
from storydiff.models import Article

FIELDS = ("text", "title", "date", "outlet", "id", "url")
_DATASETS = (".jsonl", ".ndjson", ".csv", ".parquet")


@dataclass(frozen=True, slots=True)
class Failure:
    """An input, or one row of a dataset, that gave no article, and why."""

    source: str
    reason: str


def parse_mapping(pairs: Iterable[str]) -> dict[str, str]:
    """``["text=body", "title=headline"]`` (or one comma-separated string each) to a field -> column map."""
    mapping: dict[str, str] = {}
    for given in pairs:
        for pair in given.split(","):
            field, sep, column = pair.partition("=")
            field, column = field.strip(), column.strip()
            if not sep or field not in FIELDS or not column:
                raise ConfigError(f"--map {pair!r}: give FIELD=COLUMN with FIELD one of {', '.join(FIELDS)}, "
                                  "e.g. --map text=body,title=headline")
            mapping[field] = column
    return mapping


def is_dataset(source: str) -> bool:
    return not is_url(source) and Path(source).suffix.lower() in _DATASETS


def iter_sources(sources: Iterable[str], mapping: Mapping[str, str], options: ReadOptions, *,
                 feeds: Collection[str] = (), feed_delay: float = 1.0) -> Iterator[Article | Failure]:
    """Every article the inputs hold, or a Failure for each input or row that holds none, in input order.

    ``feeds`` are read as RSS/Atom feeds whatever their names (see :mod:`storydiff.store.feeds`).
    """
    from storydiff.store.feeds import Politeness, is_feed, iter_feed

    polite = Politeness(feed_delay)
    for source in [*sources, *feeds]:
        if source in feeds or is_feed(source):
            yield from iter_feed(source, options, polite)
            continue
        if is_dataset(source):
            yield from _dataset(source, mapping, options)
            continue
        for result in read_inputs([source], options):
            if result.article is None:
                yield Failure(result.source, result.error or "unreadable")
            else:
                yield dataclasses.replace(result.article, id=_own_id(result.article))


def _own_id(article: Article) -> str:
    """An article's id in the store: its URL or path; text from stdin is named by its content."""
    if article.source == "-" and not article.url:
        import hashlib

        return "stdin:" + hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:12]
    return article.url or article.source


def _dataset(source: str, mapping: Mapping[str, str], options: ReadOptions) -> Iterator[Article | Failure]:
    if source.lower().endswith(".parquet"):
        yield Failure(source, "Parquet needs pyarrow, which storydiff does not install; "
                              "convert it to JSONL or CSV first, e.g. with pandas: "
                              "df.to_json(path, orient='records', lines=True)")
        return
    try:
        text = decode_text(read_file(source, options.max_bytes * 200), source)
    except InputError as exc:
        yield Failure(source, exc.reason)
        return
    rows: Iterator[tuple[int, Any]]
    if source.lower().endswith(".csv"):
        csv.field_size_limit(max(csv.field_size_limit(), options.max_bytes))  # a long article is one field
        rows = enumerate(csv.DictReader(io.StringIO(text, newline="")), start=2)  # row 1 is the header
    else:
        rows = ((n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip())
    row_number = 1
    while True:
        try:
            row_number, raw = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Failure(source, f"not readable as CSV after row {row_number} "
                                  f"({exc}); check its quoting, or save it again as UTF-8 CSV")
            return
        where = f"{source}:{row_number}"
        try:
            yield _row_article(raw if isinstance(raw, dict) else _json_row(raw), where, mapping)
        except InputError as exc:
            yield Failure(f"{source} row {row_number}", exc.reason)


def _json_row(line: str) -> dict[str, Any]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError("row", f"not valid JSON ({exc.msg} at column {exc.colno}); "
                                "each line must be one JSON object") from None
    if not isinstance(row, dict):
        raise InputError("row", f"a JSON {type(row).__name__}, not an object; each line must be one JSON object")
    return row


def _row_article(row: Mapping[str, Any], where: str, mapping: Mapping[str, str]) -> Article:
    def value(field: str, *defaults: str) -> str | None:
        for column in ([mapping[field]] if field in mapping else [field, *defaults]):
            got = row.get(column)
            if got is not None and str(got).strip():
                return str(got).strip()
        return None

    title = value("title", "headline")
    raw_text = value("text", "body", "content") or title  # a headline-only item is still news
    if raw_text is None:
        column = mapping.get("text", "text")
        found = "is empty" if column in row else f"is missing (columns: {', '.join(map(str, row)) or 'none'})"
        raise InputError(where, f"no text and no title: column {column!r} {found}; "
                                "name the text column with --map text=COLUMN")
    date_text = value("date", "published")
    published = parse_date(date_text[:10] if date_text and len(date_text) > 10 and date_text[4] == "-" else
                           date_text) if date_text else None
    cleaned = clean(raw_text)
    url = value("url")
    return Article(id=value("id") or url or where, source=where, text=cleaned.text, outlet=value("outlet"),
                   title=title, published=published, url=url, excluded=cleaned.excluded)
