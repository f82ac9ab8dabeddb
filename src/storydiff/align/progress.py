"""How far an event has got: a plan or "not yet" on one side, done on the other.

"Is expected to plead guilty" and "pleaded guilty" are a plan and its outcome;
"no formal charges have been filed yet" and "has been charged with five crimes"
are one event at two stages: the first was true when written and is superseded by
the second (an ``updates``, plan or "not yet" first), unless the "not yet" was
stated after the deed (a ``conflicts``). Called by :mod:`storydiff.align.facts`
on pairs about one fact.
"""

from __future__ import annotations

import dataclasses
import re

from collections.abc import Mapping
from types import MappingProxyType

from storydiff.align.figures import YEAR, date_words, days, is_day
from storydiff.align.relations import ClaimContext, Evidence, side, synonyms, time_order
from storydiff.align.vocabulary import STOP, stem
from storydiff.lexicon import MONTH_ABBREVIATIONS, WEEKDAYS
from storydiff.models import Claim, Relation

NOT_YET_COSINE = 0.55  # "not yet" and done, between claims at least this close

# Past forms that do not end in -ed: "made the announcement" is the outcome of "will make" it.
_IRREGULAR = {
    "make": "made", "take": "took", "give": "gave", "go": "went", "come": "came", "become": "became",
    "begin": "began", "tell": "told", "hold": "held", "pay": "paid", "send": "sent", "spend": "spent",
    "bring": "brought", "buy": "bought", "find": "found", "run": "ran", "see": "saw", "write": "wrote",
    "leave": "left", "win": "won", "lose": "lost", "meet": "met", "sell": "sold", "plead": "pled",
    "repay": "repaid", "choose": "chose", "speak": "spoke", "get": "got", "keep": "kept", "lead": "led", "quit": "quit",
}


def past_forms(verb: str) -> tuple[str, ...]:
    """"plead" -> ("pleaded", "pled"); "sign" -> ("signed",); "make" -> ("made",)."""
    if verb.endswith("e"):
        regular = verb + "d"
    elif verb.endswith("y") and verb[-2:-1] not in tuple("aeiou"):
        regular = verb[:-1] + "ied"  # "deny" -> "denied", but "delay" -> "delayed"
    else:
        regular = verb + "ed"
    return tuple(dict.fromkeys(f for f in (regular, _IRREGULAR.get(verb)) if f))


# "no formal charges have been filed yet", "has not yet been charged", "has yet to respond": the words of
# an event said not to have happened so far.
_NOT_YET = re.compile(
    r"\b(?:no|not|n[’']t|never)\b(?:\W+\w+){0,6}?\W+yet\b(?:\W+\w+){0,3}|\b(?:has|have|had)\s+yet\s+to\s+\w+",
    re.IGNORECASE,
)
# A plan or a possibility is not a deed: "will be charged", "could be charged".
_NOT_DONE = re.compile(r"\b(?:will|would|could|might|may|should|expected|likely|to)\s+(?:be\s+|have\s+)?\w+$",
                       re.IGNORECASE)


MAYBE_COSINE = 0.40  # a possible day and its negation, between claims at least this close

# "it could take place on Tuesday", then "it would not be held this Tuesday": a scheduled event's
# possible day, then that day ruled out.
_HAPPENS = r"(?:take place|be held|happen|go ahead|proceed|occur)"
_ON_DAY = r"(?:\W+\w+){0,3}?\W+(?:this\s+|next\s+|on\s+)?(?P<day>[A-Z][a-z]+day|[A-Z][a-z]{2,8}\.?\s+\d{1,2})\b"
_MAYBE_ON = re.compile(rf"\b(?:could|might|may)\s+(?:still\s+)?{_HAPPENS}{_ON_DAY}")
_NOT_ON = re.compile(rf"\b(?:(?:will|would|could)\s+not|won[’']t|wouldn[’']t)\s+{_HAPPENS}{_ON_DAY}")


