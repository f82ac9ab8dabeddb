"""Fixtures for the nlp tests: the spaCy pipeline, loaded once per session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storydiff.nlp.parse import load_spacy


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The pipeline storydiff analyses with (a PyPI package, no download), loaded once."""
    return load_spacy()
