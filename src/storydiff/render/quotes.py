"""The statements table printed by ``storydiff quotes``."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from storydiff.render.summary import one_line


def render_quotes_table(rows: Sequence[dict[str, Any]], width: int = 100) -> str:
    """A table of statements: source, speaker, cue, content."""
    out = io.StringIO()
    console = Console(file=out, width=width, no_color=True, color_system=None, highlight=False)
    table = Table(show_lines=False, expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("speaker", ratio=2)
    table.add_column("cue", ratio=1)
    table.add_column("content", ratio=5)
    for row in rows:
        speaker = row["speaker"]
        who = speaker["name"] or speaker["text"]
        if speaker["anonymous"]:
            who += " (anon.)"
        if speaker.get("role"):
            who += f", {speaker['role']}"
        cue = row["cue"]["text"] + (f" {row['recipient']['text']}" if row["recipient"] else "")
        content = one_line(row["content"]["text"], 300)
        table.add_row(row["id"], who, cue, f'"{content}"' if row["direct"] else content)
    if not rows:
        console.print("No statements found.")
    else:
        console.print(table)
    return "\n".join(line.rstrip() for line in out.getvalue().split("\n"))
