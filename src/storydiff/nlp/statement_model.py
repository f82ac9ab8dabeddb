"""The learned half of statement extraction: more candidates, then a model chooses.

The rules of ``attributions.py`` propose statements; this module adds the
candidates rules do not reach, from a cue vocabulary learned on PolNeAR's
train split ("was critical *of* X", "his support *for* X", "her decision *to*
X", "made clear *that* X"), and the other plausible content spans of every
cue (a clause with or without its trailing aside, an object, a prepositional
object). A gradient-boosted model (LightGBM, ``scripts/train_statements.py``)
scores each candidate on features of the parse around it: the cue's lemma,
part of speech and dependents, how the content hangs off the cue, its length
and edges, what kind of phrase the speaker is, and which rule (if any)
proposed it. ``choose`` keeps the best-scoring candidate per cue above a
threshold, and never two that mostly cover the same words.

The model ships as one gzipped JSON file (``storydiff/data/statement-model.json.gz``):
the LightGBM model as text, the learned cue vocabulary with each lemma's code,
cue rate and count, and the two thresholds. No pickle.
"""

from __future__ import annotations

import gzip
import json
import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from spacy.tokens import Doc, Token

from storydiff.errors import ModelError
from storydiff.models import Recipient, Speaker, When
from storydiff.nlp.cues import (
    ANONYMOUS_NOUNS,
    INFINITIVE_CONTENT_LEMMAS,
    NOMINAL_CONTENT_LEMMAS,
    OTHER_CUE_LEMMAS,
    PERSON_PRONOUNS,
    PREPOSITION_CONTENT,
    SPEECH_LEMMAS,
)
from storydiff.nlp.quotes import QuoteIndex
from storydiff.nlp.reported import content_span, doc_text, trim_edges
from storydiff.nlp.speakers import NameIndex, describe, find_subject

MODEL_FILE = "statement-model.json.gz"
RULE_MARGIN = 0.05  # how much closer a rule's content may score and still be preferred
FEATURE_VERSION = 8
_REBUILD = "python scripts/train_statements.py"


@dataclass(slots=True)
class Found:
    """A statement before it gets its id: spans as character ranges.

    ``kind`` says where it came from: a rule ("quote_before", "governed", ...)
    or a template of this module ("t:ccomp", "t:prep", ...).
    """

    speaker: Speaker
    cue: tuple[int, int]
    content: tuple[int, int]
    direct: bool
    recipient: Recipient | None = None
    when: When | None = None
    kind: str = "governed"
    lexicon: bool = False  # a rule's cue from the lexicon of speech ("said", "rowed back on")


# Where a candidate came from. Rules first, templates after; the order is part
# of the model's categories, so a change here needs FEATURE_VERSION raised.
KINDS = (
    "quote_before",
    "quote_after",
    "parenthetical",
    "governed",
    "according",
    "colon",
    "pending",
    "continued",
    "t:ccomp",
    "t:xcomp",
    "t:dobj",
    "t:acl",
    "t:oprd",
    "t:attr",
    "t:csubj",
    "t:advcl",
    "t:prep",
    "t:passive",
)
RULE_KINDS = frozenset(KINDS[:8])
# Candidates that share a cue with the statement they continue.
CONTINUING_KINDS = frozenset({"pending", "continued"})
_POS = ("VERB", "NOUN", "ADJ", "AUX", "PROPN", "ADP", "PUNCT", "ADV", "PRON", "OTHER")
_DEPS = [
    "ROOT",
    "ccomp",
    "xcomp",
    "advcl",
    "conj",
    "dobj",
    "pobj",
    "nsubj",
    "nsubjpass",
    "acl",
    "relcl",
    "amod",
    "acomp",
    "attr",
    "compound",
    "appos",
    "prep",
    "pcomp",
    "csubj",
    "parataxis",
    "dep",
    "oprd",
    "poss",
    "npadvmod",
    "advmod",
    "OTHER",
]
_FIRST_WORDS = ("that", "to", "whether", "if", "how", "what", "why", "quote", "OTHER")
_PREPS = ("for", "of", "on", "about", "to", "against", "with", "over", "as", "at", "in", "OTHER")
_SPEAKER_DEPS = ("nsubj", "nsubjpass", "poss", "pobj", "compound", "amod", "appos", "OTHER")
_QUOTE_MARKS = frozenset('"“”«»')
_TEMPLATE_DEPS = {
    "ccomp": "t:ccomp",
    "xcomp": "t:xcomp",
    "dobj": "t:dobj",
    "acl": "t:acl",
    "oprd": "t:oprd",
    "attr": "t:attr",
    "csubj": "t:csubj",
    "advcl": "t:advcl",
}
_TEMPLATE_POS = frozenset({"VERB", "NOUN", "ADJ"})
_CHILD_FLAGS = ("ccomp", "xcomp", "dobj", "prep", "nsubj", "nsubjpass", "agent", "poss", "neg", "acl")

