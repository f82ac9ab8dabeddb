"""What every renderer shows, decided once: the sections of a brief in reading order.

Text, Markdown and HTML differ only in how they draw these records, so what
counts as agreed, disputed, changed or unique, how an article or a speaker is
named, and what goes on the timeline live here and nowhere else:

- an article is named by its outlet, else ``article A``; when two articles share an
  outlet, its id follows (``Reuters (B)``);
- "who said what" and the timeline list speech ("said", "told"; not "wants") by
  someone named or described, never an unresolved "it" or "they"; negated speech
  reads as such ("did not say"), never as the speaker asserting the content;
- the timeline holds the statements that have a day: the day they were said, else
  the day their article was published; a statement with neither (an undated
  article) is listed under "who said what" only, never guessed into the timeline.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from dataclasses import dataclass

from storydiff.models import Article, Brief, Claim, InputFailure, Relation, Statement

MAX_UNIQUE = 8  # claims a terminal or Markdown brief lists per article under "Only in"

_BARE_PRONOUNS = frozenset({"it", "they", "this", "that", "which", "who", "he", "she", "we", "i", "you"})


@dataclass(frozen=True, slots=True)
class Source:
    """One article as the sources list shows it."""

    article: Article
    label: str
    copy_of: str | None  # id of the article this one is a near-copy of
    copies: tuple[str, ...]  # ids of the articles that are near-copies of this one
    claims: int
    statements: int


@dataclass(frozen=True, slots=True)
class Agreed:
    """A point several articles make, with the claims that make it, first article first."""

    claims: tuple[Claim, ...]
    articles: tuple[str, ...]
    independent_sources: int
    outlets: tuple[str, ...]  # labels of the articles, each once
    reasons: tuple[str, ...]  # why the claims were matched, one per corroborating pair


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a disputed or changed point."""

    claim: Claim
    article: Article
    statement: Statement | None
    speaker: str | None
    when: str | None  # when the statement was made, else when its article was published


@dataclass(frozen=True, slots=True)
class Dispute:
    """Two claims that conflict, or a later one that updates an earlier one (sides in that order)."""

    relation: Relation
    sides: tuple[Side, Side]

    @property
    def is_update(self) -> bool:
        return self.relation.type == "updates"


@dataclass(frozen=True, slots=True)
class OnlyIn:
    """The claims only one article carries."""

    article: Article
    label: str
    claims: tuple[Claim, ...]

    @property
    def shown(self) -> tuple[Claim, ...]:
        """The claims a short brief lists; the rest are counted in ``hidden``."""
        return self.claims[:MAX_UNIQUE]

    @property
    def hidden(self) -> int:
        return max(0, len(self.claims) - MAX_UNIQUE)


@dataclass(frozen=True, slots=True)
class Voice:
    """A statement as the brief shows it: who, and the day it belongs to."""

    statement: Statement
    speaker: str
    day: str | None  # YYYY-MM-DD: when said, else when its article was published
    is_report_day: bool  # ``day`` is the article's date, not the statement's own


@dataclass(frozen=True, slots=True)
class SpeakerStatements:
    """Everything one speaker said, across the articles."""

    speaker: str
    statements: tuple[Voice, ...]


@dataclass(frozen=True, slots=True)
class Sections:
    """A brief arranged into the sections a reader scans; built once by ``sections``."""

    brief: Brief
    headline: str | None  # the title of the earliest article with one
    sources: tuple[Source, ...]
    agreed: tuple[Agreed, ...]
    disputes: tuple[Dispute, ...]  # conflicts and updates, in the brief's order
    unique: tuple[OnlyIn, ...]  # articles with at least one claim of their own
    speakers: tuple[SpeakerStatements, ...]  # most widely quoted first
    timeline: tuple[Voice, ...]  # dated statements, earliest first
    independent_sources: int
    errors: tuple[InputFailure, ...]

    def label(self, article_id: str) -> str:
        """How the article with this id is named to a reader."""
        for source in self.sources:
            if source.article.id == article_id:
                return source.label
        return f"article {article_id}"


def is_reportable(statement: Statement) -> bool:
    """Whether a statement belongs in "who said what": speech (not "wants", "plans") by someone named
    or described, not an unresolved "it" or "they" nor a phrase that is no source (an empty speaker).
    The JSON keeps every statement."""
    speaker = statement.speaker
    if not statement.speech or not speaker.text:
        return False
    return speaker.anonymous or speaker.name is not None or speaker.text.lower() not in _BARE_PRONOUNS


def speaker_name(statement: Statement) -> str:
    """The speaker's canonical name, else the words the article uses ("a council engineer")."""
    return statement.speaker.name or statement.speaker.text


