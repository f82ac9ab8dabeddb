"""The Python API checks what it is given: paths, URLs and Articles in, a clear ConfigError for anything else."""

from __future__ import annotations

from pathlib import Path

import pytest

import storydiff
from storydiff import Article, ConfigError
from storydiff.pipeline import _unique_ids

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

HARBOUR = (
    "Harbour master Lena Ostby said on Tuesday that the north pier would close for repairs in May.\n\n"
    "The council approved the repair budget last week, a spokesman said."
)
PIER = (
    "The north pier will close in May while divers repair its pilings, harbour master Lena Ostby said.\n\n"
    "Fishermen said the closure would cost them a month of landings."
)


@pytest.mark.parametrize("given", [42, None, b"examples/ferry", {"a.txt": "Reuters"}, 3.5])
def test_brief_refuses_what_is_not_an_input(given):
    with pytest.raises(ConfigError) as refused:
        storydiff.brief(given)
    message = str(refused.value)
    assert type(given).__name__ in message or "None" in message
    assert "path" in message and "Article" in message


def test_a_bad_item_in_a_list_is_named_by_position_and_type():
    with pytest.raises(ConfigError, match=r"input 2 is an int \(7\)"):
        storydiff.brief([str(EXAMPLES / "ferry"), 7])
    results = storydiff.read(["", str(EXAMPLES / "bridge"), "", str(EXAMPLES / "gone.txt")])
    assert [(r.article.id if r.article else r.error) for r in results] == [
        "empty input name; give a file, a folder, a URL or -", "A", "B",
        "empty input name; give a file, a folder, a URL or -", "no such file",
    ]


def test_an_article_without_text_is_refused_before_any_model_sees_it():
    with pytest.raises(ConfigError, match="text is None"):
        storydiff.brief([Article(id="A", source="a.txt", text=None)])  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="id"):
        storydiff.brief([Article(id="", source="a.txt", text=HARBOUR)])


def test_bad_read_options_are_config_errors():
    with pytest.raises(ConfigError, match="timeout"):
        storydiff.brief([str(EXAMPLES / "bridge")], timeout="soon")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="max_bytes"):
        storydiff.read([str(EXAMPLES / "bridge")], max_bytes=-1)
    with pytest.raises(ConfigError, match="outlets"):
        storydiff.read([str(EXAMPLES / "bridge")], outlets=["Reuters"])  # type: ignore[arg-type]


def test_read_takes_one_path_a_path_object_or_a_list_never_characters():
    folder = EXAMPLES / "bridge"
    by_string = storydiff.read(str(folder))
    assert [r.article.source for r in by_string] == [str(p) for p in sorted(folder.glob("*.txt"))]
    assert [r.article.id for r in by_string] == ["A", "B"]
    assert [r.article.text for r in storydiff.read(folder)] == [r.article.text for r in by_string]
    with pytest.raises(ConfigError, match="already read"):
        storydiff.read([Article(id="A", source="a.txt", text=HARBOUR)])
    with pytest.raises(ConfigError, match=r"read\(\) got an int"):
        storydiff.read(5)  # type: ignore[arg-type]


def test_repeated_ids_are_renamed_in_input_order():
    articles = [Article(id=i, source=f"{n}.txt", text=HARBOUR) for n, i in enumerate(["A", "A", "A-2", "A"])]
    assert [a.id for a in _unique_ids(articles)] == ["A", "A-3", "A-2", "A-4"]
    assert [a.source for a in _unique_ids(articles)] == ["0.txt", "1.txt", "2.txt", "3.txt"]


def test_brief_of_one_path_string_mixed_inputs_and_repeated_ids():
    museum = storydiff.brief(str(EXAMPLES / "museum"))
    assert [a.id for a in museum.articles] == ["A", "B"]
    assert {Path(a.source).name for a in museum.articles} == {"herald.txt", "post.txt"}

    harbour = Article(id="A", source="harbour.txt", text=HARBOUR)
    pier = Article(id="A", source="pier.txt", text=PIER)
    mixed = storydiff.brief([harbour, pier, EXAMPLES / "bridge" / "gazette.txt", str(EXAMPLES / "gone.txt")])
    assert [(a.id, Path(a.source).name) for a in mixed.articles] == [
        ("A", "harbour.txt"), ("A-2", "pier.txt"), ("B", "gazette.txt"),
    ]
    assert [Path(e.source).name for e in mixed.errors] == ["gone.txt"]
    claims_of = {a.id: [c for c in mixed.claims if c.article == a.id] for a in mixed.articles}
    assert all(claims_of.values()), "every article, renamed or not, has its own claims"
    for claim in mixed.claims:
        assert mixed.article(claim.article).text[claim.start : claim.end] == claim.text
