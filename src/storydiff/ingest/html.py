"""Main-text and metadata extraction from a saved or fetched HTML page.

A news page is mostly not the article: navigation, teasers for other stories,
share buttons, comment threads, cookie banners. Everything later in the
pipeline (statements, claims, citations with offsets) works on the article
body alone, so this module turns a page into a :class:`Page` holding that body
as plain text, plus the headline, publication date and outlet name that the
page declares about itself.

The heavy lifting is trafilatura's. The choices made on top of its defaults,
each measured with ``benchmarks/extraction.py``:

* reader comments are left out: they are not the outlet's reporting;
* trafilatura's own extractor runs without its readability/jusText fallback
  comparison (``fast``), which on news pages more often swaps a clean body for
  a longer but noisier one than it rescues a missed body; the full cascade is
  still tried when the fast pass finds (almost) nothing;
* ``favor_recall`` keeps borderline paragraphs (short lines, lists) that
  belong to the story;
* the headline is reported in ``Page.title``, so a first line repeating it is
  dropped from the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import trafilatura
from trafilatura.settings import Document

from storydiff.errors import InputError

__all__ = ["Page", "extract_html"]

# Below this many characters the fast pass is assumed to have missed the body.
_MIN_FAST_CHARS = 250
# Fewer words than this is a stray label ("Home", "Menu"), not an article.
_MIN_WORDS = 5

_WORD = re.compile(r"\w+")
_URL_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?", re.IGNORECASE)
# Deeper than this, a page nests past what lxml's parser keeps (256 levels).
_MAX_DEPTH = 250
# Tags a flattened page keeps: its outline, metadata and paragraphs, nothing that wraps.
_KEPT = frozenset({
    "html", "head", "title", "meta", "link", "body", "article", "main", "p", "br",
    "h1", "h2", "h3", "h4", "h5", "h6", "time",
})
_KEPT_BYTES = frozenset(name.encode() for name in _KEPT)
_TAG = re.compile(r"</?([A-Za-z][\w:-]*)[^>]*>")
_TAG_BYTES = re.compile(_TAG.pattern.encode())
# Elements that never nest: void ones, and those whose end tag pages often leave out.
_UNNESTED = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody", "tfoot", "colgroup",
})
_HIDDEN = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_HIDDEN_BYTES = re.compile(_HIDDEN.pattern.encode(), re.IGNORECASE | re.DOTALL)
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " » ")


@dataclass(frozen=True, slots=True)
class Page:
    """The article found in one HTML page.

    ``text`` is the main article body as plain text, one paragraph per line,
    without the headline or the page's boilerplate; it is the text every
    later offset points into. The metadata fields are ``None`` when the page
    does not state them.
    """

    text: str
    title: str | None
    published: str | None  # YYYY-MM-DD
    outlet: str | None
    url: str | None


def extract_html(html: str | bytes, url: str | None = None, *, source: str | None = None) -> Page:
    """Extract the article text, headline, date and outlet from an HTML page.

    ``html`` may be text or raw bytes; bytes are decoded by trafilatura from
    the page's declared charset, or by detection when it declares none, so a
    file read from disk can be passed unchanged. ``url`` (where the page came
    from) helps metadata extraction; ``source`` (the input as given) or else
    ``url`` names the page in errors.

    Raises :class:`~storydiff.errors.InputError` when no article text is found.
    """
    doc = _extract(html, url, fast=True)
    if _length(doc) < _MIN_FAST_CHARS:
        # Almost nothing found: let trafilatura's full cascade try, keep the longer.
        retry = _extract(html, url, fast=False)
        if _length(retry) > _length(doc):
            doc = retry
    if _is_deeply_nested(html):
        # lxml drops what lies below its ~256th level of nesting; flattened, the text survives.
        flat = _extract(_flatten(html), url, fast=False)
        if _length(flat) > _length(doc):
            doc = flat
    text = _clean_text(doc.text if doc is not None else None)
    if doc is None or len(_WORD.findall(text)) < _MIN_WORDS:
        raise InputError(source or url or "HTML page", "no article text found in the page")

    outlet = _clean_outlet(doc.sitename)
    title = _clean_title(doc.title, outlet)
    return Page(
        text=_drop_leading_headline(text, (doc.title, title)),
        title=title,
        published=doc.date or None,
        outlet=outlet,
        url=url or doc.url or None,
    )


def _extract(html: str | bytes, url: str | None, *, fast: bool) -> Document | None:
    """Run trafilatura with storydiff's settings; ``None`` when it finds nothing."""
    options: dict[str, Any] = {
        "url": url,
        "fast": fast,
        "favor_recall": True,
        "include_comments": False,
        "include_tables": True,
        "with_metadata": True,
    }
    try:
        result = trafilatura.bare_extraction(html, **options)
    except (ValueError, TypeError, UnicodeError):
        # Malformed markup or undecodable bytes: the same as finding nothing.
        return None
    return result if isinstance(result, Document) else None