FEATURE_NAMES: tuple[str, ...] = (
    "kind",
    "cue_lemma",
    "cue_pos",
    "cue_dep",
    "head_pos",
    "head_dep",
    "first_word",
    "content_dep",
    "speaker_dep",
    "prep",
    "cue_tag",
    "content_pos",
    "rule_kind",
    "after_cue",
    "lemma_rate",
    "lemma_count_log",
    "is_rule",
    "speech_lemma",
    "other_lemma",
    "nominal_lemma",
    "infinitive_lemma",
    "preposition_lemma",
    "cue_in_quote",
    "direct",
    "content_tokens_log",
    "content_after_cue",
    "gap_tokens",
    "content_ends_sentence",
    "content_starts_sentence",
    "sentence_share",
    "quote_marks",
    "partial_quote",
    "cue_verbs_inside",
    "sentence_tokens_log",
    "speaker_person",
    "speaker_pronoun",
    "speaker_anonymous",
    "speaker_propn",
    "speaker_distance",
    "speaker_in_quote",
    "candidates_for_cue",
    "length_rank",
    "rule_for_cue",
    "same_as_rule",
    "rule_contains",
    *(f"child_{d}" for d in _CHILD_FLAGS),
    "cue_negated",
    "has_recipient",
    "paragraph_start",
    "content_chars_log",
    "contains_cue",
    "speaker_in_content",
    "closing_quote",
    "next_char",
    "commas",
    "content_has_subject",
    "cue_subordinate",
    "next_word",
    "last_pos",
    "contains_rule",
    "share_of_longest",
    "share_of_rule",
    "continuations",
    "prev_word",
    "first_dep",
    "last_dep",
    "speaker_ent",
    "nested_cue",
    "speaker_relative",
    "speaker_thing",
    "content_sentences",
    "contains_rule_cue",
    "lexicon",
)
assert len(FEATURE_NAMES) == 72 + len(_CHILD_FLAGS)  # ``features`` fills every column
CATEGORICAL = (
    *range(14),
    *(
        FEATURE_NAMES.index(n)
        for n in (
            "next_char",
            "next_word",
            "last_pos",
            "prev_word",
            "first_dep",
            "last_dep",
            "speaker_ent",
        )
    ),
)
_ENTS = ("PERSON", "ORG", "NORP", "GPE", "", "OTHER")
_NEXT_WORDS = tuple(
    [
        "and",
        "but",
        "while",
        "who",
        "which",
        "as",
        "after",
        "because",
        "that",
        "said",
        "says",
        "saying",
        ",",
        ".",
        ";",
        ":",
        "(",
        "-",
        "—",
        "–",
        "“",
        '"',
        "'",
        "”",
        "according",
        "when",
        "where",
        "before",
        "since",
        "although",
        "though",
        "or",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "OTHER",
    ]
)
_TAGS = ("VBD", "VBZ", "VBG", "VBN", "VB", "VBP", "NN", "NNS", "JJ", "NNP", "OTHER")
_NEXT_CHARS = (".", ",", "\n", '"', "”", ";", ":", ")", "?", "!", "OTHER")


@dataclass(frozen=True, slots=True)
class StatementModel:
    """The loaded model: the booster, the learned cue vocabulary and the threshold."""

    booster: Any
    vocab: dict[str, tuple[int, float, float]]  # lemma -> (code, cue rate, log count)
    threshold: float
    lexicon_threshold: float