def speaker_label(statement: Statement) -> str:
    """How a speaker is named in a list: ``speaker_name``, marked when the source is anonymous."""
    if statement.speaker.anonymous:
        return f"{statement.speaker.text} (anonymous)"
    return speaker_name(statement)


def sections(brief: Brief) -> Sections:
    """Arrange a brief into the sections a reader scans."""
    labels = _labels(brief.articles)
    order = {a.id: n for n, a in enumerate(brief.articles)}
    corroborations = [r for r in brief.relations if r.type == "corroborates"]
    agreed = []
    for point in brief.agreed:
        members = set(point.claims)
        agreed.append(Agreed(
            tuple(brief.claim(c) for c in point.claims), point.articles, point.independent_sources,
            tuple(dict.fromkeys(labels[a] for a in point.articles)),
            tuple(r.reason for r in corroborations if set(r.claims) <= members and r.reason),
        ))
    disputes = tuple(Dispute(r, (_side(brief, r.claims[0]), _side(brief, r.claims[1])))
                     for r in brief.relations if r.type in ("conflicts", "updates"))
    unique = tuple(OnlyIn(brief.article(u.article), labels[u.article], tuple(brief.claim(c) for c in u.claims))
                   for u in brief.unique if u.claims)
    voices = [_voice(brief, s) for s in brief.statements if is_reportable(s)]
    by_speaker: dict[str, list[Voice]] = defaultdict(list)
    for voice in voices:
        by_speaker[voice.speaker].append(voice)
    speakers = sorted(by_speaker.items(),
                      key=lambda kv: (-len({v.statement.article for v in kv[1]}), -len(kv[1]), kv[0]))
    timeline = sorted((v for v in voices if v.day),
                      key=lambda v: (v.day or "", order[v.statement.article], v.statement.content.start))
    titled = sorted((a for a in brief.articles if a.title), key=lambda a: (a.published or "9999", order[a.id]))
    return Sections(
        brief=brief,
        headline=titled[0].title if titled else None,
        sources=tuple(_source(brief, a, labels) for a in brief.articles),
        agreed=tuple(agreed),
        disputes=disputes,
        unique=unique,
        speakers=tuple(SpeakerStatements(k, tuple(v)) for k, v in speakers),
        timeline=tuple(timeline),
        independent_sources=len({a.source_group or a.id for a in brief.articles}),
        errors=brief.errors,
    )


def _labels(articles: tuple[Article, ...]) -> dict[str, str]:
    outlets = [a.outlet for a in articles]
    return {a.id: (a.outlet + (f" ({a.id})" if outlets.count(a.outlet) > 1 else "")) if a.outlet
            else f"article {a.id}" for a in articles}


def _source(brief: Brief, article: Article, labels: dict[str, str]) -> Source:
    group = article.source_group
    copy_of = group if group and group != article.id else None
    copies = tuple(b.id for b in brief.articles if group and b.source_group == group and b.id != article.id
                   and not copy_of)
    return Source(article, labels[article.id], copy_of, copies,
                  sum(c.article == article.id for c in brief.claims),
                  sum(s.article == article.id for s in brief.statements))


# The words before a negated cue that say so: "did not", "didn't", "has never".
_NEGATION = re.compile(r"(?:\b\w+\s+)?(?:not|never|\w+n[\'\u2019]t)\s+$")


def _voice(brief: Brief, statement: Statement) -> Voice:
    if statement.negated:  # "did not say: whether ...", never "say: whether ..."
        cue = statement.cue
        found = _NEGATION.search(brief.article(statement.article).text[max(0, cue.start - 30) : cue.start])
        words = found.group(0) if found else ""  # "declined", "refused" say it themselves
        statement = dataclasses.replace(statement, cue=dataclasses.replace(cue, text=words + cue.text))
    said = statement.when.date if statement.when else None
    return Voice(statement, speaker_label(statement), said or brief.article(statement.article).published,
                 not said)


def _side(brief: Brief, claim_id: str) -> Side:
    claim = brief.claim(claim_id)
    article = brief.article(claim.article)
    statement = brief.statement(claim.statement) if claim.statement else None
    speaker = when = None
    if statement is not None:
        speaker = speaker_label(statement)
        if statement.when is not None:
            when = statement.when.date or statement.when.text
    return Side(claim, article, statement, speaker, when or article.published)


def one_line(text: str, limit: int = 0) -> str:
    """Collapse whitespace; cut to ``limit`` characters at a word boundary when given."""
    text = " ".join(text.split())
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text
