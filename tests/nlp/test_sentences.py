"""Where sentences start: the one rule storydiff adds to spaCy's parser (``storydiff_line_breaks``)."""

from __future__ import annotations

from spacy.language import Language


def _sentences(nlp: Language, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


def test_a_line_break_starts_a_sentence(nlp: Language) -> None:
    assert _sentences(nlp, "Ferry strike ends\nThe crews went back to work on Monday.") == [
        "Ferry strike ends", "The crews went back to work on Monday."]


def test_a_stop_and_two_spaces_start_a_sentence(nlp: Language) -> None:
    # The small model ran "..., harbour officials said.  The second parcel ..." into one sentence.
    text = ("The parcel addressed to the mayor was stopped at a sorting office in Bergen, harbour officials "
            "said.  The second parcel, addressed to a councillor, was found in Oslo on Friday.")
    assert _sentences(nlp, text) == [
        "The parcel addressed to the mayor was stopped at a sorting office in Bergen, harbour officials said.",
        "The second parcel, addressed to a councillor, was found in Oslo on Friday."]


def test_an_abbreviation_and_two_spaces_do_not(nlp: Language) -> None:
    assert len(_sentences(nlp, "The board met Sen.  Ines Varga at the harbour on Monday.")) == 1


def test_the_pipeline_is_loaded_once_and_a_doc_s_text_is_kept_on_the_doc(nlp: Language) -> None:
    from storydiff.nlp.parse import doc_text, load_spacy, parse

    assert load_spacy() is load_spacy() is nlp  # parse() and every caller share one pipeline
    first, second = parse(["The ferry left at noon.", "The crews went back to work."])
    assert (doc_text(first), doc_text(second)) == (first.text, second.text)
    assert first.user_data["storydiff_text"] == first.text
