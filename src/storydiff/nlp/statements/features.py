"""The statement model's features, by name: one table of name → how to read it off an article's candidates.

Each candidate is described by the parse around it: the cue's lemma, part
of speech and dependents, how the content hangs off the cue, its length and
edges, what kind of phrase the speaker is, and which rule (if any) proposed
it. ``FEATURES`` lists every feature once, with its name, whether LightGBM
treats it as a category, and the function that computes it for all of an
article's candidates at once from a ``_Batch``: what each candidate's
features read, worked out in one pass over the candidates (``_candidate``,
with what the candidates of one cue share worked out once, ``_Cue``), as
arrays, and the tokens' attributes as ``columns`` keeps them. ``features``
builds the rows in whatever column order it is given: the order of the
names stored in the model file, so a feature added here cannot silently
shift the shipped model's columns.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from storydiff.lexicon import SPEECH_LEMMAS
from storydiff.nlp.statements.candidates import CONTINUING_KINDS, KINDS, RULE_KINDS, Candidate
from storydiff.nlp.statements.columns import columns
from storydiff.nlp.statements.cues import (
    ANONYMOUS_NOUNS,
    INFINITIVE_CONTENT_LEMMAS,
    NOMINAL_CONTENT_LEMMAS,
    OTHER_CUE_LEMMAS,
    PERSON_PRONOUNS,
    PREPOSITION_CONTENT,
)
from storydiff.nlp.statements.positions import Paragraphs, TokenAt, doc_text
from storydiff.nlp.statements.quotes import QuoteIndex

# Raised whenever what a feature means changes (not when one is added: names catch that).
FEATURE_VERSION = 8

# The categories of categorical features; the last of each is "anything else".
_POS = ("VERB", "NOUN", "ADJ", "AUX", "PROPN", "ADP", "PUNCT", "ADV", "PRON", "OTHER")
_DEPS = (
    "ROOT", "ccomp", "xcomp", "advcl", "conj", "dobj", "pobj", "nsubj", "nsubjpass", "acl",
    "relcl", "amod", "acomp", "attr", "compound", "appos", "prep", "pcomp", "csubj", "parataxis",
    "dep", "oprd", "poss", "npadvmod", "advmod", "OTHER",
)  # fmt: skip
_FIRST_WORDS = ("that", "to", "whether", "if", "how", "what", "why", "quote", "OTHER")
_PREPS = ("for", "of", "on", "about", "to", "against", "with", "over", "as", "at", "in", "OTHER")
_SPEAKER_DEPS = ("nsubj", "nsubjpass", "poss", "pobj", "compound", "amod", "appos", "OTHER")
_ENTS = ("PERSON", "ORG", "NORP", "GPE", "", "OTHER")
_NEXT_WORDS = (
    "and", "but", "while", "who", "which", "as", "after", "because", "that", "said", "says",
    "saying", ",", ".", ";", ":", "(", "-", "—", "–", "“", '"', "'", "”", "according", "when",
    "where", "before", "since", "although", "though", "or", "to", "in", "on", "for", "with", "by",
    "OTHER",
)  # fmt: skip
_TAGS = ("VBD", "VBZ", "VBG", "VBN", "VB", "VBP", "NN", "NNS", "JJ", "NNP", "OTHER")
_NEXT_CHARS = (".", ",", "\n", '"', "”", ";", ":", ")", "?", "!", "OTHER")
_CHILD_FLAGS = ("ccomp", "xcomp", "dobj", "prep", "nsubj", "nsubjpass", "agent", "poss", "neg", "acl")
_QUOTE_MARKS = frozenset('"“”«»')
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})


def _code(value: str, table: Sequence[str]) -> int:
    """The value's position in its table; the table's last ("OTHER") for a value it does not list."""
    try:
        codes, other = _CODES[id(table)]
    except KeyError:
        codes, other = _CODES[id(table)] = ({v: i for i, v in reversed(list(enumerate(table)))}, len(table) - 1)
    return codes.get(value, other)


_CODES: dict[int, tuple[dict[str, int], int]] = {}  # each table's positions by value, built on first use


class _Article:
    """What every candidate of one article reads: its tokens, sentences, quotes, the rules' spans."""

    def __init__(
        self,
        doc: Doc,
        quotes: QuoteIndex,
        items: Sequence[Candidate],
        vocab: dict[str, tuple[int, float, float]],
    ) -> None:
        self.text = doc_text(doc)
        self.quotes = quotes
        self.items = items
        self.vocab = vocab
        self.token_at = TokenAt(doc)
        self.tokens = columns(doc)
        self.paragraphs = Paragraphs(self.text)
        self.speech_before = _speech_verbs_before(doc)
        self.n_doc = len(doc)
        self.by_cue: dict[tuple[int, int], list[int]] = {}
        for i, item in enumerate(items):
            self.by_cue.setdefault(item.cue, []).append(i)
        # Where rule candidates' contents and cues lie, for "inside another statement"
        # and "holds another statement's cue" without comparing every pair.
        rule_items = [item for item in items if item.kind in RULE_KINDS]
        covered = [0] * (self.n_doc + 1)
        for item in rule_items:
            covered[self.token_at.index(item.content[0])] += 1
            covered[self.token_at.index(item.content[1] - 1) + 1] -= 1
        for k in range(1, self.n_doc + 1):
            covered[k] += covered[k - 1]
        self.covered = covered
        self.rule_cues = sorted({item.cue[0] for item in rule_items})


