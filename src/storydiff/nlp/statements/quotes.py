"""Quotation marks: where the quoted passages of an article are.

One left-to-right scan of the text, paragraph by paragraph, finds every
passage between quotation marks: straight (``"``), curly (“ ”), guillemets
and the doubled apostrophes some archives print (``''``). A quote still open
at the end of a paragraph closes there: newspapers leave the closing mark off
a paragraph when the next one continues the quote. Some leave the opening
mark off the next one too: there a first mark that can only close ("... before
leaving," Trump tweeted.) ends a quote that runs from the paragraph's start, and
the few paragraphs without a mark before it are quoted whole (a tweet pasted a
sentence a paragraph).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

_MARKS = re.compile(r"''|``|[\"“”„«»]")
_OPENERS = {"“", "„", "«", "``"}
_CLOSERS = {"”", "»"}
_WORD = re.compile(r"\w+")

# A quote this short is a fragment ("called it a "sham""), not a statement.
MIN_FULL_QUOTE_WORDS = 5


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted passages, marks included, in text order."""
    quotes: list[tuple[int, int]] = []
    pos = 0
    left_open = False  # the paragraph before ended inside a quote
    lines = text.split("\n")
    for k, line in enumerate(lines):
        if line.strip():
            if left_open and not _MARKS.search(line) and _closed_later(lines, k):
                _close(line, pos, len(line) - len(line.lstrip()), len(line), quotes)  # wholly inside the quote
            else:
                left_open = _scan_paragraph(line, pos, quotes, left_open)
        pos += len(line) + 1
    return quotes


_UNMARKED_REACH = 4  # paragraphs without a mark that a quote left open may run through to its closing mark


def _closed_later(lines: list[str], k: int) -> bool:
    """Whether a quote left open before paragraph ``k`` (which has no mark) closes a few paragraphs on, with
    no mark before that closing one: a tweet pasted a sentence a paragraph, “I had to fire General Flynn
    ... / He has pled guilty to those lies. / ... / There was nothing to hide!”"""
    seen = 0
    for line in lines[k:]:
        if not line.strip():
            continue
        first = _MARKS.search(line)
        if first is not None:
            return first.group() not in _OPENERS and _closes_here(line, first.start(), first.end())
        seen += 1
        if seen > _UNMARKED_REACH:
            return False
    return False


def _scan_paragraph(line: str, offset: int, out: list[tuple[int, int]], continued: bool = False) -> bool:
    """Find the quotes of one paragraph; True when one is left open at its end.

    ``continued``: the paragraph before ended inside a quote, so a first mark that can only close
    ('... prior to leaving," Trump tweeted.') closes a quote that runs from this paragraph's start.
    """
    start: int | None = None
    kind = ""  # the style of the open quote: marks of another style inside it are nested
    nested = 0  # marks of another style inside the open quote
    for n, m in enumerate(_MARKS.finditer(line)):
        mark = m.group()
        style = _style(mark)
        if n == 0 and continued and mark not in _OPENERS and _closes_here(line, m.start(), m.end()):
            first = len(line) - len(line.lstrip())
            out.append((offset + first, offset + m.end()))
            continue
        if start is not None and style != kind:
            # “... the FBI," Chaffetz said: pasted copy closes a quote with a mark of
            # another style; a nested quotation ("no") opens before it closes.
            if nested % 2 == 0 and _closes_here(line, m.start(), m.end()):
                out.append((offset + start, offset + m.end()))
                start = None
            else:
                nested += 1
            continue
        nested = 0
        if mark in _OPENERS:
            # A second opener while open means the first was never closed.
            if start is not None:
                _close(line, offset, start, m.start(), out)
            start, kind = m.start(), style
        elif mark in _CLOSERS:
            if start is not None:
                out.append((offset + start, offset + m.end()))
                start = None
            elif _opens_here(line, m.start(), m.end()):
                # A closing mark typed as an opener: ”like this”.
                start, kind = m.start(), style
        elif start is None:  # straight marks toggle
            start, kind = m.start(), style
        else:
            out.append((offset + start, offset + m.end()))
            start = None
    if start is not None:
        _close(line, offset, start, len(line), out)
        return True
    return False


def _style(mark: str) -> str:
    return "curly" if mark in _OPENERS or mark in _CLOSERS else mark


def _closes_here(line: str, begin: int, end: int) -> bool:
    before = line[begin - 1] if begin > 0 else " "
    after = line[end] if end < len(line) else " "
    return before in ",.?!" and (after.isspace() or after in ";:)")


def _opens_here(line: str, begin: int, end: int) -> bool:
    before = line[begin - 1] if begin > 0 else " "
    after = line[end] if end < len(line) else " "
    return before.isspace() and not after.isspace()


def _close(line: str, offset: int, start: int, end: int, out: list[tuple[int, int]]) -> None:
    end = len(line[:end].rstrip())
    if end - start > 1:
        out.append((offset + start, offset + end))


def is_full_quote(text: str, span: tuple[int, int]) -> bool:
    """Whether a quoted passage is long enough to be a statement, not a fragment."""
    return len(_WORD.findall(text[span[0] : span[1]])) >= MIN_FULL_QUOTE_WORDS


class QuoteIndex:
    """Quoted passages of one article, searchable by position."""

    def __init__(self, text: str, quotes: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.spans = list(quotes)
        self.starts = [s for s, _ in self.spans]
        self.ends = [e for _, e in self.spans]
        self.full = [is_full_quote(text, q) for q in self.spans]

    def containing(self, start: int, end: int) -> int | None:
        """Index of the quote that contains ``[start, end)``, if any."""
        i = bisect_right(self.starts, start) - 1
        if i >= 0 and self.ends[i] >= end:
            return i
        return None

    def ending_before(self, pos: int) -> int | None:
        """Index of the last quote that ends at or before ``pos``."""
        i = bisect_right(self.ends, pos) - 1
        return i if i >= 0 else None

    def starting_after(self, pos: int) -> int | None:
        """Index of the first quote that starts at or after ``pos``."""
        i = bisect_left(self.starts, pos)
        return i if i < len(self.spans) else None

    def overlapping(self, start: int, end: int) -> list[int]:
        """Indices of the quotes that share characters with ``[start, end)``."""
        i = max(bisect_right(self.starts, start) - 1, 0)
        found = []
        while i < len(self.spans) and self.starts[i] < end:
            if self.ends[i] > start:
                found.append(i)
            i += 1
        return found
