"""The HTML report: self-contained, safe with hostile article text, usable in a real browser."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from storydiff.render.html import render_html

from .conftest import DESKTOP, PHONE

INJECTIONS = ('<script>alert(1)</script>', '<img src=x onerror=alert(1)>',
              '<a href="javascript:alert(1)">the full plan</a>')

# -- a small brief built by hand (the story and its wording are made up) ---------

TEXT_A = (
    "PORT ELLIS \u2014 The city council voted on Monday to close the Old Harbour Bridge "
    "for repairs.\n\n"
    "Mayor Dana Whitlock said the bridge would reopen in June. "
    f"Inspectors found rust in two support beams. {INJECTIONS[1]}\n\n"
    f"Residents can read {INJECTIONS[2]} on the council website. {INJECTIONS[0]}\n"
)
TEXT_B = (
    "The Old Harbour Bridge is to close for repairs after a council vote on Monday.\n"
    "A council engineer, who asked not to be named, said the work could last until "
    "September. \u201cWe found more damage than anyone expected. It will take months,\u201d "
    "the engineer told the Valley Post on Tuesday.\n"
    "Ferry services will run every half hour while the bridge is shut.\n"
)


def _span(text: str, piece: str, after: int = 0) -> dict[str, Any]:
    start = text.index(piece, after)
    return {"text": piece, "start": start, "end": start + len(piece)}


def _claim(cid: str, article: str, text: str, piece: str, statement: str | None = None) -> dict:
    return {"id": cid, "article": article, **_span(text, piece), "statement": statement,
            "sentence": int(cid[1:]), "entities": [], "polarity": "positive",
            "modality": "definite", "numbers": [], "dates": []}


def _statement(sid: str, article: str, text: str, speaker: str, cue: str, content: str, *,
               name: str | None, direct: bool, anonymous: bool = False, role: str | None = None,
               recipient: str | None = None, when: tuple[str, str] | None = None) -> dict:
    spk = _span(text, speaker)
    return {
        "id": sid, "article": article,
        "speaker": {"name": name, **spk, "anonymous": anonymous, "role": role, "entity": None},
        "cue": _span(text, cue, spk["start"]), "content": _span(text, content), "direct": direct,
        "recipient": {**_span(text, recipient), "is_outlet": True} if recipient else None,
        "when": {**_span(text, when[0]), "date": when[1]} if when else None,
    }


def hand_brief(title_a: str = f"Council shuts harbour bridge {INJECTIONS[0]}") -> dict[str, Any]:
    """Two outlets on one local story; article A carries hostile markup in title and text."""
    claims = [
        _claim("A1", "A", TEXT_A, "The city council voted on Monday to close the Old Harbour "
               "Bridge for repairs."),
        _claim("A2", "A", TEXT_A, "Mayor Dana Whitlock said the bridge would reopen in June.",
               "SA1"),
        _claim("A3", "A", TEXT_A, "Inspectors found rust in two support beams."),
        _claim("A4", "A", TEXT_A, f"Residents can read {INJECTIONS[2]} on the council website."),
        _claim("B1", "B", TEXT_B, "The Old Harbour Bridge is to close for repairs after a "
               "council vote on Monday."),
        _claim("B2", "B", TEXT_B, "A council engineer, who asked not to be named, said the work "
               "could last until September.", "SB1"),
        _claim("B3", "B", TEXT_B, "\u201cWe found more damage than anyone expected.", "SB2"),
        _claim("B4", "B", TEXT_B, "It will take months,\u201d the engineer told the Valley Post "
               "on Tuesday.", "SB2"),
        _claim("B5", "B", TEXT_B, "Ferry services will run every half hour while the bridge is "
               "shut."),
    ]
    statements = [
        _statement("SA1", "A", TEXT_A, "Mayor Dana Whitlock", "said",
                   "the bridge would reopen in June", name="Dana Whitlock", role="Mayor",
                   direct=False),
        _statement("SB1", "B", TEXT_B, "A council engineer", "said",
                   "the work could last until September", name=None, anonymous=True,
                   role="council engineer", direct=False),
        # The quotation runs across a sentence (claim) boundary: spans must split, not vanish.
        _statement("SB2", "B", TEXT_B, "the engineer", "told",
                   "We found more damage than anyone expected. It will take months,",
                   name=None, anonymous=True,
                   role="council engineer", direct=True, recipient="Valley Post",
                   when=("on Tuesday", "2024-03-05")),
    ]
    return {
        "schema": "storydiff.brief/1",
        "articles": [
            {"id": "A", "source": "javascript:alert(1)", "outlet": "Coastal Courier",
             "title": title_a, "published": "2024-03-04", "dateline": "PORT ELLIS", "url": None,
             "excluded": [], "source_group": "A", "text": TEXT_A},
            {"id": "B", "source": "https://valleypost.example/bridge", "outlet": "Valley Post",
             "title": "Bridge repairs may run to September", "published": "2024-03-05",
             "dateline": None, "url": None, "excluded": [], "source_group": "B", "text": TEXT_B},
        ],
        "entities": [],
        "statements": statements,
        "claims": claims,
        "relations": [
            {"type": "corroborates", "claims": ["A1", "B1"], "confidence": 0.91,
             "reason": "Both report the council vote to close the bridge.", "similarity": 0.88},
            {"type": "conflicts", "claims": ["A2", "B2"], "confidence": 0.72,
             "reason": "June versus September for the end of the works.", "similarity": 0.6},
            {"type": "updates", "claims": ["A3", "B3"], "confidence": 0.55,
             "reason": "Later report finds more damage than first described.", "similarity": 0.5},
        ],
        "unique": [{"article": "A", "claims": ["A4"]}, {"article": "B", "claims": ["B5"]}],
        "agreed": [{"kind": "agreed", "claims": ["A1", "B1"], "articles": ["A", "B"], "independent_sources": 2}],
        "errors": [{"source": "missing.html", "reason": "file not found"}],
        "future_field": {"ignored": True},
    }


class _Collect(HTMLParser):
    """Text of the elements under `class="text"` paragraphs, and the tags seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.paragraphs: dict[str, list[str]] = {}
        self._article: str | None = None
        self._in_text = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        self.tags.append((tag, attr))
        if tag == "article":
            self._article = (attr.get("id") or "").removeprefix("article-")
        if tag == "div" and attr.get("class") == "text":
            self._in_text = 1
            self.paragraphs[self._article or ""] = []
        elif self._in_text and tag == "p":
            self.paragraphs[self._article or ""].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div":
            self._in_text = 0

    def handle_data(self, data: str) -> None:
        if self._in_text and self._article in self.paragraphs:
            self.paragraphs[self._article][-1] += data


