"""The ``storydiff quotes`` table: marks around direct quotes once, and a row for a statement with no source."""

from storydiff.render.quotes import NO_SOURCE, render_quotes_table


def _row(sid: str, speaker: str, content: str, direct: bool) -> dict:
    span = {"text": speaker, "start": 0, "end": len(speaker), "name": speaker or None, "anonymous": False,
            "role": None, "entity": None}
    return {
        "id": sid, "article": "A", "speaker": span,
        "cue": {"text": "said", "start": 0, "end": 4}, "content": {"text": content, "start": 0, "end": len(content)},
        "direct": direct, "recipient": None, "when": None, "speech": True,
    }


def test_a_quote_that_holds_its_marks_is_not_marked_again():
    table = render_quotes_table([_row("A-S1", "Lena Park", "“We will be ready,”", True)])
    assert "“We will be ready,”" in table
    assert '"“We' not in table


def test_a_direct_quote_without_marks_gets_them():
    table = render_quotes_table([_row("A-S1", "Lena Park", "the boats are ready", True)])
    assert '"the boats are ready"' in table


def test_a_statement_with_no_source_says_so():
    table = render_quotes_table([_row("A-S2", "", "the delay", False)], width=120)
    assert NO_SOURCE in table
