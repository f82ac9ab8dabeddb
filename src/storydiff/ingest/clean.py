"""Offset-preserving cleanup of article text.

Two kinds of repair, neither of which moves a single character:

* web residue ("Skip to footer", share-button labels, "Advertisement") is not
  deleted but listed as an *excluded range*, which analysis skips;
* the dropped-apostrophe artifact of some datasets ("this week s summit",
  "There s never", "we re working") is repaired in place: the space becomes
  an apostrophe, so the text keeps its length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Whole lines that are page furniture, not reporting. Matched case-insensitively
# against a stripped line, e.g. "Skip to footer" or "Share this article".
_RESIDUE = re.compile(
    r"^(?:skip to (?:main )?(?:content|footer|navigation|nav|search)"
    r"|advertisement|advertising|sponsored(?: content)?"
    r"|share(?: this(?: article| story)?)?(?: on (?:facebook|twitter|x|linkedin|whatsapp|email))?"
    r"|(?:share|tweet|email|print|pin|comment)s?(?:\s*[|·•/]\s*(?:share|tweet|email|print|pin|comments?|facebook|twitter|linkedin|whatsapp))*"
    r"|facebook|twitter|linkedin|whatsapp|reddit|copy link|link copied"
    r"|read more|continue reading|related(?: articles| stories| coverage)?|more from [\w .]+"
    r"|(?:sign up|subscribe)(?: (?:for|to) (?:our|the) [\w ]+)?[.!]?"
    r"|follow us on [\w ,]+|back to top|cookie (?:settings|policy)|accept cookies"
    r"|image(?: caption)?|photo|video|(?:getty images|ap photo|reuters)(?:/[\w .]+)?)$",
    re.IGNORECASE,
)

# "week s summit", "Tillerson s comments": a possessive or "is" contraction that lost its apostrophe.
_S = re.compile(r"[A-Za-z]( )s\b(?! ?[-–—])")
# "don t", "isn t": a negative contraction.
_T = re.compile(
    r"\b(?:do|does|did|is|are|was|were|has|have|had|ca|could|would|should|wo|ai|must|need)n( )t\b",
    re.IGNORECASE,
)
# "we re", "we ve", "they ll", "I m", "he d": pronoun contractions.
_PRONOUN = re.compile(
    r"\b(?:I|you|we|they|he|she|it|that|there|who|what|where|here)( )(?:re|ve|ll|m|d)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Cleaned text (same length as the input) and the ranges analysis must skip."""

    text: str
    excluded: tuple[tuple[int, int], ...]
    repairs: int


def clean(text: str) -> Cleaned:
    """Repair dropped apostrophes in place and mark web-residue lines as excluded."""
    chars = list(text)
    repairs = 0
    for pattern in (_S, _T, _PRONOUN):
        for match in pattern.finditer(text):
            pos = match.start(1)
            if chars[pos] == " ":
                chars[pos] = "'"
                repairs += 1
    repaired = "".join(chars)
    excluded = tuple(iter_residue(repaired))
    return Cleaned(repaired, excluded, repairs)


def iter_residue(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each line that is page furniture."""
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and len(stripped) < 80 and _RESIDUE.match(stripped):
            lead = len(line) - len(line.lstrip())
            yield (pos + lead, pos + lead + len(stripped))
        pos += len(line) + 1


def blank_excluded(text: str, excluded: tuple[tuple[int, int], ...]) -> str:
    """The text with excluded ranges replaced by spaces (same length), for parsing."""
    if not excluded:
        return text
    chars = list(text)
    for start, end in excluded:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
