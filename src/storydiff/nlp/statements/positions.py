"""Positions in a parsed article: its text built once, the token at an offset, the paragraph around one.

Every span the statement extractor handles is a character range into
``doc.text``; these helpers answer "which token" and "which paragraph" for
such offsets without walking the ``Doc`` each time.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from storydiff.lexicon import FIRST_NAMES
from storydiff.nlp.parse import doc_text as doc_text  # re-exported: the statement modules read the text through it
from storydiff.nlp.roles import is_title_case


class TokenAt:
    """The token at a character offset."""

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import IDX

        self.doc = doc
        self.starts = doc.to_array([IDX]).tolist() if len(doc) else []

    def index(self, pos: int) -> int:
        """The index of the token that covers (or last starts before) ``pos``."""
        return max(0, bisect_right(self.starts, pos) - 1)

    def __call__(self, pos: int) -> Token:
        return self.doc[self.index(pos)]


class Paragraphs:
    """The paragraph around a character offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def __call__(self, pos: int) -> tuple[int, int]:
        k = bisect_right(self.starts, pos) - 1
        start = self.starts[k]
        end = self.starts[k + 1] - 1 if k + 1 < len(self.starts) else len(self.text)
        return start, end


_HYPHENS = frozenset({"-", "\u2010", "\u2011"})


def whole_words(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Widen a token range to whole words: the tokenizer splits "e-mails" into three."""

    def glued(i: int) -> bool:  # token i follows token i - 1 with no space, across a hyphen
        return not doc[i - 1].whitespace_ and (doc[i].text in _HYPHENS or doc[i - 1].text in _HYPHENS)

    while end < len(doc) and glued(end):
        end += 1
    while start > 0 and glued(start):
        start -= 1
    return start, end


_HEADLINE_LENGTH = 200  # characters: a longer line is no headline


def name_in_headline(text: str, start: int, words: list[str]) -> list[str]:
    """A name's words as a title-cased headline at ``start`` prints them, cut to the longest tail that
    the text prints elsewhere: "Lawmakers Rip Donald Trump As A Fraud" names Donald Trump, and "Rip"
    is the headline's verb, not his first name. Elsewhere, or with no such tail, the words as given."""
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if len(words) < 2 or line_end - line_start > _HEADLINE_LENGTH or not is_title_case(text[line_start:line_end]):
        return words
    rest = text[:line_start] + "\n" + text[line_end:]
    if " ".join(words) in rest:
        return words
    # a surname alone only after a word that is no first name: "Derelict Obama And Clinton"
    last = len(words) if words[0].lower() not in FIRST_NAMES else len(words) - 1
    return next((words[k:] for k in range(1, last) if re.search(rf"\b{re.escape(' '.join(words[k:]))}\b", rest)),
                words)
