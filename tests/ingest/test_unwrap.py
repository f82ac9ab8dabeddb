"""Plain text hard-wrapped at a fixed width reads like the same text unwrapped."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from storydiff.ingest.clean import clean, unwrap
from storydiff.ingest.reader import ReadOptions, read_one
from storydiff.models import Article

FERRY = Path(__file__).resolve().parents[2] / "examples" / "ferry"


def _wrapped(text: str, width: int = 72) -> str:
    """Each paragraph (a line of the original) hard-wrapped, paragraphs apart by a blank line."""
    paragraphs = [p for p in text.splitlines() if p.strip()]
    return "\n\n".join(textwrap.fill(p, width) if len(p) > width else p for p in paragraphs)


def test_a_wrapped_paragraph_becomes_one_line_and_keeps_every_offset() -> None:
    text = ("HARBOURTON — The council voted on Tuesday to rebuild the old pier\n"
            "after storms last winter left it closed to walkers, the mayor said.\n"
            "Work is due to start in the spring and to take about eight months,\n"
            "according to a plan the council published on its website.\n\n"
            "The opposition called the cost too high.\n")
    out = unwrap(text)
    assert len(out) == len(text)
    assert out.split("\n\n")[0].count("\n") == 0
    assert out.endswith("The opposition called the cost too high.\n")


def test_short_lines_lists_and_long_lines_keep_their_breaks() -> None:
    listing = ("Pier Plan Approved\nBy Ada Quill\n\n"
               "The council agreed the following points at its meeting on Tuesday night:\n"
               "- the pier is rebuilt in timber rather than in concrete as first planned\n"
               "- the work is paid for from the harbour fund and a grant from the region\n"
               "- the cafe at the end of the pier reopens when the work is finished\n")
    assert unwrap(listing) == listing
    long_lines = "A paragraph written on one line that runs on well past any wrap width a mail program uses. " * 3
    assert unwrap(f"{long_lines}\n{long_lines}\n{long_lines}\n") == f"{long_lines}\n{long_lines}\n{long_lines}\n"


def test_html_text_keeps_its_paragraph_lines() -> None:
    text = "\n".join(["The council met on Tuesday and agreed to rebuild the old pier in timber."] * 4)
    assert clean(text, wrapped=False).text == text
    assert clean(text).text != text


@pytest.mark.parametrize("name", sorted(p.name for p in FERRY.glob("*.txt")))
def test_a_wrapped_article_gives_the_same_statements(name: str, tmp_path: Path) -> None:
    from storydiff.nlp.analysis import analyze

    original = (FERRY / name).read_text(encoding="utf-8")
    (tmp_path / "wrapped.txt").write_text(_wrapped(original), encoding="utf-8")
    wrapped = read_one(str(tmp_path / "wrapped.txt"), "A", ReadOptions())
    plain = read_one(str(FERRY / name), "A", ReadOptions())
    assert "\n" not in wrapped.text.split("\n\n")[-1].strip()

    def said(article: Article) -> list[tuple[str, str]]:
        (analyzed,) = analyze([article]).articles
        return [(s.speaker.text, " ".join(s.content.text.split())) for s in analyzed.statements]

    assert said(wrapped) == said(plain)
    assert said(plain)
