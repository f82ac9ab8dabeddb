"""The BASIL alignment gold and its scorer (``benchmarks/alignment.py``).

Every gold file must be sound against the shared BASIL articles (skipped when
../shared/data is absent); the scorer is checked on a tiny triplet of our
own prose with a hand-built brief, where each figure is known.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from benchmark_scripts import load_benchmark

from storydiff.models import Article, Brief, Claim, Point, Relation, Unique

REPO = Path(__file__).resolve().parents[2]
BASIL = REPO.parent / "shared" / "data" / "basil"


bench = load_benchmark("alignment")
GOLD_FILES = bench.gold_files()


@pytest.fixture(scope="module")
def basil():
    if not BASIL.exists():
        pytest.skip(f"BASIL data not found at {BASIL} (present in CI, absent on a user's machine)")
    return load_benchmark("_data").basil_stories(BASIL)


def test_there_is_gold():
    assert len(GOLD_FILES) >= 6


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem[:8])
def test_gold_file_is_sound(path, basil):
    gold = bench.load_gold(path)
    assert gold.triplet == path.stem
    assert gold.triplet in basil, "the triplet is not in the BASIL data"
    assert bench.gold_problems(gold, basil[gold.triplet]) == []
    assert gold.shared_facts(), "a triplet of one story shares at least one fact"


# A tiny triplet: the same closure told three ways, a staff count that differs, a caption.
TEXTS = {
    "A": "The council closed the library on Tuesday. The mayor wept. Photo by city hall.",
    "B": "On Tuesday the library was shut by the council. It had 12 staff.",
    "C": "Councillors voted to close the library. It had 15 staff. The mayor cried.",
}
SENTENCES = {  # (article, sentence, label, facts)
    "A0": ("The council closed the library on Tuesday.", "fact", ("f1",)),
    "A1": ("The mayor wept.", "fact", ("f2",)),
    "A2": ("Photo by city hall.", "skip", ()),
    "B0": ("On Tuesday the library was shut by the council.", "fact", ("f1",)),
    "B1": ("It had 12 staff.", "exclusive", ()),
    "C0": ("Councillors voted to close the library.", "fact", ("f1",)),
    "C1": ("It had 15 staff.", "exclusive", ()),
    "C2": ("The mayor cried.", "fact", ("f2",)),
}


def _span(sid: str) -> tuple[str, int, int]:
    start = TEXTS[sid[0]].index(SENTENCES[sid][0])
    return sid[0], start, start + len(SENTENCES[sid][0])


def _tiny_gold():
    sentences = tuple(
        bench.GoldSentence(*_span(sid), label, facts, "caption" if label == "skip" else "")
        for sid, (_, label, facts) in SENTENCES.items()
    )
    relation = bench.GoldRelation("conflicts", _span("B1"), _span("C1"), "12 vs 15 staff")
    return bench.Gold(Path("tiny.json"), "tiny", {a: {"chars": len(t)} for a, t in TEXTS.items()},
                      sentences, {"f1": "library closed", "f2": "mayor in tears"}, (relation,))


def _tiny_brief() -> Brief:
    articles = tuple(Article(a, f"{a}.txt", t) for a, t in TEXTS.items())
    claims = tuple(Claim(sid, *_span(sid)[:1], SENTENCES[sid][0], *_span(sid)[1:]) for sid in SENTENCES)
    return Brief(
        articles=articles,
        claims=claims,
        relations=(
            Relation("corroborates", ("A0", "B0"), 0.9, "same fact"),
            Relation("conflicts", ("C1", "B1"), 0.8, "12 vs 15"),  # the gold's conflict, other order
            Relation("updates", ("A0", "C0"), 0.6, "wrong"),  # not in the gold
        ),
        agreed=(
            Point("agreed", ("A0", "B0"), ("A", "B"), 2),  # carries f1 in two articles
            Point("agreed", ("A1", "B1"), ("A", "B"), 2),  # f2 in A only: a false point
        ),
        unique=(Unique("A", ("A2",)), Unique("C", ("C1", "C2"))),  # a caption, an exclusive, a shared fact
    )


def test_scorer_counts_a_hand_built_brief():
    outcome = bench.score(_tiny_gold(), _tiny_brief())
    t = outcome.tally
    assert (t.facts, t.facts_found) == (2, 1)
    assert outcome.missed_facts == ["f2"]
    assert (t.points, t.points_right) == (2, 1)
    assert outcome.false_points == [("A1", "B1")]
    assert (t.gold_relations, t.gold_relations_found) == (1, 1)
    assert (t.relations, t.relations_right, t.relations_same_type) == (2, 1, 1)
    assert outcome.false_relations == [("updates", "A0", "C0")]
    assert (t.unique, t.unique_exclusive, t.unique_skip, t.claims) == (3, 1, 1, 8)
    assert outcome.shared_in_unique == [("C2", "f2")]
    assert t.skip_points == 1
    assert "agreed recall     0.500" in bench.format_tally(t)


def test_a_claim_inside_a_sentence_takes_its_label():
    gold, brief = _tiny_gold(), _tiny_brief()
    piece = Claim("C9", "C", "15 staff", TEXTS["C"].index("15 staff"), TEXTS["C"].index("15 staff") + 8)
    assert bench.Aligner(gold, brief).label_of(piece) == "exclusive"


def test_problems_name_what_is_wrong():
    gold = _tiny_gold()
    articles = list(_tiny_brief().articles)
    assert bench.gold_problems(gold, articles) == []
    lone = dataclasses.replace(gold.sentences[1], facts=("f3",))  # A1 now carries a fact no other article has
    cut = gold.sentences[:4] + gold.sentences[5:]  # B1 has no entry
    broken = dataclasses.replace(gold, sentences=(gold.sentences[0], lone, *cut[2:]),
                                 facts={**gold.facts, "f3": "only here"})
    problems = bench.gold_problems(broken, articles)
    assert any("f3 is carried by one article only" in p for p in problems)
    assert any("B: text at" in p and "has no entry" in p for p in problems)
    longer = [dataclasses.replace(a, text=a.text + " More.") if a.id == "C" else a for a in articles]
    assert bench.gold_problems(gold, longer) == [f"C: gold has {len(TEXTS['C'])} chars, the text has "
                                                 f"{len(TEXTS['C']) + 6}"]


def test_the_signal_threshold_is_the_lowest_score_that_keeps_pairs_precise() -> None:
    signals = load_benchmark("alignment_signals")

    def pair(score: float, positive: bool) -> object:
        return signals.Pair("t", score, 0.0, 0, frozenset({"f1"}) if positive else frozenset(), False)

    # Nine right from 0.9 down to 0.5, then two wrong: 9/10 still reaches 0.90, 9/11 does not.
    pairs = [pair(0.9 - 0.05 * n, True) for n in range(9)] + [pair(0.3, False), pair(0.2, False)]
    assert signals._threshold(pairs, lambda p: p.cosine) == 0.3
    assert signals._threshold([pair(0.5, False)], lambda p: p.cosine) == float("inf")
