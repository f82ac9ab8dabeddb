"""Deciding how two similar claims from different articles relate.

``corroborates``: the same fact. ``conflicts``: incompatible statements about
the same event: one negates the predicate the other asserts ("would happen"
vs "will not hold"), one rules out or denies what the other expects, the
predicates are opposites ("confirmed" vs "ruled out"), or the numbers or
dates of the same event differ. ``updates``: a conflict whose sides are
ordered in time, the later one superseding the earlier. ``related``: the
same topic, not the same fact.

Precision comes first: a wrong conflict costs an editor's trust more than a
missed one, so a conflict needs (1) similar claims, (2) the same event, i.e.
a shared argument noun ("meeting") or the same event verb, and (3) the
incompatibility on that event's own predicate, as the claim's core reads it
(the statement's content, not the reporting clause or a relative clause).
Every relation carries a one-line reason that quotes the decisive words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storydiff.lexicon import NEGATING_WORDS, WEEKDAYS
from storydiff.align.figures import (
    DURATION,
    dates_clash,
    days,
    number_clash,
    rounded_alike,
    shared_amount,
    values,
)
from storydiff.align.vocabulary import STOP, stem
from storydiff.models import Claim, Relation
from storydiff.nlp.claims import LIGHT_PREDICATES

CORROBORATE_ALONE = 0.85  # cosine at which two compatible claims state the same fact
CORROBORATE = 0.75  # ... when they also share their event or specific words
CORROBORATE_WITH_EVIDENCE = 0.62  # ... when they also share entities or their event
CORROBORATE_SAME_VERB = 0.70  # ... when they share their event verb and its words
CORROBORATE_SAME_VOICE = 0.48  # ... when the same person is quoted on the same point in both
SAME_VOICE_PIECES = 0.5  # ... and the two pieces quoted mean the same (cosine) ...
SAME_VOICE_PIECES_FLOOR = 0.35  # ... or, sharing two words, are at least this close
CONFLICT = 0.45  # cosine below which two claims are never said to conflict
CONFLICT_DETAILS = 0.70  # numbers must differ between claims at least this similar
CONFLICT_PARAPHRASE = 0.78  # ... or this similar when they share a named entity
CONFLICT_COUNTED = 0.72  # ... or this similar when they count the same specific thing
CONFLICT_DATES = 0.60  # ... and the dates of one event (same verb) between claims this similar
RELATED = 0.60
RELATED_ALONE = 0.70  # cosine at which two claims are on one topic without a shared name or word
COVERED = 0.6  # share of a negated claim's words the other claim must carry, for the same verb
_NEGATIVE_MODALITIES = frozenset({"ruled out", "denied"})
_ASSERTIVE = frozenset({"definite", "expected"})
# Nouns too general to make two claims be about one event.
_GENERIC = frozenset({
    "official", "people", "thing", "way", "time", "year", "day", "week", "month", "lot", "part",
    "issue", "question", "statement", "report", "news", "source", "country", "government",
    "state", "man", "woman", "leader", "member", "group", "side", "point", "fact", "case",
    "number", "percent", "comment", "view", "world", "event", "matter", "life", "place", "home",
})
# Predicates that cannot both hold of one event: "confirmed" vs "ruled out".
_OPPOSITES = {
    frozenset(p) for p in (
        ("confirm", "deny"), ("confirm", "rule out"), ("confirm", "reject"), ("accept", "reject"),
        ("approve", "reject"), ("approve", "block"), ("approve", "veto"), ("win", "lose"),
        ("rise", "fall"), ("increase", "decrease"), ("rise", "drop"), ("increase", "drop"),
        ("agree", "refuse"), ("agree", "reject"), ("admit", "deny"), ("support", "oppose"),
        ("open", "close"), ("pass", "fail"), ("acquit", "convict"), ("allow", "ban"),
        ("announce", "rule out"), ("schedule", "rule out"), ("schedule", "cancel"),
        ("hold", "cancel"), ("hold", "rule out"), ("meet", "rule out"), ("happen", "rule out"),
    )
}


@dataclass(frozen=True, slots=True)
class ClaimContext:
    """A claim with what the relation rules need to know about it."""

    claim: Claim
    outlet: str
    speaker: str | None  # canonical name or the speaker's words ("diplomatic sources")
    when: str | None  # YYYY-MM-DD: when the statement was made, else when the article ran
    when_text: str | None = None  # the time as printed for the statement ("Thursday")
    voices: frozenset[str] = frozenset()  # person entity ids: the speaker and people named around the core
    terms: frozenset[str] = frozenset()  # crude stems of the whole claim's content words
    words: frozenset[str] = frozenset()  # ... names and figures included (align.vocabulary.words_of)
    core: str = ""  # the asserted part of the claim (statement content), as printed
    quoted_by: str | None = None  # the named source (entity id, else name) whose own words the claim quotes


@dataclass(frozen=True, slots=True)
class Evidence:
    """What two claims have in common, computed once per candidate pair."""

    similarity: float
    shared_names: tuple[str, ...]  # canonical names of the entities both claims name
    shared_voices: tuple[str, ...]  # names of people quoted or named as sources in both
    event: tuple[str, ...]  # what makes them one event: a shared event noun, or the same event verb
    shared_terms: tuple[str, ...]  # content words (not names) both claims use
    by_predicate: bool = False  # the event is the same predicate, not a shared event noun
    piece_similarity: float = 0.0  # cosine of the two pieces a reason quotes (same-voice pairs only)
    overlap: float = 0.0  # weighted Jaccard of their words, weighted by rarity in the story (align.vocabulary)
    rare_words: tuple[str, ...] = ()  # the rarest words both use, rarest first
    scarce: int = 0  # how many words both use that few of the story's claims use (align.vocabulary.SCARCE)


def classify(left: ClaimContext, right: ClaimContext, evidence: Evidence) -> Relation | None:
    """The relation between two claims, or None when they are unrelated."""
    a, b = left.claim, right.claim
    similarity = evidence.similarity
    conflict = _conflict(left, right, evidence)
    if conflict is not None:
        why, confidence = conflict
        focus = why.split()[0]
        order = time_order(left, right)
        if order is not None:
            earlier, later = order
            return Relation(
                "updates", (earlier.claim.id, later.claim.id), confidence,
                f"{why}: {side(earlier, focus)}, then {side(later, focus)}", similarity,
            )
        return Relation(
            "conflicts", (a.id, b.id), confidence,
            f"{why}: {side(left, focus)} vs {side(right, focus)}", similarity,
        )
    names = ", ".join(evidence.shared_names[:3])
    quote = quotes(left, right)
    # Claims that differ in polarity, figures or dates are never the same fact, at most related; nor are two
    # people's own words.
    is_compatible = compatible(a, b) and not other_voices(left, right)
    if is_compatible and (similarity >= CORROBORATE_ALONE or (similarity >= CORROBORATE and (
        evidence.event or len(evidence.shared_terms) >= 2
    ))):
        return Relation(
            "corroborates", (a.id, b.id), scale(similarity, CORROBORATE),
            f"same fact: {quote}" + (f" (both name {names})" if names else ""), similarity,
        )
    if is_compatible and similarity >= CORROBORATE_WITH_EVIDENCE and evidence.event and (
        len(evidence.shared_names) >= 2 or evidence.shared_voices
        or (evidence.by_predicate and similarity >= CORROBORATE_SAME_VERB)
    ):
        return Relation(
            "corroborates", (a.id, b.id), scale(similarity, CORROBORATE_WITH_EVIDENCE) * 0.9,
            f"same fact about '{evidence.event[0]}': {quote}" + (f" (both name {names})" if names else ""),
            similarity,
        )
    # "crews accepted a 5 percent pay rise" / "crews would receive a 5 percent rise": the same figure.
    figure = shared_amount(a, b) if is_compatible and similarity >= CORROBORATE_WITH_EVIDENCE else None
    if figure and len(evidence.shared_terms) >= 2:
        return Relation(
            "corroborates", (a.id, b.id), scale(similarity, CORROBORATE_WITH_EVIDENCE) * 0.9,
            f"same figure ({figure}): {quote}", similarity,
        )
    if (
        is_compatible and similarity >= CORROBORATE_SAME_VOICE and evidence.shared_voices
        and len(evidence.shared_terms) >= 2
        and _same_point(piece(left, right), piece(right, left), evidence.piece_similarity)
    ):
        voice = evidence.shared_voices[0]
        return Relation(
            "corroborates", (a.id, b.id), scale(similarity, CORROBORATE_SAME_VOICE) * 0.8,
            f"{voice} in both: {quote}", similarity,
        )
    if similarity >= RELATED and (
        evidence.shared_names or evidence.event or len(evidence.shared_terms) >= 2 or similarity >= RELATED_ALONE
    ):
        topic = (
            f"'{evidence.event[0]}'" if evidence.event
            else names or ", ".join(evidence.shared_terms[:3]) or f"similar wording, cosine {similarity:.2f}"
        )
        return Relation(
            "related", (a.id, b.id), scale(similarity, RELATED) * 0.8,
            f"same topic ({topic}): {quote}", similarity,
        )
    return None


def _same_point(a: str, b: str, cosine: float) -> bool:
    """Whether two quoted pieces of one person's words make the same point.

    Each must hold two content words, or the shorter be word for word inside the
    other; they must be close in meaning (cosine of their embeddings), and closer
    still unless they share two words; and neither may negate what the other
    affirms ("Mexico would never pay" / "Mexico will pay").
    """
    if _negated(a) != _negated(b) or cosine < SAME_VOICE_PIECES_FLOOR:
        return False
    left, right = terms_of(a), terms_of(b)
    if min(len(left), len(right)) < 2 and not _words_within(a, b):
        return False  # "Three paintings" is a topic, too short to be the point "the paintings were insured" makes
    return cosine >= SAME_VOICE_PIECES or len(left & right) >= 2


def _words_within(a: str, b: str) -> bool:
    """Whether the shorter piece's words run, in order, inside the longer: "And we are ready" in "We are
    ready -- today." (a joining word at the start aside)."""
    words = [re.findall(r"[a-z]+", x.lower().replace("’", "'")) for x in (a, b)]
    short, long = sorted((w[1:] if w[:1] in (["and"], ["but"], ["so"]) else w for w in words), key=len)
    return bool(short) and any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _negated(text: str) -> bool:
    words = re.findall(r"[a-z’']+", text.lower())
    return any(w in NEGATING_WORDS or w.endswith(("n't", "n’t")) for w in words)




