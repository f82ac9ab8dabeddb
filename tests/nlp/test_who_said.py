"""Who said what, right enough to quote: the speaker errors an editor would see.

Each test is one error kind from issue 12, in our own prose: a quote that
runs on into the next paragraph, a quote about a famous name said by
someone else, a hearing exchange, a quote signed with a dash, a block
quotation, a role noun standing for a person the article named, a negated
speech verb, a document as source, a split word kept whole, phrases that are
not sources at all, and a pointer ("rowed back on that") that is not content.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from storydiff.models import Statement
from storydiff.nlp.statements.given_roles import role_nouns
from storydiff.nlp.statements.templates import _speaking as speaking_noun
from storydiff.nlp.statements.people import speaking_subject
from storydiff.nlp.statements.quotes import QuoteIndex, find_quotes
from storydiff.nlp.statements.relatives import antecedent
from storydiff.nlp.statements.speakers import NameIndex, describe, find_subject
from storydiff.nlp.statements.templates import template_speaker
from tests.nlp.test_attributions import by_content, by_cue, extract


def _hand_parse(
    nlp: Language, words: list[str], heads: list[int], deps: list[str], pos: list[str],
    person: tuple[int, int] | None = None, tags: list[str] | None = None,
) -> Doc:
    """A parse given by hand, as the tagger left a newspaper's sentence that our own prose does not
    reproduce: absolute head indices, lower-case lemmas, the fine tags where a rule reads them, and the
    one person entity the tagger found."""
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags,
              lemmas=[w.lower() for w in words])
    if person is not None:
        doc.ents = [Span(doc, *person, label="PERSON")]
    return doc


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


def test_a_quotation_after_a_paraphrase_continues_it_in_its_paragraph(nlp: Language) -> None:
    # "..., Ruiz said." closes a reported statement; the quotation after it in the paragraph has no cue of its
    # own and is hers. Opening the next paragraph instead, it is left to the rules for quotations.
    text = (
        "The ferry strike drew wide support on Monday.\n\n"
        "The council may be slow to act while the mayor negotiates with the port, Ruiz said. \"The other "
        "question is whether the ferry line can wait that long. I do not think it can.\""
    )
    st = by_content(extract(nlp, text), "The other question")
    assert st.speaker.text == "Ruiz" and st.cue.text == "said"
    moved = text.replace('Ruiz said. "', 'Ruiz said.\n\n"')
    assert not any("The other question" in s.content.text for s in extract(nlp, moved))


def test_a_role_before_a_name_that_the_parser_took_for_a_verb_keeps_the_quotation_out_of_the_speaker(
    nlp: Language,
) -> None:
    # The parser reads "harbour" as a verb and hangs the quotation before it on it; the speaker is the
    # harbour master, not '...,” harbour master Ola Dahl', and both pieces of the quotation are hers.
    text = (
        "\u201cWe will reopen the pier,\u201d harbour master Ola Dahl said on Friday, \u201cbut not before the "
        "spring tides have passed and the new deck has been tested.\u201d"
    )
    found = extract(nlp, text)
    for piece in ("reopen the pier", "spring tides"):
        st = by_content(found, piece)
        assert st.speaker.text == "harbour master Ola Dahl" and st.speaker.name == "Ola Dahl"


def test_a_quotation_after_a_parenthetical_cue_keeps_the_subject_before_the_cue(nlp: Language) -> None:
    # '“are taking a needless risk”' alone says nothing of whom; the subject stands before "she said".
    text = "Drivers who still use the old bridge, she said, \u201care taking a needless risk every morning.\u201d"
    st = by_content(extract(nlp, text), "needless risk")
    assert st.content.text.startswith("Drivers who still use the old bridge") and st.speaker.text == "she"
    # A quotation with a subject of its own is what was said, alone.
    own = "The ferry plan is dead, he said, \u201cand we will not bring it back.\u201d"
    assert by_content(extract(nlp, own), "bring it back").content.text.startswith("\u201cand we will")


def test_a_dateline_before_its_dash_is_no_part_of_the_speaker(nlp: Language) -> None:
    # Hand parse: the tagger hung a wire dateline on the speaker's name as a modifier, as it did in a newswire
    # text our prose does not reproduce ("RIVERTON, Ore., May 3 (VW) \u2014 Harbour master Ola Dahl said ...").
    from storydiff.nlp.statements.speakers import phrase_bounds

    words = ["RIVERTON", ",", "Ore.", ",", "May", "3", "(", "VW", ")", "\u2014", "Harbour", "master", "Ola", "Dahl",
             "said", "the", "pier", "would", "reopen", "."]
    heads = [13, 0, 0, 2, 0, 4, 7, 4, 7, 0, 11, 13, 13, 14, 14, 16, 18, 18, 14, 14]
    deps = ["nmod", "punct", "appos", "punct", "npadvmod", "nummod", "punct", "appos", "punct", "punct", "compound",
            "compound", "compound", "nsubj", "ROOT", "det", "nsubj", "aux", "ccomp", "punct"]
    pos = ["PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "NUM", "PUNCT", "PROPN", "PUNCT", "PUNCT", "NOUN", "NOUN",
           "PROPN", "PROPN", "VERB", "DET", "NOUN", "AUX", "VERB", "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos, person=(12, 14))
    start, end = phrase_bounds(doc[13])
    assert doc[start:end].text == "Harbour master Ola Dahl"


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


def test_an_organisation_in_a_title_speaks_for_itself(nlp: Language) -> None:
    text = (
        "Union chairwoman Ingrid Holm said crews had accepted the offer.\n"
        "Later the dockers' union announced that the strike was over."
    )
    st = by_content(extract(nlp, text), "strike was over")
    assert st.speaker.text == "the dockers' union" and st.speaker.name is None


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


def test_the_subject_of_is_believed_to_be_is_not_the_believer(nlp: Language) -> None:
    # Others believe her the favourite; what she is expected to argue is still hers.
    text = (
        "Councillor Ada Brook is widely believed to be the favourite for the harbour seat in May. "
        "She is expected to argue that the levy has driven the fishermen away."
    )
    found = extract(nlp, text)
    believed = by_content(found, "favourite for the harbour seat")
    assert believed.speaker.text == "" and believed.speaker.name is None
    assert by_content(found, "driven the fishermen away").speaker.text == "She"


@pytest.mark.parametrize(("text", "cue", "subject"), [
    ("Hale conceded a major worry is whether ferry owners will now be legally permitted to deny passage to some "
     "travellers.", "deny", "owners"),
    ("The clerks said they were not authorized to discuss the harbour accounts.", "discuss", "they"),
])
def test_the_passive_subject_of_a_verb_of_letting_does_what_its_infinitive_says(
    nlp: Language, text: str, cue: str, subject: str
) -> None:
    # Not the one who conceded or said it: the owners would deny, the clerks (they) would discuss.
    doc = nlp(text)
    found = find_subject(next(token for token in doc if token.text == cue))
    assert found is not None and found.text == subject


def test_no_comment_is_no_statement_of_what_it_was_on(nlp: Language) -> None:
    text = (
        "The ferry operators, who have fought the levy for years, had no immediate comments on the council’s "
        "decision to raise it."
    )
    assert by_content(extract(nlp, text), "decision to raise it").negated


def test_the_agent_of_a_verb_of_using_does_what_its_infinitive_says(nlp: Language) -> None:
    # Not the councillor, who only said the levy would be used so.
    text = (
        "Councillor Ada Brook said the new levy would no doubt be used by harbour hawks to push for higher fees "
        "on the ferries."
    )
    pushed = [s for s in extract(nlp, text) if s.cue.text == "push"]
    assert [s.speaker.text for s in pushed] == ["harbour hawks"]


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


def test_a_placeholder_it_is_no_speaker(nlp: Language) -> None:
    text = (
        "It was announced on Monday that the ferry terminal would close for two weeks in April. "
        "The harbor board met later. It said the closure would cost the port little."
    )
    found = extract(nlp, text)
    # "It was announced that": the article names no source; the attribution stays, with none.
    assert by_content(found, "terminal would close").speaker.text == ""
    # "It said": an "it" that stands for the board keeps its span.
    assert by_content(found, "closure would cost").speaker.text == "It"


def test_a_name_the_parse_lost_before_a_role_is_not_anonymous(nlp: Language) -> None:
    text = (
        "Per Aune, a spokesman for the ferry line, said the boats would run on Monday. "
        "Last Tuesday, a spokesman for the ministry, who asked not to be named, said the talks had failed."
    )
    found = extract(nlp, text)
    named = by_content(found, "boats would run")  # "Per" was parsed as a preposition
    assert named.speaker.name == "Per Aune" and not named.speaker.anonymous
    unnamed = by_content(found, "talks had failed")  # a day before the comma is no name
    assert unnamed.speaker.anonymous and unnamed.speaker.name is None


def test_what_was_answered_is_not_whom(nlp: Language) -> None:
    text = (
        "The ferry line did not respond to a request for comment. "
        "Mara Voss said to reporters that the boats would run."
    )
    found = extract(nlp, text)
    assert by_content(found, "request for comment").recipient is None
    told = by_content(found, "boats would run").recipient
    assert told is not None and told.text == "reporters"


def test_a_lower_case_body_is_not_named_by_its_last_word(nlp: Language) -> None:
    text = ("ELMSFORD — The Old Mill Bridge will close to all traffic for six weeks from July 1 while engineers "
            "replace its corroded steel bearings, the county roads department said on Monday.")
    st = by_content(extract(nlp, text), "Old Mill Bridge will close")
    assert st.speaker.text == "the county roads department"
    assert st.speaker.name != "department"


def test_he_is_the_one_who_spoke_not_the_one_spoken_of(nlp: Language) -> None:
    # The subject of what was said ("said Harlan must apologize") or of an infinitive ("calling for
    # Harlan to resign") is the topic; "he" in the next quote is the speaker named before.
    text = (
        "Speaking on Sunday, Sen. Tomas Reyes would not go that far but said Harlan must apologize to the crews.\n\n"
        "\"The chairman needs to apologize to every sailor on that ship,\" he said.\n\n"
        "Editor Ruth Calder, who led the critics calling for Harlan to resign over the remark, said on Sunday "
        "that Harlan still needs to go.\n\n"
        "\"I think it would be better if she went,\" she said."
    )
    found = extract(nlp, text)
    assert by_content(found, "apologize to every sailor").speaker.name == "Tomas Reyes"
    assert by_content(found, "better if she went").speaker.name == "Ruth Calder"


def test_he_is_not_the_one_a_noun_or_a_quoted_title_speaks_of(nlp: Language) -> None:
    text = (
        "Former governor Ada Brennan said she would back the plan. "
        "“I stood with Governor Hale and I stand with him now,” she said.\n\n"
        "On Monday, Mr. Vidal expressed surprise that Mr. Okafor would invite the minister. He suggested "
        "that Mr. Okafor was only inviting the minister to win votes, and in plain terms he urged voters "
        "to stay home.\n\n"
        "The former governor later said the vote would be close."
    )
    found = extract(nlp, text)
    # the subject of a "that" clause a noun holds, and of what was suggested, is not who spoke
    assert by_content(found, "only inviting the minister").speaker.name == "Vidal"
    assert by_content(found, "to stay home").speaker.name == "Vidal"
    # "Governor Hale" inside her quote does not make Hale the one "the former governor" stands for
    assert by_content(found, "vote would be close").speaker.name == "Ada Brennan"


def test_a_quoted_show_title_is_not_what_was_said(nlp: Language) -> None:
    text = ("Speaking on \"Harbour Week Tonight,\" Sen. Ines Okafor would not go that far but said the board "
            "must apologize to the crews.")
    found = extract(nlp, text)
    assert all("Harbour Week" not in st.content.text for st in found), [st.content.text for st in found]
    assert by_content(found, "board must apologize").speaker.name == "Ines Okafor"


def test_a_pointer_is_not_content(nlp: Language) -> None:
    text = (
        "Yuri Petrov said the leaders would meet on Friday. Dmitry Volkov later rowed back on that. "
        "The mayor denied that."
    )
    found = extract(nlp, text)
    assert by_content(found, "leaders would meet").speaker.name == "Yuri Petrov"
    for st in found:
        assert st.content.text.strip(" .") != "that"


def test_a_pointer_with_the_writers_words_after_it_is_not_content(nlp: Language) -> None:
    text = (
        "Yuri Petrov said the leaders would meet on Friday. Dmitry Volkov rowed back on that later on "
        "Thursday after the envoy said no decision had been taken."
    )
    for st in extract(nlp, text):
        assert not st.content.text.startswith("that later"), st.content.text


def test_content_keeps_the_words_that_decide_its_meaning(nlp: Language) -> None:
    # The small parser reads "claims" as a verb; "were untrue" alone would invert her statement.
    text = "The minister told the panel that claims she had hidden the report were untrue."
    st = by_content(extract(nlp, text), "were untrue")
    assert st.content.text == "that claims she had hidden the report were untrue"
    assert st.speaker.text == "The minister" and st.cue.text == "told"


def test_a_source_who_asked_not_to_be_named_is_anonymous(nlp: Language) -> None:
    text = (
        "Marta Silva, a nurse at the clinic, said staff were exhausted. "
        "A nurse at the clinic, who asked not to be named, said the wards were full."
    )
    found = extract(nlp, text)
    assert by_content(found, "staff were exhausted").speaker.name == "Marta Silva"
    unnamed = by_content(found, "wards were full").speaker
    assert unnamed.anonymous and unnamed.name is None
    assert unnamed.text == "A nurse at the clinic"


def test_an_unnamed_spokeswoman_the_article_names_later_is_not_anonymous(nlp: Language) -> None:
    text = (
        "A spokeswoman for the ministry said the bridge was safe. "
        "Ines Moreau, the ministry's spokeswoman, later said it would reopen in May."
    )
    st = by_content(extract(nlp, text), "bridge was safe")
    assert st.speaker.name == "Ines Moreau" and not st.speaker.anonymous


def test_a_rebuttal_belongs_to_the_rebutter_not_the_senator_it_rebuts(nlp: Language) -> None:
    text = (
        "Rosa Delgado rebutted Senator Tom Hale on Tuesday.\n"
        "“Hale is wrong about the fleet and he knows it,” the Oregon Democrat said."
    )
    st = by_content(extract(nlp, text), "wrong about the fleet")
    assert st.speaker.text == "the Oregon Democrat"
    assert st.speaker.name == "Rosa Delgado"


def test_a_state_and_party_label_is_the_person_of_that_state(nlp: Language) -> None:
    # Owen Marsh is the nearer name, but the article tied him to Ohio and Dana Whitfield to California.
    text = (
        "Rep. Dana Whitfield (D-Calif.) kept her seat as leader on Wednesday.\n\n"
        "She beat her only rival, Rep. Owen Marsh (Ohio), by 120 votes to 70.\n\n"
        "If Marsh had won, the leadership would have been all men.\n\n"
        "The California Democrat spoke to reporters after the vote, saying she felt “relieved” at winning."
    )
    st = by_content(extract(nlp, text), "relieved")
    assert st.speaker.name == "Dana Whitfield"


def test_a_state_named_before_a_role_noun_keeps_to_that_state(nlp: Language) -> None:
    text = (
        "Senator Ada Brennan of Texas and Senator Hugo Lind of Maine met the farmers on Monday.\n\n"
        "The Texas senator said the new tariff would ruin the cotton growers."
    )
    st = by_content(extract(nlp, text), "ruin the cotton growers")
    assert st.speaker.name == "Ada Brennan"


def test_a_report_and_a_speaker_in_an_earlier_paragraph(nlp: Language) -> None:
    text = (
        "The audit report said the council had overspent by four million euros.\n\n"
        "Maria Lindqvist, the harbour master, spoke at length on Monday.\n\n"
        "“The ferry will run all winter,” she said.\n\n"
        "“We have two boats ready.”"
    )
    found = extract(nlp, text)
    report = by_content(found, "overspent").speaker
    assert report.text == "The audit report" and report.name is None and not report.anonymous
    assert by_content(found, "ferry will run").speaker.name == "Maria Lindqvist"
    assert by_content(found, "two boats ready").speaker.name == "Maria Lindqvist"


def test_not_speaking_about_is_negated(nlp: Language) -> None:
    text = "Pedro Alves was not speaking about the merits of the plan."
    st = by_content(extract(nlp, text), "merits of the plan")
    assert st.negated and st.speaker.name == "Pedro Alves"


def test_a_quote_closed_with_a_mark_of_another_style_has_its_speaker(nlp: Language) -> None:
    # Pasted copy mixes straight and curly marks; the speaker after the quote is still found.
    text = (
        "The ferry company gave its answer on Monday. "
        "\u201cThe boats will sail until the ice comes,\" Maria Lindqvist, the harbour master, said. "
        "\"We have never lost a winter yet,\u201d said Tomas Rivera, a captain."
    )
    found = extract(nlp, text)
    first = by_content(found, "until the ice comes")
    assert first.speaker.name == "Maria Lindqvist" and first.direct
    assert first.content.text.endswith('comes,"')
    second = by_content(found, "never lost a winter")
    assert second.speaker.name == "Tomas Rivera" and second.content.text.endswith("yet,\u201d")


def test_a_reply_in_prose_belongs_to_the_person_asked(nlp: Language) -> None:
    text = (
        "Rep. Ana Okafor pressed the harbour master, Piet Lindqvist, on Tuesday. "
        "“Who signed the report?” she asked. “I did,” he answered.\n\n"
        "Okafor asked Lindqvist whether the cables were worn. “No,” he said."
    )
    found = extract(nlp, text)
    assert by_content(found, "Who signed").speaker.name == "Ana Okafor"
    assert by_content(found, "I did").speaker.name == "Piet Lindqvist"
    assert by_content(found, "cables were worn").speaker.name == "Ana Okafor"
    assert by_content(found, "No,").speaker.name == "Piet Lindqvist"


def test_a_question_put_by_someone_is_not_the_witness_s(nlp: Language) -> None:
    text = "Asked by Rep. Ana Okafor whether he had read the report, Piet Lindqvist said he had not."
    found = extract(nlp, text)
    assert by_content(found, "read the report").speaker.name == "Ana Okafor"
    assert by_content(found, "he had not").speaker.name == "Piet Lindqvist"


def test_words_inside_a_transcript_line_are_not_the_writer_s_report(nlp: Language) -> None:
    text = "Q: Did you sign the report?\nA: Yes, I signed it in March.\n"
    found = extract(nlp, text)
    assert [(st.speaker.text, st.content.text) for st in found] == [
        ("Q", "Did you sign the report?"),
        ("A", "Yes, I signed it in March"),
    ]


def test_a_one_word_answer_after_a_colon_is_kept_and_the_question_is_not_hers(nlp: Language) -> None:
    text = (
        "The harbour master, Maria Lindqvist, testified in May.\n\n"
        'Asked if money had kept her from hiring more guards, she said: "No."\n'
    )
    found = extract(nlp, text)
    answer = by_content(found, '"No."')
    assert answer.speaker.name == "Maria Lindqvist" and answer.cue.text == "said"
    for st in found:
        assert not ("hiring more guards" in st.content.text and st.speaker.name == "Maria Lindqvist")


def test_a_quote_that_ends_an_earlier_sentence_is_not_the_next_cue_s(nlp: Language) -> None:
    text = (
        "In her first advert, Ines Okafor said she grew up “mending nets on a cold quay.” "
        "Ms. Okafor said that taught her to watch every penny."
    )
    found = extract(nlp, text)
    second = by_content(found, "watch every penny")
    assert second.content.text == "that taught her to watch every penny"
    assert all(not (st.cue.start == second.cue.start and "mending nets" in st.content.text) for st in found)


def test_a_clause_after_a_partial_quote_that_decides_its_meaning_is_kept(nlp: Language) -> None:
    text = "Okafor told the radio that “nobody would have got out” had the guards not been there."
    st = by_content(extract(nlp, text), "nobody would have got out")
    assert st.content.text.endswith("had the guards not been there")


def test_which_after_a_clause_stands_for_the_clause(nlp: Language) -> None:
    text = "The mayor claimed the tolls would fall, which her rival denied."
    found = extract(nlp, text)
    claimed = next(st for st in found if st.cue.text == "claimed")
    denied = next(st for st in found if st.cue.text == "denied")
    assert claimed.content.text == denied.content.text == "the tolls would fall"
    assert denied.speaker.text == "her rival"


def test_unable_to_say_is_withheld_speech(nlp: Language) -> None:
    text = "The minister was unable to say when the bridge would reopen."
    st = by_content(extract(nlp, text), "bridge would reopen")
    assert st.negated and st.speaker.text == "The minister"


def test_a_quote_after_a_colon_belongs_to_its_own_paragraph_s_speaker(nlp: Language) -> None:
    text = (
        "“We will pay for the bridge,” Maria Lindqvist said.\n\n"
        "Tomas Rivera, too, suggested that could be the answer: “I think the tolls should fall before winter.”\n"
    )
    st = by_content(extract(nlp, text), "tolls should fall")
    assert st.speaker.name == "Tomas Rivera"


def test_a_world_view_and_a_hearing_are_not_sources(nlp: Language) -> None:
    text = (
        "That world view, Rivera continued, suggests that the harbour could be run for profit. "
        "The hearings showed that the cables had been neglected for years."
    )
    for st in extract(nlp, text):
        assert "world view" not in st.speaker.text and "hearings" not in st.speaker.text


def test_a_semicolon_ends_what_was_said(nlp: Language) -> None:
    text = "Councillors said the timing of the vote was not planned; they only learned of the date on Friday."
    st = by_content(extract(nlp, text), "timing of the vote")
    assert st.content.text == "the timing of the vote was not planned"


def test_according_to_takes_the_clause_before_it(nlp: Language) -> None:
    text = (
        "Tolls on the bridge would rise by nine percent next year, according to the ministry of transport, "
        "more than twice what it had projected for the old ferries that crossed the river each winter."
    )
    st = by_content(extract(nlp, text), "nine percent")
    assert st.content.text == "Tolls on the bridge would rise by nine percent next year"
    assert st.speaker.text == "the ministry of transport" and st.cue.text == "according to"



def test_a_subhead_run_into_the_paragraph_is_not_the_speaker(nlp: Language) -> None:
    text = (
        "Grandparents can help.\n\n"
        "THE BORROWING Back when he wrote his book, Mr. Becker said that he considered debt a last resort."
    )
    st = by_content(extract(nlp, text), "debt a last resort")
    assert st.speaker.text == "Mr. Becker"


def test_a_quote_after_said_but_continues_the_same_statement(nlp: Language) -> None:
    text = (
        "Maria Lindqvist spoke about the harbour on Monday. "
        "“You know, I like the mayor,” she said, but “when it comes to bridges, the mayor has a long record of waste.”"
    )
    found = extract(nlp, text)
    first = by_content(found, "I like the mayor")
    second = by_content(found, "record of waste")
    assert first.cue == second.cue and second.speaker.name == "Maria Lindqvist"


def test_a_relative_pronoun_gives_way_to_the_person_it_stands_for(nlp: Language) -> None:
    text = (
        "Transport minister Ines Moreau, who said on Monday that the tolls would stay, met the mayors on Friday. "
        "The audit, which said the ferry had lost money for years, was published in May."
    )
    found = extract(nlp, text)
    minister = by_content(found, "tolls would stay").speaker
    assert minister.text == "Transport minister Ines Moreau" and minister.name == "Ines Moreau"
    assert by_content(found, "lost money").speaker.text == "The audit"
    assert not [st for st in found if st.speaker.text.lower() in ("who", "which", "that")]


def test_a_relative_clause_names_the_group_not_its_description(nlp: Language) -> None:
    text = (
        "Harbour Watch, a group of ferry users, which vowed to fight the tolls in court, met on Monday. "
        "The letter, which was posted online by Harbour Watch, asks the council to drop the tolls."
    )
    found = extract(nlp, text)
    assert by_content(found, "fight the tolls").speaker.text == "Harbour Watch"
    # What was posted is not who posted it: the letter stays the content; the one who posted it is the
    # passive's agent, and the reading never runs on into what the letter asks ("asks the council ...").
    posted = [st for st in found if st.cue.text == "posted"]
    assert posted and all(st.speaker.text in ("", "Harbour Watch") and "asks" not in st.content.text
                          for st in posted), posted


def test_a_bare_who_is_never_a_speaker(nlp: Language) -> None:
    from storydiff.nlp.statements.speakers import is_source

    doc = nlp("Who said the bridge would close?")
    assert not is_source(doc[0])
    st = by_content(extract(nlp, "Who said the bridge would close? Nobody knows."), "bridge would close")
    assert st.speaker.text == "" and st.speaker.name is None


def test_a_named_document_is_not_what_was_said(nlp: Language) -> None:
    text = "Lena Varga, the mayor's lawyer, later said she was the one who wrote that letter, saying it was a draft."
    found = extract(nlp, text)
    assert not [st for st in found if st.content.text.strip("“”\"") == "that letter"], [s.content.text for s in found]
    assert by_content(found, "the one who wrote").speaker.name == "Lena Varga"


def test_a_quote_s_own_subject_does_not_hide_the_speaker_after_it(nlp: Language) -> None:
    # The parser gives "said" two subjects: "answer" inside the quotation and the manager.
    text = "“My answer, that was unfair,” the mayor's former campaign manager said in an interview with Radio Nord."
    st = by_content(extract(nlp, text), "My answer")
    assert st.speaker.text == "the mayor's former campaign manager" and st.direct


def test_what_comes_before_a_cue_that_ends_the_sentence_was_said(nlp: Language) -> None:
    found = extract(nlp, "Towns like Marlow, she said.")
    assert [(st.speaker.text, st.content.text) for st in found] == [("she", "Towns like Marlow")]
    found = extract(nlp, "Coverage unclear for part-time nurses, experts say.")
    expected = [("experts", "Coverage unclear for part-time nurses")]
    assert [(st.speaker.text, st.content.text) for st in found] == expected
    # a lead-in before the comma is the writer's, not what was said
    assert not any("With the vote" in st.content.text for st in extract(nlp, "With the vote at stake, she said."))


def test_as_someone_noted_attributes_the_clause_it_opens(nlp: Language) -> None:
    text = "As The Harbour Times reported, the ferry company was also accused of breaking safety rules."
    st = by_content(extract(nlp, text), "ferry company")
    assert (st.speaker.text, st.cue.text) == ("The Harbour Times", "reported")
    assert st.content.text == "the ferry company was also accused of breaking safety rules"
    st = by_content(extract(nlp, "But as a council spokesman noted, the pier was never full."), "pier")
    assert st.speaker.text == "a council spokesman" and st.content.text == "the pier was never full"
    # "as" of time with a verb that reports nothing is no attribution
    assert not any(st.cue.text == "cheered" for st in extract(nlp, "As the crowd cheered, the mayor cut the ribbon."))


def test_a_long_subject_read_as_a_clause_is_still_the_speaker(nlp: Language) -> None:
    # The parser hangs "pitched" on "noted" as a clause of its own; its subject is the speaker.
    text = (
        "A spokesman for the Ruiz ferry line - a 12-boat business pitched as \"the friendliest crossing in "
        "the west\" - noted that the company offers new staff eight weeks of paid leave."
    )
    st = by_content(extract(nlp, text), "eight weeks")
    assert (st.speaker.text, st.cue.text) == ("A spokesman for the Ruiz ferry line", "noted")


def test_an_inverted_speaker_read_as_the_cue_s_object_is_the_speaker(nlp: Language) -> None:
    text = (
        "“There are more candidates in Marlow, many of whom have practically lived there for months,” "
        "added another Marlow Republican."
    )
    st = by_content(extract(nlp, text), "more candidates")
    assert (st.speaker.text, st.cue.text) == ("another Marlow Republican", "added") and st.direct


def test_a_quotation_after_the_cue_is_content_however_the_parser_hangs_its_words(nlp: Language) -> None:
    # "happy" and "Absolutely" hang off the cue in the parse; they are still inside the quote.
    st = by_content(extract(nlp, "He responds, “Yes, but happy to give it to them at this point. Can discuss.”"), "Yes")
    assert st.content.text == "“Yes, but happy to give it to them at this point. Can discuss.”" and st.direct
    text = 'Ruiz said: "Absolutely. . . . One of the reasons is the decline of the port."'
    st = by_content(extract(nlp, text), "port")
    assert st.speaker.text == "Ruiz" and st.content.text.startswith('"Absolutely.')


def test_a_one_word_reply_in_quotes_after_the_cue_is_kept(nlp: Language) -> None:
    found = extract(nlp, 'Asked whether he would fire the clerk, Tom Becker said, "Probably."')
    st = by_content(found, "Probably")
    assert (st.speaker.text, st.cue.text, st.content.text) == ("Tom Becker", "said", '"Probably."')


def test_a_name_right_after_the_quote_speaks_when_the_parse_hides_the_subject(nlp: Language) -> None:
    text = (
        "''If the council had gone with Becker, I would have been sitting in a cell for a long time,'' "
        "Mr. Delgado, now 81 and retired in Cambridge, Mass., said by telephone this week."
    )
    st = by_content(extract(nlp, text), "sitting in a cell")
    assert (st.speaker.text, st.cue.text) == ("Mr. Delgado", "said") and st.direct


def test_what_comes_before_an_inverted_cue_at_the_sentence_end_was_said(nlp: Language) -> None:
    text = (
        'The rejection of the treaty signals "the beginning of the end" for the port, said Tom Becker, '
        "founder of the Harbour Party."
    )
    st = by_content(extract(nlp, text), "rejection")
    assert st.speaker.text.startswith("Tom Becker")
    assert st.content.text == 'The rejection of the treaty signals "the beginning of the end" for the port'


def test_any_verb_right_after_a_quotation_can_be_its_cue(nlp: Language) -> None:
    text = "“If they were serious about this, they would have backed the only bill with support,” Becker fumed."
    st = by_content(extract(nlp, text), "serious")
    assert (st.speaker.text, st.cue.text) == ("Becker", "fumed") and st.direct
    st = by_content(extract(nlp, "“This is fantastic!” beamed Tom Hale of Marlow."), "fantastic")
    assert (st.speaker.text, st.cue.text) == ("Tom Hale of Marlow", "beamed")
    # a quotation that ends its own sentence is not taken by the next sentence's verb
    found = extract(nlp, "The sign read “Vote Ruiz.” Becker smiled at the crowd.")
    assert not any(st.cue.text == "smiled" for st in found)


def test_a_passive_subject_speaks_for_the_verb_coordinated_with_its_own(nlp: Language) -> None:
    text = (
        "By the end of the day, Mr. Becker was forced into a rare moment of damage control "
        "and said that his words had been misread."
    )
    st = by_content(extract(nlp, text), "misread")
    assert (st.speaker.text, st.cue.text) == ("Mr. Becker", "said")


def test_a_clause_the_cue_governs_after_it_is_not_part_of_what_was_said(nlp: Language) -> None:
    text = (
        "Becker's plan is an insult to every fisherman in the county, harbour leaders said on Friday, "
        "as they bristled at the questions about the port."
    )
    st = by_content(extract(nlp, text), "insult")
    assert st.speaker.text == "harbour leaders"
    assert st.content.text == "Becker's plan is an insult to every fisherman in the county"


def _with_ents(nlp: Language, text: str, ents: list[tuple[str, str, str]]):  # type: ignore[no-untyped-def]
    """The parse of ``text`` with these entities (words, label, the words they follow) instead of the
    tagger's: the small model's mistakes, made on purpose, so the test does not depend on which ones it
    makes today."""
    from spacy.tokens import Span

    doc = nlp(text)
    spans = []
    for words, label, after in ents:
        start = text.index(words, text.index(after) + len(after))
        span = doc.char_span(start, start + len(words), label=label)
        assert span is not None, words
        spans.append(span)
    doc.ents = [Span(doc, s.start, s.end, label=s.label_) for s in spans]
    return doc


def test_a_platform_tagged_as_a_person_is_no_one_and_a_surname_tagged_as_a_place_is_the_person(
    nlp: Language,
) -> None:
    from storydiff.nlp.statements.speakers import NameIndex

    text = (
        "Kathy Griffin apologised on Tuesday for a photo shoot that had drawn anger across the country. "
        "The pictures were taken last week in a studio in the hills above the city, by a photographer known "
        "for shocking images, and they spread quickly once a gossip site printed them. Sponsors withdrew, two "
        "venues cancelled her shows, and several colleagues who had worked with her for years asked for the "
        "images to be taken down before the weekend. In a Twitter post late Tuesday, Griffin said the image "
        "was too dark. “I understand how it upsets people,” she said."
    )
    # The tagger once called "Twitter" a person and this "Griffin" a place.
    doc = _with_ents(nlp, text, [
        ("Kathy Griffin", "PERSON", ""), ("Twitter", "PERSON", "In a "), ("Griffin", "GPE", "late Tuesday, "),
    ])
    assert NameIndex(doc).nearest_before(text.index("she said"), "she") == "Kathy Griffin"


def test_a_trailing_participle_of_speech_is_a_statement_of_its_own(nlp: Language) -> None:
    text = (
        "Senator Ana Ruiz said she did not think the tolls had cost the mayor the election, "
        "arguing that the flooded tunnel had done far more damage."
    )
    found = extract(nlp, text)
    said = by_content(found, "tolls had cost")
    assert said.cue.text == "said" and "arguing" not in said.content.text
    assert said.content.text.endswith("the election")
    arguing = by_content(found, "flooded tunnel")
    assert arguing.cue.text == "arguing" and arguing.speaker.name == "Ana Ruiz"


def test_the_participle_after_she_said_is_the_writers_aside(nlp: Language) -> None:
    text = (
        "“This is not maintenance,” Councillor Ana Ruiz said. "
        "“You let the bridge rot” to save money for the stadium, she said, pointing to the rusted cables."
    )
    found = extract(nlp, text)
    rot = [st for st in found if "bridge rot" in st.content.text]
    assert len(rot) == 1, [st.content.text for st in found]  # not also a continuation of the first quote
    assert "stadium" in rot[0].content.text and "pointing" not in rot[0].content.text
    assert not any(st.content.text.startswith("pointing") for st in found)


def test_after_saying_belongs_to_the_subject_of_a_passive_clause(nlp: Language) -> None:
    text = "After saying that the cables were sound, the engineer Pia Holm was taken off the project by the county."
    st = by_content(extract(nlp, text), "cables were sound")
    assert st.cue.text == "saying" and st.speaker.name == "Pia Holm"


def test_a_question_quoted_in_prose_is_no_exchange_with_a_later_statement(nlp: Language) -> None:
    text = (
        "Tom Becker and Joe Alder were set to open the regatta together but could not agree who would start.\n\n"
        "“How about the harbour master goes first?” Mr. Becker was quoted as saying.\n\n"
        "Neighbours said that the two men had been friends since school.\n\n"
        "Mr. Becker, a keen sailor, made warm remarks about Mr. Alder when he ran the harbour. "
        "“Joe is doing a great job as harbour master,” he posted in 2019."
    )
    st = by_content(extract(nlp, text), "great job")
    assert st.speaker.name == "Tom Becker"


def test_a_reply_goes_to_the_person_asked_when_the_asker_is_a_thing(nlp: Language) -> None:
    text = (
        "Lars Moss interviewed Karl Brandt for an hour on Sunday.\n\n"
        "The remarks about the wreck prompted Moss to ask Brandt whether he had hired divers to search it. "
        "He signaled he had, saying, “They cannot believe what they are finding down there.”"
    )
    found = extract(nlp, text)
    assert by_content(found, "cannot believe").speaker.name == "Karl Brandt"


def test_he_after_a_bare_surname_the_tagger_missed_is_that_speaker(nlp: Language) -> None:
    text = (
        "Rep. Tom Okafor of Vermont spoke to reporters at the harbour on Friday morning, a day after the hearing "
        "on the Trent contract had been cut short by the committee chair without any explanation.\n\n"
        "The ministry denied the story. Minister Karl Brandt had asked the harbour chief and the port director "
        "to slow the inquiry, according to two officials who were in the room.\n\n"
        "“That could be further evidence of an attempt to interfere with the inquiry,” Okafor said of "
        "Karl Brandt’s reported request to the two officials. He also referred to past reports that the ministry "
        "asked allies in parliament to push back on stories about the contract."
    )
    st = by_content(extract(nlp, text), "past reports")
    assert st.speaker.text == "He" and st.speaker.name == "Tom Okafor"


def test_two_people_of_one_surname_keep_their_own_names(nlp: Language) -> None:
    text = (
        "Mayor Maria Lindqvist opened the new ferry terminal in Selby on Monday. Her husband, the retired "
        "harbour master Peter Lindqvist, spoke to the crowd before her.\n\n"
        "“I waited thirty years for this ferry,” Peter Lindqvist said. Later he added that the old quay "
        "would become a park.\n\n"
        "“This terminal belongs to everyone in Selby,” Maria Lindqvist said. Mrs. Lindqvist said the first boat "
        "would leave at six. Mr. Lindqvist said he would be on it.\n"
    )
    found = extract(nlp, text)
    assert by_content(found, "thirty years").speaker.name == "Peter Lindqvist"
    assert by_content(found, "old quay").speaker.name == "Peter Lindqvist"
    assert by_content(found, "belongs to everyone").speaker.name == "Maria Lindqvist"
    assert by_content(found, "first boat").speaker.name == "Maria Lindqvist"
    assert by_content(found, "be on it").speaker.name == "Peter Lindqvist"


def test_a_name_inside_what_was_said_is_not_whom_he_stands_for(nlp: Language) -> None:
    text = (
        "“This is about the ministry, not about the harbour,” Tom Okafor said, adding that he wants to "
        "know what Minister Karl Brandt was allowed to promise. “They have answered one question and "
        "raised ten more,” he said."
    )
    st = by_content(extract(nlp, text), "answered one question")
    assert st.speaker.name == "Tom Okafor"


def test_a_role_given_as_an_abbreviated_title_names_the_person(nlp: Language) -> None:
    text = (
        "Rep. Maria Lindqvist visited the flooded harbour on Monday with the county engineers.\n\n"
        "The congresswoman said the sea wall would be rebuilt before the winter storms."
    )
    st = by_content(extract(nlp, text), "sea wall")
    assert st.speaker.text == "The congresswoman" and st.speaker.name == "Maria Lindqvist"


def test_a_bare_surname_tagged_as_an_event_is_still_the_person(nlp: Language) -> None:
    # spaCy's small model tags this "Pelosi" EVENT; "Maria Pelosi" is a person of our own prose
    text = (
        "House leader Maria Pelosi won another term on Wednesday. Her rival Sarah Holm conceded defeat.\n\n"
        "The 76-year-old Pelosi, in the months prior to the election, repeatedly vowed that her party would "
        "win back the chamber.\n\n"
        "“We know how to win elections,” she said Wednesday."
    )
    st = by_content(extract(nlp, text), "how to win elections")
    assert st.speaker.name == "Maria Pelosi"


def test_she_after_a_possessive_subject_is_its_owner(nlp: Language) -> None:
    text = (
        "“She is in excellent health,” her doctor, Helen Brooks, wrote in the letter. Brooks added that the "
        "candidate swims every morning.\n\n"
        "Maria Holm’s campaign is touting the fact that she is the first candidate to release her records, "
        "though she only released a one-page letter from her doctor."
    )
    st = by_content(extract(nlp, text), "one-page letter")
    assert st.speaker.text == "she" and st.speaker.name == "Maria Holm"


def test_one_democrat_is_an_unnamed_source_and_the_republicans_a_group(nlp: Language) -> None:
    text = (
        "Senator Maria Holm won the vote on Tuesday.\n\n"
        "“There is a lot of anger,” said one Democrat who opposed her, who asked not to be named.\n\n"
        "The Republicans said the result changed nothing."
    )
    found = extract(nlp, text)
    anger = by_content(found, "lot of anger")
    assert anger.speaker.anonymous and anger.speaker.name is None
    group = by_content(found, "changed nothing")
    assert group.speaker.name is None and not group.speaker.anonymous


def test_an_article_alleging_is_the_articles_claim_not_its_critics(nlp: Language) -> None:
    text = (
        "“It is garbage, complete and utter lies,” Senator Peter Lindqvist said about the tabloid article "
        "alleging that he had hidden the harbour accounts.\n\n"
        "The ministry issued a statement saying that the accounts were in order."
    )
    found = extract(nlp, text)
    alleged = by_content(found, "hidden the harbour accounts")
    assert alleged.speaker.name != "Peter Lindqvist" and "article" in alleged.speaker.text
    assert by_content(found, "accounts were in order").speaker.text == "The ministry"


def test_mr_is_not_the_only_woman_of_that_surname_named_in_full(nlp: Language) -> None:
    text = (
        "Maria Lindqvist, the mayor's wife, said she would no longer open the regatta.\n\n"
        "Mr. Lindqvist said the harbour board had treated his family unfairly."
    )
    st = by_content(extract(nlp, text), "treated his family unfairly")
    assert st.speaker.name != "Maria Lindqvist"


def test_a_surname_the_tagger_reads_as_a_plural_noun_is_still_the_person(nlp: Language) -> None:
    text = (
        "Outgoing harbour commissioner Ruth Summers warned on Tuesday that the new pier was too short.\n\n"
        "Summers added that the council would have to pay for a longer one.\n\n"
        "The sellers said the land would cost more next year."
    )
    found = extract(nlp, text)
    assert by_content(found, "pay for a longer one").speaker.name == "Ruth Summers"
    assert by_content(found, "land would cost more").speaker.name is None  # "The sellers" are no Sellers


def test_a_cue_fronted_before_a_colon_is_not_part_of_the_name(nlp: Language) -> None:
    text = (
        "Harbour master Owen Gibbs said the ferry would sail at noon.\n\n"
        "Added Gibbs: “We will not wait for the late train.”"
    )
    st = by_content(extract(nlp, text), "late train")
    assert st.speaker.text == "Gibbs" and st.speaker.name == "Owen Gibbs"


def test_who_after_a_prepositional_object_is_that_person(nlp: Language) -> None:
    # The parser hangs "who said" on "leader"; the relative pronoun stands for the noun right before it.
    text = (
        "Harbour Democrats on Wednesday re-elected Representative Nora Castellan of Marlow to a fifth term as "
        "House leader over a Rust Belt congressman who said the party had lost its way with dock workers."
    )
    st = by_content(extract(nlp, text), "lost its way")
    assert st.speaker.text == "a Rust Belt congressman"


def test_a_quote_whose_closing_mark_comes_a_paragraph_later_is_the_speakers(nlp: Language) -> None:
    # The writer opened the quote in one paragraph and closed it in the next, with straight marks and no
    # opening mark in the second: its closing mark is no opening one.
    text = (
        "The mayor answered on Saturday evening, saying she had never met the harbour master.\n\n"
        "\"Tom Becker, whom I do not know, was hired by the old council in 2015.\n\n"
        "He was supposed to leave in March but he quit before that,\" Mayor Maria Lindqvist wrote.\n\n"
        "\"If anyone else had fixed the ferries, that person would be a local hero,\" she continued later."
    )
    quoted = [text[a:b] for a, b in find_quotes(text)]
    assert "He was supposed to leave in March but he quit before that,\"" in quoted
    assert not any(q.startswith("\" Mayor") for q in quoted)
    found = extract(nlp, text)
    assert by_content(found, "supposed to leave in March").speaker.name == "Maria Lindqvist"
    assert by_content(found, "local hero").speaker.name == "Maria Lindqvist"


def test_a_quote_pasted_a_sentence_a_paragraph_holds_the_paragraphs_without_marks() -> None:
    # A post pasted one sentence a paragraph: one opening mark, one closing mark three paragraphs on.
    text = (
        "This was after the mayor's account posted on Saturday: “I had to close the pier because it was unsafe.\n\n"
        "He has admitted that he lied about the beams.\n\n"
        "There was nothing to hide!”\n\n"
        "The council met on Monday. “We will see,” the clerk said. The harbour master left.\n\n"
        "He was not asked to stay."
    )
    quoted = [text[a:b] for a, b in find_quotes(text)]
    assert "He has admitted that he lied about the beams." in quoted
    assert "There was nothing to hide!”" in quoted
    # A quote that closes in its own paragraph leaves the next unquoted.
    assert not any(q.startswith("He was not") for q in quoted)


def test_a_quote_left_open_without_a_closing_mark_later_holds_no_paragraph_after_it() -> None:
    text = (
        "The clerk read the letter aloud: “The pier is closed until further notice.\n\n"
        "The mayor left the hall before the vote.\n\n"
        "“We will see,” the clerk said."
    )
    quoted = [text[a:b] for a, b in find_quotes(text)]
    assert not any(q.startswith("The mayor") for q in quoted)


def test_whom_a_persons_account_posts_for_is_whom_a_later_he_stands_for(nlp: Language) -> None:
    # The tagger called the second "Brook" a body; the article never gives his first name. What Brook's
    # account tweeted is his, and "according to the tweet, he" is Brook, not the councillor before.
    text = ("Mayor Brook defended the pier on Monday.\n\n"
            "Councillor Ian Hale warned that the pier would cost the harbour dearly.\n\n"
            "This was after Brook’s account tweeted on Saturday: “The pier will pay for itself.”\n\n"
            "Critics said that, according to the tweet, he had known the cost all along.")
    doc = nlp(text)
    brooks = [token.i for token in doc if token.text == "Brook"]
    ian = next(token.i for token in doc if token.text == "Ian")
    doc.ents = [Span(doc, brooks[0], brooks[0] + 1, label="PERSON"), Span(doc, ian, ian + 2, label="PERSON"),
                Span(doc, brooks[1], brooks[1] + 1, label="ORG")]
    names = NameIndex(doc, QuoteIndex(text, find_quotes(text)))
    assert names.nearest_before(text.index("he had known"), "he") == "Brook"


def test_the_president_is_not_whoever_held_the_office_then(nlp: Language) -> None:
    text = (
        "President Maria Lindqvist announced on Sunday that the old harbour would close.\n\n"
        "(In 2013, then-President Tom Becker closed it for a year without warning.)\n\n"
        "The president defended the decision on Monday, saying the pier was no longer safe."
    )
    assert by_content(extract(nlp, text), "no longer safe").speaker.name == "Maria Lindqvist"


def test_a_noun_cue_amid_a_clause_is_not_its_subjects(nlp: Language) -> None:
    text = (
        "The council fired harbour master Tom Becker in May, and Ana Ruiz stepped aside as ferry chief last "
        "fall amid questions about her travel expenses."
    )
    assert not [s for s in extract(nlp, text) if "travel expenses" in s.content.text and s.speaker.name]


def test_a_noun_cue_belongs_to_whom_it_comes_from(nlp: Language) -> None:
    """ "despite repeated warnings from his lawyer that ...": the lawyer warned (parse given by hand: the
    parser attaches the clause one way or another from one sentence to the next)."""
    words = ["The", "vote", "went", "ahead", "despite", "warnings", "from", "his", "lawyer", "that", "it", "was",
             "void", "."]
    heads = [1, 2, 2, 2, 2, 4, 5, 8, 6, 11, 11, 5, 11, 2]
    deps = ["det", "nsubj", "ROOT", "advmod", "prep", "pobj", "prep", "poss", "pobj", "mark", "nsubj", "acl",
            "acomp", "punct"]
    pos = ["DET", "NOUN", "VERB", "ADV", "ADP", "NOUN", "ADP", "PRON", "NOUN", "SCONJ", "PRON", "AUX", "ADJ",
           "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos)
    speaker = template_speaker(doc[5])
    assert speaker is not None and speaker.text == "lawyer"


def test_he_after_a_sentence_opened_by_an_untagged_surname_is_that_person(nlp: Language) -> None:
    # The tagger leaves "Price" and "Young" at the start of the fourth paragraph untagged; the quote after
    # it is theirs, not Ana Ruiz's, whose quote came before.
    for surname in ("Price", "Young"):
        text = (
            f"Mayor Tom {surname} announced a deal on Friday to reopen the harbour.\n\n"
            "Council leader Ana Ruiz spoke shortly after the announcement, praising the dock workers.\n\n"
            "“The answer was to keep the harbour apart from our quarrels over the bridge,” Ruiz said.\n\n"
            f"{surname} spent most of his speech on Friday rehashing his usual points about the old pier.\n\n"
            "“We really have no choice but to build a new pier or a steel jetty,” he said."
        )
        assert by_content(extract(nlp, text), "steel jetty").speaker.name == f"Tom {surname}", surname


def test_a_phrase_the_writer_quotes_after_a_quote_is_no_continuation(nlp: Language) -> None:
    text = (
        "He promised to make sure that dock workers would be paid for the weeks they have lost since the "
        "strike began “very quickly or as soon as possible.” To that end, the harbour office circulated a "
        "letter to the ferry companies on Friday afternoon instructing managers to prepare for an “orderly "
        "restart” and to put wages first."
    )
    found = extract(nlp, text)
    assert not [s for s in found if "harbour office circulated" in s.content.text]
    assert by_content(found, "dock workers would be paid").speaker.text == "He"


def test_a_name_after_its_office_and_a_place_is_the_speaker(nlp: Language) -> None:
    # The parser hangs "Tom diMarco" under "for the District of Columbia"; he is still the one who blasted.
    text = (
        "The arrest drew fire on Friday.\n\n"
        "But former U.S. attorney for the District of Columbia Tom diMarco blasted the raid as “outrageous.”\n\n"
        "“I am appalled that the bureau sent a team of agents to arrest a man who was willing to surrender,” "
        "diMarco, who has advised the mayor for years, told the Harbour Post."
    )
    found = extract(nlp, text)
    blasted = by_content(found, "the raid")
    assert blasted.speaker.name == "Tom diMarco"
    assert blasted.speaker.role == "former U.S. attorney for the District of Columbia"
    assert by_content(found, "I am appalled").speaker.name == "Tom diMarco"  # a surname in lower case first


def test_a_spokesman_for_an_office_holder_is_not_the_office_holder(nlp: Language) -> None:
    text = (
        "In nearby Marlow, a jury began hearing evidence. A spokesman for Marlow County Prosecutor Tom Becker "
        "said there was no timeline for the inquiry."
    )
    st = by_content(extract(nlp, text), "no timeline")
    assert st.speaker.name != "Tom Becker"


def test_a_possessor_owns_the_noun_cue_not_the_clause_subject(nlp: Language) -> None:
    """ "Despite Mr. Becker's promises that the town will pay, Ms. Ruiz vowed ...": Becker promised. The parse
    is given by hand as the tagger left it in a newspaper's sentence of this shape: "promises" tagged a verb,
    the object of "Despite", so the rules climbed from it to the clause subject."""
    words = ["Despite", "Mr.", "Becker", "’s", "promises", "that", "the", "town", "will", "pay", ",", "Ms.",
             "Ruiz", "vowed", "that", "it", "would", "never", "happen", "."]
    heads = [13, 2, 4, 2, 0, 9, 7, 9, 9, 4, 13, 12, 13, 13, 18, 18, 18, 18, 13, 13]
    deps = ["prep", "compound", "poss", "case", "pobj", "mark", "det", "nsubj", "aux", "acl", "punct", "compound",
            "nsubj", "ROOT", "mark", "nsubj", "aux", "neg", "ccomp", "punct"]
    pos = ["SCONJ", "PROPN", "PROPN", "PART", "VERB", "SCONJ", "DET", "NOUN", "AUX", "VERB", "PUNCT", "PROPN",
           "PROPN", "VERB", "SCONJ", "PRON", "AUX", "ADV", "VERB", "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos)
    subject = find_subject(doc[4])
    assert subject is not None and subject.text == "Becker"
    assert find_subject(doc[13]).text == "Ruiz"  # the clause's own verb keeps its subject


def test_a_contrasting_clause_after_a_quoted_comma_is_not_what_was_said(nlp: Language) -> None:
    text = (
        "Ana Ruiz said councillors “may need to rethink their open meetings,” while also suggesting stricter "
        "rules at public hearings."
    )
    st = by_cue(extract(nlp, text), "said")
    assert st.content.text == "councillors “may need to rethink their open meetings,”"


def test_an_office_someone_runs_for_is_not_their_role(nlp: Language) -> None:
    """ "his opponent for president, Ana Ruiz": the parser of a newspaper sentence of this shape hung the name
    on "president" (given here by hand); she is not "the president" the article later quotes."""
    words = ["his", "opponent", "for", "president", ",", "Ana", "Ruiz", ",", "lost", "."]
    heads = [1, 8, 1, 2, 3, 6, 3, 8, 8, 8]
    deps = ["poss", "nsubj", "prep", "pobj", "punct", "compound", "appos", "punct", "ROOT", "punct"]
    pos = ["PRON", "NOUN", "ADP", "NOUN", "PUNCT", "PROPN", "PROPN", "PUNCT", "VERB", "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos, person=(5, 7))
    assert "president" not in role_nouns(doc.ents[0])
    # A role held, though its noun is the object of a preposition: "a statement from his attorney, Ward Pike".
    words = ["a", "statement", "from", "his", "attorney", ",", "Ward", "Pike", "."]
    heads = [1, 1, 1, 4, 2, 4, 7, 4, 1]
    deps = ["det", "ROOT", "prep", "poss", "pobj", "punct", "compound", "appos", "punct"]
    pos = ["DET", "NOUN", "ADP", "PRON", "NOUN", "PUNCT", "PROPN", "PROPN", "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos, person=(6, 8))
    assert "attorney" in role_nouns(doc.ents[0])


def test_a_name_the_tagger_cut_short_is_whole(nlp: Language) -> None:
    """ "Attorney General Sally Yates said": the tagger of a newspaper's sentence took "Sally" alone for the
    person (given here by hand); the name runs on to the phrase's head."""
    words = ["Attorney", "General", "Sally", "Yates", "said", "it", "was", "late", "."]
    heads = [1, 3, 3, 4, 4, 6, 4, 6, 4]
    deps = ["compound", "compound", "compound", "nsubj", "ROOT", "nsubj", "ccomp", "acomp", "punct"]
    pos = ["PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PRON", "AUX", "ADJ", "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos, person=(2, 3))
    speaker = describe(doc[3], NameIndex(doc))
    assert speaker.name == "Sally Yates" and speaker.role == "Attorney General"


def test_a_surname_the_tagger_reads_as_a_verb_is_still_the_person(nlp: Language) -> None:
    """ "Trump over the weekend denied ...": the tagger of a newspaper's sentence read the surname as the verb
    "trump (over)" (given here by hand, with another surname)."""
    words = ["Tom", "Becker", "spoke", ".", "Becker", "over", "the", "weekend", "denied", "it", "."]
    heads = [1, 2, 2, 2, 8, 4, 7, 4, 8, 8, 8]
    deps = ["compound", "nsubj", "ROOT", "punct", "nsubj", "prt", "det", "npadvmod", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "VERB", "ADP", "DET", "NOUN", "VERB", "PRON", "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos, person=(0, 2))
    assert describe(doc[4], NameIndex(doc)).name == "Tom Becker"


def test_a_first_name_before_and_and_a_full_name_shares_its_surname(nlp: Language) -> None:
    text = (
        "Maria and Tom Lindqvist earned roughly $2 million from the ferry line over eight years, according to "
        "accounts released on Friday.\n\n"
        "The former harbour chief released the accounts on her campaign website.\n\n"
        "\"We owe it all to the people of this town,\" Lindqvist said in a statement."
    )
    assert by_content(extract(nlp, text), "owe it all").speaker.name == "Maria Lindqvist"


# Who speaks, as the article means them: (the text, words of the content, the speaker's name). Each case
# is one way the name came out wrong before; every one fails on the code before its fix.
_SPEAKERS_MEANT = [
    pytest.param(
        # The writer says "Mr. Halvorsen" throughout and names only his wife in full, late in the story:
        # "the president" is Halvorsen, never Karen Halvorsen.
        "President Halvorsen urged farmers on Saturday to turn out for the vote.\n\n"
        "Mr. Halvorsen spoke for twenty minutes at the county fair.\n\n"
        "The president told the crowd he would consider a low turnout a personal failure.\n\n"
        "The campaign plans to send Mr. Halvorsen and his wife, Karen Halvorsen, to three more towns.",
        "personal failure", "Halvorsen", id="a wife named in full late is not the president",
    ),
    pytest.param(
        # "Dairy Farmers Rip Petra Lindgren As A 'Disgrace'": the headline's verb is not part of her name.
        "Dairy Farmers Rip Petra Lindgren As A 'Disgrace'\n\n"
        "Martin Delgado, the regional water commissioner, defended the plan on Tuesday. Petra Lindgren, "
        "who chairs the farmers' union, did not.\n\n"
        "\"Nobody will lose a single acre,\" Lindgren said.",
        "single acre", "Petra Lindgren", id="a title-case headline's verb is no first name",
    ),
    pytest.param(
        # "Derelict Halvorsen And Brandt;": the adjective is no first name, though only the surname is left.
        "Derelict Halvorsen And Brandt;\nThe governor will go on offense against the floods.\n\n"
        "Last weekend the river rose again. Halvorsen told reporters that the state had done all it could.",
        "done all it could", "Halvorsen", id="a headline's adjective before a surname is no first name",
    ),
    pytest.param(
        # A question in someone's message, then "He offered no proof": the writer's remark about the one
        # who asked, not the reply of a man named paragraphs before.
        "Senator Brian Holloway spoke about the harbour budget on Thursday morning.\n\n"
        + "The council approved the harbour budget after a long debate about dredging, ferry fares and the "
        "cost of repairing the old breakwater. " * 4 + "\n\n"
        "Governor Tom Reyes is doubling down on his attacks on the senator.\n\n"
        "In one message, Reyes said: “Did the senator help his brother win the dredging contract?”\n\n"
        "He offered no proof that Holloway had a role in the contract.",
        "no proof", "Tom Reyes", id="a question in a posted message is put to no one named pages before",
    ),
    pytest.param(
        "The mayor sent tweets shaming former Miss Universe Alicia Marquez. "
        "\"I will not answer insults with insults,\" Marquez said.",
        "insults with insults", "Alicia Marquez", id="a pageant title is not part of the winner's name",
    ),
    pytest.param(
        # The subject of the sentence before a long quotation is its speaker, not the man he accused.
        "The plan drew a mixed response from lawmakers.\n\n"
        "Sen. Tom Quill accused Governor Dale Pruitt of trying to close rural clinics without doing enough "
        "to keep nurses in the county.\n\n"
        "\"Nothing the governor is proposing would have kept a single clinic open last winter. The plan moves "
        "money from the valley towns to the capital and calls it savings, while families drive two hours to "
        "see a doctor and the waiting lists grow longer every month. Nobody in this building has asked the "
        "nurses what they need, and nobody has asked the families who lost their clinic last year either,\" "
        "he said.",
        "kept a single clinic", "Tom Quill", id="a long quotation does not push its speaker out of reach",
    ),
    pytest.param(
        "Representative K. Walter Brandtmeyer of Ohio, the ranking member, refused to comment. "
        "“It is too early,” Mr. Brandtmeyer said.",
        "too early", "K. Walter Brandtmeyer", id="a title before a name is not part of it",
    ),
    pytest.param(
        # "Top Clinton adviser ...", "Beneath Clinton's wins": the adjective or preposition the tagger took
        # into the person is no first name, so the later bare surname is the person named in full.
        "Top Lindgren adviser sent secret messages to her private account.\n\n"
        "Petra Lindgren, the regional water commissioner, defended the plan on Tuesday.\n\n"
        "\"Nobody will lose a single acre,\" Lindgren said.",
        "single acre", "Petra Lindgren", id="a word the tagger ran into a name is not its first name",
    ),
    pytest.param(
        # "Aides said ...": the tagger may call the plural a person; it names no one.
        "The harbour plan was announced on Tuesday.\n\nAides said the mayor's role would be narrowly defined.",
        "narrowly defined", None, id="a plural noun opening a sentence is no person",
    ),
    pytest.param(
        # "Sanders said ..." after "Nora Sanders" is her, though the tagger reads the plural of "sander".
        "Nora Sanders, the harbour master, met the board on Tuesday.\n\n"
        "Sanders said the mayor's role would be narrowly defined.",
        "narrowly defined", "Nora Sanders", id="a surname read as a plural noun is still the person",
    ),
    pytest.param(
        # The man a poll mentions three paragraphs up was not asked: "He jokes" after the governor's
        # question to the crowd is the governor's.
        "Voters who want the next mayor to keep the ferry fares low favour Mayor Paul Ruiz, the poll found.\n\n"
        "___.\n\n"
        "Governor Tom Reyes is making a stop at a harbour school, walking past a long line of voters.\n\n"
        "Reyes asks at the school, “Any questions I can answer?”\n\n"
        "He jokes, “It is a never ending line!”",
        "never ending line", "Tom Reyes", id="a question to a crowd is put to no one paragraphs up",
    ),
    pytest.param(
        "Governor Tom Reyes spoke at the county fair on Sunday.\n\n"
        "Melanie watched him on television at home. “I would vote for him twice,” Melanie said.\n\n"
        "“I love this county,” he said.",
        "love this county", "Tom Reyes", id="a woman named by her first name alone is not he",
    ),
    pytest.param(
        # "He said *Pruitt* made a reasonable offer. “...,” he said": the nearest name is what Quill spoke of.
        "Sen. Tom Quill took a positive view of the harbour plan, like his fellow Republicans. He said "
        "Governor Dale Pruitt made “a very reasonable offer” and urged the council to work with him.\n\n"
        "“The way to end this dispute is for both sides to give a little in order to reach an agreement. The "
        "governor has made a fair offer to keep the ferry running in exchange for the new berths he wants. I "
        "hope that instead of choosing the road of endless delay the council will take it and end the "
        "closure,” he said.",
        "end this dispute", "Tom Quill", id="a name inside what he said is not who speaks after his quotation",
    ),
    pytest.param(
        # "Secretary of State Karen Whitfield": the parser hangs "Secretary" on the name with its "of";
        # "the secretary" later is her.
        "Secretary of State Karen Whitfield testified before the committee on Wednesday.\n\n"
        "The secretary tried to explain that thousands of cables come through the department every year.",
        "thousands of cables", "Karen Whitfield", id="an office of something before a name is her role",
    ),
    pytest.param(
        # "the RNC Communications Director has said": an office the article fills with no one.
        "The mayor defended the ferry plan on Monday. Indeed, as the RNC Communications Director has said, "
        "the plan “puts the mayor at odds with the whole party.”",
        "at odds", None, id="a capitalised office is no name",
    ),
    pytest.param(
        "The Harbour Valley Union Leader said the mayor had been rocked by the vote.",
        "rocked", "Harbour Valley Union Leader", id="a paper named Leader keeps its name",
    ),
    pytest.param(
        # The name in apposition to a description in apposition to the subject is the subject: "he" is
        # the cousin who spoke, not the governor named in his sentence.
        "The other man, his cousin Ola Dahl, 40, cited the mayor's apparent fondness for Governor Lars Holm of "
        "Nordland as a potential danger. \u201cHe's talking too much,\u201d he said.",
        "talking too much", "Ola Dahl", id="a name apposed to a description of the subject is the subject",
    ),
    pytest.param(
        "The other man, his cousin Ola Dahl, 40, said the pier would close.",
        "pier would close", "Ola Dahl", id="a speaker named in a description apposed to it is that person",
    ),
]


@pytest.mark.parametrize(("text", "content", "name"), _SPEAKERS_MEANT)
def test_the_speaker_is_the_person_the_article_means(nlp: Language, text: str, content: str, name: str | None) -> None:
    speaker = by_content(extract(nlp, text), content).speaker
    assert speaker.name == name, speaker


def test_a_role_with_a_party_is_never_someone_of_the_other_party(nlp: Language) -> None:
    text = (
        "Republican presidential nominee Walter Brandt toured a steel mill in Ohio on Monday.\n\n"
        "Later in the day, Nora Ellison spoke at a school in Toledo. The Democratic presidential nominee "
        "says every child should have the chance to finish college without debt."
    )
    speaker = by_content(extract(nlp, text), "without debt").speaker
    assert speaker.name != "Walter Brandt", speaker


def test_a_sentence_opening_word_is_not_a_first_name(nlp: Language) -> None:
    """"Plus Obama is nominating ...": the tagger may run the opener into the name; it is no first name."""
    from storydiff.nlp.statements.names import name_words

    assert name_words("Plus Obama") == ["Obama"]
    assert name_words("Harbour Weekly\u2019s Noah Ruiz") == ["Noah", "Ruiz"]  # the magazine owns him
    assert name_words("But Pelosi\u2019s") == ["Pelosi"]
    assert name_words("Stillman") == ["Stillman"] and name_words("Andrea Ruiz") == ["Andrea", "Ruiz"]


def test_an_office_the_parser_made_the_head_speaks_through_the_untagged_name_beside_it(nlp: Language) -> None:
    """"said House Minority Whip Oskar Dunleavy": the tagger found no person, and the office words were the
    head, with the untagged name in apposition."""
    words = ["said", "House", "Minority", "Whip", "Oskar", "Dunleavy", "."]
    heads = [0, 3, 3, 0, 5, 3, 0]
    deps = ["ROOT", "compound", "compound", "nsubj", "compound", "appos", "punct"]
    pos = ["VERB", "PROPN", "PROPN", "PROPN", "PROPN", "PROPN", "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos)
    assert describe(doc[3], NameIndex(doc)).name == "Oskar Dunleavy"


def test_a_first_name_that_begins_like_a_cue_word_stays_in_the_name(nlp: Language) -> None:
    """Only a whole cue word fronted before a name ("Added Gibbs") is cut from it; "Denise", "Addison" or
    "Callum", which merely begin like "deny", "add" or "call", are first names (the tagger found no person)."""
    for first in ("Denise", "Addison", "Callum"):
        words = [first, "Brown", "said", "it", "was", "late", "."]
        heads = [1, 2, 2, 4, 2, 4, 2]
        deps = ["compound", "nsubj", "ROOT", "nsubj", "ccomp", "acomp", "punct"]
        pos = ["PROPN", "PROPN", "VERB", "PRON", "AUX", "ADJ", "PUNCT"]
        doc = _hand_parse(nlp, words, heads, deps, pos)
        assert describe(doc[1], NameIndex(doc)).name == f"{first} Brown", first
    words = ["Added", "Gibbs", "said", "it", "was", "late", "."]
    doc = _hand_parse(nlp, words, heads, deps, pos)
    assert describe(doc[1], NameIndex(doc)).name == "Gibbs"


def test_a_state_after_the_name_ties_the_person_to_it(nlp: Language) -> None:
    # "Democrat of Massachusetts" after the name, with a title before it that names no state.
    text = (
        "Senator Ada Brennan, Democrat of Massachusetts, led the inquiry.\n\n"
        "Senator Hugo Lind, Democrat of Ohio, asked the first questions.\n\n"
        "The Massachusetts Democrat said the harbour contracts would be reopened."
    )
    st = by_content(extract(nlp, text), "contracts would be reopened")
    assert st.speaker.name == "Ada Brennan"


def test_the_addressee_of_a_letter_is_not_the_one_warning(nlp: Language) -> None:
    """ "Councillors are sending the letter to Mayor Ada Brook warning her that ...": the councillors warn.
    The parse is given by hand as the tagger left a newspaper's sentence of this shape: the addressee
    made the subject of "warning"."""
    words = ["Councillors", "are", "sending", "the", "letter", "to", "Mayor", "Ada", "Brook", "warning", "her",
             "that", "they", "will", "stop", "the", "levy", "."]
    heads = [2, 2, 2, 4, 2, 2, 8, 8, 9, 2, 9, 14, 14, 14, 9, 16, 14, 2]
    deps = ["nsubj", "aux", "ROOT", "det", "dobj", "dative", "compound", "compound", "nsubj", "conj", "dobj",
            "mark", "nsubj", "aux", "ccomp", "det", "dobj", "punct"]
    pos = ["NOUN", "AUX", "VERB", "DET", "NOUN", "ADP", "PROPN", "PROPN", "PROPN", "VERB", "PRON", "SCONJ",
           "PRON", "AUX", "VERB", "DET", "NOUN", "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos, person=(7, 9))
    doc[9].tag_, doc[2].lemma_ = "VBG", "send"
    subject = find_subject(doc[9])
    assert subject is not None and subject.text == "Councillors"
    doc[2].lemma_ = "refer"  # after any verb but one of sending ("referring to X telling ..."), X tells
    assert find_subject(doc[9]).text == "Brook"


def test_a_name_before_the_role_is_not_the_speaker(nlp: Language) -> None:
    # "Obama campaign aide Tom Becker": the tagger finds two people in the phrase; the speaker is the
    # one its head names, not the famous name that qualifies his role.
    st = by_content(extract(nlp, "Obama campaign aide Tom Becker called the harbour plan a mistake."), "mistake")
    assert st.speaker.name == "Tom Becker"


def test_a_vice_president_is_not_the_president(nlp: Language) -> None:
    text = (
        "President Tom Hale arrived late to the ceremony.\n\n"
        "Vice President Ada Brook opened the new harbour on Monday.\n\n"
        "The president said the harbour would bring four hundred jobs."
    )
    st = by_content(extract(nlp, text), "four hundred jobs")
    assert st.speaker.name == "Tom Hale"


def test_a_role_named_in_apposition_is_that_person(nlp: Language) -> None:
    # Ada Brook was the last person called a leader, but the speaker's phrase names its own.
    text = (
        "Ada Brook, the Labour leader in the Senate, spoke first.\n\n"
        "The House Labour leader, Representative Tom Hale of Bergen, also criticized the ferry plan."
    )
    st = by_content(extract(nlp, text), "the ferry plan")
    assert st.speaker.name == "Tom Hale"


def test_a_letter_set_beside_a_name_is_not_that_persons_role(nlp: Language) -> None:
    # The parser sets "a letter" in apposition to the mayor; "the letter states" is the letter's.
    text = (
        "A group of fishermen has sent Mayor Ada Brook, D-Bergen, a letter saying the pier is unsafe.\n\n"
        "“We ask you to close the north pier,” the letter states."
    )
    st = by_content(extract(nlp, text), "close the north pier")
    assert st.speaker.text == "the letter" and st.speaker.name is None


def test_a_party_label_with_an_office_after_it_is_not_any_member_of_the_party(nlp: Language) -> None:
    text = (
        "Republican Senator Tom Hale opened the harbour debate on Monday.\n\n"
        "The top Republican on the harbour committee said the levy should be dropped."
    )
    st = by_content(extract(nlp, text), "levy should be dropped")
    assert st.speaker.name is None


def test_a_role_is_not_someone_first_given_it_many_paragraphs_later(nlp: Language) -> None:
    filler = " ".join(["The ferry ran late again on Tuesday, and the queue of cars reached the church."] * 9)
    text = (
        "The harbour chief said the pier would stay shut until spring.\n\n" + filler + "\n\n"
        "Fishing chief Ines Varga, who joined in May, declined to comment."
    )
    st = by_content(extract(nlp, text), "stay shut until spring")
    assert st.speaker.name is None


def test_whoever_was_asked_is_not_the_one_asking(nlp: Language) -> None:
    # "Brook was asked about the levy": she is asked, so her next words are hers, not a reply to her
    # given to the other woman named before.
    text = (
        "Councillor Ines Varga said the harbour levy was unfair to fishermen.\n\n"
        "Mayor Ada Brook was asked about the levy at a meeting in Bergen on Monday, where she is campaigning. "
        "She told voters she had not read the report."
    )
    found = extract(nlp, text)
    assert by_content(found, "had not read the report").speaker.name == "Ada Brook"
    asked = [s for s in found if s.cue.text == "asked"]
    assert all(s.speaker.name != "Ada Brook" for s in asked)


def test_which_never_stands_for_the_person_the_parser_hung_it_on(nlp: Language) -> None:
    # As the parser left a newspaper's sentence: "which opposes" hung on the founder's name, so the
    # body's stance ("opposes the plan") had been filed as her words.
    words = ["“", "It", "is", "a", "betrayal", ",", "”", "said", "Helen", "Marsh", ",", "a", "founder", "of",
             "the", "National", "Alliance", "for", "Rail", ",", "which", "opposes", "the", "plan", "."]
    heads = [7, 2, 7, 4, 2, 7, 7, 7, 9, 7, 9, 12, 9, 12, 16, 16, 13, 16, 17, 9, 21, 9, 23, 21, 7]
    deps = ["punct", "nsubj", "ccomp", "det", "attr", "punct", "punct", "ROOT", "compound", "nsubj", "punct",
            "det", "appos", "prep", "det", "compound", "pobj", "prep", "pobj", "punct", "nsubj", "relcl", "det",
            "dobj", "punct"]
    pos = ["PUNCT", "PRON", "AUX", "DET", "NOUN", "PUNCT", "PUNCT", "VERB", "PROPN", "PROPN", "PUNCT", "DET",
           "NOUN", "ADP", "DET", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT", "PRON", "VERB", "DET", "NOUN", "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos)
    doc.ents = [Span(doc, 8, 10, label="PERSON"), Span(doc, 14, 19, label="ORG")]
    assert antecedent(doc[20]).text == "Alliance"



def test_what_happened_before_she_spoke_is_not_what_she_spoke(nlp: Language) -> None:
    # The parser hangs the clause between the dashes on "spoke"; no one speaks a clause.
    text = (
        "Invoking duty as well as local pride – Mayor Brook stood in front of a huge harbour banner – she "
        "spoke before a crowd that included laid-off dock workers."
    )
    assert [s for s in extract(nlp, text) if s.cue.text == "spoke"] == []



def test_a_quote_about_the_last_speaker_is_not_his_own(nlp: Language) -> None:
    # The paper dropped whose words the last paragraph is; it speaks of Hale, so it is not Hale's.
    text = (
        "Mayor Tom Hale said he was sorry for shoving the cameraman on the quay.\n\n"
        "“I had a long day, but that is no excuse,” he said.\n\n"
        "“His temper is a disgrace to the harbour. He should resign before the vote.”"
    )
    found = extract(nlp, text)
    assert by_content(found, "long day").speaker.name == "Tom Hale"
    assert all("disgrace" not in s.content.text for s in found)



def test_who_asked_is_the_subject_of_the_verb_right_before_the_and(nlp: Language) -> None:
    # The parser joins "asked" to "is seen", the mayor's verb; the woman approached him and asked.
    text = (
        "Hale, a Democrat, is seen in a shaky video grabbing the arm of a young woman after the woman "
        "approached the mayor and asked if he backed the harbour levy."
    )
    st = by_content(extract(nlp, text), "backed the harbour levy")
    assert st.speaker.text == "the woman" and st.speaker.name is None


def test_a_show_named_after_the_cue_is_not_what_was_said(nlp: Language) -> None:
    # The apostrophe of "Harbour News'" closes no quotation: the show's name is inside his sentence.
    text = "\"We will find out why,\" he said on Harbour News' \"Evening at the Quay with Ada Brook.\""
    found = extract(nlp, text)
    assert [s.content.text for s in found if s.cue.text == "said"] == ['"We will find out why,"']




def test_whoever_was_called_to_act_did_not_call(nlp: Language) -> None:
    text = "At one point there was shouting on the quay, and the harbour constable was called to remove a protester."
    found = extract(nlp, text)
    assert all(s.speaker.text != "the harbour constable" for s in found)


def test_a_quote_the_aides_report_someone_told_is_that_persons(nlp: Language) -> None:
    text = "“The levy will sink the fleet,” aides said Mayor Tom Hale told his councillors behind closed doors."
    found = extract(nlp, text)
    st = by_content(found, "sink the fleet")
    assert st.speaker.name == "Tom Hale" and st.cue.text == "told"


def test_a_dateline_the_parser_made_a_subject_never_speaks(nlp: Language) -> None:
    # The parser makes "HARBOURTON" the subject of the dash and hangs the sentence on it.
    text = (
        "HARBOURTON ― Mayor Ada Brook on Tuesday renewed her attack on the “greedy” ferry company, and said a "
        "top manager of the firm should be fired."
    )
    found = extract(nlp, text)
    assert by_content(found, "should be fired").speaker.name == "Ada Brook"
    assert all(s.speaker.text != "HARBOURTON" for s in found)


def test_a_dateline_beside_the_subject_never_owns_a_noun_cue(nlp: Language) -> None:
    # The parser gives "appeared" two subjects, the dateline and the court; the learned noun cue
    # "arguments" had taken the first.
    text = (
        "Judges Take Up Crucial Issue in Port Suit\n\n"
        "SELBY — The Appeals Court appeared sharply divided on Tuesday during arguments over the theory put forth "
        "by the fishermen in an enormous class-action case against Selby Port."
    )
    found = extract(nlp, text)
    assert found and all(s.speaker.text != "SELBY" for s in found)


def test_a_dateline_the_parser_made_a_second_subject_leaves_the_noun_the_speaker(nlp: Language) -> None:
    # "SELBY -- The region's leading advocate for retired fishermen says that ...": the parse gives "says"
    # the dateline and the advocate as subjects; the advocate still speaks, and is no noun cue of its own.
    words = ["SELBY", "--", "The", "region", "'s", "leading", "advocate", "for", "retired", "fishermen", "says",
             "that", "it", "held", "."]
    heads = [10, 0, 3, 6, 3, 6, 10, 6, 9, 7, 10, 13, 13, 10, 10]
    deps = ["nsubj", "punct", "det", "poss", "case", "amod", "nsubj", "prep", "amod", "pobj", "ROOT", "mark",
            "nsubj", "ccomp", "punct"]
    pos = ["PROPN", "PUNCT", "DET", "NOUN", "PART", "VERB", "NOUN", "ADP", "ADJ", "NOUN", "VERB", "SCONJ", "PRON",
           "VERB", "PUNCT"]
    lemmas = [w.lower() for w in words]
    lemmas[10] = "say"
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    assert speaking_noun(doc[6])


def test_his_in_his_own_comments_is_the_man_named_before(nlp: Language) -> None:
    text = (
        "Mayor Tom Hale opened the new pier on Monday.\n\n"
        "For months, Hale has stood by his comments about building a second pier and getting the county to pay "
        "for it."
    )
    st = by_content(extract(nlp, text), "building a second pier")
    assert st.speaker.text == "his" and st.speaker.name == "Tom Hale"


@pytest.mark.parametrize(("text", "content", "name"), [
    (  # a body's own title, then the name: the person speaks, not "The Coalition"
        "The Coalition for Clean Harbours President Helen Marsh said that the fare rise was unfair.",
        "fare rise was unfair", "Helen Marsh",
    ),
    (  # the parser sets Tom Hale in apposition to Mrs. Brook; two names are two people, and Hale is the lawyer
        "The lawyer for Mrs. Brook, Tom Hale, said that the harbour accounts had been handed over in March.",
        "harbour accounts", "Tom Hale",
    ),
    (  # ... also with his firm after his name
        "A lawyer for Mr. Brook, Paul Lind of Hale Lind, confirmed in a statement that the council intended "
        "to sue his client.",
        "intended to sue", "Paul Lind",
    ),
    (  # the subject is "the harbour master"; her name stands beside it, and "she" is her, not Ada Brook
        "Mayor Ada Brook defended the new ferry fares on Monday.\n\n"
        "In a statement later in the day, the harbour master, Helen Marsh, questioned Ms. Brook’s figures. "
        "“As a mother and a fisherman's wife, I find those fares very hard to accept,” she said.",
        "very hard to accept", "Helen Marsh",
    ),
    (  # "One of ..." is a role too: the name beside it speaks
        "The pilots met on Monday. One of the harbour's pilots, Tom Hale, said the channel was too shallow for "
        "the new ferry.",
        "too shallow", "Tom Hale",
    ),
])
def test_the_name_beside_a_role_or_a_body_is_the_speaker(nlp: Language, text: str, content: str, name: str) -> None:
    assert by_content(extract(nlp, text), content).speaker.name == name



def test_a_quotation_opened_in_a_content_is_kept_whole(nlp: Language) -> None:
    text = (
        "In his interview with the Courier, Hale also hammered Brook for what he called her “utter failure when "
        "it comes to fixing the pier.” He said the tolls were too high."
    )
    found = extract(nlp, text)
    contents = [s.content.text for s in found if "utter failure" in s.content.text]
    assert contents and all(c.endswith("fixing the pier.”") for c in contents)
    deemed = extract(nlp, "Hale deemed the plan “a disaster in the making.”")
    assert [s.content.text for s in deemed] == ["the plan “a disaster in the making.”"]


_FILLER = " ".join(["The ferry ran late again on Tuesday, and the queue of cars reached the church."] * 20)


@pytest.mark.parametrize(("text", "content", "name"), [
    (  # the union's director was given the role long before; the harbour director is named right after
        "Union policy director Ines Varga told the Courier that the ferry fares must rise.\n\n" + _FILLER + "\n\n"
        "But the mayor's harbour director told the Courier that the fares would stay as they are.\n\n"
        "“We can hold them for a year,” said Tom Hale, director of the Harbour Office.",
        "fares would stay", "Tom Hale",
    ),
    (  # Brook is named throughout; Hale once, in passing, as the last "host" before the phrase
        "Talk show host Ada Brook closed the harbour conference on Saturday.\n\n"
        "Brook spoke for an hour. Brook was cheered by the fishermen, and Brook thanked them twice.\n\n"
        "Last year's closing speech, by radio host Tom Hale, had been shorter.\n\n"
        "Pointing to her own years at sea, the television host urged the council to keep the old pier.",
        "keep the old pier", "Ada Brook",
    ),
    (  # "Brook" is the subject of "came", inside the sentence whose own subject is Tom Hale
        "Tom Hale offered new insight on how Paul Brook and Hale came to work together before he was elected.\n\n"
        "He recalled when he was campaigning with Brook last spring ahead of the harbour vote.",
        "campaigning with Brook", "Tom Hale",
    ),
    (  # the parser ran the judge's name into the objects of "demand"; "said" is hers, not the fees'
        "Yet both fees demand different tests for ferry certification and Justice Maria Lopez said it was "
        "\"a real problem\" for the court.",
        "a real problem", "Maria Lopez",
    ),
    (  # the tagger calls the later "Brook" an organisation; the main clause's subject is still Fox
        "Former mayor Tom Fox told the Courier that he would not pay for the pier that Paul Brook wants.\n\n"
        "Fox, however, isn't worried that Brook will actually win the election.\n\n"
        "“The voters of Selby are not fools,” he said.",
        "not fools", "Tom Fox",
    ),
    (  # "Dr." makes her the doctor
        "The mayor released a letter on Friday from Dr. Maria Lopez, an internist in Selby, on her health.\n\n"
        "The mayor does not smoke. She also swims every morning, her doctor said.",
        "swims every morning", "Maria Lopez",
    ),
    (  # a quotation about someone else still continues its speaker
        "Mayor Tom Hale said the new harbour master, Ines Varga, had started well.\n\n"
        "“I trust her,” he said.\n\n"
        "“She has cleared the north pier in a week.”",
        "cleared the north pier", "Tom Hale",
    ),
    (  # "questioned the levy" disputes it; the next "he said" is Hale's own, not a reply from Varga
        "“I would like to know who decided this,” Councillor Paul Lind said to Mayor Ines Varga, who chaired "
        "the meeting.\n\n"
        "Councillor Tom Hale questioned the new harbour levy.\n\n"
        "“To charge the fishermen twice is to drive them out of the harbour,” he said in a statement.",
        "charge the fishermen twice", "Tom Hale",
    ),
    (  # the untagged surname opening the sentence is its subject, though the parser hung it on the dash
        "Mayor Tom Stone lost the harbour vote in May.\n\n" + _FILLER + "\n\n"
        "Ines Varga, his lawyer, said the police also searched the flat she shared with Stone.\n\n"
        "Stone ― who ran the harbour board for Mayor Paul Brook and others ― took credit for the plan and served "
        "as its chairman after he left Brook’s council in 2015.\n\n"
        "He has said many times that the pier would pay for itself within a decade.",
        "pier would pay", "Tom Stone",
    ),
    (  # the one person a paragraph names before "he said", not the subject of the paragraph before it
        "Councillor Tom Hale defended the harbour levy at length. “The fishermen will pay less,” he said.\n\n"
        "That did not satisfy Mayor Paul Brook. “If the levy rises every year,” he said, “they will not pay less.”",
        "will not pay less", "Paul Brook",
    ),
    (  # ... but a "he" between carries the earlier subject on
        "Councillor Tom Hale defended the harbour levy at length. “The fishermen will pay less,” he said.\n\n"
        "He pointed to the record of Mayor Paul Brook. “It is a record of delay,” he said.",
        "record of delay", "Tom Hale",
    ),
    (  # ... and a name asked about is no speaker
        "Asked about each of his rivals, Councillor Tom Hale played along.\n\n"
        "Mayor Paul Brook? “Tired,” he said.",
        "Tired", "Tom Hale",
    ),
])
def test_a_role_or_a_pronoun_goes_to_the_person_the_article_means(
    nlp: Language, text: str, content: str, name: str
) -> None:
    assert by_content(extract(nlp, text), content).speaker.name == name


@pytest.mark.parametrize(("text", "content", "name"), [
    (  # a hyphenated company is one word: not "Mart"
        "The judges heard the case on Tuesday. Harbor-Mart calls that evidence thin and unreliable.",
        "evidence thin", "Harbor-Mart",
    ),
    (  # a body's whole name, not its head word "Office"
        "The strike ended. The Office of Harbour Management circulated a letter on Friday telling the crews "
        "to prepare for an orderly reopening.",
        "orderly reopening", "Office of Harbour Management",
    ),
    (  # what a person's account posts is that person's
        "The mayor was silent on Monday. On Sunday, Tom Hale’s account tweeted “The pier is safe.”",
        "pier is safe", "Tom Hale",
    ),
    (  # a statement from a named person is that person's
        "The council voted on Monday. “We are disappointed by the council's decision, but hardly surprised,” said "
        "the statement from Mr. Hale's lawyer, Maria Lopez.",
        "hardly surprised", "Maria Lopez",
    ),
    (  # an epithet inside a quotation is no part of the name the writer gives him
        "“Lyin’ Tom Hale has no plan for the pier,” Brook wrote on Twitter.\n\n"
        "Mayor Tom Hale answered that the plan was ready.\n\n“It is nonsense,” Hale said.",
        "nonsense", "Tom Hale",
    ),
])
def test_a_speaker_is_named_whole_and_as_the_writer_names_him(
    nlp: Language, text: str, content: str, name: str
) -> None:
    assert by_content(extract(nlp, text), content).speaker.name == name


def test_a_word_of_a_name_is_no_cue(nlp: Language) -> None:
    # The parser reads "Hopping" as a verb; "Our Lady of the Harbour" was filed as what Paul was hopping.
    text = "“We did not know it was the mayor,” Rev. John Paul Hopping of Our Lady of the Harbour told the Courier."
    found = extract(nlp, text)
    assert [s.cue.text for s in found] == ["told"]
    assert found[0].speaker.name == "John Paul Hopping"


def test_a_party_label_the_tagger_called_a_person_names_the_person_beside_it(nlp: Language) -> None:
    # "Another leading Dem, Councillor Ines Varga, said ...": the tagger made "Dem" a person of its own
    words = ["Another", "leading", "Dem", ",", "Councillor", "Ines", "Varga", ",", "said", "it", "was", "bad", "."]
    heads = [2, 2, 8, 2, 6, 6, 2, 2, 8, 10, 8, 10, 8]
    deps = ["det", "amod", "nsubj", "punct", "compound", "compound", "appos", "punct", "ROOT", "nsubj", "ccomp",
            "acomp", "punct"]
    pos = ["DET", "VERB", "PROPN", "PUNCT", "PROPN", "PROPN", "PROPN", "PUNCT", "VERB", "PRON", "AUX", "ADJ",
           "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos, (5, 7))
    doc.ents = [Span(doc, 2, 3, label="PERSON"), Span(doc, 5, 7, label="PERSON")]
    assert describe(doc[2], NameIndex(doc)).name == "Ines Varga"


def test_the_name_after_a_dateline_the_parser_made_the_subject_is_the_subject(nlp: Language) -> None:
    # "SELBY -- Rep. Tom Hale pleaded guilty": the parser hangs the name on the dateline as its apposition
    words = ["SELBY", "--", "Rep.", "Tom", "Hale", "pleaded", "guilty", "."]
    heads = [5, 0, 4, 4, 0, 5, 5, 5]
    deps = ["nsubj", "punct", "compound", "compound", "appos", "ROOT", "acomp", "punct"]
    pos = ["PROPN", "PUNCT", "PROPN", "PROPN", "PROPN", "VERB", "ADJ", "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos, (3, 5))
    assert speaking_subject(doc[4])


def test_a_place_the_tagger_called_a_person_is_not_whom_she_stands_for(nlp: Language) -> None:
    text = (
        "Mayor Ada Brook noted the damage to the harbour in northern Selby last week.\n\n"
        "“The storms have grown stronger every year, and the flooding has cost the fishermen their boats and "
        "their nets, and the ferry its winter timetable and the old pier. We asked the county for help in March, "
        "and again in June, and we are still waiting for an answer from anyone in the county hall. The harbour "
        "cannot wait another winter for a decision that should have been taken years ago.”\n\n"
        "“We are in for a long repair,” she said."
    )
    doc = nlp(text)
    at = {token.text: token.i for token in doc}
    doc.ents = [Span(doc, at["Ada"], at["Ada"] + 2, label="PERSON"), Span(doc, at["Selby"], at["Selby"] + 1,
                                                                         label="PERSON")]
    names = NameIndex(doc, QuoteIndex(text, find_quotes(text)))
    assert names.nearest_before(text.index("she said"), "she") == "Ada Brook"



def test_a_long_report_of_he_said_goes_on_being_the_speakers(nlp: Language) -> None:
    # The mayor is named far back; the nearest name is the one he blames, inside what he said.
    text = (
        "Mayor Tom Brook spoke for an hour at the harbour hall on Friday evening.\n\n"
        "He talked about the ferries, the fish market, the new pier, the winter timetable, the school buses, the "
        "clinic, the library hours, the price of diesel, the storms of last March and the flooding that followed "
        "them, the insurance claims that are still unpaid, the shops that have closed on the quay and the young "
        "families who have moved inland.\n\n"
        "Blaming Councillor Ian Hale, he said, was “too easy an answer.”\n\n"
        "The real problem, he said, is the weather."
    )
    found = extract(nlp, text)
    assert by_content(found, "too easy an answer").speaker.name == "Tom Brook"
    assert by_content(found, "is the weather").speaker.name == "Tom Brook"


def test_he_or_she_stands_for_no_one_named(nlp: Language) -> None:
    text = ("Mayor Tom Brook signed the harbour bill on Friday. It lets the harbour master close the pier if he or "
            "she believes the storm is too strong, and he/she must then tell the council.")
    doc = nlp(text)
    names = NameIndex(doc, QuoteIndex(text, find_quotes(text)))
    assert names.nearest_before(text.index("he or she"), "he") is None
    assert names.nearest_before(text.index("she believes"), "she") is None
    assert names.nearest_before(text.index("he/she"), "he") is None
    assert names.nearest_before(len(text), "he") == "Tom Brook"


def test_a_girls_name_is_no_he(nlp: Language) -> None:
    # The subject named before is past the pronoun's reach; the nearest name, his daughter's, is a girl's.
    text = (
        "Councillor Tom Hale defended the new clinic on Friday and took questions for an hour about its budget, "
        "its staff, its opening hours, its parking, its pharmacy and the long waiting lists that have angered so "
        "many families in the harbour district this year, from the fishing crews on the north quay to the ferry "
        "workers, the shopkeepers and the teachers of the two schools by the old market square.\n\n"
        "The former harbour master has a 3-year-old daughter, Bella, with a rare heart condition, and he said that "
        "the clinic would have saved the family weeks of travel."
    )
    assert by_content(extract(nlp, text), "weeks of travel").speaker.name == "Tom Hale"


def test_a_name_the_tagger_ran_a_conjunction_into_is_still_its_clauses_subject(nlp: Language) -> None:
    # The tagger made "Plus Brook" one person; its root "Plus" is no subject, but Brook is the one
    # nominating, and so whom the next paragraph's "he" stands for, not the man he nominates.
    text = ("The council met Mayor Tom Brook on Monday. Plus Brook is nominating harbour master Ian Hale to lead the "
            "review.\n\nThe rules he wants the council to pass are the hard part.")
    doc = nlp(text)
    at = {token.text: token.i for token in doc}
    doc.ents = [Span(doc, at["Tom"], at["Tom"] + 2, label="PERSON"), Span(doc, at["Plus"], at["Plus"] + 2,
                                                                       label="PERSON"),
                Span(doc, at["Ian"], at["Ian"] + 2, label="PERSON")]
    names = NameIndex(doc, QuoteIndex(text, find_quotes(text)))
    assert names.nearest_before(text.index("he wants"), "he") == "Tom Brook"


def test_a_name_the_tagger_left_untagged_beside_a_role_is_the_speaker(nlp: Language) -> None:
    # "One of its members, Demetrios Minor, said ...": no person entity, only proper nouns
    words = ["One", "of", "its", "members", ",", "Osei", "Brandt", ",", "said", "it", "was", "bad", "."]
    heads = [8, 0, 3, 1, 0, 6, 0, 0, 8, 10, 8, 10, 8]
    deps = ["nsubj", "prep", "poss", "pobj", "punct", "compound", "appos", "punct", "ROOT", "nsubj", "ccomp",
            "acomp", "punct"]
    pos = ["NUM", "ADP", "PRON", "NOUN", "PUNCT", "PROPN", "PROPN", "PUNCT", "VERB", "PRON", "AUX", "ADJ", "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos)
    assert describe(doc[0], NameIndex(doc)).name == "Osei Brandt"


def test_a_name_the_tagger_left_untagged_beside_a_role_is_known_by_its_surname_later(nlp: Language) -> None:
    # "One of its members, Demetrios Minor, said ..." and later "“...,” Minor said": one person, one name
    words = ["One", "of", "its", "members", ",", "Osei", "Brandt", ",", "spoke", "."]
    heads = [8, 0, 3, 1, 0, 6, 0, 0, 8, 8]
    deps = ["nsubj", "prep", "poss", "pobj", "punct", "compound", "appos", "punct", "ROOT", "punct"]
    pos = ["NUM", "ADP", "PRON", "NOUN", "PUNCT", "PROPN", "PROPN", "PUNCT", "VERB", "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos)
    assert NameIndex(doc).known_name("Brandt") == "Osei Brandt"


def test_a_horizontal_bar_is_a_dash_at_a_content_s_edge() -> None:
    # "... whoever it may be,” he said ― to the fullest extent of the law": the bar is punctuation
    from storydiff.nlp.statements.positions import trim_edges

    text = "he said ― to the fullest extent of the law"
    start, end = trim_edges(text, text.index("―"), len(text))
    assert text[start:end] == "to the fullest extent of the law"


def test_a_name_set_beside_a_title_that_is_the_subject_is_the_subject(nlp: Language) -> None:
    # "Former Speaker of the House Newt Gingrich lauded ... He said ...": the parser makes the title the
    # subject and the name its apposition; "he" is Gingrich, not the congressman quoted before
    words = ["Former", "Speaker", "of", "the", "Council", "Paul", "Brook", "praised", "it", "."]
    heads = [1, 7, 1, 4, 2, 6, 1, 7, 7, 7]
    deps = ["amod", "nsubj", "prep", "det", "pobj", "compound", "appos", "ROOT", "dobj", "punct"]
    pos = ["ADJ", "PROPN", "ADP", "DET", "PROPN", "PROPN", "PROPN", "VERB", "PRON", "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos, (5, 7))
    assert speaking_subject(doc[6])


def test_an_untagged_name_beside_a_title_is_one_of_the_article_s_people(nlp: Language) -> None:
    # "said House Minority Whip Steny Hoyer (D-Md.). He added ...": no person entity, the title its head
    words = ["Harbour", "Whip", "Osei", "Brandt", "said", "it", "."]
    heads = [1, 4, 3, 1, 4, 4, 4]
    deps = ["compound", "nsubj", "compound", "appos", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PRON", "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos)
    names = NameIndex(doc)
    assert names.known_name("Brandt") == "Osei Brandt"
    assert names.nearest_before(len(doc.text), "he") == "Osei Brandt"


def test_whoever_asks_the_congressman_is_not_the_congressman(nlp: Language) -> None:
    text = (
        "Rep. Tom Hale (D-Selby) lost his temper at the quay on Saturday, when he pushed a young reporter away "
        "after he asked the congressman whether he “really backed the harbour plan.”"
    )
    st = by_content(extract(nlp, text), "really backed")
    assert st.speaker.name != "Tom Hale"


def test_a_content_that_runs_out_of_its_cue_s_clause_ends_where_the_cue_s_words_end(nlp: Language) -> None:
    text = ("While the mayor declined to comment on whether the toll plan was fair, she said on local radio "
            "that the bridge would reopen in May.")
    found = extract(nlp, text)
    assert not [st for st in found if "she said" in st.content.text]
    assert by_content(found, "the bridge would reopen").speaker.text == "she"
    # "According to X, Y": the content is the clause the cue hangs on, and stays whole
    found = extract(nlp, "According to the audit, between March and June the harbour board paid the firm twice.")
    assert by_content(found, "between March and June").content.text.endswith("paid the firm twice")


def test_a_parse_that_hangs_said_on_the_next_claim_is_cut_at_the_dash(nlp: Language) -> None:
    """A newspaper sentence whose parse made "said" a clause of "claimed" (given by hand): what he said
    ends at the dash, not with what he claimed; at a colon, which brings on more of what was said, no cut."""
    from storydiff.models import Speaker
    from storydiff.nlp.statements.candidates import Candidate
    from storydiff.nlp.statements.extract import _cut_to_its_clause
    from storydiff.nlp.statements.positions import TokenAt

    for mark, cut in (("–", True), (":", False)):
        words = ["he", "said", "the", "budget", "ran", "out", mark, "he", "also", "claimed", "the", "fund", "was",
                 "empty", "."]
        heads = [1, 9, 3, 4, 1, 4, 9, 9, 9, 9, 11, 12, 9, 12, 9]
        deps = ["nsubj", "ccomp", "det", "nsubj", "ccomp", "prt", "punct", "nsubj", "advmod", "ROOT", "det",
                "nsubj", "ccomp", "acomp", "punct"]
        pos = ["PRON", "VERB", "DET", "NOUN", "VERB", "ADP", "PUNCT", "PRON", "ADV", "VERB", "DET", "NOUN", "AUX",
               "ADJ", "PUNCT"]
        doc = _hand_parse(nlp, words, heads, deps, pos)
        text = doc.text
        said = Candidate(Speaker("he", 0, 2), (3, 7), (text.index("the budget"), text.index(" .")), False)
        content = _cut_to_its_clause(text, TokenAt(doc), said).content
        assert text[content[0] : content[1]] == ("the budget ran out" if cut else text[said.content[0]:said.content[1]])


def test_a_group_the_parser_ran_into_the_first_clause_speaks_for_its_own_verb(nlp: Language) -> None:
    # the parse hangs "Liberals" on "review" and "accused" on "said": the Liberals accused, not the Conservatives
    text = ("Conservatives said they're convinced the council mishandled the ferry review and Liberals accused "
            "the Tories of stoking the row.")
    accused = [st for st in extract(nlp, text) if st.cue.text == "accused"]
    assert [st.speaker.text for st in accused] == ["Liberals"]


def test_a_content_ends_before_the_next_statement_it_ran_into(nlp: Language) -> None:
    # The same parse: the Conservatives' reading ran on over the Liberals' statement to the sentence's end.
    text = ("Conservatives said they're convinced the council mishandled the ferry review and Liberals accused "
            "the Tories of stoking the row.")
    said = [st.content.text for st in extract(nlp, text) if st.cue.text == "said"]
    assert said == ["they're convinced the council mishandled the ferry review"]
    found = extract(nlp, "The harbour board declined to extend the lease, according to a councillor familiar "
                         "with the talks.")
    assert [st.content.text for st in found if st.cue.text == "declined"] == ["to extend the lease"]
    # a statement nested in the content stays in it
    found = extract(nlp, "The mayor said that engineers say the new ferry engine will last twenty years.")
    assert by_content(found, "engineers say").content.text == (
        "that engineers say the new ferry engine will last twenty years")


def test_what_a_colon_brings_on_is_part_of_what_was_said(nlp: Language) -> None:
    text = (
        "Investigators said on Friday that they had found two more of the forged ballots: one signed by "
        "Councillor Ana Ruiz and the other by Tomas Berg, the former harbour master.\n\n"
        "Ms. Okafor noted that the council faces a rare squeeze this winter: fuel prices are rising, the "
        "reserve is nearly empty and the ferry needs a new engine.\n\n"
        "The mayor said the repairs would follow one rule: “Nobody boards until the engineers sign off.”"
    )
    found = extract(nlp, text)
    ballots = by_content(found, "forged ballots")
    assert ballots.content.text.endswith("the former harbour master")
    squeeze = by_content(found, "rare squeeze")
    assert squeeze.content.text.endswith("needs a new engine")
    rule = by_content(found, "repairs would follow")
    assert "Nobody" not in rule.content.text  # a quotation after the colon stays a statement of its own
    assert by_content(found, "Nobody boards").speaker.text == "The mayor"


def test_a_list_the_parser_broke_after_its_first_item_is_said_whole(nlp: Language) -> None:
    # The parse hangs "Councillor Ana Ruiz" on "proud" as a conjunct of the verb; it is the list's next item.
    found = extract(nlp, "Mr. Berg was proud of his long friendship with the harbour board, and especially "
                         "Councillor Ana Ruiz and the late mayor.")
    assert by_content(found, "harbour board").content.text.endswith("the late mayor")


def test_aside_from_saying_is_said_by_the_clause_subject(nlp: Language) -> None:
    found = extract(nlp, "The mayor declined to discuss possible appointees, aside from saying she wants a "
                         "diverse harbour board.")
    said = [(st.speaker.text, st.content.text) for st in found if st.cue.text == "saying"]
    assert said == [("The mayor", "she wants a diverse harbour board")]


def test_a_parenthetical_told_with_its_listener_attributes_the_sentence(nlp: Language) -> None:
    found = extract(nlp, "The difference now, he told me on Friday, is that the ferry runs on time. "
                         "The harbour, Councillor Ruiz told reporters, will reopen in May.")
    told = [(st.speaker.text, st.content.text) for st in found if st.cue.text == "told"]
    assert told == [
        ("he", "The difference now, he told me on Friday, is that the ferry runs on time"),
        ("Councillor Ruiz", "The harbour, Councillor Ruiz told reporters, will reopen in May"),
    ]


def test_a_quotation_in_doubled_apostrophes_keeps_its_subject(nlp: Language) -> None:
    # Some newspapers' archives open and close quotations with two apostrophes.
    text = "The new ferry timetable ''was the council's answer to a year of complaints,'' Councillor Ana Ruiz said."
    said = by_content(extract(nlp, text), "council's answer")
    assert said.content.text.startswith("The new ferry timetable ''was")


def test_a_partial_quotation_keeps_the_writers_words_of_its_clause(nlp: Language) -> None:
    # PolNeAR draws "The new plans “will not solve this challenge, ...”" whole: the lead-in is what was said too.
    found = extract(nlp, "The new ferry timetable “will not end the queues, but is a step in the right direction,” "
                         "Councillor Ana Ruiz said on Friday.")
    assert [st.content.text for st in found if st.cue.text == "said"] == [
        "The new ferry timetable “will not end the queues, but is a step in the right direction,”"]
    # ... and a quotation that goes on after the verb stays with it
    found = extract(nlp, "The ''delay is the worst I have seen in years,'' the harbour master told reporters, "
                         "''and I hope the engineers fix it soon.''")
    assert sorted(st.content.text for st in found if st.cue.text == "told") == [
        "''and I hope the engineers fix it soon.''", "The ''delay is the worst I have seen in years,''"]
    # never back into an earlier quotation (the clause's first word here is inside one)
    found = extract(nlp, "But Tomas Berg, the harbour master, noted that the new timetable was among the reasons the "
                         "board is eyeing a list of routes to cut. ''They are painful'' but necessary ''for the "
                         "long-term health of the service,'' he said.")
    assert [st.content.text for st in found if st.cue.text == "said"] == [
        "''for the long-term health of the service,''"]


def test_a_noun_cues_that_clause_read_as_a_relative_clause_is_its_content(nlp: Language) -> None:
    # The parse reads "that the harbour board needs ..." as a relative clause of "recognition"; its "that"
    # is a conjunction, and the clause is what is recognised.
    found = extract(nlp, "There is a widespread recognition that the harbour board needs to rebuild after the strike.")
    assert [(st.cue.text, st.content.text) for st in found] == [
        ("recognition", "that the harbour board needs to rebuild after the strike")]
    # a real relative clause ("that" is what the board wrote) is not what the report says
    assert extract(nlp, "The report that the board wrote last spring was never published.") == []


def test_a_list_of_gerunds_the_parser_broke_runs_on_to_its_last_item(nlp: Language) -> None:
    # As the tagger left a newspaper's sentence: "forcing" hangs on "mentioned" as the verb's conjunct.
    from storydiff.models import Speaker
    from storydiff.nlp.statements.candidates import Candidate
    from storydiff.nlp.statements.boundaries import _through_list
    from storydiff.nlp.statements.positions import TokenAt

    words = ["The", "mayor", "has", "mentioned", "refinancing", "ferry", "loans", "and", "forcing", "colleges",
             "to", "spend", "more", "."]
    heads = [1, 3, 3, 3, 6, 6, 3, 3, 3, 8, 11, 8, 11, 3]
    deps = ["det", "nsubj", "aux", "ROOT", "amod", "compound", "dobj", "cc", "conj", "dobj", "aux", "xcomp", "dobj",
            "punct"]
    pos = ["DET", "NOUN", "AUX", "VERB", "VERB", "NOUN", "NOUN", "CCONJ", "VERB", "NOUN", "PART", "VERB", "ADJ",
           "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos)
    for i in (4, 8):
        doc[i].tag_ = "VBG"
    text = doc.text
    item = Candidate(Speaker("The mayor", 0, 9), (14, 23), (text.index("refinancing"), text.index(" and")), False)
    content = _through_list(TokenAt(doc), item).content
    assert text[content[0] : content[1]] == "refinancing ferry loans and forcing colleges to spend more"


def test_a_participle_right_after_the_content_tells_of_its_noun(nlp: Language) -> None:
    # The parse hangs "making" on "disclosed"; with no comma before it, it tells of the brother.
    found = extract(nlp, "The mayor released her accounts this year, even though they disclosed the awkward sight "
                         "of her brother making thousands of dollars from a ferry contract.")
    assert [st.content.text for st in found if st.cue.text == "disclosed"] == [
        "the awkward sight of her brother making thousands of dollars from a ferry contract"]


def test_a_clause_the_parser_split_at_a_list_comma_is_said_whole(nlp: Language) -> None:
    """A newspaper's sentence of this shape (a double space after "panel" upset the tagger; given here by
    hand): the parse hung "hacking of the committee" and "the party and two offices can be traced" on
    "told" as two clauses, and the content stopped at "committee", before the rest of its own list."""
    from storydiff.models import Speaker
    from storydiff.nlp.statements.boundaries import settle_contents
    from storydiff.nlp.statements.candidates import Candidate
    from storydiff.nlp.statements.positions import TokenAt

    words = ["Ruiz", "told", "the", "panel", "it", "is", "clear", "from", "records", "that", "hacking", "of", "the",
             "committee", ",", "the", "party", "and", "two", "offices", "can", "be", "traced", "to", "Moscow", "."]
    heads = [1, 1, 3, 1, 5, 1, 5, 6, 7, 10, 8, 10, 13, 11, 5, 19, 19, 16, 19, 22, 22, 22, 1, 22, 23, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "nsubj", "ccomp", "acomp", "prep", "pobj", "det", "acl", "prep", "det",
            "pobj", "punct", "det", "nmod", "cc", "nummod", "nsubjpass", "aux", "auxpass", "ccomp", "prep", "pobj",
            "punct"]
    pos = ["PROPN", "VERB", "DET", "NOUN", "PRON", "AUX", "ADJ", "ADP", "NOUN", "PRON", "NOUN", "ADP", "DET", "PROPN",
           "PUNCT", "DET", "NOUN", "CCONJ", "NUM", "NOUN", "AUX", "AUX", "VERB", "ADP", "PROPN", "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos)
    text = doc.text
    told = Candidate(Speaker("Ruiz", 0, 4), (5, 9), (text.index("it is"), text.index(" , the")), False)
    (settled,) = settle_contents(doc, QuoteIndex(text, find_quotes(text)), TokenAt(doc), [told])
    assert text[settled.content[0] : settled.content[1]].endswith("two offices can be traced to Moscow")
    # A noun phrase the writer adds after the comma is no clause of what was said.
    words[15:] = ["a", "swipe", "at", "his", "rivals", "."]
    heads[15:] = [16, 1, 16, 19, 17, 1]
    deps[15:] = ["det", "ccomp", "prep", "poss", "pobj", "punct"]
    pos[15:] = ["DET", "NOUN", "ADP", "PRON", "NOUN", "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos)
    (settled,) = settle_contents(doc, QuoteIndex(doc.text, find_quotes(doc.text)), TokenAt(doc), [told])
    assert doc.text[settled.content[0] : settled.content[1]].endswith("of the committee")


def test_the_writer_telling_what_the_speaker_did_next_is_not_what_was_said(nlp: Language) -> None:
    """A newspaper's sentence of this shape, parsed so by hand as the tagger left it: "railed" hangs on "is",
    inside what was said; "she" in the past after a content in the present is the writer's narration."""
    from storydiff.nlp.statements.reported import content_span

    words = ["Ruiz", "said", "the", "real", "threat", "is", "the", "toll", ",", "and", "she", "railed", "against",
             "members", "."]
    heads = [1, 1, 4, 4, 5, 1, 7, 5, 5, 5, 11, 5, 11, 12, 1]
    deps = ["nsubj", "ROOT", "det", "amod", "nsubj", "ccomp", "det", "attr", "punct", "cc", "nsubj", "conj", "prep",
            "pobj", "punct"]
    pos = ["PROPN", "VERB", "DET", "ADJ", "NOUN", "AUX", "DET", "NOUN", "PUNCT", "CCONJ", "PRON", "VERB", "ADP",
           "NOUN", "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos)
    tags = ["NNP", "VBD", "DT", "JJ", "NN", "VBZ", "DT", "NN", ",", "CC", "PRP", "VBD", "IN", "NNS", "."]
    for tok, tag in zip(doc, tags, strict=True):
        tok.tag_ = tag
    start, end = content_span(doc[5], doc[1])
    assert doc.text[start:end] == "the real threat is the toll"
    doc[5].tag_ = "VBD"  # "the real threat was the toll, and she railed ...": one telling, kept whole
    start, end = content_span(doc[5], doc[1])
    assert doc.text[start:end].endswith("railed against members")


def test_a_calling_that_opens_the_sentence_is_no_part_of_the_name(nlp: Language) -> None:
    # The tagger runs "Grocer" into the person; the name is Mats Lindqvist, whatever his trade.
    text = "Grocer Mats Lindqvist said his shelves would have been empty within two days."
    st = by_content(extract(nlp, text), "shelves would have been empty")
    assert st.speaker.name == "Mats Lindqvist"


def test_a_bare_surname_is_the_titled_name_the_tagger_called_a_body(nlp: Language) -> None:
    # Our corpus example's library fire: the tagger calls "Nadia Okafor" an organisation and leaves the
    # later "Okafor" untagged; after an office ("Fire chief"), the name is a person's, and "Okafor said" hers.
    text = ("Fire chief Nadia Okafor said nobody was inside when the blaze started shortly after midnight. "
            "\"The roof had fallen in by the time our second crew arrived,\" Okafor said.")
    found = extract(nlp, text)
    assert by_content(found, "roof had fallen").speaker.name == "Nadia Okafor"


def test_a_quotation_before_a_fronted_asked_continues_the_speaker_before_it(nlp: Language) -> None:
    # '“...” Asked why he opposed the toll, he explained ...': the question was put to him; the quotation
    # before it goes on with what he told the radio station, not with "Asked".
    text = ("“My view is the same as it’s been from the beginning,” Mr. Dahl told a radio station in Tromsvik. "
            "“I don’t favor a toll on the bridge if it’s the same as a tax, and I don’t favor closing the ferry.” "
            "Asked why he opposed the toll, in particular, he explained that in many cases it was a tax by another "
            "name.")
    st = by_content(extract(nlp, text), "favor a toll")
    assert st.cue.text == "told" and st.speaker.text == "Mr. Dahl"


def test_a_surname_in_the_headline_is_the_one_the_lede_names_in_full(nlp: Language) -> None:
    """The headline's bare "Brook" is no "Mr. Brook all along" before a son named in full: the lede's
    Tomas Brook Jr. is the one meant, and his later "Brook said" is his, not his wife's."""
    text = ("Brook pleads guilty over harbour funds\n\n"
            "Former harbour master Tomas Brook Jr. pleaded guilty on Wednesday to spending harbour funds on "
            "his own boat.\n\nHis wife, Ada Brook, pleaded guilty to a tax charge later the same day.\n\n"
            "“I used money that was never mine,” Brook said in court.")
    assert by_content(extract(nlp, text), "never mine").speaker.name == "Tomas Brook Jr."
    # in the body, a bare surname before a "Jr." still means the father
    body = ("Mr. Brook ran the harbour for twenty years.\n\nHis son, Tomas Brook Jr., joined the board in "
            "May.\n\n“We never hid the accounts,” Brook said.")
    assert by_content(extract(nlp, body), "hid the accounts").speaker.name != "Tomas Brook Jr."


def test_an_aside_in_dashes_is_no_part_of_the_speaker(nlp: Language) -> None:
    text = ("One of the most senior members of the harbour board – where the ferry plan will live or die this "
            "year – said she agrees with giving the crews more time.")
    speaker = by_content(extract(nlp, text), "more time").speaker
    assert speaker.text == "One of the most senior members of the harbour board"


def test_a_quotation_that_ends_a_clause_starts_where_the_clause_does(nlp: Language) -> None:
    """A newspaper sentence whose parse hung the clause's subject on "said" (given by hand): the
    quotation "a gift to nobody" is what the vote is, and the content starts with the vote; a title in
    quotation marks after a noun, or a quotation a colon brings on, stays as it is."""
    from storydiff.models import Speaker
    from storydiff.nlp.statements.boundaries import _from_its_clause
    from storydiff.nlp.statements.candidates import Candidate
    from storydiff.nlp.statements.positions import TokenAt

    def content(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> str:
        doc = _hand_parse(nlp, words, heads, deps, pos)
        text = doc.text
        opening, said = text.index("“"), text.index("said")
        quoted = Candidate(Speaker("Mayor Ada Brook", said - 16, said - 1), (said, said + 4),
                           (opening, text.index("”") + 1), True)
        start, end = _from_its_clause(doc, TokenAt(doc), quoted).content
        return text[start:end]

    tail = ["“", "a", "gift", "to", "nobody", ",", "”", "Mayor", "Ada", "Brook", "said", "."]
    tail_pos = ["PUNCT", "DET", "NOUN", "ADP", "PRON", "PUNCT", "PUNCT", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"]
    words = ["The", "council", "vote", "to", "sell", "the", "pier", "is", *tail]
    heads = [2, 2, 18, 4, 2, 6, 4, 4, 10, 10, 7, 10, 11, 18, 18, 17, 17, 18, 18, 18]
    deps = ["det", "compound", "dep", "aux", "acl", "det", "dobj", "ccomp", "punct", "det", "attr", "prep", "pobj",
            "punct", "punct", "compound", "compound", "nsubj", "ROOT", "punct"]
    pos = ["DET", "NOUN", "NOUN", "PART", "VERB", "DET", "NOUN", "AUX", *tail_pos]
    assert content(words, heads, deps, pos) == "The council vote to sell the pier is “ a gift to nobody , ”"
    # the same words after a colon, or after a noun ("the motto “a gift to nobody,”"), stay the quotation
    colon = [*words[:7], ":", *tail]
    assert content(colon, heads, deps, pos) == "“ a gift to nobody , ”"
    noun = ["The", "council", "vote", "to", "sell", "the", "pier", "motto", *tail]
    noun_pos = ["DET", "NOUN", "NOUN", "PART", "VERB", "DET", "NOUN", "NOUN", *tail_pos]
    assert content(noun, heads, deps, noun_pos) == "“ a gift to nobody , ”"


def test_an_ex_role_is_the_person_given_the_role(nlp: Language) -> None:
    # the parse hangs "the" on "ex", not on "congressman": still a definite role noun
    text = ("Former Rep. Tomas Brook Jr. pleaded guilty on Wednesday to spending harbour funds on his boat.\n\n"
            "When prosecutors charged him last Friday, the ex-congressman said he fully accepts the responsibility.")
    assert by_content(extract(nlp, text), "fully accepts").speaker.name == "Tomas Brook Jr."


def test_a_subject_in_dashes_is_an_aside_not_the_speaker(nlp: Language) -> None:
    """A newspaper sentence whose parse gave "acknowledged" two subjects, the aside in dashes first
    (given by hand): "When asked ... -- a charge Dahl knows -- the harbour master acknowledged ..."."""
    words = ["When", "asked", "--", "a", "charge", "Dahl", "knows", "--", "the", "master", "acknowledged", "it", "."]
    heads = [1, 10, 1, 4, 10, 6, 4, 6, 9, 10, 10, 10, 10]
    deps = ["advmod", "advcl", "punct", "det", "nsubj", "nsubj", "relcl", "punct", "det", "nsubj", "ROOT", "dobj",
            "punct"]
    pos = ["SCONJ", "VERB", "PUNCT", "DET", "NOUN", "PROPN", "VERB", "PUNCT", "DET", "NOUN", "VERB", "PRON", "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos)
    subject = find_subject(doc[10])
    assert subject is not None and subject.text == "master"


def test_a_content_the_parse_ended_on_its_subject_runs_through_the_predicate(nlp: Language) -> None:
    """A newspaper sentence's parse (given by hand) made "lobby" the clause "claiming" governs and hung
    "was dropping ..." on "pushed": the content runs on through that predicate, and stops at the dash."""
    from storydiff.models import Speaker
    from storydiff.nlp.statements.boundaries import _through_its_predicate
    from storydiff.nlp.statements.candidates import Candidate
    from storydiff.nlp.statements.positions import TokenAt

    words = ["The", "union", "pushed", "back", "on", "a", "report", "claiming", "the", "harbour", "lobby", "was",
             "dropping", "its", "opposition", "--", "but", "agreed", "."]
    heads = [1, 2, 2, 2, 2, 6, 4, 6, 10, 10, 7, 12, 2, 14, 12, 2, 2, 2, 2]
    deps = ["det", "nsubj", "ROOT", "prt", "prep", "det", "pobj", "acl", "det", "compound", "ccomp", "aux",
            "advcl", "poss", "dobj", "punct", "cc", "conj", "punct"]
    pos = ["DET", "NOUN", "VERB", "ADP", "ADP", "DET", "NOUN", "VERB", "DET", "NOUN", "NOUN", "AUX", "VERB", "PRON",
           "NOUN", "PUNCT", "CCONJ", "VERB", "PUNCT"]
    doc = _hand_parse(nlp, words, heads, deps, pos)
    text = doc.text
    claiming, the = text.index("claiming"), text.index("the harbour")
    item = Candidate(Speaker("a report", text.index("a report"), claiming - 1), (claiming, claiming + 8),
                     (the, text.index(" was")), False)
    start, end = _through_its_predicate(doc, TokenAt(doc), item).content
    assert text[start:end] == "the harbour lobby was dropping its opposition"


def test_a_name_with_its_age_before_the_cue_is_the_speaker_whatever_the_tagger_says(nlp: Language) -> None:
    # The newspaper's parse, given by hand: the cue hangs on the quotation's verb with no subject of its
    # own, and the tagger called the name an organisation; "Ramos, 58," is still a person, by the age.
    from storydiff.nlp.statements.speakers import left_neighbour

    words = ["“", "We", "were", "wrong", ",", "”", "Ramos", ",", "58", ",", "told", "the", "Gazette", "."]
    spaces = [False, True, True, False, False, True, False, True, False, True, True, True, False, False]
    heads = [2, 2, 2, 2, 2, 6, 2, 6, 6, 6, 2, 12, 10, 2]
    deps = ["punct", "nsubj", "ROOT", "acomp", "punct", "punct", "conj", "punct", "appos", "punct", "conj",
            "det", "dobj", "punct"]
    pos = ["PUNCT", "PRON", "AUX", "ADJ", "PUNCT", "PUNCT", "PROPN", "PUNCT", "NUM", "PUNCT", "VERB", "DET",
           "PROPN", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos,
              sent_starts=[True] + [False] * 13)
    doc.ents = [Span(doc, 6, 7, label="ORG"), Span(doc, 8, 9, label="DATE")]
    found = left_neighbour(doc[10], doc[5].idx + 1)  # the floor: the quotation's end
    assert found is not None and found.text == "Ramos"


def test_a_verb_of_speech_after_a_participle_that_follows_said_is_the_speakers(nlp: Language) -> None:
    # The newspaper's parse, given by hand: "said" hangs on the last clause of a long quotation as a
    # parataxis and "going" on that clause's verb, so the climb from "say" reached the quotation's
    # subject; the participle right after "Reddick said," is Reddick's, and so is what he went on to say.
    from storydiff.nlp.statements.subjects import participle_subject

    words = ["Reddick", "said", ",", "going", "on", "to", "say", "that", "fares", "rose", ",", "riders", "want",
             "less", "."]
    heads = [1, 12, 1, 12, 3, 6, 3, 9, 9, 6, 12, 12, 12, 12, 12]
    deps = ["nsubj", "parataxis", "punct", "advcl", "prt", "aux", "xcomp", "mark", "nsubj", "ccomp", "punct",
            "nsubj", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "VERB", "PUNCT", "VERB", "ADP", "PART", "VERB", "SCONJ", "NOUN", "VERB", "PUNCT", "NOUN",
           "VERB", "ADJ", "PUNCT"]
    tags = ["NNP", "VBD", ",", "VBG", "RP", "TO", "VB", "IN", "NNS", "VBD", ",", "NNS", "VBP", "JJR", "."]
    doc = _hand_parse(nlp, words, heads, deps, pos, tags=tags)
    quotes = QuoteIndex(doc.text, find_quotes(doc.text))
    found = participle_subject(doc[6], quotes, 0)
    assert found is not None and found.text == "Reddick"
    assert participle_subject(doc[9], quotes, 0) is None  # "rose" is no participle's: the fares' own verb


def test_according_to_a_name_the_parser_ran_on_ends_at_the_comma(nlp: Language) -> None:
    # The parser hangs the clause after "According to ... Ola Dahl," on the name as an apposition, so the
    # source phrase ran to the sentence's end and the statement was lost.
    text = (
        "The harbour board has asked the ferry company to publish its accounts. According to longtime island "
        "radio host Ola Dahl, the move reeks of “panic” and desperation."
    )
    st = by_cue(extract(nlp, text), "According to")
    assert st.speaker.name == "Ola Dahl"
    assert st.content.text == "the move reeks of “panic” and desperation"


def test_a_clarification_label_is_no_speaker(nlp: Language) -> None:
    text = (
        "Mayor Reddick calls for a toll review\n\n"
        "CLARIFICATION: The first paragraph has been clarified to show that the mayor asked for a review of the "
        "tolls, not for their end.\n\n"
        "Mayor Ana Reddick said on Tuesday that the bridge tolls should be reviewed before the summer."
    )
    found = extract(nlp, text)
    assert by_cue(found, "said").speaker.name == "Ana Reddick"
    assert all(s.speaker.text != "CLARIFICATION" for s in found)


def test_according_to_after_a_colon_vouches_for_what_follows(nlp: Language) -> None:
    # The writer's clause before the colon is no finding of the polls.
    text = (
        "The ferry lost riders all winter. And it has not gone unnoticed: According to recent island polls, "
        "the ferry holds only 14 percent of the commuter trade."
    )
    st = by_cue(extract(nlp, text), "According to")
    assert st.content.text == "the ferry holds only 14 percent of the commuter trade"
