"""Each token's attributes as plain lists, read once per parsed article and shared by the statement modules.

A spaCy ``Token`` is a new Python object on every ``doc[i]`` (and on every
``.head``, ``.children``), and ``Token.sent`` walks the sentence flags each
time it is read. Extraction scans the same words many times over (a
content's words for a coordinated cue, a comma before a trailing aside, the
punctuation after a parenthetical cue); those scans read these lists and
build a ``Token`` only for the word they settle on. ``columns(doc)`` builds
them on first use, from one ``Doc.to_array`` read, and keeps them while the
``Doc`` lives (in a weak map: nothing is added to the ``Doc`` itself, so it
still serialises as spaCy writes it).
"""

from __future__ import annotations

import weakref
from collections.abc import Collection, Sequence
from functools import cached_property

import numpy as np
from spacy.tokens import Doc, Token

ATTRS = ("pos", "dep", "tag", "lower", "lemma", "ent", "text")  # the string columns, in ``_ids``' row order
_TABLES: dict[Sequence[str], tuple[np.ndarray, np.ndarray]] = {}  # by table: its string ids, sorted, and positions
_CACHE: weakref.WeakKeyDictionary[Doc, Columns] = weakref.WeakKeyDictionary()


def columns(doc: Doc) -> Columns:
    """The columns of ``doc``, built once."""
    found = _CACHE.get(doc)
    if found is None:
        found = _CACHE[doc] = Columns(doc)
    return found


def _strings_of(attr: str) -> cached_property[list[str]]:
    """A ``Columns`` property: each token's ``attr`` as a string."""

    def read(self: Columns) -> list[str]:
        return self._words(attr)

    return cached_property(read)


def _numbers_of(name: str) -> cached_property[list[int]]:
    """A ``Columns`` property: the array ``name`` as a list."""

    def read(self: Columns) -> list[int]:
        return self.array(name).tolist()

    return cached_property(read)


