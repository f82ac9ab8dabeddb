"""How "who said what" files people over all 56 BASIL dev events: one person under two headings, and roles
that are no roles.

Usage::

    python benchmarks/basil_headings.py       # about a minute: each event briefed once

For each event's brief, the speakers "who said what" lists (``render.summary.is_reportable``, anonymous
sources aside) are grouped under their headings as the brief groups them (``render.summary.sections``); two
headings whose last words are the same surname ("Romney" and "Mitt Romney", "Terry O’Neill" and "Terry
O'Neill") are printed, for reading: most are one person filed twice, some are two people of one family or two
bodies ("Republicans" / "Senate Republicans"). It also counts the statements whose speaker's role is a
courtesy title ("Mr.", "Ms.") or a bare number (an age), the statements listed at all (speech by a named or
described source: a plan to speak or an act declared is not listed), the lines those make (the pieces of one
quotation under one cue are one line: "“A,” … “B”"), the claims left out as fragments, and the
pronoun speakers ("he", "she") resolved to a person whose first name is of the other sex
(``lexicon.MALE_FIRST_NAMES`` / ``FEMALE_FIRST_NAMES``: "she" → Tim Ryan), each printed. The figures in
``docs/statements.md`` are this script's, run on the code before and after a change (a ``git worktree`` of the
earlier commit, run with its own ``src``).
The last line is ``basil_split_headings: N``.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import basil_stories

from storydiff.lexicon import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES
from storydiff.pipeline import build_brief
from storydiff.nlp.entities import NAME_SUFFIXES
from storydiff.render.summary import is_reportable, sections

_NOT_ROLES = re.compile(r"(?:Mr|Ms|Mrs|Miss)\.?|\d+")
_OTHER_SEX = {"he": FEMALE_FIRST_NAMES, "him": FEMALE_FIRST_NAMES, "she": MALE_FIRST_NAMES, "her": MALE_FIRST_NAMES}


def _other_sex(pronoun: str, name: str | None) -> bool:
    """Whether a pronoun speaker was resolved to a person whose first name is of the other sex."""
    first = (name or "").split()[:1]
    return bool(first) and first[0].lower() in _OTHER_SEX.get(pronoun.lower(), frozenset())


def main() -> int:
    split = roles = listed_count = fragments = mismatched = lines = 0
    for uuid, articles in sorted(basil_stories().items()):
        brief = build_brief(articles)
        listed = [s for s in brief.statements if is_reportable(s) and not s.speaker.anonymous]
        listed_count += sum(is_reportable(s) for s in brief.statements)
        fragments += sum(c.role == "fragment" for c in brief.claims)
        roles += sum(bool(s.speaker.role and _NOT_ROLES.fullmatch(s.speaker.role)) for s in listed)
        for s in brief.statements:
            if _other_sex(s.speaker.text, s.speaker.name):
                mismatched += 1
                print(f"{uuid[:8]}: {s.id} {s.speaker.text!r} -> {s.speaker.name}")
        parts = sections(brief)
        lines += sum(len(shown.statements) for shown in parts.speakers)
        headings = Counter({
            shown.speaker: sum(not v.statement.speaker.anonymous for v in shown.statements)
            for shown in parts.speakers
        })
        by_surname: dict[str, list[str]] = defaultdict(list)
        for heading, count in sorted(headings.items()):
            words = heading.replace("’s", "").split()
            if len(words) > 2 and words[-1].lower() in NAME_SUFFIXES:
                words = words[:-1]  # "Roger J. Stone Jr.": the surname is Stone
            if words and words[-1][:1].isupper() and len(words) <= 5:
                by_surname[words[-1].lower().replace("’", "'")].append(f"{heading} ({count})")
        for group in by_surname.values():
            if len(group) > 1:
                split += 1
                print(f"{uuid[:8]}: {' / '.join(group)}")
    print(f"statements listed under who said what: {listed_count}; claims left out as fragments: {fragments}")
    print(f"lines of who said what: {lines} (the pieces of one quotation under one cue make one line)")
    print(f"statements whose role is a courtesy title or a number: {roles}")
    print(f"pronoun speakers named as a person of the other sex: {mismatched}")
    print(f"basil_split_headings: {split}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
