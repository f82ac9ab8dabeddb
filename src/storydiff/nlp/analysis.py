"""Stage 2, analyze: parse each article once and extract everything later stages need.

For each article: statements (who said what), claims (units of fact),
entity mentions, and one embedding per claim. Entities are then linked
across all articles so that a speaker or a claim names the same canonical
entity wherever it appears.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from storydiff.ingest.clean import blank_excluded
from storydiff.lexicon import SPEECH_LIKE_LEMMAS
from storydiff.models import Article, Claim, Entity, Speaker, Statement
from storydiff.nlp.claims import iter_claims
from storydiff.nlp.embed import embed
from storydiff.nlp.entities import (
    GENERIC_BODIES,
    HONORIFICS,
    TITLE_WORDS,
    Mention,
    iter_mentions,
    link_entities,
    name_key,
    person_words,
)
from storydiff.nlp.parse import doc_text, parse
from storydiff.nlp.statements import iter_statements
from storydiff.nlp.statements.rules import fronted_participle
from storydiff.nlp.statements.names import first_name_sex, pronoun_sex, title_sex


@dataclass(frozen=True, slots=True)
class AnalyzedArticle:
    """An article with its statements, claims (and their vectors) and entity mentions."""

    article: Article
    statements: tuple[Statement, ...]
    claims: tuple[Claim, ...]
    vectors: np.ndarray  # one L2-normalised row per claim
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Analysis:
    """Every analyzed article of a story, and the entities shared between them."""

    articles: tuple[AnalyzedArticle, ...]
    entities: tuple[Entity, ...]


def analyze(articles: Sequence[Article]) -> Analysis:
    """Parse, extract statements, claims and entities, embed claims, link entities."""
    return link(analyze_each(articles))


def analyze_each(articles: Sequence[Article]) -> list[AnalyzedArticle]:
    """Everything one article yields on its own: statements, claims, their vectors, entity mentions.

    Nothing here depends on the other articles, so the result can be stored
    per article (corpus mode) and linked later with any set of articles.
    """
    texts = [blank_excluded(a.text, a.excluded) for a in articles]
    drafts = []
    for article, doc in zip(articles, parse(texts), strict=False):
        statements = tuple(
            _mark_speech(s, doc) for s in iter_statements(doc, article.id, article.published, article.excluded)
        )
        if article.outlet is None:
            article = dataclasses.replace(article, outlet=_self_credit(statements))
        claims = tuple(iter_claims(doc, article.id, statements, article.title))
        mentions = _with_speaker_names(tuple(iter_mentions(doc, article.id)), statements, doc_text(doc))
        drafts.append((article, statements, claims, mentions))

    vectors = embed([c.text for _, _, claims, _ in drafts for c in claims])
    analyzed = []
    row = 0
    for article, statements, claims, mentions in drafts:
        analyzed.append(AnalyzedArticle(article, statements, claims, vectors[row : row + len(claims)], mentions))
        row += len(claims)
    return analyzed


def link(articles: Sequence[AnalyzedArticle]) -> Analysis:
    """Link entity mentions across articles analysed by :func:`analyze_each`: one canonical entity per name.

    Claims get the entities they mention and speakers the entity they name.
    """
    entities, index = link_entities([m for aa in articles for m in aa.mentions])
    by_id = {e.id: e for e in entities}
    linked = []
    for aa in articles:
        claims = tuple(
            dataclasses.replace(c, entities=_entities_in(c.start, c.end, aa.mentions, index)) for c in aa.claims
        )
        statements = tuple(_link_speaker(s, aa.mentions, index, by_id, entities) for s in aa.statements)
        linked.append(AnalyzedArticle(aa.article, statements, claims, aa.vectors, aa.mentions))
    return Analysis(tuple(linked), tuple(entities))


def _with_speaker_names(
    mentions: tuple[Mention, ...], statements: Sequence[Statement], text: str
) -> tuple[Mention, ...]:
    """The mentions, with the full names of speakers the tagger missed: in "Representative Kurt Schrader of
    Oregon, who backed Mr. Ryan, said" it tags "Oregon" and "Ryan" but not the speaker, whom the statement
    extractor names; as a person mention, "Mr. Schrader" later in the article joins him."""
    added: dict[int, Mention] = {}
    people: set[int] = set()  # starts of mentions tagged a body that name a titled speaker
    for statement in statements:
        speaker = statement.speaker
        if speaker.anonymous or not speaker.name or len(person_words(speaker.name)) < 2:
            continue
        at = text.find(speaker.name, speaker.start, speaker.end)
        if at < 0:
            continue
        end = at + len(speaker.name)
        overlapping = [m for m in mentions if m.start < end and at < m.end]
        if _titled(speaker):
            people.update(m.start for m in overlapping if m.label != "PERSON" and _names_part(m, speaker.name)
                          and name_key(person_words(m.text)[-1]) == name_key(person_words(speaker.name)[-1]))
        if at in added or overlapping:
            continue
        added[at] = Mention(statement.article, speaker.name, at, end, "PERSON")
    if people:
        mentions = tuple(dataclasses.replace(m, label="PERSON") if m.start in people else m for m in mentions)
    return tuple(sorted((*mentions, *added.values()), key=lambda m: m.start)) if added else mentions


def _titled(speaker: Speaker) -> bool:
    """Whether a named speaker is a person with a title or office: "Fire chief Nadia Okafor" (a role the
    extractor read), "Councillor Beth Amari". The tagger calls some such names an organisation; said by
    someone with an office, they are a person's, and a later bare "Okafor said" is hers. The name left
    after the title must look like one: two or three capitalised words, none a body's ("House Budget
    Committee" drops "House" as a title word and is still a committee)."""
    name = speaker.name or ""
    words = person_words(name)
    office = (speaker.role or "").split(" of ")[0].split()[-1:]  # "principal deputy director of the FWS"
    if words == name.split() and not (office and office[0].lower().rstrip(".") in _PERSON_TITLES):
        return False  # no title in the name, and a role that is not an office ("an advocacy group")
    return 2 <= len(words) <= 3 and all(_NAME_WORD.fullmatch(w) for w in words) and not (
        {w.lower() for w in words} & _NOT_NAMES)


