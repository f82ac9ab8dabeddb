"""Stage 4, cluster: group a stream of articles into stories, online and incrementally.

Each article is summarised once (:func:`describe`: title-and-lede
embedding, words, names, numbers, date), then :meth:`StoryIndex.place` puts
it into one of the live stories or starts a new one, and folds a second
live story into the joined one when the article ties them
(``Assignment.merged``). The index compares the article with the few nearest
live stories only, so the work per article stays flat as a corpus grows; its
whole state is plain data (``to_dict`` / ``from_dict``) for the store to
keep. The join-or-new decision is a small logistic model over named
similarity features (``FEATURE_NAMES``), trained by
``scripts/train_stories.py``; see ``docs/stories.md``.
"""

from storydiff.stories.features import StoryFeatures, describe, describe_many, lede_text
from storydiff.stories.index import Assignment, IndexSettings, StoryIndex
from storydiff.stories.model import JoinModel, load_model
from storydiff.stories.similarity import FEATURE_NAMES, StoryState

__all__ = [
    "FEATURE_NAMES",
    "Assignment",
    "IndexSettings",
    "JoinModel",
    "StoryFeatures",
    "StoryIndex",
    "StoryState",
    "describe",
    "describe_many",
    "lede_text",
    "load_model",
]
