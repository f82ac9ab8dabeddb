"""The same fact in other words: the claim-pair model in the brief, and what differs between matched facts.

The relation rules (:mod:`storydiff.align.relations`) decide first: they are
cheap and see what a same-fact probability cannot (negation, figures, dates).
Pairs they leave unrelated or only ``related`` and that are plausible — among
a claim's few nearest claims of other articles, with a cosine above a floor
and a shared name, figure or specific words — go to the claim-pair model
(:mod:`storydiff.align.pair_model`), a batch at a time. For a pair it calls
the same fact (a *matched* fact), the checks here look at what still differs:

- figures of one thing ("48 pages" / "47 pages", "$5,687.75" / "$5,587.75"),
  years ("since 2002" / "since 2003"), or people ("Rep. Loretta Sanchez" /
  "Rep. Linda Sanchez"): ``conflicts``, or ``updates`` when the two sides
  carry their own times;
- a plan or expectation and its outcome ("was expected to plead guilty" /
  "pleaded guilty"), or "not yet" and done ("has not been charged" /
  "was charged"): ``updates``, plan first;
- a denial or a negation of what the other asserts: ``conflicts``, never when
  one side only asks for something ("asked the company to provide records").

A matched fact with nothing differing ``corroborates``; two claims that repeat
one long run of words (one quote split differently) corroborate without the
model. A pair the model finds close but not the same fact is ``related``.

Precision comes first here as in the rules: every check needs the model's
same-fact decision and names the decisive words in its reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from types import MappingProxyType

from storydiff.align.figures import dates_clash, number_clash
from storydiff.align.relations import (
    ClaimContext,
    Evidence,
    compatible,
    is_request,
    quotes,
    scale,
    side,
    time_order,
)
from storydiff.align.vocabulary import STOP, as_printed, stem
from storydiff.models import Claim, Relation

MODEL_FLOOR = 0.40  # cosine below which a pair is not worth the model's time
PER_CLAIM = 1  # a pair goes to the model when it is among the nearest this many of either claim
BUDGET = 400  # at most this many pairs per story go to the model, the most similar first
SAME_FACT_COSINE = 0.55  # below this cosine the model is never asked (unless three specific words are shared)
# (the model's probability, cosine) at which two claims state the same fact in the brief: either will do.
MATCHED = ((0.65, SAME_FACT_COSINE), (0.60, 0.60))
CLOSE = 0.50  # ... at which they are close enough to call related
# Cosine + RARE_WEIGHT x the weighted overlap of the story's rarer words (align.vocabulary) at which two
# claims state the same fact without the model: cross-validated by triplet on the dev gold (docs/relations.md).
RARE_WEIGHT = 2.0
SAME_SPECIFICS = 0.95
SCARCE_SHARED = 3  # ... or when they share this many words that at most three of the story's claims use
PLAN_COSINE = 0.55  # a plan and its outcome in the same verb, between claims at least this close
NARROW_COSINE = 0.75  # other years or other people for one event, between claims this close, without the model
SHARED_RUN = 8  # two claims repeating this many words in a row (one quote, cut differently) agree
_SAME_WORDS = 0.6  # ... when the run is at least this share of the shorter claim


@dataclass(frozen=True, slots=True)
class Proposal:
    """A pair the rules have looked at: what they share and what the rules decided (None or related)."""

    left: ClaimContext
    right: ClaimContext
    evidence: Evidence
    fallback: Relation | None


def select(proposals: Sequence[Proposal]) -> list[Proposal]:
    """The pairs worth asking the model about: plausible, near for one side, within the budget."""
    plausible = [
        p for p in proposals
        if p.evidence.similarity >= MODEL_FLOOR and (p.fallback is None or p.fallback.type == "related")
        and (p.evidence.similarity >= SAME_FACT_COSINE or len(p.evidence.shared_terms) >= 3)
        and (p.evidence.shared_names or len(p.evidence.shared_terms) >= 2 or _shared_figure(p))
    ]
    ranked: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for n, p in enumerate(plausible):
        for claim in (p.left.claim.id, p.right.claim.id):
            ranked[claim].append((p.evidence.similarity, n))
    keep: set[int] = set()
    for pairs in ranked.values():
        keep.update(n for _, n in sorted(pairs, reverse=True)[:PER_CLAIM])
    chosen = sorted(keep, key=lambda n: -plausible[n].evidence.similarity)[:BUDGET]
    return [plausible[n] for n in sorted(chosen)]


def _shared_figure(p: Proposal) -> bool:
    return bool(_figures(p.left.claim) & _figures(p.right.claim))


def decide(
    proposal: Proposal,
    same_fact: float,
    people: Mapping[str, str] = MappingProxyType({}),
    learned: float | None = None,
) -> Relation | None:
    """The relation for a pair the model scored ``same_fact`` (0 when not asked), or the rules' own decision.

    ``people`` maps person entity ids to their names, for "people differ".
    ``learned``: the learned pair decision's verdict (:mod:`storydiff.align.pair_decision`),
    its score when above its threshold, else 0; None keeps the hand-set thresholds.
    """
    left, right, found, fallback = proposal.left, proposal.right, proposal.evidence, proposal.fallback
    a, b = left.claim, right.claim
    if learned is not None:
        matched = learned > 0
        same_fact = max(same_fact, learned) if matched else same_fact
    else:
        # Names alone are the story's topic ("Putin", "Trump"): a match shares a specific word too.
        matched = bool(found.shared_terms) and any(same_fact >= p and found.similarity >= c for p, c in MATCHED)
    specifics = found.similarity + RARE_WEIGHT * found.overlap
    by_words = learned is None and not matched and (specifics >= SAME_SPECIFICS or found.scarce >= SCARCE_SHARED)
    matched = matched or by_words
    differs = difference(left, right, found, matched, people, close=same_fact >= CLOSE, by_words=by_words)
    if differs is not None:
        return differs
    run = shared_run(a.text, b.text)
    if run and compatible(a, b):
        return Relation(
            "corroborates", (a.id, b.id), max(0.9, same_fact), f"same words: '{_cut(run)}'", found.similarity,
        )
    if not matched:
        if same_fact >= CLOSE and fallback is None:
            return Relation(
                "related", (a.id, b.id), round(same_fact, 3),
                f"close in meaning (pair model {same_fact:.2f}): {quotes(left, right)}", found.similarity,
            )
        return fallback
    if compatible(a, b) and by_words:
        return Relation(
            "corroborates", (a.id, b.id), _specifics_confidence(specifics, same_fact),
            f"same fact (both say {', '.join(repr(w) for w in as_printed(a.text, found.rare_words))}, "
            "rare in this story): "
            + quotes(left, right),
            found.similarity,
        )
    if compatible(a, b):
        names = ", ".join(found.shared_names[:3])
        return Relation(
            "corroborates", (a.id, b.id), round(same_fact, 3),
            f"same fact (pair model {same_fact:.2f}): {quotes(left, right)}"
            + (f" (both name {names})" if names else ""),
            found.similarity,
        )
    return fallback


def _specifics_confidence(specifics: float, same_fact: float) -> float:
    """0.75 at the threshold, rising to 0.95 half a point above it; never below the model's own probability."""
    return round(max(same_fact, 0.75 + 0.2 * min(1.0, (specifics - SAME_SPECIFICS) / 0.5)), 3)


