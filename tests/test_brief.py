"""The brief's promises: metadata found, residue excluded, JSON valid, every span exact."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

import storydiff

SCHEMA = json.loads(resources.files("storydiff.schema").joinpath("brief.schema.json").read_text())


def _spans(data):
    """Yield (article text, span dict) for every span in a brief's JSON."""
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for s in data["statements"]:
        for key in ("speaker", "cue", "content", "recipient", "when"):
            if s[key] is not None and "start" in s[key]:
                yield texts[s["article"]], s[key]
    for c in data["claims"]:
        yield texts[c["article"]], c


def _check_contract(brief):
    data = json.loads(storydiff.render(brief, "json"))
    jsonschema.validate(data, SCHEMA)
    spans = list(_spans(data))
    assert spans
    for text, span in spans:
        assert text[span["start"] : span["end"]] == span["text"]
    claim_ids = {c["id"] for c in data["claims"]}
    for relation in data["relations"]:
        assert set(relation["claims"]) <= claim_ids
        assert relation["reason"]
    return data


def test_seeds_brief_names_outlet_dateline_and_title(seeds_brief):
    reuters, buzzfeed = seeds_brief.articles
    assert reuters.outlet == "Reuters"
    assert reuters.dateline == "MOSCOW/BEIJING"
    assert buzzfeed.title == "The White House Has Ruled Out A Formal Meeting Between Trump And Putin In Vietnam"
    assert buzzfeed.dateline == "DA NANG, Vietnam"


def test_an_outlet_is_credited_by_its_own_sources_not_by_an_interview_elsewhere():
    """"Harbour officials told Coast Radio" in an article with no outlet names its outlet; "an official
    said on Coast Radio" is an interview on another outlet and names none."""
    from storydiff.models import Article
    from storydiff.pipeline import build_brief

    own = Article(id="A", source="a.txt", text=(
        "Pier to Close\n\nThe old pier will close in May, harbour officials told Coast Radio.\n"))
    elsewhere = Article(id="B", source="b.txt", text=(
        "Pier to Close\n\nA senior harbour official said on Coast Radio that the old pier would close in May.\n"))
    credited = {a.id: a.outlet for a in build_brief([own, elsewhere]).articles}
    assert credited == {"A": "Coast Radio", "B": None}, credited


def test_seeds_brief_keeps_web_residue_out_of_claims(seeds_brief):
    assert seeds_brief.claims
    assert not [c for c in seeds_brief.claims if "Skip to footer" in c.text]


def test_seeds_brief_json_follows_the_contract(seeds_brief):
    data = _check_contract(seeds_brief)
    assert data["schema"] == "storydiff.brief/1"


def test_seeds_entities_have_one_canonical_name(seeds_brief):
    names = {e.name: e for e in seeds_brief.entities}
    tillerson = names["Rex Tillerson"]
    assert {"Tillerson", "Rex Tillerson"} <= set(tillerson.aliases)
    assert tillerson.articles == ("A", "B")
    assert "Tillerson" not in names


@pytest.mark.parametrize("story", ["ferry", "bridge", "museum"])
def test_example_briefs_follow_the_contract(example_briefs, story):
    brief = example_briefs[story]
    assert len(brief.articles) >= 2
    _check_contract(brief)
    text = storydiff.render(brief, "text")
    assert max(len(line) for line in text.splitlines()) <= 100
    assert "Who said what" in text


def test_examples_show_agreement_and_unique_facts(example_briefs):
    ferry = example_briefs["ferry"]
    assert ferry.agreed, "the ferry story's outlets agree on the pay deal"
    assert any(u.claims for u in ferry.unique)
    wire = next(a for a in ferry.articles if a.outlet == "Baltic Wire")
    assert wire.dateline == "TROMSVIK/BERGEN"


