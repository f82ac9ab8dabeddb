"""The records that flow through the pipeline.

Every record is a frozen dataclass with a stable id and ``to_dict()``; the
dict shapes are the JSON contract (``storydiff.brief/1``) described in
``docs/json.md`` and checked by ``storydiff/schema/brief.schema.json``.
Every span carries ``start``/``end`` character offsets into the text of the
article it came from, exactly as that text was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "storydiff.brief/1"

RelationType = Literal["corroborates", "conflicts", "updates", "related"]


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of an article's text: ``article.text[start:end] == text``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read: text plus whatever metadata the input carried.

    ``excluded`` lists ``(start, end)`` ranges that cleanup marked as web
    residue ("Skip to footer", share buttons); analysis ignores them but the
    text keeps them so offsets never shift.
    """

    id: str
    source: str
    text: str
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    dateline: str | None = None
    url: str | None = None
    excluded: tuple[tuple[int, int], ...] = ()
    source_group: str | None = None  # id of the first article of its near-duplicate group

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
            "dateline": self.dateline,
            "url": self.url,
            "excluded": [list(r) for r in self.excluded],
            "source_group": self.source_group,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class ReadResult:
    """The outcome of reading one input: an article, or the reason there is none."""

    source: str
    article: Article | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        if self.article is not None:
            return {**self.article.to_dict(), "error": None}
        return {
            "id": None, "source": self.source, "outlet": None, "title": None,
            "published": None, "dateline": None, "url": None, "excluded": [],
            "source_group": None, "text": None, "error": self.error,
        }


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place, with one canonical name across articles."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "articles": list(self.articles),
        }


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a statement is attributed to."""

    text: str
    start: int
    end: int
    name: str | None = None  # canonical name, when the speaker is a known entity
    anonymous: bool = False
    role: str | None = None
    entity: str | None = None  # Entity.id

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "anonymous": self.anonymous,
            "role": self.role,
            "entity": self.entity,
        }


@dataclass(frozen=True, slots=True)
class When:
    """A time expression attached to a statement, resolved to a date when possible."""

    text: str
    start: int
    end: int
    date: str | None = None  # YYYY-MM-DD

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "date": self.date}


@dataclass(frozen=True, slots=True)
class Recipient:
    """Whom a statement was made to ("told Fox News"); ``is_outlet`` marks a news outlet."""

    text: str
    start: int
    end: int
    is_outlet: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "is_outlet": self.is_outlet}


@dataclass(frozen=True, slots=True)
class Statement:
    """Something someone said: speaker, cue (the verb of saying) and content."""

    id: str
    article: str
    speaker: Speaker
    cue: Span
    content: Span
    direct: bool
    recipient: Recipient | None = None
    when: When | None = None
    speech: bool = True  # the cue is a verb of speech ("said", "told"), not of thought or plan ("wants")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article,
            "speaker": self.speaker.to_dict(),
            "cue": self.cue.to_dict(),
            "content": self.content.to_dict(),
            "direct": self.direct,
            "recipient": self.recipient.to_dict() if self.recipient else None,
            "when": self.when.to_dict() if self.when else None,
            "speech": self.speech,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """A unit of fact an article puts forward: a sentence or clause, cited as its id."""

    id: str
    article: str
    text: str
    start: int
    end: int
    statement: str | None = None  # Statement.id when a source, not the outlet, asserts it
    sentence: int = 0
    entities: tuple[str, ...] = ()
    polarity: Literal["positive", "negative"] = "positive"
    modality: str = "definite"
    numbers: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    # The asserted core (statement content, no reporting clause or dateline) and what it says.
    content_start: int = 0
    content_end: int = 0
    predicate: str = ""  # lemma of the core's event verb: "happen", "rule out"
    arguments: tuple[str, ...] = ()  # lemmas of the nouns the predicate is about: ("meeting",)
    words: tuple[str, ...] = ()  # content-word lemmas of the core
    key: str = ""  # the decisive words as printed: "would happen", "will not hold"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "statement": self.statement,
            "sentence": self.sentence,
            "entities": list(self.entities),
            "polarity": self.polarity,
            "modality": self.modality,
            "numbers": list(self.numbers),
            "dates": list(self.dates),
            "content": {"start": self.content_start, "end": self.content_end},
            "predicate": self.predicate,
            "arguments": list(self.arguments),
            "key": self.key,
        }


@dataclass(frozen=True, slots=True)
class Relation:
    """How two claims from different articles relate, with a reason a person can check."""

    type: RelationType
    claims: tuple[str, str]
    confidence: float
    reason: str
    similarity: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "claims": list(self.claims),
            "confidence": round(self.confidence, 3),
            "reason": self.reason,
            "similarity": round(self.similarity, 3),
        }


@dataclass(frozen=True, slots=True)
class Point:
    """A point several articles make: corroborating claims and how many independent sources back it."""

    kind: Literal["agreed"]
    claims: tuple[str, ...]
    articles: tuple[str, ...]
    independent_sources: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "claims": list(self.claims),
            "articles": list(self.articles),
            "independent_sources": self.independent_sources,
        }


@dataclass(frozen=True, slots=True)
class Unique:
    """Claims that only one article carries."""

    article: str
    claims: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "claims": list(self.claims)}


@dataclass(frozen=True, slots=True)
class InputFailure:
    """An input that could not be read, kept in the brief so nothing is silently lost."""

    source: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Brief:
    """The cross-source comparison of one story."""

    articles: tuple[Article, ...]
    entities: tuple[Entity, ...] = ()
    statements: tuple[Statement, ...] = ()
    claims: tuple[Claim, ...] = ()
    relations: tuple[Relation, ...] = ()
    unique: tuple[Unique, ...] = ()
    agreed: tuple[Point, ...] = ()
    errors: tuple[InputFailure, ...] = ()
    _index: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "articles": [a.to_dict() for a in self.articles],
            "entities": [e.to_dict() for e in self.entities],
            "statements": [s.to_dict() for s in self.statements],
            "claims": [c.to_dict() for c in self.claims],
            "relations": [r.to_dict() for r in self.relations],
            "unique": [u.to_dict() for u in self.unique],
            "agreed": [p.to_dict() for p in self.agreed],
            "errors": [e.to_dict() for e in self.errors],
        }

    def article(self, article_id: str) -> Article:
        """The article with this id."""
        return self._lookup("article", self.articles)[article_id]

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id."""
        return self._lookup("claim", self.claims)[claim_id]

    def statement(self, statement_id: str) -> Statement:
        """The statement with this id."""
        return self._lookup("statement", self.statements)[statement_id]

    def _lookup(self, kind: str, records: tuple[Any, ...]) -> dict[str, Any]:
        if kind not in self._index:
            self._index[kind] = {r.id: r for r in records}
        return self._index[kind]