def maybe_then_not(left: ClaimContext, right: ClaimContext, found: Evidence) -> Relation | None:
    """One side says an event could happen on a day, the other that it will not happen that day.

    "If the government re-opens it could take place on Tuesday" / "it would not be held this
    Tuesday": an ``updates``, the possibility first (unless the two are dated the other way round).
    The two must name the same day and share a name or a rarer word of the story.
    """
    if found.similarity < MAYBE_COSINE or not (found.shared_names or found.rare_words):
        return None
    for maybe, denied in ((left, right), (right, left)):
        could, not_on = _MAYBE_ON.search(maybe.claim.text), _NOT_ON.search(denied.claim.text)
        if could is None or not_on is None or could.group("day").lower()[:3] != not_on.group("day").lower()[:3]:
            continue
        order = time_order(maybe, denied)
        if order is not None and order[0] is denied:
            return None
        shown = dataclasses.replace(maybe, claim=dataclasses.replace(maybe.claim, key=could.group()))
        return Relation(
            "updates", (maybe.claim.id, denied.claim.id), 0.6,
            f"possible, then not: {side(shown)}, then {side(denied)}", 0.0,
        )
    return None


# "the temporary footbridge planned by the county cannot be installed": a planned thing ruled out. The word
# before the negation (or before "planned by ...") names the thing.
_RULED_OUT = re.compile(
    r"\b(?P<thing>[a-z]{4,})(?:,?\s+(?:planned|promised|proposed|announced|offered|prepared|pledged)"
    r"(?:\s+by\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+)?)?,?)?"
    r"\s+(?:cannot|can[’']t|could\s+not|couldn[’']t|will\s+not|won[’']t|would\s+not|wouldn[’']t)\s+"
    r"(?:now\s+|yet\s+|safely\s+)?be\s+(?:safely\s+)?"
    r"(?:installed|built|used|opened|provided|set\s+up|put\s+up|put\s+in\s+place|in\s+place|ready|available|"
    r"completed|finished|delivered|open)\b",
    re.IGNORECASE,
)
RULED_OUT_COSINE = 0.50  # a planned thing and that thing ruled out, between claims at least this close


def planned_then_ruled_out(left: ClaimContext, right: ClaimContext, found: Evidence) -> Relation | None:
    """One side says a thing will be there or be used; the other that it cannot or will not be.

    "Pedestrians will be able to use a temporary footbridge" / "the temporary footbridge planned by
    the county cannot be installed safely": an ``updates``, the plan first (a ``conflicts`` when the
    plan was stated after it was ruled out). The planned side is positive and says "will" (or "is
    to", "plans to") before the thing; the two share another word or a name besides the thing.
    """
    if found.similarity < RULED_OUT_COSINE:
        return None
    for plan, denied in ((left, right), (right, left)):
        if plan.claim.polarity != "positive" or plan.claim.modality == "possible":
            continue
        ruled = next((m for m in _RULED_OUT.finditer(denied.claim.text) if _planned(plan.claim.text, m, found)), None)
        if ruled is None:
            continue
        return stages(
            plan, denied, side(plan), f"'{' '.join(ruled.group().split())}' ({_who(denied)})",
            ("planned, then ruled out", "planned vs ruled out"),
        )
    return None


def _planned(text: str, ruled: re.Match[str], found: Evidence) -> bool:
    """Whether ``text`` plans the thing ``ruled`` rules out: "will" (or another plan word) before it."""
    thing = ruled.group("thing").lower()
    named = re.search(rf"\b{re.escape(_singular(thing))}s?\b", text, re.IGNORECASE)
    if named is None or not _PLAN.search(text[: named.start()]):
        return False
    # The thing alone is not the same plan: another word or a name in common.
    return bool(found.shared_names or set(found.shared_terms) - {stem(thing), _singular(thing)})


# "will stay closed until Wednesday" and "would reopen on Wednesday" tell one day. Not "through Wednesday":
# closed through a day reopens the day after.
_DAY = r"(?P<day>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|[A-Z][a-z]{2,8}\.?\s+\d{1,2})\b"
_CLOSED_UNTIL = re.compile(
    rf"\b(?:stay|stays|stayed|remain|remains|remained|be|kept|keep|keeps)\s+(?:shut|closed)\s+(?:until|till)\s+"
    rf"(?:next\s+|this\s+)?{_DAY}"
)
_REOPENS_ON = re.compile(rf"\bre-?open(?:s|ed|ing)?\s+(?:on\s+|next\s+|this\s+)?{_DAY}", re.IGNORECASE)


