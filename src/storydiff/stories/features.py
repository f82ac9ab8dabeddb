"""What the story stage knows about one article: a small, ``Doc``-free summary.

Clustering compares a new article with the live stories, so each article is
reduced once to the few things that tell look-alike events apart: a dense
vector of its title and lede, its content words (lede and whole body, counted
separately), the names it mentions, the numbers it prints, and its date. The
summary is plain data, so a store can keep it and a runner can build it
anywhere; the embedding may be passed in when the caller has it already (in
corpus mode the brief pipeline embeds the article anyway).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np

from storydiff.errors import InputError
from storydiff.stories.dates import find_months, month_number

LEDE_CHARS = 400  # the title plus about the first two sentences
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])")
_SENTENCE_START = re.compile(r"(?:^|[.!?]['\"”’)]?\s+|\n\s*)$")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words (the one list the project already ships)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(w.lower() for w in STOP_WORDS) | {"said", "says", "told", "according", "reported", "mr", "mrs"}


@dataclass(frozen=True, slots=True)
class StoryFeatures:
    """One article as the story stage sees it.

    ``vector`` is the L2-normalised embedding of title and lede; the term
    counts are lowercased content words; ``names`` are capitalised words
    seen away from a sentence start (people, places, organisations, days);
    ``numbers`` are printed figures; ``lede_names`` the names of title and lede
    (the event's actors and place, where look-alike events differ most); ``published`` is ``YYYY-MM-DD`` or None.
    """

    id: str
    vector: np.ndarray = field(repr=False)
    lede_terms: Mapping[str, int] = field(repr=False)
    body_terms: Mapping[str, int] = field(repr=False)
    names: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()
    published: str | None = None
    lede_names: frozenset[str] = frozenset()
    cited_months: frozenset[int] = frozenset()  # months whose dates the text prints (``dates.find_months``)

    @property
    def day(self) -> int | None:
        """The publication date as a day number (proleptic ordinal), or None when unknown."""
        return date.fromisoformat(self.published).toordinal() if self.published else None

    @property
    def month(self) -> int | None:
        """The publication month as a month number (``dates.month_number``), or None when unknown."""
        return month_number(date.fromisoformat(self.published)) if self.published else None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data; :meth:`from_dict` reads it back unchanged."""
        return {
            "id": self.id,
            "vector": [float(x) for x in self.vector],
            "lede_terms": dict(self.lede_terms),
            "body_terms": dict(self.body_terms),
            "names": sorted(self.names),
            "numbers": sorted(self.numbers),
            "published": self.published,
            "lede_names": sorted(self.lede_names),
            "cited_months": sorted(self.cited_months),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StoryFeatures:
        """Rebuild a summary written by :meth:`to_dict`."""
        return cls(
            id=str(data["id"]),
            vector=np.asarray(data["vector"], dtype=np.float32),
            lede_terms=dict(data["lede_terms"]),
            body_terms=dict(data["body_terms"]),
            names=frozenset(data["names"]),
            numbers=frozenset(data["numbers"]),
            published=data.get("published"),
            lede_names=frozenset(data.get("lede_names", ())),
            cited_months=frozenset(int(m) for m in data.get("cited_months", ())),
        )


def lede_text(title: str | None, text: str) -> str:
    """Title and the opening of the text: what the embedding and the lede terms read."""
    head = text.strip()[:LEDE_CHARS]
    return f"{title.strip()}\n{head}" if title and title.strip() else head


def terms(text: str) -> Counter[str]:
    """Lowercased content words of ``text`` (stop words and one-letter words dropped)."""
    stop = _stop_words()
    out: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        word = match.group().lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) > 2 and word not in stop:
            out[word] += 1
    return out


def names(text: str) -> frozenset[str]:
    """Capitalised words away from a sentence start, and runs of them, lowercased ("reid", "tara reid")."""
    stop = _stop_words()
    out = set()
    run: list[str] = []
    run_end = -1
    for match in _WORD.finditer(text):
        word = match.group()
        is_name = word[0].isupper() and len(word) > 1
        at_start = match.start() == 0 or bool(_SENTENCE_START.search(text[max(0, match.start() - 4) : match.start()]))
        lowered = word.lower().replace("’", "'").removesuffix("'s")
        if not is_name or lowered in stop:
            run = []
            continue
        if run and text[run_end : match.start()].strip() == "":
            run.append(lowered)
            out.add(" ".join(run[-2:]))
        else:
            run = [lowered]
        run_end = match.end()
        if not at_start:
            out.add(lowered)
    return frozenset(out)


def numbers(text: str) -> frozenset[str]:
    """Printed figures with their thousands separators removed ("6.1", "2008", "15000")."""
    return frozenset(m.group().replace(",", "").rstrip(".") for m in _NUMBER.finditer(text))


def check_date(article_id: str, published: str | None) -> str | None:
    """``published`` as ``YYYY-MM-DD``, or an :class:`InputError` naming the article."""
    if published is None or published == "":
        return None
    try:
        return date.fromisoformat(published[:10]).isoformat()
    except ValueError as exc:
        raise InputError(article_id, f"date {published!r} is not YYYY-MM-DD; pass it as an ISO date or None") from exc


def describe(
    article_id: str,
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    vector: np.ndarray | None = None,
    extra_names: Iterable[str] = (),
) -> StoryFeatures:
    """Summarise one article for story clustering.

    ``vector`` is the embedding of :func:`lede_text` when the caller has it
    (else it is computed here, one model call); ``extra_names`` adds names
    found by a parser (spaCy entities) to the capitalised words.
    """
    if vector is None:
        from storydiff.nlp.embed import embed

        vector = embed([lede_text(title, text)])[0]
    full = f"{title}\n{text}" if title else text
    published = check_date(article_id, published)
    norm = float(np.linalg.norm(vector))
    return StoryFeatures(
        id=article_id,
        vector=(np.asarray(vector, dtype=np.float32) / (norm if norm > 0 else 1.0)),
        lede_terms=dict(terms(lede_text(title, text))),
        body_terms=dict(terms(full)),
        names=names(full) | frozenset(n.lower() for n in extra_names),
        numbers=numbers(full),
        published=published,
        lede_names=names(lede_text(title, text)),
        cited_months=find_months(full, published),
    )


def describe_many(
    items: Sequence[tuple[str, str, str | None, str | None]],
) -> list[StoryFeatures]:
    """Summarise ``(id, text, title, published)`` items, embedding them in one batch."""
    from storydiff.nlp.embed import embed

    vectors = embed([lede_text(title, text) for _, text, title, _ in items])
    return [
        describe(article_id, text, title=title, published=published, vector=vectors[i])
        for i, (article_id, text, title, published) in enumerate(items)
    ]


def sublinear(count: int) -> float:
    """The weight of a term seen ``count`` times in one article (1 + log count)."""
    return 1.0 + math.log(count) if count > 0 else 0.0
