"""One brief, one set of sections, every format: a saved brief renders the same, and all views agree."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from storydiff.errors import InputError
import storydiff
from storydiff.models import Article, Brief
from storydiff.render import FORMATS, render
from storydiff.render.html import render_html
from storydiff.render.summary import sections

from .test_html import TEXT_B, _claim, hand_brief


def _brief_of(tmp_path: Path, text: str) -> Brief:
    """The brief of one article of ours, read from a file as a user's would be."""
    (tmp_path / "a.txt").write_text(text)
    return storydiff.brief([str(tmp_path / "a.txt")])


def _round_trip(brief: Brief) -> Brief:
    return Brief.from_dict(json.loads(render(brief, "json")))


@pytest.mark.parametrize("fmt", FORMATS)
def test_saved_brief_renders_the_same_in_every_format(example_briefs: dict[str, Any], seeds_brief: Any,
                                                      fmt: str) -> None:
    briefs = {**example_briefs, "seeds": seeds_brief, "hand": Brief.from_dict(hand_brief())}
    for name, brief in briefs.items():
        assert render(_round_trip(brief), fmt) == render(brief, fmt), f"{name} as {fmt}"


def test_saved_brief_keeps_every_record(example_briefs: dict[str, Any]) -> None:
    brief = example_briefs["ferry"]
    again = _round_trip(brief)
    assert again.articles == brief.articles and again.statements == brief.statements
    assert again.agreed == brief.agreed and again.unique == brief.unique and again.entities == brief.entities
    assert [c.to_dict() for c in again.claims] == [c.to_dict() for c in brief.claims]


def test_brief_of_another_schema_is_refused_with_the_fix() -> None:
    with pytest.raises(InputError, match=r"storydiff\.brief/1"):
        Brief.from_dict({"schema": "storydiff.brief/9", "articles": []})
    with pytest.raises(InputError, match="--format json"):
        Brief.from_dict({"articles": [{"source": "no id"}]})


def _text_timeline(text: str) -> list[tuple[str, str]]:
    part = text.split("Timeline (when said", 1)[1] if "Timeline (when said" in text else ""
    return re.findall(r"^  (\d{4}-\d\d-\d\d) \[([A-Z])\]", part, re.MULTILINE)


def _html_section(html: str, key: str) -> str:
    start = html.index(f'<section id="{key}"')
    return html[start:html.index("</section>", start)]


def test_every_format_shows_the_same_timeline(example_briefs: dict[str, Any], seeds_brief: Any) -> None:
    """Dated speech by a named or described speaker, earliest first; undated statements only under who said what."""
    for name, brief in {**example_briefs, "seeds": seeds_brief}.items():
        parts = sections(brief)
        expected = [s.statement.id for s in parts.timeline]
        html = render_html(brief)
        assert re.findall(r'href="#stmt-([^"]+)"', _html_section(html, "timeline")) == expected, name
        assert _text_timeline(render(brief, "text")) == [(v.day, v.statement.article) for v in parts.timeline]
        markdown = render(brief, "markdown").partition("## Timeline")[2]
        assert re.findall(r"^- (\S+) \\\[([A-Z])\\\]", markdown, re.MULTILINE) == _text_timeline(render(brief, "text"))
        said = [v.statement.id for g in parts.speakers for v in g.statements]
        assert sorted(re.findall(r'href="#stmt-([^"]+)"', _html_section(html, "who"))) == sorted(said), name
        assert set(expected) <= set(said)


def test_undated_articles_keep_their_statements_out_of_the_timeline(example_briefs: dict[str, Any]) -> None:
    """The ferry wire copy (C) has no date: its statements are under who said what, not on the timeline."""
    brief = example_briefs["ferry"]
    parts = sections(brief)
    undated = [v for g in parts.speakers for v in g.statements if v.statement.article == "C"]
    assert undated and all(v.day is None for v in undated)
    assert not [v for v in parts.timeline if v.statement.article == "C"]
    html = render_html(brief)
    for voice in undated:
        assert f'href="#stmt-{voice.statement.id}"' in _html_section(html, "who")
        assert f'href="#stmt-{voice.statement.id}"' not in _html_section(html, "timeline")


