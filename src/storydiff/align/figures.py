"""Figures and dates in claims: which amounts and days two claims give, and whether they clash.

"Twelve people" vs "fifteen people" is one count told two ways; "about 40" is
never a precise figure to contradict; "in February" and "at the end of
February" agree, "on January 1" and "at the end of February" do not. Used by
the relation rules (:mod:`storydiff.align.relations`) and the checks on
matched facts (:mod:`storydiff.align.facts`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence

from storydiff.lexicon import MONTH_WORDS, WEEKDAYS
from storydiff.models import Claim


def number_clash(a: Claim, b: Claim, counted_only: bool = False) -> str | None:
    """'12 people' vs '15 people': the same unit with different amounts and no amount in common.

    ``counted_only`` leaves out units too generic to identify an event (people, percent, times).
    """
    left, right = _amounts(a), _amounts(b)
    for unit in sorted(left.keys() & right.keys()):
        if counted_only and unit.split()[-1] in _GENERIC_UNITS:
            continue
        if not left[unit] & right[unit]:
            return f"{'/'.join(sorted(left[unit]))} vs {'/'.join(sorted(right[unit]))} {unit}"
    return None


def values(claim: Claim) -> set[str]:
    """Every figure in the claim's numbers, approximate ones included: {"30", "5", "400000"}."""
    found = set()
    for text in claim.numbers:
        for word in text.lower().replace(",", "").replace("$", "").split():
            if re.fullmatch(r"\d+(?:\.\d+)?", word):
                found.add(word)
            elif word in _NUMBER_WORDS:
                found.add(str(_NUMBER_WORDS[word]))
    return found


def shared_amount(a: Claim, b: Claim) -> str | None:
    """A figure both claims give for the same unit: "5 percent"."""
    left, right = _amounts(a), _amounts(b)
    for unit in sorted(left.keys() & right.keys()):
        common = left[unit] & right[unit]
        if common:
            return f"{sorted(common)[0]} {unit}"
    return None


def _amounts(claim: Claim) -> dict[str, set[str]]:
    """Amounts by unit: "twelve people" -> {"people": {"12"}}; approximate amounts are left out."""
    found: dict[str, set[str]] = {}
    # Durations are dates to spaCy but amounts to a reader: "six weeks" vs "eight weeks".
    durations = [d for d in claim.dates if DURATION.fullmatch(d.lower())]
    for text in (*claim.numbers, *durations):
        lowered = text.lower()
        if any(w in lowered.split() for w in _APPROXIMATE):
            continue  # "more than 40", "about a dozen": not a precise figure to contradict
        words = lowered.replace(",", "").replace("$", "").replace("€", "").replace("£", "").split()
        value = next((w for w in words if re.fullmatch(r"\d+(?:\.\d+)?", w)), None)
        if value is None:
            value = next((str(_NUMBER_WORDS[w]) for w in words if w in _NUMBER_WORDS), None)
        if value is None:
            continue
        scale = next((w for w in words if w in ("million", "billion", "thousand", "percent", "%")), "")
        if scale in ("percent", "%"):
            units = ["percent"]  # "5 percent pay rise" and "5 percent rise" are one unit
        elif words[-1].removesuffix("s") in _TIME_UNITS:
            units = [words[-1].removesuffix("s")]
        else:
            units = [" ".join(filter(None, (scale, w.lower().removesuffix("s")))) for w in _units_after(claim, text)]
        for unit in units:
            found.setdefault(unit, set()).add(value)
    return found


_GENERIC_UNITS = frozenset({
    "people", "person", "percent", "time", "year", "month", "week", "day",
    "hour", "minute", "dollar", "euro", "pound", "member", "official",
})
_TIME_UNITS = frozenset({"minute", "hour", "day", "week", "month", "year"})
DURATION = re.compile(r"(?:\d+|[a-z]+)\s+(?:minute|hour|day|week|month|year)s?")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")  # a year as news prints one: "since 2002", "the 2016 race"
_APPROXIMATE = frozenset({"about", "around", "nearly", "almost", "over", "more", "less", "than", "up",
                          "roughly", "some", "several", "dozens", "hundreds", "thousands"})
def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_NUMBER_WORDS = {w: n for n, w in enumerate(_split(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
))}


def _units_after(claim: Claim, number: str) -> list[str]:
    """The words that may name what a number counts: "two small oil paintings" -> small, oil, paintings.

    Without a parse the noun cannot be told from its adjectives, so every word up
    to punctuation or a function word is a candidate; two amounts clash only on a
    candidate they share ("paintings").
    """
    at = claim.text.find(number)
    if at < 0:
        return []
    units = []
    for raw in claim.text[at + len(number):].split()[:3]:
        word = raw.strip("“”\"'")
        if not word[:1].isalpha() or word.lower() in _STOP_UNIT:
            break
        units.append(word.strip(",.;:"))
        if word[-1:] in ",.;:":
            break
    return units


