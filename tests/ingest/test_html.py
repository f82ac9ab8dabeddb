"""Tests for ``storydiff.ingest.html``: main text and metadata out of a news page."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmark_scripts import load_benchmark

from storydiff.errors import InputError
from storydiff.ingest.html import Page, extract_html

REPO = Path(__file__).parents[2]
SHARED_EXTRACTION = REPO.parent / "shared" / "data" / "extraction"

# A made-up local news page: site chrome around one short article.
FERRY_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Harbour ferry returns after winter repairs | The Lakeside Courier</title>
  <meta property="og:site_name" content="The Lakeside Courier">
  <meta property="og:title" content="Harbour ferry returns after winter repairs">
  <meta name="date" content="2024-03-14">
  <meta property="article:published_time" content="2024-03-14T07:30:00+00:00">
</head>
<body>
  <header>
    <nav><ul>
      <li><a href="/">Home</a></li><li><a href="/news">News</a></li>
      <li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li>
      <li><a href="/subscribe">Subscribe to our newsletter today</a></li>
    </ul></nav>
  </header>
  <main>
    <article>
      <h1>Harbour ferry returns after winter repairs</h1>
      <p class="byline">By Tomas Ridley, 14 March 2024</p>
      <p>The little blue ferry that links Millbrook Quay with the island of Tarn
      went back into service on Thursday morning after four months in dry dock,
      carrying forty passengers on its first crossing of the season.</p>
      <p>Engineers replaced both propeller shafts and rebuilt the wheelhouse,
      which had been damaged by a storm in November. The harbour board said the
      work cost a little over two hundred thousand pounds and came in under
      budget.</p>
      <p>"People on the island have been patient all winter," said Greta Olsen,
      who chairs the board. "Having the boat back means the school run and the
      market trips can go on as before."</p>
      <p>The timetable returns to six crossings a day from Monday, with an extra
      evening sailing on Fridays during the summer months.</p>
    </article>
  </main>
  <aside class="related">
    <h2>Most read</h2>
    <ul><li><a href="/a">Bakery wins county prize for its rye loaf</a></li>
    <li><a href="/b">Road closures planned for the spring fair</a></li></ul>
  </aside>
  <footer>
    <p>Copyright 2024 Lakeside Media Ltd. All rights reserved.</p>
    <p><a href="/privacy">Privacy policy</a> | <a href="/cookies">Cookie settings</a></p>
  </footer>
</body>
</html>
"""


@pytest.fixture(scope="module")
def ferry() -> Page:
    return extract_html(FERRY_PAGE, url="https://courier.example/news/ferry-returns")


def test_article_text_is_extracted(ferry: Page) -> None:
    assert "went back into service on Thursday morning" in ferry.text
    assert "six crossings a day from Monday" in ferry.text
    assert "Greta Olsen" in ferry.text


def test_boilerplate_is_left_out(ferry: Page) -> None:
    for chrome in ("Subscribe to our newsletter", "Most read", "rye loaf", "Privacy policy",
                   "All rights reserved"):
        assert chrome not in ferry.text


def test_headline_is_the_title_not_the_first_paragraph(ferry: Page) -> None:
    assert ferry.title == "Harbour ferry returns after winter repairs"
    assert not ferry.text.startswith("Harbour ferry returns")


def test_date_outlet_and_url(ferry: Page) -> None:
    assert ferry.published == "2024-03-14"
    assert ferry.outlet == "The Lakeside Courier"
    assert ferry.url == "https://courier.example/news/ferry-returns"


def test_bytes_in_a_declared_charset_are_decoded() -> None:
    page = FERRY_PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"')
    page = page.replace("two hundred thousand pounds", "£200,000 (the café owners paid a share)")
    extracted = extract_html(page.encode("iso-8859-1"))
    assert "£200,000 (the café owners paid a share)" in extracted.text


@pytest.mark.parametrize(
    "garbage",
    ["", "   ", "<html><body></body></html>", b"\x00\x01\x02\xff\xfe" * 40, "just a few words"],
)
def test_no_article_raises_input_error(garbage: str | bytes) -> None:
    with pytest.raises(InputError, match="no article text"):
        extract_html(garbage)


def test_no_article_with_url_names_the_page() -> None:
    with pytest.raises(InputError) as caught:
        extract_html("<html><body><nav>Home</nav></body></html>", url="https://x.example/p")
    assert caught.value.source == "https://x.example/p"


def test_scorer_follows_the_benchmark_definition() -> None:
    bench = load_benchmark("extraction")
    perfect = bench.score_f1([("one two three four five", "one two three four five")])
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
    # 2 of 3 true shingles found, 2 of 4 predicted shingles true.
    page = bench.score_page("a b c d e f", "a b c d e x y")
    assert page.precision == pytest.approx(0.5)
    assert page.recall == pytest.approx(2 / 3)
    assert bench.score_f1([("a b c d", "")]).f1 == 0.0


def test_shared_benchmark_pages_score_well() -> None:
    if not (SHARED_EXTRACTION / "ground-truth.json").is_file():
        pytest.skip(f"shared extraction data not found at {SHARED_EXTRACTION}")
    bench = load_benchmark("extraction")
    score = bench.run(SHARED_EXTRACTION, limit=10)
    assert score.pages == 10
    assert score.f1 > 0.9
