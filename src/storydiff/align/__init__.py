"""Stage 3, align: match claims across articles and decide how they relate."""

from storydiff.align.aligner import Alignment, align

__all__ = ["Alignment", "align"]
