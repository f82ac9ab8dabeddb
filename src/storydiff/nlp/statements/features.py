"""The statement model's features, by name: one table of name → how to read it off a candidate.

Each candidate is described by the parse around it: the cue's lemma, part
of speech and dependents, how the content hangs off the cue, its length and
edges, what kind of phrase the speaker is, and which rule (if any) proposed
it. ``FEATURES`` lists every feature once, with its name, whether LightGBM
treats it as a category, and the function that computes it from a
``_View`` of one candidate (the values several features share, computed
once). ``features`` builds the rows in whatever column order it is given:
the order of the names stored in the model file, so a feature added here
cannot silently shift the shipped model's columns.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from storydiff.lexicon import SPEECH_LEMMAS
from storydiff.nlp.statements.candidates import CONTINUING_KINDS, KINDS, RULE_KINDS, Candidate
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


class _Tokens:
    """Each token's attributes as plain lists, read once per article (a spaCy
    ``Token`` is a new object on every access)."""

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, POS, TAG

        n = len(doc)
        # One array read instead of a Token object per attribute: the columns hold string ids (HEAD an offset),
        # and each distinct id is looked up once.
        columns = doc.to_array([POS, DEP, TAG, LOWER, LEMMA, ENT_TYPE]) if n else np.zeros((0, 6), dtype=np.uint64)
        ids, codes = np.unique(columns, return_inverse=True)
        strings = doc.vocab.strings
        words = [strings[key] if key else "" for key in ids.tolist()]
        lowered = [word.lower() for word in words]
        codes = codes.reshape(columns.shape).T.tolist()
        self.pos: list[str] = [words[k] for k in codes[0]]
        self.dep: list[str] = [words[k] for k in codes[1]]
        self.tag: list[str] = [words[k] for k in codes[2]]
        self.lower: list[str] = [words[k] for k in codes[3]]
        self.lemma: list[str] = [lowered[k] for k in codes[4]]
        self.ent: list[str] = [words[k] for k in codes[5]]
        self.head: list[int] = (np.arange(n) + doc.to_array(HEAD).astype("int64")).tolist() if n else []
        self.child_deps: defaultdict[int, set[str]] = defaultdict(set)  # only tokens with children get a set
        dep = self.dep
        for i, head in enumerate(self.head):
            if head != i:
                self.child_deps[head].add(dep[i])

    def root(self, first: int, last: int) -> int:
        """The token of ``first..last`` whose head lies outside the range."""
        for i in range(first, last + 1):
            head = self.head[i]
            if head < first or head > last or head == i:
                return i
        return first


class _Sentences:
    """Sentence bounds per token, computed once (``Token.sent`` searches each time)."""

    def __init__(self, doc: Doc) -> None:
        n = len(doc)
        self.start_char = [0] * n
        self.end_char = [0] * n
        self.length = [0] * n
        self.index = [0] * n
        for number, sent in enumerate(doc.sents):
            k = sent.end - sent.start
            self.index[sent.start : sent.end] = [number] * k
            self.start_char[sent.start : sent.end] = [sent.start_char] * k
            self.end_char[sent.start : sent.end] = [sent.end_char] * k
            self.length[sent.start : sent.end] = [k] * k


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
        self.tokens = _Tokens(doc)
        self.paragraphs = Paragraphs(self.text)
        self.sents = _Sentences(doc)
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


class _View:
    """One candidate as the features see it: the token indices and values several features share."""

    def __init__(self, a: _Article, item: Candidate) -> None:
        t = a.tokens
        self.a, self.t, self.s, self.text, self.item = a, t, a.sents, a.text, item
        self.c = c = a.token_at.index(item.cue[0])  # the cue's token
        self.lemma = lemma = t.lemma[c]
        self.code, self.rate, self.count = a.vocab.get(lemma, (0, 0.0, 0.0))
        self.start, self.end = start, end = item.content
        self.first = first = a.token_at.index(start)
        self.last = last = a.token_at.index(max(start, end - 1))
        self.root = root = t.root(first, last)
        self.root_head = t.head[root]
        self.siblings = siblings = a.by_cue[item.cue]  # candidates of the same cue, this one included
        self.lengths = sorted({a.items[j].content[1] - a.items[j].content[0] for j in siblings})
        self.rules = [a.items[j] for j in siblings if a.items[j].kind in RULE_KINDS]
        self.speaker = item.speaker
        self.sp = a.token_at.index(item.speaker.start)  # the speaker's first token
        self.first_word = "quote" if a.text[start] in _QUOTE_MARKS else t.lower[first]
        self.cue_idx = a.token_at.starts[c]
        self.children = t.child_deps[c]
        content = a.text[start:end]
        self.marks = sum(content.count(mark) for mark in _QUOTE_MARKS)
        verbs_inside = a.speech_before[last + 1] - a.speech_before[first]
        if first <= c <= last and t.pos[c] == "VERB" and lemma in SPEECH_LEMMAS:
            verbs_inside -= 1
        self.verbs_inside = verbs_inside
        self.gap = first - c if first > c else c - last if last < c else 0
        self.length = end - start
        # The first word after the content, and after the rule's content for the cue (``_tail``).
        self.tail = _tail(a, last)
        self.rule_tail = _tail(a, a.token_at.index(self.rules[0].content[1] - 1)) if self.rules else self.tail


def _nested_cue(v: _View) -> bool:
    """Whether the cue lies inside another rule candidate's content."""
    a, c = v.a, v.c
    own = sum(1 for r in v.rules if a.token_at.index(r.content[0]) <= c <= a.token_at.index(r.content[1] - 1))
    return a.covered[c] - own > 0


