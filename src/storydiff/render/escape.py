"""Outside text made safe for the place it goes: a terminal, a CSV cell, Markdown, JSON.

Article text, titles, outlet names, file names and server messages come from
outside and may carry escape sequences (clear screen, OSC 8 links, OSC 0
window titles), 8-bit C1 controls that some terminals obey, or bidi overrides
that make a line read differently from what it holds. This module is the one
owner of what is replaced and how; every renderer and every CLI message uses it.

- ``terminal_safe``: C0 controls except newline and tab, DEL, the C1 range
  U+0080–U+009F and the bidi embeddings, overrides and isolates (U+202A–U+202E,
  U+2066–U+2069) become U+FFFD; the line and paragraph separators U+2028/U+2029
  become a newline (or a space, where a message must stay on one line).
- ``markdown_inline``: a piece of text for one Markdown line, terminal-safe and
  with every character Markdown or inline HTML would act on backslash-escaped.
- ``csv_cell``: terminal-safe, and a cell that a spreadsheet would run as a
  formula (starting with ``= + - @`` or a tab) gets a leading apostrophe, as OWASP advises.
- ``json_safe``: JSON text with the characters ``json.dumps`` leaves raw (DEL, C1,
  bidi controls, U+2028/U+2029) written as ``\\uXXXX`` escapes: the same data
  when parsed, no control character in the bytes.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["REPLACEMENT", "csv_cell", "dumps", "json_safe", "markdown_inline", "terminal_safe"]

REPLACEMENT = "\ufffd"

_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_CONTROLS = [c for c in range(0x20) if c not in (0x09, 0x0A)] + [0x7F, *range(0x80, 0xA0)] + _BIDI
_TERMINAL = {c: REPLACEMENT for c in _CONTROLS} | {0x2028: "\n", 0x2029: "\n"}
_ONE_LINE = _TERMINAL | {0x0A: " ", 0x09: " ", 0x2028: " ", 0x2029: " "}
_JSON = {c: f"\\u{c:04x}" for c in (0x7F, *range(0x80, 0xA0), *_BIDI, 0x2028, 0x2029)}
_MARKDOWN = {ord(ch): "\\" + ch for ch in "\\`*_[]<>#|~"}
_FORMULA = ("=", "+", "-", "@", "\t")


def terminal_safe(text: str, *, one_line: bool = False) -> str:
    """``text`` with every control character a terminal could act on replaced by U+FFFD.

    Newline and tab are kept, unless ``one_line`` asks for a single line (a message on
    stderr, where a newline in a file name could fake a line of its own).
    """
    return text.translate(_ONE_LINE if one_line else _TERMINAL)


def short_name(name: str, limit: int = 400) -> str:
    """An input name cut to ``limit`` characters around an ellipsis, with its full length said.

    A name thousands of characters long would fill the terminal with one error line.
    """
    if len(name) <= limit:
        return name
    half = (limit - 1) // 2
    return f"{name[:half]}…{name[-half:]} ({len(name):,} characters)"


def markdown_inline(text: str) -> str:
    """``text`` for one Markdown line: one line, terminal-safe, nothing Markdown or HTML would act on.

    Names, titles, outlets and file names go through here like article text, so a name
    holding a backtick and ``<img onerror=…>`` shows as text, never as a tag.
    """
    return " ".join(terminal_safe(text, one_line=True).split()).translate(_MARKDOWN)


def csv_cell(text: str) -> str:
    """A CSV cell for outside text: terminal-safe, and never a spreadsheet formula."""
    text = terminal_safe(text)
    return "'" + text if text.startswith(_FORMULA) else text


def json_safe(text: str) -> str:
    """JSON text with DEL, C1, bidi controls and U+2028/U+2029 written as ``\\uXXXX`` escapes.

    Those characters can only stand inside JSON strings, where an escape means the same
    character, so the parsed data is unchanged; ``json.dumps`` already escapes C0.
    """
    return text.translate(_JSON)


def dumps(value: Any, *, indent: int | None = None) -> str:
    """``json.dumps`` as storydiff writes JSON: UTF-8 text, no raw control character."""
    return json_safe(json.dumps(value, ensure_ascii=False, indent=indent))
