"""Deciding how two similar claims from different articles relate.

``corroborates``: the same fact. ``conflicts``: incompatible (one negates the
other, one rules out what the other expects, different numbers).
``updates``: a conflict whose sides are ordered in time, the later one
superseding the earlier. ``related``: the same topic, not the same fact.
Every relation carries a one-line reason a person can check against the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storydiff.models import Claim, Relation, Statement

CORROBORATE = 0.70  # cosine at which two claims state the same fact
CORROBORATE_WITH_ENTITIES = 0.60  # ... when they also share two or more entities
CONFLICT = 0.55  # cosine at which a negation or ruling-out makes a conflict
RELATED = 0.55
_DEFINITE_OR_EXPECTED = {"definite", "expected"}
_NEGATIVE_MODALITIES = {"ruled out", "denied"}
_NUMBER = re.compile(r"\d[\d,.]*")


@dataclass(frozen=True, slots=True)
class ClaimContext:
    """A claim with what the relation rules need to know about it."""

    claim: Claim
    outlet: str
    speaker: str | None
    when: str | None  # YYYY-MM-DD: when the statement was made, else when the article ran


def classify(left: ClaimContext, right: ClaimContext, similarity: float, shared: Sequence[str]) -> Relation | None:
    """The relation between two claims, or None when they are unrelated."""
    a, b = left.claim, right.claim
    conflict = _conflict(left, right, similarity)
    if conflict:
        kind, confidence, why = conflict
        if left.when and right.when and left.when != right.when:
            earlier, later = (left, right) if left.when < right.when else (right, left)
            return Relation(
                "updates", (earlier.claim.id, later.claim.id), confidence,
                f"{why}; {_who(earlier)} on {earlier.when}, then {_who(later)} on {later.when}",
                similarity,
            )
        return Relation(kind, (a.id, b.id), confidence, f"{why}; {_who(left)} vs {_who(right)}", similarity)
    names = ", ".join(shared[:3])
    if similarity >= CORROBORATE or (similarity >= CORROBORATE_WITH_ENTITIES and len(shared) >= 2):
        reason = f"same fact (similarity {similarity:.2f}" + (f"; both name {names})" if names else ")")
        return Relation("corroborates", (a.id, b.id), _scale(similarity, CORROBORATE_WITH_ENTITIES), reason, similarity)
    if similarity >= RELATED and (shared or similarity >= RELATED + 0.05):
        reason = f"same topic, different details (similarity {similarity:.2f}" + (f"; both name {names})" if names else ")")
        return Relation("related", (a.id, b.id), _scale(similarity, RELATED), reason, similarity)
    return None


def _conflict(left: ClaimContext, right: ClaimContext, similarity: float) -> tuple[str, float, str] | None:
    """(type, confidence, reason) when the two claims cannot both be true."""
    a, b = left.claim, right.claim
    if similarity < CONFLICT:
        return None
    same_speaker = left.speaker is not None and left.speaker == right.speaker
    if a.modality in _NEGATIVE_MODALITIES and b.modality not in _NEGATIVE_MODALITIES and b.polarity == "positive":
        return "conflicts", _scale(similarity, CONFLICT), f"{a.modality} vs {b.modality}: {_gist(b)} / {_gist(a)}"
    if b.modality in _NEGATIVE_MODALITIES and a.modality not in _NEGATIVE_MODALITIES and a.polarity == "positive":
        return "conflicts", _scale(similarity, CONFLICT), f"{a.modality} vs {b.modality}: {_gist(a)} / {_gist(b)}"
    if a.polarity != b.polarity and not same_speaker and (a.modality in _DEFINITE_OR_EXPECTED or b.modality in _DEFINITE_OR_EXPECTED):
        positive, negative = (a, b) if a.polarity == "positive" else (b, a)
        return "conflicts", _scale(similarity, CONFLICT) * 0.9, f"negation: {_gist(positive)} vs {_gist(negative)}"
    numbers_a, numbers_b = _numbers(a), _numbers(b)
    if similarity >= 0.7 and numbers_a and numbers_b and not numbers_a & numbers_b:
        return "conflicts", _scale(similarity, 0.7) * 0.8, (
            f"numbers differ: {', '.join(sorted(numbers_a))} vs {', '.join(sorted(numbers_b))}"
        )
    return None


def _numbers(claim: Claim) -> set[str]:
    return {m.group().rstrip(".,") for n in claim.numbers for m in _NUMBER.finditer(n)}


def _gist(claim: Claim, limit: int = 60) -> str:
    """A short quotation of the claim for a reason line."""
    text = " ".join(claim.text.split())
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return f"'{text}'"


def _who(context: ClaimContext) -> str:
    if context.speaker:
        return f"{context.speaker} ({context.outlet})"
    return context.outlet


def _scale(similarity: float, floor: float) -> float:
    """Map a cosine in [floor, 1] to a confidence in [0.5, 1]."""
    return round(min(1.0, 0.5 + 0.5 * (similarity - floor) / max(1e-6, 1 - floor)), 3)


def claim_context(claim: Claim, outlet: str, statements: dict[str, Statement], published: str | None) -> ClaimContext:
    """Gather the speaker and time of a claim from its statement, else from its article."""
    statement = statements.get(claim.statement) if claim.statement else None
    speaker = None
    when = published
    if statement is not None:
        speaker = statement.speaker.name or statement.speaker.text
        if statement.when is not None and statement.when.date:
            when = statement.when.date
    return ClaimContext(claim, outlet, speaker, when)
