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
  "pleaded guilty"), or "not yet" and done ("no charges have been filed yet" /
  "was charged"): ``updates``, plan first (:mod:`storydiff.align.progress`);
- a leaving day told two ways ("his final day will be Feb. 28" / "will leave
  on January 1"), a deed reported in one year and dated to a later one;
- a denial or a negation of what the other asserts: ``conflicts``, never when
  one side only asks for something ("asked the company to provide records").

A matched fact with nothing differing ``corroborates``; two claims that repeat
one long run of words (one quote split differently) corroborate without the
model. A pair the model finds close but not the same fact is ``related``.

Precision comes first here as in the rules: every check needs the model's
same-fact decision and names the decisive words in its reason.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from types import MappingProxyType

from storydiff.align.figures import (
    YEAR,
    dates_clash,
    figure_changed,
    leaving_days_clash,
    measure_clash,
    named_amount_clash,
    number_clash,
    rounded_alike,
)
from storydiff.align.progress import (
    done,
    done_before,
    maybe_then_not,
    not_yet_then_done,
    plan_and_outcome,
    planned_then_ruled_out,
    same_reopening,
    stages,
)
from storydiff.align.relations import (
    ClaimContext,
    Evidence,
    compatible,
    is_request,
    other_voices,
    quotes,
    scale,
    side,
    synonyms,
    terms_of,
    time_order,
)
from storydiff.align.vocabulary import as_printed, stem
from storydiff.lexicon import NEGATORS, same_first_name
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
PLAN_COSINE = 0.50  # a plan and its outcome in the same verb, between claims at least this close
# Two figures of one thing ("a 48-page indictment" / "the 47-page indictment", two prices of one named
# place), between claims at least this close: the thing itself names the fact, without the model.
ONE_THING_COSINE = 0.50
NARROW_COSINE = 0.75  # other years or other people for one event, between claims this close, without the model
SHARED_RUN = 8  # two claims repeating this many words in a row (one quote, cut differently) agree
_SHORT_QUOTE = 3  # ... or one speaker's shorter line printed word for word by both, of at least this many words
_SAME_WORDS = 0.6  # ... when its runs of three or more words hold this share of the shorter claim


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
    if _plan_and_earlier_deed(left, right):
        return fallback  # "he'll run in 2016" / "he ran in 2008": neither one fact nor its update
    rule = _same_by_rule(left, right, found)
    if rule is not None and _agree(a, b, unnamed=False):
        floor, why = rule
        return Relation("corroborates", (a.id, b.id), max(floor, same_fact), why, found.similarity)
    if matched and other_voices(left, right):
        return fallback
    if not matched:
        if same_fact >= CLOSE and fallback is None:
            return Relation(
                "related", (a.id, b.id), round(same_fact, 3),
                f"close in meaning (pair model {same_fact:.2f}): {quotes(left, right)}", found.similarity,
            )
        return fallback
    agree = _agree(a, b, unnamed=not by_words)
    if agree and by_words:
        return Relation(
            "corroborates", (a.id, b.id), _specifics_confidence(specifics, same_fact),
            f"same fact (both say {', '.join(repr(w) for w in as_printed(a.text, found.rare_words))}, "
            "rare in this story): "
            + quotes(left, right),
            found.similarity,
        )
    if agree:
        names = ", ".join(found.shared_names[:3])
        return Relation(
            "corroborates", (a.id, b.id), round(same_fact, 3),
            f"same fact (pair model {same_fact:.2f}): {quotes(left, right)}"
            + (f" (both name {names})" if names else ""),
            found.similarity,
        )
    return fallback


def _agree(a: Claim, b: Claim, unnamed: bool) -> bool:
    """Whether two matched claims can be one fact: compatible, or apart only in a negation both print
    ("saying \"nobody knows what's happening\"" in both, one claim's core the quotation and the other's
    the accusation before it), or (``unnamed``: read by the model, not by shared words alone) in one
    about something the other claim does not say."""
    return compatible(a, b) or (
        negation_apart(a, b, unnamed=unnamed) and compatible(a, dataclasses.replace(b, polarity=a.polarity))
    )


# A negator and the word it negates: "not a", "nothing improper", "n't cut".
_NEGATED = re.compile(
    rf"(?:\b(?:{'|'.join(sorted(w for w in NEGATORS if w.isalpha()))})\b|n[’']t\b)\W*(\w+)?", re.IGNORECASE
)


def negation_apart(a: Claim, b: Claim, unnamed: bool = True) -> bool:
    """Whether two claims of opposite polarity differ only in a negation that is not about what they share.

    The negative claim's negation is printed in the other claim too ("not a theology based on the
    Bible" quoted by both); or, with ``unnamed``, its negated event (decisive words, verb, the things
    it is about) is nothing the other claim names ("would not comply with subpoenas" / "will invoke
    the Fifth Amendment"). Never "will not hold a meeting" against "a meeting was definite", nor
    "will not attend" against "will attend".
    """
    if a.polarity == b.polarity:
        return False
    negative, positive = (a, b) if a.polarity == "negative" else (b, a)
    said = _straight(positive.text)
    # the negation its decisive words hold, else every one it prints ("nobody knows" when the key is "knows")
    printed = [m.group() for m in _NEGATED.finditer(negative.key or "")] or [
        m.group() for m in _NEGATED.finditer(negative.text)]
    if printed and all(" ".join(_straight(p).split()) in said for p in printed):
        return True  # one outlet's "don't have", the other's "don’t have": one apostrophe or the other
    if not unnamed:
        return False
    # The negated event: its decisive words, its verb and the things it is about ("will not hold" a *meeting*).
    event = {*terms_of(negative.key or ""), negative.predicate, *(w for w in negative.arguments if w.islower())}
    event = {w for w in event if w} | {stem(w) for w in event if w}
    return bool(event) and not event & (set(terms_of(positive.text)) | set(positive.words))


def _straight(text: str) -> str:
    """Lower case with straight apostrophes, as outlets print "don't" and "don’t" alike."""
    return text.lower().replace("\u2019", "'")


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
    if is_request(a) or is_request(b):
        return None  # "asked them to provide records" neither asserts nor denies anything
    # A possible day is superseded by that day ruled out; otherwise a "might" or an "if" is never a side.
    maybe = maybe_then_not(left, right, found)
    if maybe is not None or a.modality == "possible" or b.modality == "possible":
        return maybe
    moved = _figure_moved(left, right) or planned_then_ruled_out(left, right, found)
    if moved is not None:
        return moved
    if found.similarity >= PLAN_COSINE or matched:
        plan = plan_and_outcome(left, right, found, people) or not_yet_then_done(left, right, found)
        if plan is not None:
            return plan
    confidence = scale(max(found.similarity, 0.5), 0.5) * 0.8
    one_event = found.similarity >= NARROW_COSINE and (found.by_predicate or found.shared_names)
    checks = (
        (matched and not by_words and _figures_differ(a, b), "numbers"),
        (close and found.shared_names and _counted_differ(a, b), "numbers"),
        (found.similarity >= ONE_THING_COSINE and _one_thing_differs(a, b), ""),
        ((matched or (one_event and found.by_predicate)) and _years_differ(left, right), "dates"),
        ((matched or one_event) and _people_differ(a, b, people), ""),
        # Two days are two events unless the claims tell one event by its verb: "met Sunday" and
        # "Thursday night's meeting" are two meetings, "was indicted" and "the July indictment" two indictments.
        (matched and found.by_predicate and dates_clash(a, b) and "dates differ", "dates"),
        (found.shared_names and _left_on(a, b), "dates"),
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


def _same_by_rule(left: ClaimContext, right: ClaimContext, found: Evidence) -> tuple[float, str] | None:
    """(confidence floor, reason) when a rule reads one fact without the model: one amount printed exact
    and rounded, closed until a day and reopening that day, one quotation cut two ways."""
    a, b = left.claim, right.claim
    rounded = rounded_alike(a, b) if found.shared_terms or found.shared_names else None
    if rounded:
        return 0.8, f"same figure, rounded ({rounded}): {quotes(left, right)}"
    reopening = same_reopening(a, b)
    if reopening:
        return 0.8, f"same fact (closed until {reopening}, reopening then): {quotes(left, right)}"
    run = shared_run(a.text, b.text) or _same_short_line(left, right)
    return (0.9, f"same words: '{_cut(run)}'") if run else None


def _same_short_line(left: ClaimContext, right: ClaimContext) -> str | None:
    """One speaker's line too short for ``shared_run``, printed word for word by both: "We don't want him."."""
    if left.speaker is None or left.speaker != right.speaker:
        return None
    words = _tokens(left.claim.text)
    return " ".join(words) if len(words) >= _SHORT_QUOTE and words == _tokens(right.claim.text) else None


def _figure_moved(left: ClaimContext, right: ClaimContext) -> Relation | None:
    """One side gives a figure, the other says it has since moved to another ("had risen to 3.1 million").

    An ``updates``, the figure first; a ``conflicts`` when the move was said or reported before the figure.
    """
    for before, after in ((left, right), (right, left)):
        why = figure_changed(after.claim, before.claim)
        if why is None:
            continue
        backwards = bool(before.when and after.when and after.when < before.when)
        return stages(before, after, side(before), side(after), (f"figure moved ({why})",) * 2, backwards)
    return None


def _core(context: ClaimContext) -> str:
    return context.core or context.claim.text


_MONEY = re.compile(r"\$\s?\d[\d,]*(?:\.\d+)?(?:\s(?:million|billion))?")
_FIGURE = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\w.,]*\d)")


