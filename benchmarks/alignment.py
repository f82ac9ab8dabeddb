"""Score the brief's alignment against the hand-annotated BASIL dev gold.

Usage::

    python benchmarks/alignment.py                  # every triplet in benchmarks/gold/alignment/
    python benchmarks/alignment.py --triplet UUID   # one triplet
    python benchmarks/alignment.py --show           # also print misses and false points, with the text

Each gold file (format ``storydiff.gold-alignment/1``, described in
docs/benchmarks.md) labels every sentence of a triplet's three articles
``fact`` (with the ids of the facts another article also states),
``exclusive`` or ``skip``, and lists the conflicts and updates a careful
reader would flag. The articles are loaded as ``_data.basil_stories()``
does; each article's length must equal the gold's ``chars`` (a changed
loader would shift every offset). The gold holds no article text: the
sentences shown by ``--show`` are read from ../shared/data at run time.

A brief claim maps to the gold sentences of its article that its span
overlaps (whitespace aside); when it overlaps several, the one with the
largest overlap gives its label. The figures, per triplet and overall
(counts summed over triplets):

- agreed recall: gold facts for which some agreed Point cites sentences
  carrying the fact in at least two different articles;
- agreed precision: agreed Points that carry some gold fact that way;
- point members: the claims of agreed Points that carry a fact their Point
  is right for (a claim chained into a point for another fact counts wrong),
  and the points all of whose claims carry one same fact;
- sources whole: of the facts found, those whose widest Point cites every
  article the gold finds them in (so its count of sources is whole, not
  split over two points);
- conflict+update precision and recall: the brief's ``conflicts`` and
  ``updates`` relations against the gold's, matched when each claim
  overlaps one side of the gold relation (either order); a match of the
  other type counts, and the type agreement is printed beside it;
- "Only in" precision: claims in ``Brief.unique`` whose sentence is gold
  ``exclusive`` (a ``skip`` sentence counts wrong; its share is printed);
- "Only in" share: unique claims over all claims;
- skip points: skip-labelled sentences that became a point (agreed or unique).

The last line is ``alignment_agreed_recall: R`` (``--metric precision``:
``alignment_agreed_precision``; ``--metric contrary``: ``alignment_contrary_recall``,
the conflict+update recall).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storydiff.models import Article, Brief, Claim

GOLD_DIR = Path(__file__).resolve().parent / "gold" / "alignment"
FORMAT = "storydiff.gold-alignment/1"
LABELS = ("fact", "exclusive", "skip")
CONTRARY = ("conflicts", "updates")


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One annotated sentence: where it is and what it carries."""

    article: str
    start: int
    end: int
    label: str
    facts: tuple[str, ...] = ()
    why: str = ""


@dataclass(frozen=True, slots=True)
class GoldRelation:
    """A conflict or update between two spans (article, start, end) of different articles."""

    type: str
    a: tuple[str, int, int]
    b: tuple[str, int, int]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Gold:
    """One triplet's gold file."""

    path: Path
    triplet: str
    articles: dict[str, dict]
    sentences: tuple[GoldSentence, ...]
    facts: dict[str, str]
    relations: tuple[GoldRelation, ...]

    def fact_articles(self) -> dict[str, set[str]]:
        """Fact id -> the articles whose sentences carry it."""
        where: dict[str, set[str]] = {}
        for s in self.sentences:
            for f in s.facts:
                where.setdefault(f, set()).add(s.article)
        return where

    def shared_facts(self) -> set[str]:
        """Fact ids carried by sentences of at least two articles."""
        return {f for f, arts in self.fact_articles().items() if len(arts) >= 2}