def same_reopening(a: Claim, b: Claim) -> str | None:
    """The day, when one claim says a thing stays closed until it and the other that the thing reopens then.

    "The museum will stay closed until Wednesday" / "the museum would reopen on Wednesday with extra
    guards": one fact. Both positive, and about one thing (an argument in common: "museum").
    """
    if a.polarity != "positive" or b.polarity != "positive":
        return None
    if not {w.lower() for w in a.arguments} & {w.lower() for w in b.arguments}:
        return None
    for closed, reopens in ((a, b), (b, a)):
        until, on = _CLOSED_UNTIL.search(closed.text), _REOPENS_ON.search(reopens.text)
        if until and on and date_words(until.group("day")) == date_words(on.group("day")):
            return until.group("day")
    return None


def stages(
    first: ClaimContext, second: ClaimContext, shown_first: str, shown_second: str, labels: tuple[str, str],
    backwards: bool | None = None,
) -> Relation:
    """Two stages of one event: an ``updates`` from the first to the second, or a ``conflicts`` when the
    second was stated before the first (``backwards``; by default, when both carry their own times and
    the second's is earlier). ``labels``: the reason's head for each ("not yet, then done", "not yet vs
    done"); ``shown_*``: each side as the reason quotes it.
    """
    if backwards is None:
        order = time_order(first, second)
        backwards = order is not None and order[0] is second
    ids = (first.claim.id, second.claim.id)
    if backwards:
        return Relation("conflicts", ids, 0.6, f"{labels[1]}: {shown_first} vs {shown_second}", 0.0)
    return Relation("updates", ids, 0.6, f"{labels[0]}: {shown_first}, then {shown_second}", 0.0)


def not_yet(claim: Claim) -> str | None:
    """The words of a claim saying an event has not happened yet ("no formal charges have been filed yet")."""
    match = _NOT_YET.search(claim.text)
    return match.group() if match else None


def not_yet_then_done(left: ClaimContext, right: ClaimContext, found: Evidence) -> Relation | None:
    """One side says the other's event has not happened yet; the other says it has.

    The event is the done side's predicate (or a verb of one event with it: "charge" / "indict"),
    named in the "not yet" words as a verb or its noun ("charges"). Both must name something more
    than the verb in common (a person, or a rarer word of the story), and be close in meaning.
    """
    if found.similarity < NOT_YET_COSINE:
        return None
    for waiting, doer in ((left, right), (right, left)):
        words = not_yet(waiting.claim)
        deed = done(doer.claim)
        if words is None or deed is None:
            continue
        events = {_root(v) for v in synonyms(doer.claim.predicate)}
        if not events & {_root(w) for w in re.findall(r"[a-z]+", words.lower())}:
            continue
        if not found.shared_names and not {_root(w) for w in found.rare_words} - events:
            continue  # the same verb alone is not the same event
        return stages(
            waiting, doer, f"'{' '.join(words.split())}' ({_who(waiting)})", side(doer),
            ("not yet, then done", "not yet vs done"),
        )
    return None


def done(claim: Claim) -> str | None:
    """The done form of a positive, definite claim's predicate as printed ("has been charged"), else None."""
    if claim.polarity != "positive" or claim.modality != "definite" or not claim.predicate or " " in claim.predicate:
        return None
    for form in past_forms(claim.predicate):
        match = re.search(rf"\b{form}\b", claim.text, re.IGNORECASE)
        if match and not _NOT_DONE.search(claim.text[: match.end()]) and not not_yet(claim):
            return match.group()
    return None


def _root(word: str) -> str:
    """"charges", "charged", "charge" -> "charg": a verb and its noun compared."""
    return stem(word).removesuffix("e")


def _who(context: ClaimContext) -> str:
    return f"{context.speaker}, {context.outlet}" if context.speaker else context.outlet