def _figures(claim: Claim) -> set[str]:
    return {m.group().replace(",", "") for m in _FIGURE.finditer(claim.text) if not YEAR.fullmatch(m.group())}


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


def _one_thing_differs(a: Claim, b: Claim) -> str | None:
    """A figure fused to one thing ("48-page indictment") or a price of one named thing, told two ways."""
    measured = measure_clash(a, b)
    if measured:
        return f"numbers differ ({measured})"
    priced = named_amount_clash(a, b)
    return f"amounts differ ({priced})" if priced else None


def _left_on(a: Claim, b: Claim) -> str | None:
    """"His final day will be Feb. 28" / "will be leaving on January 1": one person's leaving day told two ways."""
    clash = leaving_days_clash(a, b, synonyms("leave"))
    return f"dates differ ({clash})" if clash else None


def _counted_differ(a: Claim, b: Claim) -> str | None:
    counted = number_clash(a, b, counted_only=True)
    return f"numbers differ ({counted})" if counted else None


def _approximate(claim: Claim) -> bool:
    return bool(re.search(r"\b(?:about|around|nearly|almost|more than|less than|roughly|some|over)\s+\$", claim.text))


def _years_differ(left: ClaimContext, right: ClaimContext) -> str | None:
    """Both date the fact to one year, and the years differ: "since 2002" / "since 2003".

    "This year" and "last year" are read against the claim's own date. And a deed reported in one
    year was done by then: "lawyers said in 2017 that he repaid" against "repaid earlier this year"
    (printed in 2018) puts one repayment in two years.
    """
    ya, yb = _years(left), _years(right)
    if _plan_and_earlier_deed(left, right):
        return None  # "he'll run in 2016" (said in 2015) / "he ran in 2008": two runs, not two years of one
    if len(ya) == len(yb) == 1 and ya != yb:
        return f"years differ ({next(iter(ya))} vs {next(iter(yb))})"
    for said, other in ((left, right), (right, left)):
        reported = re.fullmatch(r"(?:in\s+)?((?:19|20)\d\d)", said.when_text or "")
        years = _years(other)
        if reported and not _years(said) and len(years) == 1 and int(min(years)) > int(reported.group(1)) \
                and done(said.claim) and done(other.claim):
            return f"years differ (done by {reported.group(1)}, as said then, vs {min(years)})"
    return None


