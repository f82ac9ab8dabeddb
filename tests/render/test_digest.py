"""The short brief: facts only, one point per quotation, the most important first, about 80 lines."""

from __future__ import annotations

import json
import re
from typing import Any

from storydiff.models import Brief
from storydiff.render import render
from storydiff.render.html import render_html
from storydiff.render.summary import BRIEF_LINES, fit, sections

from .test_html import TEXT_B, hand_brief

PLACES = ("the north pier", "the old lighthouse", "the ferry ramp", "the fish market", "the boat sheds",
          "the harbour wall", "the customs house", "the dry dock", "the chandlery", "the slipway")


def _sentence(article: str, n: int) -> str:
    place = PLACES[n % len(PLACES)]
    return (f"Crews from the {article} side inspected {place} on day {n} and logged cracks, loose bolts "
            f"and worn paint along most of its length.")


def _long_story(per_article: int = 30) -> Brief:
    """Three articles, each with many claims of its own and a few statements, by a hand-built brief."""
    articles, claims, unique, statements = [], [], [], []
    for article in ("A", "B", "C"):
        sentences = [_sentence(article, n) for n in range(per_article)]
        text = "\n\n".join(sentences) + "\n"
        articles.append({"id": article, "source": f"{article.lower()}.txt", "outlet": f"Harbour {article} News",
                         "title": None, "published": "2024-05-0" + str(ord(article) - 64), "dateline": None,
                         "text": text})
        ids = []
        for n, sentence in enumerate(sentences):
            start = text.index(sentence)
            cid = f"{article}{n + 1}"
            ids.append(cid)
            claims.append({"id": cid, "article": article, "text": sentence, "start": start,
                           "end": start + len(sentence), "statement": None, "sentence": n})
            if n % 5 == 0:
                crews = text.index("Crews", start)
                statements.append({
                    "id": f"{article}-S{n}", "article": article,
                    "speaker": {"name": None, "text": "Crews", "start": crews, "end": crews + 5,
                                "anonymous": True, "role": None, "entity": None},
                    "cue": {"text": "inspected", "start": crews + 20, "end": crews + 29},
                    "content": {"text": sentence[30:60], "start": start + 30, "end": start + 60},
                    "direct": False, "recipient": None, "when": None})
        unique.append({"article": article, "claims": ids})
    return Brief.from_dict({"schema": "storydiff.brief/1", "articles": articles, "entities": [],
                            "statements": statements, "claims": claims, "relations": [], "unique": unique})


def test_a_long_story_fits_in_about_80_lines_and_full_shows_everything() -> None:
    brief = _long_story()
    short = render(brief, "text", lines=BRIEF_LINES)
    full = render(brief, "text")
    assert len(short.splitlines()) <= BRIEF_LINES < len(full.splitlines())
    for article in ("A", "B", "C"):  # every article keeps some of its own points, and says what it leaves
        part = short.split(f"Only in Harbour {article} News", 1)[1].split("Only in", 1)[0]
        assert re.search(r"• Crews from", part)
        assert re.search(r"… \d+ more \(use --full\)", part)
    assert "use --full" not in full
    for claim in brief.claims:
        assert f"[{claim.id}]" in full
    markdown = render(brief, "markdown", lines=BRIEF_LINES)
    assert len(markdown.splitlines()) <= BRIEF_LINES and "more (storydiff brief --full)" in markdown
    assert all(f"\\[{c.id}\\]" in render(brief, "markdown") for c in brief.claims)


def test_the_html_report_keeps_every_point_with_the_rest_folded() -> None:
    html = render_html(_long_story())
    assert all(f'href="#claim-{c}{n}"' in html for c in "ABC" for n in range(1, 31))
    assert html.count('<details class="more"><summary>22 more</summary>') == 3


def test_fit_takes_items_in_turn_and_counts_the_more_line() -> None:
    assert fit([[2, 2, 2], [1, 1]], None) == [3, 2]
    assert fit([[2, 2, 2], [1, 1]], 7) == [2, 2]  # 2+2+1 ("… 1 more") + 1+1
    assert fit([[3], [], [1, 1, 1]], 2) == [1, 0, 1]  # every section shows its first item whatever the budget


