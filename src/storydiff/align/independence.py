"""Which articles are independent sources.

Reprinted wire copy is one source however many outlets run it: articles whose
texts are near-duplicates (word 5-gram Jaccard similarity of at least 0.5)
fall into one group. Up to ``EXACT_LIMIT`` articles the similarity is exact;
above that a MinHash LSH index estimates it, so datasketch (over a second to
import) is loaded only for large inputs. A claim that an article attributes to
another outlet ("told Reuters", "according to the AP", "Reuters reported")
counts as that outlet's, not as a new confirmation: ``attributed_outlet``
names the outlet, and the align stage counts it with that outlet's own
article when the story has one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from storydiff.lexicon.outlets import OUTLET_ALIASES, WIRE_CREDITS
from storydiff.models import Article, Statement

DUPLICATE_JACCARD = 0.5
EXACT_LIMIT = 500  # up to this many articles, similarities are exact (an index of shingles, about as fast as LSH)
_PERMUTATIONS = 128
_WORD = re.compile(r"\w+")


def _shingles(text: str) -> frozenset[str]:
    """The text's word 5-grams (the whole text as one shingle when it is shorter)."""
    words = _WORD.findall(text.lower())
    return frozenset(" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4)))


def source_groups(articles: Sequence[Article]) -> dict[str, str]:
    """Map each article id to the id of the first article of its near-duplicate group.

    Each article joins the lowest group among the earlier articles it
    near-duplicates, or starts its own.
    """
    shingles = [_shingles(article.text) for article in articles]
    if len(articles) > EXACT_LIMIT:
        return _lsh_groups(articles, shingles)
    holders: dict[str, list[int]] = {}  # shingle -> the earlier articles that have it
    group: dict[str, str] = {}
    for i, (article, grams) in enumerate(zip(articles, shingles, strict=True)):
        shared = Counter(j for gram in grams for j in holders.get(gram, ()))
        matches = (
            articles[j].id for j, n in shared.items()
            if n / (len(grams) + len(shingles[j]) - n) >= DUPLICATE_JACCARD
        )
        group[article.id] = min((group[m] for m in matches), default=article.id)
        for gram in grams:
            holders.setdefault(gram, []).append(i)
    return group


def _lsh_groups(articles: Sequence[Article], shingles: Sequence[frozenset[str]]) -> dict[str, str]:
    """``source_groups`` for many articles: candidates from a MinHash LSH index, not every pair."""
    from datasketch import MinHashLSH  # over a second to import; only large inputs pay for it

    lsh = MinHashLSH(threshold=DUPLICATE_JACCARD, num_perm=_PERMUTATIONS)
    group: dict[str, str] = {}
    for article, grams in zip(articles, shingles, strict=True):
        signature = _minhash(grams)
        matches = lsh.query(signature)
        group[article.id] = min((group[m] for m in matches), default=article.id)
        lsh.insert(article.id, signature)
    return group


def text_signature(text: str) -> Any:
    """The MinHash signature of a text's word 5-grams, as the LSH grouping makes them (the store keeps one)."""
    return _minhash(_shingles(text))


def _minhash(shingles: frozenset[str]) -> Any:  # a datasketch MinHash (datasketch ships no types)
    from datasketch import MinHash

    signature = MinHash(num_perm=_PERMUTATIONS, seed=7)
    signature.update_batch([s.encode() for s in shingles])
    return signature


def outlet_key(name: str) -> str:
    """A comparable form of an outlet name: "The Associated Press" -> "associated press"."""
    key = re.sub(r"^the\s+", "", name.strip().lower())
    return OUTLET_ALIASES.get(key, key)


_POSSESSIVE = re.compile(r"['’]s\s")
_WIRES = frozenset(outlet_key(name) for name in (*WIRE_CREDITS, *WIRE_CREDITS.values()))


def attributed_outlet(statement: Statement, outlets: Collection[str] = ()) -> str | None:
    """The outlet whose reporting a statement relays, as an ``outlet_key``, or None.

    "told Reuters" (an outlet as recipient), "according to the AP" or "Reuters
    reported" (an outlet as speaker, when it is a wire service or an outlet of
    this story's articles).
    """
    if statement.recipient is not None and statement.recipient.is_outlet:
        return outlet_key(_POSSESSIVE.split(statement.recipient.text)[0])  # "CNN's Jake Tapper": CNN
    speaker = outlet_key(statement.speaker.name or statement.speaker.text)
    if speaker in _WIRES or speaker in outlets:
        return speaker
    return None


def claim_source(
    article: str, outlet: str | None, statement: Statement | None, groups: Mapping[str, str],
    outlets: Mapping[str, str],
) -> tuple[str, str | None]:
    """The independent source a claim of ``article`` (printed by ``outlet``) counts as, and the outlet it
    cites (None when it is its article's own).

    ``groups`` maps article ids to their near-duplicate group (``source_groups``), ``outlets`` the
    ``outlet_key`` of each outlet in the story to its article's group. A claim relayed from an outlet
    ("told CNN") counts as that outlet's reporting: its article's group when the story has one, else
    ``outlet:KEY``. "told The Times" printed by The New York Times is its own reporting.
    """
    told = attributed_outlet(statement, outlets) if statement is not None else None
    if told is None:
        return groups.get(article, article), None
    mine = outlet_key(outlet) if outlet else ""
    if told not in outlets and mine.endswith(" " + told):
        told = mine
    return outlets.get(told, "outlet:" + told), told


def outlet_groups(articles: Sequence[Article], groups: Mapping[str, str]) -> dict[str, str]:
    """The ``outlet_key`` of each article's outlet, to the article's near-duplicate group."""
    return {outlet_key(a.outlet): groups.get(a.id, a.id) for a in articles if a.outlet}


def independent_sources(sourced: Iterable[tuple[str, str, str | None]]) -> set[str]:
    """The sources behind a group of claims, each given as (article id, ``claim_source`` key, outlet cited).

    One article is one source at most: its own reporting when any of its claims is its own, else the
    outlet it relays ("Ginsburg told The New York Times" quoted over three claims is one source).
    """
    own: dict[str, str] = {}
    relayed: dict[str, str] = {}
    for article, key, told in sourced:
        (own if told is None else relayed).setdefault(article, key)
    return set(own.values()) | {key for article, key in relayed.items() if article not in own}