def _plan_and_earlier_deed(left: ClaimContext, right: ClaimContext) -> bool:
    """Whether one claim is a plan and the other a deed dated years before the plan was made: two events."""
    return any(
        plan.claim.modality == "expected" and deed.claim.modality == "definite" and done_before(plan, deed)
        for plan, deed in ((left, right), (right, left))
    )


def _years(context: ClaimContext) -> set[str]:
    """The years a claim dates its fact to, "this year" and "last year" read against the claim's date."""
    found = {y for d in context.claim.dates for y in YEAR.findall(d)}
    year = int(context.when[:4]) if context.when and context.when[:4].isdigit() else None
    for d in context.claim.dates:
        relative = re.search(r"\b(this|last|next) year\b", d.lower())
        if relative and year is not None:
            found.add(str(year + {"this": 0, "last": -1, "next": 1}[relative.group(1)]))
    return found


def _people_differ(a: Claim, b: Claim, people: Mapping[str, str]) -> str | None:
    """One surname with two first names for one event: "Loretta Sanchez" here, "Linda T. Sánchez" there,
    each among what its claim is about (its arguments), not a name in passing: "he retweeted a post
    ... of Mrs. Cruz ... and Mrs. Trump" is not Melania Trump doing what "Trump lashed out" tells."""
    only_a = [people[e] for e in a.entities if e in people and e not in b.entities and _argued(a, people[e])]
    only_b = [people[e] for e in b.entities if e in people and e not in a.entities and _argued(b, people[e])]
    for name_a in only_a:
        for name_b in only_b:
            first_a, last_a = _name_parts(name_a)
            first_b, last_b = _name_parts(name_b)
            if not (last_a and last_a == last_b and first_a and first_b) or first_a == first_b:
                continue
            if same_first_name(first_a, first_b) or first_a[:3] == first_b[:3]:
                continue  # "Jim" / "James", "Chris" / "Christopher"
            if _slip(first_a, first_b) and _plain(name_a).split()[1:] == _plain(name_b).split()[1:]:
                continue  # "Vicente" / "Vincente": one outlet's spelling slip, not another person
            if _tail_of(name_a, name_b):
                continue  # "Wasserman Schultz" is "Debbie Wasserman Schultz" without her first name
            return f"people differ ({name_a} vs {name_b})"
    return None


