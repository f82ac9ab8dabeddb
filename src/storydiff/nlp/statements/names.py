"""The words of a person's name: titles and offices before it, suffixes after it, the surname, the
sex a courtesy title, a pronoun or a first name tells, and the words a tagger runs into a name. Plain
functions over lists of words (and, for the last, a tagged span), read by ``people`` (the people an
article names) and the analysis's person records."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from storydiff.lexicon import FIRST_NAMES
from storydiff.nlp.entities import NAME_SUFFIXES, SENTENCE_ADVERBS, TITLE_WORDS, courtesy_sex
from storydiff.nlp.entities import first_name_sex as first_name_sex  # one rule for the sex of a first name
from storydiff.nlp.statements.cues import BODIES, FEMALE_PRONOUNS, MALE_PRONOUNS

# Titles of nobility that tell a sex, beside the courtesy titles (``entities.courtesy_sex``).
_TITLES_MALE = frozenset({"sir", "lord", "king"})
_TITLES_FEMALE = frozenset({"lady", "queen", "dame"})
OFFICES = TITLE_WORDS | frozenset(str.split(
    "mr mrs ms miss dr rep sen gov pres president senator governor former father sister msgr imam judge justice "
    "gen general mayor minister secretary vice chief first lady historian economist professor analyst pollster "
    "strategist"
))


def first_named(words: list[str]) -> bool:
    """Whether a name's words hold more than a surname and titles: "Ted Cruz", not "Mr. Obama"."""
    return len(untitled([w for w in words if title_sex(w) is None])) > 1


def untitled(words: list[str]) -> list[str]:
    """A name's words without the titles and offices before it ("Former Rep. Jesse Jackson Jr.",
    "Father Reese"): what is left names the person, by first name or by surname alone."""
    k = 0
    while k < len(words) - 1 and (words[k].lower().rstrip(".") in OFFICES or _body_before_office(words, k)):
        k += 1
    return words[k:]


def _body_before_office(words: list[str], k: int) -> bool:
    """An abbreviated body before an office: the "RNC" of "RNC Chair Reince Priebus"."""
    return words[k].isupper() and len(words[k]) <= 5 and words[k + 1].lower().rstrip(".") in OFFICES


def title_sex(word: str) -> str | None:
    """The sex a courtesy title gives: "Mr." -> "m", "Mrs." -> "f", else None."""
    word = word.lower()
    return courtesy_sex(word) or ("m" if word in _TITLES_MALE else "f" if word in _TITLES_FEMALE else None)


def pronoun_sex(pronoun: str) -> str | None:
    """The sex a pronoun asks for: "he" -> "m", "she" -> "f", else None."""
    pronoun = pronoun.lower()
    return "m" if pronoun in MALE_PRONOUNS else "f" if pronoun in FEMALE_PRONOUNS else None


def suffixed(words: list[str]) -> bool:
    return words[-1].lower().rstrip(",") in NAME_SUFFIXES


def surname(words: list[str]) -> str:
    """The surname of a name's words, lower case: "Jesse Jackson Jr." is a Jackson."""
    return unsuffixed(words)[-1].lower().rstrip(",")


def unsuffixed(words: list[str]) -> list[str]:
    """A name's words without "Jr.", "III" and the like (all of them if that leaves none)."""
    return [w for w in words if w.lower().rstrip(",") not in NAME_SUFFIXES] or words


def name_words(text: str) -> list[str]:
    """The words of a name as printed, the possessive and a sentence's opening word dropped, and whatever
    owns it: "Commentary's Noah Rothman" is Noah Rothman."""
    words = text.split()
    owner = max((k for k, w in enumerate(words[:-1]) if w.endswith(("\u2019s", "'s"))), default=-1)
    words = " ".join(words[owner + 1 :]).replace("\u2019s", "").replace("'s", "").split()
    while words and words[-1] in {"'", "\u2019", "s"}:
        words.pop()
    return words[1:] if len(words) > 1 and words[0].lower() in SENTENCE_ADVERBS else words


