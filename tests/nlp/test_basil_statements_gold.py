"""The hand-checked "who said what" gold for BASIL dev and its scorer (``benchmarks/statements_basil.py``).

The gold's structure is checked always; its offsets against the shared BASIL
articles only where ../shared/data is present. The scorer's rules are checked
on a short text of our own prose with hand-built statements.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchmark_scripts import load_benchmark

from storydiff.models import Article, Span, Speaker, Statement

REPO = Path(__file__).resolve().parents[2]
BASIL = REPO.parent / "shared" / "data" / "basil"


bench = load_benchmark("statements_basil")
DOC = json.loads(bench.GOLD.read_text(encoding="utf-8"))


def test_gold_is_big_enough_and_well_formed():
    assert DOC["format"] == bench.FORMAT
    records = DOC["articles"]
    assert len({r["triplet"] for r in records}) >= 6
    assert len(records) >= 18
    statements = [s for r in records for s in r["statements"]]
    assert len(statements) >= 150
    assert sum(not s["optional"] for s in statements) >= 150
    assert len({s["id"] for s in statements}) == len(statements), "statement ids are unique"
    keys = {"id", "cue", "speaker", "naming", "content", "kind", *bench.FLAGS}
    for record in records:
        assert {"triplet", "id", "file", "chars", "sha1", "statements"} <= set(record)
        assert record["file"].startswith(record["triplet"]) and record["file"].endswith(".json")
        for s in record["statements"]:
            assert keys <= set(s) <= keys | {"note"}, s["id"]
            for name in bench.SPANS:
                span = s[name]
                if span is None:
                    assert name == "naming", s["id"]
                    continue
                assert 0 <= span[0] < span[1] <= record["chars"], (s["id"], name, span)
            assert s["kind"] in ("quote", "reported")
            assert all(isinstance(s[f], bool) for f in bench.FLAGS)
    kinds = {s["kind"] for s in statements}
    assert kinds == {"quote", "reported"}
    assert any(s["negated"] for s in statements) and any(s["answer"] for s in statements)


def test_gold_holds_no_article_text():
    for record in DOC["articles"]:
        for s in record["statements"]:
            assert len(s.get("note", "")) <= 100, s["id"]


def test_gold_fits_the_basil_articles():
    if not BASIL.exists():
        pytest.skip(f"BASIL data not found at {BASIL} (present in CI, absent on a user's machine)")
    stories = load_benchmark("_data").basil_stories(BASIL)
    for record in DOC["articles"]:
        article = {a.id: a for a in stories.get(record["triplet"], [])}.get(record["id"])
        assert bench.gold_problems(record, article) == []
        words = _words(" ".join(a.text for a in stories[record["triplet"]]))
        runs = {tuple(words[n : n + 4]) for n in range(len(words) - 3)}
        for s in record["statements"]:
            note = _words(s.get("note", ""))
            copied = [" ".join(note[n : n + 4]) for n in range(len(note) - 3) if tuple(note[n : n + 4]) in runs]
            assert not copied, f"{s['id']}: its note carries article text {copied}"


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower().replace("’", "'"))


# Our own prose: a mayor's reported claim, her quote over two sentences, a council that did not say.
TEXT = ('Mayor Ana Ruiz said the bridge would reopen in May. "We will not close the market. Traders stay. '
        'Rents stay low and the square stays open all year," she told reporters. '
        'The council did not say the budget was cut. Officials said the road would not open before June. '
        '"The square stays," she added, "and so do the stalls."')
QUOTE = "We will not close the market. Traders stay. Rents stay low and the square stays open all year"


def _span(text: str, nth: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = TEXT.index(text, start + 1)
    return start, start + len(text)


def _gold(gid: str, cue: str, speaker: str, content: str, naming: str | None = None,
          negated: bool = False, nth: int = 1) -> object:
    return bench.Gold(gid, _span(cue), _span(speaker, nth), _span(naming) if naming else None, _span(content),
                      "reported", negated, False)


GOLDS = [
    _gold("g1", "said", "Mayor Ana Ruiz", "the bridge would reopen in May"),
    _gold("g2", "told", "she", QUOTE, naming="Mayor Ana Ruiz"),
    _gold("g3", "did not say", "The council", "the budget was cut", negated=True),
    _gold("g4", "said", "Officials", "the road would not open before June"),
    _gold("g5", "added", "she", 'The square stays," she added, "and so do the stalls', naming="Mayor Ana Ruiz", nth=2),
]


def _said(speaker: str, cue: str, content: str, negated: bool = False, name: str | None = None,
          nth: int = 1) -> Statement:
    s, c, t = _span(speaker, nth), _span(cue), _span(content)
    return Statement("s", "A", Speaker(speaker, *s, name=name), Span(cue, *c), Span(content, *t),
                     direct=False, negated=negated)


def test_a_pronoun_speaker_is_right_through_its_naming_mention():
    v = bench.judge(_said("she", "told", QUOTE), GOLDS, TEXT)
    assert (v.gold.id, v.right) == ("g2", True)


def test_a_quote_filed_under_another_source_is_wrong():
    v = bench.judge(_said("The council", "told", QUOTE), GOLDS, TEXT)
    assert (v.gold.id, v.speaker_ok, v.right, v.reason) == ("g2", False, False, "speaker")


def test_a_surname_names_the_speaker_without_overlap():
    v = bench.judge(_said("reporters", "told", QUOTE, name="Ana Ruiz"), GOLDS, TEXT)
    assert v.right, "'Ruiz' is the naming mention's surname"
    v = bench.judge(_said("reporters", "told", QUOTE), GOLDS, TEXT)
    assert not v.right, "the reporters are not the speaker"
    assert bench.surname("Sen. Lindsey Graham") == "Graham"
    assert bench.surname("Trump’s account") == "Trump"
    assert bench.surname("the aide") is None


def test_negation_must_agree():
    v = bench.judge(_said("The council", "did not say", "the budget was cut", negated=True), GOLDS, TEXT)
    assert v.right
    v = bench.judge(_said("The council", "did not say", "the budget was cut"), GOLDS, TEXT)
    assert (v.gold.id, v.right, v.reason) == ("g3", False, "negation"), "asserting what was not said"


def test_a_cut_content_matches_nothing_but_a_whole_sentence_is_a_piece():
    v = bench.judge(_said("Mayor Ana Ruiz", "said", "the bridge"), GOLDS, TEXT)
    assert v.gold is None, "a content cut to a pointer matches no statement"
    v = bench.judge(_said("she", "told", "Traders stay."), GOLDS, TEXT)
    assert v.f1 < bench.MIN_F1 and (v.gold.id, v.right) == ("g2", True), "one sentence of a long quote"
    v = bench.judge(_said("she", "told", "We will not close"), GOLDS, TEXT)
    assert v.gold is None, "half a sentence is no piece"
    for part in ("The square stays", "and so do the stalls"):
        v = bench.judge(_said("she", "added", part, nth=2), GOLDS, TEXT)
        assert (v.gold.id, v.right) == ("g5", True), f"{part!r}: one part of a quote interrupted by its cue"


def test_a_cut_that_drops_the_subject_or_the_negation_is_wrong():
    v = bench.judge(_said("Mayor Ana Ruiz", "said", "reopen in May"), GOLDS, TEXT)
    assert (v.gold.id, v.reason) == ("g1", "cut"), "three words dropped at the start: whose reopening?"
    v = bench.judge(_said("Mayor Ana Ruiz", "said", "would reopen in May"), GOLDS, TEXT)
    assert v.right, "two words may go"
    v = bench.judge(_said("Officials", "said", "the road would"), GOLDS, TEXT)
    assert v.f1 >= bench.MIN_F1 and v.reason == "cut", "'not' left out inverts the meaning"


def test_score_article_counts_precision_recall_and_speaker():
    article = Article("A", "own prose", TEXT)
    statements = [
        _said("Mayor Ana Ruiz", "said", "the bridge would reopen in May"),  # right
        _said("The council", "told", QUOTE),  # wrong speaker
        _said("Mayor Ana Ruiz", "said", "the bridge"),  # matches nothing
    ]
    tally = bench.score_article(article, GOLDS, statements)
    assert (tally.predicted, tally.right, tally.matched, tally.speaker_ok) == (3, 1, 2, 1)
    assert (tally.required, tally.found) == (5, 1)
    both, recall, speaker = tally.figures()
    assert (round(both, 3), round(recall, 3), speaker) == (0.333, 0.2, 0.5)
    assert sum(line.startswith("  MISSED") for line in tally.errors) == 4
    assert tally.groups == {"reported": [1, 5], "negated": [0, 1]}