def test_pronoun_speakers_are_left_out_of_every_view(tmp_path: Path) -> None:
    # The ferry story's "that" now names its antecedent; these two reports keep an unresolved "It" and "They".
    import storydiff

    (tmp_path / "a.txt").write_text("Bridge Stays Shut\n\nThe old river bridge will stay closed until May, the county "
                                    "said on Monday.\n\nIt said the repairs would cost four million euros.\n")
    (tmp_path / "b.txt").write_text("River Bridge Repairs Delayed\n\nThe river bridge will not reopen before May, "
                                    "county engineers said on Monday.\n\nThey said the repairs would cost about four "
                                    "million euros.\n")
    brief = storydiff.brief([str(tmp_path)])
    pronouns = [s for s in brief.statements if s.speech and s.speaker.name is None and not s.speaker.anonymous
                and s.speaker.text.lower() in {"it", "that", "they"}]
    assert pronouns, "the bridge reports have a statement by an unresolved pronoun"
    html = render_html(brief)
    for statement in pronouns:
        assert f'href="#stmt-{statement.id}"' not in html  # the text still marks it, by its data-ref
        assert f"\n  {statement.speaker.text}\n" not in render(brief, "text")  # no speaker heading
        assert f"**{statement.speaker.text}**" not in render(brief, "markdown")


def test_labels_name_articles_the_same_way_everywhere() -> None:
    """Two articles from one outlet are told apart by id; an article without an outlet is 'article X'."""
    data = hand_brief()
    data["articles"][1]["outlet"] = "Coastal Courier"
    data["articles"][0]["outlet"] = None
    data["articles"].append({**data["articles"][1], "id": "C", "source": "c.txt"})
    brief = Brief.from_dict(data)
    labels = [s.label for s in sections(brief).sources]
    assert labels == ["article A", "Coastal Courier (B)", "Coastal Courier (C)"]
    text, html = render(brief, "text"), render_html(brief)
    assert "Only in article A [A]" in text and "Only in Coastal Courier (B) [B]" in text
    assert "Only in</span> article A</h3>" in html and "Only in</span> Coastal Courier (B)</h3>" in html


def test_negated_speech_reads_as_negated_with_an_adverb_between(tmp_path: Path) -> None:
    # "has not yet said whether": the "yet" between the negation and the cue must not drop the "not".
    brief = _brief_of(tmp_path, (
        "Harbour Vote Delayed\n\nHarbour master Ola Dahl has not yet said whether he will stand again, and the "
        "board meets on Friday.\n\nBoard chair Ines Varga did not publicly say when the vote would be held.\n"
    ))
    text = render(brief, "text")
    assert "has not yet said: whether he will stand again" in text, text
    assert "did not publicly say: when the vote would be held" in text, text
    assert "  said: whether he will stand again" not in text
    html = render(brief, "html")  # the report shows the cue too: without it the words read as asserted
    who = html.split('id="who"', 1)[1].split("</section>", 1)[0]
    assert "has not yet said:</span>" in who and "did not publicly say:</span>" in who, who


def test_speech_still_to_come_is_not_in_who_said_what(tmp_path: Path) -> None:
    # A plan to speak says nothing yet: "will announce", "is expected to announce", "when she announces"
    # in a sentence about what will happen. JSON keeps the statements, marked as no speech.
    brief = _brief_of(tmp_path, (
        "Harbour Vote Next Week\n\nThe mayor will announce on Monday whether the old pier stays open. Harbour "
        "master Ola Dahl is expected to announce his decision on the ferry fares at the same meeting. The "
        "council will take a new turn on Friday when chair Ines Varga announces whether she will run again.\n\n"
        "Ms. Varga said on Tuesday that the budget was balanced.\n"
    ))
    planned = [s for s in brief.statements if s.cue.text in ("announce", "announces")]
    assert planned and not any(s.speech for s in planned), [(s.cue.text, s.speech) for s in brief.statements]
    text = render(brief, "text")
    assert "whether the old pier stays open" not in text.split("Who said what", 1)[1]
    assert "whether she will run again" not in text.split("Who said what", 1)[1]
    assert "that the budget was balanced" in text.split("Who said what", 1)[1]