def difference(
    left: ClaimContext,
    right: ClaimContext,
    found: Evidence,
    matched: bool,
    people: Mapping[str, str] = MappingProxyType({}),
    close: bool = False,
    by_words: bool = False,
) -> Relation | None:
    """What differs between two claims about one fact: a conflict or an update, or None.

    ``by_words``: matched on the story's rarer words, not by the model; such a pair shares the
    specifics of a fact but not necessarily its proposition, so neither a denial on one side
    ("rejected appeals that they need new leaders" / "surviving a challenge") nor two amounts
    ("a $43,000 watch" / "$750,000 in campaign money") make a conflict.

    ``matched``: the pair model calls them the same fact. Without it only the
    narrow checks run, on claims that are close and about one event: a plan and
    its outcome in the same verb, one year against another, one surname with two
    first names; and, for a pair the model finds ``close`` that names the same
    things, two counts of one specific thing ("two paintings" / "three paintings").
    """
    a, b = left.claim, right.claim
    if is_request(a) or is_request(b) or a.modality == "possible" or b.modality == "possible":
        return None  # "asked them to provide records" neither asserts nor denies anything
    if found.similarity >= PLAN_COSINE or matched:
        plan = _plan_and_outcome(left, right, found, people)
        if plan is not None:
            return plan
    confidence = scale(max(found.similarity, 0.5), 0.5) * 0.8
    one_event = found.similarity >= NARROW_COSINE and (found.by_predicate or found.shared_names)
    checks = (
        (matched and not by_words and _figures_differ(a, b), "numbers"),
        (close and found.shared_names and _counted_differ(a, b), "numbers"),
        ((matched or (one_event and found.by_predicate)) and _years_differ(a, b), "dates"),
        ((matched or one_event) and _people_differ(a, b, people), ""),
        (matched and dates_clash(a, b) and "dates differ", "dates"),
    )
    for why, focus in checks:
        if why:
            return _opposed(left, right, str(why), focus, confidence)
    if matched and not by_words and a.polarity == b.polarity:
        for x, y in ((a, b), (b, a)):
            if x.modality in ("denied", "ruled out") and y.modality in ("definite", "expected"):
                return _opposed(left, right, f"{a.modality} vs {b.modality}", "", confidence)
    return None


