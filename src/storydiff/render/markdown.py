"""The brief as Markdown, for notes, tickets and chat, drawn from the sections of ``summary``.

Every piece of outside text, names and file names included, goes through
``markdown_inline``: one line, no control character, nothing Markdown or inline
HTML would act on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storydiff.models import Brief, Claim
from storydiff.render.escape import markdown_inline as _md
from storydiff.render.escape import terminal_safe
from storydiff.render.summary import (
    Dispute,
    addressee,
    counted,
    Sections,
    Voice,
    fit,
    one_line,
    sections,
    side_heading,
    timeline_ranking,
    voice_ranking,
)


def render_markdown(brief: Brief, *, lines: int | None = None) -> str:
    """The brief as a Markdown document.

    ``lines``: only the most important points of each section that fit in about this many
    lines (``summary.fit``, as the terminal brief), each cut section saying how many more;
    ``None`` lists everything.
    """
    parts = sections(brief)
    head = [f"# Brief: {counted(len(brief.articles), 'article')}, "
            f"{counted(parts.independent_sources, 'independent source')}", ""]
    head += ["| | outlet | date | dateline | title / source |", "|---|---|---|---|---|"]
    for source in parts.sources:
        a = source.article
        head.append(f"| {_md(a.id)} | {_md(a.outlet or '—')} | {_md(a.published or '—')} | {_md(a.dateline or '—')} "
                    f"| {_md(one_line(a.title or a.source, 80))} |")
    blocks: list[tuple[str, list[tuple[Any, list[str]]], str | None]] = [
        ("Agreed", [(n, [f"- {_md(p.text)} {_chips(p.claims)} — *{counted(p.independent_sources, 'independent source')}"
                        f": {_md(', '.join(p.outlets) + p.why_fewer)}*"]) for n, p in enumerate(parts.agreed)],
         "No point is made by more than one article."),
        ("Disputed and changed", [(n, _dispute(parts, d)) for n, d in enumerate(parts.disputes)],
         "No conflicting claims found."),
    ]
    blocks += [(f"Only in {_md(only.label)} ({_md(only.article.id)})",
                [(n, [f"- {_md(p.text)}{f' — {_md(p.said_by)}' if p.said_by else ''} {_chips(p.claims)}"])
                 for n, p in enumerate(only.points)], None)
               for only in parts.unique]
    blocks.append(("Who said what", [((i, j), _said(parts, i, j)) for i, j in voice_ranking(parts)], None))
    if parts.timeline:
        blocks.append(("Timeline", [(n, [_dated(parts.timeline[n])]) for n in timeline_ranking(parts)], None))
    tail = ["", "## Inputs not read", "", *[f"- {_md(e.source)}: {_md(e.reason)}" for e in parts.errors]] \
        if parts.errors else []
    fixed = len(head) + len(tail) + sum(3 + (not items and empty is not None) for _, items, empty in blocks)
    counts = fit([[len(lines_) for _, lines_ in items] for _, items, _ in blocks], lines, fixed)
    out = head
    for (title, items, empty), count in zip(blocks, counts, strict=True):
        out += ["", f"## {title}", ""]
        if not items and empty is not None:
            out.append(empty)
        for _, item in sorted(items[:count], key=lambda item: item[0]):
            out += item
        if count < len(items):
            out.append(f"- … {len(items) - count} more (storydiff brief --full)")
    return terminal_safe("\n".join(out + tail) + "\n")


def _chips(claims: Sequence[Claim]) -> str:
    return " ".join(f"\\[{_md(c.id)}\\]" for c in claims)


def _dispute(parts: Sections, d: Dispute) -> list[str]:
    lines = [f"- **{'Changed' if d.is_update else 'Disputed'}:** {_md(d.relation.reason)}"]
    for side in d.sides:
        lines.append(f"  - \\[{_md(side.claim.id)}\\] {_md(side_heading(parts, side))}: {_md(side.claim.text)}")
    return lines


def _said(parts: Sections, i: int, j: int) -> list[str]:
    """One statement of "who said what", under its speaker's name when it is the speaker's first."""
    group = parts.speakers[i]
    voice = group.statements[j]
    s = voice.statement
    to = f" {addressee(parts.brief, s)}" if s.recipient else ""
    line = f"  - \\[{_md(s.article)}\\] {_md(s.cue.text + to)}: {_md(one_line(voice.said, 240))}"
    return [f"- **{_md(group.speaker)}**", line] if j == 0 else [line]


def _dated(voice: Voice) -> str:
    return (f"- {_md(voice.day or '')} \\[{_md(voice.statement.article)}\\] **{_md(voice.speaker)}**, "
            f"{_md(voice.statement.cue.text)}: {_md(one_line(voice.said, 200))}")
