"""Who each statement is filed under and what each claim asserts, over all 56 BASIL dev events, and what
a change of code changed.

Usage::

    python benchmarks/basil_speakers.py --save /tmp/after.json            # every statement's speaker
    python benchmarks/basil_speakers.py --against /tmp/before.json        # ... and the ones renamed since

A ``--save`` file written by an older checkout (run this script there, or
with its ``src`` first on ``PYTHONPATH``) is what ``--against`` compares with:
it prints each statement (by event, article and content offset) whose
speaker's name changed, with the words before it, for reading. The figures
in ``docs/statements.md`` ("renamed N speakers, all right by our reading")
are such a comparison and its reading. It also counts the people whose
entity joins two forms of a first name ("Bill" / "William Kristol",
``lexicon.names``). Each article is parsed once (``nlp.parse.load_spacy``);
speakers are named as the article names them (``iter_statements``), before
names are linked across the event, so a change of entity linking renames
nobody here.
With ``--against`` it also lists the statements whose content changed: a
content that now ends elsewhere (compared only with a ``--save`` that holds
the contents, from this version of the script on), and statements new or gone
at their content's start (a content that now starts elsewhere shows as one
gone and one new); the boundary figures over BASIL in ``docs/statements.md``
("three statements keep their condition") are such a list and its reading.
With ``--against`` it also counts the claims (by event, article and offset)
whose polarity, modality or predicate changed, and prints the polarity
changes for reading (the claim-scope figures in ``docs/relations.md``).
With ``--described`` it prints, for reading, every statement whose speaker's
name is not in the speaker's own words ("the president" → Barack Obama, "The
California Democrat" → Nancy Pelosi; pronouns aside): the names a role, a
party label or an apposition was resolved to, where issue 12's seventh round
found its wrong persons ("the president" → Joe Biden, "the letter" → Paul Ryan).
The last line is ``basil_speakers_renamed: N`` (0 without ``--against``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import basil_stories

from storydiff.nlp.claims import iter_claims
from storydiff.nlp.entities import iter_mentions, link_entities, person_words
from storydiff.nlp.parse import load_spacy
from storydiff.nlp.statements import iter_statements


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--save", type=Path, help="write every statement's speaker to this JSON file")
    parser.add_argument("--against", type=Path, help="a file --save wrote earlier: print the speakers renamed since")
    parser.add_argument("--described", action="store_true",
                        help="print every speaker named by a role or label, not in its own words")
    args = parser.parse_args(argv)
    nlp = load_spacy()
    speakers: dict[str, list[str | None]] = {}
    claims: dict[str, list[str]] = {}
    joined = 0
    for uuid, articles in basil_stories().items():
        mentions = []
        for article in articles:
            doc = nlp(article.text)
            mentions += list(iter_mentions(doc, article.id))
            statements = list(iter_statements(doc, article.id))
            for s in statements:
                before = " ".join(article.text[max(0, s.content.start - 200) : s.content.start + 60].split())
                speakers[f"{uuid}-{article.id}-{s.content.start}"] = [
                    s.speaker.text, s.speaker.name, before, s.content.end, s.content.text]
                if args.described and _named_by_description(s.speaker.text, s.speaker.name):
                    print(f"{uuid[:8]} {article.id} {s.speaker.text!r} -> {s.speaker.name}")
            for c in iter_claims(doc, article.id, statements, article.title):
                claims[f"{uuid}-{article.id}-{c.start}"] = [c.polarity, c.modality, c.predicate, c.text]
        for entity in link_entities(mentions)[0]:
            firsts = {person_words(a)[0] for a in entity.aliases if len(person_words(a)) >= 2}
            if entity.type == "PERSON" and len(firsts) > 1:
                joined += 1
                print(f"{uuid[:8]}: one person, {entity.name}: {', '.join(entity.aliases)}")
    if args.save:
        args.save.write_text(json.dumps({"speakers": speakers, "claims": claims}, ensure_ascii=False),
                             encoding="utf-8")
    renamed = 0
    if args.against:
        saved = json.loads(args.against.read_text(encoding="utf-8"))
        earlier = saved["speakers"]
        for key, (span, name, lead, _, _) in speakers.items():
            if key in earlier and earlier[key][1] != name:
                renamed += 1
                print(f"{key[:8]}{key[36:]} {span!r}: {earlier[key][1]} -> {name} | ...{lead}")
        print(f"contents changed: {_print_contents(speakers, earlier)}")
        changed = [0, 0, 0]  # polarity, modality, predicate
        for key, now in claims.items():
            then = saved["claims"].get(key)
            for n in range(3) if then else ():
                changed[n] += then[n] != now[n]
            if then and then[0] != now[0]:
                print(f"{key[:8]}{key[36:]} polarity {then[0]} -> {now[0]}: {now[3]}")
        print(f"{len(claims)} claims; changed: polarity {changed[0]}, modality {changed[1]}, predicate {changed[2]}")
    print(f"{len(speakers)} statements; {joined} people named with two forms of a first name")
    print(f"basil_speakers_renamed: {renamed}")
    return 0


def _print_contents(now: dict[str, list], earlier: dict[str, list]) -> str:
    """Print the statements whose content ends elsewhere, is new or is gone since ``earlier``; their counts."""
    ended = new = gone = 0
    for key, (span, _, _, end, content) in now.items():
        then = earlier.get(key)
        if then is None:
            new += 1
            print(f"{key[:8]}{key[36:]} new [{span}] {content}")
        elif len(then) > 3 and then[3] != end:
            ended += 1
            print(f"{key[:8]}{key[36:]} content [{span}] {then[4]!r} -> {content!r}")
    for key, then in earlier.items():
        if key not in now:
            gone += 1
            print(f"{key[:8]}{key[36:]} gone [{then[0]}]" + (f" {then[4]}" if len(then) > 3 else ""))
    return f"{ended} end elsewhere, {new} new, {gone} gone"


_PRONOUNS = frozenset({"he", "she", "him", "her", "they", "it", "we", "i", "who", "which", "that"})


def _named_by_description(text: str, name: str | None) -> bool:
    """Whether a speaker's name was resolved from words that do not contain it: a role, a party label,
    an apposition ("the president" → Barack Obama), not a pronoun."""
    if not name or text.lower() in _PRONOUNS:
        return False
    words = [w for w in name.replace("’", "'").split() if w.rstrip(".").lower() not in ("jr", "sr", "ii", "iii")]
    return bool(words) and words[-1].lower() not in text.replace("’", "'").lower()


if __name__ == "__main__":
    sys.exit(main())