def _contains_rule_cue(v: _View) -> bool:
    """Whether the content holds the cue of another rule candidate."""
    inside = bisect_left(v.a.rule_cues, v.end) - bisect_left(v.a.rule_cues, v.start)
    if v.rules and v.start <= v.item.cue[0] < v.end:
        inside -= 1
    return inside > 0


def _tail(a: _Article, last: int) -> int:
    """The first word after token ``last`` in its sentence, past commas and "and" (-1 if none):
    what a content leaves out ("..., citing the audit": "citing")."""
    pos, index, end = a.tokens.pos, a.sents.index, a.sents.index[last]
    i = last + 1
    while i < a.n_doc and index[i] == end and (pos[i] in ("PUNCT", "CCONJ", "SPACE")):
        i += 1
    return i if i < a.n_doc and index[i] == end else -1


def _tail_code(i: int, table: Sequence[str], values: list[str]) -> int:
    """The code of token ``i``'s value (a ``_tail``), "OTHER" when there is none."""
    return _code(values[i] if i >= 0 else "OTHER", table)


def _versus_rule(v: _View) -> int:
    """Whether the content ends after (1), at (0) or before (-1) the rule's content for the cue."""
    if not v.rules:
        return 0
    end = v.rules[0].content[1]
    return (v.end > end) - (v.end < end)


def _has_child(dep: str) -> Callable[[_View], float]:
    """Whether the cue has a dependent of this relation ("child_ccomp": it governs a clause)."""
    return lambda v: dep in v.children


@dataclass(frozen=True, slots=True)
class Feature:
    """One column of the statement model: its name, its value for a candidate, whether a category."""

    name: str
    value: Callable[[_View], float]
    categorical: bool = False


