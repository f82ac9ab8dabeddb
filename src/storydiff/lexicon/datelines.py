"""The dateline rule: the place (and wire credit) that opens a news text.

"MOSCOW/BEIJING (Reuters) - ", "WASHINGTON (AP) — ", "DA NANG, Vietnam — ".
Metadata reads the place and credit from it; statements and claims skip it,
since the place is the writer's, not what anybody said.
"""

from __future__ import annotations

import re

DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'/ -]*[A-Z.](?:,\s+[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,3})?)"
    r"(?:\s*\((?P<credit>[A-Za-z. ]{2,40})\))?"
    r"\s*(?:[-—–―]{1,2}|:)\s+(?=\S)"
)


# Words that open a paragraph in capitals like a dateline but mark its kind: "UPDATE: 7:19 p.m. -- ...".
MARKERS = frozenset(str.split(
    "UPDATE UPDATED CORRECTION CLARIFICATION BREAKING WATCH VIDEO PHOTOS EXCLUSIVE ANALYSIS OPINION EDITOR'S NOTE"
))


def is_place(place: str) -> bool:
    """Whether a dateline candidate looks like a place, not an all-caps sentence start."""
    head = place.split(",")[0]
    words = re.split(r"[ /]", head)
    return 1 <= len(words) <= 4 and head.upper() == head and len(head) >= 3


def is_marker(place: str) -> bool:
    """Whether a dateline's "place" is a marker of the paragraph's kind ("UPDATE:", "EDITOR'S NOTE:"):
    skipped like a dateline, but no place the article was written in."""
    return place.split()[0].rstrip(".") in MARKERS


def find_dateline(text: str) -> re.Match[str] | None:
    """The dateline opening ``text`` (groups ``place`` and ``credit``), or None."""
    found = DATELINE.match(text)
    return found if found and is_place(found.group("place")) else None


def dateline_length(text: str) -> int:
    """How many leading characters of ``text`` are a dateline ("DA NANG, Vietnam — "), else 0."""
    found = find_dateline(text)
    return found.end() if found else 0
