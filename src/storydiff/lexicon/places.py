"""The U.S. states as news writes them: in full, in the AP's short forms, as postal codes.

American political news ties a lawmaker to a state in one of a few shapes:
"Nancy Pelosi (D-Calif.)", "Rep. Tim Ryan (Ohio)", "Chuck Schumer of New
York", "Florida Sen. Marco Rubio", and later calls them "the California
Democrat". ``state_named(text)`` reads the state out of such a piece of
text; the speaker resolver uses it to keep "the California Democrat" from
the Ohio congressman named just before.
"""

from __future__ import annotations

import re

# Each state: its full name, the AP stylebook's abbreviation (none for the eight short names it
# spells out), its postal code.
_STATES = (
    ("Alabama", "Ala.", "AL"), ("Alaska", "", "AK"), ("Arizona", "Ariz.", "AZ"), ("Arkansas", "Ark.", "AR"),
    ("California", "Calif.", "CA"), ("Colorado", "Colo.", "CO"), ("Connecticut", "Conn.", "CT"),
    ("Delaware", "Del.", "DE"), ("Florida", "Fla.", "FL"), ("Georgia", "Ga.", "GA"), ("Hawaii", "", "HI"),
    ("Idaho", "", "ID"), ("Illinois", "Ill.", "IL"), ("Indiana", "Ind.", "IN"), ("Iowa", "", "IA"),
    ("Kansas", "Kan.", "KS"), ("Kentucky", "Ky.", "KY"), ("Louisiana", "La.", "LA"), ("Maine", "", "ME"),
    ("Maryland", "Md.", "MD"), ("Massachusetts", "Mass.", "MA"), ("Michigan", "Mich.", "MI"),
    ("Minnesota", "Minn.", "MN"), ("Mississippi", "Miss.", "MS"), ("Missouri", "Mo.", "MO"),
    ("Montana", "Mont.", "MT"), ("Nebraska", "Neb.", "NE"), ("Nevada", "Nev.", "NV"),
    ("New Hampshire", "N.H.", "NH"), ("New Jersey", "N.J.", "NJ"), ("New Mexico", "N.M.", "NM"),
    ("New York", "N.Y.", "NY"), ("North Carolina", "N.C.", "NC"), ("North Dakota", "N.D.", "ND"),
    ("Ohio", "", "OH"), ("Oklahoma", "Okla.", "OK"), ("Oregon", "Ore.", "OR"), ("Pennsylvania", "Pa.", "PA"),
    ("Rhode Island", "R.I.", "RI"), ("South Carolina", "S.C.", "SC"), ("South Dakota", "S.D.", "SD"),
    ("Tennessee", "Tenn.", "TN"), ("Texas", "", "TX"), ("Utah", "", "UT"), ("Vermont", "Vt.", "VT"),
    ("Virginia", "Va.", "VA"), ("Washington", "Wash.", "WA"), ("West Virginia", "W.Va.", "WV"),
    ("Wisconsin", "Wis.", "WI"), ("Wyoming", "Wyo.", "WY"),
)
# Full names and the AP's forms, with or without their last period ("Calif" as a tokenizer
# leaves it): these are read anywhere in a phrase. Postal codes only where a party letter
# stands before them ("D-CA"), since "IN", "OR" and "ME" are words.
_WRITTEN: dict[str, str] = {}
for _full, _short, _code in _STATES:
    _WRITTEN[_full.lower()] = _full
    if _short:
        _WRITTEN[_short.lower()] = _full
        _WRITTEN[_short.lower().rstrip(".")] = _full
    _WRITTEN[_code.lower()] = _full
_WRITTEN["tex."] = _WRITTEN["tex"] = "Texas"  # the old abbreviations some outlets keep
_WRITTEN["wash"] = "Washington"
_CODES = frozenset(code.lower() for _, _, code in _STATES)
# The short forms a dateline or a place puts after a town and a comma ("in Washington, D.C."), as the
# tokenizer keeps them: one token, with the period.
PLACE_ABBREVIATIONS = frozenset([*(s for _, s, _ in _STATES if s), "D.C.", "Tex."])

# Longest first, so that "West Virginia" is not read as Virginia nor "New York" as York.
_IN_TEXT = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(f) for f in sorted((f for f, _, _ in _STATES), key=len, reverse=True))
    + "|"
    + "|".join(re.escape(s) for s in sorted((s for _, s, _ in _STATES if s), key=len, reverse=True))
    + r")(?![\w])"
)
# "(D-Calif.)", "(R-S.C.)", "(I-VT)", "(Ohio)": a party letter and a state, or a state alone.
_PARTY_STATE = re.compile(r"^(?:[DRI]\s*[-\u2010\u2011\u2013]\s*)?([A-Za-z. ]+?)\.?$")


def state_named(text: str) -> str | None:
    """The one U.S. state a phrase names in full or by the AP's abbreviation ("The California
    Democrat", "Florida Sen.", "the North Carolina lawmaker"), else None; Washington alone is
    the capital as often as the state, so it counts only before "state"."""
    found = {_WRITTEN[m.group(1).lower()] for m in _IN_TEXT.finditer(text)}
    if "Washington" in found and not re.search(r"\bWashington [Ss]tate\b", text):
        found.discard("Washington")
    return found.pop() if len(found) == 1 else None


def state_in_parentheses(inside: str) -> str | None:
    """The state of a lawmaker's parenthetical, read without its parentheses: "D-Calif." or
    "R-S.C." or "D-CA" or "Ohio" is that state; "D" alone, "left" or a year is none."""
    match = _PARTY_STATE.match(inside.strip())
    if match is None:
        return None
    word = match.group(1).strip().lower()
    party = inside.strip()[:1] in "DRI" and len(inside.strip()) > 1 and inside.strip()[1] in "-\u2010\u2011\u2013 "
    if word in _CODES and not party:
        return None  # "(AP)" is no state; "(OR)" alone is too short to trust
    return _WRITTEN.get(word) or _WRITTEN.get(word + ".")
