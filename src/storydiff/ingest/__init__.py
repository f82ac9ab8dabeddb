"""Stage 1, read: inputs (files, pages, URLs, stdin) to Article records."""

from storydiff.ingest.reader import ReadOptions, article_id, read

__all__ = ["ReadOptions", "article_id", "read"]