@lru_cache(maxsize=1)
def load_model() -> StatementModel:
    """The shipped statement model, loaded once."""
    location = f"storydiff/data/{MODEL_FILE}"
    resource = resources.files("storydiff.data").joinpath(MODEL_FILE)
    if not resource.is_file():
        raise ModelError(f"the statement model {location} is missing; rebuild it with: {_REBUILD}")
    payload = json.loads(gzip.decompress(resource.read_bytes()))
    return model_from_payload(payload, location)


def model_from_payload(payload: dict[str, Any], location: str = "the statement model") -> StatementModel:
    """A ``StatementModel`` from the JSON the training script writes."""
    try:
        import lightgbm
    except ImportError as exc:
        raise ModelError("the statement model needs LightGBM; run: pip install lightgbm") from exc
    try:
        if payload["feature_version"] != FEATURE_VERSION or tuple(payload["feature_names"]) != FEATURE_NAMES:
            raise ModelError(
                f"{location} was built for other features (version {payload['feature_version']}, "
                f"this code has {FEATURE_VERSION}); rebuild it with: {_REBUILD}"
            )
        booster = lightgbm.Booster(model_str=payload["lightgbm"])
        vocab = {k: (int(v[0]), float(v[1]), float(v[2])) for k, v in payload["vocab"].items()}
        threshold = float(payload["threshold"])
        lexicon_threshold = float(payload["lexicon_threshold"])
    except (ValueError, KeyError, TypeError, lightgbm.basic.LightGBMError) as exc:
        raise ModelError(f"{location} cannot be read ({exc}); rebuild it with: {_REBUILD}") from exc
    return StatementModel(booster, vocab, threshold, lexicon_threshold)


# ---------------------------------------------------------------- candidates


def template_candidates(
    doc: Doc,
    quotes: QuoteIndex,
    names: NameIndex,
    vocab: dict[str, tuple[int, float, float]],
    paragraph_of: Paragraphs,
) -> list[Found]:
    """Candidates from cue words of the learned vocabulary: each content a cue can govern.

    A cue word inside a quotation is mostly the speaker's own word: it gets none.
    """
    text = doc_text(doc)
    out: list[Found] = []
    for tok in doc:
        if tok.pos_ not in _TEMPLATE_POS or tok.lemma_.lower() not in vocab:
            continue
        if quotes.containing(tok.idx, tok.idx + len(tok)) is not None:
            continue
        speaker_tok = template_speaker(tok)
        if speaker_tok is None or speaker_tok.lower_ == "there":
            continue
        para_start, para_end = paragraph_of(tok.idx)
        spans: dict[tuple[int, int], str] = {}
        for child in tok.children:
            if not para_start <= child.idx < para_end or child.i == speaker_tok.i:
                continue
            kind = _TEMPLATE_DEPS.get(child.dep_)
            if kind is not None:
                if child.dep_ == "advcl" and child.i < tok.i:
                    continue
                for span in (_edges(child), content_span(child, tok)):
                    spans.setdefault(span, kind)
            elif child.dep_ == "prep" and child.i > tok.i:
                objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objs:
                    spans.setdefault(_edges(objs[0]), "t:prep")
                    spans.setdefault((objs[0].left_edge.idx, _edges(child)[1]), "t:prep")
        if speaker_tok.dep_ == "pobj" and speaker_tok.head.dep_ == "agent":
            # "The plan was rejected by most voters": what the agent rejected is the subject.
            for child in tok.children:
                if child.dep_ == "nsubjpass":
                    spans.setdefault(_edges(child), "t:passive")
        if not spans:
            continue
        speaker = None
        for (start, end), kind in spans.items():
            start, end = trim_edges(text, max(start, para_start), min(end, para_end))
            if end - start < 2 or (start <= speaker_tok.idx < end):
                continue
            if speaker is None:
                speaker = describe(speaker_tok, names)
            direct = text[start] in '"“«' and text[end - 1] in '"”»'
            out.append(Found(speaker, (tok.idx, tok.idx + len(tok)), (start, end), direct, kind=kind))
    return out