def load_gold(path: Path) -> Gold:
    """Read one gold file; a malformed one stops with its name and the key that is wrong."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise ValueError(f"{path}: format is {data.get('format')!r}, expected {FORMAT!r}")
    try:
        sentences = tuple(
            GoldSentence(s["article"], int(s["start"]), int(s["end"]), s["label"], tuple(s.get("facts") or ()),
                         s.get("why") or "")
            for s in data["sentences"]
        )
        relations = tuple(
            GoldRelation(r["type"], (r["a"][0], int(r["a"][1]), int(r["a"][2])),
                         (r["b"][0], int(r["b"][1]), int(r["b"][2])), r.get("note") or "")
            for r in data.get("relations") or ()
        )
        return Gold(path, data["triplet"], data["articles"], sentences, dict(data.get("facts") or {}), relations)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ValueError(f"{path}: not a gold alignment file ({type(exc).__name__}: {exc})") from None


def gold_problems(gold: Gold, articles: Sequence[Article]) -> list[str]:
    """What is wrong with a gold file against its articles; empty when it is sound.

    Checks: the articles match (file name, char count); every sentence label is
    known, facts only on ``fact`` and ``skip`` with a reason; offsets lie inside
    the text; each article's entries do not overlap and together cover all its
    non-space text; every fact id is noted and carried by >= 2 articles;
    relations join two different articles inside their texts.
    """
    problems: list[str] = []
    by_id = {a.id: a for a in articles}
    if set(gold.articles) != set(by_id):
        return [f"articles {sorted(gold.articles)} but the triplet has {sorted(by_id)}"]
    for aid, meta in gold.articles.items():
        art = by_id[aid]
        if meta.get("chars") != len(art.text):
            problems.append(f"{aid}: gold has {meta.get('chars')} chars, the text has {len(art.text)}")
        if meta.get("file") and Path(art.source).name != meta["file"]:
            problems.append(f"{aid}: gold file {meta['file']} but the article is {Path(art.source).name}")
    if problems:
        return problems
    for s in gold.sentences:
        where = f"{s.article} {s.start}-{s.end}"
        if s.article not in by_id or not 0 <= s.start < s.end <= len(by_id[s.article].text):
            problems.append(f"{where}: offsets outside the text")
            continue
        if s.label not in LABELS:
            problems.append(f"{where}: label {s.label!r} is none of {LABELS}")
        if (s.label == "fact") != bool(s.facts):
            problems.append(f"{where}: a fact sentence needs fact ids, and only it has them")
        if s.label == "skip" and not s.why:
            problems.append(f"{where}: a skip needs its why")
    if problems:
        return problems
    for aid, art in by_id.items():
        covered = [0] * len(art.text)
        for s in gold.sentences:
            if s.article == aid:
                for i in range(s.start, s.end):
                    covered[i] += 1
        twice = [i for i, n in enumerate(covered) if n > 1]
        bare = [i for i, n in enumerate(covered) if n == 0 and not art.text[i].isspace()]
        if twice:
            problems.append(f"{aid}: characters from {twice[0]} are in two entries")
        if bare:
            problems.append(f"{aid}: text at {bare[0]} ({art.text[bare[0]:bare[0] + 30]!r}) has no entry")
    used = {f for s in gold.sentences for f in s.facts}
    for f in sorted(used - set(gold.facts)):
        problems.append(f"fact {f} has no note")
    for f in sorted(set(gold.facts) - used):
        problems.append(f"fact {f} is noted but no sentence carries it")
    for f in sorted(used - gold.shared_facts()):
        problems.append(f"fact {f} is carried by one article only")
    for r in gold.relations:
        if r.type not in CONTRARY:
            problems.append(f"relation type {r.type!r} is none of {CONTRARY}")
        if r.a[0] == r.b[0]:
            problems.append(f"relation {r.note!r} joins article {r.a[0]} to itself")
        for aid, start, end in (r.a, r.b):
            if aid not in by_id or not 0 <= start < end <= len(by_id[aid].text):
                problems.append(f"relation {r.note!r}: span {aid} {start}-{end} outside the text")
    return problems


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without leading and trailing whitespace (so a shared space is no overlap)."""
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    return start + lead, start + len(piece.rstrip())


@dataclass(slots=True)
class Tally:
    """Counts behind the figures; summed over triplets for the overall line."""

    facts: int = 0
    facts_found: int = 0
    points: int = 0
    points_right: int = 0
    point_claims: int = 0
    point_claims_right: int = 0
    points_one_fact: int = 0
    facts_whole: int = 0
    gold_relations: int = 0
    gold_relations_found: int = 0
    relations: int = 0
    relations_right: int = 0
    relations_same_type: int = 0
    unique: int = 0
    unique_exclusive: int = 0
    unique_skip: int = 0
    claims: int = 0
    skip_points: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(slots=True)
class Outcome:
    """One triplet's tally and the items ``--show`` prints."""

    tally: Tally
    missed_facts: list[str] = field(default_factory=list)
    false_points: list[tuple[str, ...]] = field(default_factory=list)
    missed_relations: list[GoldRelation] = field(default_factory=list)
    false_relations: list[tuple[str, str, str]] = field(default_factory=list)
    shared_in_unique: list[tuple[str, str]] = field(default_factory=list)  # (claim id, its fact ids)
    skip_in_points: list[GoldSentence] = field(default_factory=list)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