class Columns:
    """The tokens' attributes: string ones as lists built on first use (``lemma`` lowercased, as the cue
    vocabulary keys it), numbers and sentence bounds as arrays (``array("sent_start")``) and as lists
    (``sent_start``)."""

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import (
            DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, ORTH, POS, SENT_START, TAG,
        )  # fmt: skip

        self.n = n = len(doc)
        self._strings = doc.vocab.strings
        read = [POS, DEP, TAG, LOWER, LEMMA, ENT_TYPE, ORTH, HEAD, IDX, IS_PUNCT, IS_SPACE, SENT_START, LENGTH]
        at = doc.to_array(read) if n else np.zeros((0, len(read)), np.uint64)
        self._ids = at[:, : len(ATTRS)].T  # one row of string ids per attribute of ``ATTRS``
        head, idx, punct, space, sent_start, length = at[:, len(ATTRS) :].astype(np.int64).T
        self.heads = np.arange(n) + head
        self.punct: list[bool] = (punct != 0).tolist()
        self.space: list[bool] = (space != 0).tolist()
        # Sentences as ``Doc.sents`` draws them: one starts at the first token and at each token flagged a start.
        starts = np.flatnonzero(sent_start == 1)
        if not len(starts) or starts[0] != 0:
            starts = np.concatenate(([0], starts))
        index = np.cumsum(np.isin(np.arange(n), starts)) - 1
        ends = np.append(starts[1:], n)
        first, last = starts[index], ends[index] - 1
        self._arrays: dict[str, np.ndarray] = {
            "idx": idx,
            "sent_index": index,  # each token's sentence: its number, its first token and the one past its last,
            "sent_start": first,  # and its character bounds
            "sent_end": last + 1,
            "sent_start_char": idx[first],
            "sent_end_char": idx[last] + length[last],
        }
        if "sents" in doc.user_hooks:  # sentences drawn by a hook: read them as the hook gives them
            self._hooked_sentences(doc)
        self._with_child: dict[str, np.ndarray] = {}

    def _hooked_sentences(self, doc: Doc) -> None:
        names = ("sent_index", "sent_start", "sent_end", "sent_start_char", "sent_end_char")
        found = {name: np.zeros(self.n, dtype=np.int64) for name in names}
        for number, sent in enumerate(doc.sents):
            for name, value in zip(names, (number, sent.start, sent.end, sent.start_char, sent.end_char), strict=True):
                found[name][sent.start : sent.end] = value
        self._arrays.update(found)

    def array(self, name: str) -> np.ndarray:
        """A number per token as an array: ``idx`` or a sentence bound (``sent_end_char``, ...)."""
        return self._arrays[name]

    def _words(self, attr: str) -> list[str]:
        ids, at = np.unique(self._ids[ATTRS.index(attr)], return_inverse=True)
        strings = self._strings
        words = [strings[key] if key else "" for key in ids.tolist()]
        if attr == "lemma":
            words = [word.lower() for word in words]
        return [words[k] for k in at.tolist()]

    # Each string attribute as a list (``_words``), each number as a list of its array; built on first use.
    pos = _strings_of("pos")
    dep = _strings_of("dep")
    tag = _strings_of("tag")
    lower = _strings_of("lower")
    lemma = _strings_of("lemma")
    text = _strings_of("text")
    idx = _numbers_of("idx")
    sent_index = _numbers_of("sent_index")
    sent_start = _numbers_of("sent_start")
    sent_end = _numbers_of("sent_end")
    sent_start_char = _numbers_of("sent_start_char")

    @cached_property
    def head(self) -> list[int]:
        return self.heads.tolist()

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Each sentence's first token and the one past its last, in order (as ``Doc.sents``)."""
        index = self._arrays["sent_index"]
        starts = np.flatnonzero(np.r_[True, index[1:] != index[:-1]]) if self.n else np.zeros(0, np.int64)
        return list(zip(starts.tolist(), [*starts[1:].tolist(), self.n], strict=True))

    def children(self, i: int) -> list[int]:
        """Token ``i``'s dependents, in text order (as ``Token.children``)."""
        ordered, bounds = self._dependents
        return ordered[bounds[i] : bounds[i + 1]]

    @cached_property
    def _dependents(self) -> tuple[list[int], list[int]]:
        """Every dependent, by head and then in text order, and where each head's dependents start."""
        index = np.arange(self.n)
        dependent = self.heads != index
        heads, kids = self.heads[dependent], index[dependent]
        order = np.argsort(heads, kind="stable")
        return kids[order].tolist(), np.searchsorted(heads[order], np.arange(self.n + 1)).tolist()

    def codes(self, attr: str, table: Sequence[str], at: np.ndarray) -> np.ndarray:
        """The positions in ``table`` of the ``attr`` (not "lemma") of the tokens at ``at``; the table's
        last ("OTHER") for a string it does not list."""
        keys, order = self._table(table)
        found = self._ids[ATTRS.index(attr)][at]
        k = np.minimum(np.searchsorted(keys, found), len(keys) - 1)
        return np.where(keys[k] == found, order[k], len(table) - 1)

    def is_in(self, attr: str, words: Collection[str], at: np.ndarray) -> np.ndarray:
        """Whether the ``attr`` of the tokens at ``at`` is one of ``words`` (for "lemma": lowercased)."""
        if attr == "lemma":
            lemma = self.lemma
            return np.array([lemma[i] in words for i in at.tolist()], dtype=bool)
        keys, _ = self._table(tuple(words))
        found = self._ids[ATTRS.index(attr)][at]
        return keys[np.minimum(np.searchsorted(keys, found), len(keys) - 1)] == found

    def _table(self, table: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """A table's string ids, sorted, and each one's position in the table (the first, if repeated)."""
        found = _TABLES.get(table)
        if found is None:
            first = {word: i for i, word in reversed(list(enumerate(table)))}
            keys = np.array([self._strings.add(word) for word in first], dtype=np.uint64)
            order = np.argsort(keys, kind="stable")
            found = _TABLES[table] = (keys[order], np.array(list(first.values()), dtype=np.int64)[order])
        return found

    def has_child(self, dep: str) -> np.ndarray:
        """Whether each token has a dependent of relation ``dep``."""
        found = self._with_child.get(dep)
        if found is None:
            found = self._with_child[dep] = np.zeros(self.n, dtype=bool)
            is_dep = self._ids[ATTRS.index("dep")] == self._strings.add(dep)
            found[self.heads[is_dep & (self.heads != np.arange(self.n))]] = True
        return found

    def root(self, first: int, last: int) -> int:
        """The token of ``first..last`` whose head lies outside the range."""
        for i in range(first, last + 1):
            head = self.head[i]
            if head < first or head > last or head == i:
                return i
        return first


def sentence_start(token: Token) -> int:
    """The first token of ``token``'s sentence: ``token.sent.start`` without building the sentence."""
    return columns(token.doc).sent_start[token.i]


def sentence_end(token: Token) -> int:
    """One past the last token of ``token``'s sentence: ``token.sent.end``."""
    return columns(token.doc).sent_end[token.i]


def sentence_start_char(token: Token) -> int:
    """Where ``token``'s sentence starts in the text: ``token.sent.start_char``."""
    return columns(token.doc).sent_start_char[token.i]
