"""The terminal brief: sources, agreed points, disputes, unique facts, who said what.

Drawn with rich at most 100 columns wide; citations like [A3] name the
article (A) and its claim (3), so every point can be found in its source.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from storydiff.models import Brief
from storydiff.render.summary import one_line, outlet_label, sections, speaker_label

WIDTH = 100


def render_text(brief: Brief, *, width: int = WIDTH, color: bool = False) -> str:
    """The brief as terminal text; ``color`` adds ANSI styles."""
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, soft_wrap=False)
    parts = sections(brief)
    console.print(f"[bold]storydiff brief[/] — {len(brief.articles)} articles, "
                  f"{parts.independent_sources} independent sources")
    console.print()
    _sources(console, brief)
    console.print()
    console.rule("[bold]Agreed[/]", align="left", characters="─")
    if not parts.agreed:
        console.print("  No point is made by more than one article.")
    for point in parts.agreed:
        chips = "".join(f"[{c.id}]" for c in point.claims)
        sources = "source" if point.independent_sources == 1 else "sources"
        _item(console, "•", f"{escape(one_line(point.claims[0].text, 300))} [cyan]{escape(chips)}[/]\n"
              f"[dim]{point.independent_sources} independent {sources}: {escape(', '.join(point.outlets))}[/]")
    console.print()
    console.rule("[bold]Disputed and changed[/]", align="left", characters="─")
    if not parts.disputes:
        console.print("  No conflicting claims found.")
    for dispute in parts.disputes:
        label = "CHANGED" if dispute.relation.type == "updates" else "DISPUTED"
        _item(console, "", f"[bold red]{label}[/] {escape(dispute.relation.reason)}", indent=2)
        for side in dispute.sides:
            who = side.speaker or outlet_label(side.article)
            when = f", {side.when}" if side.when else ""
            _item(console, f"[{side.claim.id}]", f"{escape(who)} "
                  f"({escape(outlet_label(side.article))}{escape(when)}): "
                  f"{escape(one_line(side.claim.text, 240))}", indent=4)
    for article, claims, hidden in parts.unique:
        if not claims:
            continue
        console.print()
        console.rule(f"[bold]Only in {escape(outlet_label(article))}[/] [{article.id}]", align="left", characters="─")
        for claim in claims:
            _item(console, "•", f"{escape(one_line(claim.text, 240))} [cyan]\\[{claim.id}][/]")
        if hidden:
            console.print(f"  [dim]… and {hidden} more (see --format json)[/]")
    console.print()
    console.rule("[bold]Who said what[/]", align="left", characters="─")
    if not parts.speakers:
        console.print("  No attributed statements found.")
    for speaker, statements in parts.speakers:
        console.print(f"  [bold]{escape(speaker)}[/]")
        for s in statements:
            to = f" {s.recipient.text}" if s.recipient else ""
            when = f" ({s.when.date or s.when.text})" if s.when else ""
            quote = '"' if s.direct and s.content.text[:1] not in "\"\u201c'" else ""
            _item(console, f"[{s.article}]", f"{escape(s.cue.text + to + when)}: "
                  f"{quote}{escape(one_line(s.content.text, 200))}{quote}", indent=4)
    if parts.timeline:
        console.print()
        console.rule("[bold]Timeline[/] (when said, else when reported)", align="left", characters="─")
        for day, s in parts.timeline:
            _item(console, f"{day} [{s.article}]", f"{escape(speaker_label(s))}, {escape(s.cue.text)}: "
                  f"{escape(one_line(s.content.text, 140))}", indent=2)
    if brief.errors:
        console.print()
        console.rule("[bold red]Inputs not read[/]", align="left", characters="─")
        for failure in brief.errors:
            console.print(f"  {escape(failure.source)}: {escape(failure.reason)}")
    return "\n".join(line.rstrip() for line in out.getvalue().split("\n"))


def _item(console: Console, prefix: str, markup: str, indent: int = 2) -> None:
    """Print ``prefix markup`` with wrapped lines hanging under the text, not the margin."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=indent + len(prefix), no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(" " * indent + escape(prefix), markup)
    console.print(grid)


def _sources(console: Console, brief: Brief) -> None:
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold", expand=False)
    for column in ("", "outlet", "date", "dateline", "title / source"):
        table.add_column(column, overflow="fold")
    for article in brief.articles:
        reprint = ""
        if article.source_group and article.source_group != article.id:
            reprint = f" (copy of {article.source_group})"
        table.add_row(
            f"[{article.id}]".replace("[", "\\["),
            escape((article.outlet or "—") + reprint),
            article.published or "—",
            escape(article.dateline or "—"),
            escape(one_line(article.title or article.source, 60)),
        )
    console.print(table)