class Aligner:
    """Maps a brief's claims onto a triplet's gold sentences."""

    def __init__(self, gold: Gold, brief: Brief) -> None:
        self.gold = gold
        self.brief = brief
        self.texts = {a.id: a.text for a in brief.articles}
        self._sentences: dict[str, list[tuple[int, int, GoldSentence]]] = {}
        for s in gold.sentences:
            start, end = _trim(self.texts[s.article], s.start, s.end)
            self._sentences.setdefault(s.article, []).append((start, end, s))

    def sentences_of(self, claim: Claim) -> list[GoldSentence]:
        """The gold sentences a claim overlaps, the largest overlap first."""
        start, end = _trim(self.texts[claim.article], claim.start, claim.end)
        hits = [(_overlap(start, end, s_start, s_end), s)
                for s_start, s_end, s in self._sentences.get(claim.article, ())]
        return [s for n, s in sorted(hits, key=lambda h: -h[0]) if n > 0]

    def label_of(self, claim: Claim) -> str:
        """The label of the sentence the claim overlaps most ("none" when it overlaps nothing)."""
        hits = self.sentences_of(claim)
        return hits[0].label if hits else "none"

    def facts_by_article(self, claim_ids: Iterable[str]) -> dict[str, set[str]]:
        """Fact id -> the articles among these claims whose sentences carry it."""
        out: dict[str, set[str]] = {}
        for cid in claim_ids:
            claim = self.brief.claim(cid)
            for s in self.sentences_of(claim):
                for f in s.facts:
                    out.setdefault(f, set()).add(claim.article)
        return out

    def touches(self, claim: Claim, span: tuple[str, int, int]) -> bool:
        """Whether a claim overlaps a gold span (same article)."""
        aid, start, end = span
        if claim.article != aid:
            return False
        c_start, c_end = _trim(self.texts[aid], claim.start, claim.end)
        g_start, g_end = _trim(self.texts[aid], start, end)
        return _overlap(c_start, c_end, g_start, g_end) > 0


def score(gold: Gold, brief: Brief) -> Outcome:
    """Score one brief against its triplet's gold."""
    align = Aligner(gold, brief)
    tally = Tally()
    out = Outcome(tally)

    shared = gold.shared_facts()
    found: set[str] = set()
    widest: dict[str, int] = {}  # fact -> the most articles one point cites it in
    for point in brief.agreed:
        by_fact = align.facts_by_article(point.claims)
        carried = {f for f, arts in by_fact.items() if len(arts) >= 2 and f in shared}
        found |= carried
        for f in carried:
            widest[f] = max(widest.get(f, 0), len(by_fact[f]))
        tally.points += 1
        tally.point_claims += len(point.claims)
        each = [set(align.facts_by_article([c])) for c in point.claims]
        tally.point_claims_right += sum(bool(carried & facts) for facts in each)
        tally.points_one_fact += bool(carried & set.intersection(*each))
        if carried:
            tally.points_right += 1
        else:
            out.false_points.append(point.claims)
    tally.facts = len(shared)
    tally.facts_found = len(found)
    carriers = gold.fact_articles()
    tally.facts_whole = sum(widest[f] >= len(carriers[f]) for f in found)
    out.missed_facts = sorted(shared - found, key=lambda f: (len(f), f))

    contrary = [r for r in brief.relations if r.type in CONTRARY]
    matched_gold: set[int] = set()
    for relation in contrary:
        first, second = (brief.claim(c) for c in relation.claims)
        hits = [i for i, g in enumerate(gold.relations)
                if (align.touches(first, g.a) and align.touches(second, g.b))
                or (align.touches(first, g.b) and align.touches(second, g.a))]
        tally.relations += 1
        if hits:
            tally.relations_right += 1
            tally.relations_same_type += any(gold.relations[i].type == relation.type for i in hits)
            matched_gold.update(hits)
        else:
            out.false_relations.append((relation.type, *relation.claims))
    tally.gold_relations = len(gold.relations)
    tally.gold_relations_found = len(matched_gold)
    out.missed_relations = [g for i, g in enumerate(gold.relations) if i not in matched_gold]

    unique_ids = [cid for u in brief.unique for cid in u.claims]
    tally.unique = len(unique_ids)
    tally.claims = len(brief.claims)
    for cid in unique_ids:
        claim = brief.claim(cid)
        label = align.label_of(claim)
        tally.unique_exclusive += label == "exclusive"
        tally.unique_skip += label == "skip"
        if label == "fact":
            out.shared_in_unique.append((cid, ",".join(align.sentences_of(claim)[0].facts)))

    pointed = unique_ids + [cid for p in brief.agreed for cid in p.claims]
    skipped = {s for cid in pointed for s in align.sentences_of(brief.claim(cid)) if s.label == "skip"}
    tally.skip_points = len(skipped)
    out.skip_in_points = sorted(skipped, key=lambda s: (s.article, s.start))
    return out


