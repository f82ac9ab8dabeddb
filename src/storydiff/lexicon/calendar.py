"""Names of days and months, as news text prints them.

``WEEKDAYS`` runs Monday first, as ``date.weekday()`` counts;
``WEEKDAY_ABBREVIATIONS`` gives each day's short forms ("Thu", "Thurs");
``MONTHS`` runs January first; ``MONTH_ABBREVIATIONS`` are the three-letter
starts of the month names ("sept" and "september" both start "sep");
``MONTH_WORDS`` are the whole words that name a month (a full name, a
three-letter start, or "sept"), so "decades", "marks" and "mayor" are none.
"""

from __future__ import annotations

WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "monday": ("mon",),
    "tuesday": ("tue", "tues"),
    "wednesday": ("wed",),
    "thursday": ("thu", "thur", "thurs"),
    "friday": ("fri",),
    "saturday": ("sat",),
    "sunday": ("sun",),
}
MONTHS: tuple[str, ...] = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
MONTH_ABBREVIATIONS: tuple[str, ...] = tuple(month[:3] for month in MONTHS)
MONTH_WORDS: frozenset[str] = frozenset((*MONTHS, *MONTH_ABBREVIATIONS, "sept"))