def _tail(a: _Article, last: int) -> int:
    """The first word after token ``last`` in its sentence, past commas and "and" (-1 if none):
    what a content leaves out ("..., citing the audit": "citing")."""
    pos, index, end = a.tokens.pos, a.tokens.sent_index, a.tokens.sent_index[last]
    i = last + 1
    while i < a.n_doc and index[i] == end and (pos[i] in ("PUNCT", "CCONJ", "SPACE")):
        i += 1
    return i if i < a.n_doc and index[i] == end else -1


@dataclass(frozen=True, slots=True)
class _Cue:
    """What the candidates of one cue share: its token and lemma, and its other candidates (the rules' first)."""

    c: int  # the cue's token
    lemma_code: int
    rate: float
    count: float
    speech_verb: bool  # a verb of speech, which a content holding the cue does not count among its own
    in_quote: bool
    rules: list[Candidate]
    rule_kind: int  # the first rule's kind, plus one; 0 for none
    rule_tail: int  # the ``_tail`` of the first rule's content (-1 for none)
    nested: bool  # the cue lies inside another rule candidate's content
    siblings: int  # how many candidates the cue has
    continuations: int
    lengths: list[int]  # the distinct lengths of its candidates' contents, sorted


def _cue(a: _Article, cue: tuple[int, int], siblings: list[int]) -> _Cue:
    t = a.tokens
    c = a.token_at.index(cue[0])
    lemma = t.lemma[c]
    code, rate, count = a.vocab.get(lemma, (0, 0.0, 0.0))
    items = [a.items[j] for j in siblings]
    rules = [item for item in items if item.kind in RULE_KINDS]
    index = a.token_at.index
    own = sum(1 for r in rules if index(r.content[0]) <= c <= index(r.content[1] - 1))
    start = a.token_at.starts[c]
    return _Cue(
        c, code, rate, count, t.pos[c] == "VERB" and lemma in SPEECH_LEMMAS,
        a.quotes.containing(start, start + len(t.lower[c])) is not None,
        rules, _KIND_CODES[rules[0].kind] + 1 if rules else 0,
        _tail(a, index(rules[0].content[1] - 1)) if rules else -1,
        a.covered[c] - own > 0, len(items), sum(item.kind in CONTINUING_KINDS for item in items),
        sorted({item.content[1] - item.content[0] for item in items}),
    )  # fmt: skip


