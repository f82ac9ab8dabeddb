"""Who each statement is filed under, over all 56 BASIL dev events, and what a change of code renamed.

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
The last line is ``basil_speakers_renamed: N`` (0 without ``--against``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import basil_stories

from storydiff.nlp.entities import iter_mentions, link_entities, person_words
from storydiff.nlp.parse import load_spacy
from storydiff.nlp.statements import iter_statements


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--save", type=Path, help="write every statement's speaker to this JSON file")
    parser.add_argument("--against", type=Path, help="a file --save wrote earlier: print the speakers renamed since")
    args = parser.parse_args(argv)
    nlp = load_spacy()
    speakers: dict[str, list[str | None]] = {}
    joined = 0
    for uuid, articles in basil_stories().items():
        mentions = []
        for article in articles:
            doc = nlp(article.text)
            mentions += list(iter_mentions(doc, article.id))
            for s in iter_statements(doc, article.id):
                before = " ".join(article.text[max(0, s.content.start - 200) : s.content.start + 60].split())
                speakers[f"{uuid}-{article.id}-{s.content.start}"] = [s.speaker.text, s.speaker.name, before]
        for entity in link_entities(mentions)[0]:
            firsts = {person_words(a)[0] for a in entity.aliases if len(person_words(a)) >= 2}
            if entity.type == "PERSON" and len(firsts) > 1:
                joined += 1
                print(f"{uuid[:8]}: one person, {entity.name}: {', '.join(entity.aliases)}")
    if args.save:
        args.save.write_text(json.dumps(speakers, ensure_ascii=False), encoding="utf-8")
    renamed = 0
    if args.against:
        earlier = json.loads(args.against.read_text(encoding="utf-8"))
        for key, (span, name, before) in speakers.items():
            if key in earlier and earlier[key][1] != name:
                renamed += 1
                print(f"{key[:8]}{key[36:]} {span!r}: {earlier[key][1]} -> {name} | ...{before}")
    print(f"{len(speakers)} statements; {joined} people named with two forms of a first name")
    print(f"basil_speakers_renamed: {renamed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