def needs_piece_check(left: ClaimContext, right: ClaimContext, evidence: Evidence) -> bool:
    """Whether a pair would corroborate as one person's words once its quoted pieces are compared."""
    return bool(
        evidence.similarity >= CORROBORATE_SAME_VOICE and evidence.shared_voices
        and len(evidence.shared_terms) >= 2 and compatible(left.claim, right.claim)
    )


def _conflict(left: ClaimContext, right: ClaimContext, evidence: Evidence) -> tuple[str, float] | None:
    """(reason head, confidence) when the two claims cannot both be true of one event."""
    a, b = left.claim, right.claim
    if is_request(a) or is_request(b):
        return None  # "asked the firm to provide its records" asserts nothing a denial could contradict
    # "Twelve people were injured" vs "Fifteen people were injured": same verb, other amount.
    # Only when both name the same people and places: "his rate was 36 percent" vs "the
    # Clintons' rate was 35.7 percent" are two rates.
    same_frame = (
        _predicate_class(a.predicate) == _predicate_class(b.predicate) and a.predicate
        and set(a.entities) == set(b.entities) and _shared_arguments(a, b)
    )
    # Or two near-paraphrases about the same named thing: "will close for six weeks" vs
    # "will keep it closed for eight weeks".
    close_paraphrase = evidence.similarity >= CONFLICT_PARAPHRASE and set(a.entities) & set(b.entities)
    # Or the same counted thing in two similar claims: "two paintings stolen" / "three paintings taken".
    counted = evidence.similarity >= CONFLICT_COUNTED and number_clash(a, b, counted_only=True)
    if evidence.similarity >= CONFLICT_DETAILS and a.polarity == b.polarity and (
        same_frame or close_paraphrase or counted
    ):
        numbers = number_clash(a, b)
        if numbers:
            return f"numbers differ ({numbers})", scale(evidence.similarity, CONFLICT_DETAILS) * 0.8
    if evidence.similarity < CONFLICT or not evidence.event:
        return None
    base = scale(evidence.similarity, CONFLICT)
    event = evidence.event[0]
    # "ruled out a meeting" vs "a meeting would happen": one side takes back what the other states.
    # Only a definite or expected statement can be contradicted; "might", "if", "whether" cannot.
    for x, y in ((a, b), (b, a)):
        if x.modality in _NEGATIVE_MODALITIES and x.polarity == "positive" and (
            y.modality in _ASSERTIVE and y.polarity == "positive"
        ):
            return f"{a.modality} vs {b.modality} ({event})", base
    # "will not hold a meeting" vs "a meeting would happen": the same event, negated on one side.
    if a.polarity != b.polarity and a.modality in _ASSERTIVE and b.modality in _ASSERTIVE:
        negative, positive = (a, b) if a.polarity == "negative" else (b, a)
        if positive.predicate in _CALLED_OFF:
            return None  # "the festival was postponed" and "will not be held" agree
        # Same verb, different complements ("charged with seven counts" vs "not charged
        # with conspiring"): only a conflict when the negated side adds nothing new.
        same_voice = left.speaker is not None and left.speaker == right.speaker
        # One speaker contradicting themselves at one time is more likely our misreading.
        if (not evidence.by_predicate or _covered(negative, positive)) and not (
            same_voice and time_order(left, right) is None
        ):
            return f"negation ({event})", base * 0.95
    # "confirmed the meeting" vs "cancelled the meeting".
    if a.polarity == b.polarity and frozenset((a.predicate, b.predicate)) in _OPPOSITES:
        return f"opposite predicates '{a.predicate}' vs '{b.predicate}' ({event})", base * 0.9
    if evidence.similarity < CONFLICT_DATES or a.polarity != b.polarity:
        return None
    if evidence.by_predicate and _shared_arguments(a, b) and dates_clash(a, b):
        when = f"{', '.join(days(a))} vs {', '.join(days(b))}"
        return f"dates differ ({when})", scale(evidence.similarity, CONFLICT_DATES) * 0.8
    return None


