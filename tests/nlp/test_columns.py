"""The token columns the statement modules share say what spaCy's own ``Token`` and ``Doc.sents`` say."""

from __future__ import annotations

import gc

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from storydiff.nlp.parse import parse
from storydiff.nlp.statements import columns as module
from storydiff.nlp.statements.columns import columns, sentence_end, sentence_start, sentence_start_char

TEXT = (
    "HARBOURTON — The port authority said on Monday that the ferry to Gull Island would run again by June.\n\n"
    "“We are not there yet,” said Mira Osei, who chairs the authority. She added: the e-mails “settle nothing.”\n"
    "Fishermen, who asked not to be named, said the new pier was ‘a gift to nobody’. Why now?"
)


def test_the_lists_are_each_tokens_own_attributes(nlp: Language) -> None:
    doc = next(parse([TEXT]))
    found = columns(doc)
    assert found.n == len(doc) > 40
    assert found.text == [t.text for t in doc]
    assert found.pos == [t.pos_ for t in doc]
    assert found.dep == [t.dep_ for t in doc]
    assert found.tag == [t.tag_ for t in doc]
    assert found.lower == [t.lower_ for t in doc]
    assert found.lemma == [t.lemma_.lower() for t in doc]
    assert found.head == [t.head.i for t in doc]
    assert [found.children(t.i) for t in doc] == [[c.i for c in t.children] for t in doc]
    assert found.idx == [t.idx for t in doc]
    assert found.punct == [t.is_punct for t in doc]
    assert found.space == [t.is_space for t in doc]
    assert found.sentences == [(s.start, s.end) for s in doc.sents]
    assert found.sent_index == [next(k for k, s in enumerate(doc.sents) if s.start <= t.i < s.end) for t in doc]


def test_sentence_bounds_are_those_of_token_sent(nlp: Language) -> None:
    doc = next(parse([TEXT]))
    assert len(list(doc.sents)) >= 5
    for token in doc:
        assert sentence_start(token) == token.sent.start
        assert sentence_end(token) == token.sent.end
        assert sentence_start_char(token) == token.sent.start_char
        assert columns(doc).array("sent_end_char")[token.i] == token.sent.end_char


def test_codes_and_word_sets_read_the_tokens_strings(nlp: Language) -> None:
    doc = next(parse([TEXT]))
    found = columns(doc)
    every = np.arange(len(doc))
    table = ("VERB", "NOUN", "PROPN", "OTHER")
    assert found.codes("pos", table, every).tolist() == [
        table.index(t.pos_) if t.pos_ in table[:-1] else len(table) - 1 for t in doc
    ]
    said_the = frozenset({"said", "the"})
    assert found.is_in("lower", said_the, every).tolist() == [t.lower_ in said_the for t in doc]
    assert found.is_in("lemma", frozenset({"say", "add"}), every).tolist() == [t.lemma_ in ("say", "add") for t in doc]
    assert found.has_child("nsubj").tolist() == [any(c.dep_ == "nsubj" for c in t.children) for t in doc]


def test_columns_are_built_once_and_let_the_doc_go(nlp: Language) -> None:
    doc = next(parse([TEXT]))
    before = dict(doc.user_data)
    assert columns(doc) is columns(doc)
    assert doc.user_data == before  # nothing stored on the Doc: it serialises as spaCy writes it
    doc.to_bytes()
    before = len(module._CACHE)
    del doc
    gc.collect()
    assert len(module._CACHE) == before - 1


def test_an_empty_doc_has_empty_columns(nlp: Language) -> None:
    doc = Doc(nlp.vocab, words=[])
    found = columns(doc)
    assert found.n == 0 and found.text == [] and found.head == [] and found.sent_index == []


def test_sentences_a_hook_draws_are_read_as_it_draws_them(nlp: Language) -> None:
    doc = next(parse([TEXT]))
    doc.user_hooks["sents"] = lambda d: iter([d[0:5], d[5:]])
    assert [sentence_start(t) for t in doc] == [0] * 5 + [5] * (len(doc) - 5)
    assert [sentence_end(t) for t in doc] == [5] * 5 + [len(doc)] * (len(doc) - 5)