def _with(changes: dict[str, Any]) -> dict[str, Any]:
    data = hand_brief()
    claims = {c["id"]: c for c in data["claims"]}
    for cid, fields in changes.items():
        claims[cid].update(fields)
    return data


def test_headlines_captions_bylines_pleasantries_and_fragments_are_never_points() -> None:
    data = _with({"A4": {"role": "caption"}, "B5": {"role": "fragment"}})
    data["agreed"][0]["claims"] = ["A1", "B1"]
    data["claims"][0]["role"] = "headline"  # A1: the title again; B1 still makes the agreed point
    brief = Brief.from_dict(data)
    parts = sections(brief)
    assert not parts.unique  # A4 and B5 were the only claims of their own
    assert [c.id for c in parts.left_out] == ["A1", "A4", "B5"]
    assert parts.agreed[0].claims[0].id == "B1"
    for fmt in ("text", "markdown"):
        out = render(brief, fmt)
        assert "Residents can read" not in out and "Ferry services will run" not in out, fmt
    html = render_html(brief)
    assert "3 sentences left out" in html
    assert json.loads(render(brief, "json"))["claims"][3]["role"] == "caption"  # JSON keeps everything


def test_a_quotation_split_over_two_claims_is_one_point() -> None:
    """B3 and B4 are the two sentences of one quotation: one bullet, citing both."""
    data = hand_brief()
    data["relations"] = [r for r in data["relations"] if r["type"] != "updates"]
    data["unique"][1]["claims"] = ["B3", "B4", "B5"]
    brief = Brief.from_dict(data)
    (only_b,) = [u for u in sections(brief).unique if u.article.id == "B"]
    assert [[c.id for c in p.claims] for p in sorted(only_b.points, key=lambda p: p.claims[0].start)] == [
        ["B3", "B4"], ["B5"]]
    quote = TEXT_B[TEXT_B.index("\u201cWe found"):TEXT_B.index("on Tuesday.") + len("on Tuesday.")]
    assert only_b.points[0].text == quote or only_b.points[1].text == quote
    only = render(brief, "text").split("Only in Valley Post", 1)[1].split("Who said what", 1)[0]
    assert "[B3][B4]" in only and only.count("We found more damage") == 1 and only.count("•") == 2
    assert "\\[B3\\] \\[B4\\]" in render(brief, "markdown")


def test_a_sentence_split_into_two_unique_claims_is_one_point() -> None:
    """"..., but it praised the engineers" alone would leave the reader asking who "it" is."""
    import storydiff
    from storydiff.models import Article

    first = Article(id="A", source="a.txt", outlet="Valley Herald", text=(
        "The harbour board said it needs more time to study the dredging report, but it praised the engineers "
        "for their careful survey of the channel.\n\nThe report was published on Monday."))
    second = Article(id="B", source="b.txt", outlet="County Post", text=(
        "Fishermen asked the council to dredge the north channel before the winter storms.\n\n"
        "The council meets on Friday."))
    brief = storydiff.brief([first, second])
    pieces = [c for c in brief.claims if c.article == "A" and c.sentence == 0]
    assert len(pieces) == 2, pieces  # the claim splitter cuts at ", but"
    only = render(brief, "text").split("Only in Valley Herald", 1)[1].split("Only in County Post", 1)[0]
    assert f"[{pieces[0].id}][{pieces[1].id}]" in only
    assert not re.search(r"•\s+it praised", only), only


def test_only_in_puts_what_matters_to_the_story_first() -> None:
    """A named source with a number, on entities both articles name, before an early aside."""
    data = hand_brief()
    data["entities"] = [{"id": "E1", "name": "Old Harbour Bridge", "type": "FAC", "aliases": [],
                         "articles": ["A", "B"]}]
    data["unique"][0]["claims"] = ["A3", "A4", "A2"]
    data["relations"] = [r for r in data["relations"] if r["type"] == "corroborates"]
    claims = {c["id"]: c for c in data["claims"]}
    claims["A2"].update(entities=["E1"], dates=["June"])
    brief = Brief.from_dict(data)
    (only_a,) = [u for u in sections(brief).unique if u.article.id == "A"]
    assert only_a.points[0].claims[0].id == "A2"
    text = render(brief, "text")
    assert text.index("[A2]") < text.index("[A3]")