# The values each candidate's features read, in the order ``_candidate`` gives them.
_VALUES = (
    "c", "first", "last", "root", "sp", "tail", "rule_tail", "start", "end", "cue_start", "cue_end", "sp_start",
    "lemma_code", "rate", "count", "marks", "verbs_inside", "gap", "kind", "rule_kind", "is_rule", "direct",
    "lexicon", "has_recipient", "no_speaker", "anonymous", "quote_start", "cue_in_quote", "speaker_in_quote",
    "candidates_for_cue", "length_rank", "rule_for_cue", "same_as_rule", "rule_contains", "contains_rule",
    "share_of_longest", "share_of_rule", "versus_rule", "continuations", "nested_cue", "contains_rule_cue",
    "closing_quote", "next_char", "commas",
)  # fmt: skip


def _candidate(a: _Article, item: Candidate, cue: _Cue) -> tuple[float, ...]:
    """One candidate's values, in ``_VALUES`` order."""
    text, index, t = a.text, a.token_at.index, a.tokens
    c = cue.c
    start, end = item.content
    first = index(start)
    last = index(max(start, end - 1))
    sp_start = item.speaker.start
    marks = 0
    for mark in _QUOTE_MARKS:
        marks += text.count(mark, start, end)
    verbs_inside = a.speech_before[last + 1] - a.speech_before[first]
    if cue.speech_verb and first <= c <= last:
        verbs_inside -= 1
    length = end - start
    tail = _tail(a, last)
    rules, lengths = cue.rules, cue.lengths
    if rules:
        rule = rules[0].content
        share_of_rule = length / max(1, rule[1] - rule[0])
        versus_rule = (end > rule[1]) - (end < rule[1])
        rule_tail = cue.rule_tail
    else:
        share_of_rule = versus_rule = 0
        rule_tail = tail
    rule_cues = a.rule_cues
    cues_inside = bisect_left(rule_cues, end) - bisect_left(rule_cues, start)
    if rules and start <= item.cue[0] < end:
        cues_inside -= 1
    return (
        c, first, last, t.root(first, last), index(sp_start), tail, rule_tail, start, end, item.cue[0], item.cue[1],
        sp_start, cue.lemma_code, cue.rate, cue.count, marks, verbs_inside,
        first - c if first > c else c - last if last < c else 0,
        _KIND_CODES[item.kind], cue.rule_kind, item.kind in RULE_KINDS, item.direct, item.lexicon,
        item.recipient is not None, sp_start == item.speaker.end, item.speaker.anonymous,
        text[start] in _QUOTE_MARKS, cue.in_quote, a.quotes.containing(sp_start, sp_start + 1) is not None,
        cue.siblings, lengths.index(length) / max(1, len(lengths) - 1), bool(rules),
        any(r.content == item.content for r in rules),
        any(r.content[0] <= start and end <= r.content[1] for r in rules),
        any(start <= r.content[0] and r.content[1] <= end and r.content != item.content for r in rules),
        length / max(1, lengths[-1]), share_of_rule, versus_rule, cue.continuations, cue.nested, cues_inside > 0,
        text[end - 1] in _QUOTE_MARKS, _code(text[end : end + 1], _NEXT_CHARS), text.count(",", start, end),
    )  # fmt: skip


class _Batch:
    """All candidates of one article at once: each value the features read as an array, one entry per
    candidate (``values[name]``, the token indices also as integer attributes)."""

    def __init__(self, a: _Article) -> None:
        self.a, self.t, self.n_doc = a, a.tokens, a.n_doc
        cues = {cue: _cue(a, cue, siblings) for cue, siblings in a.by_cue.items()}
        rows = np.array([_candidate(a, item, cues[item.cue]) for item in a.items], dtype=np.float64)
        self.values = dict(zip(_VALUES, rows.T, strict=True))

        def whole(name: str) -> np.ndarray:
            return self.values[name].astype(np.int64)

        self.c, self.first, self.last, self.root, self.sp = (whole(k) for k in ("c", "first", "last", "root", "sp"))
        self.tail, self.rule_tail, self.start, self.end = (whole(k) for k in ("tail", "rule_tail", "start", "end"))
        self.cue_start, self.cue_end, self.sp_start = whole("cue_start"), whole("cue_end"), whole("sp_start")
        self.marks, self.length = whole("marks"), self.end - self.start
        self.root_head = self.t.heads[self.root]

    def code(self, attr: str, table: Sequence[str], at: np.ndarray) -> np.ndarray:
        """The codes in ``table`` of the ``attr`` of the tokens at ``at``."""
        return self.t.codes(attr, table, at)

    def code_or_other(self, attr: str, table: Sequence[str], at: np.ndarray) -> np.ndarray:
        """As ``code``, with "OTHER" where ``at`` is no token (negative or past the end)."""
        inside = (at >= 0) & (at < self.n_doc)
        return np.where(inside, self.code(attr, table, np.clip(at, 0, self.n_doc - 1)), len(table) - 1)

    def flag(self, attr: str, words: Collection[str], at: np.ndarray) -> np.ndarray:
        """Whether the ``attr`` of the tokens at ``at`` is one of ``words``."""
        return self.t.is_in(attr, words, at)


