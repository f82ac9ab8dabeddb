"""The brief as Markdown, for notes, tickets and chat."""

from __future__ import annotations

from storydiff.models import Brief
from storydiff.render.summary import one_line, outlet_label, sections, speaker_label


def _md(text: str) -> str:
    """Escape the characters Markdown would act on inside a line of article text."""
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def render_markdown(brief: Brief) -> str:
    """The brief as a Markdown document."""
    parts = sections(brief)
    lines = [f"# Brief: {len(brief.articles)} articles, {parts.independent_sources} independent sources", ""]
    lines += ["| | outlet | date | dateline | title / source |", "|---|---|---|---|---|"]
    for a in brief.articles:
        lines.append(f"| {a.id} | {_md(a.outlet or '—')} | {a.published or '—'} | {_md(a.dateline or '—')} "
                     f"| {_md(one_line(a.title or a.source, 80))} |")
    lines += ["", "## Agreed", ""]
    if not parts.agreed:
        lines.append("No point is made by more than one article.")
    for point in parts.agreed:
        chips = " ".join(f"\\[{c.id}\\]" for c in point.claims)
        lines.append(f"- {_md(one_line(point.claims[0].text))} {chips} "
                     f"— *{point.independent_sources} independent source(s): {_md(', '.join(point.outlets))}*")
    lines += ["", "## Disputed and changed", ""]
    if not parts.disputes:
        lines.append("No conflicting claims found.")
    for d in parts.disputes:
        label = "Changed" if d.relation.type == "updates" else "Disputed"
        lines.append(f"- **{label}:** {_md(d.relation.reason)}")
        for side in d.sides:
            who = side.speaker or outlet_label(side.article)
            when = f", {side.when}" if side.when else ""
            lines.append(f"  - \\[{side.claim.id}\\] {_md(who)} ({_md(outlet_label(side.article))}{when}): "
                         f"{_md(one_line(side.claim.text))}")
    for article, claims, hidden in parts.unique:
        if claims:
            lines += ["", f"## Only in {_md(outlet_label(article))} ({article.id})", ""]
            lines += [f"- {_md(one_line(c.text))} \\[{c.id}\\]" for c in claims]
            if hidden:
                lines.append(f"- … and {hidden} more")
    lines += ["", "## Who said what", ""]
    for speaker, statements in parts.speakers:
        lines.append(f"- **{_md(speaker)}**")
        for s in statements:
            to = f" {s.recipient.text}" if s.recipient else ""
            lines.append(f"  - \\[{s.article}\\] {_md(s.cue.text + to)}: {_md(one_line(s.content.text, 240))}")
    if parts.timeline:
        lines += ["", "## Timeline", ""]
        lines += [f"- {day} \\[{s.article}\\] **{_md(speaker_label(s))}**, {_md(s.cue.text)}: "
                  f"{_md(one_line(s.content.text, 200))}" for day, s in parts.timeline]
    if brief.errors:
        lines += ["", "## Inputs not read", ""]
        lines += [f"- `{e.source}`: {_md(e.reason)}" for e in brief.errors]
    return "\n".join(lines) + "\n"
