"""No article, title, outlet, file name or server message can write control sequences to the terminal.

Hostile inputs carry clear-screen, OSC 8 link and OSC 0 window-title sequences, 8-bit
C1 controls and bidi overrides; every output of every command (and stderr) is checked
byte for byte. JSON may carry them escaped (``\\u001b``), which is data, not a command.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from storydiff.cli import main
from storydiff.models import Brief
from storydiff.render import FORMATS, render
from storydiff.render.escape import csv_cell, markdown_inline, terminal_safe
from storydiff.render.listing import render_article, render_stance
from storydiff.render.quotes import render_quotes_csv, render_quotes_table

from .test_html import hand_brief

ESC = "\x1b"
# Clear screen, window title (OSC 0), a hidden link (OSC 8), SGR colour, and a cursor move.
SEQUENCES = f"{ESC}[2J{ESC}[H{ESC}]0;you have been owned{ESC}\\{ESC}]8;;http://evil.example/\x07click{ESC}]8;;\x07{ESC}[31m"
C1 = "\x9b31m\x9d0;title\x9c\x85"  # 8-bit CSI, OSC, ST, NEL
BIDI = "\u202etxt.exe\u202c\u2066"
IN_NAME = SEQUENCES.replace("/", "")  # a file name cannot hold a slash
HOSTILE = SEQUENCES + C1 + BIDI + "\x7f\r"
INJECTION = "`<img src=x onerror=alert(1)>`"
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SGR = re.compile(rb"\x1b\[[0-9;]*m")

ARTICLE_A = f"""Harbour Board Votes To Sell Old Terminal{SEQUENCES}

Published March 9, 2024

PORT ELLIS{SEQUENCES} — The harbour board voted on Monday to sell the old ferry terminal, board chair
Ines Varga said, after two years of debate about what to do with the building by the water.{SEQUENCES}

"We have no other way to pay for the new piers,{SEQUENCES}" Varga told reporters on Monday, adding
that the sale would close before the summer and that the market traders would be offered new stalls.

The council said the building would be sold to the highest bidder and that the money would go to
the harbour fund, which also pays for dredging the channel each spring.
"""
ARTICLE_B = """Terminal Sale Approved By Harbour Board

Published March 10, 2024

The harbour board voted on Monday to sell the old ferry terminal, chair Ines Varga said on Sunday.

