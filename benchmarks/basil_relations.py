"""Every conflict and update the brief reports over all 56 BASIL dev events, listed for reading.

Usage::

    python benchmarks/basil_relations.py              # all 56 events (about 3-5 minutes on 2 cores)
    python benchmarks/basil_relations.py --triplet 01c5   # the events whose uuid starts so

The dev gold (``benchmarks/gold/alignment/``) covers 12 of the 56 events; this
lists the brief's conflicts and updates in all of them, with both claims and
the reason, so that a reader can judge each one (the count of true and false
ones in ``docs/relations.md`` is such a reading). Events in the dev gold are
marked ``[gold]``. It also prints, per event, the number of corroborations and
of claims and statements, for comparing one version of the rules with another, and over all events
the bullets the full brief shows under "Agreed" and "Only in" (``render.summary.sections``: a
quotation split over claims is one bullet), for the size of the digest, and how many of those bullets
are a piece cut from a sentence (an agreed bullet shown opening mid-sentence; an "Only in" bullet, which the
views open with "…"), how many bullets say whose sources are one ("A and C both cite CNN"), and how many
"Only in" bullets are a bare lead-in ending with a colon, without what it introduces.
The last line is ``basil_contrary_reported: N``, the number of conflicts and
updates reported over the events read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import basil_stories  # noqa: E402

from storydiff.pipeline import build_brief  # noqa: E402
from storydiff.render.summary import is_piece, sections  # noqa: E402

GOLD = ROOT / "benchmarks" / "gold" / "alignment"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triplet", default="", help="only the events whose uuid starts with this")
    args = parser.parse_args(argv)
    gold = {p.stem for p in GOLD.glob("*.json")}
    reported = corroborations = agreed_bullets = only_bullets = agreed_pieces = only_pieces = 0
    noted = lead_ins = 0
    for uuid, articles in basil_stories().items():
        if not uuid.startswith(args.triplet):
            continue
        brief = build_brief(articles)
        contrary = [r for r in brief.relations if r.type in ("conflicts", "updates")]
        agree = sum(r.type == "corroborates" for r in brief.relations)
        reported += len(contrary)
        corroborations += agree
        parts = sections(brief)
        agreed_bullets += len(parts.agreed)
        only_bullets += sum(len(u.points) for u in parts.unique)
        agreed_pieces += sum(is_piece(p.text) for p in parts.agreed)
        only_pieces += sum(is_piece(p.claims[0].text) for u in parts.unique for p in u.points)
        noted += sum(bool(p.one_source) for p in parts.agreed)
        lead_ins += sum(len(p.claims) == 1 and p.text.rstrip().endswith(":") for u in parts.unique for p in u.points)
        print(f"{uuid}{' [gold]' if uuid in gold else ''}: {len(brief.claims)} claims, "
              f"{len(brief.statements)} statements, {agree} corroborations, {len(contrary)} conflicts/updates")
        for relation in contrary:
            print(f"  {relation.type} {' / '.join(relation.claims)}: {relation.reason}")
            for claim_id in relation.claims:
                print(f"    {claim_id}: {brief.claim(claim_id).text}")
    print(f"total: {reported} conflicts/updates, {corroborations} corroborations")
    print(f"full briefs: {agreed_bullets} agreed bullets, {only_bullets} 'Only in' bullets")
    print(f"bullets cut from a sentence: {agreed_pieces} agreed shown opening mid-sentence, "
          f"{only_pieces} 'Only in' (shown after '\u2026')")
    print(f"agreed bullets that say why they have fewer sources than articles: {noted}; "
          f"'Only in' bullets that are a bare lead-in: {lead_ins}")
    print(f"basil_contrary_reported: {reported}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
