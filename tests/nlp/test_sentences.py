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


def test_a_town_s_state_without_a_comma_ends_a_sentence(nlp: Language) -> None:
    # The small model ran these into one sentence and tagged "D.C. Okafor" a person.
    text = ("The two ministers met the harbour board in Washington, D.C. Okafor's deputy spent $4,200 on "
            "the trip, the board's accounts show.")
    sentences = _sentences(nlp, text)
    assert sentences[0].endswith("in Washington, D.C.") and sentences[1].startswith("Okafor's deputy spent")
    assert "D.C. Okafor" not in [e.text for e in nlp(text).ents]
    # mid-sentence, news style puts a comma after the state: one sentence
    for one in ("The mayor of Springfield, Ill., said on Monday that the bridge would reopen.",
                "She spoke in Washington, D.C., on Monday.", "The ferry left Portland, Ore. on time."):
        assert len(_sentences(nlp, one)) == 1, one


def test_the_pipeline_is_loaded_once_and_a_doc_s_text_is_kept_on_the_doc(nlp: Language) -> None:
    from storydiff.nlp.parse import doc_text, load_spacy, parse

    assert load_spacy() is load_spacy() is nlp  # parse() and every caller share one pipeline
    first, second = parse(["The ferry left at noon.", "The crews went back to work."])
    assert (doc_text(first), doc_text(second)) == (first.text, second.text)
    assert first.user_data["storydiff_text"] == first.text
    # parse() keeps the text it was given, which spaCy's tokens reproduce exactly, odd spacing included
    odd = "The ferry  left\n\n at noon\u00a0on Friday.\t \u201cWe go,\u201d she said. "
    (doc,) = parse([odd])
    assert doc.user_data["storydiff_text"] == odd  # set by parse(), before any doc_text call
    assert doc_text(doc) == doc.text == odd