_PAGEANTS = frozenset({"Universe", "America", "USA", "World"})

# Parts of speech that open a tagged person without being part of the name: "Top Clinton adviser",
# "Beneath Clinton's wins", "Billionaire Donald Trump", "Telling Jeb Bush".
_NOT_NAME_POS = frozenset({"ADJ", "ADP", "ADV", "NOUN", "VERB", "DET", "CCONJ", "SCONJ"})


def name_span(ent: Span) -> Span | None:
    """A tagged person without the leading words that are no part of the name (a first name the lexicon
    knows is kept whatever the tagger called it: "Bill", "Mark", "Frank"), and without a pageant after
    "Miss"; none when that pageant is all there is, or when a sentence opens on a plural common noun
    that the tagger called a person ("Aides said ...")."""
    k = ent.start
    if k > 0 and ent.doc[k - 1].lower_ == "miss" and ent.doc[k].text in _PAGEANTS:
        if ent.end - k == 1:
            return None  # "a former Miss Universe": a title, no one's name
        k += 1  # "former Miss Universe Alicia Machado"
    while k < ent.end - 1 and ent.doc[k].pos_ in _NOT_NAME_POS and ent.doc[k].lower_ not in FIRST_NAMES:
        k += 1
    if any(t.pos_ == "PROPN" for t in ent.doc[k : ent.end]):
        return ent.doc[k : ent.end]
    # a plural ("Trump" read as a noun is still Trump) the article never gives a first name ("Sanders", read
    # as the plural of "sander", after "Bernie Sanders")
    if not all(t.tag_ == "NNS" for t in ent) or not ent.doc[ent.start].is_sent_start:
        return ent
    surnames = {e[-1].text for e in ent.doc.ents if e.label_ == "PERSON" and len(e) > 1}
    return ent if ent[-1].text in surnames else None


def couple_surname(ent: Span, words: list[str]) -> list[str]:
    """A first name alone before "and" and a full name shares its surname: "Hillary and Bill Clinton
    earned ..." names Hillary Clinton first."""
    doc = ent.doc
    if len(words) != 1 or first_name_sex(words[0]) is None or ent.end + 1 >= len(doc):
        return words
    if doc[ent.end].lower_ not in ("and", "&"):
        return words
    partner = next((e for e in doc.ents if e.start == ent.end + 1 and e.label_ == "PERSON"), None)
    partner_words = name_words(partner.text) if partner is not None else []
    kept = unsuffixed(partner_words)
    return [words[0], kept[-1].rstrip(",")] if len(kept) >= 2 else words


def after_an_office(doc: Doc, ent: Span, words: list[str]) -> bool:
    """Whether a name the tagger called a body is a person's: two or three capitalised words, no body's
    word among them, right after a person's office ("Fire chief Nadia Okafor", "Police chief Ines Varga")."""
    before = doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
    return ent.label_ == "ORG" and 2 <= len(words) <= 3 and before in OFFICES - _NOT_PERSONAL and all(
        w[:1].isupper() and w[1:].islower() for w in words) and not {w.lower() for w in words} & (BODIES | OFFICES)


def listed_with_people(ent: Span, words: list[str]) -> bool:
    """Whether a name the tagger called a body is listed with people it tagged as such: "U.S. Reps. John
    Lewis, Andre Carson and Emanuel Cleaver" (the last tagged ORG); two or three capitalised words."""
    return ent.label_ == "ORG" and 2 <= len(words) <= 3 and ent.root.dep_ == "conj" and \
        ent.root.head.ent_type_ == "PERSON" and all(w[:1].isupper() and w[1:].islower() for w in words) and \
        not {w.lower() for w in words} & (BODIES | OFFICES)


_NOT_PERSONAL = frozenset(str.split("house senate state department gop democratic republican majority minority press"))
