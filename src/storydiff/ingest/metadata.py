"""Metadata read from an article's own text: title line, dateline, wire credit, date.

Plain-text articles often carry their metadata in the first lines::

    Ministers Agree On Harbour Deal            <- title line (short, no final stop, then a blank line)

    OSLO (Reuters) - Norway's ministers ...    <- dateline "OSLO", outlet "Reuters"
    VALLETTA, Malta — The harbour ...          <- dateline "VALLETTA, Malta"
    Published November 9, 2017                 <- publication date
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from storydiff.lexicon.datelines import DATELINE, find_dateline, is_marker
from storydiff.lexicon.outlets import WIRE_CREDITS

# "Published November 9, 2017", "Updated: 2017-11-09", "Nov. 9, 2017" alone on a line.
_DATE_LINE = re.compile(
    r"^(?:(?:published|updated|posted|first published)(?: on)?:?\s*)?"
    r"(?P<date>(?:\w+day,?\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|\d{4}-\d{2}-\d{2}))"
    r"(?:[,\s]+\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = (".", "!", "?", ":", ";", ",", "\u201d", '"')


@dataclass(frozen=True, slots=True)
class TextMetadata:
    """What the first lines of a plain-text article say about it."""

    title: str | None = None
    dateline: str | None = None
    outlet: str | None = None
    published: str | None = None


def read_metadata(text: str) -> TextMetadata:
    """Find a title line, a dateline with its wire credit, and a printed date."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()][:6]
    title = _title(text)
    dateline = outlet = published = None
    for para in paragraphs:
        if published is None and len(para) < 80:
            found = _DATE_LINE.match(para)
            if found:
                published = parse_date(found.group("date"))
                continue
        if dateline is None and para != title:
            found = find_dateline(para)
            if found and not is_marker(found.group("place")):
                dateline = found.group("place").strip()
                credit = found.group("credit")
                if credit:
                    outlet = WIRE_CREDITS.get(credit.strip().lower(), credit.strip())
    return TextMetadata(title, dateline, outlet, published)


def _title(text: str) -> str | None:
    """The first line, when it reads as a headline: short, no closing stop, text follows."""
    lines = text.lstrip("\n").split("\n")
    first = lines[0].strip()
    if not first or len(first) > 200 or len(lines) < 2:
        return None
    if first.endswith(_SENTENCE_END) or DATELINE.match(first) or _DATE_LINE.match(first):
        return None
    rest = "\n".join(lines[1:]).strip()
    if len(rest) < len(first):
        return None
    return first


def parse_date(text: str) -> str | None:
    """Parse a printed date ("Nov. 9, 2017", "2017-11-09") to YYYY-MM-DD, or None."""
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        pass
    import dateparser  # slow to import; only dates printed in words pay for it

    parsed = dateparser.parse(
        text, languages=["en"], settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["year", "month", "day"]}
    )
    return parsed.date().isoformat() if parsed else None