def _value(name: str) -> Callable[[_Batch], np.ndarray]:
    """A feature that is one of ``_VALUES``."""
    return lambda b: b.values[name]


def _has_child(dep: str) -> Callable[[_Batch], np.ndarray]:
    """Whether the cue has a dependent of this relation ("child_ccomp": it governs a clause)."""
    return lambda b: b.t.has_child(dep)[b.c]


def _either(values: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (values == a) | (values == b)


def _paragraph_starts(a: _Article, positions: np.ndarray) -> np.ndarray:
    """Where the paragraph around each character offset starts (``Paragraphs`` at once)."""
    starts = np.array(a.paragraphs.starts, dtype=np.int64)
    return starts[np.searchsorted(starts, positions, side="right") - 1]


def _log1p(values: np.ndarray) -> list[float]:
    """``math.log1p`` of each value (numpy's may differ from libm's in the last bit)."""
    return [math.log1p(x) for x in values.tolist()]


@dataclass(frozen=True, slots=True)
class Feature:
    """One column of the statement model: its name, its values for an article's candidates, whether a category."""

    name: str
    value: Callable[[_Batch], np.ndarray | list[float]]
    categorical: bool = False


_CONTENT_PREPS = frozenset({"pobj", "pcomp"})
_SUBORDINATE = frozenset({"relcl", "advcl", "acl", "ccomp"})
_RELATIVES = frozenset({"who", "which", "that"})
_THINGS = frozenset({"it", "this", "that", "which", "they"})
_PERSON, _PRON, _PROPN, _VERB = frozenset({"PERSON"}), frozenset({"PRON"}), frozenset({"PROPN"}), frozenset({"VERB"})
_KIND_CODES = {kind: i for i, kind in reversed(list(enumerate(KINDS)))}

# Every feature, once. The order is the order training writes into the model file;
# ``features`` follows the file's order, whatever this one is.
FEATURES: tuple[Feature, ...] = (
    Feature("kind", _value("kind"), True),
    Feature("cue_lemma", _value("lemma_code"), True),
    Feature("cue_pos", lambda b: b.code("pos", _POS, b.c), True),
    Feature("cue_dep", lambda b: b.code("dep", _DEPS, b.c), True),
    Feature("head_pos", lambda b: b.code("pos", _POS, b.t.heads[b.c]), True),
    Feature("head_dep", lambda b: b.code("dep", _DEPS, b.t.heads[b.c]), True),
    Feature(
        "first_word",
        lambda b: np.where(b.values["quote_start"] != 0, _code("quote", _FIRST_WORDS),
                           b.code("lower", _FIRST_WORDS, b.first)),
        True,
    ),
    Feature("content_dep", lambda b: np.where(b.root_head == b.c, b.code("dep", _DEPS, b.root), len(_DEPS) - 1),
            True),
    Feature("speaker_dep", lambda b: b.code("dep", _SPEAKER_DEPS, b.sp), True),
    Feature(
        "prep",
        lambda b: np.where(b.flag("dep", _CONTENT_PREPS, b.root), b.code("lower", _PREPS, b.root_head),
                           len(_PREPS) - 1),
        True,
    ),
    Feature("cue_tag", lambda b: b.code("tag", _TAGS, b.c), True),
    Feature("content_pos", lambda b: b.code("pos", _POS, b.root), True),
    Feature("rule_kind", _value("rule_kind"), True),
    Feature("after_cue", lambda b: b.code_or_other("lower", _PREPS, b.c + 1), True),
    Feature("lemma_rate", _value("rate")),
    Feature("lemma_count_log", _value("count")),
    Feature("is_rule", _value("is_rule")),
    Feature("speech_lemma", lambda b: b.flag("lemma", SPEECH_LEMMAS, b.c)),
    Feature("other_lemma", lambda b: b.flag("lemma", OTHER_CUE_LEMMAS, b.c)),
    Feature("nominal_lemma", lambda b: b.flag("lemma", NOMINAL_CONTENT_LEMMAS, b.c)),
    Feature("infinitive_lemma", lambda b: b.flag("lemma", INFINITIVE_CONTENT_LEMMAS, b.c)),
    Feature("preposition_lemma", lambda b: b.flag("lemma", PREPOSITION_CONTENT, b.c)),
    Feature("cue_in_quote", _value("cue_in_quote")),
    Feature("direct", _value("direct")),
    Feature("content_tokens_log", lambda b: _log1p(b.last - b.first + 1)),
    Feature("content_after_cue", lambda b: np.where(b.start >= b.cue_end, 1, np.where(b.end <= b.cue_start, -1, 0))),
    Feature("gap_tokens", lambda b: _log1p(b.values["gap"])),
    Feature("content_ends_sentence", lambda b: b.end >= b.t.array("sent_end_char")[b.first] - 2),
    Feature("content_starts_sentence", lambda b: b.start <= b.t.array("sent_start_char")[b.first] + 1),
    Feature(
        "sentence_share",
        lambda b: np.minimum(
            1.0, b.length / np.maximum(1, b.t.array("sent_end_char")[b.c] - b.t.array("sent_start_char")[b.c])
        ),
    ),
    Feature("quote_marks", _value("marks")),
    Feature("partial_quote", lambda b: b.marks % 2 == 1),
    Feature("cue_verbs_inside", _value("verbs_inside")),
    Feature("sentence_tokens_log",
            lambda b: _log1p(b.t.array("sent_end")[b.c] - b.t.array("sent_start")[b.c])),
    Feature("speaker_person", lambda b: b.flag("ent", _PERSON, b.sp)),
    Feature("speaker_pronoun", lambda b: b.flag("lower", PERSON_PRONOUNS, b.sp) | b.flag("pos", _PRON, b.sp)),
    Feature(
        "speaker_anonymous",
        lambda b: (b.values["anonymous"] != 0) | b.flag("lemma", ANONYMOUS_NOUNS, b.sp),
    ),
    Feature("speaker_propn", lambda b: b.flag("pos", _PROPN, b.sp)),
    Feature("speaker_distance", lambda b: _log1p(np.abs(b.sp - b.c))),
    Feature("speaker_in_quote", _value("speaker_in_quote")),
    Feature("candidates_for_cue", _value("candidates_for_cue")),
    Feature("length_rank", _value("length_rank")),
    Feature("rule_for_cue", _value("rule_for_cue")),
    Feature("same_as_rule", _value("same_as_rule")),
    Feature("rule_contains", _value("rule_contains")),
    *(Feature(f"child_{dep}", _has_child(dep)) for dep in _CHILD_FLAGS),
    Feature("cue_negated", _has_child("neg")),
    Feature("has_recipient", _value("has_recipient")),
    Feature(
        "paragraph_start",
        lambda b: b.t.array("sent_start_char")[b.c] <= _paragraph_starts(b.a, b.t.array("idx")[b.c]) + 1,
    ),
    Feature("content_chars_log", lambda b: _log1p(b.length)),
    Feature("contains_cue", lambda b: (b.start <= b.cue_start) & (b.cue_end <= b.end)),
    Feature("speaker_in_content", lambda b: (b.start <= b.sp_start) & (b.sp_start < b.end)),
    Feature("closing_quote", _value("closing_quote")),
    Feature("next_char", _value("next_char"), True),
    Feature("commas", _value("commas")),
    Feature("content_has_subject",
            lambda b: b.t.has_child("nsubj")[b.root] | b.t.has_child("nsubjpass")[b.root]
            | b.t.has_child("expl")[b.root]),
    Feature("cue_subordinate", lambda b: b.flag("dep", _SUBORDINATE, b.c)),
    Feature("next_word", lambda b: b.code_or_other("lower", _NEXT_WORDS, b.last + 1), True),
    Feature("last_pos", lambda b: b.code("pos", _POS, b.last), True),
    Feature("contains_rule", _value("contains_rule")),
    Feature("share_of_longest", _value("share_of_longest")),
    Feature("share_of_rule", _value("share_of_rule")),
    Feature("continuations", _value("continuations")),
    Feature("prev_word", lambda b: b.code_or_other("lower", _NEXT_WORDS, b.first - 1), True),
    Feature("first_dep", lambda b: b.code("dep", _DEPS, b.first), True),
    Feature("last_dep", lambda b: b.code("dep", _DEPS, b.last), True),
    Feature("speaker_ent", lambda b: b.code("ent", _ENTS, b.sp), True),
    Feature("nested_cue", _value("nested_cue")),
    Feature("speaker_relative", lambda b: b.flag("lower", _RELATIVES, b.sp)),
    Feature("speaker_thing", lambda b: b.flag("lower", _THINGS, b.sp)),
    Feature("content_sentences", lambda b: b.t.array("sent_index")[b.last] - b.t.array("sent_index")[b.first]),
    Feature("contains_rule_cue", _value("contains_rule_cue")),
    Feature("lexicon", _value("lexicon")),
    Feature("tail_tag", lambda b: b.code_or_other("tag", _TAGS, b.tail), True),
    Feature("tail_dep", lambda b: b.code_or_other("dep", _DEPS, b.tail), True),
    Feature("tail_word", lambda b: b.code_or_other("lower", _NEXT_WORDS, b.tail), True),
    Feature(
        "tail_to_head",
        lambda b: (b.tail >= 0) & _either(b.t.heads[np.maximum(b.tail, 0)], b.root, b.c),
    ),
    Feature("rule_tail_tag", lambda b: b.code_or_other("tag", _TAGS, b.rule_tail), True),
    Feature("rule_tail_dep", lambda b: b.code_or_other("dep", _DEPS, b.rule_tail), True),
    Feature("no_speaker", _value("no_speaker")),
    Feature("versus_rule", _value("versus_rule")),
)
FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)
BY_NAME: dict[str, Feature] = {f.name: f for f in FEATURES}
assert len(BY_NAME) == len(FEATURES), "two features share a name"
# Column indices of the categorical features, in ``FEATURE_NAMES`` order (for training).
CATEGORICAL: tuple[int, ...] = tuple(i for i, f in enumerate(FEATURES) if f.categorical)


