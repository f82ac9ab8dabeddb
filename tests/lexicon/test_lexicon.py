"""The lexicon: one owner for each shared word list and the dateline rule.

Examples are our own wording.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from storydiff.align.aligner import is_speech
from storydiff.ingest.metadata import read_metadata
from storydiff.lexicon.places import state_in_parentheses, state_named
from storydiff.lexicon import (
    SAYING_CORE_LEMMAS,
    SPEECH_LEMMAS,
    SPEECH_LIKE_LEMMAS,
    WIRE_CREDITS,
    dateline_length,
    find_dateline,
)

SRC = Path(__file__).parents[2] / "src" / "storydiff"


@pytest.mark.parametrize(
    ("text", "place", "credit"),
    [
        ("BERGEN (Reuters) - The ferry will run again.", "BERGEN", "Reuters"),
        ("PORT LOUIS, Mauritius — Harbour fees rose.", "PORT LOUIS, Mauritius", None),
        ("OSLO/BERGEN (AP) -- Tolls stay.", "OSLO/BERGEN", "AP"),
        ("TROMSVIK ― The ferry will run again.", "TROMSVIK", None),  # a horizontal bar (U+2015), as some outlets print
    ],
)
def test_a_dateline_gives_its_place_and_credit(text: str, place: str, credit: str | None) -> None:
    found = find_dateline(text)
    assert found is not None
    assert found.group("place") == place and found.group("credit") == credit
    assert text[dateline_length(text) :].startswith(("The", "Harbour", "Tolls"))


@pytest.mark.parametrize(
    "text",
    [
        "NO WAY THIS WILL EVER PASS THE COUNCIL - said one member.",  # a shouted sentence, not a place
        "The mayor - who rarely speaks - said little.",
        "Ferries run daily.",
    ],
)
def test_text_without_a_dateline_keeps_all_its_characters(text: str) -> None:
    assert find_dateline(text) is None and dateline_length(text) == 0


def test_metadata_reads_the_dateline_the_same_rule_finds() -> None:
    text = "Ferry Fares Frozen\n\nBERGEN (AP) - The ferry company froze its fares for a year, its chief said.\n"
    meta = read_metadata(text)
    assert meta.dateline == "BERGEN"
    assert meta.outlet == WIRE_CREDITS["ap"] == "Associated Press"


def test_an_update_marker_is_skipped_like_a_dateline_but_is_no_place() -> None:
    text = "Pier Closed\n\nUPDATE: 7:19 p.m. -- The Harbour Post now reports that the pier has closed.\n"
    assert dateline_length("UPDATE: 7:19 p.m. -- The Harbour Post now reports") == len("UPDATE: ")
    assert read_metadata(text).dateline is None


def test_the_speech_variants_are_named_cuts_of_one_list() -> None:
    assert SPEECH_LEMMAS < SPEECH_LIKE_LEMMAS
    assert {"cite", "according"} <= SPEECH_LIKE_LEMMAS - SPEECH_LEMMAS
    assert {"say", "tell", "warn"} <= SAYING_CORE_LEMMAS
    assert is_speech("told") and is_speech("according to") and not is_speech("wants")


def test_no_module_outside_the_lexicon_defines_a_shared_list() -> None:
    # A second copy of a shared list drifts: every module imports these names instead.
    shared = {"SPEECH_LEMMAS", "WIRE_CREDITS", "OUTLET_WORDS", "DATELINE", "_DATELINE", "_SPEECH", "_ALSO_SPEECH"}
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.parent.name == "lexicon":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AnnAssign):
                targets = [node.target]
            else:
                continue
            offenders += [f"{path.name}: {t.id}" for t in targets if isinstance(t, ast.Name) and t.id in shared]
    assert offenders == []


def test_a_state_is_read_in_full_or_by_its_abbreviation() -> None:
    assert state_named("the North Carolina lawmaker") == "North Carolina"
    assert state_named("the West Virginia senator") == "West Virginia"  # not Virginia
    assert state_named("Calif. Rep.") == "California"
    assert state_named("the Washington press corps") is None  # the capital as often as the state
    assert state_named("a Texas and Ohio alliance") is None  # two states name no one person's


def test_a_lawmakers_parenthetical_gives_the_state() -> None:
    assert state_in_parentheses("D-Calif.") == "California"
    assert state_in_parentheses("R-S.C.") == "South Carolina"
    assert state_in_parentheses("Ohio") == "Ohio"
    assert state_in_parentheses("D-CA") == "California"
    assert state_in_parentheses("OR") is None  # a postal code alone is also a word
    assert state_in_parentheses("AP") is None
