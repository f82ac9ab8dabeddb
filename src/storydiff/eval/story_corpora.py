"""Story-labelled corpora for clustering: ECB+ documents and BASIL triplets, read in place.

Each reader yields :class:`LabelledArticle` records: the text the story
stage reads, a publication date when the source gives one (``YYYY-MM-DD``),
the gold story label, and a group (the ECB+ topic) for leave-topics-out folds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from storydiff.errors import InputError
from storydiff.stories.dates import MONTH_NUMBERS as _MONTHS

# "May 2, 2013", "Fri., May. 3, 2013", "May 3rd, 2013", "AUGUST 2, 2013"
_MONTH_DAY_YEAR = re.compile(r"\b([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s+(\d{4})\b", re.I)
# "14 June 2013", "27 NOVEMBER, 2005", "18th September 2013"
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})\b", re.I)
# "05 / 02 / 2013" and "8 / 2 / 13" (US order unless the first number cannot be a month)
_NUMERIC = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4}|\d{2})\b")
# "2013-05-02", "2012 - 04 - 04", "2012.08.08"
_ISO = re.compile(r"\b(\d{4})\s*[-.]\s*(\d{2})\s*[-.]\s*(\d{2})\b")


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    """One article with its gold story label (and its ECB+ topic, or the label itself for BASIL)."""

    id: str
    title: str | None
    text: str
    published: str | None
    story: str
    group: str


def first_date(printed: str | None) -> str | None:
    """The first date printed in a dateline string ("UPDATED 05 / 03 / 2013 at 11 : 00 AM"), ISO, or None."""
    if not printed:
        return None
    found: list[tuple[int, date | None]] = []
    for m in _MONTH_DAY_YEAR.finditer(printed):
        if m.group(1).lower() in _MONTHS:
            found.append((m.start(), _safe(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))))
    for m in _DAY_MONTH_YEAR.finditer(printed):
        if m.group(2).lower() in _MONTHS:
            found.append((m.start(), _safe(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))))
    for m in _NUMERIC.finditer(printed):
        year = int(m.group(3)) if len(m.group(3)) == 4 else 2000 + int(m.group(3))
        first, second = int(m.group(1)), int(m.group(2))
        month, day = (second, first) if first > 12 else (first, second)
        found.append((m.start(), _safe(year, month, day)))
    for m in _ISO.finditer(printed):
        found.append((m.start(), _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
    valid = sorted((pos, d.isoformat()) for pos, d in found if d is not None)
    return valid[0][1] if valid else None


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def read_ecbplus(path: Path) -> Iterator[LabelledArticle]:
    """ECB+ documents from ``docs.jsonl``: label = ``subtopic``, group = ``topic``."""
    if not path.exists():
        raise InputError(str(path), "ECB+ docs.jsonl not found; point --data-dir at the shared data folder")
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                doc = json.loads(line)
                yield LabelledArticle(
                    id=doc["id"], title=doc.get("title") or None, text=doc["text"],
                    published=first_date(doc.get("date")), story=doc["subtopic"], group=str(doc["topic"]),
                )


def read_basil(folder: Path) -> Iterator[LabelledArticle]:
    """BASIL articles: label = ``triplet-uuid``, id = the article's own ``uuid``."""
    paths = sorted(folder.glob("*.json"))
    if not paths:
        raise InputError(str(folder), "no BASIL *.json files here; point --data-dir at the shared data folder")
    for path in paths:
        record = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(p) if isinstance(p, list) else str(p) for p in record["body-paragraphs"]]
        yield LabelledArticle(
            id=record.get("uuid") or path.stem, title=(record.get("title") or "").strip() or None,
            text="\n\n".join(p.strip() for p in paragraphs if p.strip()),
            published=first_date(record.get("date")), story=record["triplet-uuid"], group=record["triplet-uuid"],
        )