# "asked the company to provide", "called on him to explain": a request asserts nothing.
_REQUEST = re.compile(
    r"\b(?:ask(?:s|ed|ing)?|request(?:s|ed|ing)?|urg(?:e|es|ed|ing)|call(?:s|ed|ing)? (?:on|for)|"
    r"demand(?:s|ed|ing)?|sought|seek(?:s|ing)?|invit(?:e|es|ed|ing))\b", re.IGNORECASE,
)


def is_request(claim: Claim) -> bool:
    """Whether the claim reports a request ("asked him to provide the records"), not an assertion."""
    head = claim.text[: max(0, (claim.content_start or claim.start) - claim.start)] or claim.text
    return bool(_REQUEST.search(claim.key or "") or _REQUEST.search(head))


def other_voices(left: ClaimContext, right: ClaimContext) -> bool:
    """Whether the two claims quote two different people's own words ("I understand how it offends
    people," she said / "I understand there are going to be people that hate this," he said): alike,
    but not one fact."""
    return bool(left.quoted_by and right.quoted_by) and left.quoted_by != right.quoted_by


def compatible(a: Claim, b: Claim) -> bool:
    """Whether two claims could state the same fact: same polarity, no side taking it back."""
    if a.polarity != b.polarity or dates_clash(a, b) or number_clash(a, b):
        return False
    # "shrank nearly 30 percent" vs "shrank from about 5 million to 400,000": other figures, other fact.
    va, vb = values(a), values(b)
    if va and vb and not va & vb and not rounded_alike(a, b):  # "$141 million" is "$140,937,785" rounded
        return False
    return (a.modality in _NEGATIVE_MODALITIES) == (b.modality in _NEGATIVE_MODALITIES)


