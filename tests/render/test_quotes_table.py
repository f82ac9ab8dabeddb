"""The ``storydiff quotes`` table and CSV: marks around direct quotes once, a row for a statement with no
source, and negated speech never shown as said."""

import csv
import io

from storydiff.render.quotes import CSV_COLUMNS, NO_SOURCE, render_quotes_csv, render_quotes_table


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


def test_a_negated_cue_reads_not_said_and_the_csv_says_so():
    row = {**_row("A-S3", "Ines Varga", "whether she will stand again", False), "negated": True, "source": "a.txt"}
    table = render_quotes_table([row], width=120)
    assert "not said" in table
    assert "not said" not in render_quotes_table([{**row, "negated": False}], width=120)
    declined = {**row, "cue": {"text": "declined", "start": 0, "end": 8}}  # says it itself: never "not declined"
    assert "not declined" not in render_quotes_table([declined], width=120)
    rows = list(csv.DictReader(io.StringIO(render_quotes_csv([row, {**row, "negated": False, "speech": False}]))))
    assert list(rows[0]) == list(CSV_COLUMNS)
    flags = [(r["cue"], r["negated"], r["speech"]) for r in rows]
    assert flags == [("said", "True", "True"), ("said", "False", "False")]