# "is expected to plead guilty", "plans to appeal", "will make the announcement": a plan, not yet an outcome.
# Not "would": "said he would step down" reports the decision itself.
_PLAN = re.compile(
    r"\b(?:expected to|expects to|scheduled to|set to|plans? to|planned to|planning to|poised to|"
    r"intends? to|intended to|due to|is to|was to|likely to|prepared to|preparing to|ready to|will)\b|['’]ll\b",
    re.IGNORECASE,
)


def plan_and_outcome(
    left: ClaimContext, right: ClaimContext, found: Evidence, people: Mapping[str, str] = MappingProxyType({})
) -> Relation | None:
    """A plan on one side and, on the other, the same verb done: the plan updated by what happened.

    "is expected to plead guilty" / "pleaded guilty"; "will make the announcement" / "made" it. The
    plan's verb is its claim's predicate or, where the parse put the predicate elsewhere, read from its
    words (:func:`_planned_by_words`). Not when each names a different person before its verb ("Owen
    Pike is expected to resign" / "Nell Pike ... resigned").
    """
    for plan, outcome in ((left, right), (right, left)):
        p, o = plan.claim, outcome.claim
        if p.polarity != "positive" or o.polarity != "positive" or _PLAN.search(o.text):
            continue
        for reading in (_planned_by_predicate(p, o), _planned_by_words(p, o, found)):
            if reading is None:
                continue
            verb, done, plan_at, done_at = reading
            if any(re.search(rf"\b(?:to|be) {form}\b", o.text, re.IGNORECASE) for form in (verb, *done)):
                continue  # "to be indicted", "could be charged": still a plan or a possibility
            if any(re.search(rf"\b(?:is|are) {form} by\b", o.text, re.IGNORECASE) for form in done):
                continue  # "the cities are joined by business leaders": who is with whom, not the deed planned
            if done_before(plan, outcome) or _elsewhere(p, plan_at, o, done_at):
                continue
            if plan_at is not None and done_at is not None and _different_people(p, plan_at, o, done_at, people):
                continue
            return Relation(
                "updates", (p.id, o.id), 0.7,
                f"plan, then outcome: {side(_planned_words(plan))}, then {side(outcome)}", 0.0,
            )
    return None


def done_before(plan: ClaimContext, outcome: ClaimContext) -> bool:
    """Whether the outcome is dated only by years, all before the plan was made: "ran for president in
    2008" is no outcome of "he'll run for the 2016 nomination", said in 2015. An outcome that also names
    a day ("pleaded guilty Wednesday to false returns for 2006 through 2011") is dated by that day.
    """
    made = plan.when[:4] if plan.when and plan.when[:4].isdigit() else None
    years = {int(y) for d in outcome.claim.dates for y in YEAR.findall(d)}
    dated = days(outcome.claim) or (outcome.when_text and is_day(outcome.when_text))
    return made is not None and bool(years) and max(years) < int(made) and not dated


# "on Fox News", "in Federal District Court": a place an event is said to happen, by its capitalised name.
_PLACE = re.compile(r"\b(?:on|in|at)\s+((?:[A-Z][\w.’'-]*\s*)+)")


def _elsewhere(plan: Claim, plan_at: int | None, outcome: Claim, done_at: int | None) -> bool:
    """Whether the plan and the outcome each name where, after their verbs, and no name in common.

    "will appear on Fox News Channel's show on Friday" / "appeared on Friday in Federal District Court":
    two appearances. Days and months are times, not places.
    """
    planned = _places(plan.text[plan_at or 0 :])
    happened = _places(outcome.text[done_at or 0 :])
    return bool(planned and happened and not planned & happened)


def _places(text: str) -> set[str]:
    words = set()
    for match in _PLACE.finditer(text):
        for word in match.group(1).split():
            word = _bare(word).lower()
            if word and _names_something(word):
                words.add(word)
    return words


def _bare(word: str) -> str:
    """A printed word without the punctuation around it or its possessive: "Court's," -> "Court"."""
    return re.sub(r"['’]s$", "", word.strip(".,;:'’\"“”()"))


def _names_something(word: str) -> bool:
    """Whether a word, lower-cased, may belong to a name: no function word, weekday or month.

    Months are told by their first three letters, so "Mayor" and "Marks" are left out too.
    """
    return word not in STOP and word not in WEEKDAYS and word[:3] not in MONTH_ABBREVIATIONS