_STOP_UNIT = frozenset(_split(
    "of in on at for from to by with and or but not were was are is be been will would had has have "
    "that which who after before during than as"
))


def is_day(text: str) -> bool:
    """Whether a date names a day or month ("Friday", "January 1", "the end of February")."""
    return any(w in WEEKDAYS or w in MONTH_WORDS for w in date_words(text))


def days(claim: Claim) -> list[str]:
    return [d for d in claim.dates if is_day(d)]


def dates_clash(a: Claim, b: Claim) -> bool:
    """Both claims date their event to a day or month, and share no day, month or number.

    "in February" and "at the end of February" agree; "on January 1" and "at the end
    of February" do not.
    """
    da, db = _day_words(days(a)), _day_words(days(b))
    return bool(da and db and not da & db)


def _day_words(dates: Iterable[str]) -> set[str]:
    """The weekdays, numbers and months (by their first three letters) of dates: "Feb. 28" -> {"feb", "28"}."""
    words = set()
    for date in dates:
        for word in date_words(date):
            if word in WEEKDAYS or word.isdigit():
                words.add(word)
            elif word in MONTH_WORDS:
                words.add(word[:3])
    return words


def date_words(text: str) -> list[str]:
    """The words of a printed date, lower case, without its punctuation: "Jan. 3" -> ["jan", "3"]."""
    return text.lower().replace(",", " ").replace(".", " ").split()


# "a 48-page indictment", "the 47-page indictment": a figure fused to its unit, naming a property of one thing.
# Ages ("a 68-year-old") are left out: two ages in one story are usually two people.
_MEASURE = re.compile(r"(?<![\w$.,-])(\d[\d,]*|[a-z]+)-([a-z]+)(-old)?\s+([a-z]{3,})\b", re.IGNORECASE)


def measures(text: str) -> dict[tuple[str, str], set[str]]:
    """Figures fused to a unit, by (unit, thing): "a 48-page indictment" -> {("page", "indictment"): {"48"}}."""
    found: dict[tuple[str, str], set[str]] = {}
    for match in _MEASURE.finditer(text):
        amount, unit, old, thing = match.groups()
        amount = amount.lower().replace(",", "")
        value = amount if amount.isdigit() else str(_NUMBER_WORDS.get(amount, ""))
        if old or not value:
            continue
        found.setdefault((unit.lower().removesuffix("s"), thing.lower()), set()).add(value)
    return found


def measure_clash(a: Claim, b: Claim) -> str | None:
    """"48-page" vs "47-page" indictment: one thing measured in one unit, two amounts and none in common."""
    left, right = measures(a.text), measures(b.text)
    for key in sorted(left.keys() & right.keys()):
        if not left[key] & right[key]:
            unit, thing = key
            return f"{'/'.join(sorted(left[key]))} vs {'/'.join(sorted(right[key]))}-{unit} {thing}"
    return None


# "$5,687.75 on Martha's Vineyard Holistic Retreat": an exact amount and what it was spent on, up to the next
# amount, clause break or the end. "about", "over", "more than" amounts are never contradicted.
_SPENT = re.compile(
    r"(?<!about )(?<!around )(?<!nearly )(?<!almost )(?<!over )(?<!than )(?<!roughly )"
    r"\$(\d[\d,]*(?:\.\d+)?)(?:\s(million|billion))?([^$;,.]*(?:\.\d[^$;,.]*)*)"
)
_NAME_WORD = re.compile(r"\b[A-Z][a-z]{2,}")


def named_amounts(text: str) -> list[tuple[str, frozenset[str]]]:
    """Each exact money amount with the capitalised words of what follows it: ("5687.75", {"Martha", ...})."""
    out = []
    for match in _SPENT.finditer(text.replace("’", "'")):
        amount, scale, tail = match.groups()
        names = frozenset(w for w in _NAME_WORD.findall(tail))
        out.append((amount.replace(",", "") + (f" {scale}" if scale else ""), names))
    return out


def named_amount_clash(a: Claim, b: Claim) -> str | None:
    """One named thing with two exact prices: "$5,687.75 on Martha's Vineyard Holistic Retreat" vs "$5,587.75 ...".

    The thing is what follows the amount; two amounts are for one thing when what follows them shares two
    capitalised words (a place, a shop, an event), and they clash when neither claim gives the other's amount
    for it.
    """
    left, right = named_amounts(a.text), named_amounts(b.text)
    for amount, names in left:
        for other, other_names in right:
            if len(names & other_names) < 2 or amount == other:
                continue
            if any(x == other for x, n in left if len(n & other_names) >= 2) or any(
                y == amount for y, n in right if len(n & names) >= 2
            ):
                continue
            return f"${_grouped(amount)} vs ${_grouped(other)}"
    return None