def _shared_arguments(a: Claim, b: Claim) -> bool:
    """Whether the predicates share an argument: "Mattis will leave" / "Mattis would retire"."""
    return bool({w.lower() for w in a.arguments} & {w.lower() for w in b.arguments})


def _covered(negative: Claim, positive: Claim) -> bool:
    """Whether the negated claim says little the other does not: its arguments and most words recur.

    "I am not running as a surrogate for prom king" does not deny "he is running".
    """
    other = {w.lower() for w in (*positive.arguments, *positive.words)}
    if not all(w.lower() in other for w in negative.arguments):
        return False
    words = [w for w in negative.words if w != negative.predicate]
    return not words or sum(w in other for w in words) >= COVERED * len(words)


def time_order(left: ClaimContext, right: ClaimContext) -> tuple[ClaimContext, ClaimContext] | None:
    """(earlier, later) when both claims were made at stated, different times.

    Statements that carry their own time ("said on Thursday") are ordered by it: an
    article's date says when it was printed, not when its claims were made. But it
    bounds them: a claim printed on a day before another was said ("announced
    Sunday", printed Thursday) was made before it.
    """
    if not (left.when_text and right.when_text):
        for stated, printed in ((left, right), (right, left)):
            if stated.when_text and not printed.when_text and printed.when and stated.when \
                    and len(printed.when) == len(stated.when) == 10 and printed.when < stated.when:
                return printed, stated
        return None
    if left.when and right.when:
        if left.when == right.when:
            return None
        return (left, right) if left.when < right.when else (right, left)
    # No dates, but "on Thursday" and "on Friday" in one story: a weekday apart.
    first, second = _weekday(left.when_text), _weekday(right.when_text)
    if first is not None and second is not None:
        gap = (second - first) % 7
        if 1 <= gap <= 3:
            return left, right
        if 4 <= gap <= 6:
            return right, left
    return None


