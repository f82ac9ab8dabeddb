"""The terminal brief: sources, agreed points, disputes, unique facts, who said what, timeline.

Drawn with rich at most 100 columns wide from the sections of ``summary``;
citations like [A3] name the article (A) and its claim (3), so every point can
be found in its source. Every piece of outside text passes ``terminal_safe``
first, so an article cannot write escape sequences to the reader's terminal.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from storydiff.models import Brief
from storydiff.render.escape import terminal_safe
from storydiff.render.summary import (
    OnlyIn,
    Sections,
    addressee,
    counted,
    fit,
    one_line,
    sections,
    side_heading,
    timeline_ranking,
    voice_ranking,
)

WIDTH = 100


def _t(text: str, limit: int = 0) -> str:
    """Outside text for rich markup: one line, terminal-safe, markup escaped."""
    return escape(one_line(terminal_safe(text), limit))


@dataclass(frozen=True, slots=True)
class _Block:
    """A section as printed: its heading, its items (rendered lines) in rank order, and how to lay them out."""

    heading: str
    items: list[tuple[Any, list[str]]]  # (display order key, lines), most important first
    empty: str | None = None  # what to say when there is no item
    more: str = "more"  # "… 3 more" / "… 3 more statements"


def render_text(brief: Brief, *, width: int = WIDTH, color: bool = False, lines: int | None = None) -> str:
    """The brief as terminal text; ``color`` adds ANSI styles.

    ``lines``: show only the most important points that fit in about this many lines
    (``summary.fit``), and say how many more each section has; ``None`` shows everything.
    """
    parts = sections(brief)
    draw = _Drawer(width, color)
    head = draw.line(f"[bold]storydiff brief[/] — {counted(len(brief.articles), 'article')}, "
                     f"{counted(parts.independent_sources, 'independent source')}")
    head += ["", *draw(lambda c: _sources(c, parts))]
    short = lines is not None
    blocks = [_agreed(parts, draw), _disputes(parts, draw, short)]
    blocks += [_only(only, draw) for only in parts.unique]
    blocks += [_who(parts, draw)]
    if parts.timeline:
        blocks.append(_timeline(parts, draw))
    tail = []
    if parts.errors:
        tail = ["", *draw.rule("[bold red]Inputs not read[/]")]
        for failure in parts.errors:
            tail += draw.line(f"  {_t(failure.source)}: {_t(failure.reason)}")
    fixed = len(head) + len(tail) + sum(2 + (not b.items and b.empty is not None) for b in blocks)
    counts = fit([[len(item[1]) for item in b.items] for b in blocks], lines, fixed)
    out = head
    for block, count in zip(blocks, counts, strict=True):
        out += ["", *draw.rule(block.heading)]
        if not block.items and block.empty is not None:
            out.append(f"  {block.empty}")
        for _, item in sorted(block.items[:count], key=lambda item: item[0]):
            out += item
        if count < len(block.items):
            hint = f"… {len(block.items) - count} {block.more} (use --full)"
            out += draw.line(f"  [dim]{hint}[/]")
    text = "\n".join(line.rstrip() for line in [*out, *tail, ""])
    return text if color else terminal_safe(text)  # in plain text, a second net costs nothing


class _Drawer:
    """Prints rich markup on a console of the brief's width and returns the lines it made."""

    def __init__(self, width: int, color: bool) -> None:
        self.width, self.color = width, color

    def __call__(self, paint: Callable[[Console], None]) -> list[str]:
        out = io.StringIO()
        console = Console(file=out, width=self.width, force_terminal=self.color, no_color=not self.color,
                          color_system="standard" if self.color else None, highlight=False, soft_wrap=False)
        paint(console)
        return out.getvalue().rstrip("\n").split("\n")

    def line(self, markup: str) -> list[str]:
        return self(lambda c: c.print(markup))

    def rule(self, title: str) -> list[str]:
        return self(lambda c: _rule(c, title))

    def item(self, prefix: str, markup: str, indent: int = 2) -> list[str]:
        return self(lambda c: _item(c, prefix, markup, indent))


def _agreed(parts: Sections, draw: _Drawer) -> _Block:
    items = []
    for n, point in enumerate(parts.agreed):
        chips = "".join(f"[{c.id}]" for c in point.claims)
        items.append((n, draw.item("•", f"{_t(point.text, 300)} [cyan]{escape(chips)}[/]\n"
                                   f"[dim]{counted(point.independent_sources, 'independent source')}: "
                                   f"{_t(', '.join(point.outlets))}{escape(terminal_safe(point.why_fewer))}[/]")))
    return _Block("[bold]Agreed[/]", items, "No point is made by more than one article.")


def _disputes(parts: Sections, draw: _Drawer, short: bool) -> _Block:
    items = []
    for n, dispute in enumerate(parts.disputes):
        label = "CHANGED" if dispute.is_update else "DISPUTED"
        lines = draw.item("", f"[bold red]{label}[/] {_t(dispute.relation.reason, 86 if short else 0)}")
        for side in dispute.sides:
            lines += draw.item(f"[{side.claim.id}]", f"{_t(side_heading(parts, side))}: "
                               f"{_t(side.claim.text, 160 if short else 240)}", indent=4)
        items.append((n, lines))
    return _Block("[bold]Disputed and changed[/]", items, "No conflicting claims found.")


def _by(speaker: str | None) -> str:
    return f" — {_t(speaker)}" if speaker else ""


def _only(only: OnlyIn, draw: _Drawer) -> _Block:
    items = [(n, draw.item("•", f"{_t(p.text, 240)}{_by(p.said_by)} "
                                f"[cyan]{escape(''.join(f'[{x.id}]' for x in p.claims))}[/]"))
             for n, p in enumerate(only.points)]
    return _Block(f"[bold]Only in {_t(only.label)}[/] \\[{only.article.id}]", items)


def _who(parts: Sections, draw: _Drawer) -> _Block:
    items = []
    for i, j in voice_ranking(parts):
        group = parts.speakers[i]
        voice = group.statements[j]
        s = voice.statement
        to = f" {addressee(parts.brief, s)}" if s.recipient else ""
        when = f" ({s.when.date or s.when.text})" if s.when else ""
        quote = '"' if s.direct and s.content.text[:1] not in "\"\u201c'" else ""
        lines = draw.line(f"  [bold]{_t(group.speaker)}[/]") if j == 0 else []
        lines += draw.item(f"[{s.article}]", f"{_t(s.cue.text + to + when)}: {quote}{_t(voice.said, 200)}{quote}",
                           indent=4)
        items.append(((i, j), lines))
    return _Block("[bold]Who said what[/]", items, "No attributed statements found.", "more statements")


def _timeline(parts: Sections, draw: _Drawer) -> _Block:
    items = []
    for n in timeline_ranking(parts):
        voice = parts.timeline[n]
        s = voice.statement
        items.append((n, draw.item(f"{voice.day} [{s.article}]",
                                   f"{_t(voice.speaker)}, {_t(s.cue.text)}: {_t(voice.said, 140)}")))
    return _Block("[bold]Timeline[/] (when said, else when reported)", items, more="more statements")


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