def _grouped(amount: str) -> str:
    whole, _, cents = amount.partition(".")
    head, _, scale = whole.partition(" ")
    text = f"{int(head):,}" + (f".{cents}" if cents else "")
    return text + (f" {scale}" if scale else "")


# "his final day in office will be Feb. 28", "her last day is Friday": the day someone leaves, whatever the verb.
_MONTH_DAY = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}|[A-Z][a-z]+day)"
_LAST_DAY = re.compile(
    rf"\b(?:last|final) day\b[^.;]{{0,40}}?\b(?:is|was|will be|would be)\s+(?:on\s+)?({_MONTH_DAY})"
)


def leaving_day(claim: Claim) -> str | None:
    """The day a claim says someone's last day is ("Feb. 28"), when it names a month and day or a weekday."""
    match = _LAST_DAY.search(claim.text)
    if match is None or not is_day(match.group(1)):
        return None
    return match.group(1)


def leaving_days_clash(a: Claim, b: Claim, leaves: frozenset[str]) -> str | None:
    """One claim's "last day is Feb. 28" against the other's leaving ("leave", "retire", ...) on another day.

    ``leaves``: the predicates that say someone leaves. "Will leave on January 1" / "his final day
    will be Feb. 28" clash; "at the end of February" / "Feb. 28" share February and do not.
    """
    for x, y in ((a, b), (b, a)):
        day = leaving_day(x)
        if day is None:
            continue
        other = leaving_day(y)
        theirs = {other} if other else (set(days(y)) if y.predicate in leaves else set())
        if theirs and not _day_words([day]) & _day_words(theirs):
            return f"{day} vs {', '.join(sorted(theirs))}"
    return None


# "the cost had risen to 3.1 million dollars": a quantity said to have moved to a new amount. The word
# before the verb (or before its "of ...": "the cost of the pier had risen") names the quantity; the other
# claim gives it at another amount ("would cost 2.4 million").
_MOVED = (
    r"(?:risen|rose|grown|grew|climbed|increased|jumped|soared|swelled|gone\s+up|went\s+up|"
    r"fallen|fell|dropped|decreased|declined|shrunk|shrank|gone\s+down|went\s+down)"
)
_AMOUNT = r"(?P<amount>[$€£]?\s?\d[\d,]*(?:\.\d+)?(?:\s+(?:thousand|million|billion|trillion))?(?:\s+[a-z]+)?)"
_CHANGED_TO = re.compile(
    rf"\b(?P<what>[a-z]{{3,}})(?:\s+of(?:\s+[\w’'-]+){{1,4}}?)?\s+(?:(?:has|have|had)\s+(?:now\s+|already\s+)?)?"
    rf"{_MOVED}\s+to\s+{_AMOUNT}",
    re.IGNORECASE,
)
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_CURRENCY = {"$": "dollar", "€": "euro", "£": "pound"}
_NOT_QUANTITY = frozenset(_split("it this that which what they he she who and has have had also now"))


def changed_to(text: str) -> tuple[str, float, str] | None:
    """(quantity, new amount, unit) of a claim saying a quantity has moved to a new amount, else None.

    "the cost had risen to 3.1 million dollars" -> ("cost", 3100000.0, "dollar"); "it rose to 5" -> None
    (a pronoun names no quantity).
    """
    match = _CHANGED_TO.search(text)
    if match is None or match.group("what").lower() in _NOT_QUANTITY:
        return None
    amount = _amount(match.group("amount"))
    return None if amount is None else (match.group("what").lower(), *amount)


def _amount(text: str) -> tuple[float, str] | None:
    """"$3.1 million" and "3.1 million dollars" -> (3100000.0, "dollar"); "12 percent" -> (12.0, "percent").

    A bare count has no unit: "12 on Friday" -> (12.0, "").
    """
    words = text.replace(",", "").split()
    currency = _CURRENCY.get(words[0][:1], "")
    try:
        value = float(words[0].lstrip("$€£ ").rstrip("."))
    except ValueError:
        return None
    rest = [w.lower().strip(".,;:") for w in words[1:]]
    if rest and rest[0] in _SCALES:
        value *= _SCALES[rest.pop(0)]
    unit = currency or (rest[0].removesuffix("s") if rest and rest[0] not in _STOP_UNIT else "")
    if not currency and YEAR.fullmatch(words[0]):
        return None  # "rose to 2019 levels": a year, not an amount
    return value, "percent" if unit == "%" else unit