@pytest.mark.parametrize(("text", "cue", "opening", "absent", "present"), [
    (  # "Declare a national emergency" is an act of office; the statement stays in JSON, not as speech.
        "Harbour Strike Talks\n\nThe governor made reference to her earlier threats to declare a state of "
        "emergency at the port, calling it a last resort.\n\nShe said on Tuesday that talks would resume.\n",
        "declare", "", "declare:", None,
    ),
    (  # "posted" is a verb of speech for words ("posted that the pier was safe"), not for a thing put online.
        "Harbour Video\n\nThe video, which was posted online by the Harbour Action Fund, shows the mayor "
        "telling fishermen that the north pier would close.\n\nThe fund posted that the pier was unsafe.\n",
        "posted", "The video", "The video", "the pier was unsafe",
    ),
    (  # "denying a candidate a spot on the ballot" withholds a thing; "denied the report" denies a claim.
        "Ballot Bill Advances\n\nThe bill allows the harbour clerk wide latitude in denying a candidate a spot "
        "on the ballot.\n\nThe mayor denied that she had written the bill, her spokesman said on Tuesday.\n",
        "denying", "", "a spot on the ballot", "she had written the bill",
    ),
])
def test_an_act_is_not_in_who_said_what(
    tmp_path: Path, text: str, cue: str, opening: str, absent: str, present: str | None
) -> None:
    brief = _brief_of(tmp_path, text)
    acts = [s for s in brief.statements if s.cue.text == cue and s.content.text.startswith(opening)]
    assert acts and not any(s.speech for s in acts), [(s.cue.text, s.content.text, s.speech) for s in brief.statements]
    who = render(brief, "text").split("Who said what", 1)[1]
    assert absent not in who, who
    assert present is None or present in who  # words said in the same article stay speech


def test_who_or_what_a_naming_cue_is_about_is_shown_with_it(tmp_path: Path) -> None:
    # "praised the harbour board “for finding the money”": the words are about the board; "praised: “for
    # finding the money”" loses whom. A content that holds its object already shows it once.
    brief = _brief_of(tmp_path, (
        "Pier Plan Draws Fire\n\nIn a statement, union leader Ann Lee called the pier plan \u201ca cruel hoax that "
        "will not save one job,\u201d adding that the union would strike in May.\n\n"
        "Mayor Bo Stam praised the harbour board \u201cfor finding the money in a hard year.\u201d\n"
    ))
    who = render(brief, "text").split("Who said what", 1)[1]
    assert "praised the harbour board: \u201cfor finding the money" in who, who
    assert "the pier plan" in who and "the pier plan: the pier plan" not in who, who


def test_the_day_between_a_cue_and_its_particle_shows_once() -> None:
    """"called Wednesday for a new pier": "called for (Wednesday):", never "called Wednesday for (Wednesday):";
    "said on Thursday that": "said (Thursday):", never "said on:"."""
    text = ("Mayor Bo Stam called Wednesday for a new timber pier at the north harbour.\n\n"
            "Union leader Ann Lee said on Thursday that the crews would back the plan.\n")

    def span(piece: str) -> dict[str, Any]:
        start = text.index(piece)
        return {"text": piece, "start": start, "end": start + len(piece)}

    def statement(n: int, speaker: str, cue: str, day: str, content: str) -> dict[str, Any]:
        return {"id": f"A-S{n}", "article": "A", "speaker": {**span(speaker), "name": " ".join(speaker.split()[-2:]),
                "anonymous": False, "role": None, "entity": None}, "cue": span(cue), "content": span(content),
                "direct": False, "recipient": None, "when": {**span(day), "date": None}}

    brief = Brief.from_dict({
        "schema": "storydiff.brief/1", "entities": [], "claims": [], "relations": [], "unique": [], "agreed": [],
        "articles": [{"id": "A", "source": "a.txt", "outlet": "Harbour News", "title": None, "published": None,
                      "dateline": None, "text": text}],
        "statements": [statement(1, "Mayor Bo Stam", "called", "Wednesday", "a new timber pier at the north harbour"),
                       statement(2, "Union leader Ann Lee", "said", "Thursday", "that the crews would back the plan")]})
    who = render(brief, "text").split("Who said what", 1)[1]
    assert "called for (Wednesday): a new timber pier" in who, who
    assert "said (Thursday): that the crews" in who and "said on" not in who, who