def test_a_quotation_two_outlets_split_the_same_way_is_one_agreed_point() -> None:
    from storydiff.models import Article
    from storydiff.pipeline import build_brief
    from storydiff.render.summary import sections

    quote = ("We will rebuild the pier in timber before the summer season. "
             "The work will cost the town about four million crowns.")
    a = Article(id="A", source="a", outlet="Harbour Post", text=(
        "HARBOURTON — The council voted on Monday to rebuild the old pier.\n\n"
        f"\"{quote[:-1]},\" Mayor Ada Brook told reporters after the vote.\n\nThe opposition voted against the plan."))
    b = Article(id="B", source="b", outlet="Coast Radio", text=(
        "The old pier in Harbourton is to be rebuilt, the town council decided on Monday.\n\n"
        f"Mayor Ada Brook said: \"{quote}\"\n\nFishermen welcomed the decision."))
    brief = build_brief([a, b])
    quoted = [p for p in sections(brief).agreed if "timber" in p.text]
    assert len(quoted) == 1, [p.text for p in sections(brief).agreed]
    (point,) = quoted
    assert sorted(c.id for c in point.claims) == ["A2", "A3", "B2", "B3"]
    assert "timber" in point.text and "four million crowns" in point.text
    assert len(brief.agreed) > len(sections(brief).agreed)  # the JSON keeps each piece's point


def test_a_quotation_whole_in_one_outlet_and_in_two_quotes_in_another_is_one_agreed_point() -> None:
    from storydiff.models import Article
    from storydiff.pipeline import build_brief
    from storydiff.render.summary import sections

    a = Article(id="A", source="a", outlet="Harbour Post", text=(
        "HARBOURTON — The mayor of Harbourton asked the national government on Monday to pay for the bridge.\n\n"
        "“We have lived beside this river all our lives and we are not leaving, but the old bridge is falling "
        "apart and nobody in the capital will pay to fix it,” Mayor Ana Ruiz told a crowd at the town hall.\n\n"
        "The bridge was closed to lorries in March after inspectors found cracked cables.\n"))
    b = Article(id="B", source="b", outlet="Coast Radio", text=(
        "HARBOURTON — Mayor Ana Ruiz on Monday demanded that the national government pay for the bridge.\n\n"
        "“We have lived beside this river all our lives and we are not leaving,” Ruiz told residents at the "
        "town hall. “But the old bridge is falling apart and nobody in the capital will pay to fix it.”\n\n"
        "Inspectors found cracked cables on the bridge in March, and lorries have been banned from it since.\n"))
    brief = build_brief([a, b])
    quoted = [p for p in sections(brief).agreed if "river" in p.text or "falling apart" in p.text]
    assert len(quoted) == 1, [p.text for p in sections(brief).agreed]
    (point,) = quoted
    assert "not leaving" in point.text and "falling apart" in point.text
    assert len({c.id for c in point.claims}) == len(point.claims)  # the whole quotation cited once


def test_a_letter_one_outlet_quotes_and_another_prints_as_a_block_is_one_agreed_point() -> None:
    """One outlet quotes the letter (its inner quotation in the same curly marks), the other prints it
    without quotation marks: its two sentences are one point, not two."""
    from storydiff.models import Article
    from storydiff.pipeline import build_brief
    from storydiff.render.summary import sections

    a = Article(id="A", source="a", outlet="Harbour Post", text=(
        "Mayor Ada Brook wrote to the harbour council on Monday about the new breakwater.\n\n"
        "She added, \u201cNeedless to say, the breakwater was never \u201ca project of choice\u201d for this town. "
        "It has been paid for by every council since the great storm of 1990.\u201d\n\n"
        "The council meets again on Friday."))
    b = Article(id="B", source="b", outlet="Coast Radio", text=(
        "The mayor of Harbourton has answered her critics in a letter to the council.\n\n"
        "In the letter, Mayor Ada Brook wrote:\n\n"
        "Needless to say, the breakwater was never a project of choice for this town. "
        "It has been paid for by every council since the great storm of 1990.\n\n"
        "Fishermen welcomed the letter."))
    letter = [p for p in sections(build_brief([a, b])).agreed if "breakwater was never" in p.text]
    assert len(letter) == 1 and "great storm of 1990" in letter[0].text
    assert {c.article for c in letter[0].claims} == {"A", "B"} and len(letter[0].claims) == 4


