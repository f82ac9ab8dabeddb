"""The plain-text outputs of ``storydiff read`` and ``storydiff stance``, safe for a terminal.

Both print outside text (article text, titles, file names, the sentence a stance
rests on); everything passes ``terminal_safe`` here before it is printed.
"""

from __future__ import annotations

from typing import Any

from storydiff.models import Article
from storydiff.render.escape import dumps, terminal_safe
from storydiff.render.summary import one_line


def _field(value: str | None) -> str:
    return terminal_safe(value, one_line=True) if value else "—"


def render_article(article: Article) -> str:
    """One article as ``read --format text`` prints it: a header of metadata, then the text."""
    return (f"== [{_field(article.id)}] {_field(article.source)}\n"
            f"outlet: {_field(article.outlet)}  date: {_field(article.published)}  "
            f"dateline: {_field(article.dateline)}\ntitle: {_field(article.title)}\n\n"
            f"{terminal_safe(article.text.strip())}\n\n")


def render_stance(source: str, stance: str, scores: dict[str, float], evidence: str | None) -> str:
    """One article's stance towards a claim, as ``stance --format text`` prints it."""
    line = "  ".join(f"{k} {v:.2f}" for k, v in scores.items())
    text = f"{stance.upper():<10} {_field(source)}\n           {line}\n"
    if evidence:
        text += f"           closest sentence: {one_line(terminal_safe(evidence), 160)}\n"
    return text


def render_json_line(value: Any) -> str:
    """One JSON object on one line (JSON Lines), no raw control character in it."""
    return dumps(value) + "\n"