def test_an_outlet_said_on_in_quotation_marks_keeps_its_preposition(tmp_path: Path) -> None:
    brief = _brief_of(tmp_path, (
        "Ferry Row\n\nHarbour master Ola Dahl said on \"Fox News Sunday\" that the ferries would run all winter.\n"
    ))
    who = render(brief, "text").split("Who said what", 1)[1]
    assert "said on Fox News Sunday: that the ferries" in who, who


def test_the_object_pronoun_of_a_naming_cue_goes_with_the_cue() -> None:
    """"calling him a faker": "calling him: a faker", never "calling: him a faker" (nor "her", which may be
    a determiner: "called her remarks careless")."""
    text = "Mayor Bo Stam attacked the harbour master, calling him a danger to every boat in the harbour.\n"
    start, cue = text.index("him a danger"), text.index("calling")
    brief = Brief.from_dict({
        "schema": "storydiff.brief/1", "entities": [], "claims": [], "relations": [], "unique": [], "agreed": [],
        "articles": [{"id": "A", "source": "a.txt", "outlet": "Harbour News", "title": None, "published": None,
                      "dateline": None, "text": text}],
        "statements": [{"id": "A-S1", "article": "A", "speaker": {"text": "Mayor Bo Stam", "start": 0, "end": 13,
                        "name": "Bo Stam", "anonymous": False, "role": "Mayor", "entity": None},
                        "cue": {"text": "calling", "start": cue, "end": cue + 7},
                        "content": {"text": text[start:-2], "start": start, "end": len(text) - 2},
                        "direct": False, "recipient": None, "when": None}]})
    who = render(brief, "text").split("Who said what", 1)[1]
    assert "calling him: a danger to every boat" in who, who


def test_an_agreed_point_shows_a_sentence_rather_than_a_piece_of_one() -> None:
    """A claim cited by two points gives way to the other side's own claim, but not to a piece of a sentence."""
    data = hand_brief()
    data["claims"].append(_claim("B6", "B", TEXT_B, "the work could last until September."))
    data["agreed"] = [
        {"kind": "agreed", "claims": ["A1", "B1"], "articles": ["A", "B"], "independent_sources": 2},
        {"kind": "agreed", "claims": ["A1", "B6"], "articles": ["A", "B"], "independent_sources": 2},
    ]
    shown = [p.text for p in sections(Brief.from_dict(data)).agreed]
    assert shown == [
        "The Old Harbour Bridge is to close for repairs after a council vote on Monday.",  # a claim of its own
        "The city council voted on Monday to close the Old Harbour Bridge for repairs.",  # not "the work could ..."
    ]


def test_whom_a_statement_was_made_to_keeps_its_preposition() -> None:
    """"had spoken to Governor Ilse Brandt about ...": the views print "spoken to Governor Ilse Brandt",
    and "told reporters" as written."""
    one = Article(id="A", source="a.txt", outlet="Coastal Courier", published="2024-03-04", text=(
        "Mayor Dana Whitlock said on Monday that she had spoken to Governor Ilse Brandt about the bridge repairs."))
    two = Article(id="B", source="b.txt", outlet="Valley Post", published="2024-03-05", text=(
        "Mayor Dana Whitlock told reporters that the works would take a year."))
    brief = storydiff.brief([one, two])
    assert any(s.recipient and s.recipient.text == "Governor Ilse Brandt" for s in brief.statements)
    for fmt in ("text", "markdown"):
        shown = render(brief, fmt)
        assert "spoken to Governor Ilse Brandt" in shown, fmt
        assert "spoken Governor" not in shown and "told reporters" in shown, fmt


