"""Time expressions: when a statement was made, as a date when that is sound.

``find_when`` picks the time expression a cue verb governs ("told reporters
on Thursday", "said Friday"); ``resolve_when`` turns it into a calendar date
relative to the article's publication date. News writes the days of the
current week by name, always looking back from the dateline for things
already said, so "Thursday" in an article of Friday 2017-11-10 is
2017-11-09 and "Friday" is the day itself. Vague spans ("last week",
"earlier this month") stay text: no single day is sound for them.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.tokens import Token

from storydiff.lexicon.calendar import WEEKDAY_ABBREVIATIONS, WEEKDAYS
from storydiff.nlp.parse import doc_text

# Each day's name and short forms -> its number, Monday 0 (a full name before its short forms).
_WEEKDAYS = {
    name: number
    for number, day in enumerate(WEEKDAYS)
    for name in (day, *WEEKDAY_ABBREVIATIONS[day])
}
_SAME_DAY = {"today", "tonight", "this morning", "this afternoon", "this evening"}
_DAY_BEFORE = {"yesterday", "last night"}
_PARTS_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_LEAD = re.compile(r"^(?:(?:later|earlier|early|late)\s+)?(?:on|in|at|during)?\s*", re.I)
_WEEKDAY = re.compile(
    r"^(?:last\s+|this\s+|this\s+past\s+)?(" + "|".join(_WEEKDAYS) + r")\.?" + _PARTS_OF_DAY + "$",
    re.I,
)
_VAGUE = re.compile(r"\b(week|month|year|weeks|months|years|days|recently|ago|decade)\b", re.I)
_HAS_DAY_NUMBER = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b")


def resolve_when(text: str, published: str | None) -> str | None:
    """The date (YYYY-MM-DD) a time expression names, or None when none is sound.

    >>> resolve_when("on Thursday", "2017-11-10")
    '2017-11-09'
    """
    if not published:
        return None
    try:
        base = date.fromisoformat(published[:10])
    except ValueError:
        return None
    phrase = _LEAD.sub("", text.strip().rstrip(".,")).strip().lower()
    if not phrase:
        return None
    if phrase in _SAME_DAY:
        return base.isoformat()
    if phrase in _DAY_BEFORE:
        return (base - timedelta(days=1)).isoformat()
    m = _WEEKDAY.match(phrase)
    if m:
        # The latest such weekday on or before the article's date.
        back = (base.weekday() - _WEEKDAYS[m.group(1).lower()]) % 7
        return (base - timedelta(days=back)).isoformat()
    if _VAGUE.search(phrase) or not _HAS_DAY_NUMBER.search(phrase):
        return None
    return _parse_absolute(phrase, base.isoformat())


@lru_cache(maxsize=1024)
def _parse_absolute(phrase: str, base: str) -> str | None:
    """Calendar dates written out ("Nov. 9", "9 November 2017") via dateparser."""
    import dateparser  # slow to import; only dates that need it pay for it

    parsed = dateparser.parse(
        phrase,
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime.fromisoformat(base),
            "PREFER_DATES_FROM": "past",
            "REQUIRE_PARTS": ["day", "month"],
        },
    )
    return parsed.date().isoformat() if parsed else None


_WHEN_PREPS = frozenset({"on", "in", "at", "during", "since", "until", "by", "over"})


def find_when(cue: Token) -> tuple[int, int] | None:
    """Character range of the DATE or TIME expression a cue verb governs, if any.

    Catches "said Friday", "told reporters on Thursday", "said later on Thursday".
    """
    for child in cue.children:
        tok = child
        if child.dep_ == "prep" and child.lower_ in _WHEN_PREPS:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if not objs:
                continue
            tok = objs[0]
        elif child.dep_ not in {"npadvmod", "tmod", "advmod", "obl"}:
            continue
        if tok.ent_type_ in {"DATE", "TIME"}:
            bounds = _entity_bounds(tok)
            if _measured_from(tok, cue):
                continue  # "two days after The Times first reported ...": when something else happened
            if _VAGUE.fullmatch(doc_text(tok.doc)[bounds[0] : bounds[1]]):
                # "in the months prior to the Nov. 8 elections": "the months" alone says nothing
                last = tok.right_edge
                if last.idx + len(last) <= bounds[1]:
                    continue
                bounds = (bounds[0], last.idx + len(last))
            if not _titled(doc_text(tok.doc), bounds[0]):
                return bounds
    return None


_VAGUE = re.compile(r"(?i)(?:the |those )?(?:hours|days|weeks|months|years)(?: before| after)?")


def _measured_from(date: Token, cue: Token) -> bool:
    """Whether the cue is the event a date is counted from: "two days after The New York Times first
    reported that ...", where "reported" happened two days before, not at "two days"."""
    mark = next((c for c in cue.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    return mark is not None and date.i < mark.i  # a date before the cue's own "after" is the main clause's


def _titled(text: str, start: int) -> bool:
    """Whether a date expression opens a quoted title: ABC's “This Week” is a show, not a time."""
    return text[:start].rstrip(" ")[-1:] in ("“", '"', "‘")


def _entity_bounds(tok: Token) -> tuple[int, int]:
    doc = tok.doc
    start = end = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    while end > start and doc[end].pos_ in ("SCONJ", "PRON", "DET", "ADP", "CCONJ", "PUNCT"):
        end -= 1  # "in January that Flynn had ...": the tagger took the "that" into the date
    return doc[start].idx, doc[end].idx + len(doc[end])
