import pytest

from storydiff.errors import InputError
from storydiff.ingest.clean import blank_excluded, clean
from storydiff.ingest.metadata import read_metadata
from storydiff.ingest.text import decode_text, looks_like_html


def test_line_endings_are_normalised_and_nothing_else_changes():
    assert decode_text(b"One line.\r\nTwo line.\rThree.") == "One line.\nTwo line.\nThree."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t ", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"caf\xe9 au lait is what the mayor ordered", "not valid UTF-8"),
    ],
)
def test_unreadable_bytes_get_a_reason(data, reason):
    with pytest.raises(InputError, match=reason):
        decode_text(data)


def test_html_is_recognised_by_name_or_content():
    assert looks_like_html(b"plain words", "page.html")
    assert looks_like_html(b"  <!DOCTYPE html><html></html>")
    assert not looks_like_html(b"The council met on Tuesday.")


def test_dropped_apostrophes_are_repaired_without_moving_text():
    text = "There s never been a vote, and we re sure the mayor s plan isn t ready."
    cleaned = clean(text)
    assert cleaned.text == "There's never been a vote, and we're sure the mayor's plan isn't ready."
    assert len(cleaned.text) == len(text)


def test_ordinary_text_is_left_alone():
    text = "The score was 3 s and 5 t in the 1990 s table; Plan B is fine."
    assert clean("The mayor's plan isn't ready.").text == "The mayor's plan isn't ready."
    assert len(clean(text).text) == len(text)


def test_web_residue_is_excluded_not_deleted():
    text = "The council voted on Tuesday.\n\nShare this article\nSkip to footer\n"
    cleaned = clean(text)
    assert cleaned.text == text
    assert [text[a:b] for a, b in cleaned.excluded] == ["Share this article", "Skip to footer"]
    blanked = blank_excluded(text, cleaned.excluded)
    assert len(blanked) == len(text) and "Skip" not in blanked


def test_title_dateline_wire_credit_and_date_are_read_from_the_text():
    meta = read_metadata(
        "Harbour Talks Resume\n\nPublished May 2, 2023\n\nLISBON (Reuters) - Port workers returned to talks."
    )
    assert meta.title == "Harbour Talks Resume"
    assert meta.dateline == "LISBON"
    assert meta.outlet == "Reuters"
    assert meta.published == "2023-05-02"


def test_dateline_with_country_and_no_credit():
    meta = read_metadata("VALLETTA, Malta — The harbour reopened on Monday after the storm.")
    assert meta.dateline == "VALLETTA, Malta"
    assert meta.outlet is None
    assert meta.title is None


def test_a_first_sentence_is_not_mistaken_for_a_title():
    meta = read_metadata("The harbour reopened on Monday.\nShips queued for hours.")
    assert meta.title is None