def _is_deeply_nested(html: str | bytes) -> bool:
    """Whether the page opens more elements than lxml's parser keeps nested (~256)."""
    text = html.decode("latin-1") if isinstance(html, bytes) else html  # tags are ASCII
    depth = deepest = 0
    for match in _TAG.finditer(text):
        name = match.group(1).lower()
        if name in _UNNESTED or match.group().endswith("/>"):
            continue
        depth = max(depth - 1, 0) if match.group().startswith("</") else depth + 1
        deepest = max(deepest, depth)
        if deepest > _MAX_DEPTH:
            return True
    return False


def _flatten(html: str | bytes) -> str | bytes:
    """The page with every tag but the document's outline and paragraphs removed (their text kept).

    Scripts and styles go with their content. What remains nests a few levels
    deep at most, whatever wrappers the page piled up.
    """
    if isinstance(html, bytes):
        html = _HIDDEN_BYTES.sub(b"", html)
        return _TAG_BYTES.sub(lambda m: m.group() if m.group(1).lower() in _KEPT_BYTES else b" ", html)
    html = _HIDDEN.sub("", html)
    return _TAG.sub(lambda m: m.group() if m.group(1).lower() in _KEPT else " ", html)


def _length(doc: Document | None) -> int:
    """Characters of text in a trafilatura result (0 for none)."""
    return len(doc.text or "") if doc is not None else 0


def _clean_text(text: str | None) -> str:
    """Trim each line and drop blank lines, keeping one paragraph per line."""
    if not text:
        return ""
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _normalise(text: str) -> str:
    """Case- and punctuation-insensitive form used to compare short strings."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(folded))


def _clean_outlet(sitename: str | None) -> str | None:
    """Turn trafilatura's site name into an outlet name, or ``None``.

    Pages sometimes give a bare URL or a copyright notice where the site name
    belongs; the first is reduced to its host name, the second is dropped.
    """
    if not sitename:
        return None
    name = sitename.strip()
    if name.lower().startswith(("copyright", "©", "(c)")):
        return None
    if name.lower().startswith(("http://", "https://", "www.")):
        name = _URL_PREFIX.sub("", name).split("/", 1)[0]
    return name or None


def _clean_title(title: str | None, outlet: str | None) -> str | None:
    """Remove an outlet suffix such as ``"Headline | Outlet"`` from the title."""
    if not title:
        return None
    title = title.strip()
    if outlet:
        wanted = _normalise(outlet)
        for separator in _TITLE_SEPARATORS:
            head, found, tail = title.rpartition(separator)
            if found and head and _normalise(tail) == wanted:
                title = head.strip()
                break
    return title or None


def _drop_leading_headline(text: str, titles: tuple[str | None, ...]) -> str:
    """Drop the first line of ``text`` when it only repeats the headline.

    ``titles`` holds the headline as the page gives it and as cleaned.
    """
    first, _, rest = text.partition("\n")
    headline = _normalise(first)
    if rest and headline and any(t and _normalise(t) == headline for t in titles):
        return rest
    return text