def _planned_words(plan: ClaimContext) -> ClaimContext:
    """The plan as its reason quotes it: "prepared to sign" rather than the parse's key ("’s")."""
    named = _PLANNED_VERB.search(plan.claim.text)
    if named is None or (plan.claim.key and _PLAN.search(plan.claim.key)):
        return plan
    return dataclasses.replace(plan, claim=dataclasses.replace(plan.claim, key=named.group()))


# What a reading of a plan finds: the verb, its past forms, where the plan and the deed are in their claims.
_Reading = tuple[str, tuple[str, ...], int | None, int | None]


def _planned_by_predicate(p: Claim, o: Claim) -> _Reading | None:
    """The plan's own predicate, a plan ("will make"), and the outcome's predicate the same verb, done.

    A support verb plans the event its object names: "plan to file criminal charges" is done by
    "has been indicted" (charge and indict name one event).
    """
    verb = p.predicate
    if not verb or " " in verb or not _is_plan(p) or not o.predicate:
        return None
    same_verb = o.predicate == verb
    if not same_verb:
        if verb not in _SUPPORT or not any(_singular(w) in synonyms(o.predicate) for w in p.arguments):
            return None
        verb = o.predicate
    done = past_forms(verb)
    # The outcome's own event is the plan's verb, done: "has been secretly indicted", "made".
    if not any(re.search(rf"\b{form}\b", o.key or o.text, re.IGNORECASE) for form in done):
        return None
    marker = _PLAN.search(p.text)
    did = re.search(rf"\b(?:{'|'.join(done)})\b", o.text, re.IGNORECASE)
    if same_verb and verb in _SUPPORT and did is not None:
        # A support verb's event is its object: "will make the announcement" is done by "made a public
        # announcement", "plan to file charges" not by "filed erroneous campaign finance reports".
        planned = re.search(rf"\b{verb}\b", p.text, re.IGNORECASE)
        head = _object_head(p.text[planned.end():]) if planned else []
        if not head or not re.search(rf"^(?:\W+\w+){{0,3}}?\W+(?:{head[0]}|it)\b", o.text[did.end():], re.IGNORECASE):
            return None
    return verb, done, marker.start() if marker else None, did.start() if did else None


# Verbs whose object names the event: "file charges", "hold a vote", "make an announcement".
_SUPPORT = frozenset({"file", "bring", "press", "lodge", "level", "make", "hold", "take", "issue", "launch", "cast"})


def _singular(noun: str) -> str:
    return noun.lower().removesuffix("s") if noun.lower().endswith(("es", "ts", "ds", "ns", "ls")) else noun.lower()


# "is expected to plead", "said he's prepared to sign": the verb a plan names, wherever the claim's own
# predicate lands ("said", or an object noun the parse took for it).
_PLANNED_VERB = re.compile(
    r"\b(?:expected|scheduled|set|plans?|planned|planning|poised|intends?|intended|due|likely|prepared|"
    r"preparing|ready) to ([a-z]+)\b",
    re.IGNORECASE,
)


def _planned_by_words(p: Claim, o: Claim, found: Evidence) -> _Reading | None:
    """The verb after "expected / prepared ... to", done to the same thing, with a rarer word of the story shared.

    "Trump said he's prepared to sign a bill ... through Feb. 15" / "Mr. Trump signed it ... until Feb. 15".
    """
    match = _PLANNED_VERB.search(p.text)
    if match is None or _named_plan(p.text, match.start()):
        return None
    verb = match.group(1).lower()
    if verb in ("be", "have", "do", "make", "take", "get", "go"):
        return None  # too light to name one event
    done = past_forms(verb)
    # What was planned is what was done: the head of the plan's object ("plead *guilty*", "sign a *bill*",
    # "file criminal *charges*": the last of its first run of content words) follows the done verb
    # closely, or "it" stands for it ("signed it").
    after = _object_head(p.text[match.end():])
    pattern = rf"\b(?:{'|'.join(done)})\b(?:\W+\w+){{0,3}}?\W+(?:{'|'.join([*after, 'it'])})\b"
    did = re.search(pattern, o.text, re.IGNORECASE)
    if not after or did is None:
        return None
    if not set(found.rare_words) - {stem(verb), *map(stem, done)}:
        return None  # the same verb alone is not the same event
    return verb, done, match.start(), did.start()


