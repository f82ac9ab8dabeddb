"""Speakers: who a cue verb attributes its content to, named as in the article.

Given the token that heads the speaker phrase, this module draws the
speaker's span, finds the person's full name as the article first wrote it
("Peskov" → "Dmitry Peskov"), resolves pronouns to the nearest compatible
person, and pulls out role and affiliation ("Kremlin aide") and whether the
source is anonymous ("one diplomat", "people familiar with the matter").
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storydiff.lexicon import FEMALE_FIRST_NAMES, PLATFORMS, SPEECH_LEMMAS
from storydiff.models import Speaker
from storydiff.nlp.statements.relatives import antecedent
from storydiff.nlp.statements.unnamed import DETERMINERS, description, is_anonymous, name_before_comma
from storydiff.nlp.statements.quotes import QuoteIndex
from storydiff.nlp.statements.subjects import dateline_dash, past_dateline
from storydiff.nlp.statements.cues import (
    ANONYMOUS_NOUNS,
    CUE_LEMMAS,
    BODIES,
    FEMALE_PRONOUNS,
    NOT_SOURCE_NOUNS,
    MALE_PRONOUNS,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    WILLING_ADJECTIVES,
)

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Dependents that end a speaker phrase: "Tillerson, who ..." keeps "Tillerson".
_PHRASE_CUTS = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj"})
_TITLES_MALE = frozenset({"mr", "mr.", "sir", "lord", "king"})
_TITLES_FEMALE = frozenset({"ms", "ms.", "mrs", "mrs.", "miss", "lady", "queen", "dame"})
_COURTESY = frozenset({"mr", "mr.", "ms", "ms.", "mrs", "mrs.", "miss", "mx", "mx."})
_SUBJECT_REACH = 400  # characters back a pronoun looks for a subject before the nearest name


@dataclass(slots=True)
class _Person:
    start: int  # char offset of the mention
    name: str  # full name as first written in full
    gender: str | None  # "m", "f" or None
    subject: bool  # the mention is its clause's subject ("Ines Okafor runs the harbour"), not of what was said


class NameIndex:
    """The people an article mentions, for full names and pronoun resolution.

    With ``quotes``, a name inside a quotation is the topic of someone's words,
    never whom a later "he said" stands for: in "“President Trump has no idea,”
    he said." he is the speaker named before, not Trump.
    """

    def __init__(self, doc: Doc, quotes: QuoteIndex | None = None) -> None:
        self._quotes = quotes
        full: dict[str, str] = {}
        gender: dict[str, str] = {}
        mentions: list[tuple[int, str, bool]] = []
        others: list[tuple[Span, list[str]]] = []
        roles: list[tuple[int, str, str, bool]] = []  # (offset, role noun, last name, inside a quotation)
        for ent in doc.ents:
            words = _name_words(ent.text)
            if not words or ent.text in PLATFORMS:  # "In a Twitter post, ..., she said": Twitter is no one
                continue
            if ent.label_ != "PERSON":
                if len(words) <= 4 and all(w[:1].isupper() for w in words):
                    others.append((ent, words))
                continue
            last = words[-1].lower()
            if len(words) > len(full.get(last, "").split()):
                full[last] = " ".join(words)
            prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            first = words[0].lower()
            if prev in _TITLES_MALE:
                gender[last] = "m"
            elif prev in _TITLES_FEMALE or (len(words) > 1 and first in FEMALE_FIRST_NAMES):
                gender[last] = "f"
            quoted = self.quoted(ent.start_char)
            if not quoted:
                mentions.append((ent.start_char, last, _speaking_subject(ent.root)))
            roles.extend((ent.start_char, noun, last, quoted) for noun in _role_nouns(ent))
        # The tagger sometimes labels a person's name ORG: the full form ("Ilse Marten"), or a later
        # bare surname ("DeMint" after "Sen. Jim DeMint"), still a mention of that person; not a place
        # or a body that ends in a surname-like word ("Joint Base Andrews", "Ferguson" the town).
        for ent, words in others:
            last = words[-1].lower()
            if last in full and len(words) > len(full[last].split()):
                full[last] = " ".join(words)
            bare_surname = ent.label_ in ("ORG", "GPE") and len(words) == 1 and len(full.get(last, "").split()) > 1
            if bare_surname and not self.quoted(ent.start_char):
                mentions.append((ent.start_char, last, _speaking_subject(ent.root)))
        # ... or leaves a later bare surname untagged ("“...,” Schiff said of ..."): as the subject
        # of a cue verb, still that person, and whom a "he said" after it may stand for.
        for tok in doc:
            key = tok.text.lower()
            if tok.pos_ != "PROPN" or tok.ent_type_ or len(full.get(key, "").split()) < 2:
                continue
            if _speaking_subject(tok) and tok.head.lemma_ in CUE_LEMMAS and not self.quoted(tok.idx):
                mentions.append((tok.idx, key, True))
        mentions.sort()
        self._full = full
        self._people = [_Person(s, full[last], gender.get(last), subj) for s, last, subj in mentions]
        self._starts = [p.start for p in self._people]
        self._roles = roles

    def by_role(self, noun: str, pos: int) -> str | None:
        """The person the article last gave this role before ``pos`` ("the spokeswoman" →
        "Sarah Sanders", named earlier as "spokeswoman Sarah Sanders"), else the first after. A title
        inside a quotation counts only when the writer gave the role to no one: "President Reagan" in
        someone's words does not make Reagan "the former Mexican president" of the next paragraph."""
        found = [(start, last, quoted) for start, role, last, quoted in self._roles if role == noun]
        found = [f for f in found if not f[2]] or found
        before = [last for start, last, _ in found if start < pos]
        last = before[-1] if before else found[0][1] if found else None
        return self._full[last] if last is not None else None

    def sole_role(self, noun: str) -> str | None:
        """The one person the article gives this role, if it gives it to exactly one."""
        lasts = {last for _, role, last, _ in self._roles if role == noun}
        return self._full[lasts.pop()] if len(lasts) == 1 else None

    def quoted(self, pos: int) -> bool:
        """Whether the character at ``pos`` is inside a quotation."""
        return self._quotes is not None and self._quotes.containing(pos, pos + 1) is not None

    def full_name(self, text: str) -> str | None:
        """The fullest form of a name the article uses ("Peskov" → "Dmitry Peskov")."""
        words = _name_words(text)
        if not words:
            return None
        return self._full.get(words[-1].lower(), " ".join(words))

    def known_name(self, word: str) -> str | None:
        """The full name of a person the article mentions by this last name, if any."""
        return self._full.get(word.lower())

    def nearest_before(self, pos: int, pronoun: str) -> str | None:
        """The nearest person mentioned before ``pos`` whom ``pronoun`` can stand for.

        A person who was a clause's subject within the last few sentences comes first:
        in "Ines Okafor runs the harbour at Selby. “...,” she said." she is Okafor.
        """
        fits = self._fits(pos, pronoun)
        for person in reversed(fits):
            if pos - person.start > _SUBJECT_REACH:
                break
            if person.subject:
                return person.name
        return fits[-1].name if fits else None

    def nearest_other(self, pos: int, pronoun: str, other_than: str | None) -> str | None:
        """The nearest person before ``pos`` whom ``pronoun`` can stand for, other than ``other_than``."""
        return next((p.name for p in reversed(self._fits(pos, pronoun)) if p.name != other_than), None)

    def _fits(self, pos: int, pronoun: str) -> list[_Person]:
        want = "m" if pronoun in MALE_PRONOUNS else "f" if pronoun in FEMALE_PRONOUNS else None
        return [p for p in self._people[: bisect_left(self._starts, pos)] if want is None or p.gender in (None, want)]