def test_an_unnamed_source_written_with_and_without_a_capital_is_one_heading() -> None:
    one = Article(id="A", source="a.txt", outlet="Coastal Courier", published="2024-03-04", text=(
        "The indictment says the harbour master took bribes from two ferry companies.\n\n"
        "Prosecutors filed it on Monday, and the indictment says he hid the money in a boat shed."))
    two = Article(id="B", source="b.txt", outlet="Valley Post", published="2024-03-05", text=(
        "The harbour master denies every charge."))
    parts = sections(storydiff.brief([one, two]))
    headings = [group.speaker for group in parts.speakers]
    assert "The indictment" in headings and "the indictment" not in headings
    assert len(next(g for g in parts.speakers if g.speaker == "The indictment").statements) == 2


def test_an_only_in_point_cut_from_a_sentence_is_marked_as_a_piece() -> None:
    data = hand_brief()
    data["claims"].append(_claim("B6", "B", TEXT_B, "the work could last until September."))
    data["unique"] = [{"article": "B", "claims": ["B5", "B6"]}]
    only = sections(Brief.from_dict(data)).unique[0]
    assert sorted(p.text for p in only.points) == [
        "Ferry services will run every half hour while the bridge is shut.",
        "\u2026the work could last until September.",
    ]
    assert "\u2026the work could last until September." in render(Brief.from_dict(data), "text")


def test_a_group_with_and_without_the_is_one_heading() -> None:
    one = Article(id="A", source="a.txt", outlet="Coastal Courier", published="2024-03-04", text=(
        "The harbour levy passed the state senate on Monday by two votes.\n\n"
        "The Republicans said the levy would drive the ferry companies out of the port."))
    two = Article(id="B", source="b.txt", outlet="Valley Post", published="2024-03-05", text=(
        "Republicans said on Tuesday that the harbour levy was a tax on fishermen."))
    parts = sections(storydiff.brief([one, two]))
    assert [(group.speaker, len(group.statements)) for group in parts.speakers] == [("The Republicans", 2)]


def test_a_statement_that_says_only_a_pronoun_is_not_listed() -> None:
    one = Article(id="A", source="a.txt", outlet="Harbour Post", published="2024-03-04", text=(
        "Mayor Ada Brook presented the new ferry timetable on Monday.\n\n"
        "Fishermen cheered the plan, and the mayor acknowledged them.\n\n"
        "Brook said the first boats would sail in May."))
    brief = storydiff.brief([one])
    assert any(s.content.text == "them" for s in brief.statements)  # the JSON keeps it
    parts = sections(brief)
    assert [[v.statement.content.text for v in g.statements] for g in parts.speakers] == [
        ["the first boats would sail in May"]]
    assert "acknowledged: them" not in render(brief, "text")


def test_a_statement_cut_to_a_subject_and_its_verb_is_not_listed() -> None:
    # "the majority that Brook predicted she had": what she predicted came before the cue.
    one = Article(id="A", source="a.txt", outlet="Harbour Post", published="2024-03-04", text=(
        "Mayor Ada Brook won the harbour vote by 14 to 6, the two-thirds majority that Brook predicted she had.\n\n"
        "Brook said the first boats would sail in May."))
    brief = storydiff.brief([one])
    assert any(s.content.text == "she had" for s in brief.statements)  # the JSON keeps it
    assert "predicted: she had" not in render(brief, "text")
    two = Article(id="B", source="b.txt", outlet="Harbour Post", published="2024-03-04", text=(
        "Asked if she would raise the levy, Mayor Ada Brook said that she would not.\n\n"
        "Brook said the first boats would sail in May."))
    assert "said: that she would not" not in render(storydiff.brief([two]), "text")



