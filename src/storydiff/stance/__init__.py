"""Stance of an article body towards a claim: agree, disagree, discuss or unrelated.

A tool of its own beside the pipeline (``storydiff stance``), trained on FNC-1:
``model`` loads the shipped LightGBM model and predicts, ``features`` builds
each (claim, body) feature row from a named table, ``text`` holds the tokens,
cue word lists and TF-IDF weights both share. FNC-1's files and score are in
``storydiff.eval.fnc``.
"""

from storydiff.stance.model import STANCES, StanceResult, predict_stance

__all__ = ["STANCES", "StanceResult", "predict_stance"]