def _speaking_subject(root: Token) -> bool:
    """Whether a name (its head token) is a clause's subject, and so whom a later "he said" may stand
    for; not the subject of what someone said ("said *Steele* must apologize") nor of an infinitive
    ("calling for *Steele* to step down"), nor of a "that" clause a noun holds ("disbelief that *X*
    would"): those are what the sentence is about, not who speaks in it."""
    if root.dep_ not in _SUBJECTS:
        return False
    verb = root.head
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH_LEMMAS and verb.head.i < root.i:
        return False  # after its verb of speech: "... said *Steele* must"; before it, "X blasted Y, she said"
    if verb.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
        return False  # "expressed disbelief that *Peña Nieto* would invite him": what the noun holds
    return not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _role_nouns(ent: Span) -> set[str]:
    """The role nouns an article gives a person: "press secretary Sarah Sanders",
    "Peskov, Putin's spokesman", "Putin's spokesman, Dmitry Peskov"."""
    doc = ent.doc
    root = ent.root
    nouns: set[str] = set()
    i = ent.start - 1
    inside = set(range(ent.start, ent.end))
    while i >= 0 and doc[i].dep_ in ("compound", "amod") and doc[i].head.i in inside:
        # "press secretary", "Senator"; not the body ("Union chairwoman"): "the union said" is the union
        if _is_role_word(doc[i]) and doc[i].lemma_.lower() not in BODIES:
            nouns.add(doc[i].lemma_.lower())
        inside.add(i)
        i -= 1
    appositions = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        appositions.append(root.head)
    nouns.update(a.lemma_.lower() for a in appositions if _is_role_word(a))
    return nouns


