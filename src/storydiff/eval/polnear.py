"""PolNeAR, the attribution corpus: its BRAT files and how statements are scored on it.

PolNeAR (news about the 2016 US election, annotated with attributions: a
Source, a Cue and a Content span each) is read in place from
``../shared/data/polnear``; nothing of it is copied here. ``benchmarks/statements.py``
and ``scripts/train_statements.py`` share this scoring:

A predicted statement matches a gold attribution when their content spans
share at least half of the tokens of their union (punctuation aside),
one-to-one, greedily by overlap. Statements that share a cue (a quote and
its continuation) are merged first, as PolNeAR draws them as one attribution
with a discontinuous content. Among matches, the speaker is right when its
span overlaps the gold Source span (or, for a bare "who", "which" or
"that", its antecedent) or names the same person, and the cue is
right when the spans overlap. The speech subset is the gold attributions
whose cue contains a verb of speech (``storydiff.lexicon.SPEECH_LEMMAS``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from storydiff.models import Speaker, Statement
from storydiff.lexicon import SPEECH_LEMMAS
from storydiff.nlp.statements.positions import doc_text
from storydiff.nlp.statements.relatives import antecedent
from storydiff.nlp.statements.speakers import phrase_bounds

_ANN_SUFFIX = re.compile(r"_[0-9a-f]{4}\.ann$")

Spans = list[tuple[int, int]]


@dataclass
class Gold:
    content: Spans
    cue: Spans
    source: Spans


@dataclass
class Pred:
    content: Spans
    cue: tuple[int, int]
    speaker: tuple[int, int]
    speaker_name: str | None
    speaker_text: str
    cue_lemma: str


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    speaker_ok: int = 0
    speaker_n: int = 0
    cue_ok: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    wrong_speakers: list[str] = field(default_factory=list)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def read_ann(path: Path) -> list[Gold]:
    """The attributions of one BRAT file: content, cue and source spans."""
    spans: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, offsets = parts[1].split(" ", 1)
            spans[parts[0]] = [(int(a), int(b)) for a, b in (x.split() for x in offsets.split(";"))]
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(x.split(":", 1) for x in parts[1].split()))
    gold = []
    for ev in events:
        content = spans.get(ev.get("Content", ""), [])
        if content:
            gold.append(Gold(content, spans.get(ev.get("Cue", ""), []), spans.get(ev.get("Source", ""), [])))
    return gold


def load_split(data: Path, split: str) -> list[tuple[str, str, list[Gold]]]:
    """(name, text, gold attributions) for every text of a split that has annotations."""
    anns: dict[str, Path] = {}
    for ann in sorted((data / split / "attributions").glob("*.ann")):
        anns.setdefault(_ANN_SUFFIX.sub("", ann.name), ann)
    docs = []
    for txt in sorted((data / split / "text").glob("*.txt")):
        found = anns.get(txt.stem)
        if found is not None:
            docs.append((txt.stem, txt.read_text(encoding="utf-8"), read_ann(found)))
    return docs


def token_starts(doc: Doc) -> tuple[list[int], list[int]]:
    keep = [t for t in doc if not (t.is_punct or t.is_space)]
    return [t.idx for t in keep], [t.idx + len(t) for t in keep]


def tokens_of(spans: Iterable[tuple[int, int]], starts: list[int], ends: list[int]) -> set[int]:
    found: set[int] = set()
    for s, e in spans:
        lo = bisect_right(ends, s)
        hi = bisect_left(starts, e)
        found.update(range(lo, hi))
    return found


def _overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _sources(doc: Doc, spans: Spans) -> Spans:
    """The gold Source spans, with the antecedent of a bare relative pronoun.

    PolNeAR marks "who" in "The minister, who said ..."; storydiff names the
    minister (a bare "who" is never a speaker), which is the same source.
    """
    span = doc.char_span(spans[0][0], spans[0][1], alignment_mode="expand") if len(spans) == 1 else None
    noun = antecedent(span.root) if span is not None and len(span) == 1 else None
    if noun is None:
        return spans
    start, end = phrase_bounds(noun)
    return [*spans, (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))]


def speaker_right(doc: Doc, gold: Gold, speaker: Speaker) -> bool:
    """Whether a speaker is the gold attribution's source, as the benchmark counts it (True
    when the gold has no source: there is nothing to get wrong)."""
    return not gold.source or _speaker_ok(doc, gold, (speaker.start, speaker.end), speaker.name, speaker.text)


def _speaker_ok(doc: Doc, gold: Gold, span: tuple[int, int], name: str | None, said: str) -> bool:
    text = doc_text(doc)
    src = " ".join(text[s:e] for s, e in gold.source)
    return _overlaps(span, _sources(doc, gold.source)) or _same_person(name, said, src)


def _same_person(speaker_name: str | None, speaker_text: str, gold_text: str) -> bool:
    words = set(re.findall(r"\w+", gold_text))
    for name in (speaker_name, speaker_text):
        if name:
            last = re.findall(r"\w+", name)
            if last and last[-1][0].isupper() and last[-1] in words:
                return True
    return False


def is_speech_cue(doc: Doc, spans: Spans) -> bool:
    """Whether a gold cue contains a verb of speech, by the parse's lemmas."""
    for s, e in spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and any(t.lemma_.lower() in SPEECH_LEMMAS for t in span):
            return True
    return False


