"""The terminal brief: sources, agreed points, disputes, unique facts, who said what, timeline.

Drawn with rich at most 100 columns wide from the sections of ``summary``;
citations like [A3] name the article (A) and its claim (3), so every point can
be found in its source. Every piece of outside text passes ``terminal_safe``
first, so an article cannot write escape sequences to the reader's terminal.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from storydiff.models import Brief
from storydiff.render.escape import terminal_safe
from storydiff.render.summary import Sections, one_line, sections

WIDTH = 100


def _t(text: str, limit: int = 0) -> str:
    """Outside text for rich markup: one line, terminal-safe, markup escaped."""
    return escape(one_line(terminal_safe(text), limit))


def render_text(brief: Brief, *, width: int = WIDTH, color: bool = False) -> str:
    """The brief as terminal text; ``color`` adds ANSI styles."""
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, soft_wrap=False)
    parts = sections(brief)
    console.print(f"[bold]storydiff brief[/] — {len(brief.articles)} articles, "
                  f"{parts.independent_sources} independent sources")
    console.print()
    _sources(console, parts)
    console.print()
    _rule(console, "[bold]Agreed[/]")
    if not parts.agreed:
        console.print("  No point is made by more than one article.")
    for point in parts.agreed:
        chips = "".join(f"[{c.id}]" for c in point.claims)
        sources = "source" if point.independent_sources == 1 else "sources"
        _item(console, "•", f"{_t(point.claims[0].text, 300)} [cyan]{escape(chips)}[/]\n"
              f"[dim]{point.independent_sources} independent {sources}: {_t(', '.join(point.outlets))}[/]")
    console.print()
    _rule(console, "[bold]Disputed and changed[/]")
    if not parts.disputes:
        console.print("  No conflicting claims found.")
    for dispute in parts.disputes:
        label = "CHANGED" if dispute.is_update else "DISPUTED"
        _item(console, "", f"[bold red]{label}[/] {_t(dispute.relation.reason)}", indent=2)
        for side in dispute.sides:
            who = side.speaker or parts.label(side.article.id)
            when = f", {side.when}" if side.when else ""
            _item(console, f"[{side.claim.id}]", f"{_t(who)} ({_t(parts.label(side.article.id) + when)}): "
                  f"{_t(side.claim.text, 240)}", indent=4)
    for only in parts.unique:
        console.print()
        _rule(console, f"[bold]Only in {_t(only.label)}[/] \\[{only.article.id}]")
        for claim in only.shown:
            _item(console, "•", f"{_t(claim.text, 240)} [cyan]\\[{claim.id}][/]")
        if only.hidden:
            console.print(f"  [dim]… and {only.hidden} more (see --format json)[/]")
    console.print()
    _rule(console, "[bold]Who said what[/]")
    if not parts.speakers:
        console.print("  No attributed statements found.")
    for group in parts.speakers:
        console.print(f"  [bold]{_t(group.speaker)}[/]")
        for voice in group.statements:
            s = voice.statement
            to = f" {s.recipient.text}" if s.recipient else ""
            when = f" ({s.when.date or s.when.text})" if s.when else ""
            quote = '"' if s.direct and s.content.text[:1] not in "\"\u201c'" else ""
            _item(console, f"[{s.article}]", f"{_t(s.cue.text + to + when)}: "
                  f"{quote}{_t(s.content.text, 200)}{quote}", indent=4)
    if parts.timeline:
        console.print()
        _rule(console, "[bold]Timeline[/] (when said, else when reported)")
        for voice in parts.timeline:
            s = voice.statement
            _item(console, f"{voice.day} [{s.article}]", f"{_t(voice.speaker)}, {_t(s.cue.text)}: "
                  f"{_t(s.content.text, 140)}", indent=2)
    if parts.errors:
        console.print()
        _rule(console, "[bold red]Inputs not read[/]")
        for failure in parts.errors:
            console.print(f"  {_t(failure.source)}: {_t(failure.reason)}")
    text = "\n".join(line.rstrip() for line in out.getvalue().split("\n"))
    return text if color else terminal_safe(text)  # in plain text, a second net costs nothing


def _rule(console: Console, title: str) -> None:
    console.rule(title, align="left", characters="─")


def _item(console: Console, prefix: str, markup: str, indent: int = 2) -> None:
    """Print ``prefix markup`` with wrapped lines hanging under the text, not the margin."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=indent + len(prefix), no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(" " * indent + escape(prefix), markup)
    console.print(grid)


def _sources(console: Console, parts: Sections) -> None:
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold", expand=False)
    for column in ("", "outlet", "date", "dateline", "title / source"):
        table.add_column(column, overflow="fold")
    for source in parts.sources:
        article = source.article
        reprint = f" (copy of {source.copy_of})" if source.copy_of else ""
        table.add_row(
            f"\\[{article.id}]",
            _t((article.outlet or "—") + reprint),
            article.published or "—",
            _t(article.dateline or "—"),
            _t(article.title or article.source, 60),
        )
    console.print(table)