def test_a_statement_that_only_restates_another_is_not_listed_twice() -> None:
    from storydiff.models import Speaker, Span, Statement
    from storydiff.render.summary import _restated

    # "Mayor Ada Brook retorted on Twitter, saying that the new fares did not come from her office."
    text = "Mayor Ada Brook retorted on Twitter, saying that the new fares did not come from her office."
    brook = Speaker("Mayor Ada Brook", 0, 15, "Ada Brook")

    def said(n: int, cue: str, content: str) -> Statement:
        c, w = text.index(cue), text.index(content)
        return Statement(f"A-S{n}", "A", brook, Span(cue, c, c + len(cue)), Span(content, w, w + len(content)), False)

    retorted = said(1, "retorted", "saying that the new fares did not come from her office")
    saying = said(2, "saying", "that the new fares did not come from her office")
    assert _restated([retorted, saying]) == {"A-S1"}
    other = Statement("A-S2", "A", Speaker("the clerk", 0, 0), saying.cue, saying.content, False)
    assert _restated([retorted, other]) == set()  # someone else's words are no restatement


def test_an_attribution_inside_what_was_said_is_left_out_of_the_words_shown(tmp_path: Path) -> None:
    # The JSON keeps the sentence as written; every view shows what was said without ", she said,".
    brief = _brief_of(tmp_path, (
        "Pier Plan Shelved\n\nHarbour master Ola Dahl and board chair Ines Varga spoke on Friday.\n\n"
        "The old pier, Dahl said, would need a new deck before the summer.\n\n"
        "By closing the pier, Varga said, the council was \u201cputting the ferry first.\u201d\n"
    ))
    assert any(", Dahl said," in st.content.text for st in brief.statements)
    for fmt in ("text", "markdown", "html"):
        shown = render(brief, fmt)  # (the claims still quote the sentence whole)
        assert "The old pier would need a new deck before the summer" in shown, fmt
        assert not re.search(r"said:\s*(<[^>]*>)*The old pier, Dahl", shown), fmt


def test_a_quotation_interrupted_by_its_attribution_is_one_line_in_every_view(tmp_path: Path) -> None:
    # The first piece alone ("We will reopen the pier") says the opposite of the whole; the JSON keeps both pieces.
    brief = _brief_of(tmp_path, (
        "Pier To Stay Shut Until Spring\n\n"
        "\u201cWe will reopen the pier,\u201d harbour master Ola Dahl said on Friday, \u201cbut not before the "
        "spring tides have passed and the new deck has been tested.\u201d\n\n"
        "The council said the ferry would use the north quay until then.\n"
    ))
    pieces = [st for st in brief.statements if st.speaker.name == "Ola Dahl"]
    assert len(pieces) == 2 and pieces[0].cue == pieces[1].cue
    parts = sections(brief)
    (dahl,) = [g for g in parts.speakers if g.speaker == "Ola Dahl"]
    assert len(dahl.statements) == 1
    assert re.search(r"reopen the pier,\u201d \u2026 \u201cbut not before the spring tides", dahl.statements[0].said)
    for fmt in ("text", "markdown", "html"):
        shown = " ".join(render(brief, fmt).split())  # the terminal wraps long lines
        assert "\u2026 \u201cbut not before the spring" in shown, fmt


def test_no_statement_of_a_headline_is_listed_under_who_said_what(tmp_path: Path) -> None:
    # A headline can hold two statements ("Announces: Bid", "Promising: ..."); its claim stands for one.
    import dataclasses

    from storydiff.models import Speaker, Span, Statement

    title = "Ada Brook Announces Bid, Promising \u2018Truth\u2019 About Harbour Debts"
    brief = _brief_of(tmp_path, (
        f"{title}\n\nMayor Ada Brook said on Monday she would run again.\n\n"
        "\u201cFares will not rise this year,\u201d Brook told reporters at the harbour.\n"
    ))
    (headline,) = [c for c in brief.claims if c.role == "headline"]
    cue, said = title.index("Announces"), title.index("Bid")
    other = Statement("A-S9", "A", Speaker("Ada Brook", 0, 9, "Ada Brook"), Span("Announces", cue, cue + 9),
                      Span("Bid", said, said + 3), False)
    assert headline.start <= cue < headline.end and headline.statement != other.id
    brief = dataclasses.replace(brief, statements=(*brief.statements, other))
    cues = [v.statement.cue.text for g in sections(brief).speakers for v in g.statements]
    assert "Announces" not in cues and "Promising" not in cues and "told" in cues