def _slip(one: str, other: str) -> bool:
    """Whether two long names (five letters or more) differ by one letter added, dropped or changed.

    "Vicente" / "Vincente", "Katherine" / "Katharine": one name misspelt. Short names are left apart:
    "Dan" / "Don", "Lisa" / "Lina" are other people.
    """
    if min(len(one), len(other)) < 5 or abs(len(one) - len(other)) > 1 or one == other:
        return False
    short, long = sorted((one, other), key=len)
    at = next((i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    rest = long[at + 1 :]
    return short[at + 1 :] == rest if len(short) == len(long) else short[at:] == rest


def _tail_of(one: str, other: str) -> bool:
    """Whether the shorter of two names is the end of the longer: "Wasserman Schultz" / "Debbie Wasserman Schultz"."""
    short, long = sorted((_plain(one).split(), _plain(other).split()), key=len)
    return len(short) >= 2 and long[-len(short):] == short


def _plain(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def _argued(claim: Claim, name: str) -> bool:
    """Whether a person's surname is among a claim's arguments (the nouns its predicate is about)."""
    last = _name_parts(name)[1]
    return bool(last) and any(_plain(word).split()[-1:] == [last] for word in claim.arguments)


def _name_parts(name: str) -> tuple[str, str]:
    """(first name, surname), lower case without accents; ("", "") for a one-word name."""
    plain = _plain(name).split()
    return (plain[0], plain[-1]) if len(plain) >= 2 else ("", "")


def shared_run(a: str, b: str) -> str | None:
    """The longest run of words two claims repeat, when long enough to be one quote cut two ways."""
    wa, wb = _tokens(a), _tokens(b)
    if min(len(wa), len(wb)) < SHARED_RUN:
        return None
    matcher = SequenceMatcher(None, wa, wb, autojunk=False)
    match = matcher.find_longest_match(0, len(wa), 0, len(wb))
    if match.size < SHARED_RUN:
        return None
    # One sentence edited two ways ("conducting" / "carrying out", "al-Qaddafi" / "Gadhafi") keeps most of
    # its words in runs of three or more.
    kept = sum(block.size for block in matcher.get_matching_blocks() if block.size >= 3)
    return " ".join(wa[match.a : match.a + match.size]) if kept >= _SAME_WORDS * min(len(wa), len(wb)) else None


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:['’][a-z]+)?", text.lower())


def _cut(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