def _opposed(left: ClaimContext, right: ClaimContext, why: str, focus: str, confidence: float) -> Relation:
    order = time_order(left, right)
    if order is not None:
        earlier, later = order
        return Relation(
            "updates", (earlier.claim.id, later.claim.id), round(confidence, 3),
            f"{why}: {side(earlier, focus)}, then {side(later, focus)}", 0.0,
        )
    return Relation(
        "conflicts", (left.claim.id, right.claim.id), round(confidence, 3),
        f"{why}: {side(left, focus)} vs {side(right, focus)}", 0.0,
    )


# "is expected to plead guilty", "plans to appeal", "will make the announcement": a plan, not yet an outcome.
# Not "would": "said he would step down" reports the decision itself.
_PLAN = re.compile(
    r"\b(?:expected to|expects to|scheduled to|set to|plans? to|planned to|planning to|poised to|"
    r"intends? to|intended to|due to|is to|was to|likely to|prepared to|preparing to|ready to|will)\b|['’]ll\b",
    re.IGNORECASE,
)
# Past forms that do not end in -ed: "made the announcement" is the outcome of "will make" it.
_IRREGULAR = {
    "make": "made", "take": "took", "give": "gave", "go": "went", "come": "came", "become": "became",
    "begin": "began", "tell": "told", "hold": "held", "pay": "paid", "send": "sent", "spend": "spent",
    "bring": "brought", "buy": "bought", "find": "found", "run": "ran", "see": "saw", "write": "wrote",
    "leave": "left", "win": "won", "lose": "lost", "meet": "met", "sell": "sold", "plead": "pled",
    "choose": "chose", "speak": "spoke", "get": "got", "keep": "kept", "lead": "led", "quit": "quit",
}