_NAME_WORD = re.compile(r"[A-Z](?:[a-z’'-]+[a-z]|\.)")  # "Okafor", "O'Neill", "J."
_PERSON_TITLES = (TITLE_WORDS | HONORIFICS) - frozenset(str.split(
    "house senate state department gop democratic republican majority minority press council former vice prime"))
_NOT_NAMES = GENERIC_BODIES | frozenset(str.split("representatives caucus service news times post press"))


def _mark_speech(statement: Statement, doc: Any) -> Statement:
    """Note whether the cue is a verb of speech ("said", "rowed back on") rather than of thought ("wants"),
    said already ("will announce on Monday whether ..." and "is expected to announce" are plans), and words
    rather than an act ("declared a national emergency")."""
    span = doc.char_span(statement.cue.start, statement.cue.end, alignment_mode="expand")
    lemmas = {t.lemma_.lower() for t in span} if span is not None else set()
    speech = statement.direct or bool(lemmas & SPEECH_LIKE_LEMMAS)
    if speech and not statement.direct and span is not None and _not_yet_said(span.root):
        speech = False
    if speech and "declare" in lemmas and _content_head(statement, doc) in _DECLARED_ACTS:
        speech = False  # "threats to declare a national emergency": an act of office, not words
    if speech and span is not None and "ask" in lemmas and fronted_participle(span.root) and not any(
            c.dep_ == "agent" for c in span.root.children):
        speech = False  # "Asked why he opposed civil unions, he explained ...": he was asked, by someone unnamed
    if speech and span is not None and _withheld(span.root):
        speech = False  # "denying a presidential candidate a spot on the ballot": a thing withheld, not words
    if speech and not statement.direct and "post" in lemmas and _content_head(statement, doc).lower() in _POSTED_THINGS:
        speech = False  # "The video, which was posted online by ...": a thing put online, not words
    return statement if speech == statement.speech else dataclasses.replace(statement, speech=speech)


