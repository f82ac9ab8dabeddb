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
  article) is listed under "who said what" only, never guessed into the timeline;
- only a claim whose ``role`` is ``fact`` becomes a point: headlines repeated as
  claims, captions, bylines, pleasantries and fragments are ``left_out`` (JSON keeps them);
- one quotation split over consecutive claims ("“We found rust. | It will take
  months,” she said.") is one point: under "Only in", and under "Agreed" when the
  same pieces follow each other in every article that shares them; so is one sentence
  split into clause claims that only one article makes ("The NRA said it needs time, | but
  it commended Hutchinson"); "Only in" points are ranked by what matters to the story
  (``importance``), most first;
- a claim that several claims conflict with, or update the same way, is one dispute with
  them on the other side ("47 pages" against two outlets' "48");
- an agreed point counts its independent sources as the align stage does, one per article at
  most, and says why there are fewer than its articles ("A and C both cite CNN", "R reprints W");
  agreed points come most articles first;
- a short brief shows the leading items of each ranked section that fit in a number
  of lines (``fit``), and says how many more there are.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storydiff.align.facts import shared_run
from storydiff.align.independence import claim_source, independent_sources, outlet_groups
from storydiff.lexicon import word_set
from storydiff.models import Article, Brief, Claim, InputFailure, Relation, Statement
from storydiff.nlp.roles import is_fact

BRIEF_LINES = 80  # about how long the short brief of a three-article story is (``storydiff brief`` without --full)
MAX_QUOTE_PIECES = 6  # a quotation runs over at most this many claims; past that its marks are misread
MAX_UNIQUE = 8  # points the HTML report shows per article under "Only in" before "N more"

_BARE_PRONOUNS = frozenset({"it", "they", "this", "that", "which", "who", "he", "she", "we", "i", "you"})
# A content that is only a pronoun ("the minority leader acknowledged them", "Trump announced it") says
# nothing on its own; the JSON keeps it.
_POINTING_CONTENTS = frozenset({"it", "them", "this", "that", "these", "those", "him", "her", "so", "which"})
# ... nor does a subject with an auxiliary whose verb the sentence put before it ("predicted she had").
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
_ELLIPTIC_VERBS = frozenset({"had", "has", "have", "did", "does", "do", "was", "were", "is", "are", "would", "will",
                             "could", "can", "should", "might"})
# A verb that opens reported words only when their subject is outside them ("a project lawmakers say is ...").
_BARE_COPULAS = frozenset({"is", "are", "was", "were"})


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
    text: str = ""  # what the point says: one article's text from its first piece to its last
    one_source: tuple[str, ...] = ()  # why fewer sources than articles: "A and C both cite CNN"

    @property
    def why_fewer(self) -> str:
        """The ``one_source`` notes as a parenthesis after the count, or nothing."""
        return f" ({'; '.join(self.one_source)})" if self.one_source else ""


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
    """Claims that conflict, or later ones that update earlier ones: ``sides[:split]`` are one account
    (the earlier), ``sides[split:]`` the other (the later). Two claims, or one claim and the several that
    each conflict with it or update it the same way (``relations``: all of them; ``relation``: the one
    with the highest confidence, whose reason the views print)."""

    relations: tuple[Relation, ...]
    sides: tuple[Side, ...]
    split: int = 1

    @property
    def relation(self) -> Relation:
        """The relation with the highest confidence (the first of equals), whose reason the views print."""
        return max(self.relations, key=lambda r: r.confidence)

    @property
    def is_update(self) -> bool:
        return self.relation.type == "updates"

    @property
    def accounts(self) -> tuple[tuple[Side, ...], tuple[Side, ...]]:
        """The two accounts (earlier and later for an update), each one side or more."""
        return self.sides[: self.split], self.sides[self.split :]


@dataclass(frozen=True, slots=True)
class Excerpt:
    """One point only one article makes: a claim, or the pieces of one quotation split over several."""

    claims: tuple[Claim, ...]  # in reading order
    text: str  # the article's text from the first piece to the last
    importance: float
    said_by: str | None = None  # who said it, when a quotation names its speaker only outside its text


@dataclass(frozen=True, slots=True)
class OnlyIn:
    """The points only one article makes, the most important first."""

    article: Article
    label: str
    points: tuple[Excerpt, ...]

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim of the points, point by point."""
        return tuple(c for p in self.points for c in p.claims)


@dataclass(frozen=True, slots=True)
class Voice:
    """A statement as the brief shows it: who, and the day it belongs to."""

    statement: Statement
    speaker: str
    day: str | None  # YYYY-MM-DD: when said, else when its article was published
    is_report_day: bool  # ``day`` is the article's date, not the statement's own
    said: str  # the words shown: ``said_text``, with the pieces of a quotation under the same cue joined by " … "


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
    left_out: tuple[Claim, ...] = ()  # claims that are no fact (headline, caption, ...), in brief order

    def label(self, article_id: str) -> str:
        """How the article with this id is named to a reader."""
        for source in self.sources:
            if source.article.id == article_id:
                return source.label
        return f"article {article_id}"


# Claims whose statements stay out of "who said what": "Museum Theft: Three Works Missing, Director Says"
# is the headline's summary of a statement the body reports, and a caption's or byline's is no report.
_NOT_REPORTING = frozenset({"headline", "caption", "byline"})


def is_reportable(statement: Statement) -> bool:
    """Whether a statement belongs in "who said what": speech (not "wants", "plans") by someone named
    or described, not an unresolved "it" or "they" nor a phrase that is no source (an empty speaker),
    and saying more than a pronoun ("acknowledged them"). The JSON keeps every statement."""
    speaker = statement.speaker
    if not statement.speech or not speaker.text:
        return False
    words = statement.content.text.strip(" \t\n.,;:\"'\u201c\u201d\u2018\u2019").lower().split()
    if " ".join(words) in _POINTING_CONTENTS or _elliptic(words) or _subjectless(statement.content.text):
        return False
    return speaker.anonymous or speaker.name is not None or speaker.text.lower() not in _BARE_PRONOUNS


def _elliptic(words: list[str]) -> bool:
    """A subject and its auxiliary with the rest left out: "the support that Pelosi predicted she had",
    "asked if he would seek them, the governor said that he would not"."""
    words = words[1:] if words[:1] == ["that"] else words
    return 2 <= len(words) <= 3 and words[0] in _SUBJECT_PRONOUNS and all(
        w in _ELLIPTIC_VERBS or w in ("not", "n't") for w in words[1:])


def _subjectless(content: str) -> bool:
    """Reported words whose subject is the noun the clause hangs on, outside them: "a project Democratic
    lawmakers say *is a firm deal-breaker*" (a quotation may open on any word: "“is a cancer,” he said")."""
    return content.split(" ", 1)[0] in _BARE_COPULAS


def _in_headings(brief: Brief) -> set[str]:
    """Statements in a headline, caption or byline: the one its claim stands for, and any other whose cue
    lies in it ("Christie Announces Run, Pledging ‘Truth’ About Nation’s Woes" holds two)."""
    spans = [(c.article, c.start, c.end) for c in brief.claims if c.role in _NOT_REPORTING]
    return {c.statement for c in brief.claims if c.statement and c.role in _NOT_REPORTING} | {
        s.id for s in brief.statements if any(a == s.article and lo <= s.cue.start < hi for a, lo, hi in spans)}


def _restated(statements: Sequence[Statement]) -> set[str]:
    """Statements whose content is another statement of the same speaker, cue and all: "Cruz retorted
    on Twitter, saying that the ads did not come from his campaign" lists "saying: that the ads ...", not
    also "retorted: saying that the ads ..."."""
    by_cue = {(s.article, s.cue.start): s for s in statements}
    return {outer.id for outer in statements
            if (inner := by_cue.get((outer.article, outer.content.start))) is not None and inner is not outer
            and speaker_name(inner) == speaker_name(outer)}


# An attribution set inside what was said: ", Mr. Obama said,", "— she said on Friday —".
_INSIDE = re.compile(r"\s*[,\u2014\u2013]\s*$")
_AFTER_CUE = re.compile(r"^(?:\s+[\w.'\u2019-]+){0,5}?\s*[,\u2014\u2013]\s*")
# Words that open an introductory phrase, which keeps its comma: "By lifting the ban, Trump was ...".
_INTRODUCERS = word_set("""after although as at because before by despite during for from given however if in
    instead meanwhile on once since still though under unless until when whether while with without yet""")


_CLAUSE_OPENERS = word_set("i we you he she it they there this that these those")


def said_text(statement: Statement) -> str:
    """What a statement says as the brief shows it: the content, less an attribution the writer set
    inside it ("The museum, Mr. Obama said, would make visitors face ..." reads "The museum would make
    visitors face ..."; "By lifting the ban, she said, Trump was ..." keeps the comma of its opening
    phrase). The JSON keeps the exact span, cue and all."""
    content, cue, speaker = statement.content, statement.cue, statement.speaker
    text = content.text
    if not content.start < cue.start < cue.end < content.end:
        return text
    first, last = cue.start, cue.end
    if speaker.text and content.start < speaker.start and speaker.end <= content.end:
        first, last = min(first, speaker.start), max(last, speaker.end)
    before, after = text[: first - content.start], text[last - content.start :]
    opening, closing = _INSIDE.search(before), _AFTER_CUE.match(after)
    if opening is None or closing is None or not before[: opening.start()].strip() or not after[closing.end() :]:
        return text
    head, rest = before[: opening.start()], after[closing.end() :]
    introduced = head.split(maxsplit=1)[0].lower().strip("\"'\u201c\u2018") in _INTRODUCERS
    new_clause = rest.split(maxsplit=1)[0].lower() in _CLAUSE_OPENERS  # "The pier will close, she said, it is ..."
    return f"{head}, {rest}" if (introduced or new_clause) and "," in opening.group() else f"{head} {rest}"


def speaker_name(statement: Statement) -> str:
    """The speaker's canonical name, else the words the article uses ("a council engineer")."""
    return statement.speaker.name or statement.speaker.text


def speaker_label(statement: Statement) -> str:
    """How a speaker is named in a list: ``speaker_name``, marked when the source is anonymous."""
    if statement.speaker.anonymous:
        return f"{statement.speaker.text} (anonymous)"
    return speaker_name(statement)


_THE_NOUN = re.compile(r"(?:the|The) ([a-z]+)")
_DETERMINERS = frozenset({"a", "an", "the", "one", "another", "some"})


def earlier_names(statements: Sequence[Statement]) -> dict[str, str]:
    """Statement id -> how its article named the speaker before, for speakers it only calls "the official",
    "the report", "The source": the latest earlier speaker of the same article whose words end in that noun
    ("a senior administration official", "The White House report", "One federal law enforcement source"),
    as ``speaker_label`` writes it, when those words say more than the noun ("an indictment" does not).
    Who said what lists them under one heading, not two."""
    found: dict[str, str] = {}
    by_article: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        by_article[statement.article].append(statement)
    for said in by_article.values():
        said.sort(key=lambda s: s.speaker.start)
        for n, statement in enumerate(said):
            bare = _THE_NOUN.fullmatch(statement.speaker.text)
            if bare is None or statement.speaker.name is not None:
                continue
            noun = bare.group(1)
            before = next((s for s in reversed(said[:n]) if s.speaker.start < statement.speaker.start
                           and speaker_name(s).lower().endswith(f" {noun}")), None)
            if before is None or len([w for w in speaker_name(before).split() if w.lower() not in _DETERMINERS]) < 2:
                continue  # "an indictment" says no more than "the indictment"
            found[statement.id] = speaker_label(before)
    return found


def sections(brief: Brief) -> Sections:
    """Arrange a brief into the sections a reader scans."""
    labels = _labels(brief.articles)
    order = {a.id: n for n, a in enumerate(brief.articles)}
    corroborations = [r for r in brief.relations if r.type == "corroborates"]
    agreed = []
    # A claim that states two facts is cited by two points; each point shows a claim of its own if it has one,
    # and one that reads as a sentence before a piece of one ("they destroyed his life." / "Flynn lied and
    # they destroyed his life," Trump said.).
    cited = Counter(c for point in brief.agreed for c in point.claims)
    already: set[str] = set()  # claims an earlier point shows: another point shows another of its claims
    shown_with: dict[str, list[str]] = defaultdict(list)  # claim -> what the earlier points citing it show
    for point in brief.agreed:
        members = set(point.claims)
        claims = sorted((brief.claim(c) for c in point.claims), key=lambda c: not is_fact(c))  # a fact shows
        # ... nor the same words another outlet printed and an earlier point sharing a claim with this one shows
        seen = [text for m in point.claims for text in shown_with[m]]
        shown = min(claims, key=lambda c: (not is_fact(c), is_piece(c.text), c.id in already or any(
            shared_run(c.text, text) for text in seen), _unmarked_copy(c, claims), cited[c.id] > 1))  # stable
        already.add(shown.id)
        for m in point.claims:
            shown_with[m].append(shown.text)
        if is_fact(shown):
            agreed.append(Agreed(
                tuple(claims), point.articles, point.independent_sources,
                tuple(dict.fromkeys(labels[a] for a in point.articles)),
                tuple(r.reason for r in corroborations if set(r.claims) <= members and r.reason),
                shown.text, one_source(brief, claims)[1],
            ))
    agreed = _join_quotations(brief, agreed)
    agreed.sort(key=lambda p: (-len(p.articles), -p.independent_sources, order[p.claims[0].article],
                               p.claims[0].start))
    disputes = _disputes(brief, [r for r in brief.relations if r.type in ("conflicts", "updates")
                                 and all(is_fact(brief.claim(c)) for c in r.claims)])
    weights = _centrality(brief)
    unique = tuple(OnlyIn(brief.article(u.article), labels[u.article], points)
                   for u in brief.unique if (points := _excerpts(brief, u.article, u.claims, weights)))
    headed = _in_headings(brief)
    headed |= _restated(brief.statements)
    listed = [s for s in brief.statements if is_reportable(s) and s.id not in headed]
    voices = [_voice(brief, first, rest) for first, rest in quotation_pieces(listed)]
    named_before = earlier_names(brief.statements)
    voices = [dataclasses.replace(v, speaker=named_before[v.statement.id]) if v.statement.id in named_before else v
              for v in voices]
    by_speaker: dict[str, list[Voice]] = defaultdict(list)
    for voice in voices:
        by_speaker[_heading_key(voice)].append(voice)
    speakers = sorted(((v[0].speaker, v) for v in by_speaker.values()),
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
        left_out=tuple(c for c in brief.claims if not is_fact(c)),
    )


def _heading_key(voice: Voice) -> str:
    """What puts statements under one heading: the speaker's name, or the words the articles use, whatever
    their first letter's case ("The indictment" opening one sentence, "the indictment" inside another);
    "the" before a capitalised name goes ("The Republicans" beside the "Republicans" of another article)."""
    if voice.statement.speaker.name is not None:
        return voice.speaker
    words = voice.speaker.split(" ", 1)
    if len(words) == 2 and words[0].lower() == "the" and words[1][:1].isupper():
        return words[1]
    return voice.speaker[:1].lower() + voice.speaker[1:]


def is_piece(text: str) -> bool:
    """Whether a text starts mid-sentence: "it (barely) clears ...", "they destroyed his life.”"."""
    return text.lstrip("“\"‘'(—–- ")[:1].islower()


def side_heading(parts: Sections, side: Side) -> str:
    """Who holds one side of a dispute: "Speaker (Outlet, day)", or "Outlet (day)" when the outlet itself says it."""
    label = parts.label(side.article.id)
    if side.speaker:
        return f"{side.speaker} ({label}, {side.when})" if side.when else f"{side.speaker} ({label})"
    return f"{label} ({side.when})" if side.when else label


def fit(costs: Sequence[Sequence[int]], budget: int | None, fixed: int = 0) -> list[int]:
    """How many leading items of each ranked section a brief of about ``budget`` lines shows.

    ``costs[i][k]`` is the number of lines item ``k`` of section ``i`` takes; ``fixed`` the lines
    shown whatever happens (headings, sources). A section that is cut takes one line more to say
    so ("… 12 more"). Each section shows its first item, then the sections take one more item
    each in turn, in order, while it fits; ``None`` shows everything.
    """
    if budget is None:
        return [len(c) for c in costs]
    shown = [min(1, len(c)) for c in costs]

    def total() -> int:
        return fixed + sum(sum(c[:k]) + (k < len(c)) for c, k in zip(costs, shown, strict=True))

    open_ = [k < len(c) for c, k in zip(costs, shown, strict=True)]
    while any(open_):
        for i, items in enumerate(costs):
            if not open_[i]:
                continue
            shown[i] += 1
            if total() > budget:
                shown[i] -= 1
                open_[i] = False
            elif shown[i] == len(items):
                open_[i] = False
    return shown


def voice_ranking(parts: Sections) -> list[tuple[int, int]]:
    """The statements of "who said what" as (speaker, statement) indexes in the order a short brief
    takes them: each speaker's first statement, most widely quoted speaker first, then the seconds, ..."""
    longest = max((len(g.statements) for g in parts.speakers), default=0)
    return [(i, j) for j in range(longest) for i, g in enumerate(parts.speakers) if j < len(g.statements)]


def timeline_ranking(parts: Sections) -> list[int]:
    """Timeline indexes in the order a short brief takes them: statements dated when said, then those
    dated by their article, each earliest first."""
    return sorted(range(len(parts.timeline)), key=lambda n: (parts.timeline[n].is_report_day, n))


def importance(claim: Claim, brief: Brief, weights: dict[str, float]) -> float:
    """How much a claim matters to the story, from what the brief already knows.

    Entities the other articles also name (``weights``), a statement by a named (or described)
    source, numbers and dates, and an early place in its article count for it; a very short
    claim counts against it.
    """
    score = 2.0 * min(1.5, sum(weights.get(e, 0.0) for e in claim.entities))
    if claim.statement:
        speaker = brief.statement(claim.statement).speaker
        score += 1.0 if speaker.name else 0.5 if speaker.anonymous or speaker.role else 0.0
    score += 0.5 * bool(claim.numbers) + 0.5 * bool(claim.dates)
    score += 1.5 / (1 + claim.sentence / 4)
    if len(claim.text.split()) < 8:
        score -= 1.0
    return score


def _centrality(brief: Brief) -> dict[str, float]:
    """Weight of each entity id: the share of the other articles that name it too, times how often
    the story's claims mention it (the most mentioned counts 1), so the story's protagonist outweighs
    a name every outlet drops once."""
    mentions = Counter(e for c in brief.claims for e in c.entities)
    most, others = max(mentions.values(), default=1), max(1, len(brief.articles) - 1)
    return {e.id: (len(e.articles) - 1) / others * (mentions[e.id] / most) ** 0.5
            for e in brief.entities if len(e.articles) > 1}


def _excerpts(brief: Brief, article_id: str, claim_ids: Sequence[str],
              weights: dict[str, float]) -> tuple[Excerpt, ...]:
    """The facts among an article's unique claims as points, a quotation or a sentence split over
    consecutive claims joined into one, most important first."""
    sequence = [c.id for c in brief.claims if c.article == article_id]
    position = {cid: n for n, cid in enumerate(sequence)}
    facts = sorted((brief.claim(c) for c in claim_ids if is_fact(brief.claim(c))), key=lambda c: c.start)
    groups: list[list[Claim]] = []
    for claim in facts:
        last = groups[-1][-1] if groups else None
        lead_in = bool(groups) and groups[-1][0].text.rstrip().endswith(":")  # not one of the quotation's pieces
        if last is not None and position.get(claim.id, -2) == position.get(last.id, -9) + 1 and len(
            groups[-1]) < MAX_QUOTE_PIECES + lead_in and (
            _in_open_quote(brief, groups[-1], claim.start) or _same_quotation(brief, last, claim)
            or claim.sentence == last.sentence  # "The NRA said it needs time, | but it commended Hutchinson"
            or last.text.rstrip().endswith(":")  # "And Trump lashed out on Twitter, saying: | Justice ..."
        ):
            groups[-1].append(claim)
        else:
            groups.append([claim])
    text = brief.article(article_id).text
    # A piece cut from a sentence whose other part another outlet shares is marked so: "…they're all in
    # their 70s now.", never a bare "they're all ..." that reads as a whole sentence.
    points = [Excerpt(tuple(g), ("\u2026" if is_piece(g[0].text) else "") + text[g[0].start : g[-1].end],
                      max(importance(c, brief, weights) for c in g), _said_elsewhere(brief, g)) for g in groups]
    return tuple(sorted(points, key=lambda p: -p.importance))


def _said_elsewhere(brief: Brief, pieces: Sequence[Claim]) -> str | None:
    """The speaker of a point whose words are someone's but whose text does not say whose: a quotation
    whose "he said" sits in another sentence ("“And you can't fix crazy.”" by Kevin Sheekey)."""
    start, end = pieces[0].start, pieces[-1].end
    for claim in pieces:
        statement = brief.statement(claim.statement) if claim.statement else None
        if statement is None or not is_reportable(statement):
            continue
        if start <= statement.cue.start < end or start <= statement.speaker.start < end:
            return None  # "..., Wren said.": the text names its speaker
        return speaker_label(statement)
    return None


def one_source(brief: Brief, claims: Sequence[Claim]) -> tuple[int, tuple[str, ...]]:
    """How many independent sources the claims stand on, counted as the align stage counts them
    (``align.independence.claim_source``), and why fewer than their articles, one note per shared source.

    Claims relayed from an outlet ("told CNN", "according to the AP") are that outlet's reporting ("A and
    C both cite CNN"; "C cites Fox News (A)" when the story has that outlet's article), and near-copies
    of one text are one source ("B reprints A").
    """
    groups = {a.id: a.source_group or a.id for a in brief.articles}
    outlets = outlet_groups(brief.articles, groups)
    own: dict[str, dict[str, None]] = defaultdict(dict)  # source -> articles that print it as theirs
    citing: dict[str, dict[str, None]] = defaultdict(dict)  # source -> articles that cite it
    cited: dict[str, str] = {}  # source -> the outlet as an article prints it
    sourced = []
    for claim in claims:
        article = brief.article(claim.article)
        statement = brief.statement(claim.statement) if claim.statement else None
        key, told = claim_source(article.id, article.outlet, statement, groups, outlets)
        sourced.append((article.id, key, told))
        if told is None or statement is None:
            own[key][article.id] = None
            continue
        citing[key][article.id] = None
        name = statement.recipient.text if statement.recipient is not None else statement.speaker.name
        # an outlet of the story counts as its article's group, named by the group's first article's id
        cited.setdefault(key, (name or statement.speaker.text) + (f" ({key})" if key in groups else ""))
    owned = {i for articles in own.values() for i in articles}  # an article with a claim of its own counts itself
    notes = []
    for key in dict.fromkeys([*own, *citing]):
        mine, others = list(own.get(key, {})), [i for i in citing.get(key, {}) if i not in owned]
        if len(mine) > 1:
            first = key if key in mine else mine[0]  # the group is named after its first article
            copies = [i for i in mine if i != first]
            notes.append(f"{_and(copies)} {'reprint' if len(copies) > 1 else 'reprints'} {first}")
        if others and (mine or len(others) > 1):
            both = "" if len(others) == 1 else "both " if len(others) == 2 else "all "
            notes.append(f"{_and(others)} {both}{'cites' if len(others) == 1 else 'cite'} {cited[key]}")
    return len(independent_sources(sourced)), tuple(notes)


def counted(n: int, word: str) -> str:
    """``n`` and the word, plural unless one: "1 independent source", "3 articles"."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _join_quotations(brief: Brief, points: list[Agreed]) -> list[Agreed]:
    """Agreed points that are consecutive pieces of one quotation in every article they share, as one.

    "“We know how to win elections. | We've done it in the past | and we will do it again,”"
    quoted by three outlets is one agreed point, not three: a point joins an earlier one when,
    in each of its articles, its claim directly follows that point's last claim there, and in
    at least one of them continues the same quotation.
    """
    position = {c.id: n for n, c in enumerate(brief.claims)}
    order = {a.id: n for n, a in enumerate(brief.articles)}
    joined: list[Agreed] = []
    for point in sorted(points, key=lambda p: (order[p.claims[0].article], p.claims[0].start)):
        host = next((k for k, g in enumerate(joined) if _continues(brief, g, point, position)), None)
        if host is None:
            joined.append(point)
            continue
        first = joined[host]
        unique = {c.id: c for c in first.claims + point.claims}.values()  # a claim both points cite, once
        claims = tuple(sorted(unique, key=lambda c: (order[c.article], c.start)))
        pieces = Counter(c.article for c in claims)
        spans = {a: _span_of(brief, [c for c in claims if c.article == a]) for a in pieces}
        # the article that prints it as a quotation (a wire copy may drop the marks), then one whose
        # pieces end where its sentence does ("We've got a big challenge" stops before ", and we've got
        # work to do"), then the one that carries the most of it
        shown = max(pieces, key=lambda a: (_marked(spans[a]), _ends_whole(spans[a]), pieces[a], -order[a]))
        text = spans[shown]
        count, notes = one_source(brief, claims)
        joined[host] = dataclasses.replace(
            first, claims=claims, independent_sources=count, reasons=first.reasons + point.reasons, text=text,
            one_source=notes)
    return joined


_QUOTE_MARKS = ('"', "\u201c", "\u201d")


def _unmarked_copy(claim: Claim, claims: Sequence[Claim]) -> bool:
    """Whether another claim prints the same words as a quotation, which this one prints without the marks
    (a wire copy): the point shows the quoted words as quoted."""
    if _marked(claim.text):
        return False
    words = _unmarked(claim.text)
    return any(_marked(c.text) and _unmarked(c.text) == words for c in claims)


def _ends_whole(text: str) -> bool:
    """Whether a text ends where a sentence does: a full stop, question or exclamation mark, or a
    closing quotation mark or bracket after one."""
    return text.rstrip().rstrip("\"\u201d\u2019')").endswith((".", "?", "!"))


def _marked(text: str) -> bool:
    """Whether a text prints a quotation mark."""
    return any(q in text for q in _QUOTE_MARKS)


def _unmarked(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _span_of(brief: Brief, claims: Sequence[Claim]) -> str:
    """The text of an article from its first claim here to its last."""
    return brief.article(claims[0].article).text[claims[0].start : claims[-1].end]


def _continues(brief: Brief, earlier: Agreed, point: Agreed, position: dict[str, int]) -> bool:
    """Whether ``point`` goes on with the quotation ``earlier`` ends with: its claims directly follow
    that point's in every article of ``point``, as one quotation in at least one of them (an outlet that
    prints a letter as a block of text, without quotation marks, still prints it in one piece)."""
    if not set(point.articles) <= set(earlier.articles):
        return False
    if _one_quotation(brief, earlier, point):
        return True
    quoted = extended = False
    for article in point.articles:
        before = sorted((c for c in earlier.claims if c.article == article), key=lambda c: c.start)
        after = sorted((c for c in point.claims if c.article == article), key=lambda c: c.start)
        if not before or not after:
            return False
        if {c.id for c in after} <= {c.id for c in before}:
            # "“I love this country, but it is going to hell”" whole here, cut in two there
            quoted = quoted or any(_is_quoted(brief, c) for c in after)
            continue
        if len(before) + len(after) > MAX_QUOTE_PIECES:
            return False
        extended = True
        if _follows(before, after, position):
            quoted = quoted or _goes_on(brief, before, after)
        elif _follows(after, before, position):
            quoted = quoted or _goes_on(brief, after, before)
        else:
            return False
    return quoted or not extended


def _one_quotation(brief: Brief, earlier: Agreed, point: Agreed) -> bool:
    """Whether in every article of ``point`` its claims and ``earlier``'s are pieces of one quotation under
    one cue, not too many to be one: "He will even be considered like a traitor ..." cut at one place
    here and at another there is one point, not two."""
    for article in point.articles:
        pieces = {c.id: c.statement for c in (*earlier.claims, *point.claims) if c.article == article}
        said = set(pieces.values())
        if len(said) != 1 or len(pieces) > MAX_QUOTE_PIECES:
            return False
        statement = next(iter(said))
        if statement is None or not brief.statement(statement).direct:
            return False
    return True


def _is_quoted(brief: Brief, claim: Claim) -> bool:
    """Whether a claim is someone's words in quotation marks."""
    return claim.statement is not None and brief.statement(claim.statement).direct


def _follows(first: list[Claim], then: list[Claim], position: dict[str, int]) -> bool:
    """Whether the claims ``then`` come right after ``first`` in their article."""
    return position[then[0].id] == position[first[-1].id] + 1


def _goes_on(brief: Brief, first: list[Claim], then: list[Claim]) -> bool:
    """Whether the claims ``then``, right after ``first``, are in the same quotation."""
    return _in_open_quote(brief, first, then[0].start) or _same_quotation(brief, first[-1], then[0])


def _same_quotation(brief: Brief, first: Claim, second: Claim) -> bool:
    """Two claims that are pieces of one direct quotation: the same statement, quoted, or a
    quotation and the one that continues it under the same cue ("“...,” she said. “But ...”")."""
    if first.statement is None or second.statement is None:
        return False
    said, then = brief.statement(first.statement), brief.statement(second.statement)
    if said.id != then.id:
        return said.direct and then.direct and said.cue == then.cue
    return said.direct and first.text.rstrip()[-1:] not in "\u201d\""


def _in_open_quote(brief: Brief, claims: list[Claim], until: int) -> bool:
    """Whether a quotation opened in these claims is still open at ``until`` ("“We found rust. | It").

    A straight quote after a space (or at the start) opens a quotation, any other closes it. Curly
    marks nest: in "“Needless to say, the war was not “a war of choice.” It has been ..." (an outlet's
    inner quotation in the outer marks) the outer quotation is still open after the inner one closes.
    """
    text = brief.article(claims[0].article).text
    depth = 0
    for k in range(claims[0].start, until):
        ch = text[k]
        if ch == "\u201c" or (ch == '"' and (k == 0 or text[k - 1].isspace() or text[k - 1] in "([—–-")):
            depth += 1
        elif ch in "\u201d\"":
            depth = max(0, depth - 1)
    return depth > 0


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


# The words before a negated cue that say so: "did not", "didn't", "has never", "has not yet", "did not publicly",
# "refused to", "declined to" ("has repeatedly refused to comment on": never "comment on").
_NEGATION = re.compile(
    r"(?:(?:\b(?:did|does|do|has|have|had|was|is|were|are|will|would|could|can|should|may|might)\s+)?"
    r"(?:\bnot|\bnever|\b\w+n[\'\u2019]t)(?:\s+(?:yet|ever|\w+ly))?"
    r"|\b(?:refus|declin)(?:e|es|ed|ing)\s+to)\s+$",
    re.IGNORECASE,
)


# Prepositions a cue takes before what was said ("called for", "spoke about", "warned of").
_PARTICLES = frozenset({"for", "about", "of", "on", "against", "to", "with", "at"})
_TIME_PREPOSITION = re.compile(r"\b(?:on|in|at|during|by|late|early)\s*$", re.IGNORECASE)  # "said on | Thursday"
# Cues whose object is who or what the words are about, printed between the cue and the words: "called the
# report “a cruel hoax”", "praised the NRA “for coming up ...”". The views show it with the cue.
_NAMING = word_set("""call calls called calling praise praises praised praising describe describes described
    describing label labels labeled labelled labeling dub dubs dubbed dubbing brand brands branded branding
    thank thanks thanked thanking blame blames blamed blaming credit credits credited crediting hail hails
    hailed hailing deride derides derided deriding commend commends commended commending""")
# Cues that take an object and what it is called ("called it a mistake"): a pronoun object opens the content.
_COMPLEMENT_CUES = word_set("call calls called calling dub dubs dubbed dubbing label labels labeled labelled labeling"
                            " brand brands branded branding deem deems deemed deeming")
_COMPLEMENT_OBJECT = re.compile(r"(it|them|him)\s+(?=\S)", re.IGNORECASE)  # not "her", "that": also determiners
_OBJECT = re.compile(r"[\w.'’-]+(?: [\w.'’-]+){0,5}")  # a few words, no comma, colon or quotation mark


def _named_by(cue: str, between: str) -> bool:
    """Whether the words between a naming cue and its content are its object: "called [Mr. Mattis] “an
    island of stability”", not "said [.]" or "called [, in a statement,]"."""
    return _verb(cue) in _NAMING and _OBJECT.fullmatch(" ".join(between.split())) is not None


def _verb(cue: str) -> str:
    """The last word of a cue as printed, lower case: "called" in "has called"; "" for none."""
    words = cue.lower().split()
    return words[-1] if words else ""


def quotation_pieces(statements: Sequence[Statement]) -> list[tuple[Statement, tuple[Statement, ...]]]:
    """Each statement with the pieces of the same quotation that go on with it, in text order.

    "“We will reopen the pier,” Dahl said, “but not before the spring tides.”" is two statements
    under one cue (PolNeAR draws it as one attribution); "who said what" shows it as one line, "“We will
    reopen the pier,” … “but not before the spring tides.”", never the first piece alone, whose
    meaning the rest may change. Pieces are direct quotations of one article with the same cue,
    speaker and negation; the JSON keeps each of them.
    """
    groups: dict[tuple[object, ...], list[Statement]] = {}
    for s in statements:
        key = (s.article, s.cue.start, s.cue.end, speaker_name(s), s.negated) if s.direct else (s.id,)
        groups.setdefault(key, []).append(s)
    out = []
    for group in groups.values():
        group.sort(key=lambda s: s.content.start)
        out.append((group[0], tuple(group[1:])))
    return out


def _voice(brief: Brief, statement: Statement, pieces: Sequence[Statement] = ()) -> Voice:
    text = brief.article(statement.article).text
    cue = statement.cue
    if statement.negated:  # "did not say: whether ...", never "say: whether ..."
        cue = dataclasses.replace(cue, text=negated_cue(text[max(0, cue.start - 30) : cue.start], cue.text))
    between = text[cue.end : statement.content.start]
    when = statement.when
    if when is not None and cue.end <= when.start and when.end <= statement.content.start:
        # "called Wednesday for": the day shows after the cue already; what is left is "for"
        between = _TIME_PREPOSITION.sub("", text[cue.end : when.start]) + " " + text[when.end : statement.content.start]
    if between.strip().lower() in _PARTICLES and len(between.strip()) < 12:  # "called for: ...", not "called: ..."
        cue = dataclasses.replace(cue, text=f"{cue.text} {between.strip()}")
    elif statement.recipient is None and _named_by(cue.text, between):  # "called the report: “a cruel hoax”"
        cue = dataclasses.replace(cue, text=f"{cue.text} {' '.join(between.split())}")
    words = " … ".join(said_text(piece) for piece in (statement, *pieces))
    pointer = None if statement.direct or _verb(cue.text) not in _COMPLEMENT_CUES else _COMPLEMENT_OBJECT.match(words)
    if pointer:  # "calling him a faker": "calling him: a faker", not "calling: him a faker"
        cue = dataclasses.replace(cue, text=f"{cue.text} {pointer.group(1)}")
        words = words[pointer.end() :]
    statement = dataclasses.replace(statement, cue=cue) if cue is not statement.cue else statement
    said = statement.when.date if statement.when else None
    return Voice(statement, speaker_label(statement), said or brief.article(statement.article).published,
                 not said, words)


def negated_cue(before: str, cue: str) -> str:
    """A negated statement's cue with the negation printed before it (``before``: the 30 or so characters
    before the cue): "did not say", "has not yet said"; "declined" says it itself."""
    found = _NEGATION.search(before)
    return (found.group(0) if found else "") + cue


def addressee(brief: Brief, statement: Statement) -> str:
    """Whom a statement was made to, as a view prints it after the cue: "reporters" ("told reporters"),
    "to Pelosi" ("has spoken “endlessly” to Pelosi"), "on CNN" ("said on CNN"); "" when the article names
    no one."""
    recipient = statement.recipient
    if recipient is None or not recipient.text:
        return ""
    text = brief.article(statement.article).text
    interview = _INTERVIEW.search(text[max(0, recipient.start - 60) : recipient.start])
    if interview:  # "said (in an interview with the Associated Press)", never "said with the Associated Press"
        return f"({' '.join(interview.group(1).split())} {recipient.text})"
    # the words before it, quotation marks aside: said on "Fox News Sunday"
    before = re.findall(r"\w+", text[max(0, recipient.start - 8) : recipient.start])
    preposition = before[-1].lower() if before and before[-1].lower() in ("to", "with", "on") else ""
    return f"{preposition} {recipient.text}".strip()


# "in an interview with", "in a Monday interview with", "in his interview on": how an outlet heard it
_INTERVIEW = re.compile(r"\b(in (?:an?|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}interview (?:with|on))\s*[\"“]?$",
                        re.IGNORECASE)


def _disputes(brief: Brief, relations: Sequence[Relation]) -> tuple[Dispute, ...]:
    """One item per claim that several claims conflict with or update the same way, else per relation.

    A 47-page indictment against two outlets' 48 pages is one dispute with the 47 on one side, not the
    47 twice; a plan and the two outlets that report its outcome, one change. A claim shared by two
    relations of one type on the same side (earlier or later for an update; either for a conflict)
    gathers them, the first such claim in text order first; each relation is in one item.
    """
    def shared(r: Relation, position: int) -> tuple[str, str, int]:
        return r.type, r.claims[position], position if r.type == "updates" else 0

    count: Counter[tuple[str, str, int]] = Counter()
    for r in relations:
        count.update({shared(r, 0), shared(r, 1)})
    groups: dict[tuple[str, str, int], list[tuple[Relation, str]]] = {}
    for r in relations:
        key = max((shared(r, 0), shared(r, 1)), key=lambda k: (count[k] > 1, k in groups))
        other = r.claims[1] if key[1] == r.claims[0] else r.claims[0]
        groups.setdefault(key if count[key] > 1 else (r.type, r.claims[0] + "|" + r.claims[1], 0), []).append(
            (r, other))
    out = []
    for (kind, claim, position), members in groups.items():
        if len(members) == 1:
            r = members[0][0]
            out.append(Dispute((r,), (_side(brief, r.claims[0]), _side(brief, r.claims[1]))))
            continue
        own = (_side(brief, claim),)
        others = tuple(_side(brief, c) for _, c in members)
        sides, split = (others + own, len(others)) if kind == "updates" and position == 1 else (own + others, 1)
        out.append(Dispute(tuple(r for r, _ in members), sides, split))
    return tuple(out)


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
