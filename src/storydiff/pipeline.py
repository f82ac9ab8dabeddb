"""The whole pipeline as three calls: read, analyze, brief.

read (inputs to articles) → analyze (parse, statements, claims, entities,
embeddings) → align (relations, agreed points, unique claims) → Brief.

The public calls check what they are given before any model sees it: an input
is a path (``str`` or ``os.PathLike``), an http(s) URL, or an :class:`Article`
(``brief`` and ``analyze`` only), alone or in any iterable; anything else is a
:class:`ConfigError` that names the item. A single string is one input, never
a sequence of characters. Articles that share an id keep the first one; the
later ones are renamed ``ID-2``, ``ID-3``... in input order, so every citation
stays unambiguous.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from storydiff.errors import ConfigError
from storydiff.ingest import ReadOptions, article_id
from storydiff.ingest import read as read_inputs
from storydiff.models import Article, Brief, InputFailure, ReadResult

if TYPE_CHECKING:
    from storydiff.nlp.analysis import Analysis

Input = str | os.PathLike[str] | Article
_PATH = "a file or folder path (str or pathlib.Path) or an http(s) URL"
_ONE = {"read": _PATH, "brief": f"{_PATH}, or an Article", "analyze": "an Article"}


def read(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    outlets: Mapping[str, str] | None = None,
    dates: Mapping[str, str] | None = None,
    allow_private: bool = False,
    timeout: float | None = None,
    max_bytes: int | None = None,
) -> list[ReadResult]:
    """Read files, directories, ``-`` (stdin) and URLs; one result per input, errors included."""
    sources = []
    for n, item in enumerate(_items(inputs, "read")):
        if isinstance(item, Article):
            raise ConfigError(f"read() input {n + 1} is an Article ({item.id!r}), which is already read; "
                              "give paths or URLs, or pass Articles to storydiff.brief() or analyze()")
        sources.append(item)
    options = _options(outlets, dates, allow_private, timeout, max_bytes)
    return _read(sources, options, map(article_id, itertools.count()))


def analyze(articles: Article | Iterable[Article]) -> Analysis:
    """Parse and extract statements, claims and entities from articles already read."""
    from storydiff.nlp.analysis import analyze as analyze_articles

    given: list[Article] = []
    for n, item in enumerate(_items(articles, "analyze")):
        if not isinstance(item, Article):
            raise ConfigError(f"analyze() input {n + 1} is {_describe(item)}: give Articles "
                              "(storydiff.read() or storydiff.brief() take paths and URLs)")
        given.append(item)
    return analyze_articles(_unique_ids(given))


def brief(
    inputs: Input | Iterable[Input],
    *,
    outlets: Mapping[str, str] | None = None,
    dates: Mapping[str, str] | None = None,
    allow_private: bool = False,
    timeout: float | None = None,
    max_bytes: int | None = None,
) -> Brief:
    """Build the cross-source brief of a story from its inputs: paths, URLs, Articles, or a mix.

    Inputs that cannot be read are listed in ``Brief.errors``; the rest are
    still compared. Articles read from paths and URLs get the ids A, B, C...
    in input order, skipping ids that given Articles already carry.
    """
    items = _items(inputs, "brief")
    options = _options(outlets, dates, allow_private, timeout, max_bytes)
    taken = {item.id for item in items if isinstance(item, Article)}
    fresh = (aid for aid in map(article_id, itertools.count()) if aid not in taken)
    articles: list[Article] = []
    failures: list[InputFailure] = []
    for is_article, run in itertools.groupby(items, key=lambda item: isinstance(item, Article)):
        if is_article:
            articles.extend(item for item in run if isinstance(item, Article))
            continue
        for result in _read([item for item in run if isinstance(item, str)], options, fresh):
            if result.article is None:
                failures.append(InputFailure(result.source, result.error or "unreadable"))
            else:
                articles.append(result.article)
    return build_brief(_unique_ids(articles), failures)


def build_brief(articles: Sequence[Article], failures: Sequence[InputFailure] = ()) -> Brief:
    """Analyze and align articles already read into a Brief."""
    from storydiff.nlp.analysis import analyze as analyze_articles

    return brief_from_analysis(analyze_articles(articles), failures)


def brief_from_analysis(analysis: Analysis, failures: Sequence[InputFailure] = ()) -> Brief:
    """Align an analysis (fresh, or rebuilt from a store) into a Brief."""
    from storydiff.align import align

    alignment = align(analysis)
    return Brief(
        articles=tuple(
            dataclasses.replace(aa.article, source_group=alignment.sources.get(aa.article.id))
            for aa in analysis.articles
        ),
        entities=analysis.entities,
        statements=tuple(s for aa in analysis.articles for s in aa.statements),
        claims=tuple(c for aa in analysis.articles for c in aa.claims),
        relations=alignment.relations,
        unique=alignment.unique,
        agreed=alignment.agreed,
        errors=tuple(failures),
    )


def _read(sources: Sequence[str], options: ReadOptions, ids: Iterator[str]) -> list[ReadResult]:
    """Read the sources in order; an empty name is a failure of its own (the reader would take it for ".")."""
    results: list[ReadResult] = []
    for is_empty, run in itertools.groupby(sources, key=lambda source: source == ""):
        if is_empty:
            results.extend(ReadResult("", error="empty input name; give a file, a folder, a URL or -") for _ in run)
        else:
            results.extend(read_inputs(run, options))
    return [
        ReadResult(r.source, dataclasses.replace(r.article, id=next(ids))) if r.article is not None else r
        for r in results
    ]


def _items(inputs: object, call: str) -> list[str | Article]:
    """The inputs as a list of path strings and Articles; a ConfigError names anything else."""
    if isinstance(inputs, (str, os.PathLike, Article)):
        inputs = [inputs]
    elif isinstance(inputs, (bytes, bytearray, Mapping)) or not isinstance(inputs, Iterable):
        raise ConfigError(f"{call}() got {_describe(inputs)}; it takes {_ONE[call]}, or a list of them")
    items: list[str | Article] = []
    for n, item in enumerate(inputs):
        if isinstance(item, os.PathLike):
            item = os.fspath(item)
        if isinstance(item, str):  # an empty or missing path is the reader's to report, with the others read
            items.append(item)
        elif isinstance(item, Article):
            items.append(_checked(item, n, call))
        else:
            raise ConfigError(f"{call}() input {n + 1} is {_describe(item)}; each input must be {_ONE[call]}")
    return items


def _checked(article: Article, n: int, call: str) -> Article:
    """An Article whose id and text are strings, as every later stage assumes."""
    if not isinstance(article.id, str) or not article.id:
        raise ConfigError(f"{call}() input {n + 1}: the Article's id is {article.id!r}; give a non-empty string")
    if not isinstance(article.text, str):
        raise ConfigError(f"{call}() input {n + 1} (Article {article.id!r}): text is {_describe(article.text)}; "
                          "give the article's text as a str")
    return article


def _unique_ids(articles: Sequence[Article]) -> list[Article]:
    """Rename a repeated id to ``ID-2``, ``ID-3``...: the first article keeps it, the rest follow input order."""
    taken = {a.id for a in articles}
    seen: set[str] = set()
    out = []
    for article in articles:
        if article.id in seen:
            new_id = next(i for i in _suffixed(article.id) if i not in taken)
            taken.add(new_id)
            article = dataclasses.replace(article, id=new_id)
        seen.add(article.id)
        out.append(article)
    return out


def _suffixed(aid: str) -> Iterator[str]:
    return (f"{aid}-{k}" for k in itertools.count(2))


def _describe(value: object) -> str:
    """``an int (42)``: the type and a short repr, for messages about a wrong argument."""
    if value is None:
        return "None"
    text = repr(value)
    text = text if len(text) <= 60 else text[:57] + "..."
    name = type(value).__name__
    return f"{'an' if name[0] in 'aeiouAEIOU' else 'a'} {name} ({text})"


def _options(
    outlets: Mapping[str, str] | None,
    dates: Mapping[str, str] | None,
    allow_private: bool,
    timeout: float | None,
    max_bytes: int | None,
) -> ReadOptions:
    """ReadOptions from the keyword arguments, checked here rather than deep in a socket call."""
    for name, value in (("outlets", outlets), ("dates", dates)):
        if value is not None and not isinstance(value, Mapping):
            raise ConfigError(f"{name} must map an input to a value, e.g. {{'b.txt': '...'}}; got {_describe(value)}")
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0):
        raise ConfigError(f"timeout must be a positive number of seconds; got {_describe(timeout)}")
    if max_bytes is not None and (isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0):
        raise ConfigError(f"max_bytes must be a positive whole number; got {_describe(max_bytes)}")
    options = ReadOptions(outlets=dict(outlets or {}), dates=dict(dates or {}), allow_private=bool(allow_private))
    if timeout is not None:
        options = dataclasses.replace(options, timeout=float(timeout))
    if max_bytes is not None:
        options = dataclasses.replace(options, max_bytes=max_bytes)
    return options