def format_tally(t: Tally) -> str:
    """The figures of one tally on a few lines."""
    return "\n".join([
        f"  agreed recall     {_ratio(t.facts_found, t.facts):.3f}  ({t.facts_found}/{t.facts} shared facts)",
        f"  agreed precision  {_ratio(t.points_right, t.points):.3f}  ({t.points_right}/{t.points} points, "
        f"{t.point_claims} claims in them)",
        f"  point members     {_ratio(t.point_claims_right, t.point_claims):.3f}  ({t.point_claims_right}/"
        f"{t.point_claims} claims that carry a fact their point is right for; one fact in every claim: "
        f"{t.points_one_fact}/{t.points} points)",
        f"  sources whole     {_ratio(t.facts_whole, t.facts_found):.3f}  ({t.facts_whole}/{t.facts_found} "
        f"facts found whose widest point cites every article that carries them)",
        f"  conflict+update   recall {_ratio(t.gold_relations_found, t.gold_relations):.3f} "
        f"({t.gold_relations_found}/{t.gold_relations}), precision {_ratio(t.relations_right, t.relations):.3f} "
        f"({t.relations_right}/{t.relations}; same type {t.relations_same_type})",
        f"  only-in precision {_ratio(t.unique_exclusive, t.unique):.3f}  ({t.unique_exclusive}/{t.unique}; "
        f"skip share {_ratio(t.unique_skip, t.unique):.3f})",
        f"  only-in share     {_ratio(t.unique, t.claims):.3f}  ({t.unique}/{t.claims} claims)",
        f"  skip points       {t.skip_points}",
    ])


def _quote(text: str, start: int, end: int, width: int = 150) -> str:
    piece = " ".join(text[start:end].split())
    return piece if len(piece) <= width else piece[: width - 1] + "…"


def show(gold: Gold, brief: Brief, outcome: Outcome) -> None:
    """Print the misses and false points with their text (read from the data, never stored)."""
    texts = {a.id: a.text for a in brief.articles}

    def claim_line(cid: str) -> str:
        c = brief.claim(cid)
        return f"      {cid}: {_quote(c.text, 0, len(c.text))}"

    for f in outcome.missed_facts:
        print(f"  MISSED fact {f}: {gold.facts.get(f, '')}")
        for s in gold.sentences:
            if f in s.facts:
                print(f"      {s.article} {s.start}: {_quote(texts[s.article], s.start, s.end)}")
    for claims in outcome.false_points:
        print("  FALSE agreed point:")
        for cid in claims:
            print(claim_line(cid))
    for g in outcome.missed_relations:
        print(f"  MISSED {g.type}: {g.note}")
        for aid, start, end in (g.a, g.b):
            print(f"      {aid} {start}: {_quote(texts[aid], start, end)}")
    for rtype, first, second in outcome.false_relations:
        print(f"  FALSE {rtype}:")
        print(claim_line(first))
        print(claim_line(second))
    for cid, facts in outcome.shared_in_unique:
        print(f"  SHARED but only-in ({facts}):")
        print(claim_line(cid))
    for s in outcome.skip_in_points:
        print(f"  SKIP made a point ({s.why}): {s.article} {s.start}: {_quote(texts[s.article], s.start, s.end)}")


CV_GRID = (0.85, 0.90, 0.95, 1.00, 1.05, 1.10)  # thresholds on cosine + 2 x rare-word overlap
CV_PRECISION = 0.90  # a threshold counts on the training triplets only at this agreed precision or above


