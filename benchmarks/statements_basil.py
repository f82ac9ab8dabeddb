"""Hand check of "who said what" on BASIL dev: the brief's statements against a gold read by hand.

Usage::

    python benchmarks/statements_basil.py            # per article and overall
    python benchmarks/statements_basil.py --show     # also print every wrong line and every miss, with the text

The gold (``benchmarks/gold/basil_statements.json``, format
``storydiff.gold-statements/1``, fields described in the file) lists every
attributed statement a reader would expect in 18 articles of 6 BASIL dev
triplets: cue, speaker mention (and, for "he said" or "the aide said", the
mention that names them), content, kind and flags. It was annotated from the
articles, not from storydiff's output, so it stays valid when the extractor
changes. It holds offsets only: the text is read from ../shared/data at run
time, loaded as ``_data.basil_stories()`` does, and each article's length and
SHA-1 must equal the gold's.

Each triplet is analysed as a story (``storydiff.pipeline.analyze``) and the
predicted statements are those the brief lists under "who said what"
(``render.summary.is_reportable``). Rules:

- content tokens are the ``\\w+`` words of a span, by position;
- a prediction *matches* a gold statement of its article when their content
  token F1 is at least 0.6, or when the prediction is a *piece* of the gold
  content (at least 90% of its tokens inside it, and both its ends at a
  sentence boundary, at the gold's ends or where a quote is interrupted by
  its cue: one sentence of a long quote, one part of "A," he added, "B");
  among several matches, one with the right speaker is preferred, then the
  highest F1;
- the *speaker is right* when the predicted speaker span overlaps the gold
  speaker mention or its naming mention, or when the surname of the naming
  mention (its last capitalised word, possessive dropped) is a word of the
  predicted speaker's name or text;
- a matching prediction *cuts* the content when, within the sentences it
  touches, it leaves out more than two words at the start (a subject and its
  verb, "it was impossible to say") or a negating word
  (``lexicon.NEGATING_WORDS``, a "-n't"); a clause dropped at the end after
  ", but" or ", and" is a lost detail and does not count;
- a prediction is *right* when it matches, its speaker is right, its
  ``negated`` flag equals the gold's and it does not cut. Predictions that
  match no gold statement count as wrong (``--show`` lists them, and every
  wrong one with its reason, for a person to check).

Figures, per article and overall: **both right** (right predictions over
all predictions: the hand-check figure of issue 12), **recall** (required,
non-optional gold statements found: some right prediction with F1 >= 0.6,
or right pieces covering at least 60% of its tokens) and **speaker
accuracy** (matched predictions whose speaker is right); then the gold
statements found by kind and by flag (question, answer, negated), optional
ones included. Optional gold
statements (borderline cues, nested speech) make a prediction that matches
them right or wrong like any other, and count toward no recall.

The last line is ``basil_statements_both_right: P``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storydiff.lexicon import NEGATING_WORDS
from storydiff.models import Article, Statement

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold" / "basil_statements.json"
BASIL = ROOT.parent / "shared" / "data" / "basil"
FORMAT = "storydiff.gold-statements/1"
MIN_F1 = 0.6
PIECE_INSIDE = 0.9
_WORD = re.compile(r"\w+")
_NAME = re.compile(r"[A-Z][\w.'’-]*")
_OPENERS = {"The", "A", "An", "This", "That", "He", "She", "It", "They", "His", "Her", "Its", "Their",
            "Sen.", "Rep.", "Mr.", "Mrs.", "Ms.", "Dr.", "President", "Senator", "Representative"}
_ENDS = ".?!"
_BREAK = re.compile(r"[”\"][^“”\"\n]{1,60}?[,:]\s*[“\"]")
_CLAUSE = re.compile(r"[\s\"“”'’]*[,;—–-]+\s*(but|and|while|or)\b", re.IGNORECASE)
_EDGE = " \n\t\"'“”‘’,;:—-)]"


@dataclass(frozen=True, slots=True)
class Gold:
    """One hand-annotated statement (offsets into its article's text)."""

    id: str
    cue: tuple[int, int]
    speaker: tuple[int, int]
    naming: tuple[int, int] | None
    content: tuple[int, int]
    kind: str
    negated: bool
    optional: bool
    question: bool = False
    answer: bool = False

    def groups(self) -> tuple[str, ...]:
        """The subsets this statement counts in: its kind and its flags."""
        flags = ("question", self.question), ("answer", self.answer), ("negated", self.negated)
        return (self.kind, *(name for name, on in flags if on))


@dataclass(frozen=True, slots=True)
class Verdict:
    """How one predicted statement scored."""

    statement: Statement
    gold: Gold | None
    f1: float
    speaker_ok: bool
    right: bool
    reason: str  # "right", "no gold", "speaker", "negation", "cut"


@dataclass(slots=True)
class Tally:
    """Counts for one article or for all of them."""

    predicted: int = 0
    right: int = 0
    matched: int = 0
    speaker_ok: int = 0
    required: int = 0
    found: int = 0
    errors: list[str] = field(default_factory=list)
    groups: dict[str, list[int]] = field(default_factory=dict)  # kind or flag: [found, gold], optional included

    def add(self, other: Tally) -> None:
        for name in ("predicted", "right", "matched", "speaker_ok", "required", "found"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for group, (hit, count) in other.groups.items():
            mine = self.groups.setdefault(group, [0, 0])
            mine[0] += hit
            mine[1] += count

    def figures(self) -> tuple[float, float, float]:
        """Both right (precision), recall of required gold, speaker accuracy among matched."""
        return (_share(self.right, self.predicted), _share(self.found, self.required),
                _share(self.speaker_ok, self.matched))


def _share(n: int, d: int) -> float:
    return n / d if d else 0.0


def load_gold(path: Path) -> list[dict]:
    """The gold's article records, each with its statements as :class:`Gold`."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    if doc.get("format") != FORMAT:
        sys.exit(f"{path}: format is {doc.get('format')!r}, expected {FORMAT!r}")
    for record in doc["articles"]:
        record["gold"] = [Gold(s["id"], tuple(s["cue"]), tuple(s["speaker"]),
                               tuple(s["naming"]) if s["naming"] else None, tuple(s["content"]),
                               s["kind"], s["negated"], s["optional"], s["question"], s["answer"])
                          for s in record["statements"]]
    return doc["articles"]


SPANS = ("cue", "speaker", "naming", "content")
FLAGS = ("negated", "question", "answer", "optional")


def gold_problems(record: dict, article: Article | None) -> list[str]:
    """What is wrong with one gold article record against the article it annotates (empty when sound)."""
    where = f"{record.get('triplet')} {record.get('id')}"
    if article is None or Path(article.source).name != record.get("file"):
        return [f"{where}: article {record.get('file')} not found in the BASIL data"]
    text = article.text
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    if len(text) != record.get("chars") or digest != record.get("sha1"):
        return [f"{where}: text differs from the annotated one ({len(text)} chars, sha1 {digest}); "
                "the loader or the data changed, so every offset would be off"]
    problems = []
    for s in record["statements"]:
        for name in SPANS:
            span = s[name]
            if span is None and name == "naming":
                continue
            start, end = span
            piece = text[start:end]
            if not 0 <= start < end <= len(text):
                problems.append(f"{s['id']}: {name} {span} outside the text ({len(text)} chars)")
            elif piece != piece.strip() or not re.search(r"\w", piece):
                problems.append(f"{s['id']}: {name} {span} is {piece!r}: no word, or blank at an edge")
        if s["kind"] not in ("quote", "reported") or not all(isinstance(s[f], bool) for f in FLAGS):
            problems.append(f"{s['id']}: kind {s['kind']!r} or a flag that is not true/false")
    return problems


def checked_article(record: dict, stories: dict[str, list[Article]]) -> Article:
    """The article a gold record annotates, after checking the record against its text."""
    article = {a.id: a for a in stories.get(record["triplet"], [])}.get(record["id"])
    problems = gold_problems(record, article)
    if problems or article is None:
        sys.exit("gold does not fit the BASIL data:\n" + "\n".join(problems))
    return article


def tokens(text: str, start: int, end: int) -> set[int]:
    """Start offsets of the words in ``text[start:end]``."""
    return {start + m.start() for m in _WORD.finditer(text[start:end])}


def _f1(pred: set[int], gold: set[int]) -> float:
    both = len(pred & gold)
    return 2 * both / (len(pred) + len(gold)) if both else 0.0


def quote_breaks(text: str, gold: tuple[int, int]) -> list[tuple[int, int]]:
    """Where a quote inside the gold content is interrupted by its cue: ``in charge,” he added, “working``."""
    return [(gold[0] + m.start(), gold[0] + m.end()) for m in _BREAK.finditer(text[gold[0] : gold[1]])]


def _at_boundary(text: str, pos: int, forward: bool, edges: list[int]) -> bool:
    """Whether ``pos`` sits at a sentence boundary, or within a few characters of a gold edge or quote break."""
    if any(abs(pos - edge) <= 3 for edge in edges):
        return True
    if forward:  # an end: the last non-edge character before, or the first after, closes a sentence
        before = text[:pos].rstrip(_EDGE)
        after = text[pos:].lstrip(_EDGE)
        return bool(before and before[-1] in _ENDS) or bool(after and after[0] in _ENDS)
    before = text[:pos].rstrip(_EDGE)
    return not before or before[-1] in _ENDS


def is_piece(text: str, pred: tuple[int, int], gold: tuple[int, int], ptoks: set[int], gtoks: set[int]) -> bool:
    """Whether a predicted content is whole sentences (or whole parts of an interrupted quote) of a gold content."""
    if not ptoks or len(ptoks & gtoks) < PIECE_INSIDE * len(ptoks):
        return False
    breaks = quote_breaks(text, gold)
    return (_at_boundary(text, pred[0], False, [gold[0], *(b for _, b in breaks)])
            and _at_boundary(text, pred[1], True, [gold[1], *(a for a, _ in breaks)]))


def cut(text: str, pred: tuple[int, int], gold: tuple[int, int], ptoks: set[int]) -> bool:
    """Whether a matching prediction leaves out what decides the meaning, within the sentences it touches.

    It does when it drops more than two words at the start of the gold
    content's sentence (a subject and its verb, "it was impossible to say";
    "that" or "it was" may go), or a negating word ("not", "never",
    "without", a "-n't") inside the clause it cuts. A clause dropped at the
    end after ", but" or ", and" is a lost detail, not a changed meaning; a
    quote interrupted by its cue counts as two sentences.
    """
    breaks = quote_breaks(text, gold)
    head_end = max(gold[0], pred[0])
    marks = [gold[0] + n + 1 for n, ch in enumerate(text[gold[0] : head_end]) if ch in _ENDS]
    start = max([gold[0], *marks, *(b for _, b in breaks if b <= head_end + 3)])
    tail = text[min(pred[1], gold[1]) : gold[1]]
    stop = next((pred[1] + n + 1 for n, ch in enumerate(tail) if ch in _ENDS), gold[1])
    stop = min([stop, *(a for a, _ in breaks if a >= pred[1] - 3)])
    if _CLAUSE.match(tail):
        stop = pred[1]
    missing = sorted(tokens(text, start, stop) - ptoks)
    if sum(t < pred[0] for t in missing) > 2:
        return True
    for t in missing:
        word = _WORD.match(text, t)
        assert word is not None
        if word.group().lower() in NEGATING_WORDS or (word.group() == "t" and text[t - 2 : t - 1] == "n"):
            return True
    return False


def surname(phrase: str) -> str | None:
    """The last capitalised word of a naming mention, title words and possessive aside."""
    words = [w.removesuffix("’s").removesuffix("'s").rstrip(".,") for w in _NAME.findall(phrase)]
    words = [w for w in words if w and w not in _OPENERS]
    return words[-1] if words else None


def speaker_right(statement: Statement, gold: Gold, text: str) -> bool:
    """Speaker overlaps the gold mention or its naming mention, or shares the naming mention's surname."""
    start, end = statement.speaker.start, statement.speaker.end
    spans = [gold.speaker] + ([gold.naming] if gold.naming else [])
    if any(start < e and s < end for s, e in spans):
        return True
    name_span = gold.naming or gold.speaker
    last = surname(text[name_span[0] : name_span[1]])
    if last is None:
        return False
    said = f"{statement.speaker.name or ''} {statement.speaker.text}"
    return last in {w.removesuffix("’s").removesuffix("'s").rstrip(".,") for w in _NAME.findall(said)}


def judge(statement: Statement, golds: Sequence[Gold], text: str) -> Verdict:
    """Match one prediction to the gold statement of its article it fits best, and say whether it is right."""
    ptoks = tokens(text, statement.content.start, statement.content.end)
    pred = (statement.content.start, statement.content.end)
    best: tuple[bool, float, Gold] | None = None
    for gold in golds:
        gtoks = tokens(text, *gold.content)
        f1 = _f1(ptoks, gtoks)
        if f1 < MIN_F1 and not is_piece(text, pred, gold.content, ptoks, gtoks):
            continue
        key = (speaker_right(statement, gold, text), f1, gold)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is None:
        return Verdict(statement, None, 0.0, False, False, "no gold")
    speaker_ok, f1, gold = best
    if not speaker_ok:
        reason = "speaker"
    elif statement.negated != gold.negated:
        reason = "negation"
    elif cut(text, pred, gold.content, ptoks):
        reason = "cut"
    else:
        reason = "right"
    return Verdict(statement, gold, f1, speaker_ok, reason == "right", reason)


def found(gold: Gold, verdicts: Sequence[Verdict], text: str) -> bool:
    """A gold statement is found by one right prediction with F1 >= 0.6, or right pieces covering 60% of it."""
    mine = [v for v in verdicts if v.right and v.gold is gold]
    if any(v.f1 >= MIN_F1 for v in mine):
        return True
    gtoks = tokens(text, *gold.content)
    covered: set[int] = set()
    for v in mine:
        covered |= tokens(text, v.statement.content.start, v.statement.content.end) & gtoks
    return bool(gtoks) and len(covered) >= MIN_F1 * len(gtoks)


def _clip(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def score_article(article: Article, golds: Sequence[Gold], statements: Sequence[Statement]) -> Tally:
    """Tally one article; ``errors`` holds a readable line per wrong prediction and per miss."""
    text = article.text
    tally = Tally(predicted=len(statements))
    verdicts = [judge(s, golds, text) for s in statements]
    for v in verdicts:
        tally.right += v.right
        tally.matched += v.gold is not None
        tally.speaker_ok += v.speaker_ok
        if not v.right:
            s = v.statement
            want = ""
            if v.gold is not None:
                g = v.gold
                name = g.naming or g.speaker
                want = f" (gold {g.id}: [{text[name[0]:name[1]]}]{' negated' if g.negated else ''})"
            tally.errors.append(f"  WRONG {v.reason}{want}: [{s.speaker.name or s.speaker.text}] "
                                f"<{s.cue.text}> {'NEG ' if s.negated else ''}“{_clip(s.content.text)}”")
    for gold in golds:
        hit = found(gold, verdicts, text)
        for group in gold.groups():
            counts = tally.groups.setdefault(group, [0, 0])
            counts[0] += hit
            counts[1] += 1
        if gold.optional:
            continue
        tally.required += 1
        if hit:
            tally.found += 1
        else:
            name = gold.naming or gold.speaker
            tally.errors.append(f"  MISSED {gold.id}: [{text[name[0]:name[1]]}] <{text[gold.cue[0]:gold.cue[1]]}> "
                                f"{'NEG ' if gold.negated else ''}“{_clip(text[gold.content[0]:gold.content[1]])}”")
    return tally


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD, help="the gold (default benchmarks/gold/basil_statements.json)")
    ap.add_argument("--data", type=Path, default=BASIL, help="BASIL folder (default ../shared/data/basil)")
    ap.add_argument("--show", action="store_true", help="print each wrong prediction and each missed gold statement")
    ap.add_argument("--relatives", action="store_true",
                    help="also count statements whose speaker is a bare 'who'/'which'/'that', over all BASIL articles")
    ap.add_argument("--rule-margin", type=float, default=None,
                    help="choose statements with this rule margin, not choice.RULE_MARGIN (an experiment)")
    args = ap.parse_args(argv)
    if args.rule_margin is not None:
        import storydiff.nlp.statements.extract as extract

        extract.RULE_MARGIN = args.rule_margin  # iter_statements reads it at each call

    from _data import basil_stories

    from storydiff.pipeline import analyze
    from storydiff.render.summary import is_reportable

    records = load_gold(args.gold)
    stories = basil_stories(args.data)
    by_triplet: dict[str, list[dict]] = {}
    for record in records:
        by_triplet.setdefault(record["triplet"], []).append(record)
    total = Tally()
    optional = sum(g.optional for r in records for g in r["gold"])
    print(f"== BASIL dev hand check: {len(by_triplet)} triplets, {len(records)} articles, "
          f"{sum(len(r['gold']) for r in records) - optional} required gold statements (+{optional} optional)")
    print(f"{'article':12s} {'pred':>4s} {'right':>5s} {'both':>6s}   {'gold':>4s} {'found':>5s} {'recall':>6s}"
          f"   {'speaker':>7s}")
    for triplet, group in by_triplet.items():
        articles = [checked_article(r, stories) for r in group]
        analysis = analyze(articles)
        for record, analysed in zip(group, analysis.articles, strict=True):
            shown = [s for s in analysed.statements if is_reportable(s)]
            tally = score_article(analysed.article, record["gold"], shown)
            total.add(tally)
            both, recall, speaker = tally.figures()
            print(f"{triplet[:8]} {record['id']:3s} {tally.predicted:4d} {tally.right:5d} {both:6.3f}   "
                  f"{tally.required:4d} {tally.found:5d} {recall:6.3f}   {speaker:7.3f}")
            if args.show and tally.errors:
                print("\n".join(tally.errors))
    both, recall, speaker = total.figures()
    print(f"{'overall':12s} {total.predicted:4d} {total.right:5d} {both:6.3f}   {total.required:4d} "
          f"{total.found:5d} {recall:6.3f}   {speaker:7.3f}")
    print("found by kind and flag (optional statements included): " + ", ".join(
        f"{group} {hit}/{count}" for group, (hit, count) in sorted(total.groups.items())))
    if args.relatives:
        every = [s for story in stories.values() for a in analyze(story).articles for s in a.statements]
        bare = sum(s.speaker.text.strip().lower() in ("who", "which", "that") for s in every)
        print(f"relative-pronoun speakers over all {sum(map(len, stories.values()))} BASIL articles: "
              f"{bare} of {len(every)} statements")
    print(f"basil_statements_both_right: {both:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
