"""Positions in a parsed article: its text built once, the token at an offset, the paragraph around one,
where sentences break in the text, a semicolon parting a cue from its content, a span's trimmed edges.

Every span the statement extractor handles is a character range into
``doc.text``; these helpers answer "which token" and "which paragraph" for
such offsets without walking the ``Doc`` each time.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from storydiff.lexicon import FIRST_NAMES, word_set
from storydiff.nlp.parse import doc_text as doc_text  # re-exported: the statement modules read the text through it
from storydiff.nlp.roles import is_title_case
from storydiff.nlp.statements.columns import columns
from storydiff.nlp.statements.quotes import QuoteIndex

_NEWLINE = re.compile("\n")


class TokenAt:
    """The token at a character offset."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = columns(doc).idx

    def index(self, pos: int) -> int:
        """The index of the token that covers (or last starts before) ``pos``."""
        return max(0, bisect_right(self.starts, pos) - 1)

    def __call__(self, pos: int) -> Token:
        return self.doc[self.index(pos)]


class Paragraphs:
    """The paragraph around a character offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

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


def headline_end(text: str) -> int:
    """Where a headline on the text's first line ends (0 when there is none): a line of at most
    ``_HEADLINE_LENGTH`` characters, with no stop at its end, that more text follows."""
    end = text.find("\n")
    line = text[:end].rstrip() if end > 0 else ""
    if not line or len(line) > _HEADLINE_LENGTH or line[-1] in ".!?" or not text[end:].strip():
        return 0
    return end


_SENTENCE_BREAK = re.compile(r"[.?!](?:''|[\"”’')])?(\s+)(?:''|``|[\"“‘'])?[A-Z]")  # '' and `` as NYT's quotes
_LAST_WORD = re.compile(r"([\w.]+)$")
_ABBREVIATIONS = word_set(
    """
    mr mrs ms dr sen rep gov gen lt col sgt st jr sr inc co corp ltd no vol rev prof
    capt adm maj pres jan feb mar apr aug sept sep oct nov dec calif fla mass tex
    ariz va pa ill mich wis minn conn colo ga la md mo ore wash vs etc ft mt
    """
)


def sentence_breaks(text: str, start: int, end: int) -> list[int]:
    """Where new sentences start in ``text[start:end]``, abbreviations ("Mr.") aside.

    For content the parser ran across a sentence end ("... in 2018. And ...").
    """
    found = []
    for m in _SENTENCE_BREAK.finditer(text, start, end):
        word = _LAST_WORD.search(text, max(0, m.start() - 12), m.start())
        stem = word.group(1) if word else ""
        if stem.lower() in _ABBREVIATIONS or "." in stem or (len(stem) <= 2 and stem[:1].isupper()):
            continue
        found.append(m.end(1))
    return found


_SEMICOLON = re.compile(r";\s")


def semicolon_bounds(quotes: QuoteIndex, cue_at: int, start: int, end: int) -> tuple[int, int] | None:
    """A content range kept to the cue's side of a semicolon, or None when a semicolon
    parts the cue from all of it.

    "said the timing was not intentional; they only learned of it on Friday": the
    semicolon ends what was said, as a full stop would, and "learned" is not a cue of
    the clause before it. Semicolons inside quotations do not count.
    """
    text = quotes.text
    for m in _SEMICOLON.finditer(text, min(start, cue_at), max(end, cue_at)):
        at = m.start()
        if quotes.containing(at, at + 1) is not None:
            continue
        if end <= at < cue_at or cue_at < at < start:
            return None
        if cue_at < at < end:
            return start, at
        if start < at < cue_at:
            start = m.end()
    return start, end


def trim_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """A content range without the spaces and punctuation at its edges."""
    while end > start and text[end - 1] in " .,;:\n":
        end -= 1
    while start < end and text[start] in " ,;:\u2014\u2015\u2013-\n":
        start += 1
    return start, end
