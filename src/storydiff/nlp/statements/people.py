"""The people an article mentions: their full names, the roles it gives them, their pronouns.

``NameIndex`` reads a parsed article once and answers, for the speaker
functions: the full name behind "Peskov" or "Mr. Clinton", the person a
role noun ("the spokeswoman") or a pronoun ("she said") stands for. A
surname two people of the story share is two people: "Bill Clinton" and
"Hillary Rodham Clinton" keep their own names, and a bare "Clinton" is the
one the article introduced first ("Mr. Clinton": the first man of them).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from storydiff.models import Speaker
from storydiff.lexicon import PLATFORMS, SPEECH_LEMMAS, same_first_name
from storydiff.nlp.statements.columns import columns, sentence_start_char
from storydiff.nlp.statements.cues import BODIES, CUE_LEMMAS, PARTY_WORDS
from storydiff.nlp.statements.given_roles import role_nouns
from storydiff.nlp.statements.quotes import QuoteIndex
from storydiff.nlp.statements.names import (
    couple_surname,
    OFFICES,
    after_an_office,
    first_name_sex,
    first_named,
    listed_with_people,
    name_span,
    name_words,
    pronoun_sex,
    suffixed,
    surname,
    title_sex,
    untitled,
)
from storydiff.nlp.statements.positions import Paragraphs, doc_text, headline_end, name_in_headline
from storydiff.nlp.statements.states import state_of
from storydiff.nlp.statements.subjects import past_dateline
from storydiff.nlp.statements.unnamed import untagged_name

_T = TypeVar("_T")
_GENERIC = re.compile(r"\b(?:he|she)\s*(?:or|/)\s*(?:she|he)\b", re.IGNORECASE)  # "he or she", "he/she"
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_COMPASS = frozenset({"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
                      "southeastern", "southwestern", "north", "south", "east", "west"})
_SUBJECT_REACH = 400  # characters back a pronoun looks for a subject before the nearest name
_ROLE_AHEAD = 600  # characters ahead a role noun looks for the person it names, when none was named before
_ROLE_NEXT = 400  # ... and, this close ahead, even when the role was given before, but long ago:
_ROLE_STALE = 1500  # ... this many characters back
_FOLLOWED = 3  # mentions, and times as many as the last holder's, for the person the story follows to hold a role


# Labels the small model gives a bare surname it did not read as a person ("The 76-year-old Pelosi"
# tagged EVENT): still that person when the article names one in full by it.
_NAME_LIKE_LABELS = frozenset({"ORG", "GPE", "EVENT", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LOC"})


@dataclass(slots=True)
class _Person:
    start: int  # char offset of the mention
    name: str  # full name as first written in full
    gender: str | None  # "m", "f" or None
    subject: bool  # the mention is its clause's subject ("Ines Okafor runs the harbour"), not of what was said
    main: bool = False  # ... of its sentence's main clause, not of a clause inside it ("how Romney and Ryan met")
    sentence: int = -1  # char offset where its sentence starts
    said: bool = False  # inside what someone said ("He said *Trump* made a reasonable offer")


@dataclass(slots=True)
class _Mention:
    start: int
    words: list[str]
    gender: str | None  # from a title or a first name at this mention
    subject: bool
    counts: bool  # outside quotations: whom a later pronoun may stand for
    state: str | None = None  # the U.S. state the writer ties them to here: "Nancy Pelosi (D-Calif.)"
    main: bool = False
    sentence: int = -1
    said: bool = False


class NameIndex:
    """The people an article mentions, for full names and pronoun resolution.

    With ``quotes``, a name inside a quotation is the topic of someone's words,
    never whom a later "he said" stands for: in "“President Trump has no idea,”
    he said." he is the speaker named before, not Trump.
    """

    def __init__(self, doc: Doc, quotes: QuoteIndex | None = None) -> None:
        self._quotes = quotes
        self.speakers: dict[int, Speaker] = {}  # ``speakers.describe`` of each head token, computed once
        full: dict[str, str] = {}
        written: dict[str, str] = {}  # the longest full form outside quotations, by surname
        found: list[_Mention] = []
        others: list[tuple[Span, list[str]]] = []
        roles: list[tuple[int, str, str, bool]] = []  # (offset, role noun, the name as written, inside a quotation)
        text = doc_text(doc)
        for ent in doc.ents:
            shown = name_span(ent) if ent.label_ == "PERSON" else ent
            words = name_words(shown.text) if shown is not None else []
            if not words or ent.text in PLATFORMS:  # "In a Twitter post, ..., she said": Twitter is no one
                continue
            if ent.label_ != "PERSON" or any(c.lower_ in _COMPASS for c in ent.root.lefts):  # "northern Mali"
                if len(words) <= 4 and all(w[:1].isupper() for w in words):
                    others.append((ent, words))
                continue
            prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            words = name_in_headline(text, ent.start_char, couple_surname(ent, words))
            last = surname(words)
            quoted = self.quoted(ent.start_char)
            bare = untitled(words)  # "Representative K. Michael Conaway" is K. Michael Conaway
            if len(bare) > len(full.get(last, "").split()):
                full[last] = " ".join(bare)
            # The writer's own full form before one inside a quotation ("Ted Cruz", not "Lyin' Ted Cruz");
            # a writer who only says "Mr. Obama" leaves the quotation's "Barack Obama".
            if not quoted and first_named(words) and len(bare) > len(written.get(last, "").split()):
                written[last] = " ".join(bare)
            root = shown.root if shown is not None else ent.root  # "Plus Obama is nominating": Obama, not "Plus"
            found.append(_mention(root, ent.start_char, words, _gender(prev, words), speaking_subject(root),
                                  not quoted, state_of(ent, text)))
            roles.extend((ent.start_char, noun, " ".join(words), quoted) for noun in role_nouns(ent))
        for tok in _untagged(doc, ("PROPN",), "appos"):  # ... or leaves a name set beside a role untagged:
            # "One of its members, Demetrios Minor,"
            role = tok.head.pos_ in ("NOUN", "NUM") or (tok.head.pos_ == "PROPN" and not tok.head.ent_type_)
            apposed = untagged_name(tok) if role else None  # also "Minority Whip Steny Hoyer"
            if apposed is not None and len(apposed) <= 3 and not self.quoted(tok.idx):
                words = [t.text for t in apposed]
                full.setdefault(words[-1].lower(), apposed.text)
                found.append(_mention(tok, apposed.start_char, words, None, speaking_subject(tok), True))
        # The tagger sometimes labels a person's name ORG: the full form ("Ilse Marten"), or a later
        # bare surname ("DeMint" after "Sen. Jim DeMint"), still a mention of that person; not a place
        # or a body that ends in a surname-like word ("Joint Base Andrews", "Ferguson" the town).
        for ent, words in others:
            last = surname(words)
            # "Fire chief Nadia Okafor", "Reps. John Lewis and Emanuel Cleaver": a person the tagger called ORG
            if last not in full and (after_an_office(doc, ent, words) or listed_with_people(ent, words)):
                full[last] = " ".join(words)
                found.append(_mention(ent.root, ent.start_char, words, None, speaking_subject(ent.root), True))
                continue
            if last in full and len(untitled(words)) > len(full[last].split()):
                full[last] = " ".join(untitled(words))  # not "Spokeswoman Haley Morris", tagged a body
            bare_surname = ent.label_ in _NAME_LIKE_LABELS and len(words) == 1 and last in full
            if bare_surname and not self.quoted(ent.start_char):
                found.append(_mention(ent.root, ent.start_char, words, None, speaking_subject(ent.root), True))
        # ... or leaves a later bare surname untagged ("“...,” Schiff said of ..."): as the subject
        # of a cue verb, still that person, and whom a "he said" after it may stand for.
        for tok in _untagged(doc, ("PROPN", "NOUN")):
            if not tok.text[:1].isupper() or len(full.get(tok.text.lower(), "").split()) < 2:
                continue
            cue_subject = tok.pos_ == "PROPN" and speaking_subject(tok) and tok.head.lemma_ in CUE_LEMMAS
            if (cue_subject or _opens_the_sentence(tok)) and not self.quoted(tok.idx):
                found.append(_mention(tok, tok.idx, [tok.text], None, True, True))
        found.sort(key=lambda m: m.start)
        self._full, self._written = full, written
        # Everyone the writer names with a first name, by surname, in the order the article
        # introduces them: one entry per person (their longest form).
        self._named: dict[str, list[str]] = {}
        first_bare: dict[str, int] = {}  # where the writer first uses a surname alone ("Mr. Trump")
        headline = headline_end(text)
        junior_after: dict[str, set[int]] = {}  # a "Jr." introduced after that: the son, not the one meant
        bare_sex: dict[str, set[str]] = {}  # ... or a "Michelle Obama" after "Mr. Obama": his wife
        for m in found:
            if not m.counts:
                continue
            last, words = surname(m.words), untitled(m.words)
            if len(words) == 1:
                if m.start >= headline:  # "Jackson pleads guilty" over "Jesse Jackson Jr. pleaded": the one meant
                    first_bare.setdefault(last, m.start)
                bare_sex.setdefault(last, set()).update([m.gender] if m.gender else [])
                continue
            forms = self._named.setdefault(last, [])
            same = next((k for k, f in enumerate(forms) if _same_person(f.split(), words)), None)
            if same is None:
                forms.append(" ".join(words))
                sex = first_name_sex(forms[-1])
                if (suffixed(words) or (sex and bare_sex.get(last, {sex}) - {sex})) and last in first_bare:
                    junior_after.setdefault(last, set()).add(len(forms) - 1)
            elif len(words) > len(forms[same].split()):
                forms[same] = " ".join(words)
        self._late = {last: {forms[k] for k in junior_after.get(last, ())} for last, forms in self._named.items()}
        named = [(m, self._person(m.words, m.gender)) for m in found]
        genders: dict[str, set[str]] = {}  # a person given both a man's and a woman's name or title has none
        for m, name in named:  # ... and one named by a first name alone ("Melanie") has its sex
            sex = m.gender or (first_name_sex(name) if " " not in name and len(full.get(name.lower(), "").split()) < 2
                               else None)
            if sex is not None:
                genders.setdefault(name, set()).add(sex)
        gender = {name: seen.pop() for name, seen in genders.items() if len(seen) == 1}
        self._gender = gender
        self._states: dict[str, set[str]] = {}
        for m, name in named:
            if m.state is not None:
                self._states.setdefault(name, set()).add(m.state)
        self._people = [_Person(m.start, name, gender.get(name), m.subject, m.main, m.sentence, m.said)
                        for m, name in named if m.counts]
        self._starts = [p.start for p in self._people]
        sentences = list(doc.sents) if doc.has_annotation("SENT_START") else []
        self._sentences = [sent.start_char for sent in sentences]
        self._clauses = {sent.start_char for sent in sentences if sent.root.pos_ in ("VERB", "AUX")}  # not "Ann Lee?"
        self._paragraphs = Paragraphs(text)
        self._pronoun_at = {t.idx: t.lower_ for t in _untagged(doc, ("PRON",), "nsubj") if t.lower_ in ("he", "she")}
        self._pronouns = sorted(self._pronoun_at)
        self._carried: dict[int, str | None] = {}  # whom each "he"/"she" stood for, as ``_carried_on`` reads it
        self._roles = roles

    def _person(self, words: list[str], gender: str | None = None) -> str:
        """The person a mention names: the longest form with its first name; for a bare surname
        that two people of the story share, the one the article introduced first ("Jesse Jackson
        Jr." before his wife Sandra), or with a title ("Mrs. Clinton") the first not of the other sex."""
        last, words = surname(words), untitled(words)
        forms = self._named.get(last, [])
        if len(words) > 1:
            same = [f for f in forms if _same_person(f.split(), words)]
            return same[0] if same else " ".join(words)
        late = self._late.get(last, set())
        if late:  # "Mr. Trump" all along, then "Donald Trump Jr.": the bare surname is not the son
            forms = [f for f in forms if f not in late]
            if len(forms) < 2:
                return forms[0] if forms else " ".join(words)
        full = self._written.get(last, self._full.get(last))
        if len(forms) < 2 and (full is None or gender is None or first_name_sex(full) in (None, gender)):
            return full or " ".join(words)
        fitting = [f for f in forms if gender is None or first_name_sex(f) in (None, gender)]
        # "Mr. Trump" where only Melania Trump is named in full: someone the article does not name in full
        return fitting[0] if fitting else " ".join(words)

    def by_role(self, noun: str, pos: int, state: str | None = None, party: str | None = None) -> str | None:
        """The person the article last gave this role before ``pos`` ("the spokeswoman" →
        "Sarah Sanders", named earlier as "spokeswoman Sarah Sanders"), else the first given it a few
        sentences after (``_ROLE_AHEAD``). A title
        inside a quotation counts only when the writer gave the role to no one: "President Reagan" in
        someone's words does not make Reagan "the former Mexican president" of the next paragraph.
        With a ``state`` ("the Texas lawmaker"), never someone the article ties to another state; with a
        ``party`` ("the Democratic nominee": "D"), never someone it calls a member of another party."""
        found = [(start, name, quoted) for start, role, name, quoted in self._roles if role == noun]
        found = [f for f in found if not f[2]] or found
        if party is not None:
            found = [f for f in found if not self._parties(self._person(f[1].split())) - {party}]
        if state is not None:
            found = self._of_state(found, lambda f: self._person(f[1].split()), state)
        before = [name for start, name, _ in found if start < pos]
        # after it only close by ("The spokeswoman said ... Sarah Sanders, the spokeswoman, added"):
        # "The Pentagon chief" is not the "deputy chief of staff" of ten paragraphs on
        after = [name for start, name, _ in found if pos <= start < pos + _ROLE_AHEAD]
        last = max((start for start, _, _ in found if start < pos), default=None)
        near = [name for start, name, _ in found if pos <= start < pos + _ROLE_NEXT]
        if near and last is not None and pos - last > _ROLE_STALE:
            before = []  # "the president's budget director" named the next sentence, not the other director pages up
        if len({self._person(b.split()) for b in before}) > 1:
            before = [self._followed(before, pos)]
        name = before[-1] if before else after[0] if after else None
        return self._person(name.split()) if name is not None else None  # "his wife, Sandra Jackson": Sandra

    def _parties(self, name: str) -> set[str]:
        return {PARTY_WORDS[r] for _, r, n, _ in self._roles if r in PARTY_WORDS and self._person(n.split()) == name}

    def _followed(self, holders: list[str], pos: int) -> str:
        """Of several people given one role before ``pos``, the last given it, unless the story follows
        another, named ``_FOLLOWED`` times as often (and as many times): "the Fox News host" is Glenn Beck,
        named a dozen times, not "radio host Rush Limbaugh", named once in passing."""
        mentions = Counter(p.name for p in self._people[: bisect_left(self._starts, pos)])
        last = mentions[self._person(holders[-1].split())]
        top = max(reversed(holders), key=lambda h: mentions[self._person(h.split())])
        count = mentions[self._person(top.split())]
        return top if count >= _FOLLOWED and count >= _FOLLOWED * max(last, 1) else holders[-1]

    def sole_role(self, noun: str) -> str | None:
        """The one person the article gives this role, if it gives it to exactly one."""
        people = {self._person(name.split()) for _, role, name, _ in self._roles if role == noun}
        return people.pop() if len(people) == 1 else None

    def quoted(self, pos: int) -> bool:
        """Whether the character at ``pos`` is inside a quotation."""
        return self._quotes is not None and self._quotes.containing(pos, pos + 1) is not None

    def full_name(self, text: str) -> str | None:
        """The fullest form of a name the article uses ("Peskov" → "Dmitry Peskov"); "Bill Clinton"
        stays Bill Clinton beside Hillary Rodham Clinton."""
        words = name_words(text)
        if not words:
            return None
        gender = title_sex(words[0])
        core = words[1:] if gender is not None and len(words) > 1 else words  # "Mrs. Clinton": that Clinton
        if surname(core) not in self._full:  # no person the article names ("the Justice Department"): as
            bare = untitled(core)  # written, titles aside where a name is left ("RNC Chair Reince Priebus")
            person = len(bare) > 1 and all(w[:1].isupper() for w in bare) and surname(bare) not in OFFICES | BODIES
            return " ".join(bare if person else words)  # not the "Ethics Committee" of the House's
        return self._person(core, gender)

    def known_name(self, word: str) -> str | None:
        """The full name of a person the article mentions by this last name, if any."""
        if word.lower() not in self._full:
            return None
        return self._person([word])

    def can_be(self, name: str, pronoun: str) -> bool:
        """Whether ``pronoun`` can stand for the person of this full name ("she" is not Peter Lindqvist)."""
        want = pronoun_sex(pronoun)
        return want is None or self._gender.get(name) in (None, want)

    def nearest_before(self, pos: int, pronoun: str, state: str | None = None) -> str | None:
        """The nearest person mentioned before ``pos`` whom ``pronoun`` can stand for.

        A person who was a clause's subject within the last few sentences comes first:
        in "Ines Okafor runs the harbour at Selby. “...,” she said." she is Okafor. With a
        ``state`` ("the California Democrat"), the people the article ties to that state come
        first, and someone it ties to another state ("Rep. Tim Ryan (Ohio)") never fits.
        """
        if _GENERIC.search(self._paragraphs.text[max(0, pos - 8) : pos + 12]):
            return None  # "if he or she believes": whoever holds the office, no one named
        fits = self._fits(pos, pronoun)
        if state is not None:
            fits = self._of_state(fits, lambda p: p.name, state)
        if not fits:
            return None
        # the nearest person not inside what someone else said ("He said *Trump* made ... “...,” he said")
        here = self._sentence(pos)
        nearest = next((p for p in reversed(fits) if not p.said or p.sentence == here), fits[-1])
        for n in range(len(fits) - 1, -1, -1):
            person = fits[n]
            if person.said and person.sentence != here and not person.subject:
                continue
            # Past the reach, only when a long quotation ("“...,” he said") is what stands between, and
            # only the subject of the sentence that names the nearest person: "Rubio accused Obama of ...
            # “...,” he said" is Rubio.
            if pos - person.start > _SUBJECT_REACH and (person.sentence != nearest.sentence or pos - person.start
                                                        - self._quoted_between(person.start, pos) > _SUBJECT_REACH):
                return self._carried_on(pos, pronoun, state) or fits[-1].name
            if person.subject:
                # "Ryan offered insight on how Romney and Ryan came to bond. He recalled ...": the main
                # clause's subject of that sentence before a subject of a clause inside it
                main = next((p for p in reversed(fits[:n]) if p.sentence == person.sentence and p.subject
                             and p.main), None) if not person.main else None
                return self._named_in_the_paragraph(nearest, person if main is None else main, pos)
        return fits[-1].name

    def _carried_on(self, pos: int, pronoun: str, state: str | None) -> str | None:
        """Whom the last "he" or "she" before ``pos`` within reach stood for, when no named subject is near: a
        long speech reported "he said" after "he said" goes on being the speaker's, not that of a name he
        mentioned ("Saying President Obama, he said, was “too simple an answer.”")."""
        if pronoun not in ("he", "she"):
            return None
        k = bisect_left(self._pronouns, pos) - 1
        while k >= 0 and self.quoted(self._pronouns[k]):
            k -= 1  # "“He is a faker,” she said": someone she spoke of
        if k < 0 or pos - self._pronouns[k] > _SUBJECT_REACH:
            return None
        before = self._pronouns[k]
        if before not in self._carried:
            self._carried[before] = self.nearest_before(before, self._pronoun_at[before], state)
        return self._carried[before] if self._pronoun_at[before] == pronoun else None

    def _named_in_the_paragraph(self, nearest: _Person, subject: _Person, pos: int) -> str:
        """The subject found, unless it lies in an earlier paragraph and the pronoun's own paragraph named
        someone else in an earlier sentence, with no "he" or "she" between to carry the subject on: in
        "That did not satisfy Justice Scalia. “...,” he said" he is Scalia, whoever spoke the paragraph before."""
        start = self._paragraphs(pos)[0]
        if nearest is subject or subject.start >= start or not start <= nearest.sentence < self._sentence(pos):
            return subject.name
        if nearest.sentence not in self._clauses:
            return subject.name  # "Governor Christie? “Strong,” he said.": a name asked about, not a speaker
        k = bisect_left(self._pronouns, start)
        carried = k < len(self._pronouns) and self._pronouns[k] < pos  # "He pointed to Lee's vote. “...,” he said"
        return subject.name if carried else nearest.name

    def _sentence(self, pos: int) -> int:
        return self._sentences[bisect_right(self._sentences, pos) - 1] if self._sentences else 0

    def _quoted_between(self, start: int, end: int) -> int:
        quotes = self._quotes
        if quotes is None:
            return 0
        return sum(min(quotes.ends[i], end) - max(quotes.starts[i], start) for i in quotes.overlapping(start, end))

    def nearest_other(self, pos: int, pronoun: str, other_than: str | None, reach: int) -> str | None:
        """The nearest person named in the ``reach`` characters before ``pos`` whom ``pronoun`` can stand
        for, other than ``other_than``."""
        return next((p.name for p in reversed(self._fits(pos, pronoun)) if p.name != other_than
                     and p.start >= pos - reach), None)

    def _of_state(self, items: list[_T], name: Callable[[_T], str], state: str) -> list[_T]:
        """The items whose person the article ties to ``state``; if none, those it ties to no state."""
        tied = [item for item in items if state in self._states.get(name(item), ())]
        return tied or [item for item in items if not self._states.get(name(item))]

    def _fits(self, pos: int, pronoun: str) -> list[_Person]:
        want = pronoun_sex(pronoun)
        return [p for p in self._people[: bisect_left(self._starts, pos)] if want is None or p.gender in (None, want)]


def _mention(root: Token, start: int, words: list[str], gender: str | None, subject: bool, counts: bool,
             state: str | None = None) -> _Mention:
    """A mention headed by ``root``, with its clause and sentence (which the main-clause rule reads)."""
    return _Mention(start, words, gender, subject, counts, state, _in_main_clause(root), sentence_start_char(root),
                    _deep_in_what_was_said(root, root.i))


def _same_person(one: list[str], other: list[str]) -> bool:
    """Whether two full forms of one surname name one person: the same first name or a short form
    of it ("Jim" / "James Mattis"), or one form inside the other ("Adam Schiff" / "Adam B. Schiff")."""
    shorter, longer = sorted((one, other), key=len)
    return same_first_name(one[0], other[0]) or set(shorter) <= set(longer)


def _gender(prev: str, words: list[str]) -> str | None:
    """A mention's gender, from the title before it ("Mrs.") or its first name."""
    return title_sex(prev) or (first_name_sex(" ".join(words)) if len(words) > 1 else None)


# A person's own channels: what "Trump's account" or "her campaign" says, the person says.
_CHANNELS = frozenset({"account", "feed", "handle", "page", "campaign"})


def speaking_subject(root: Token) -> bool:
    """Whether a name (its head token) is a clause's subject, and so whom a later "he said" may stand
    for; not the subject of what someone said ("said *Steele* must apologize") nor of an infinitive
    ("calling for *Steele* to step down"), nor of a "that" clause a noun holds ("disbelief that *X*
    would"): those are what the sentence is about, not who speaks in it."""
    if root.dep_ == "poss" and root.head.lemma_.lower() in _CHANNELS:
        root = root.head  # "Trump's account tweeted ...": his own words, and whom a later "he" stands for
    head = root.head
    if root.dep_ == "appos" and head.dep_ == "appos" and head.pos_ == "NOUN":
        head = head.head  # "The other man, his cousin James York, 40, cited ...": through the description
    named = root.dep_ == "appos" and head.dep_ in SUBJECTS
    titled = head.pos_ == "PROPN" and not head.ent_type_  # "Former Speaker of the House Newt Gingrich"
    if named and (head.pos_ == "NOUN" or titled or getattr(past_dateline(head), "i", -1) == root.i):
        root = head  # "the first lady, Melania Trump, questioned ...", "WASHINGTON -- Rep. Ann Lee pleaded"
    if root.dep_ not in SUBJECTS:
        return False
    verb = root.head
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH_LEMMAS and verb.head.i < root.i:
        return False  # after its verb of speech: "... said *Steele* must"; before it, "X blasted Y, she said"
    if _deep_in_what_was_said(verb, root.i):
        return False  # "adding that he wants to know what *Clinton* was empowered to say"
    if verb.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
        return False  # "expressed disbelief that *Peña Nieto* would invite him": what the noun holds
    return not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _in_main_clause(root: Token) -> bool:
    """Whether a subject's verb is its sentence's main verb, or one joined to it by "and"."""
    verb = (root.head if root.dep_ == "appos" else root).head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _opens_the_sentence(tok: Token) -> bool:
    """Whether a name is the first word and the subject of its sentence's main verb: "Trump spent most of
    his speech on Friday rehashing ...", which a "he said" after it stands for."""
    first = next((t for t in tok.sent if not t.is_space), None)
    head = tok.head
    while head.is_punct and head.head.i != head.i:  # "Stone ― who ran Nixon's campaign ― took": a dash as a word
        head = head.head
    return first is not None and first.i == tok.i and tok.dep_ == "nsubj" and head.dep_ == "ROOT"


def _untagged(doc: Doc, tags: tuple[str, ...], dep: str | None = None) -> Iterator[Token]:
    """The words of these parts of speech (and relation) outside every entity, found in one array read:
    a ``Token`` made for each word of a long article costs more than the rest of the name index."""
    import numpy as np
    from spacy.attrs import DEP, ENT_TYPE, POS

    if not len(doc):
        return
    strings = doc.vocab.strings
    columns = doc.to_array([POS, DEP, ENT_TYPE])
    keep = np.isin(columns[:, 0], np.array([strings[t] for t in tags], dtype=columns.dtype)) & (columns[:, 2] == 0)
    if dep is not None:
        keep &= columns[:, 1] == np.array(strings[dep], dtype=columns.dtype)
    for i in np.flatnonzero(keep).tolist():
        yield doc[i]


def _deep_in_what_was_said(verb: Token, before: int) -> bool:
    """Whether a clause hangs, through a clause complement further up, under a verb of speech before it."""
    words = columns(verb.doc)
    head, dep, lemma = words.head, words.dep, words.lemma
    i, through = verb.i, False
    for _ in range(6):
        if head[i] == i:
            return False
        through = through or dep[i] == "ccomp"
        i = head[i]
        if through and i < before and lemma[i] in SPEECH_LEMMAS:
            return True
    return False


__all__ = ["SUBJECTS", "NameIndex", "speaking_subject"]