def predictions(doc: Doc, statements: Iterable[Statement]) -> list[Pred]:
    """Statements as predictions, those sharing a cue merged into one."""
    merged: dict[tuple[int, int], Pred] = {}
    for st in statements:
        key = (st.cue.start, st.cue.end)
        if key in merged:
            merged[key].content.append((st.content.start, st.content.end))
            continue
        span = doc.char_span(st.cue.start, st.cue.end, alignment_mode="expand")
        lemma = span[0].lemma_.lower() if span is not None and len(span) else ""
        merged[key] = Pred(
            [(st.content.start, st.content.end)],
            key,
            (st.speaker.start, st.speaker.end),
            st.speaker.name,
            st.speaker.text,
            lemma,
        )
    return list(merged.values())


def score_doc(doc: Doc, gold: list[Gold], preds: list[Pred], every: Tally, speech: Tally) -> None:
    """Match one article's predictions to its gold and add to both tallies."""
    text = doc.text
    starts, ends = token_starts(doc)
    gtok = [tokens_of(g.content, starts, ends) for g in gold]
    ptok = [tokens_of(p.content, starts, ends) for p in preds]
    pairs = []
    for i, gset in enumerate(gtok):
        for j, pset in enumerate(ptok):
            inter = len(gset & pset)
            if inter and inter * 2 >= len(gset | pset):
                pairs.append((inter / len(gset | pset), i, j))
    pairs.sort(reverse=True)
    gmatch: dict[int, int] = {}
    pmatch: dict[int, int] = {}
    for _, i, j in pairs:
        if i not in gmatch and j not in pmatch:
            gmatch[i], pmatch[j] = j, i
    is_speech = [is_speech_cue(doc, g.cue) for g in gold]

    def show(spans: Spans) -> str:
        return " | ".join(text[s:e] for s, e in spans).replace("\n", " ")[:160]

    for i, g in enumerate(gold):
        tallies = [every] + ([speech] if is_speech[i] else [])
        for t in tallies:
            if i not in gmatch:
                t.fn += 1
                near = next((p for p in preds if _overlaps(p.cue, g.cue)), None)
                why = f"  <- we took: {show(near.content)[:80]}" if near else ""
                t.misses.append(f"[{show(g.source)}] [{show(g.cue)}] {show(g.content)}{why}")
                continue
            t.tp += 1
            p = preds[gmatch[i]]
            if g.source:
                t.speaker_n += 1
                if _speaker_ok(doc, g, p.speaker, p.speaker_name, p.speaker_text):
                    t.speaker_ok += 1
                else:
                    src = " ".join(text[s:e] for s, e in g.source)
                    t.wrong_speakers.append(f"gold [{src}] got [{p.speaker_text}]: {show(g.content)[:80]}")
            if _overlaps(p.cue, g.cue):
                t.cue_ok += 1
    for j, p in enumerate(preds):
        if j in pmatch:
            continue
        line = f"[{p.speaker_text}] [{text[p.cue[0] : p.cue[1]]}] {show(p.content)}"
        every.fp += 1
        every.false_alarms.append(line)
        if p.cue_lemma in SPEECH_LEMMAS:
            speech.fp += 1
            speech.false_alarms.append(line)