def test_two_points_cut_from_one_quotation_in_each_article_are_one_point() -> None:
    """One outlet prints the mayor's quotation in two sentences, the other in four; the aligner pairs the
    pieces two ways ("A1 / B1" and "A1 A2 / B3"), with a piece between that no point cites: one point."""
    texts = {
        "A": "“We will rebuild the pier in timber, and we will not wait for the ministry to pay for it. "
             "The work starts in May,” Mayor Ada Brook said.",
        "B": "“We will rebuild the pier in timber. We will not wait for the ministry. Nobody should. "
             "The work starts in May,” Mayor Ada Brook said.",
    }
    pieces = {"A": ["We will rebuild the pier in timber, and we will not wait for the ministry to pay for it.",
                    "The work starts in May,”"],
              "B": ["We will rebuild the pier in timber.", "We will not wait for the ministry.", "Nobody should.",
                    "The work starts in May,”"]}
    articles, claims, statements = [], [], []
    for article, text in texts.items():
        articles.append({"id": article, "source": f"{article}.txt", "outlet": f"Harbour {article} News",
                         "title": None, "published": None, "dateline": None, "text": text})
        said = text.index("Mayor")
        statements.append({
            "id": f"{article}-S1", "article": article,
            "speaker": {"name": "Ada Brook", "text": "Mayor Ada Brook", "start": said, "end": said + 15,
                        "anonymous": False, "role": "Mayor", "entity": "E1"},
            "cue": {"text": "said", "start": said + 16, "end": said + 20},
            "content": {"text": text[1:said - 2], "start": 1, "end": said - 2}, "direct": True,
            "recipient": None, "when": None})
        for n, piece in enumerate(pieces[article]):
            start = text.index(piece)
            claims.append({"id": f"{article}{n + 1}", "article": article, "text": piece, "start": start,
                           "end": start + len(piece), "statement": f"{article}-S1", "sentence": n})
    brief = Brief.from_dict({
        "schema": "storydiff.brief/1", "articles": articles, "entities": [], "statements": statements,
        "claims": claims, "relations": [], "unique": [{"article": "B", "claims": ["B3"]}],
        "agreed": [{"kind": "agreed", "claims": ["A1", "B1"], "articles": ["A", "B"], "independent_sources": 2},
                   {"kind": "agreed", "claims": ["A1", "A2", "B4"], "articles": ["A", "B"],
                    "independent_sources": 2}]})
    (point,) = sections(brief).agreed
    assert [c.id for c in point.claims] == ["A1", "A2", "B1", "B4"]
    assert point.independent_sources == 2 and not point.one_source


def test_a_lead_in_that_ends_with_a_colon_is_one_point_with_what_it_introduces() -> None:
    from storydiff.models import Article
    from storydiff.pipeline import build_brief

    a = Article(id="A", source="a", outlet="Harbour Post", text=(
        "The old pier in Harbourton will close for repairs in June.\n\n"
        "Mayor Ada Brook posted this message to residents on Monday:\n\n"
        "\u201cThe pier will close for a month. The town will pay the fishermen for every day they lose.\u201d\n\n"
        "The repairs are expected to cost about four million crowns."))
    b = Article(id="B", source="b", outlet="Coast Radio", text=(
        "Harbourton's old pier is to close for repairs in June, the town said.\n\n"
        "Ferry services to the island will not be affected."))
    brief = build_brief([a, b])
    (only_a,) = [u for u in sections(brief).unique if u.article.id == "A"]
    led = [p for p in only_a.points if "posted this message" in p.text]
    assert len(led) == 1 and "pay the fishermen" in led[0].text, [p.text for p in only_a.points]
    assert not any("pay the fishermen" in p.text for p in only_a.points if p is not led[0])


