"""The records that flow through the pipeline.

Every record is a frozen dataclass with a stable id and ``to_dict()``; the
dict shapes are the JSON contract (``storydiff.brief/1``) described in
``docs/json.md`` and checked by ``storydiff/schema/brief.schema.json``.
Every span carries ``start``/``end`` character offsets into the text of the
article it came from, exactly as that text was read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from storydiff.errors import InputError

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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Span:
        return cls(data["text"], data["start"], data["end"])


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        return cls(
            id=data["id"], source=data.get("source") or "", text=data.get("text") or "",
            outlet=data.get("outlet"), title=data.get("title"), published=data.get("published"),
            dateline=data.get("dateline"), url=data.get("url"),
            excluded=tuple((int(s), int(e)) for s, e in data.get("excluded") or ()),
            source_group=data.get("source_group"),
        )


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entity:
        return cls(data["id"], data["name"], data.get("type") or "", tuple(data.get("aliases") or ()),
                   tuple(data.get("articles") or ()))


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Speaker:
        return cls(data["text"], data["start"], data["end"], name=data.get("name"),
                   anonymous=bool(data.get("anonymous")), role=data.get("role"), entity=data.get("entity"))


@dataclass(frozen=True, slots=True)
class When:
    """A time expression attached to a statement, resolved to a date when possible."""

    text: str
    start: int
    end: int
    date: str | None = None  # YYYY-MM-DD

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "date": self.date}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> When:
        return cls(data["text"], data["start"], data["end"], data.get("date"))


@dataclass(frozen=True, slots=True)
class Recipient:
    """Whom a statement was made to ("told Fox News"); ``is_outlet`` marks a news outlet."""

    text: str
    start: int
    end: int
    is_outlet: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "is_outlet": self.is_outlet}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Recipient:
        return cls(data["text"], data["start"], data["end"], bool(data.get("is_outlet")))


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
    negated: bool = False  # "did not say", "declined to say": the speaker did NOT assert the content

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
            "negated": self.negated,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Statement:
        recipient, when = data.get("recipient"), data.get("when")
        return cls(
            id=data["id"], article=data["article"], speaker=Speaker.from_dict(data["speaker"]),
            cue=Span.from_dict(data["cue"]), content=Span.from_dict(data["content"]), direct=bool(data["direct"]),
            recipient=Recipient.from_dict(recipient) if recipient else None,
            when=When.from_dict(when) if when else None, speech=bool(data.get("speech", True)),
            negated=bool(data.get("negated", False)),
        )


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
    # "fact", or what else the sentence is: "headline", "caption", "byline", "pleasantry", "fragment"
    role: str = "fact"

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
            "role": self.role,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Claim:
        """The claim as saved; ``words`` is not part of the JSON and comes back empty."""
        content = data.get("content") or {}
        return cls(
            id=data["id"], article=data["article"], text=data["text"], start=data["start"], end=data["end"],
            statement=data.get("statement"), sentence=data.get("sentence", 0),
            entities=tuple(data.get("entities") or ()), polarity=data.get("polarity", "positive"),
            modality=data.get("modality", "definite"), numbers=tuple(data.get("numbers") or ()),
            dates=tuple(data.get("dates") or ()), content_start=content.get("start", 0),
            content_end=content.get("end", 0), predicate=data.get("predicate", ""),
            arguments=tuple(data.get("arguments") or ()), key=data.get("key", ""),
            role=data.get("role") or "fact",
        )


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Relation:
        first, second = data["claims"]
        return cls(data["type"], (first, second), float(data.get("confidence", 0.0)), data.get("reason") or "",
                   float(data.get("similarity", 0.0)))


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Point:
        return cls(data.get("kind", "agreed"), tuple(data["claims"]), tuple(data.get("articles") or ()),
                   int(data["independent_sources"]))


@dataclass(frozen=True, slots=True)
class Unique:
    """Claims that only one article carries."""

    article: str
    claims: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "claims": list(self.claims)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Unique:
        return cls(data["article"], tuple(data.get("claims") or ()))


@dataclass(frozen=True, slots=True)
class InputFailure:
    """An input that could not be read, kept in the brief so nothing is silently lost."""

    source: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> InputFailure:
        return cls(data.get("source") or "", data.get("reason") or "")


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Brief:
        """A brief from its JSON form (``storydiff brief --format json``), to render it again.

        Fields this version does not know are ignored and missing optional ones take their
        defaults. A brief saved before ``agreed`` existed gets its groups from its
        corroborating relations, counting near-copies (``source_group``) as one source.
        """
        schema = data.get("schema", SCHEMA)
        if schema != SCHEMA:
            raise InputError("brief JSON", f"schema is {schema!r}, this storydiff reads {SCHEMA!r}; "
                             "render it with the storydiff version that wrote it")
        try:
            articles = tuple(Article.from_dict(a) for a in data.get("articles") or ())
            claims = tuple(Claim.from_dict(c) for c in data.get("claims") or ())
            known = {c.id for c in claims}
            relations = tuple(r for r in (Relation.from_dict(r) for r in data.get("relations") or ())
                              if set(r.claims) <= known)
            points = (Point.from_dict(p) for p in data["agreed"]) if "agreed" in data else ()
            agreed = (tuple(p for p in points if set(p.claims) <= known) if "agreed" in data
                      else _corroborated(articles, claims, relations))
            unique = (Unique.from_dict(u) for u in data.get("unique") or ())
            return cls(
                articles=articles,
                entities=tuple(Entity.from_dict(e) for e in data.get("entities") or ()),
                statements=tuple(Statement.from_dict(s) for s in data.get("statements") or ()),
                claims=claims, relations=relations,
                unique=tuple(Unique(u.article, tuple(c for c in u.claims if c in known)) for u in unique),
                agreed=agreed,
                errors=tuple(InputFailure.from_dict(e) for e in data.get("errors") or ()),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError("brief JSON", f"not a storydiff brief ({type(exc).__name__}: {exc}); "
                             "give the output of storydiff brief --format json") from None

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


def _corroborated(articles: tuple[Article, ...], claims: tuple[Claim, ...],
                  relations: tuple[Relation, ...]) -> tuple[Point, ...]:
    """Agreed points of a brief saved without them: connected groups of corroborating claims."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for relation in relations:
        if relation.type == "corroborates":
            parent[find(relation.claims[0])] = find(relation.claims[1])
    groups: dict[str, list[Claim]] = {}
    for claim in claims:  # claims in brief order: articles in order, each in reading order
        if claim.id in parent:
            groups.setdefault(find(claim.id), []).append(claim)
    group_of = {a.id: a.source_group or a.id for a in articles}
    return tuple(
        Point("agreed", tuple(c.id for c in members), tuple(dict.fromkeys(c.article for c in members)),
              len({group_of.get(c.article, c.article) for c in members}))
        for members in groups.values()
    )