def _weekday(text: str | None) -> int | None:
    if not text:
        return None
    words = text.lower().split()
    days = [WEEKDAYS.index(w) for w in words if w in WEEKDAYS]
    return days[0] if len(days) == 1 and len(words) <= 2 else None


def quotes(left: ClaimContext, right: ClaimContext, limit: int = 70) -> str:
    """"'piece' / 'piece'": the part of each claim that bears on the other, the second matched to the first."""
    first = piece(left, right)
    second = _best_piece(right, terms_of(first)) if terms_of(first) & right.terms else piece(right, left)
    out = []
    for text in (first, second):
        if len(text) > limit:
            text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
        out.append(f"'{text}'")
    return " / ".join(out)


def piece(context: ClaimContext, other: ClaimContext) -> str:
    """The claim cut at commas, dashes and "that": the piece sharing most words with the other claim.

    The asserted core wins a tie.
    """
    return _best_piece(context, other.terms)


def _best_piece(context: ClaimContext, terms: frozenset[str]) -> str:
    text = " ".join((context.claim.text).split())
    core = " ".join(context.core.split())
    pieces = [p.strip(" \"“”'") for p in _PIECES.split(text)]
    pieces = [
        p for p in pieces if len(p.split()) >= 2 and terms_of(p) and not _ATTRIBUTION.match(p)
    ] or [core or text]
    best = max(
        pieces,
        key=lambda p: (len(terms_of(p) & terms), bool(core) and p in core, -abs(len(p) - 50)),
    )
    return best


# Pieces that only say who said it: "the indictment said", "according to the indictment".
_ATTRIBUTION = re.compile(
    r"^(?:according to\b.{0,40}|(?:\S+\s+){0,4}(?:said|says|told reporters|added|reported|wrote|tweeted)\.?)$",
    re.IGNORECASE,
)
_PIECES = re.compile(r"\s*(?<!\d),(?!\d)\s*|\s*[;:—–―(]\s*|\s+-\s+|\s+that\s+|[)]")


def side(context: ClaimContext, focus: str = "") -> str:
    """One side of a conflict: the decisive words, who said them, where and when.

    ``focus`` names what differs ("numbers", "dates"): that side then quotes the
    words around its number or date instead of its verb.
    """
    key = " ".join((context.claim.key or context.claim.text[:50]).split())
    if focus == "numbers":
        shown = (*context.claim.numbers, *(d for d in context.claim.dates if DURATION.fullmatch(d.lower())))
    else:
        shown = context.claim.dates if focus == "dates" else ()
    for value in shown:
        at = context.claim.text.find(value)
        if at >= 0:
            # The words leading up to the number or date: "will leave at the end of February".
            before = context.claim.text[max(0, at - 35) : at]
            if at > 35 and " " in before:
                before = "…" + before.split(" ", 1)[1]
            end = at + len(value)
            after = context.claim.text[end : end + 25]
            if end + 25 < len(context.claim.text) and " " in after:
                after = after.rsplit(" ", 1)[0] + "…"
            key = " ".join((before + value + after).split())
            break
    who = f"{context.speaker}, {context.outlet}" if context.speaker else context.outlet
    when = context.when_text or context.when
    return f"'{key}' ({who}{', ' + when if when else ''})"