def cross_validate(golds: Sequence[Gold], stories: dict[str, list[Article]]) -> int:
    """Leave one triplet out: the threshold with the best recall at >= CV_PRECISION on the other 11, scored on it.

    The analysis of each triplet is computed once; only the align stage runs again per threshold.
    """
    from storydiff.align import facts
    from storydiff.nlp.analysis import analyze
    from storydiff.pipeline import brief_from_analysis

    shipped = facts.SAME_SPECIFICS
    tallies: dict[float, dict[str, Tally]] = {t: {} for t in CV_GRID}
    try:
        for gold in golds:
            analysis = analyze(stories[gold.triplet])
            for threshold in CV_GRID:
                facts.SAME_SPECIFICS = threshold
                tallies[threshold][gold.triplet] = score(gold, brief_from_analysis(analysis)).tally
    finally:
        facts.SAME_SPECIFICS = shipped
    held_out = Tally()
    for gold in golds:
        train = {t: _summed(v for k, v in tallies[t].items() if k != gold.triplet) for t in CV_GRID}
        usable = [t for t in CV_GRID if _ratio(train[t].points_right, train[t].points) >= CV_PRECISION]
        chosen = max(usable, key=lambda t: (_ratio(train[t].facts_found, train[t].facts), t)) if usable else CV_GRID[-1]
        held_out.add(tallies[chosen][gold.triplet])
        print(f"{gold.triplet}: threshold {chosen:.2f} chosen on the other {len(golds) - 1}")
    for threshold in CV_GRID:
        total = _summed(tallies[threshold].values())
        print(f"in-sample at {threshold:.2f}: agreed recall {_ratio(total.facts_found, total.facts):.3f} "
              f"precision {_ratio(total.points_right, total.points):.3f}")
    print(f"cross-validated by triplet ({len(golds)} folds)")
    print(format_tally(held_out))
    print(f"alignment_cv_agreed_recall: {_ratio(held_out.facts_found, held_out.facts):.3f}")
    return 0


def _summed(tallies: Iterable[Tally]) -> Tally:
    total = Tally()
    for tally in tallies:
        total.add(tally)
    return total


def gold_files(folder: Path = GOLD_DIR) -> list[Path]:
    """The gold files, in name order."""
    return sorted(folder.glob("*.json"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triplet", help="score only this triplet uuid")
    parser.add_argument("--show", action="store_true", help="print misses and false points with the sentence text")
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of gold files")
    parser.add_argument(
        "--metric", choices=("recall", "precision", "contrary"), default="recall",
        help="the figure on the last line: agreed recall (default), agreed precision, or conflict+update recall",
    )
    parser.add_argument(
        "--cv", action="store_true",
        help="choose the same-fact threshold on the story's rarer words by leaving one triplet out (slow: a grid)",
    )
    args = parser.parse_args(argv)

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _data import basil_stories

    from storydiff.pipeline import build_brief

    stories = basil_stories()
    golds = [load_gold(p) for p in gold_files(args.gold)]
    if args.triplet:
        golds = [g for g in golds if g.triplet == args.triplet]
    if not golds:
        print(f"no gold file{' for ' + args.triplet if args.triplet else ''} in {args.gold}", file=sys.stderr)
        return 1
    for gold in golds:
        articles = stories.get(gold.triplet)
        if articles is None:
            print(f"{gold.path.name}: triplet {gold.triplet} is not in the BASIL data", file=sys.stderr)
            return 1
        problems = gold_problems(gold, articles)
        if problems:
            print(f"{gold.path.name}: " + "; ".join(problems[:5]), file=sys.stderr)
            return 1
    if args.cv:
        return cross_validate(golds, stories)
    total = Tally()
    for gold in golds:
        articles = stories[gold.triplet]
        brief = build_brief(articles)
        outcome = score(gold, brief)
        total.add(outcome.tally)
        print(f"{gold.triplet} ({' / '.join(a.outlet or a.id for a in articles)})")
        print(format_tally(outcome.tally))
        if args.show:
            show(gold, brief, outcome)
    print(f"overall ({len(golds)} triplets)")
    print(format_tally(total))
    if args.metric == "precision":
        print(f"alignment_agreed_precision: {_ratio(total.points_right, total.points):.3f}")
    elif args.metric == "contrary":
        print(f"alignment_contrary_recall: {_ratio(total.gold_relations_found, total.gold_relations):.3f}")
    else:
        print(f"alignment_agreed_recall: {_ratio(total.facts_found, total.facts):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