def template_speaker(tok: Token) -> Token | None:
    """Who a templated cue belongs to: the subject, the agent, the possessor."""
    for child in tok.children:
        if child.dep_ == "agent":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    if tok.pos_ == "NOUN":
        for child in tok.children:
            if child.dep_ == "poss":
                return child
        for child in tok.lefts:
            named = child.pos_ == "PROPN" or child.ent_type_ in ("NORP", "PERSON", "ORG")
            if child.dep_ in ("compound", "amod") and named:
                return child
        head = tok.head
        if tok.dep_ == "pobj":
            head = head.head
        if tok.dep_ in ("dobj", "pobj", "attr") and head.pos_ in ("VERB", "AUX"):
            return next((c for c in head.children if c.dep_ == "nsubj"), None)
        return None
    if tok.pos_ == "ADJ":
        if tok.dep_ in ("acomp", "amod", "oprd") and tok.head.pos_ in ("AUX", "VERB"):
            return next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return None
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN"):
        return tok.head  # "placards supporting Sanders", "voters backing the plan"
    return find_subject(tok)


def _edges(tok: Token) -> tuple[int, int]:
    last = tok.right_edge
    return tok.left_edge.idx, last.idx + len(last)


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


# ------------------------------------------------------------------ features


class TokenAt:
    """The token at a character offset."""

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import IDX

        self.doc = doc
        self.starts = doc.to_array([IDX]).tolist() if len(doc) else []

    def index(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def __call__(self, pos: int) -> Token:
        return self.doc[self.index(pos)]


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


def _code(value: str, table: Sequence[str]) -> int:
    try:
        return table.index(value)
    except ValueError:
        return len(table) - 1


class _Tokens:
    """Each token's attributes as plain lists, read once per article (a spaCy
    ``Token`` is a new object on every access)."""

    def __init__(self, doc: Doc) -> None:
        n = len(doc)
        self.pos: list[str] = [""] * n
        self.dep: list[str] = [""] * n
        self.tag: list[str] = [""] * n
        self.lower: list[str] = [""] * n
        self.lemma: list[str] = [""] * n
        self.ent: list[str] = [""] * n
        self.head: list[int] = [0] * n
        self.child_deps: list[set[str]] = [set() for _ in range(n)]
        for tok in doc:
            i = tok.i
            self.pos[i] = tok.pos_
            self.dep[i] = tok.dep_
            self.tag[i] = tok.tag_
            self.lower[i] = tok.lower_
            self.lemma[i] = tok.lemma_.lower()
            self.ent[i] = tok.ent_type_
            head = tok.head.i
            self.head[i] = head
            if head != i:
                self.child_deps[head].add(tok.dep_)

    def root(self, first: int, last: int) -> int:
        """The token of ``first..last`` whose head lies outside the range."""
        for i in range(first, last + 1):
            head = self.head[i]
            if head < first or head > last or head == i:
                return i
        return first


def features(
    doc: Doc,
    quotes: QuoteIndex,
    items: Sequence[Found],
    vocab: dict[str, tuple[int, float, float]],
) -> np.ndarray:
    """One row of ``FEATURE_NAMES`` per candidate."""
    text = doc_text(doc)
    token_at = TokenAt(doc)
    tokens = _Tokens(doc)
    paragraphs = Paragraphs(text)
    sents = _Sentences(doc)
    speech_before = _speech_verbs_before(doc)
    n_doc = len(doc)
    by_cue: dict[tuple[int, int], list[int]] = {}
    for i, item in enumerate(items):
        by_cue.setdefault(item.cue, []).append(i)
    rows = np.zeros((len(items), len(FEATURE_NAMES)), dtype=np.float32)
    # Where rule candidates' contents and cues lie, for "inside another statement"
    # and "holds another statement's cue" without comparing every pair.
    rule_items = [item for item in items if item.kind in RULE_KINDS]
    covered = [0] * (n_doc + 1)
    for item in rule_items:
        covered[token_at.index(item.content[0])] += 1
        covered[token_at.index(item.content[1] - 1) + 1] -= 1
    for k in range(1, n_doc + 1):
        covered[k] += covered[k - 1]
    rule_cues = sorted({item.cue[0] for item in rule_items})
    for i, item in enumerate(items):
        c = token_at.index(item.cue[0])
        lemma = tokens.lemma[c]
        code, rate, count = vocab.get(lemma, (0, 0.0, 0.0))
        start, end = item.content
        first = token_at.index(start)
        last = token_at.index(max(start, end - 1))
        root = tokens.root(first, last)
        root_head = tokens.head[root]
        siblings = by_cue[item.cue]
        lengths = sorted({items[j].content[1] - items[j].content[0] for j in siblings})
        rules = [items[j] for j in siblings if items[j].kind in RULE_KINDS]
        speaker = item.speaker
        sp = token_at.index(speaker.start)
        first_word = "quote" if text[start] in _QUOTE_MARKS else tokens.lower[first]
        cue_idx = token_at.starts[c]
        para_start, _ = paragraphs(cue_idx)
        children = tokens.child_deps[c]
        marks = sum(ch in _QUOTE_MARKS for ch in text[start:end])
        verbs_inside = speech_before[last + 1] - speech_before[first]
        if first <= c <= last and tokens.pos[c] == "VERB" and lemma in SPEECH_LEMMAS:
            verbs_inside -= 1
        gap = first - c if first > c else c - last if last < c else 0
        cue_pos = tokens.pos[c]
        row = rows[i]
        row[0] = KINDS.index(item.kind)
        row[1] = code
        row[2] = _code(cue_pos, _POS)
        row[3] = _code(tokens.dep[c], _DEPS)
        row[4] = _code(tokens.pos[tokens.head[c]], _POS)
        row[5] = _code(tokens.dep[tokens.head[c]], _DEPS)
        row[6] = _code(first_word, _FIRST_WORDS)
        row[7] = _code(tokens.dep[root] if root_head == c else "OTHER", _DEPS)
        row[8] = _code(tokens.dep[sp], _SPEAKER_DEPS)
        row[9] = _code(tokens.lower[root_head] if tokens.dep[root] in ("pobj", "pcomp") else "OTHER", _PREPS)
        row[10] = _code(tokens.tag[c], _TAGS)
        row[11] = _code(tokens.pos[root], _POS)
        row[12] = KINDS.index(rules[0].kind) + 1 if rules else 0
        row[13] = _code(tokens.lower[c + 1] if c + 1 < n_doc else "OTHER", _PREPS)
        row[14] = rate
        row[15] = count
        row[16] = item.kind in RULE_KINDS
        row[17] = lemma in SPEECH_LEMMAS
        row[18] = lemma in OTHER_CUE_LEMMAS
        row[19] = lemma in NOMINAL_CONTENT_LEMMAS
        row[20] = lemma in INFINITIVE_CONTENT_LEMMAS
        row[21] = lemma in PREPOSITION_CONTENT
        row[22] = quotes.containing(cue_idx, cue_idx + len(tokens.lower[c])) is not None
        row[23] = item.direct
        row[24] = math.log1p(last - first + 1)
        row[25] = 1 if start >= item.cue[1] else -1 if end <= item.cue[0] else 0
        row[26] = math.log1p(gap)
        row[27] = end >= sents.end_char[first] - 2
        row[28] = start <= sents.start_char[first] + 1
        row[29] = min(1.0, (end - start) / max(1, sents.end_char[c] - sents.start_char[c]))
        row[30] = marks
        row[31] = marks % 2 == 1
        row[32] = verbs_inside
        row[33] = math.log1p(sents.length[c])
        row[34] = tokens.ent[sp] == "PERSON"
        row[35] = tokens.lower[sp] in PERSON_PRONOUNS or tokens.pos[sp] == "PRON"
        row[36] = speaker.anonymous or tokens.lemma[sp] in ANONYMOUS_NOUNS
        row[37] = tokens.pos[sp] == "PROPN"
        row[38] = math.log1p(abs(sp - c))
        row[39] = quotes.containing(speaker.start, speaker.start + 1) is not None
        row[40] = len(siblings)
        row[41] = lengths.index(end - start) / max(1, len(lengths) - 1)
        row[42] = bool(rules)
        row[43] = any(r.content == item.content for r in rules)
        row[44] = any(r.content[0] <= start and end <= r.content[1] for r in rules)
        for k, dep in enumerate(_CHILD_FLAGS):
            row[45 + k] = dep in children
        row[45 + len(_CHILD_FLAGS)] = "neg" in children
        row[46 + len(_CHILD_FLAGS)] = item.recipient is not None
        row[47 + len(_CHILD_FLAGS)] = sents.start_char[c] <= para_start + 1
        base = 48 + len(_CHILD_FLAGS)
        row[base] = math.log1p(end - start)
        row[base + 1] = start <= item.cue[0] and item.cue[1] <= end
        row[base + 2] = start <= speaker.start < end
        row[base + 3] = text[end - 1] in _QUOTE_MARKS
        row[base + 4] = _code(text[end : end + 1], _NEXT_CHARS)
        row[base + 5] = text.count(",", start, end)
        row[base + 6] = bool(tokens.child_deps[root] & _SUBJECT_DEPS)
        row[base + 7] = tokens.dep[c] in ("relcl", "advcl", "acl", "ccomp")
        row[base + 8] = _code(tokens.lower[last + 1] if last + 1 < n_doc else "OTHER", _NEXT_WORDS)
        row[base + 9] = _code(tokens.pos[last], _POS)
        row[base + 10] = any(start <= r.content[0] and r.content[1] <= end and r.content != item.content for r in rules)
        row[base + 11] = (end - start) / max(1, lengths[-1])
        row[base + 12] = (end - start) / max(1, rules[0].content[1] - rules[0].content[0]) if rules else 0
        row[base + 13] = sum(items[j].kind in CONTINUING_KINDS for j in siblings)
        row[base + 14] = _code(tokens.lower[first - 1] if first > 0 else "OTHER", _NEXT_WORDS)
        row[base + 15] = _code(tokens.dep[first], _DEPS)
        row[base + 16] = _code(tokens.dep[last], _DEPS)
        row[base + 17] = _code(tokens.ent[sp], _ENTS)
        own = sum(1 for r in rules if token_at.index(r.content[0]) <= c <= token_at.index(r.content[1] - 1))
        row[base + 18] = covered[c] - own > 0
        row[base + 19] = tokens.lower[sp] in ("who", "which", "that")
        row[base + 20] = tokens.lower[sp] in ("it", "this", "that", "which", "they")
        row[base + 21] = sents.index[last] - sents.index[first]
        inside = bisect_left(rule_cues, end) - bisect_left(rule_cues, start)
        if rules and start <= item.cue[0] < end:
            inside -= 1
        row[base + 22] = inside > 0
        row[base + 23] = item.lexicon
    return rows


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})


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