def scale(similarity: float, floor: float) -> float:
    """Map a cosine in [floor, 1] to a confidence in [0.5, 1]."""
    return round(min(1.0, 0.5 + 0.5 * (similarity - floor) / max(1e-6, 1 - floor)), 3)


def shared_event(a: Claim, b: Claim) -> tuple[tuple[str, ...], bool]:
    """What makes two claims one event, and whether it is their (same) predicate.

    The same event verb ("leave" / "retire" count as one) with an argument in common
    ("Mattis"); or a shared event noun ("meeting") that both predicates say happens or
    not ("would happen", "will not hold", "ruled out").
    """
    pa, pb = _predicate_class(a.predicate), _predicate_class(b.predicate)
    args_a = {w.lower() for w in a.arguments}
    args_b = {w.lower() for w in b.arguments}
    # "will plead not guilty" / "would plead not guilty to the charges": the same verb with a
    # shared argument, or with two more words in common.
    if pa and pa == pb and pa not in LIGHT_PREDICATES and (
        args_a & args_b or (
            len(set(a.words) & set(b.words) - {a.predicate, b.predicate}) >= 1
            and len(set(a.words) & set(b.words)) >= 2
        )
    ):
        return (a.predicate if a.predicate == b.predicate else f"{a.predicate}/{b.predicate}",), True
    common = tuple(
        w for w in a.arguments if w.islower() and w in b.arguments and w not in _GENERIC
    )
    if common and ((pa == pb and pa not in LIGHT_PREDICATES) or (pa in _OCCUR and pb in _OCCUR)):
        return common, False
    return (), False


def _predicate_class(predicate: str) -> str:
    return _SYNONYMS.get(predicate, predicate)


def synonyms(predicate: str) -> frozenset[str]:
    """The verbs that name one event with this one: "indict" -> {"indict", "charge"}."""
    kind = _predicate_class(predicate)
    return frozenset({predicate, *(v for v, k in _SYNONYMS.items() if k == kind)} - {""})


# Verbs that say an event will not take place as planned: "was postponed" agrees with "will not be held".
_CALLED_OFF = frozenset({"cancel", "postpone", "call off", "rule out", "delay", "suspend", "scrap", "scrub"})
# Verbs that say whether an event (a meeting, a vote) takes place: "would happen", "will not hold".
_OCCUR = frozenset({
    "happen", "occur", "take place", "hold", "have", "exist", "go ahead", "schedule", "plan", "set",
    "confirm", "arrange", "cancel", "rule out", "attend", "take", "expect", "announce", "postpone",
    "call off", "meet",
    # The event goes on: "the strike would last three days" presupposes the strike happens,
    # so "the strike will not go ahead" contradicts it.
    "go", "last", "begin", "start", "continue", "resume",
})
# Verbs that name one event in different words: "leave" / "resign" / "step down".
_SYNONYMS = {
    **dict.fromkeys(("leave", "retire", "step down", "depart", "exit"), "leave"),
    **dict.fromkeys(("arrest", "detain", "apprehend"), "arrest"),
    **dict.fromkeys(("kill", "slay"), "kill"),
    **dict.fromkeys(("charge", "indict"), "charge"),
    **dict.fromkeys(("meet", "talk"), "meet"),
    **dict.fromkeys(("win", "capture"), "win"),
}


_WORD = re.compile(r"[A-Za-z][a-z]{2,}")


@lru_cache(maxsize=65536)
def terms_of(text: str) -> frozenset[str]:
    """Crude stems of a text's content words, names left out, for counting the words two claims share."""
    out = set()
    for match in _WORD.finditer(text.replace("’", "'")):
        word = match.group()
        if word[0].isupper():  # a name ("Mattis"), or a sentence's first word
            continue
        word = word.lower()
        if word in STOP:
            continue
        out.add(stem(word))
    return frozenset(out)