def test_markdown_escapes_article_text():
    article = storydiff.Article(id="A", source="x.txt", text="The mayor said <b>hello</b> and *smiled* on Monday.")
    other = storydiff.Article(id="B", source="y.txt", text="The mayor smiled on Monday and said hello to the council.")
    brief = storydiff.brief([article, other])
    md = storydiff.render(brief, "markdown")
    assert "<b>" not in md


def test_examples_show_the_figures_that_differ(example_briefs):
    """Six weeks vs eight weeks and two paintings vs three are disputes, never agreement."""
    for story, words in (("bridge", ("six weeks", "eight weeks")), ("museum", ("Two", "Three"))):
        brief = example_briefs[story]
        disputes = [r for r in brief.relations if r.type in ("conflicts", "updates")]
        assert any(r.reason.startswith("numbers differ") for r in disputes), story
        for relation in brief.relations:
            texts = " / ".join(brief.claim(c).text for c in relation.claims)
            if all(w in texts for w in words) and relation.type == "corroborates":
                raise AssertionError(f"{story}: {relation}")


def test_who_said_what_lists_speech_not_plans(seeds_brief):
    """"The board wants to sell the terminal" is kept in JSON but is not something anyone said."""
    from storydiff.models import Article
    from storydiff.render.summary import is_reportable

    first = (
        "The harbour board wants to sell the old ferry terminal next year.\n\n"
        "Board chair Ines Varga said on Monday that the sale would pay for new piers."
    )
    second = (
        "Ines Varga told reporters the terminal would be sold.\n\n"
        "The city council hopes to keep the building open for a market."
    )
    brief = storydiff.brief([Article(id="A", source="a.txt", text=first), Article(id="B", source="b.txt", text=second)])
    plans = [s for s in brief.statements if s.cue.text in ("wants", "hopes")]
    assert len(plans) == 2 and not any(s.speech or is_reportable(s) for s in plans)
    said = [s for s in brief.statements if s.speaker.name == "Ines Varga"]
    assert len(said) == 2 and all(is_reportable(s) for s in said)
    text = storydiff.render(brief, "text")
    assert "wants:" not in text and "hopes:" not in text
    ushakov = [s for s in seeds_brief.statements if s.speaker.name == "Yuri Ushakov"]
    assert ushakov and all(is_reportable(s) for s in ushakov)


def test_timeline_orders_statements_by_when_they_were_said(example_briefs):
    text = storydiff.render(example_briefs["museum"], "text")
    timeline = text.split("Timeline", 1)[1]
    days = [line.split()[0] for line in timeline.splitlines() if line[:4].strip().isdigit()]
    assert days and days == sorted(days)
    assert days[0] == "2024-10-13"  # "police said on Sunday" in a Monday paper


def test_ferry_strike_announced_then_called_off_is_a_change(example_briefs):
    brief = example_briefs["ferry"]
    changes = [r for r in brief.relations if r.type in ("updates", "conflicts")]
    assert any("strike" in r.reason and "will not go" in r.reason for r in changes)


def test_bridge_cost_and_footbridge_are_changes(example_briefs):
    """The cost that rose and the footbridge ruled out are what an editor reads the second report for."""
    brief = example_briefs["bridge"]
    changes = {
        " / ".join(brief.claim(c).text for c in r.claims): r.reason
        for r in brief.relations if r.type == "updates"
    }
    assert any("2.4 million" in k and "3.1 million" in v and "figure moved" in v for k, v in changes.items()), changes
    assert any("footbridge" in k and "planned, then ruled out" in v for k, v in changes.items()), changes
    footbridge = next(s for s in brief.statements if "not be open to pedestrians" in s.content.text)
    assert footbridge.speaker.name == "Rosa Delgado"


