"""The brief as Markdown, for notes, tickets and chat, drawn from the sections of ``summary``.

Every piece of outside text, names and file names included, goes through
``markdown_inline``: one line, no control character, nothing Markdown or inline
HTML would act on.
"""

from __future__ import annotations

from storydiff.models import Brief
from storydiff.render.escape import markdown_inline as _md
from storydiff.render.escape import terminal_safe
from storydiff.render.summary import one_line, sections


def render_markdown(brief: Brief) -> str:
    """The brief as a Markdown document."""
    parts = sections(brief)
    lines = [f"# Brief: {len(brief.articles)} articles, {parts.independent_sources} independent sources", ""]
    lines += ["| | outlet | date | dateline | title / source |", "|---|---|---|---|---|"]
    for source in parts.sources:
        a = source.article
        lines.append(f"| {_md(a.id)} | {_md(a.outlet or '—')} | {_md(a.published or '—')} | {_md(a.dateline or '—')} "
                     f"| {_md(one_line(a.title or a.source, 80))} |")
    lines += ["", "## Agreed", ""]
    if not parts.agreed:
        lines.append("No point is made by more than one article.")
    for point in parts.agreed:
        chips = " ".join(f"\\[{_md(c.id)}\\]" for c in point.claims)
        lines.append(f"- {_md(point.claims[0].text)} {chips} "
                     f"— *{point.independent_sources} independent source(s): {_md(', '.join(point.outlets))}*")
    lines += ["", "## Disputed and changed", ""]
    if not parts.disputes:
        lines.append("No conflicting claims found.")
    for d in parts.disputes:
        lines.append(f"- **{'Changed' if d.is_update else 'Disputed'}:** {_md(d.relation.reason)}")
        for side in d.sides:
            who = side.speaker or parts.label(side.article.id)
            when = f", {side.when}" if side.when else ""
            lines.append(f"  - \\[{_md(side.claim.id)}\\] {_md(who)} ({_md(parts.label(side.article.id) + when)}): "
                         f"{_md(side.claim.text)}")
    for only in parts.unique:
        lines += ["", f"## Only in {_md(only.label)} ({_md(only.article.id)})", ""]
        lines += [f"- {_md(c.text)} \\[{_md(c.id)}\\]" for c in only.shown]
        if only.hidden:
            lines.append(f"- … and {only.hidden} more")
    lines += ["", "## Who said what", ""]
    for group in parts.speakers:
        lines.append(f"- **{_md(group.speaker)}**")
        for voice in group.statements:
            s = voice.statement
            to = f" {s.recipient.text}" if s.recipient else ""
            lines.append(f"  - \\[{_md(s.article)}\\] {_md(s.cue.text + to)}: {_md(one_line(s.content.text, 240))}")
    if parts.timeline:
        lines += ["", "## Timeline", ""]
        lines += [f"- {_md(voice.day or '')} \\[{_md(voice.statement.article)}\\] **{_md(voice.speaker)}**, "
                  f"{_md(voice.statement.cue.text)}: {_md(one_line(voice.statement.content.text, 200))}"
                  for voice in parts.timeline]
    if parts.errors:
        lines += ["", "## Inputs not read", ""]
        lines += [f"- {_md(e.source)}: {_md(e.reason)}" for e in parts.errors]
    return terminal_safe("\n".join(lines) + "\n")