_WHEN = frozenset({"today", "tonight", "tomorrow", "yesterday", "soon", "later", "next", "last", *WEEKDAYS})


def _object_head(text: str) -> list[str]:
    """The head of the object after a verb, as a one-word list: "a bill to open" -> ["bill"]; [] when none."""
    run: list[str] = []
    for word in re.findall(r"[a-z]+", text.lower())[:4]:
        if word in _WHEN and run:
            break  # "make the announcement today": a time, not the object
        if word in STOP or word in ("a", "an", "to", "of", "on", "in", "against", "by", "at"):
            if run:
                break
            continue
        run.append(word)
    return run[-1:]


def _different_people(plan: Claim, plan_at: int, outcome: Claim, outcome_at: int, people: Mapping[str, str]) -> bool:
    """Whether the plan and the outcome each name people, or other names, before their verbs, and none in common.

    "The House committee will issue subpoenas" / "the Senate committee had subpoenaed": two actors.
    """
    planners, doers = _named_before(plan, plan_at, people), _named_before(outcome, outcome_at, people)
    if planners and doers and not planners & doers:
        return True
    named, other = _names_in(plan.text[:plan_at]), _names_in(outcome.text[:outcome_at])
    return bool(named and other and not any(_one_name(x, y) for x in named for y in other))


def _names_in(head: str) -> list[tuple[str, ...]]:
    """Runs of capitalised words in a claim's head, its first word and days and months left out."""
    runs: list[tuple[str, ...]] = []
    run: list[str] = []
    for match in re.finditer(r"\S+", head):
        word = _bare(match.group())
        if match.start() > 0 and re.fullmatch(r"[A-Z][A-Za-z]+", word) and _names_something(word.lower()):
            run.append(word)
            continue
        if run:
            runs.append(tuple(run))
        run = []
    return [*runs, tuple(run)] if run else runs


def _one_name(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    """Whether one run of names ends the other: "Grimm" / "Michael Grimm"; not "House X" / "Senate X"."""
    short, long = sorted((x, y), key=len)
    return long[len(long) - len(short):] == short


def _named_before(claim: Claim, end: int, people: Mapping[str, str]) -> set[str]:
    """The people a claim names by first name before ``end`` (a surname is shared by a family)."""
    head = claim.text[:end]
    return {e for e in claim.entities if e in people and re.search(rf"\b{re.escape(people[e].split()[0])}\b", head)}


def _is_plan(claim: Claim) -> bool:
    """Whether the claim's decisive words are a plan: "is expected to plead", "will make"."""
    key = claim.key or ""
    at = claim.text.find(key) if key else -1
    window = claim.text[max(0, at - 30) : at + len(key)] if at >= 0 else key
    found = _PLAN.search(window)
    return found is not None and not _named_plan(window, found.start())


# "the Republican plan to", "their plans to": a plan named as a thing (a proposal), nobody announcing one.
_DETERMINER = r"(?:\b(?:the|a|an|its|his|her|their|our|this|that|whose)|['’]s)\s+"
_AFTER_DETERMINER = re.compile(rf"{_DETERMINER}$", re.IGNORECASE)
_AFTER_DETERMINER_AND_WORD = re.compile(rf"{_DETERMINER}[\w-]*[^\Ws]\s+$", re.IGNORECASE)


def _named_plan(text: str, at: int) -> bool:
    """Whether the plan marker at ``at`` is the noun "plan" after a determiner or possessive.

    "the plan to", "their plans to", "the Republican plan to"; not "the council plans to" (a verb
    after its subject) nor "the senators plan to" (a plural before "plan" is its subject).
    """
    if re.match(r"plans? to\b", text[at:], re.IGNORECASE) is None:
        return False
    before = text[:at]
    singular = re.match(r"plan to\b", text[at:], re.IGNORECASE) is not None
    return bool(_AFTER_DETERMINER.search(before) or (singular and _AFTER_DETERMINER_AND_WORD.search(before)))
