"""Offset-preserving cleanup of article text.

Three kinds of repair, none of which moves a single character:

* web residue ("Skip to footer", share-button labels, "Advertisement") is not
  deleted but listed as an *excluded range*, which analysis skips;
* the dropped-apostrophe artifact of some datasets ("this week s summit",
  "There s never", "we re working") is repaired in place: the space becomes
  an apostrophe, so the text keeps its length;
* plain text hard-wrapped at a fixed width (wire copy, e-mail, text saved
  from a terminal) has each line break inside a paragraph turned into a
  space: the parser starts a sentence at every line break, so a wrapped
  paragraph would otherwise be read as pieces cut mid-sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

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


# A line that starts a list item or a quoted e-mail line keeps its line break before it.
_ITEM = re.compile(r"^\s*(?:[-*•>]|\d{1,2}[.)])\s")
_FULL = 0.7  # a line at least this share of the wrap width was broken by the wrapping, not by the writer
_WIDTH = (30, 100)  # the widths text is hard-wrapped at; longer lines are paragraphs of their own


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Cleaned text (same length as the input) and the ranges analysis must skip."""

    text: str
    excluded: tuple[tuple[int, int], ...]
    repairs: int


def clean(text: str, *, wrapped: bool = True) -> Cleaned:
    """Repair dropped apostrophes in place, mark web-residue lines as excluded and, with ``wrapped``, join
    hard-wrapped lines (plain text; an HTML page's lines are paragraphs and keep their breaks)."""
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
    if wrapped:
        repaired = unwrap(repaired, excluded)
    return Cleaned(repaired, excluded, repairs)


def unwrap(text: str, excluded: tuple[tuple[int, int], ...] = ()) -> str:
    """Hard-wrapped paragraphs as running text: a line break inside one becomes a space (same length).

    A text counts as hard-wrapped when most of its lines that run on into
    another line are about as long as its longest such lines, and those are
    at most 100 characters. Only a line broken near the wrap width is joined
    to the next; a short line (a title, a dateline, a paragraph's last line),
    a blank line, a list item and excluded web residue keep their breaks.
    """
    lines = text.split("\n")
    width = _wrap_width(lines)
    if width is None:
        return text
    furniture = {start for start, _ in excluded}
    chars = list(text)
    pos = 0
    for line, following in pairwise(lines):
        end = pos + len(line)  # the line break
        joins = (
            len(line.rstrip()) >= _FULL * width
            and following.strip()
            and not _ITEM.match(following)
            and pos + len(line) - len(line.lstrip()) not in furniture
            and end + 1 + len(following) - len(following.lstrip()) not in furniture
        )
        if joins:
            chars[end] = " "
        pos = end + 1
    return "".join(chars)


def _wrap_width(lines: list[str]) -> int | None:
    """The width a text is hard-wrapped at, or None when it is not (too few run-on lines, or long ones)."""
    running = sorted(len(line.rstrip()) for line, following in pairwise(lines)
                     if line.strip() and following.strip())
    if len(running) < 3:
        return None
    width = running[int(0.9 * (len(running) - 1))]
    if not _WIDTH[0] <= width <= _WIDTH[1] or max(len(line.rstrip()) for line in lines) > width + 20:
        return None
    if sum(n >= _FULL * width for n in running) < len(running) / 2:
        return None
    return width


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