def _sentences_brief(sentences: dict[str, list[str]], points: list[list[str]]) -> Brief:
    """A hand-built brief: each article's sentences as its claims ("A1", "A2", ...) and these agreed points."""
    articles, claims = [], []
    for article, texts in sentences.items():
        text = " ".join(texts)
        articles.append({"id": article, "source": f"{article}.txt", "outlet": f"Harbour {article} News",
                         "title": None, "published": None, "dateline": None, "text": text})
        for n, piece in enumerate(texts):
            start = text.index(piece)
            claims.append({"id": f"{article}{n + 1}", "article": article, "text": piece, "start": start,
                           "end": start + len(piece), "statement": None, "sentence": n})
    return Brief.from_dict({
        "schema": "storydiff.brief/1", "articles": articles, "entities": [], "statements": [], "claims": claims,
        "relations": [], "unique": [],
        "agreed": [{"kind": "agreed", "claims": p, "articles": sorted({c[0] for c in p}), "independent_sources": 2}
                   for p in points]})


def test_a_claim_two_points_cite_is_shown_once() -> None:
    """A claim that states two facts is cited by two points; when every claim of the second point is
    cited twice too, the second shows another claim than the first, not the same sentence again."""
    sentences = {"A": ["The mayor opened the new pier on Monday and said the ferries would run all winter."],
                 "B": ["The new pier opened on Monday.", "Ferries will run all winter, the mayor said."],
                 "C": ["The pier opened on Monday, a year late.", "The ferries will keep running in winter."]}
    brief = _sentences_brief(sentences, [["A1", "B1"], ["A1", "B2"], ["B1", "C1"], ["B2", "C2"]])
    shown = [p.text for p in sections(brief).agreed]
    assert len(shown) == len(set(shown)), shown


def test_the_same_words_another_outlet_printed_are_not_shown_twice() -> None:
    """A claim cited by two points, in the words another outlet's claim in the first point already shows:
    the second point shows one of its other claims."""
    quote = "\u201cWe will rebuild the pier in timber before the summer, whatever it costs.\u201d"
    sentences = {"A": [quote + " The mayor also said the ferries would run all winter."],
                 "B": [quote, "Ferries will run all winter, the mayor said."],
                 "C": ["The ferries will keep running in winter, the council said."]}
    brief = _sentences_brief(sentences, [["A1", "B1"], ["A1", "B2"], ["B2", "C1"]])
    shown = [p.text for p in sections(brief).agreed]
    assert sum("rebuild the pier" in text for text in shown) == 1, shown


def test_a_quotation_a_wire_copy_prints_without_marks_is_shown_quoted() -> None:
    """The wire drops the quotation marks and its claim splitter cuts the sentence at ", but": the point
    joins both pieces, and shows the words as the article that quotes them prints them."""
    import storydiff
    from storydiff.models import Article

    said = ("There is no sign the harbour wall will give way, but we will not take chances with the boats "
            "moored beside it")
    lede = "Divers found a crack in the harbour wall at Stenmouth on Monday, the port authority said."
    wire = Article(id="A", source="a.txt", outlet="Coast Wire", text=(
        f"{lede}\n\n{said}, harbour master Ola Dahl said.\n"))
    quoted = Article(id="B", source="b.txt", outlet="Stenmouth Herald", text=(
        f"{lede}\n\n\u201c{said},\u201d harbour master Ola Dahl said.\n"))
    out = render(storydiff.brief([wire, quoted]), "text")
    agreed = out.split("Agreed", 1)[1].split("Disputed", 1)[0]
    assert f"\u201c{said},\u201d" in " ".join(agreed.split()), agreed


def test_one_source_is_counted_in_the_singular() -> None:
    import storydiff
    from storydiff.models import Article

    text = "Divers found a crack in the harbour wall at Stenmouth on Monday, the port authority said.\n"
    brief = storydiff.brief([Article(id="A", source="a.txt", outlet="Coast Wire", text=text),
                             Article(id="B", source="b.txt", outlet="Stenmouth Herald", text=text)])
    assert "2 articles, 1 independent source\n" in render(brief, "text")
    assert "2 articles, 1 independent source\n" in render(brief, "markdown")


