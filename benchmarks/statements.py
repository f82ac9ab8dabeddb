"""Statement extraction against PolNeAR attributions: precision, recall, F1.

    python benchmarks/statements.py --split dev
    python benchmarks/statements.py --split dev --floor 0.85   # exit 1 below the floor

A predicted statement matches a gold attribution when their content spans
share at least half of the tokens of their union (punctuation aside),
one-to-one, greedily by overlap. Statements that share a cue (a quote and
its continuation, "“A,” he said, “B.”") are merged first: PolNeAR draws
them as one attribution with a discontinuous content span. Among matches,
the speaker is right when its span overlaps the gold Source span or names
the same person, and the cue is right when the spans overlap.

The speech subset is the gold attributions whose cue contains a verb of
speech (``storydiff.nlp.cues.SPEECH_LEMMAS``); its false positives are the
unmatched predictions whose own cue is a verb of speech, and predictions
matched to a gold attribution outside the subset count on neither side.

Texts annotated by several annotators are scored against the first
annotation file in name order. The last line is ``statements_speech_f1: F``
for the dev split (or the only split run).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear"
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
            gold.append(
                Gold(content, spans.get(ev.get("Cue", ""), []), spans.get(ev.get("Source", ""), []))
            )
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


def _token_starts(doc: Doc) -> tuple[list[int], list[int]]:
    keep = [t for t in doc if not (t.is_punct or t.is_space)]
    return [t.idx for t in keep], [t.idx + len(t) for t in keep]


def _tokens(spans: Iterable[tuple[int, int]], starts: list[int], ends: list[int]) -> set[int]:
    from bisect import bisect_left, bisect_right

    found: set[int] = set()
    for s, e in spans:
        lo = bisect_right(ends, s)
        hi = bisect_left(starts, e)
        found.update(range(lo, hi))
    return found


def _overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _same_person(pred: Pred, gold_text: str) -> bool:
    words = set(re.findall(r"\w+", gold_text))
    for name in (pred.speaker_name, pred.speaker_text):
        if name:
            last = re.findall(r"\w+", name)
            if last and last[-1][0].isupper() and last[-1] in words:
                return True
    return False


def is_speech_cue(doc: Doc, spans: Spans) -> bool:
    """Whether a gold cue contains a verb of speech, by the parse's lemmas."""
    from storydiff.nlp.cues import SPEECH_LEMMAS

    for s, e in spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and any(t.lemma_.lower() in SPEECH_LEMMAS for t in span):
            return True
    return False


def predictions(doc: Doc, name: str) -> list[Pred]:
    """Extracted statements, those sharing a cue merged into one."""
    from storydiff.nlp.attributions import iter_statements

    merged: dict[tuple[int, int], Pred] = {}
    for st in iter_statements(doc, name):
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
    from storydiff.nlp.cues import SPEECH_LEMMAS

    text = doc.text
    starts, ends = _token_starts(doc)
    gtok = [_tokens(g.content, starts, ends) for g in gold]
    ptok = [_tokens(p.content, starts, ends) for p in preds]
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
                src = " ".join(text[s:e] for s, e in g.source)
                if _overlaps(p.speaker, g.source) or _same_person(p, src):
                    t.speaker_ok += 1
                else:
                    t.wrong_speakers.append(
                        f"gold [{src}] got [{p.speaker_text}]: {show(g.content)[:80]}"
                    )
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


def run_split(
    nlp: Language, data: Path, split: str, limit: int | None
) -> tuple[Tally, Tally, float, float]:
    """Parse and score one split: tallies for all and speech, parse and extraction seconds."""
    every, speech = Tally(), Tally()
    parse_s = extract_s = 0.0
    docs = load_split(data, split)[:limit]
    for name, text, gold in docs:
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        preds = predictions(doc, name)
        t2 = time.perf_counter()
        parse_s += t1 - t0
        extract_s += t2 - t1
        score_doc(doc, gold, preds, every, speech)
    return every, speech, parse_s, extract_s


def report(split: str, every: Tally, speech: Tally, parse_s: float, extract_s: float) -> None:
    print(f"== PolNeAR {split}")
    for label, t in (("all", every), ("speech", speech)):
        p, r, f = t.prf()
        spk = t.speaker_ok / t.speaker_n if t.speaker_n else 0.0
        cue = t.cue_ok / t.tp if t.tp else 0.0
        print(
            f"{label:7s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {t.tp}, fp {t.fp}, fn {t.fn})"
            f"  speaker acc {spk:.3f}  cue acc {cue:.3f}"
        )
    ratio = extract_s / parse_s if parse_s else 0.0
    print(f"time    parse {parse_s:.1f}s  extraction {extract_s:.2f}s  ratio {ratio:.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=["dev", "train", "both"], default="dev")
    ap.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help="PolNeAR folder with train/ and dev/ (default ../shared/data/polnear)",
    )
    ap.add_argument("--limit", type=int, default=None, help="score only the first N texts")
    ap.add_argument(
        "--floor",
        type=float,
        default=None,
        help="exit 1 when the speech-subset F1 is below this, e.g. 0.85",
    )
    ap.add_argument(
        "--misses",
        type=Path,
        default=None,
        help="write misses, false alarms and wrong speakers to this file",
    )
    args = ap.parse_args(argv)
    if not (args.data / "dev").is_dir():
        print(f"PolNeAR not found at {args.data}; pass --data PATH", file=sys.stderr)
        return 2
    from storydiff.nlp.parse import load_spacy

    nlp = load_spacy()  # the pipeline storydiff analyses with, line-break sentences included
    splits = ["train", "dev"] if args.split == "both" else [args.split]
    final = 0.0
    for split in splits:
        every, speech, parse_s, extract_s = run_split(nlp, args.data, split, args.limit)
        report(split, every, speech, parse_s, extract_s)
        final = speech.prf()[2]
        if args.misses:
            with open(args.misses.with_suffix(f".{split}.txt"), "w", encoding="utf-8") as fh:
                for title, lines in (
                    ("MISSED (all)", every.misses),
                    ("FALSE ALARMS", every.false_alarms),
                    ("WRONG SPEAKER", every.wrong_speakers),
                ):
                    fh.write(f"## {title}\n" + "\n".join(lines) + "\n\n")
    print(f"statements_speech_f1: {final:.3f}")
    if args.floor is not None and final < args.floor:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
