"""The article store of corpus mode: articles, their analysis and their stories in one SQLite file.

``ingest`` reads inputs into a store; :class:`Store` opens one to list
stories, search, export, and rebuild a story's analysis for its brief. The
schema and its version are in ``docs/store.md``.
"""

from storydiff.store.database import Store, StoredArticle, StoryRow, content_hash, story_analysis
from storydiff.store.ingest import IngestSummary, ingest
from storydiff.store.schema import VERSION
from storydiff.store.sources import Failure, parse_mapping

__all__ = [
    "VERSION",
    "Failure",
    "IngestSummary",
    "Store",
    "StoredArticle",
    "StoryRow",
    "content_hash",
    "ingest",
    "parse_mapping",
    "story_analysis",
]