def _content_head(statement: Statement, doc: Any) -> str:
    """The lemma of the content's head word as the parse gives it ("emergency", "video"); "" when none."""
    content = doc.char_span(statement.content.start, statement.content.end, alignment_mode="expand")
    return content.root.lemma_ if content is not None else ""


def _withheld(cue: Any) -> bool:
    """Whether "deny" or "refuse" withholds a thing from someone ("denied him a visa", "refused them
    entry": someone and something, two objects) rather than denies a claim ("denied the report")."""
    objects = [c.dep_ for c in cue.children if c.dep_ in ("dative", "dobj")]  # the parse reads some as two dobj
    return cue.lemma_ in ("deny", "refuse") and len(objects) >= 2 and "dobj" in objects


_FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo"})  # "wo" is "won't"'s first token
_PLANNING = frozenset({"expect", "schedule", "set", "plan", "due", "poise", "prepare", "intend", "go", "likely"})
_UNTIL = frozenset({"when", "once", "after", "before", "until"})
# What one declares as an act, not as a statement: "declared a national emergency", "declared bankruptcy".
# PolNeAR counts some such as attributions, so the statement stays; only "who said what" leaves it out.
_DECLARED_ACTS = frozenset({"emergency", "war", "bankruptcy", "independence", "disaster", "law", "state", "holiday"})
# What one posts as a thing rather than as words: "posted the video", "a photo posted by the campaign".
_POSTED_THINGS = frozenset(str.split(
    "video photo photograph picture image clip footage recording link map chart screenshot selfie"))


def _not_yet_said(cue: Any) -> bool:
    """Whether a cue tells speech still to come: "will announce", "is expected to announce", "is going to
    say", or "when she announces" in a sentence about what will happen ("will take a new turn on Friday
    when Varga announces whether ...")."""
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in cue.children):
        return True
    if cue.dep_ == "xcomp" and cue.head.lemma_.lower() in _PLANNING:
        return True
    marked = any(c.dep_ in ("mark", "advmod") and c.lower_ in _UNTIL for c in cue.children)
    return marked and cue.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in cue.head.children
    )


def _self_credit(statements: Sequence[Statement]) -> str | None:
    """The outlet an article credits itself with: "sources told BuzzFeed News" in BuzzFeed's copy.

    Outlets write "people familiar with the matter told Reuters" about their own
    reporting; a named speaker telling an outlet ("Trump told Fox News") is an
    interview elsewhere and says nothing about who published the article.
    """
    for statement in statements:
        recipient = statement.recipient
        told = statement.cue.text.lower().split()[:1] in (["told"], ["tells"], ["tell"], ["telling"])
        # "an official said on CNN" is an interview elsewhere too, not this outlet's own sources
        if statement.speaker.anonymous and told and recipient is not None and recipient.is_outlet:
            return recipient.text.removeprefix("the ").removeprefix("The ")
    return None


def _entities_in(
    start: int, end: int, mentions: Sequence[Mention], index: dict[tuple[str, int], str]
) -> tuple[str, ...]:
    found = [index[(m.article, m.start)] for m in mentions if start <= m.start and m.end <= end]
    return tuple(dict.fromkeys(found))


def _names_part(mention: Mention, name: str) -> bool:
    """Whether a mention inside a speaker's words is part of the speaker's name, not of a modifier:
    "Oregon" in "Representative Kurt Schrader of Oregon" is not."""
    return bool(_words(mention.text) & _words(name))


def _words(name: str) -> set[str]:
    """The words of a name as keys, punctuation off their ends: "Schrader," -> "schrader"."""
    return {name_key(w.strip(".,’'")) for w in name.split()} - {""}


def _named_entity(name: str, entities: Sequence[Entity]) -> str | None:
    """The person entity that goes by exactly this full name, if the name is a full one."""
    if len(person_words(name)) < 2:
        return None
    key = name.casefold()
    return next(
        (e.id for e in entities if e.type == "PERSON" and key in {a.casefold() for a in (e.name, *e.aliases)}), None
    )