def _is_role_word(tok: Token) -> bool:
    """A word that can name a role: a common noun, a title ("Senator"), a party ("Republican")."""
    return tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.ent_type_ in ("", "NORP"))


def _name_words(text: str) -> list[str]:
    words = text.replace("\u2019s", "").replace("'s", "").split()
    while words and words[-1] in {"'", "\u2019", "s"}:
        words.pop()
    return words


_CLIMB = frozenset({"advcl", "xcomp", "conj", "pcomp", "prep", "pobj", "ccomp", "acl", "acomp"})


def find_subject(cue: Token, floor: int = 0) -> Token | None:
    """The subject of a cue verb, climbing to the verb it hangs off when it has none.

    ``floor`` is the character offset where the cue's own clause can begin (the
    end of a quotation before it), for when the parse gives no subject.
    """
    if cue.dep_ == "conj" and cue.tag_ == "VBN" and any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.head.children):
        return None  # "he had been stopped and accused of speeding": accused, by no one named
    tok = cue
    came_from_acl = False
    adverbial = False  # reached from an adverbial participle ("after saying ...") through prepositions only
    shared = cue.head.i if cue.dep_ == "conj" and cue.tag_ in ("VBD", "VBZ", "VBP") else -1
    for _ in range(5):
        if tok.i == cue.i or tok.dep_ != "ccomp":  # a ccomp's subject is someone else's content
            subjects = [
                child
                for child in tok.children
                # Passive subjects speak only for the cue itself ("was quoted as saying") and for
                # a finite verb coordinated with it ("was forced into it and said that ...").
                if child.dep_ == "nsubj" or (tok.i in (cue.i, shared) and child.dep_ in _SUBJECTS)
                # "After saying her foot was swollen, she was rushed to hospital": she said it
                or (adverbial and child.dep_ == "nsubjpass")
            ]
            if subjects:
                if len(subjects) > 1 and dateline_dash(subjects[0]) is not None:
                    return subjects[1]  # "Washington (AFP) – Clinton said"
                if len(subjects) > 1 and subjects[0].ent_type_ != "PERSON":
                    # "THE BORROWING Back when he wrote, Mr. McKinley said": a subhead run in
                    subjects.sort(key=lambda t: t.ent_type_ != "PERSON")
                return past_dateline(subjects[0])
        # "issued a statement saying ...": from the participle through the noun to the verb
        via_noun = tok.dep_ == "dobj" and tok.i != cue.i and came_from_acl
        if not via_noun and tok.dep_ not in _CLIMB:
            break
        if tok.dep_ == "acomp" and tok.lemma_.lower() not in WILLING_ADJECTIVES:
            break  # "It is worth noting": "It" is no speaker
        came_from_acl = tok.dep_ == "acl"
        via_preposition = tok.dep_ in ("pcomp", "prep")
        adverbial = via_preposition and (adverbial if tok.i != cue.i else cue.tag_ == "VBG")
        tok = tok.head
    return left_neighbour(cue, floor)


# "“Yes,” Ana Ruiz, a founder of the group, tells the paper": the parser lost the
# subject, but the noun phrase right before the cue is a person.
def left_neighbour(cue: Token, floor: int) -> Token | None:
    i = cue.i - 1
    doc = cue.doc
    start = cue.sent.start
    while i >= start and (doc[i].is_punct or doc[i].pos_ == "ADV"):
        i -= 1
    if i < start or doc[i].idx < floor:
        return None
    tok = doc[i]
    # Climb to the head of the phrase, staying between the floor and the cue.
    while tok.ent_type_ != "PERSON" and tok.head.i != tok.i and floor <= tok.head.idx < cue.idx:
        tok = tok.head
    if tok.ent_type_ == "PERSON" or tok.lemma_.lower() in ANONYMOUS_NOUNS:
        return tok
    return None


_PLACE_LABELS = frozenset({"LOC", "FAC"})
_POSSESSIVES = frozenset({"'s", "\u2019s", "'", "\u2019"})