def test_an_agreed_quotation_shows_a_copy_that_ends_where_its_sentence_does() -> None:
    """The Harbour Post's quotation goes on past the words both outlets print ("..., and we have the
    crews"), so its copy of them stops mid-sentence; Coast Radio's ends with the quotation. The point
    shows Coast Radio's, not words cut off after "pier"."""
    import storydiff
    from storydiff.models import Article
    from storydiff.render.summary import sections

    a = Article(id="A", source="a", outlet="Harbour Post", text=(
        "HARBOURTON — The council voted on Monday to rebuild the old pier before the winter storms.\n\n"
        "“The pier will be rebuilt in timber,” Mayor Ada Brook said after the vote. “We have a hard winter "
        "ahead. We have the money for the new timber pier, and we have the crews who can do the work.”\n\n"
        "The opposition voted against the plan."))
    b = Article(id="B", source="b", outlet="Coast Radio", text=(
        "The old pier in Harbourton is to be rebuilt before the winter storms, the town council decided on "
        "Monday.\n\n“The pier will be rebuilt in timber. We have a hard winter ahead. We have the money for the "
        "new timber pier,” Mayor Ada Brook told the council.\n\nFishermen welcomed the decision."))
    (quoted,) = [p for p in sections(storydiff.brief([a, b])).agreed if "hard winter" in p.text]
    assert {c.article for c in quoted.claims} == {"A", "B"}
    assert quoted.text.endswith("Mayor Ada Brook told the council."), quoted.text


def test_one_claim_against_several_is_one_dispute_in_every_view() -> None:
    """Coast Radio's 47 pages against two outlets' 48 is one dispute with the 47 on its side, not the 47
    twice; a plan two outlets report the outcome of is one change, earlier then later."""
    sentences = {"A": ["The inspectors' report on the pier runs to 48 pages.", "The pier reopened on Friday."],
                 "B": ["The 47-page report was sent to the council.", "The pier is expected to reopen on Friday."],
                 "C": ["The council read the 48-page report on Monday.", "The pier opened again on Friday."]}
    data = _sentences_brief(sentences, []).to_dict()
    data["relations"] = [
        {"type": "conflicts", "claims": ["A1", "B1"], "confidence": 0.8, "reason": "numbers differ (48 vs 47 pages)"},
        {"type": "conflicts", "claims": ["B1", "C1"], "confidence": 0.9, "reason": "numbers differ (47 vs 48 pages)"},
        {"type": "updates", "claims": ["B2", "A2"], "confidence": 0.7, "reason": "plan, then outcome"},
        {"type": "updates", "claims": ["B2", "C2"], "confidence": 0.7, "reason": "plan, then outcome"},
    ]
    brief = Brief.from_dict(data)
    conflict, change = sections(brief).disputes
    assert [s.claim.id for s in conflict.sides] == ["B1", "A1", "C1"] and conflict.split == 1
    assert conflict.relation.reason == "numbers differ (47 vs 48 pages)" and len(conflict.relations) == 2
    assert [[s.claim.id for s in account] for account in change.accounts] == [["B2"], ["A2", "C2"]]
    for form, cited in (("text", "[{}]"), ("markdown", "\\[{}\\]"), ("html", 'href="#claim-{}"')):
        out = render(brief, form)
        assert out.count(cited.format("B1")) == 1 and out.count(cited.format("B2")) == 1, form
    html = render(brief, "html")
    assert html.count('class="account"') == 4
    # the later claim shared: its earlier ones come first
    data["relations"] = [{"type": "updates", "claims": [c, "C2"], "confidence": 0.7, "reason": "plan, then outcome"}
                         for c in ("A2", "B2")]
    (change,) = sections(Brief.from_dict(data)).disputes
    assert [[s.claim.id for s in account] for account in change.accounts] == [["A2", "B2"], ["C2"]]
