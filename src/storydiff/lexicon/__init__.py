"""The lexicon: every word list and text rule that more than one stage reads, once.

- ``speech``: verbs of speech (``SPEECH_LEMMAS``) and the named variants
  stages use (``SPEECH_LIKE_LEMMAS``, ``SAYING_CORE_LEMMAS``, ``SPEECH_PREFIXES``);
- ``outlets``: wire credits, outlet words, outlet initials;
- ``datelines``: what a dateline is ("OSLO (Reuters) - ");
- ``negation``: words that negate (``NEGATORS``, ``NEGATING_WORDS``);
- ``calendar``: names of weekdays and months;
- ``names``: short forms of first names ("Bill" for William);
- ``places``: the U.S. states as news writes them ("Calif.", "(D-Calif.)");
- ``words``: ``word_set``, how lists are written.

A list that only one module reads lives with that module (the statement
extractor's cue lists are in ``storydiff.nlp.statements.cues``).
"""

from __future__ import annotations

from storydiff.lexicon.calendar import MONTH_ABBREVIATIONS, MONTH_WORDS, MONTHS, WEEKDAY_ABBREVIATIONS, WEEKDAYS
from storydiff.lexicon.datelines import DATELINE, dateline_length, find_dateline, is_place
from storydiff.lexicon.names import FEMALE_FIRST_NAMES, FIRST_NAMES, MALE_FIRST_NAMES, same_first_name
from storydiff.lexicon.negation import NEGATING_WORDS, NEGATORS
from storydiff.lexicon.outlets import OUTLET_ALIASES, OUTLET_WORDS, PLATFORMS, WIRE_CREDITS
from storydiff.lexicon.speech import (
    SAYING_CORE_LEMMAS,
    SPEECH_LEMMAS,
    SPEECH_LIKE_LEMMAS,
    SPEECH_PREFIXES,
)
from storydiff.lexicon.words import word_set

__all__ = [
    "DATELINE",
    "FEMALE_FIRST_NAMES",
    "FIRST_NAMES",
    "MALE_FIRST_NAMES",
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "MONTH_WORDS",
    "NEGATING_WORDS",
    "NEGATORS",
    "OUTLET_ALIASES",
    "OUTLET_WORDS",
    "PLATFORMS",
    "SAYING_CORE_LEMMAS",
    "SPEECH_LEMMAS",
    "SPEECH_LIKE_LEMMAS",
    "SPEECH_PREFIXES",
    "WEEKDAYS",
    "WEEKDAY_ABBREVIATIONS",
    "WIRE_CREDITS",
    "dateline_length",
    "find_dateline",
    "is_place",
    "same_first_name",
    "word_set",
]