def is_source(head: Token) -> bool:
    """Whether the phrase headed by ``head`` can be a source at all.

    A source is a person, a group, an organisation or a document. The gate
    refuses a bare possessive ("'s"), a bare relative pronoun ("who", "which",
    "that": ``describe`` names the antecedent instead) or punctuation, a bare place ("the
    Potomac"), and an event or an abstraction ("A lengthy meeting ...
    threatened", "the controversy"). A split word is mended, not refused:
    ``phrase_bounds`` keeps "e-mails" whole.
    """
    if head.is_punct or head.lower_ in _POSSESSIVES or head.lower_ in RELATIVE_PRONOUNS:
        return False  # a bare "who" that no antecedent replaced names nobody
    place = [t for t in head.subtree if t.i == head.i or t.dep_ not in DETERMINERS]
    # One capitalised word tagged a place is as often a surname ("Schiff said"): kept.
    if all(t.ent_type_ in _PLACE_LABELS for t in place) and (len(place) > 1 or head.i != head.left_edge.i):
        return False
    return not (head.pos_ == "NOUN" and head.lemma_.lower() in NOT_SOURCE_NOUNS)


def phrase_bounds(head: Token) -> tuple[int, int]:
    """Token range ``[start, end)`` of a speaker phrase, without relative clauses."""
    if head.lower_ in RELATIVE_PRONOUNS or head.pos_ == "PRON":
        return head.i, head.i + 1
    start, end = head.i, head.i + 1
    for child in reversed(list(head.lefts)):
        if child.dep_ in _PHRASE_CUTS or child.dep_ in {"prep", "advcl"}:
            break
        start = child.left_edge.i
    for child in head.rights:
        if child.dep_ in _PHRASE_CUTS:
            break
        end = child.right_edge.i + 1
    doc = head.doc
    for i in range(head.i + 1, end - 1):  # "A nurse at the clinic, who asked not to be named"
        if doc[i].text == "," and doc[i + 1].tag_ in ("WP", "WDT"):
            end = i
            break
    while end - 1 > head.i and doc[end - 1].is_punct:
        end -= 1
    while start < head.i and doc[start].is_punct:
        start += 1
    return _whole_words(doc, start, end)


_HYPHENS = frozenset({"-", "\u2010", "\u2011"})