Varga said the sale would pay for the new piers and that traders would get new stalls nearby.
The board did not say how much it expects the building to fetch when it is sold.
"""


def _clean(raw: bytes, where: str, *, colour: bool = False) -> None:
    if colour:
        raw = SGR.sub(b"", raw)  # the brief's own colours; nothing else may pass
    raw = raw.replace(b"\r\n", b"\n")  # CSV rows end in CRLF by RFC 4180
    assert b"\x1b" not in raw, f"ESC byte in {where}"
    found = FORBIDDEN.search(raw.decode("utf-8"))
    assert not found, f"control character U+{ord(found.group()):04X} in {where}" if found else ""


@pytest.fixture
def hostile_inputs(tmp_path: Path) -> dict[str, str]:
    """Two real article files whose text and names carry escape sequences, and a missing one."""
    a = tmp_path / f"courier{IN_NAME}{C1}.txt"
    b = tmp_path / f"post{BIDI}{INJECTION}.txt"
    a.write_text(ARTICLE_A, encoding="utf-8")
    b.write_text(ARTICLE_B, encoding="utf-8")
    return {"a": str(a), "b": str(b), "missing": str(tmp_path / f"gone{IN_NAME}{C1}{BIDI}{INJECTION}.txt")}


def _run(capsysbinary: Any, argv: list[str]) -> tuple[int, bytes, bytes]:
    code = main(argv)
    captured = capsysbinary.readouterr()
    return code, captured.out, captured.err


def test_every_brief_format_is_terminal_safe(capsysbinary: Any, hostile_inputs: dict[str, str]) -> None:
    a, b, missing = hostile_inputs["a"], hostile_inputs["b"], hostile_inputs["missing"]
    outlets = ["--outlet", f"{a}=Courier{SEQUENCES}{C1}", "--outlet", f"{b}={INJECTION}{BIDI}"]
    for fmt in FORMATS:
        code, out, err = _run(capsysbinary, ["brief", a, b, missing, *outlets, "--format", fmt, "--color", "never"])
        assert code == 1 and out, fmt  # the missing input is reported, the other two are briefed
        _clean(out, f"brief --format {fmt}")
        _clean(err, f"stderr of brief --format {fmt}")
        assert b"gone" in err and b"Courier" in out
    code, out, _ = _run(capsysbinary, ["brief", a, b, *outlets, "--color", "always"])
    assert code == 0 and SGR.search(out), "no colour at all: the test would prove nothing"
    _clean(out, "brief --color always", colour=True)
    _, out, _ = _run(capsysbinary, ["brief", a, b, missing, *outlets, "--format", "markdown"])
    page = MarkdownIt("commonmark", {"html": True}).render(out.decode("utf-8"))
    assert "<img" not in page and "onerror=alert(1)&gt;" in page  # shown as text, never a tag


@pytest.mark.parametrize("argv", [
    ["read", "--format", "text"], ["read", "--format", "jsonl"],
    ["quotes", "--format", "table"], ["quotes", "--format", "csv"], ["quotes", "--format", "jsonl"],
    ["stance", "--format", "text", f"The board will sell the terminal{SEQUENCES}"],
    ["stance", "--format", "jsonl", f"The board will sell the terminal{C1}"],
], ids=lambda argv: " ".join(argv[:3]))
def test_every_command_output_is_terminal_safe(capsysbinary: Any, hostile_inputs: dict[str, str],
                                               argv: list[str]) -> None:
    code, out, err = _run(capsysbinary, [*argv, hostile_inputs["a"], hostile_inputs["b"], hostile_inputs["missing"]])
    assert code == 1 and out and b"gone" in err
    _clean(out, " ".join(argv[:3]))
    _clean(err, f"stderr of {' '.join(argv[:3])}")


def _hostile_brief() -> Brief:
    """The hand-made brief with hostile text in every field a renderer prints, C1 and bidi included."""
    data = hand_brief()
    for article in data["articles"]:
        article.update(outlet=f"{article['outlet']}{HOSTILE}", title=f"{article['title']}{HOSTILE}",
                       dateline=HOSTILE, source=f"{article['source']}{HOSTILE}",
                       text=article["text"] + f"\nTrailing line{HOSTILE}\n")
    for claim in data["claims"]:
        claim["text"] += HOSTILE
    for statement in data["statements"]:
        statement["speaker"]["name"] = f"{statement['speaker']['name'] or 'A source'}{HOSTILE}"
        statement["speaker"]["text"] += HOSTILE
        statement["content"]["text"] += HOSTILE
        statement["cue"]["text"] += HOSTILE
    for relation in data["relations"]:
        relation["reason"] += HOSTILE
    data["errors"].append({"source": f"{HOSTILE}{INJECTION}", "reason": f"server said {HOSTILE}"})
    return Brief.from_dict(data)


def test_renderers_replace_controls_that_ingest_never_saw() -> None:
    """A saved brief, or an API caller's records, may hold C1 and bidi controls that ingest would refuse."""
    brief = _hostile_brief()
    for fmt in FORMATS:
        for colour in (False, True) if fmt == "text" else (False,):
            out = render(brief, fmt, color=colour)
            _clean(out.encode("utf-8"), fmt, colour=colour)
            if fmt in ("json", "html"):  # the full article text is in these two
                assert "Trailing line" in out
    rows = [{**s.to_dict(), "source": f"x{HOSTILE}.txt"} for s in brief.statements]
    _clean(render_quotes_table(rows).encode("utf-8"), "quotes table")
    _clean(render_quotes_csv(rows).encode("utf-8"), "quotes csv")
    for article in brief.articles:
        _clean(render_article(article).encode("utf-8"), "read text")
    _clean(render_stance(f"x{HOSTILE}", "agree", {"agree": 1.0}, HOSTILE).encode("utf-8"), "stance text")


def test_the_sanitiser_keeps_text_and_says_what_it_replaced() -> None:
    assert terminal_safe("line one\n\tline two") == "line one\n\tline two"
    assert terminal_safe(f"a{ESC}[2Jb\x9bc\u202ed") == "a\ufffd[2Jb\ufffdc\ufffdd"
    assert terminal_safe("a\nb\u2028c", one_line=True) == "a b c"
    assert markdown_inline(f"{INJECTION}\n# not a heading") == (
        "\\`\\<img src=x onerror=alert(1)\\>\\` \\# not a heading")
    assert csv_cell("=HYPERLINK(\"http://evil.example\")") == "'=HYPERLINK(\"http://evil.example\")"
    assert csv_cell("-5 degrees") == "'-5 degrees" and csv_cell("Mayor Dana Whitlock") == "Mayor Dana Whitlock"
    assert csv_cell("\t@SUM(A1:A9)") == "'\t@SUM(A1:A9)"


def test_fnc_rows_written_by_stance_carry_no_controls(tmp_path: Path) -> None:
    from storydiff.eval.fnc import write_fnc

    out = tmp_path / "predicted.csv"
    write_fnc([{"Headline": f"Harbour sold{HOSTILE}", "Body ID": "7", "Stance": "agree"}], out)
    written = out.read_text(encoding="utf-8")
    assert not FORBIDDEN.search(written.replace("\r\n", "\n"))
    assert "Harbour sold" in written and ",7,agree" in written