def test_a_plain_text_brief_imports_nothing_it_does_not_use(tmp_path):
    """Cold start: near-duplicate hashing, HTML extraction, date parsing and ANN search load only when needed."""
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text(
        "Harbour master Lena Ostby said on Tuesday that the north pier would close for repairs.\n\n"
        "The council approved the repair budget last week, a spokesman said.\n"
    )
    (tmp_path / "b.txt").write_text(
        "The north pier will close while divers repair its pilings, harbour master Lena Ostby said.\n\n"
        "Fishermen said the closure would cost them a month of landings.\n"
    )
    code = (
        "import contextlib, io, sys\n"
        "from storydiff.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['brief', {str(tmp_path)!r}, '--format', 'json']) == 0\n"
        "print(' '.join(m for m in ('datasketch', 'trafilatura', 'lxml', 'dateparser', 'faiss') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == []


def test_a_headline_statement_is_not_in_who_said_what(example_briefs):
    """"Museum Theft: Three Works Missing, Director Says" sums up what the body reports Tobias Wren said;
    listed as a statement of "Director" it would stand beside his own words. The JSON keeps it."""
    from storydiff.render.summary import sections

    museum = example_briefs["museum"]
    headline = [s for s in museum.statements if s.cue.text == "Says"]
    assert headline, "the museum example's second title carries a statement"
    voices = [v.statement.id for group in sections(museum).speakers for v in group.statements]
    assert headline[0].id not in voices
    assert any(v.startswith("B-") for v in voices)


def test_an_only_in_quote_names_its_speaker_when_its_text_does_not():
    """A quotation whose "she said" is in the sentence before reads as nobody's words unless the brief
    says whose they are; one that names its speaker itself gets no second name."""
    from storydiff.render.summary import sections

    first = storydiff.Article(id="A", source="a.txt", text=(
        "The harbour board voted on Monday to close the old ferry ramp for repairs.\n\n"
        "\"We have waited ten years for this,\" board chair Ines Okafor said after the vote. "
        "\"And the ramp will not wait another winter.\"\n\n"
        "The work will cost 1.2 million crowns, Okafor said.\n"))
    # B carries the first quotation, so only its continuation is A's own
    second = storydiff.Article(id="B", source="b.txt", text=(
        "The harbour board decided on Monday that the old ferry ramp will close for repairs.\n\n"
        "\"We have waited ten years for this,\" said Ines Okafor, who chairs the board.\n\n"
        "Fishermen on the quay said they would move their boats to the north pier.\n"))
    brief = storydiff.brief([first, second])
    only = next(u for u in sections(brief).unique if u.article.id == "A")
    said_by = {p.text: p.said_by for p in only.points}
    assert said_by.get("\"And the ramp will not wait another winter.\"") == "Ines Okafor", said_by
    assert all(by is None for text, by in said_by.items() if "Okafor said" in text), said_by
    assert "— Ines Okafor" in storydiff.render(brief, "text")


def test_one_speaker_on_two_points_is_not_agreement(example_briefs):
    """The museum director says the paintings were insured in one report and that three were taken in the
    other: the same voice and the word "paintings" do not make them one fact."""
    museum = example_briefs["museum"]
    for relation in museum.relations:
        texts = " / ".join(museum.claim(c).text for c in relation.claims)
        if "insured" in texts and "Three paintings" in texts:
            assert relation.type != "corroborates", relation


def test_an_only_in_quote_and_its_continuation_are_one_point():
    from storydiff.render.summary import sections

    first = storydiff.Article(id="A", source="a.txt", text=(
        "The harbour board voted on Monday to close the old ferry ramp for repairs.\n\n"
        "\"We have waited ten years for this,\" board chair Ines Okafor said after the vote. "
        "\"And the ramp will not wait another winter.\"\n"))
    second = storydiff.Article(id="B", source="b.txt", text=(
        "The harbour board decided on Monday that the old ferry ramp will close for repairs.\n\n"
        "Fishermen on the quay said they would move their boats to the north pier.\n"))
    only = next(u for u in sections(storydiff.brief([first, second])).unique if u.article.id == "A")
    quoted = [p.text for p in only.points if "waited ten years" in p.text or "another winter" in p.text]
    assert len(quoted) == 1 and "another winter" in quoted[0], quoted


def test_a_pronoun_for_one_of_two_people_of_a_surname_links_to_that_person():
    text = (
        "Mayor Maria Lindqvist opened the new ferry terminal in Selby on Monday. Her husband, the retired "
        "harbour master Peter Lindqvist, spoke to the crowd before her.\n\n"
        "“I waited thirty years for this ferry,” Peter Lindqvist said. Later he added that the old quay "
        "would become a park.\n\n"
        "“This terminal belongs to everyone in Selby,” Maria Lindqvist said.\n"
    )
    brief = storydiff.brief([storydiff.Article(id="A", source="a.txt", text=text)])
    by_content = {s.content.text: s for s in brief.statements}
    peter = next(s for t, s in by_content.items() if "thirty years" in t)
    added = next(s for t, s in by_content.items() if "old quay" in t)
    maria = next(s for t, s in by_content.items() if "belongs to everyone" in t)
    assert added.speaker.name == "Peter Lindqvist" and added.speaker.entity == peter.speaker.entity
    assert maria.speaker.entity != peter.speaker.entity


def test_who_said_what_shows_the_preposition_its_cue_takes():
    text = (
        "The ferry crews' union called for a strike on Monday after the talks with the operator broke down.\n\n"
        "“We have waited long enough,” the union's chair, Maria Lindqvist, said.\n"
    )
    brief = storydiff.brief([storydiff.Article(id="A", source="a.txt", text=text)])
    out = storydiff.render(brief, "text")
    assert "called for: a strike" in out, out
    assert "called: a strike" not in out


def test_mr_with_a_bare_surname_links_to_the_one_man_of_that_name():
    first = storydiff.Article(id="A", source="a.txt", text=(
        "Harbour owner Peter Lindqvist said on Monday that the ferry would run all winter.\n\n"
        "His wife, Maria Lindqvist, runs the cafe on the quay.\n"))
    second = storydiff.Article(id="B", source="b.txt", text=(
        "Maria Lindqvist said the cafe would stay open.\n\n"
        "Mr. Lindqvist said the ferry would run all winter, whatever the weather.\n"))
    brief = storydiff.brief([first, second])
    peter = next(e for e in brief.entities if e.name == "Peter Lindqvist")
    mister = next(s for s in brief.statements if s.speaker.text == "Mr. Lindqvist")
    assert mister.speaker.entity == peter.id and mister.speaker.name == "Peter Lindqvist"


def test_reported_words_whose_subject_is_outside_them_are_not_listed():
    """"a levy ... ― a charge Democratic lawmakers say is a firm deal-breaker": "is a firm deal-breaker" says nothing
    on its own in "who said what"; the JSON keeps it, and a quotation opening on "is" stays listed."""
    from storydiff.models import Article
    from storydiff.render.summary import is_reportable

    text = (
        "The council's plan rests on a new levy on cargo ships ― a charge Democratic lawmakers say is a firm "
        "deal-breaker.\n\n"
        "“is a cancer on this port,” Ines Varga said of the levy."
    )
    brief = storydiff.brief([Article(id="A", source="a.txt", text=text)])
    fragment = [s for s in brief.statements if s.content.text.startswith("is a firm")]
    assert fragment and not any(is_reportable(s) for s in fragment)
    quoted = [s for s in brief.statements if "cancer" in s.content.text]
    assert quoted and all(is_reportable(s) for s in quoted)


def test_a_refusal_to_comment_is_shown_as_one():
    """"has repeatedly refused to comment on the details": who said what must not read "comment on: ..."."""
    text = (
        "The harbour inquiry widened on Tuesday.\n\n"
        "Mr. Lindqvist, the harbour master, has repeatedly refused to comment on the details of the inquiry "
        "while it is continuing."
    )
    brief = storydiff.brief([storydiff.Article(id="A", source="a.txt", text=text)])
    out = storydiff.render(brief, "text")
    assert "refused to comment on: the details" in out, out