def _plan_and_outcome(
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
            if any(re.search(rf"\b(?:to|be|been) {form}\b", o.text, re.IGNORECASE) for form in (verb, *done)):
                continue  # "to be indicted", "has been charged" may still be a plan or a passive report
            if plan_at is not None and done_at is not None and _different_people(p, plan_at, o, done_at, people):
                continue
            return Relation(
                "updates", (p.id, o.id), 0.7,
                f"plan, then outcome: {side(plan)}, then {side(outcome)}", 0.0,
            )
    return None


# What a reading of a plan finds: the verb, its past forms, where the plan and the deed are in their claims.
_Reading = tuple[str, tuple[str, ...], int | None, int | None]


def _planned_by_predicate(p: Claim, o: Claim) -> _Reading | None:
    """The plan's own predicate, a plan ("will make"), and the outcome's predicate the same verb, done."""
    verb = p.predicate
    if not verb or " " in verb or not _is_plan(p) or o.predicate != verb:
        return None
    done = _past_forms(verb)
    # The outcome's own event is the plan's verb, done: "has been secretly indicted", "made".
    if not any(re.search(rf"\b{form}\b", o.key or o.text, re.IGNORECASE) for form in done):
        return None
    marker = _PLAN.search(p.text)
    did = re.search(rf"\b(?:{'|'.join(done)})\b", o.text, re.IGNORECASE)
    return verb, done, marker.start() if marker else None, did.start() if did else None


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
    if match is None:
        return None
    verb = match.group(1).lower()
    if verb in ("be", "have", "do", "make", "take", "get", "go"):
        return None  # too light to name one event
    done = _past_forms(verb)
    # What was planned is what was done: the plan's next content word ("plead *guilty*", "sign a *bill*")
    # follows the done verb closely, or "it" stands for it ("signed it").
    after = [w for w in re.findall(r"[a-z]+", p.text[match.end():].lower())[:3] if w not in STOP][:1]
    pattern = rf"\b(?:{'|'.join(done)})\b(?:\W+\w+){{0,3}}?\W+(?:{'|'.join([*after, 'it'])})\b"
    did = re.search(pattern, o.text, re.IGNORECASE)
    if not after or did is None:
        return None
    if not set(found.rare_words) - {stem(verb), *map(stem, done)}:
        return None  # the same verb alone is not the same event
    return verb, done, match.start(), did.start()


def _different_people(plan: Claim, plan_at: int, outcome: Claim, outcome_at: int, people: Mapping[str, str]) -> bool:
    """Whether the plan and the outcome each name people before their verbs, and none in common."""
    planners, doers = _named_before(plan, plan_at, people), _named_before(outcome, outcome_at, people)
    return bool(planners and doers and not planners & doers)


def _named_before(claim: Claim, end: int, people: Mapping[str, str]) -> set[str]:
    """The people a claim names by first name before ``end`` (a surname is shared by a family)."""
    head = claim.text[:end]
    return {e for e in claim.entities if e in people and re.search(rf"\b{re.escape(people[e].split()[0])}\b", head)}


def _is_plan(claim: Claim) -> bool:
    """Whether the claim's decisive words are a plan: "is expected to plead", "will make"."""
    key = claim.key or ""
    at = claim.text.find(key) if key else -1
    window = claim.text[max(0, at - 30) : at + len(key)] if at >= 0 else key
    return bool(_PLAN.search(window))


def _past_forms(verb: str) -> tuple[str, ...]:
    """"plead" -> ("pleaded", "pled"); "sign" -> ("signed",); "make" -> ("made",)."""
    regular = verb + "d" if verb.endswith("e") else (verb[:-1] + "ied" if verb.endswith("y") else verb + "ed")
    return tuple(dict.fromkeys(f for f in (regular, _IRREGULAR.get(verb)) if f))


def _core(context: ClaimContext) -> str:
    return context.core or context.claim.text


_MONEY = re.compile(r"\$\s?\d[\d,]*(?:\.\d+)?(?:\s(?:million|billion))?")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_FIGURE = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\w.,]*\d)")


def _figures(claim: Claim) -> set[str]:
    return {m.group().replace(",", "") for m in _FIGURE.finditer(claim.text) if not _YEAR.fullmatch(m.group())}


def _figures_differ(a: Claim, b: Claim) -> str | None:
    """'48 vs 47 pages' (the same counted thing), '$5,687.75 vs $5,587.75': one figure told two ways."""
    counted = number_clash(a, b)
    if counted:
        return f"numbers differ ({counted})"
    money_a = {m.group().replace(" ", "") for m in _MONEY.finditer(a.text)}
    money_b = {m.group().replace(" ", "") for m in _MONEY.finditer(b.text)}
    if len(money_a) == len(money_b) == 1 and not money_a & money_b and not _approximate(a) and not _approximate(b):
        return f"amounts differ ({next(iter(money_a))} vs {next(iter(money_b))})"
    return None