# Every feature, once. The order is the order training writes into the model file;
# ``features`` follows the file's order, whatever this one is.
FEATURES: tuple[Feature, ...] = (
    Feature("kind", lambda v: KINDS.index(v.item.kind), True),
    Feature("cue_lemma", lambda v: v.code, True),
    Feature("cue_pos", lambda v: _code(v.t.pos[v.c], _POS), True),
    Feature("cue_dep", lambda v: _code(v.t.dep[v.c], _DEPS), True),
    Feature("head_pos", lambda v: _code(v.t.pos[v.t.head[v.c]], _POS), True),
    Feature("head_dep", lambda v: _code(v.t.dep[v.t.head[v.c]], _DEPS), True),
    Feature("first_word", lambda v: _code(v.first_word, _FIRST_WORDS), True),
    Feature("content_dep", lambda v: _code(v.t.dep[v.root] if v.root_head == v.c else "OTHER", _DEPS), True),
    Feature("speaker_dep", lambda v: _code(v.t.dep[v.sp], _SPEAKER_DEPS), True),
    Feature(
        "prep",
        lambda v: _code(v.t.lower[v.root_head] if v.t.dep[v.root] in ("pobj", "pcomp") else "OTHER", _PREPS),
        True,
    ),
    Feature("cue_tag", lambda v: _code(v.t.tag[v.c], _TAGS), True),
    Feature("content_pos", lambda v: _code(v.t.pos[v.root], _POS), True),
    Feature("rule_kind", lambda v: KINDS.index(v.rules[0].kind) + 1 if v.rules else 0, True),
    Feature("after_cue", lambda v: _code(v.t.lower[v.c + 1] if v.c + 1 < v.a.n_doc else "OTHER", _PREPS), True),
    Feature("lemma_rate", lambda v: v.rate),
    Feature("lemma_count_log", lambda v: v.count),
    Feature("is_rule", lambda v: v.item.kind in RULE_KINDS),
    Feature("speech_lemma", lambda v: v.lemma in SPEECH_LEMMAS),
    Feature("other_lemma", lambda v: v.lemma in OTHER_CUE_LEMMAS),
    Feature("nominal_lemma", lambda v: v.lemma in NOMINAL_CONTENT_LEMMAS),
    Feature("infinitive_lemma", lambda v: v.lemma in INFINITIVE_CONTENT_LEMMAS),
    Feature("preposition_lemma", lambda v: v.lemma in PREPOSITION_CONTENT),
    Feature("cue_in_quote", lambda v: v.a.quotes.containing(v.cue_idx, v.cue_idx + len(v.t.lower[v.c])) is not None),
    Feature("direct", lambda v: v.item.direct),
    Feature("content_tokens_log", lambda v: math.log1p(v.last - v.first + 1)),
    Feature("content_after_cue", lambda v: 1 if v.start >= v.item.cue[1] else -1 if v.end <= v.item.cue[0] else 0),
    Feature("gap_tokens", lambda v: math.log1p(v.gap)),
    Feature("content_ends_sentence", lambda v: v.end >= v.s.end_char[v.first] - 2),
    Feature("content_starts_sentence", lambda v: v.start <= v.s.start_char[v.first] + 1),
    Feature("sentence_share", lambda v: min(1.0, v.length / max(1, v.s.end_char[v.c] - v.s.start_char[v.c]))),
    Feature("quote_marks", lambda v: v.marks),
    Feature("partial_quote", lambda v: v.marks % 2 == 1),
    Feature("cue_verbs_inside", lambda v: v.verbs_inside),
    Feature("sentence_tokens_log", lambda v: math.log1p(v.s.length[v.c])),
    Feature("speaker_person", lambda v: v.t.ent[v.sp] == "PERSON"),
    Feature("speaker_pronoun", lambda v: v.t.lower[v.sp] in PERSON_PRONOUNS or v.t.pos[v.sp] == "PRON"),
    Feature("speaker_anonymous", lambda v: v.speaker.anonymous or v.t.lemma[v.sp] in ANONYMOUS_NOUNS),
    Feature("speaker_propn", lambda v: v.t.pos[v.sp] == "PROPN"),
    Feature("speaker_distance", lambda v: math.log1p(abs(v.sp - v.c))),
    Feature("speaker_in_quote", lambda v: v.a.quotes.containing(v.speaker.start, v.speaker.start + 1) is not None),
    Feature("candidates_for_cue", lambda v: len(v.siblings)),
    Feature("length_rank", lambda v: v.lengths.index(v.length) / max(1, len(v.lengths) - 1)),
    Feature("rule_for_cue", lambda v: bool(v.rules)),
    Feature("same_as_rule", lambda v: any(r.content == v.item.content for r in v.rules)),
    Feature("rule_contains", lambda v: any(r.content[0] <= v.start and v.end <= r.content[1] for r in v.rules)),
    *(Feature(f"child_{dep}", _has_child(dep)) for dep in _CHILD_FLAGS),
    Feature("cue_negated", lambda v: "neg" in v.children),
    Feature("has_recipient", lambda v: v.item.recipient is not None),
    Feature("paragraph_start", lambda v: v.s.start_char[v.c] <= v.a.paragraphs(v.cue_idx)[0] + 1),
    Feature("content_chars_log", lambda v: math.log1p(v.length)),
    Feature("contains_cue", lambda v: v.start <= v.item.cue[0] and v.item.cue[1] <= v.end),
    Feature("speaker_in_content", lambda v: v.start <= v.speaker.start < v.end),
    Feature("closing_quote", lambda v: v.text[v.end - 1] in _QUOTE_MARKS),
    Feature("next_char", lambda v: _code(v.text[v.end : v.end + 1], _NEXT_CHARS), True),
    Feature("commas", lambda v: v.text.count(",", v.start, v.end)),
    Feature("content_has_subject", lambda v: bool(v.t.child_deps[v.root] & _SUBJECT_DEPS)),
    Feature("cue_subordinate", lambda v: v.t.dep[v.c] in ("relcl", "advcl", "acl", "ccomp")),
    Feature(
        "next_word", lambda v: _code(v.t.lower[v.last + 1] if v.last + 1 < v.a.n_doc else "OTHER", _NEXT_WORDS), True
    ),
    Feature("last_pos", lambda v: _code(v.t.pos[v.last], _POS), True),
    Feature(
        "contains_rule",
        lambda v: any(
            v.start <= r.content[0] and r.content[1] <= v.end and r.content != v.item.content for r in v.rules
        ),
    ),
    Feature("share_of_longest", lambda v: v.length / max(1, v.lengths[-1])),
    Feature(
        "share_of_rule",
        lambda v: v.length / max(1, v.rules[0].content[1] - v.rules[0].content[0]) if v.rules else 0,
    ),
    Feature("continuations", lambda v: sum(v.a.items[j].kind in CONTINUING_KINDS for j in v.siblings)),
    Feature("prev_word", lambda v: _code(v.t.lower[v.first - 1] if v.first > 0 else "OTHER", _NEXT_WORDS), True),
    Feature("first_dep", lambda v: _code(v.t.dep[v.first], _DEPS), True),
    Feature("last_dep", lambda v: _code(v.t.dep[v.last], _DEPS), True),
    Feature("speaker_ent", lambda v: _code(v.t.ent[v.sp], _ENTS), True),
    Feature("nested_cue", _nested_cue),
    Feature("speaker_relative", lambda v: v.t.lower[v.sp] in ("who", "which", "that")),
    Feature("speaker_thing", lambda v: v.t.lower[v.sp] in ("it", "this", "that", "which", "they")),
    Feature("content_sentences", lambda v: v.s.index[v.last] - v.s.index[v.first]),
    Feature("contains_rule_cue", _contains_rule_cue),
    Feature("lexicon", lambda v: v.item.lexicon),
    Feature("tail_tag", lambda v: _tail_code(v.tail, _TAGS, v.t.tag), True),
    Feature("tail_dep", lambda v: _tail_code(v.tail, _DEPS, v.t.dep), True),
    Feature("tail_word", lambda v: _tail_code(v.tail, _NEXT_WORDS, v.t.lower), True),
    Feature("tail_to_head", lambda v: v.tail >= 0 and v.t.head[v.tail] in (v.root, v.c)),
    Feature("rule_tail_tag", lambda v: _tail_code(v.rule_tail, _TAGS, v.t.tag), True),
    Feature("rule_tail_dep", lambda v: _tail_code(v.rule_tail, _DEPS, v.t.dep), True),
    Feature("no_speaker", lambda v: v.speaker.start == v.speaker.end),
    Feature("versus_rule", _versus_rule),
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
    columns = [BY_NAME[name].value for name in names]
    article = _Article(doc, quotes, items, vocab)
    rows = [[value(view) for value in columns] for view in (_View(article, item) for item in items)]
    return np.array(rows, dtype=np.float32).reshape(len(items), len(columns))


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
