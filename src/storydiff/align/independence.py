"""Which articles are independent sources.

Reprinted wire copy is one source however many outlets run it: articles whose
texts are near-duplicates (MinHash estimate of word 5-gram Jaccard similarity
of at least 0.5) fall into one group. A claim that an article attributes to
another outlet ("told Reuters", "according to the AP", "Reuters reported")
counts as that outlet's, not as a new confirmation: ``attributed_outlet``
names the outlet, and the align stage counts it with that outlet's own
article when the story has one.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from datasketch import MinHash, MinHashLSH

from storydiff.lexicon.outlets import OUTLET_ALIASES, WIRE_CREDITS
from storydiff.models import Article, Statement

DUPLICATE_JACCARD = 0.5
_PERMUTATIONS = 128
_WORD = re.compile(r"\w+")


def _minhash(text: str) -> MinHash:
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))}
    signature = MinHash(num_perm=_PERMUTATIONS, seed=7)
    signature.update_batch([s.encode() for s in shingles])
    return signature


def source_groups(articles: Sequence[Article]) -> dict[str, str]:
    """Map each article id to the id of the first article of its near-duplicate group."""
    lsh = MinHashLSH(threshold=DUPLICATE_JACCARD, num_perm=_PERMUTATIONS)
    group: dict[str, str] = {}
    for article in articles:
        signature = _minhash(article.text)
        matches = lsh.query(signature)
        group[article.id] = min((group[m] for m in matches), default=article.id)
        lsh.insert(article.id, signature)
    return group


def outlet_key(name: str) -> str:
    """A comparable form of an outlet name: "The Associated Press" -> "associated press"."""
    key = re.sub(r"^the\s+", "", name.strip().lower())
    return OUTLET_ALIASES.get(key, key)


_WIRES = frozenset(outlet_key(name) for name in (*WIRE_CREDITS, *WIRE_CREDITS.values()))


def attributed_outlet(statement: Statement, outlets: Collection[str] = ()) -> str | None:
    """The outlet whose reporting a statement relays, as an ``outlet_key``, or None.

    "told Reuters" (an outlet as recipient), "according to the AP" or "Reuters
    reported" (an outlet as speaker, when it is a wire service or an outlet of
    this story's articles).
    """
    if statement.recipient is not None and statement.recipient.is_outlet:
        return outlet_key(statement.recipient.text)
    speaker = outlet_key(statement.speaker.name or statement.speaker.text)
    if speaker in _WIRES or speaker in outlets:
        return speaker
    return None
