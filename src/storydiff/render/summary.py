"""What every renderer shows, computed once: the sections of a brief in reading order.

Renderers (text, Markdown, HTML) differ only in how they draw these sections,
so the choice of what counts as agreed, disputed, changed or unique lives here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from storydiff.models import Article, Brief, Claim, Relation, Statement

MAX_UNIQUE = 8  # claims listed per article under "Only in"


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a disputed or changed point."""

    claim: Claim
    article: Article
    speaker: str | None
    when: str | None


@dataclass(frozen=True, slots=True)
class Dispute:
    relation: Relation
    sides: tuple[Side, Side]


@dataclass(frozen=True, slots=True)
class Agreed:
    claims: tuple[Claim, ...]
    independent_sources: int
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Sections:
    agreed: tuple[Agreed, ...]
    disputes: tuple[Dispute, ...]  # conflicts and updates
    unique: tuple[tuple[Article, tuple[Claim, ...], int], ...]  # article, shown claims, hidden count
    speakers: tuple[tuple[str, tuple[Statement, ...]], ...]
    timeline: tuple[tuple[str, Statement], ...]  # (date, statement) for statements with a known date
    independent_sources: int


def outlet_label(article: Article) -> str:
    """How an article is named to a reader: its outlet, else its title, else its id."""
    return article.outlet or f"article {article.id}"


_BARE_PRONOUNS = frozenset({"it", "they", "this", "that", "which", "who", "he", "she", "we", "i", "you"})


def is_reportable(statement: Statement) -> bool:
    """Whether a statement belongs in "who said what": speech (not "wants", "plans") by someone named
    or described, not an unresolved "it" or "they". The JSON keeps every statement."""
    speaker = statement.speaker
    if not statement.speech:
        return False
    return speaker.anonymous or speaker.name is not None or speaker.text.lower() not in _BARE_PRONOUNS


def speaker_label(statement: Statement) -> str:
    speaker = statement.speaker
    if speaker.anonymous:
        return f"{speaker.text} (anonymous)"
    return speaker.name or speaker.text


def sections(brief: Brief) -> Sections:
    """Arrange a brief into the sections a reader scans."""
    agreed = tuple(
        Agreed(
            tuple(brief.claim(c) for c in point.claims),
            point.independent_sources,
            tuple(dict.fromkeys(outlet_label(brief.article(a)) for a in point.articles)),
        )
        for point in brief.agreed
    )
    disputes = tuple(
        Dispute(r, (_side(brief, r.claims[0]), _side(brief, r.claims[1])))
        for r in brief.relations
        if r.type in ("conflicts", "updates")
    )
    unique = []
    for entry in brief.unique:
        claims = tuple(brief.claim(c) for c in entry.claims)
        unique.append((brief.article(entry.article), claims[:MAX_UNIQUE], max(0, len(claims) - MAX_UNIQUE)))
    by_speaker: dict[str, list[Statement]] = defaultdict(list)
    for statement in brief.statements:
        if is_reportable(statement):
            by_speaker[speaker_label(statement)].append(statement)
    speakers = tuple(sorted(by_speaker.items(), key=lambda kv: (-len({s.article for s in kv[1]}), -len(kv[1]), kv[0])))
    groups = {a.source_group or a.id for a in brief.articles}
    order = {a.id: n for n, a in enumerate(brief.articles)}
    dated = []
    for statement in brief.statements:
        day = (statement.when.date if statement.when else None) or brief.article(statement.article).published
        if day and is_reportable(statement):
            dated.append((day, statement))
    dated.sort(key=lambda d: (d[0], order[d[1].article], d[1].content.start))
    return Sections(agreed, disputes, tuple(unique), tuple((k, tuple(v)) for k, v in speakers),
                    tuple(dated), len(groups))


def _side(brief: Brief, claim_id: str) -> Side:
    claim = brief.claim(claim_id)
    article = brief.article(claim.article)
    speaker = when = None
    if claim.statement:
        statement = brief.statement(claim.statement)
        speaker = speaker_label(statement)
        if statement.when is not None:
            when = statement.when.date or statement.when.text
    return Side(claim, article, speaker, when or article.published)


def one_line(text: str, limit: int = 0) -> str:
    """Collapse whitespace; cut to ``limit`` characters at a word boundary when given."""
    text = " ".join(text.split())
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text