def features(
    doc: Doc,
    quotes: QuoteIndex,
    items: Sequence[Candidate],
    vocab: dict[str, tuple[int, float, float]],
    names: Sequence[str] = FEATURE_NAMES,
) -> np.ndarray:
    """One row per candidate, one column per name of ``names`` (a model file's order).

    Raises ``KeyError`` for a name no feature has; ``choice.model_from_payload``
    checks a model's names before it is ever used.
    """
    values = [BY_NAME[name].value for name in names]
    if not items:
        return np.zeros((0, len(values)), dtype=np.float32)
    article = _Article(doc, quotes, items, vocab)
    batch = _Batch(article)
    rows = np.empty((len(items), len(values)), dtype=np.float64)
    for k, value in enumerate(values):
        rows[:, k] = value(batch)
    return rows.astype(np.float32)


def _speech_verbs_before(doc: Doc) -> list[int]:
    """How many verbs of speech precede each token index (a prefix sum)."""
    from spacy.attrs import LEMMA, POS
    from spacy.symbols import VERB

    if not len(doc):
        return [0]
    ids = np.array([doc.vocab.strings.add(lemma) for lemma in sorted(SPEECH_LEMMAS)], dtype=np.uint64)
    arr = doc.to_array([POS, LEMMA])
    flags = (arr[:, 0] == VERB) & np.isin(arr[:, 1], ids)
    return [0, *np.cumsum(flags).tolist()]
