"""Names of days and months, as news text prints them.

``WEEKDAYS`` runs Monday first, as ``date.weekday()`` counts;
``WEEKDAY_ABBREVIATIONS`` gives each day's short forms ("Thu", "Thurs");
``MONTH_ABBREVIATIONS`` are the three-letter starts of the month names
("sept" and "september" both start "sep").
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
MONTH_ABBREVIATIONS: tuple[str, ...] = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)  # fmt: skip
