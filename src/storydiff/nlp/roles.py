"""Claim roles: which claims are facts, and which are page furniture or pieces of a sentence.

An article's text carries more than its reporting: the headline again as its
first line, photo captions and credits, the byline and "contributed
reporting" notes, a speaker's "Thank you so much.", and pieces of a sentence
the parser cut in two. The brief keeps every claim (JSON keeps everything) but
only a ``fact`` becomes a point; the aligner leaves the others unmatched.

Roles, first rule that fits wins:

- ``headline``: the article's title repeated as a claim, or a line of its own in
  Title Case without closing punctuation (a subhead, a second headline);
- ``byline``: "By NAME", "Associated Press contributed to this report", "Follow
  her on Twitter", "This story has been updated", a correction note, "This is a
  developing story", "The Ledger will follow the story";
- ``caption``: a photo line or credit ("(AP Photo/...)", "Getty Images", "FILE -
  In this photo ..."), or a short line of its own with no verb and no quotation;
- ``pleasantry``: thanks and greetings and nothing else ("Thank you so much.");
- ``fragment``: no verb (short, or not ended as a sentence), a sentence that starts mid-way (lower case) or
  stops mid-way (running on into a sentence that starts in lower case), or the tail of a quotation cut off
  as a claim of its own ('“...?” McConnell asked on Tuesday.': who and when, nothing said);
- ``fact``: everything else.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any, Literal

from storydiff.nlp.parse import doc_text

if TYPE_CHECKING:
    from storydiff.models import Claim

Role = Literal["fact", "headline", "caption", "byline", "pleasantry", "fragment"]
ROLES: tuple[Role, ...] = ("fact", "headline", "caption", "byline", "pleasantry", "fragment")


def is_fact(claim: Claim) -> bool:
    """Whether a claim can be a point: a fact, not a headline, caption, byline, pleasantry or fragment."""
    return claim.role == "fact"

# Finite verb tags: "was", "said", "rises", "will".
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_JOINS = ("CCONJ", "SCONJ", "ADV", "PUNCT")  # words that may join two clauses: "and", "while", "however"
_CLOSERS = ".!?\"'”’)…"
_OPENERS = "\"'“‘(["
_SAME_AS_TITLE = 0.9  # how alike (0..1, by characters) a claim and the title must be to be the headline again
_SHORT_WORDS = 8  # a verbless sentence this short is a piece even when it ends on a full stop
_QUOTES = "\"'”’“‘"
_CAPTION_WORDS = 15  # a line of its own without a verb and at most this many words is a caption

# Photo lines and credits: "(AP Photo/Jane Roe)", "Getty Images", "Photo: ...", "FILE - In this photo ...",
# and the credit line under an embedded post: "— Jane Roe (@janeroe) May 2, 2024".
_CAPTION = re.compile(
    r"\((?:AP|Reuters|AFP|Getty|EPA|Bloomberg)[^)]{0,40}(?:Photo|Images|via)"
    r"|\b(?:AP|Reuters|AFP|EPA|Bloomberg) Photo\b|\bGetty Images\b|\bPhoto(?:graph)? (?:by|credit)\b"
    r"|^\W*(?:Photo|Photograph|Picture|Pictured|Image|Caption|Credit)s?\s*:"
    r"|^\W*FILE\s*[-–—]|^\W*In this (?:\w+ ){0,6}(?:file )?photo\b"
    r"|\bpic\.twitter\.com/|\(@\w+\) \w+ \d{1,2}, \d{4}$",  # an embedded post's credit line
    re.IGNORECASE,
)
# Bylines, credits and notes about the article itself: "Reuters contributed to this report",
# "Follow him on Twitter at @...", "This story has been updated.", "Correction: ...", "Editing by ...".
_CREDIT = re.compile(
    r"\bcontributed (?:to )?(?:this |the )?(?:report|reporting|story|article)\b"
    r"|\b(?:additional )?reporting by [A-Z]|\bediting by [A-Z]"
    r"|^\W*Follow (?:\w+ ){0,4}on (?:Twitter|Facebook|Instagram|X)\b|^\W*Follow @\w+"
    r"|\bThis (?:story|article|report|post) (?:has been|was|is being) (?:updated|corrected)"
    r"|^\W*(?:An earlier|A previous) version of this (?:story|article|report)"
    r"|^\W*(?:Correction|Clarification|Editor'?s note|Update)s?\s*:"
    # the newsroom's promise to keep reporting: "This is a developing story.", "The Ledger will follow the story."
    r"|\bThis is a (?:developing|breaking) (?:story|news story)\b|\bCheck back (?:\w+ ){0,2}for (?:updates|more)\b"
    r"|\bwill (?:continue to )?(?:follow|update) (?:this|the) (?:story|article|report)\W*$",
    re.IGNORECASE,
)
# Who wrote it, names capitalised: "By Ana Lutz and Tom Berg", "Ana Lutz is a reporter for the Courier."
_BYLINE = re.compile(
    r"^\W*By (?:[A-Z][\w.'-]+|and|de|van|von)(?:\s+(?:[A-Z][\w.'-]+|and|de|van|von)){0,6}"
    r"\s*(?:[,|]\s*[\w .]+)?\W*$"
    r"|^\W*[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3} is an? (?:\w+ ){0,3}"
    r"(?:[Rr]eporter|[Cc]orrespondent|[Ww]riter|[Pp]roducer|[Ee]ditor|[Cc]ontributor|[Cc]olumnist)\b"
)
# Thanks and greetings that say nothing else: "Thank you so much.", "Good morning, everyone!".
_PLEASANTRY = re.compile(
    r"^(?:(?:thank you|thanks)(?: (?:so|very) much| all| everyone| everybody| again| for (?:having|coming)"
    r"(?: me| us)?)*(?:,? (?:everyone|everybody|all|guys|folks|sir|ma'am))?"
    r"|good (?:morning|afternoon|evening|night)(?:,? (?:everyone|everybody|all|folks))?"
    r"|(?:hello|hi|welcome|goodbye|congratulations|cheers)(?:,? (?:everyone|everybody|all|folks))?"
    r"|(?:it's |it is )?(?:great|good|nice) to (?:be here|see you)(?: all)?)$",
    re.IGNORECASE,
)


def claim_role(
    span: Any, title: str | None = None, *, core: Any = None, first: bool = True, last: bool = True
) -> Role:
    """The role of a claim, from its span in a parsed article.

    ``core``: the asserted part, when it is a quotation inside the claim (a pleasantry
    is one as much when quoted: "“Thank you so much,” she said."). ``first``/``last``: whether
    the claim opens/closes its sentence (a later clause of "A said X, but B said Y" rightly starts
    in lower case).
    """
    text = span.text.strip()
    if title and (_same_text(text, title) or _on_the_title_line(span, title)):
        return "headline"  # the title again, whole or a piece the claim splitter cut from its line
    alone = _starts_line(span) and _ends_line(span)
    if _BYLINE.search(text) or _CREDIT.search(text):
        return "byline"
    if _CAPTION.search(text) or _CAPTION.search(_rest_of_line(span)):
        return "caption"
    if alone and is_title_case(text):
        return "headline"
    if _PLEASANTRY.match(_bare(text)) or (core is not None and _PLEASANTRY.match(_bare(core.text))):
        return "pleasantry"
    verbless = _is_verbless_piece(span, text)
    broken = span.end < len(span.doc) and span.doc[span.end].text in ("—", "–", "-", "―", ",", ";", ":")
    if alone and verbless and not broken and _is_label(text) and sum(t.is_alpha for t in span) <= _CAPTION_WORDS:
        return "caption"
    if verbless or (first and _starts_lower(text)) or (last and _runs_on(span)) or (
        not first and _mid_phrase(span)
    ) or _only_attribution(span):
        return "fragment"
    return "fact"


# Verbs whose sentence, after a quotation, may say no more than who said it and when.
_ATTRIBUTION_VERBS = frozenset({"say", "ask", "add", "tell", "write", "tweet", "note", "explain", "reply"})


def _only_attribution(span: Any) -> bool:
    """Whether the span is the tail of a quotation that the sentence splitter cut off: a verb of speech
    with its speaker and a time and nothing said ('“... with 60 votes?” Senate Majority Leader Mitch
    McConnell asked on Tuesday.'), right after the quotation's closing mark."""
    doc = span.doc
    before = doc_text(doc)[max(0, span.start_char - 3) : span.start_char].rstrip()
    if not before or before[-1] not in "”\"'’":
        return False
    if any(t.lower_ == "that" or t.text in _QUOTES for t in span):
        return False  # "said in a statement that ...": what was said, whatever the parse hung it on
    roots = [t for t in span if t.head.i == t.i or not (span.start <= t.head.i < span.end)]
    if len(roots) != 1 or roots[0].lemma_ not in _ATTRIBUTION_VERBS:
        return False
    said = ("ccomp", "xcomp", "dobj", "dative", "advcl", "conj")  # what was said or done besides: not a tail
    return not any(c.dep_ in said and span.start <= c.i < span.end for c in roots[0].children)


def has_verb(span: Any) -> bool:
    """Whether the span has a verb ("said", "’s", "will", "called"), so that it can state something.

    Any verb counts, not only a finite one: the tagger often reads a past tense as a
    participle ("The report, commissioned last year, recommended ..." as a noun phrase).
    """
    return any(
        any(ch.isalpha() for ch in t.text)  # "―" is sometimes tagged as a verb
        and (t.pos_ in ("VERB", "AUX") or t.tag_ in _FINITE_TAGS or "Fin" in t.morph.get("VerbForm"))
        for t in span
    )


def _is_verbless_piece(span: Any, text: str) -> bool:
    """No verb, and short or not ended as a sentence: "Your next First Lady.", "Pelosi, Hoyer and Clyburn ―".

    A longer verbless sentence that ends on a full stop is more often a misparse than a piece.
    """
    if has_verb(span):
        return False
    ended = text.rstrip(_QUOTES + " ").endswith((".", "!"))
    return not ended or sum(t.is_alpha for t in span) <= _SHORT_WORDS


def _is_label(text: str) -> bool:
    """A line that could stand under a picture: no quotation marks, no question, not broken off."""
    return not (set(text) & set("\"“”‘’?")) and "'" not in text[:1] + text[-1:] and text[-1:] not in "—–-―,;:"


def _bare(text: str) -> str:
    """The words of a sentence without quotation marks or closing punctuation."""
    return re.sub(r"\s+", " ", text.strip(_OPENERS + _CLOSERS + ",;: \n")).strip()


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _same_text(text: str, title: str) -> bool:
    """Whether a claim is the title again, give or take punctuation and a word or two."""
    a, b = _words(text), _words(title)
    if not a or not b:
        return False
    return a == b or SequenceMatcher(None, a, b, autojunk=False).ratio() >= _SAME_AS_TITLE


def is_title_case(text: str) -> bool:
    """"Council Votes To Close Old Bridge": most longer words capitalised, no closing full stop."""
    if text[-1:] in ".!?\"”":
        return False
    long = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.8 * len(long)


def _starts_lower(text: str) -> bool:
    """A sentence that starts in lower case was cut from the one before it ("this fiscal year, a ...")."""
    first = text.lstrip(_OPENERS + " \n…—–-")[:1]
    return first.islower()


def _mid_phrase(span: Any) -> bool:
    """A later clause cut off in the middle of a phrase, with no joining word before it:
    "... for the Defense Department | this fiscal year, a rise of 15 percent"."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    joined = (before is None or not before.is_alpha or before.pos_ in _JOINS) or span[0].pos_ in _JOINS
    return span[0].text[:1].islower() and not joined


def _runs_on(span: Any) -> bool:
    """The sentence stops mid-way, running on into a sentence that starts in lower case.

    One that ends on a colon is left alone: it introduces a quotation ("X said in a statement:")
    and often carries the news itself.
    """
    doc = span.doc
    end = span.sent.end if span.end <= span.sent.end else span.end
    tail = doc[span.start:end]
    last = next((t for t in reversed(tail) if not t.is_space), None)
    if last is not None and last.text[-1:] in _CLOSERS + ":":
        return False
    following = next((t for t in doc[end:] if not (t.is_space or t.text in _OPENERS)), None)
    between = doc[end:following.i].text if following is not None else ""
    return following is not None and following.text[:1].islower() and "\n" not in between


def _on_the_title_line(span: Any, title: str) -> bool:
    """Whether the claim is a piece of a line that is the title again ("F.B.I. 'Destroyed' Flynn's Life
    for Lying, Trump Says | but 'Nothing Happened' to Clinton")."""
    text = doc_text(span.doc)
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.end_char)
    end = end if end >= 0 else len(text)
    return end - start <= 2 * len(title) and _same_text(text[start:end], title)


def _rest_of_line(span: Any) -> str:
    """The text after the claim up to the end of its line: "(AP Photo/Ines Korder)" after a caption."""
    doc = span.doc
    end = span.end
    while end < len(doc) and end - span.end < 24 and not (doc[end].is_space and "\n" in doc[end].text):
        end += 1
    return doc[span.end:end].text


def _starts_line(span: Any) -> bool:
    doc = span.doc
    i = span.start - 1
    while i >= 0 and doc[i].text in _OPENERS:
        i -= 1
    return i < 0 or (doc[i].is_space and "\n" in doc[i].text) or "\n" in doc[i].whitespace_


def _ends_line(span: Any) -> bool:
    doc = span.doc
    i = span.end
    while i < len(doc) and not doc[i].is_space and doc[i].is_punct:
        i += 1
    return i >= len(doc) or (doc[i].is_space and "\n" in doc[i].text) or "\n" in doc[i - 1].whitespace_