def _whole_words(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Widen a token range to whole words: the tokenizer splits "e-mails" into three."""

    def glued(i: int) -> bool:  # token i follows token i - 1 with no space, across a hyphen
        return not doc[i - 1].whitespace_ and (doc[i].text in _HYPHENS or doc[i - 1].text in _HYPHENS)

    while end < len(doc) and glued(end):
        end += 1
    while start > 0 and glued(start):
        start -= 1
    return start, end


def describe(head: Token, names: NameIndex) -> Speaker:
    """The Speaker record for the phrase headed by ``head``."""
    doc = head.doc
    start, end = phrase_bounds(head)
    span = doc[start:end]
    lower = head.lower_
    noun = antecedent(head)
    if noun is not None:
        # "Tillerson, who said ...": the antecedent names the speaker. The span stays "who"
        # while the model chooses (it was trained so); the gate puts the antecedent's in after.
        inner = describe(noun, names)
        return Speaker(span.text, span.start_char, span.end_char, inner.name, inner.anonymous, inner.role)
    if lower in PERSON_PRONOUNS:
        name = _sentence_subject(head, names) or names.nearest_before(head.idx, lower)
        return Speaker(span.text, span.start_char, span.end_char, name)
    person = _person_in(span)
    if person is not None and _inside_modifier(head, person):
        person = None  # "a meeting on the sidelines of the summit in Da Nang", "a spokesman for Putin"
    if person is not None:
        name = names.full_name(person.text)
        role = _role(span, person.start, person.end, head)
        return Speaker(span.text, span.start_char, span.end_char, name, False, role)
    named = _named_role(head, names)
    if named is not None:  # "the spokeswoman", "the Texas Republican": the person given that role
        return Speaker(span.text, span.start_char, span.end_char, named, False, description(span))
    if head.ent_type_ == "NORP" and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        # "the Oregon Democrat" that no sentence tied to a name: the person the story follows
        name = names.nearest_before(head.idx, "")
        return Speaker(span.text, span.start_char, span.end_char, name, False, description(span))
    if head.pos_ == "PROPN" and head.text[:1].isupper():
        # NER missed the person ("Trump" tagged ORG here, a rare name untagged):
        # trust the name index, else the proper-noun chain as written. A lower-case word the
        # tagger called a proper noun ("the county roads department") is no name.
        first = head.i
        while first > span.start and doc[first - 1].pos_ == "PROPN" and doc[first - 1].dep_ == "compound":
            first -= 1
        name = names.known_name(head.text) or doc[first : head.i + 1].text
        return Speaker(
            span.text,
            span.start_char,
            span.end_char,
            name,
            False,
            _role(span, first, head.i + 1, head),
        )
    if is_anonymous(span, head):
        before = name_before_comma(span)
        if before is not None:  # "Per Aune, a spokesman for the line, confirmed": the parse lost the name
            return Speaker(span.text, span.start_char, span.end_char, before, False, description(span))
        # "a spokeswoman for the ministry" where the article names its only spokeswoman
        sole = names.sole_role(head.lemma_.lower()) if head.lemma_.lower() in _ONE_HOLDER else None
        return Speaker(span.text, span.start_char, span.end_char, sole, sole is None, description(span))
    return Speaker(span.text, span.start_char, span.end_char)


# "Trump promised to end abuses, which he said cost jobs": a pronoun inside a
# sentence stands for the person who is that sentence's subject.
def _sentence_subject(pronoun: Token, names: NameIndex) -> str | None:
    for tok in pronoun.doc[pronoun.sent.start : pronoun.i]:
        if tok.dep_ == "nsubj" and tok.pos_ == "PROPN" and not names.quoted(tok.idx) and _speaking_subject(tok):
            name = names.known_name(tok.text)
            if name is not None:
                return name
    return None


_DEFINITE = frozenset({"the", "this", "that"})
# Roles an organisation usually gives one person at a time.
_ONE_HOLDER = frozenset({"spokesman", "spokeswoman", "spokesperson"})


def _named_role(head: Token, names: NameIndex) -> str | None:
    """The named person a definite role noun stands for: "the spokeswoman", "Putin's spokesman"."""
    if not (head.pos_ == "NOUN" or head.ent_type_ == "NORP") or head.tag_ in ("NNS", "NNPS"):
        return None
    definite = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in head.children)
    return names.by_role(head.lemma_.lower(), head.idx) if definite else None


def _inside_modifier(head: Token, person: Span) -> bool:
    """Whether a name sits in a phrase that modifies the speaker's head noun rather than
    naming the speaker."""
    if head.ent_type_ == "PERSON":
        return False
    # "Putin's spokesman", "Trump officials": the name owns or qualifies the speaker.
    owners = ("poss", "compound") if head.pos_ == "NOUN" else ("poss",)
    for child in head.children:
        if (
            (child.dep_ in ("prep", "relcl", "acl") or child.dep_ in owners)
            and child.left_edge.i <= person.start
            and person.end - 1 <= child.right_edge.i
        ):
            return True
    return False


def _person_in(span: Span) -> Span | None:
    """The first PERSON entity wholly inside ``span`` (``Span.ents`` rebuilds every
    entity of the document on each call)."""
    doc = span.doc
    i = span.start
    while i < span.end:
        tok = doc[i]
        if tok.ent_iob_ == "B" and tok.ent_type_ == "PERSON":
            end = i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            if end <= span.end:
                return doc[i:end]
            i = end
        else:
            i += 1
    return None


def _role(span: Span, name_start: int, name_end: int, head: Token) -> str | None:
    """Role words around a name: before it ("Kremlin aide Yuri Ushakov") or in apposition."""
    doc = head.doc
    name_head = doc[name_end - 1]
    s, end = name_start, name_start
    # Only words that hang off the name are its role, not a phrase the name sits in
    # ("a meeting in Da Nang" gives Da Nang no role).
    while s > span.start and name_head.is_ancestor(doc[s - 1]):
        s -= 1
    if any(c.dep_ == "appos" and name_start <= c.i < name_end for c in head.children):
        s, end = max(head.left_edge.i, span.start), head.i + 1  # "its director Tobias Wren": the head is the role
    while s < end and (doc[s].dep_ in DETERMINERS or doc[s].is_punct or doc[s].lower_ in _COURTESY):
        s += 1  # "Ms." is how the paper addresses her, not her role
    if s < end:
        return doc[s:end].text
    for child in (*name_head.children, *head.children):
        if child.dep_ == "appos" and not (child.like_num and child.left_edge == child.right_edge):  # an age: "47"
            return doc[child.left_edge.i : child.right_edge.i + 1].text.strip(" ,")
    return None


__all__ = ["NameIndex", "describe", "find_subject", "is_source", "left_neighbour", "phrase_bounds"]