def figure_changed(changed: Claim, other: Claim) -> str | None:
    """What moved, when ``changed`` says a quantity has moved to an amount that ``other`` gives otherwise.

    "the cost had risen to 3.1 million dollars" against "the repairs would cost 2.4 million dollars":
    "cost 2.4 million dollars, then 3.1 million": the quantity's word (as printed, or as a verb)
    followed within four words by an amount in the same unit, a different one.
    """
    moved = changed_to(changed.text)
    if moved is None:
        return None
    what, value, unit = moved
    root = what[:-1] if what.endswith("s") else what
    for match in re.finditer(rf"\b{re.escape(root)}\w*\s+(?:[\w'’-]+\s+){{0,4}}?{_AMOUNT}", other.text, re.IGNORECASE):
        before = _amount(match.group("amount"))
        if before is not None and before[1] == unit and before[0] != value:
            return f"{what} {_shown(before)}, then {_shown((value, unit))}"
    return None


def _shown(amount: tuple[float, str]) -> str:
    value, unit = amount
    for word, scale in sorted(_SCALES.items(), key=lambda kv: -kv[1]):
        if value >= scale:
            return f"{value / scale:g} {word} {unit}s"
    return f"{value:g}" + (f" {unit}" if unit == "percent" else f" {unit}s" if unit else "")


def changed_pairs(claims: Sequence[Claim], articles: Sequence[int]) -> Iterator[tuple[int, int]]:
    """Pairs (left < right) of claims of different articles where one moves a figure the other gives.

    Found through the words: "the cost had risen to 3.1 million dollars" and "the repairs would cost
    2.4 million dollars" share little else, and their vectors can sit below the candidates' floor.
    """
    moved = [n for n, claim in enumerate(claims) if changed_to(claim.text) is not None]
    for i in moved:
        for j, other in enumerate(claims):
            if articles[j] != articles[i] and figure_changed(claims[i], other) is not None:
                yield min(i, j), max(i, j)


# A money amount as printed: "$140,937,785", "$141 million", "43.9 million dollars".
_MONEY_PRINTED = re.compile(
    r"(?<![\w.,])(?:[$€£]\s?\d[\d,]*(?:\.\d+)?(?:\s+(?:thousand|million|billion|trillion))?|"
    r"\d[\d,]*(?:\.\d+)?(?:\s+(?:thousand|million|billion|trillion))?\s+(?:dollars|euros|pounds))"
)
EXACT_DIGITS = 4  # an amount printed with at least this many significant digits is exact ("$140,937,785")


def money(text: str) -> list[tuple[float, str, int, str]]:
    """The money amounts a text prints: (value, unit, significant digits, as printed).

    "$140,937,785" -> (140937785.0, "dollar", 9, "$140,937,785"); "roughly $141 million" ->
    (141000000.0, "dollar", 3, "$141 million").
    """
    found = []
    for match in _MONEY_PRINTED.finditer(text):
        amount = _amount(match.group())
        if amount is None:
            continue
        number = match.group().split()[0].lstrip("$€£")
        digits = re.sub(r"\D", "", number).strip("0")
        found.append((*amount, len(digits) or 1, match.group()))
    return found


def rounded_alike(a: Claim, b: Claim) -> str | None:
    """One money amount printed exactly on one side and rounded on the other: "$141 million" / "$140,937,785".

    The rounded amount must be the exact one rounded at its own last digit (so "nearly $44 million"
    is $43,885,310, and "$45 million" is not), in the same currency. Returns "'rounded' ≈ 'exact'".
    """
    for exact_side, rounded_side in ((a, b), (b, a)):
        for value, unit, digits, printed in money(exact_side.text):
            if digits < EXACT_DIGITS:
                continue
            for other, other_unit, other_digits, other_printed in money(rounded_side.text):
                if other_unit != unit or other_digits >= EXACT_DIGITS or other <= 0:
                    continue
                place = 10.0 ** (math.floor(math.log10(other)) - other_digits + 1)
                if not math.isclose(round(value / place) * place, other):
                    continue
                bound = _BOUND.search(rounded_side.text[: rounded_side.text.find(other_printed)])
                if bound is not None and (value < other if bound.group("over") else value > other):
                    continue  # "over $10,000" is not $9,587.64, nor "nearly $44 million" $44.2 million
                return f"'{other_printed}' ≈ '{printed}'"
    return None


# "over $10,000", "nearly $44 million": a rounded amount that also says on which side the exact one lies.
_BOUND = re.compile(
    r"(?:(?P<over>\b(?:over|more than|above|at least|upwards of|in excess of))|"
    r"\b(?:nearly|almost|under|less than|just under|close to|up to))\s*$",
    re.IGNORECASE,
)
