"""A merge the story index reports is applied by the store in the same transaction as the batch."""

from __future__ import annotations

from pathlib import Path

from storydiff.models import Article
from storydiff.nlp.analysis import analyze_each
from storydiff.store.database import Store, StoredArticle

# Two halves of one strike, first filed as two stories; a third article ties them.
STRIKE = [
    ("gull-1", "2026-05-11", "Gullwing deckhands walk out",
     "Deckhands at Gullwing Lines walked out in Caskey Harbour on Monday, union organiser Tobias Renn said."),
    ("gull-2", "2026-05-13", "Merrow Point crossings cancelled",
     "All crossings to Merrow Point were cancelled on Wednesday as engineers joined the walkout."),
    ("gull-3", "2026-05-12", "Caskey ferry strike spreads to engineers",
     "Engineers joined the deckhands' strike at Gullwing Lines on Tuesday, and the Merrow Point crossings stopped."),
]


def test_merged_story_articles_move_to_the_kept_story_with_its_dates(tmp_path: Path) -> None:
    articles = [Article(id=aid, source=f"{aid}.txt", text=text, title=title, published=day)
                for aid, day, title, text in STRIKE]
    analyzed = analyze_each(articles)
    with Store(tmp_path / "store.db") as store:
        store.add([StoredArticle(analyzed[0], "s1"), StoredArticle(analyzed[1], "s2")], {"state": 1})
        assert len(store.stories()) == 2
        store.add([StoredArticle(analyzed[2], "s1")], {"state": 2}, merges=[("s2", "s1")])
        (story,) = store.stories()
    assert story.id == "s1"
    assert set(story.articles) == {"gull-1", "gull-2", "gull-3"}
    assert (story.first_seen, story.last_seen) == ("2026-05-11", "2026-05-13")
