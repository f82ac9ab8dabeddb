"""Who said what, right enough to quote: the speaker errors an editor would see.

Each test is one error kind from issue 12, in our own prose: a quote that
runs on into the next paragraph, a quote about a famous name said by
someone else, a hearing exchange, a quote signed with a dash, a block
quotation, a role noun standing for a person the article named, a negated
speech verb, a document as source, a split word kept whole, phrases that are
not sources at all, and a pointer ("rowed back on that") that is not content.
"""

from __future__ import annotations

from spacy.language import Language

from storydiff.models import Statement
from tests.nlp.test_attributions import by_content, extract


def test_quote_continued_in_next_paragraph_keeps_the_named_speaker(nlp: Language) -> None:
    # Tom Becker is the nearer name, but Maria Lindqvist is the one the story follows.
    text = (
        "Maria Lindqvist met Tom Becker at the quay on Monday.\n"
        "“The ferry will run all winter,” she said.\n"
        "“We have two boats ready and a third on order.”"
    )
    found = extract(nlp, text)
    assert by_content(found, "ferry will run").speaker.name == "Maria Lindqvist"
    assert by_content(found, "two boats ready").speaker.name == "Maria Lindqvist"


def test_quote_about_a_famous_name_belongs_to_whoever_said_it(nlp: Language) -> None:
    text = "“The President has never understood the fishing fleet,” said Rosa Delgado, a councillor from the coast."
    st = by_content(extract(nlp, text), "fishing fleet")
    assert st.speaker.name == "Rosa Delgado"


def test_a_famous_name_inside_the_quote_is_not_whom_he_stands_for(nlp: Language) -> None:
    text = (
        "Rep. Adam Kessler criticized the farm bill on Tuesday.\n"
        "“President Donald Trump has no idea what farmers need,” he said."
    )
    st = by_content(extract(nlp, text), "no idea what farmers need")
    assert st.speaker.name == "Adam Kessler"


def test_a_spokeswoman_is_the_person_named_so_not_her_employer(nlp: Language) -> None:
    text = (
        "Lena Varga, Mayor Brandt's spokeswoman, said the tolls would stay.\n"
        "Later Mayor Brandt's spokeswoman said the bridge was safe."
    )
    st = by_content(extract(nlp, text), "bridge was safe")
    assert st.speaker.name == "Lena Varga"
    assert not st.speaker.anonymous


def test_a_named_press_secretary_is_not_anonymous(nlp: Language) -> None:
    text = (
        "White House press secretary Mara Ellison spoke to reporters on Friday.\n"
        "Later the press secretary said the visit was over."
    )
    st = by_content(extract(nlp, text), "visit was over")
    assert st.speaker.name == "Mara Ellison"
    assert not st.speaker.anonymous


def test_a_party_label_stands_for_the_person_it_described(nlp: Language) -> None:
    text = (
        "Senator Ted Cruz, the Texas Republican, spoke at the rally on Monday. "
        "The Texas Republican said the tax would not pass."
    )
    st = by_content(extract(nlp, text), "tax would not pass")
    assert st.speaker.name == "Ted Cruz"


def test_a_hearing_exchange_gives_each_side_its_own_words(nlp: Language) -> None:
    text = (
        "The committee heard the harbour master on Tuesday.\n"
        "\"OKAFOR: Did you know the cables were worn when you signed the report?\n"
        "\"LINDQVIST: No. The cables had another ten years of life in them.\n"
    )
    found = extract(nlp, text)
    question = by_content(found, "cables were worn")
    answer = by_content(found, "another ten years")
    assert question.speaker.text == "OKAFOR" and answer.speaker.text == "LINDQVIST"
    assert "LINDQVIST" not in question.content.text and "OKAFOR" not in answer.content.text


def test_a_quote_signed_with_a_dash_belongs_to_the_signature(nlp: Language) -> None:
    text = (
        "Readers told us what they thought of the bridge.\n"
        "“The tolls are too high for people who cross twice a day.” \u2015 Maria Lindqvist\n"
        "“I would pay double for a bridge that stays open in winter.” \u2015 Tomas Rivera\n"
    )
    found = extract(nlp, text)
    assert by_content(found, "tolls are too high").speaker.text == "Maria Lindqvist"
    assert by_content(found, "pay double").speaker.text == "Tomas Rivera"
    assert by_content(found, "pay double").cue.text == "\u2015"


def test_a_block_quotation_after_a_colon_is_the_speakers(nlp: Language) -> None:
    text = (
        "“We are not done,” Maria Lindqvist said on Friday.\n\n"
        "Lindqvist added:\n\n"
        "The bridge will stay shut until every cable has been replaced and tested.\n"
    )
    st = by_content(extract(nlp, text), "every cable has been replaced")
    assert st.speaker.name == "Maria Lindqvist" and st.cue.text == "added"
    assert st.content.text.startswith("The bridge will stay shut") and "Lindqvist" not in st.content.text


def test_negated_and_withheld_speech_is_marked(nlp: Language) -> None:
    text = (
        "The mayor did not say whether the bridge would reopen. "
        "Tomas Rivera declined to say when the tolls would rise. "
        "The engineer said the cables were sound."
    )
    found = extract(nlp, text)
    assert by_content(found, "bridge would reopen").negated
    assert by_content(found, "tolls would rise").negated
    plain = by_content(found, "cables were sound")
    assert not plain.negated
    assert Statement.from_dict(plain.to_dict()) == plain


def test_a_document_is_a_source_and_a_split_word_stays_whole(nlp: Language) -> None:
    text = "The leaked e-mails show that the contract was signed in March."
    st = by_content(extract(nlp, text), "contract was signed")
    assert st.speaker.text == "The leaked e-mails"
    assert st.speaker.name is None and not st.speaker.anonymous


def test_an_event_is_never_a_speaker(nlp: Language) -> None:
    text = (
        "A lengthy meeting on the sidelines of the summit threatened to carry political costs. "
        "The controversy showed that the council was split."
    )
    found = extract(nlp, text)
    for st in found:
        assert "meeting" not in st.speaker.text and "controversy" not in st.speaker.text
    # The attribution stays, with no speaker rather than a wrong one.
    assert by_content(found, "council was split").speaker.text == ""


def test_a_pointer_is_not_content(nlp: Language) -> None:
    text = (
        "Yuri Petrov said the leaders would meet on Friday. Dmitry Volkov later rowed back on that. "
        "The mayor denied that."
    )
    found = extract(nlp, text)
    assert by_content(found, "leaders would meet").speaker.name == "Yuri Petrov"
    for st in found:
        assert st.content.text.strip(" .") != "that"