def _namesake_of_sex(speaker: Speaker, surname: str, entities: Sequence[Entity]) -> str | None:
    """The one person entity of this surname whose first name fits the speaker's title or pronoun
    ("Mr. Trump" where the story names Donald, Melania and Ivanka Trump), if exactly one does."""
    words = person_words(surname)
    first = speaker.text.split()[0] if speaker.text.split() else ""
    sex = title_sex(first) or pronoun_sex(first)
    if len(words) != 1 or sex is None:
        return None
    wanted = name_key(words[0])
    fits = []
    for entity in entities:
        full = person_words(entity.name)
        same_name = entity.type == "PERSON" and len(full) > 1 and name_key(full[-1]) == wanted
        if same_name and first_name_sex(" ".join(full)) == sex:
            fits.append(entity.id)
    return fits[0] if len(fits) == 1 else None


def _link_speaker(
    statement: Statement,
    mentions: Sequence[Mention],
    index: dict[tuple[str, int], str],
    by_id: dict[str, Entity],
    entities: Sequence[Entity],
) -> Statement:
    """Point the speaker at its canonical entity: by a mention inside it, else by name."""
    speaker = statement.speaker
    if speaker.anonymous:
        return statement
    entity_id = None
    # A speaker with no name ("a meeting on the sidelines of the summit in Da Nang") is
    # not whoever its modifiers mention.
    people = [m for m in mentions if speaker.name and speaker.start <= m.start and m.end <= speaker.end
              and _names_part(m, speaker.name)]
    people.sort(key=lambda m: (m.label != "PERSON", -(m.end - m.start)))
    named = _named_entity(speaker.name, entities) if speaker.name else None
    if people:
        entity_id = index[(people[0].article, people[0].start)]
        if named is not None and (len(person_words(by_id[entity_id].name)) < 2 or by_id[entity_id].type != "PERSON"):
            # "Mrs. Clinton": the Clinton the statement extractor named, not a bare surname; "Deputy
            # Spokesperson Marie Harf", tagged a body: the person the extractor named in it
            entity_id = named
        elif len(person_words(by_id[entity_id].name)) < 2:
            entity_id = _namesake_of_sex(speaker, by_id[entity_id].name, entities) or entity_id
    elif named is not None:
        entity_id = named  # "he", resolved to "Bill Clinton": that Clinton, not the first of the name
    elif speaker.name and (found := _namesake_of_sex(speaker, speaker.name, entities)) is not None:
        entity_id = found  # "he", resolved to a bare "Trump": the one Trump of the story who is a man
    elif speaker.name:
        words = person_words(speaker.name)
        for entity in entities:
            full = person_words(entity.name)
            if entity.type == "PERSON" and name_key(full[-1]) == name_key(words[-1]) and (
                len(full) < 2 or len(words) < 2 or {name_key(w) for w in full[:-1]} & {name_key(w) for w in words[:-1]}
            ):  # "Bill Clinton" is not Hillary Rodham Clinton's entity
                entity_id = entity.id
                break
    if entity_id is None:
        return statement
    entity = by_id[entity_id]
    name = entity.name if entity.type == "PERSON" or not speaker.name else speaker.name
    if entity.type != "PERSON" and entity.name.endswith(f" {name}"):
        name = entity.name  # "the Times", linked to The New York Times its article named before
    if entity.type != "PERSON" and speaker.name and len(entity.name) > len(name) and entity.name in speaker.text:
        name = entity.name  # "the Center for Fair Play": its whole name, not the "Center" the phrase's head gave
    if entity.type == "PERSON" and speaker.name and len(person_words(name)) == 1 < len(person_words(speaker.name)):
        name = speaker.name  # the entity is the bare surname; the extractor read the full name
    return dataclasses.replace(statement, speaker=dataclasses.replace(speaker, entity=entity_id, name=name))