def _parse(html: str) -> _Collect:
    parser = _Collect()
    parser.feed(html)
    return parser


# -- without a browser ----------------------------------------------------------

def test_article_text_survives_markup_exactly() -> None:
    """Every character of each article shows up once, in order, whatever is highlighted."""
    parsed = _parse(render_html(hand_brief()))
    for article_id, text in (("A", TEXT_A), ("B", TEXT_B)):
        expected = [line for line in text.split("\n") if line.strip()]
        assert parsed.paragraphs[article_id] == expected


def test_hostile_markup_never_becomes_markup() -> None:
    html = render_html(hand_brief())
    tags = _parse(html).tags
    assert [t for t, _ in tags].count("script") == 1  # only the report's own script
    assert not [t for t, _ in tags if t in {"img", "iframe", "object", "embed", "form"}]
    hrefs = [a.get("href") or "" for t, a in tags if t == "a"]
    assert not [h for h in hrefs if not h.startswith(("#", "https://", "http://"))]
    assert not [a for _, a in tags if any(k.startswith("on") for k in a)]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_csp_allows_exactly_the_inline_style_and_script() -> None:
    html = render_html(hand_brief())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp, "no Content-Security-Policy meta tag"
    policy = csp.group(1)
    assert "unsafe-inline" not in policy and "default-src 'none'" in policy
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.DOTALL)
        assert body
        digest = base64.b64encode(hashlib.sha256(body.group(1).encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy


def test_report_shows_every_part_of_the_brief() -> None:
    html = render_html(hand_brief())
    for expected in ('href="#claim-A1"', 'href="#claim-B1"', 'id="claim-A1"', 'id="stmt-SB2"',
                     "Only in</span> Coastal Courier", "2 independent sources", "Dana Whitlock",
                     "unnamed source", "missing.html", "file not found", "Independent report",
                     "June versus September"):
        assert expected in html, expected


def test_agreed_points_fall_back_to_corroborating_relations() -> None:
    """A brief without ``agreed`` groups (an older one) still shows its agreed points."""
    brief = hand_brief()
    del brief["agreed"]
    brief["relations"].append({"type": "corroborates", "claims": ["B5", "A4"], "confidence": 0.5, "reason": "x"})
    html = render_html(brief)
    agreed = html[html.index('id="agreed"'):html.index('id="disputed"')]
    assert agreed.count('class="point agreed"') == 2
    assert agreed.index('href="#claim-A4"') < agreed.index('href="#claim-B5"')  # earliest article first


def test_near_copies_count_once() -> None:
    brief = hand_brief()
    brief["articles"][1]["source_group"] = "A"
    html = render_html(brief)
    assert "Near-copy of Coastal Courier; counts once" in html and "Copied by Valley Post" in html


def test_report_assets_ship_in_the_package() -> None:
    """report.css and report.js are package data, or an installed (non-editable) storydiff cannot render HTML."""
    import fnmatch
    import tomllib

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    patterns = tomllib.loads(pyproject.read_text())["tool"]["setuptools"]["package-data"]["storydiff"]
    for asset in ("render/report.css", "render/report.js"):
        assert any(fnmatch.fnmatch(asset, p) for p in patterns), f"{asset} missing from package-data"


def test_empty_brief_still_renders() -> None:
    html = render_html({"schema": "storydiff.brief/1", "articles": []})
    assert "<h1>Story brief</h1>" in html and "No contradiction was found." in html


# -- in a real browser ----------------------------------------------------------

def _assert_clean(report: Any) -> None:
    assert report.requests == [report.url], f"unexpected requests: {report.requests}"
    assert report.console_errors == []
    assert report.dialogs == []


def test_injected_markup_renders_as_text(open_report: Any) -> None:
    report = open_report(render_html(hand_brief()))
    page = report.page
    assert page.locator("img").count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0
    assert page.get_by_text(INJECTIONS[0], exact=False).first.is_visible()
    assert INJECTIONS[1] in page.locator("#article-A .text").inner_text()
    assert INJECTIONS[2] in page.locator("#article-A .text").inner_text()
    assert INJECTIONS[0] in page.title()
    _assert_clean(report)


def test_csp_blocks_markup_injected_at_runtime(open_report: Any) -> None:
    page = open_report(render_html(hand_brief())).page
    page.evaluate("document.body.insertAdjacentHTML('beforeend', "
                  "'<img src=x onerror=\"window.hit=1\"><svg onload=\"window.hit=1\"></svg>')")
    page.wait_for_timeout(100)
    assert page.evaluate("window.hit") is None


@pytest.mark.parametrize("use_keyboard", [False, True], ids=["click", "keyboard"])
def test_citation_chip_shows_and_highlights_the_sentence(open_report: Any,
                                                         use_keyboard: bool) -> None:
    from playwright.sync_api import expect

    report = open_report(render_html(hand_brief()), viewport=PHONE)
    page = report.page
    chip = page.locator('#agreed a.chip[href="#claim-B1"]')
    if use_keyboard:
        chip.focus()
        page.keyboard.press("Enter")
    else:
        chip.click()
    sentence = page.locator("#claim-B1")
    expect(sentence).to_be_in_viewport()
    expect(sentence).to_have_class(re.compile(r"\bhl\b"))
    expect(sentence).to_be_focused()
    assert page.evaluate("location.hash") == "#claim-B1"
    _assert_clean(report)


def test_citation_chip_works_without_javascript(open_report: Any) -> None:
    from playwright.sync_api import expect

    report = open_report(render_html(hand_brief()), viewport=PHONE, js=False)
    report.page.locator('#agreed a.chip[href="#claim-B1"]').click()
    expect(report.page.locator("#claim-B1")).to_be_in_viewport()
    assert report.page.url.endswith("#claim-B1")
    _assert_clean(report)


def test_highlight_covers_every_piece_of_a_split_span(open_report: Any) -> None:
    """B4 is cut in two by a quotation that starts before it; both pieces light up."""
    brief = hand_brief()
    brief["relations"].append({"type": "related", "claims": ["A4", "B4"], "confidence": 0.3,
                               "reason": "not shown"})
    brief["unique"][1]["claims"].append("B4")
    page = open_report(render_html(brief)).page
    page.locator('a.chip[href="#claim-B3"]').first.click()
    page.locator('a.chip[href="#claim-B4"]').first.click()
    pieces = page.locator('[data-ref="claim-B4"]')
    assert pieces.count() >= 2
    for i in range(pieces.count()):
        assert "hl" in (pieces.nth(i).get_attribute("class") or "")
    assert page.locator(".text .hl").count() == pieces.count()  # the previous one is gone


def test_speaker_cue_and_content_are_marked(open_report: Any) -> None:
    page = open_report(render_html(hand_brief())).page
    article = page.locator("#article-A")
    assert article.locator(".spk").first.inner_text() == "Mayor Dana Whitlock"
    assert article.locator(".cue").first.inner_text() == "said"
    assert article.locator(".said").first.inner_text() == "the bridge would reopen in June"
    weight = article.locator(".spk").first.evaluate("e => getComputedStyle(e).fontWeight")
    style = article.locator(".cue").first.evaluate("e => getComputedStyle(e).fontStyle")
    assert int(weight) >= 600 and style == "italic"  # not told apart by colour alone


def test_timeline_filters_by_speaker(open_report: Any) -> None:
    page = open_report(render_html(hand_brief())).page
    assert page.locator(".timeline > li").count() == 3
    page.select_option("#speaker", "Dana Whitlock")
    assert page.locator(".timeline > li:visible").count() == 1
    page.select_option("#speaker", "")
    assert page.locator(".timeline > li:visible").count() == 3


def test_page_fits_a_phone_screen(open_report: Any) -> None:
    page = open_report(render_html(hand_brief()), viewport=PHONE).page
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


# -- end to end: real briefs of the seed story and the example stories ----------

def _check_report(open_report: Any, html: str, name: str, screenshot_dir: Path) -> None:
    """Open at desktop and phone width: fast, clean, fits, chips work; keep screenshots."""
    from playwright.sync_api import expect

    size = len(html.encode("utf-8"))
    assert size < 500_000, f"{name} report is {size} bytes"
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        report = open_report(html, viewport=viewport, name=f"{name}-{width}")
        page = report.page
        print(f"\n{name} {width}: {size} bytes, load {report.load_ms:.0f} ms (wall {report.wall_ms:.0f} ms), "
              f"screenshots in {screenshot_dir}")
        assert report.load_ms < 1000, f"load took {report.load_ms:.0f} ms"
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        page.screenshot(path=str(screenshot_dir / f"{name}-{width}.png"))
        page.screenshot(path=str(screenshot_dir / f"{name}-{width}-full.png"), full_page=True)
        chips = page.locator("main a.chip")
        assert chips.count() > 0, "the report cites nothing"
        chip = chips.first
        target = page.locator(chip.get_attribute("href") or "")
        chip.click()
        expect(target).to_be_in_viewport()
        expect(target).to_have_class(re.compile(r"\bhl\b"))
        page.screenshot(path=str(screenshot_dir / f"{name}-{width}-cited.png"))
        _assert_clean(report)


def test_seed_story_report(open_report: Any, seeds_brief: Any, screenshot_dir: Path) -> None:
    """The two seed articles: the report a person reads and shares."""
    _check_report(open_report, render_html(seeds_brief.to_dict()), "seeds", screenshot_dir)


def test_example_story_reports(open_report: Any, example_briefs: dict[str, Any], screenshot_dir: Path) -> None:
    assert example_briefs, "no example stories under examples/"
    for name, brief in example_briefs.items():
        _check_report(open_report, render_html(brief.to_dict()), f"example-{name}", screenshot_dir)