def test_a_source_named_once_and_then_by_its_noun_is_one_heading() -> None:
    """"The official" is the senior port official the article named two paragraphs up; "the report" is the
    audit office's report. Who said what (and the timeline) name them as the article first did."""
    one = Article(id="A", source="a.txt", outlet="Coastal Courier", published="2024-03-04", text=(
        "A senior port official said the ferry contract had been signed without a tender.\n\n"
        "An audit office report said the harbour board had lost track of two dredgers.\n\n"
        "The official said the board had been warned twice about the contract.\n\n"
        "The report said the dredgers were later found in a shipyard in Leith."))
    two = Article(id="B", source="b.txt", outlet="Valley Post", published="2024-03-05", text=(
        "The harbour board denies any wrongdoing in the ferry contract."))
    parts = sections(storydiff.brief([one, two]))
    headings = {group.speaker: len(group.statements) for group in parts.speakers}
    assert headings.get("A senior port official (anonymous)") == 2, headings
    assert headings.get("An audit office report") == 2, headings
    assert not any(h.lower().startswith(("the official", "the report")) for h in headings), headings
    assert {v.speaker for v in parts.timeline} >= {"A senior port official (anonymous)", "An audit office report"}


def test_a_noun_named_before_with_nothing_more_keeps_its_definite_name() -> None:
    one = Article(id="A", source="a.txt", outlet="Coastal Courier", published="2024-03-04", text=(
        "An indictment says the harbour master took bribes from two ferry companies.\n\n"
        "The indictment says he hid the money in a boat shed."))
    parts = sections(storydiff.brief([one]))
    headings = {group.speaker: len(group.statements) for group in parts.speakers}
    assert headings == {"An indictment": 1, "The indictment": 1}  # not two under "An indictment"


@pytest.mark.parametrize(("text", "shown"), [
    ("Mayor Ana Ruiz said in an interview with the Associated Press that the ferry fares would rise in May.",
     "said (in an interview with the Associated Press):"),
    ("Mayor Ana Ruiz said in a brief interview on CNN that the ferry fares would rise in May.",
     "said (in a brief interview on CNN):"),
    ("Mayor Ana Ruiz said on CNN that the ferry fares would rise in May.", "said on CNN:"),
])
def test_an_interview_with_an_outlet_is_shown_as_an_interview(text: str, shown: str) -> None:
    # "said with the Associated Press" was the line before (and, after a cue that ends in "with", "did not agree
    # with with The Huffington Post" in a BASIL brief)
    brief = storydiff.brief([Article(id="A", source="a.txt", outlet="Valley Post", text=text)])
    who = render(brief, "text").split("Who said what", 1)[1]
    assert shown in " ".join(who.split()), who


def test_a_question_put_to_the_speaker_is_not_filed_as_theirs(tmp_path: Path) -> None:
    # "Asked why he opposed the toll, he explained ...": he was asked; the question is not his words
    brief = _brief_of(tmp_path, (
        "Toll Row\n\n“My view is the same as it’s been from the beginning,” Mr. Dahl told a radio station in "
        "Tromsvik. “I don’t favor a toll on the bridge if it’s the same as a tax, and I don’t favor closing the "
        "ferry.” Asked why he opposed the toll, in particular, he explained that in many cases it was a tax by "
        "another name.\n"
    ))
    who = render(brief, "text").split("Who said what", 1)[1].split("Timeline", 1)[0]
    assert "why he opposed the toll" not in who, who
    assert "a tax by another name" in who


def test_when_asked_is_not_the_speech_of_the_one_asked(tmp_path: Path) -> None:
    brief = _brief_of(tmp_path, (
        "Pier Closure\n\nWhen asked how long the north pier would stay shut, Mayor Ana Ruiz said it would "
        "reopen in May.\n"
    ))
    who = render(brief, "text").split("Who said what", 1)[1].split("Timeline", 1)[0]
    assert "how long the north pier" not in who, who
    assert "reopen in May" in who
