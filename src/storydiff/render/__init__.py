"""Stage 5, render: the brief as text, JSON, Markdown or a self-contained HTML page.

Every format but JSON draws the same sections (``summary.sections``); outside text is made
safe for where it goes by ``escape`` (terminal, Markdown, CSV, JSON). A saved JSON brief
renders again through ``Brief.from_dict``.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from storydiff.errors import ConfigError
from storydiff.models import Brief

FORMATS = ("text", "json", "markdown", "html")


def render(brief: Brief, fmt: str = "text", *, color: bool = False, width: int = 100,
           lines: int | None = None) -> str:
    """Render a brief in one of FORMATS.

    ``lines``: a short text or Markdown brief of about this many lines, the most important points
    of each section first (``storydiff brief`` uses ``summary.BRIEF_LINES`` unless given --full);
    ``None`` shows everything. JSON always keeps everything; HTML shows everything, ranked.
    """
    if fmt == "text":
        from storydiff.render.text import render_text

        return render_text(brief, color=color, width=width, lines=lines)
    if fmt == "json":
        from storydiff.render.escape import dumps

        return dumps(brief.to_dict(), indent=2) + "\n"
    if fmt == "markdown":
        from storydiff.render.markdown import render_markdown

        return render_markdown(brief, lines=lines)
    if fmt == "html":
        from storydiff.render.html import render_html

        return render_html(brief)
    raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "render"]


class _CallableModule(types.ModuleType):
    """Lets ``storydiff.render(brief, "json")`` work although ``storydiff.render`` is this package.

    Python binds a subpackage to its parent's attribute of the same name on import,
    which would otherwise shadow the ``render`` verb of the public API.
    """

    def __call__(self, brief: Brief, fmt: str = "text", **options: Any) -> str:
        return render(brief, fmt, **options)


sys.modules[__name__].__class__ = _CallableModule
