"""How the lexicon writes its word lists: whitespace-separated words in a string."""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """The words of a whitespace-separated list, as a set."""
    return frozenset(text.split())