def _root(first: Token, last: Token) -> Token:
    """The token of ``first..last`` whose head lies outside the range."""
    for tok in first.doc[first.i : last.i + 1]:
        if not first.i <= tok.head.i <= last.i or tok.head.i == tok.i:
            return tok
    return first


# ------------------------------------------------------------------- choice


def choose(
    items: Sequence[Found],
    scores: Sequence[float],
    threshold: float,
    lexicon_threshold: float | None = None,
    rule_margin: float = 0.0,
) -> list[Found]:
    """The best candidates: one per cue, above the threshold, never two whose
    contents mostly overlap; then the quotations that continue a chosen one.

    A rule's statement whose cue is in the lexicon of speech needs only
    ``lexicon_threshold`` (the issue's cue list, "said", "warned", "rowed back
    on", is evidence of its own). A continuation ("“A,” she said. “B.”": B) is
    never scored on its own: PolNeAR draws it as part of one discontinuous
    statement with A, so it is kept exactly when the statement it continues is.
    A rule's candidate is ranked as if it scored ``rule_margin`` more: where the
    model can hardly tell two contents apart, the rules' conventions (the
    writer's trailing asides cut) decide.
    """
    lowest = threshold if lexicon_threshold is None else min(threshold, lexicon_threshold)
    order = sorted(
        range(len(items)), key=lambda i: -(scores[i] + (rule_margin if items[i].kind in RULE_KINDS else 0.0))
    )
    kept: list[Found] = []
    cues: set[tuple[int, int]] = set()
    for i in order:
        if scores[i] < lowest:
            break
        item = items[i]
        if scores[i] < threshold and not (item.lexicon and item.kind in RULE_KINDS):
            continue
        if item.kind in CONTINUING_KINDS or item.cue in cues:
            continue
        if any(_mostly_same(item.content, k.content) for k in kept):
            continue
        kept.append(item)
        cues.add(item.cue)
    for item in items:
        continues = item.kind in CONTINUING_KINDS and item.cue in cues
        if continues and not any(_mostly_same(item.content, k.content) for k in kept):
            kept.append(item)
    return kept


def _mostly_same(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return False
    return inter * 2 >= max(a[1], b[1]) - min(a[0], b[0])
