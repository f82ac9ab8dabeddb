"""Words that negate what follows them: "will not hold", "never agreed", "no decision".

Two cuts, kept apart because each stage was tuned on its own:
``NEGATORS`` are parser tokens (so the clitic "n't" is one), read on a
claim's predicate; ``NEGATING_WORDS`` are plain words of a claim's text,
where "without" also denies and contractions are caught by their ending.
"""

from __future__ import annotations

from storydiff.lexicon.words import word_set

NEGATORS: frozenset[str] = word_set("not n't never no nobody nothing neither nor none")
NEGATING_WORDS: frozenset[str] = word_set("not never no nobody nothing none neither nor without")
