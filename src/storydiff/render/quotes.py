"""The statements printed by ``storydiff quotes``: a table or CSV rows (JSON lines: ``listing``).

Rows are ``Statement.to_dict()`` plus ``source`` (the input). Outside text in
them is made safe here, in one place, for each output: no control character
reaches the terminal or a CSV cell, and no CSV cell is a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from storydiff.models import Statement
from storydiff.render.escape import csv_cell, terminal_safe
from storydiff.render.summary import one_line, speaker_label

# Columns are only ever added at the end: scripts read them by position too.
CSV_COLUMNS = ("source", "id", "speaker", "anonymous", "role", "cue", "content", "direct",
               "recipient", "when", "date", "content_start", "content_end", "negated", "speech")


# A statement whose text names no source ("Asked about the delay, ..."): the JSON keeps an empty speaker span.
NO_SOURCE = "(no source named)"
_QUOTE_MARKS = "\"“”'‘’«»"
_REFUSALS = ("declin", "refus")  # cues that are their own negation: "declined to say", "refused to comment"


def _quoted(content: str) -> str:
    """A direct quote in marks, unless its span already holds them (the quote's own marks are often in it)."""
    if content[:1] in _QUOTE_MARKS or content[-1:] in _QUOTE_MARKS:
        return content
    return f'"{content}"'


def _t(text: str, limit: int = 0) -> str:
    return escape(one_line(terminal_safe(text), limit))


def render_quotes_table(rows: Sequence[dict[str, Any]], width: int = 100) -> str:
    """A table of statements: source, speaker, cue, content. A negated cue reads "not said": "he has
    not yet said whether he will run" is no statement of his that he will ("declined" and "refused"
    say so themselves)."""
    out = io.StringIO()
    console = Console(file=out, width=width, no_color=True, color_system=None, highlight=False)
    table = Table(show_lines=False, expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("speaker", ratio=2)
    table.add_column("cue", ratio=1)
    table.add_column("content", ratio=5)
    for row in rows:
        who = speaker_label(Statement.from_dict(row))  # named as the brief names speakers
        if row["speaker"].get("role"):
            who += f", {row['speaker']['role']}"
        cue = row["cue"]["text"]
        cue = f"not {cue}" if row.get("negated") and not cue.lower().startswith(_REFUSALS) else cue
        cue += f" {row['recipient']['text']}" if row["recipient"] else ""
        content = _t(row["content"]["text"], 300)
        table.add_row(_t(row["id"]), _t(who) or NO_SOURCE, _t(cue), _quoted(content) if row["direct"] else content)
    if not rows:
        console.print("No statements found.")
    else:
        console.print(table)
    return terminal_safe("\n".join(line.rstrip() for line in out.getvalue().split("\n")))


def render_quotes_csv(rows: Sequence[dict[str, Any]]) -> str:
    """The statements as CSV with a header row (``CSV_COLUMNS``)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        when = row["when"] or {}
        writer.writerow([
            csv_cell(row["source"]), csv_cell(row["id"]), csv_cell(row["speaker"]["name"] or row["speaker"]["text"]),
            row["speaker"]["anonymous"], csv_cell(row["speaker"]["role"] or ""), csv_cell(row["cue"]["text"]),
            csv_cell(row["content"]["text"]), row["direct"], csv_cell((row["recipient"] or {}).get("text", "")),
            csv_cell(when.get("text", "")), csv_cell(when.get("date") or ""), row["content"]["start"],
            row["content"]["end"], bool(row.get("negated")), row.get("speech", True),
        ])
    return out.getvalue()