def _counted_differ(a: Claim, b: Claim) -> str | None:
    counted = number_clash(a, b, counted_only=True)
    return f"numbers differ ({counted})" if counted else None


def _approximate(claim: Claim) -> bool:
    return bool(re.search(r"\b(?:about|around|nearly|almost|more than|less than|roughly|some|over)\s+\$", claim.text))


def _years_differ(a: Claim, b: Claim) -> str | None:
    """Both date the fact to one year, and the years differ: "since 2002" / "since 2003"."""
    ya = {y for d in a.dates for y in _YEAR.findall(d)}
    yb = {y for d in b.dates for y in _YEAR.findall(d)}
    if len(ya) == len(yb) == 1 and ya != yb:
        return f"years differ ({next(iter(ya))} vs {next(iter(yb))})"
    return None


# Short forms of one first name: "Jim Mattis" and "James Mattis" are one person.
_NICKNAMES = {
    frozenset(p) for p in (
        ("jim", "james"), ("jimmy", "james"), ("bob", "robert"), ("bill", "william"), ("mike", "michael"),
        ("tom", "thomas"), ("joe", "joseph"), ("dick", "richard"), ("rick", "richard"), ("dan", "daniel"),
        ("dave", "david"), ("chris", "christopher"), ("steve", "steven"), ("steve", "stephen"),
        ("tony", "anthony"), ("ted", "edward"), ("ed", "edward"), ("chuck", "charles"), ("pat", "patrick"),
        ("ben", "benjamin"), ("sam", "samuel"), ("nick", "nicholas"), ("matt", "matthew"), ("andy", "andrew"),
        ("kate", "katherine"), ("liz", "elizabeth"), ("beth", "elizabeth"), ("sue", "susan"), ("meg", "margaret"),
    )
}


def _people_differ(a: Claim, b: Claim, people: Mapping[str, str]) -> str | None:
    """One surname with two first names for one event: "Loretta Sanchez" here, "Linda T. Sánchez" there."""
    only_a = [people[e] for e in a.entities if e in people and e not in b.entities]
    only_b = [people[e] for e in b.entities if e in people and e not in a.entities]
    for name_a in only_a:
        for name_b in only_b:
            first_a, last_a = _name_parts(name_a)
            first_b, last_b = _name_parts(name_b)
            if not (last_a and last_a == last_b and first_a and first_b) or first_a == first_b:
                continue
            if frozenset((first_a, first_b)) in _NICKNAMES or first_a[:3] == first_b[:3]:
                continue  # "Jim" / "James", "Chris" / "Christopher"
            if _tail_of(name_a, name_b):
                continue  # "Wasserman Schultz" is "Debbie Wasserman Schultz" without her first name
            return f"people differ ({name_a} vs {name_b})"
    return None


def _tail_of(one: str, other: str) -> bool:
    """Whether the shorter of two names is the end of the longer: "Wasserman Schultz" / "Debbie Wasserman Schultz"."""
    short, long = sorted((_plain(one).split(), _plain(other).split()), key=len)
    return len(short) >= 2 and long[-len(short):] == short


def _plain(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def _name_parts(name: str) -> tuple[str, str]:
    """(first name, surname), lower case without accents; ("", "") for a one-word name."""
    plain = _plain(name).split()
    return (plain[0], plain[-1]) if len(plain) >= 2 else ("", "")


def shared_run(a: str, b: str) -> str | None:
    """The longest run of words two claims repeat, when long enough to be one quote cut two ways."""
    wa, wb = _tokens(a), _tokens(b)
    if min(len(wa), len(wb)) < SHARED_RUN:
        return None
    match = SequenceMatcher(None, wa, wb, autojunk=False).find_longest_match(0, len(wa), 0, len(wb))
    if match.size >= SHARED_RUN and match.size >= _SAME_WORDS * min(len(wa), len(wb)):
        return " ".join(wa[match.a : match.a + match.size])
    return None


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:['’][a-z]+)?", text.lower())


def _cut(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
