"""Which months an article says its event happened in: dates printed in the text, as month numbers.

A trial report printed two years after a shooting still belongs to the
shooting's story, and it says so: "charged in an April 2007 shooting", "the
Nov. 30 escape", "killed two co-workers in September". The time prior of the
index (``StoryIndex.time_prior``) lets such an article past the gap between
publication dates when the months it cites are the story's own months, or
when the story's members cite the month it was published in.

A month is counted as ``year * 12 + month - 1`` (one integer, so months can
be compared and stored as plain numbers). A month printed without a year
("the Nov. 30 escape", "in September") is the such month nearest to the
publication month, and is dropped when the article is undated.
"""

from __future__ import annotations

import re
from datetime import date

from storydiff.lexicon import MONTH_ABBREVIATIONS, MONTH_WORDS

# Month numbers by the three-letter start of their names (lexicon.calendar owns the names).
MONTH_NUMBERS: dict[str, int] = {m: i + 1 for i, m in enumerate(MONTH_ABBREVIATIONS)}

# A capitalised month word ("March", "Sept", "Nov"), longest first.
_NAME = "(" + "|".join(sorted((w.capitalize() for w in MONTH_WORDS), key=lambda w: (-len(w), w))) + ")"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"((?:19|20)\d\d)"
# "April 30, 2008", "Sep 10, 2012", "Nov. 30", "March 20": a capitalised month and a day, a year maybe
_MONTH_DAY = re.compile(rf"\b{_NAME}\.?\s+{_DAY}\b(?:\s*,?\s+{_YEAR}\b)?")
# "24 June 2005", "18th September 2013"
_DAY_MONTH_YEAR = re.compile(rf"\b{_DAY}\s+{_NAME}\.?,?\s+{_YEAR}\b")
# "an April 2007 shooting", "in September, 2010"
_MONTH_YEAR = re.compile(rf"\b{_NAME}\.?,?\s+{_YEAR}\b")
# "in September", "since March", "late November": a month named without a day or year
_IN_MONTH = re.compile(rf"\b(?:in|since|during|early|late|mid|last|until|by)[\s-]+{_NAME}\b(?!\.?\s*\d)")


def month_number(day: date) -> int:
    """The month of ``day`` as one integer (``year * 12 + month - 1``)."""
    return day.year * 12 + day.month - 1


def find_months(text: str, published: str | None) -> frozenset[int]:
    """The months whose dates ``text`` prints, as month numbers (see the module docstring).

    ``published`` (``YYYY-MM-DD`` or None) places months printed without a
    year; undated articles keep only the months printed with one.
    """
    now = month_number(date.fromisoformat(published)) if published else None
    found: set[int] = set()

    def add(name: str, year: str | None) -> None:
        month = MONTH_NUMBERS[name[:3].lower()]
        if year is not None:
            found.add(int(year) * 12 + month - 1)
        elif now is not None:  # the nearest such month to publication ("until Feb. 15" in late January: ahead)
            back = (now - month + 1) % 12
            found.add(now - back if back <= 6 else now + 12 - back)

    for m in _MONTH_DAY.finditer(text):
        if int(m.group(2)) <= 31:
            add(m.group(1), m.group(3))
    for m in _DAY_MONTH_YEAR.finditer(text):
        add(m.group(2), m.group(3))
    for m in _MONTH_YEAR.finditer(text):
        add(m.group(1), m.group(2))
    for m in _IN_MONTH.finditer(text):
        add(m.group(1), None)
    return frozenset(found)
