"""Speakers: who a cue verb attributes its content to, named as in the article.

Given the token that heads the speaker phrase, this module draws the
speaker's span, finds the person's full name as the article first wrote it
("Peskov" → "Dmitry Peskov"), resolves pronouns to the nearest compatible
person, and pulls out role and affiliation ("Kremlin aide") and whether the
source is anonymous ("one diplomat", "people familiar with the matter").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from storydiff.nlp.statements.columns import columns, sentence_start
from storydiff.nlp.statements.states import role_state
from storydiff.models import Speaker
from storydiff.nlp.entities import HONORIFICS, TITLE_WORDS
from storydiff.nlp.statements.positions import whole_words
from storydiff.nlp.statements.relatives import antecedent
from storydiff.nlp.statements.unnamed import DETERMINERS, description, is_anonymous, name_before_comma
from storydiff.nlp.statements.unnamed import apposed, name_apposed_to_a_name, named_in_description, untagged_name
from storydiff.nlp.statements.subjects import dateline_dash, misread_addressee, name_run_into_objects
from storydiff.nlp.statements.subjects import behind_dateline, faulted_for, in_dashes, run_on_clause, summoned
from storydiff.nlp.statements.names import OFFICES, name_span
from storydiff.nlp.statements.people import SUBJECTS, NameIndex, speaking_subject
from storydiff.nlp.statements.cues import (
    ADDRESSED_LEMMAS,
    ANONYMOUS_NOUNS,
    AUTHORING_VERBS,
    CIRCUMSTANCES,
    DOCUMENT_NOUNS,
    FRONTED_CUES,
    NOT_SOURCE_NOUNS,
    OFFICE_HEADS,
    PARTY_WORDS,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    WILLING_ADJECTIVES,
)

# Dependents that end a speaker phrase: "Tillerson, who ..." keeps "Tillerson".
_PHRASE_CUTS = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj"})
_CLAUSES = frozenset({"ccomp", "csubj", "parataxis", "nsubj", "aux"})
_COURTESY = frozenset({"mr", "mr.", "ms", "ms.", "mrs", "mrs.", "miss", "mx", "mx."})


def _document_saying(cue: Token) -> bool:
    """A participle on a document noun that is no one's vehicle: "the article alleging", not "issued a
    statement saying" (the issuer's words) nor "denied the story": there the story is the object."""
    noun = cue.head
    if cue.dep_ != "acl" or cue.tag_ != "VBG" or noun.lemma_.lower() not in DOCUMENT_NOUNS:
        return False
    return not (noun.dep_ == "dobj" and noun.head.lemma_.lower() in AUTHORING_VERBS)


_CLIMB = frozenset({"advcl", "xcomp", "conj", "pcomp", "prep", "pobj", "ccomp", "acl", "acomp"})


_NOMINAL = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "attr", "appos"})


def in_circumstance(noun: Token) -> bool:
    """Whether a noun cue is the object of "amid", "despite" and the like: the circumstance of a clause
    ("stepped aside amid questions about his travel"), not its subject's act."""
    return noun.dep_ == "pobj" and noun.head.lower_ in CIRCUMSTANCES


def find_subject(cue: Token, floor: int = 0) -> Token | None:
    """The subject of a cue verb, climbing to the verb it hangs off when it has none.

    ``floor`` is the character offset where the cue's own clause can begin (the
    end of a quotation before it), for when the parse gives no subject.
    """
    if cue.dep_ == "conj" and cue.tag_ == "VBN" and any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.head.children):
        return None  # "he had been stopped and accused of speeding": accused, by no one named
    if _document_saying(cue):
        return cue.head  # "Cruz said about the Enquirer article alleging that ...": the article alleges
    addressee = misread_addressee(cue)
    if addressee is not None:
        return find_subject(addressee, floor)
    if (cue.lemma_ in ADDRESSED_LEMMAS or summoned(cue)) and any(c.dep_ == "auxpass" for c in cue.children):
        return None  # "Bachmann was asked about the cover": she was asked; who asked is not named
    if cue.pos_ == "NOUN" or cue.dep_ in _NOMINAL:  # "Mr. Trump's promises", tagged a verb or not
        owner = next((c for c in cue.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")), None)
        if owner is not None:
            return owner  # "Despite Mr. Trump's promises that ..., Mr. Fox vowed": Trump promised
        if in_circumstance(cue):
            return None  # "amid questions about his travel": not the clause subject's questions
    nearer = _nearer_conjunct_head(cue)
    if nearer is not None:
        return find_subject(nearer, floor)
    if (run_into := name_run_into_objects(cue)) is not None:
        return run_into  # "... for class certification and Justice Ruth Bader Ginsburg said"
    if (faulted := faulted_for(cue)) is not None:
        return faulted  # "criticized Dahl for saying ...": Dahl said it
    tok = cue
    came_from_acl = False
    adverbial = False  # reached from an adverbial participle ("after saying ...") through prepositions only
    shared = cue.head.i if cue.dep_ == "conj" and cue.tag_ in ("VBD", "VBZ", "VBP") else -1
    words = columns(cue.doc)
    for _ in range(5):
        if tok.i == cue.i or tok.dep_ != "ccomp" or run_on_clause(tok):  # a ccomp's subject: someone else's content
            subjects = [
                cue.doc[k]
                for k in words.children(tok.i)
                # Passive subjects speak only for the cue itself ("was quoted as saying") and for
                # a finite verb coordinated with it ("was forced into it and said that ...").
                if words.dep[k] == "nsubj" or (tok.i in (cue.i, shared) and words.dep[k] in SUBJECTS)
                # "After saying her foot was swollen, she was rushed to hospital": she said it
                or (adverbial and words.dep[k] == "nsubjpass")
            ]
            if subjects:
                if len(subjects) > 1 and subjects[0].ent_type_ != "PERSON" and dateline_dash(subjects[0]) is None:
                    # "THE BORROWING Back when he wrote, Mr. McKinley said": a subhead run in
                    subjects.sort(key=lambda t: (t.ent_type_ != "PERSON", in_dashes(t)))  # "-- an accusation --"
                return behind_dateline(subjects, cue)  # "Washington (AFP) – Clinton said": Clinton
        # "issued a statement saying ...": from the participle through the noun to the verb
        via_noun = tok.dep_ == "dobj" and tok.i != cue.i and came_from_acl
        aside = tok.dep_ == "advmod" and tok.lower_ in ("aside", "apart") and adverbial  # "aside from saying"
        if not via_noun and not aside and tok.dep_ not in _CLIMB:
            break
        if tok.dep_ == "acomp" and tok.lemma_.lower() not in WILLING_ADJECTIVES:
            break  # "It is worth noting": "It" is no speaker
        came_from_acl = tok.dep_ == "acl"
        via_preposition = tok.dep_ in ("pcomp", "prep")
        adverbial = via_preposition and (adverbial if tok.i != cue.i else cue.tag_ == "VBG")
        tok = tok.head
    return left_neighbour(cue, floor)


def _nearer_conjunct_head(cue: Token) -> Token | None:
    """The verb a conjunct cue goes with when the parser hung it on a farther one of another form.

    "Etheridge is seen grabbing the man after the man approached the congressman and asked if ...": the
    parser made "asked" a conjunct of "seen"; "approached", right before the "and", in the same form
    and with a subject of its own, is the verb it goes with, so the man asked.
    """
    if cue.dep_ != "conj" or cue.tag_ not in ("VBD", "VBZ") or cue.head.tag_ == cue.tag_:
        return None
    if any(c.dep_ in SUBJECTS for c in cue.children) or cue.i < 2 or cue.doc[cue.i - 1].dep_ != "cc":
        return None
    tok = cue.doc[cue.i - 2]
    while tok.head.i != tok.i and tok.i > cue.head.i and not (tok.pos_ == "VERB" and tok.tag_ == cue.tag_):
        tok = tok.head
    if tok.i <= cue.head.i or tok.tag_ != cue.tag_ or not any(c.dep_ == "nsubj" for c in tok.children):
        return None
    return tok


# "“Yes,” Ana Ruiz, a founder of the group, tells the paper": the parser lost the
# subject, but the noun phrase right before the cue is a person.
def left_neighbour(cue: Token, floor: int) -> Token | None:
    i = cue.i - 1
    doc = cue.doc
    start = sentence_start(cue)
    while i >= start and (doc[i].is_punct or doc[i].pos_ == "ADV"):
        i -= 1
    if i < start or doc[i].idx < floor:
        return None
    tok = doc[i]
    # Climb to the head of the phrase, staying between the floor and the cue.
    while tok.ent_type_ != "PERSON" and tok.head.i != tok.i and floor <= tok.head.idx < cue.idx:
        tok = tok.head
    aged = tok.pos_ == "PROPN" and any(c.dep_ == "appos" and c.like_num for c in tok.rights)  # "Ramos, 58,"
    if tok.ent_type_ == "PERSON" or aged or tok.lemma_.lower() in ANONYMOUS_NOUNS:
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
        if _inner_hyphen(child):
            continue  # "The GOP front-runner": the hyphen of a word, not a break in the phrase
        if child.dep_ in _PHRASE_CUTS or child.dep_ in {"prep", "advcl"}:
            break
        start = child.left_edge.i
        # "“We will reopen it,” harbour master Ola Dahl": a misparse hangs the quotation on "harbour"
        start = max([start] + [inner.right_edge.i + 1 for inner in child.lefts if inner.dep_ in _CLAUSES])
    for child in head.rights:
        if child.dep_ in _PHRASE_CUTS:
            break
        end = child.right_edge.i + 1
    doc = head.doc
    for i in range(head.i + 1, end - 1):  # "A nurse at the clinic, who asked not to be named"; an aside
        # in dashes: "One of the highest-profile Republicans in the House – where reform will live or die –"
        if (doc[i].text == "," and doc[i + 1].tag_ in ("WP", "WDT")) or doc[i].text in ("—", "–", "--"):
            end = i
            break
    while end - 1 > head.i and doc[end - 1].is_punct:
        end -= 1
    dashes = [i for i in range(start, head.i) if doc[i].text in ("—", "–", "--")]
    start = dashes[-1] + 1 if dashes else start  # "FLINT, Mich., Oct. 4 (UPI) — Former President Bill Clinton"
    while start < head.i and doc[start].is_punct:
        start += 1
    return whole_words(doc, start, end)


def _inner_hyphen(tok: Token) -> bool:
    """A hyphen with no space on either side: part of a word ("front-runner"), not a dash."""
    return tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


def _author(document: Token, names: NameIndex) -> str | None:
    """The named person a document or statement comes from: "the statement from his lawyer, Ann Lee" (not
    a place: "as they report from Atlanta")."""
    if document.lemma_ not in DOCUMENT_NOUNS and document.lemma_ != "statement":
        return None
    source = next((c for c in document.children if c.dep_ == "prep" and c.lower_ == "from"), None)
    sender = next((c for c in source.children if c.dep_ == "pobj"), None) if source is not None else None
    found = describe(sender, names) if sender is not None and sender.ent_type_ in ("", "PERSON", "ORG") else None
    return found.name if found is not None and found.name and not found.anonymous else None


# What a person posts through speaks for them: "Trump's account tweeted", "her Twitter feed said".
_ACCOUNTS = frozenset({"account", "feed", "handle"})


def describe(head: Token, names: NameIndex) -> Speaker:
    """The Speaker record for the phrase headed by ``head`` (the rules and the templates share it)."""
    known = names.speakers.get(head.i)
    if known is None:
        known = names.speakers[head.i] = _described(head, names)
    return known


def _described(head: Token, names: NameIndex) -> Speaker:
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
    person = _person_in(span, head)
    if person is not None:
        person = name_span(doc[slice(*whole_words(doc, person.start, person.end))])  # "Campa" of "Mr. Campa-Najjar"
    if person is not None and len(person) == 1 and any(c.dep_ == "det" for c in person.root.children) \
            and _named_in_apposition(person.root, names) is not None:
        person = None  # "Another leading Dem, Sen. Kirsten Gillibrand,": a role the tagger called a person
    if person is not None and person.end <= head.i and head.pos_ == "PROPN" and not head.ent_type_ and all(
        doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() for k in range(person.end, head.i + 1)
    ):
        person = doc[person.start : head.i + 1]  # "Sally Yates" where the tagger took "Sally" alone
    office = False
    owner = next((c for c in head.children if c.dep_ == "poss"), None) if head.lemma_ in _ACCOUNTS else None
    if owner is not None and owner.pos_ == "PROPN":  # "Trump's account tweeted": Trump, whatever the tagger says
        return Speaker(span.text, span.start_char, span.end_char, describe(owner, names).name)
    author = _author(head, names)
    if author is not None:  # "said the statement from Grimm's attorney, William McGinley": McGinley's words
        return Speaker(span.text, span.start_char, span.end_char, author)
    if person is not None and _inside_modifier(head, person):
        office = _named_after_its_office(span, person)
        if not office:
            person = None  # "a meeting on the sidelines of the summit in Da Nang", "a spokesman for Putin"
    if person is not None:
        title = doc[person.start - 1].text if person.start > span.start else ""
        name = names.full_name(f"{title} {person.text}" if title.lower() in _COURTESY else person.text)
        role = description(doc[span.start : person.start]) if office else _role(span, person.start, person.end, head)
        return Speaker(span.text, span.start_char, span.end_char, name, False, role)
    named = _named_in_apposition(head, names) or _named_role(head, names)
    if named is not None:  # "the spokeswoman", "the Texas Republican": the person given that role
        return Speaker(span.text, span.start_char, span.end_char, named, False, description(span))
    determiners = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod")}
    if head.ent_type_ == "NORP" and "the" in determiners and head.tag_ in ("NNPS", "NNS"):
        return Speaker(span.text, span.start_char, span.end_char)  # "the Republicans": a group, no one person
    if head.ent_type_ == "NORP" and "the" in determiners:
        # "the Oregon Democrat" that no sentence tied to a name: the person the story follows,
        # from that state if the article ties anyone to it
        name = None if _an_office(head) else names.nearest_before(head.idx, "", role_state(head))
        return Speaker(span.text, span.start_char, span.end_char, name, False, description(span))
    if head.ent_type_ == "NORP" and determiners & {"a", "an", "one", "another"}:
        # "said one Democrat who opposed her": a source described, not named
        return Speaker(span.text, span.start_char, span.end_char, None, True, description(span))
    if head.pos_ == "PROPN" and (head.text[:1].isupper() or names.known_name(head.text)):
        # NER missed the person ("Trump" tagged ORG here, a rare name untagged):
        # trust the name index, else the proper-noun chain as written. A lower-case word the
        # tagger called a proper noun ("the county roads department") is no name.
        first = head.i
        while first > span.start and doc[first - 1].pos_ == "PROPN" and doc[first - 1].dep_ == "compound":
            first -= 1
        if first < head.i and doc[first].is_sent_start and doc[first].lower_ in FRONTED_CUES:
            first += 1  # "Added Gibbs: ...": the fronted cue the tagger took into the name
        first, last = whole_words(doc, first, head.i + 1)  # "Wal-Mart", never its "Wal"
        while head.ent_type_ == "ORG" and first > span.start and doc[first].ent_iob_ == "I":
            first -= 1  # "The U.S. Fish and Wildlife Service": the body's whole name, not "Service"
        while head.ent_type_ == "ORG" and last < span.end and doc[last].ent_iob_ == "I":
            last += 1  # "The Office of Management and Budget"
        first += doc[first].lower_ == "the"
        chain = doc[first:last].text
        name = names.full_name(chain) if first < last - 1 else names.known_name(head.text) or chain
        # "the DNC Communications Director": an office, whoever holds it, not a name
        held = head.lower_ in OFFICE_HEADS and not head.ent_type_ and any(c.lower_ == "the" for c in head.lefts)
        if held and (doc[first].is_upper or not doc[head.i - 1].ent_type_):  # not "The New Hampshire Union Leader"
            name = names.by_role(head.lower_, head.idx)
        return Speaker(
            span.text,
            span.start_char,
            span.end_char,
            name,
            False,
            _role(span, first, head.i + 1, head),
        )
    known = _untagged_surname(head, names)
    if known is not None:  # "Sellers said", "Summers added": a surname the tagger read as a plural noun
        return Speaker(span.text, span.start_char, span.end_char, known, False, _role(span, head.i, head.i + 1, head))
    if is_anonymous(span, head):
        before = name_before_comma(span)
        if before is not None:  # "Per Aune, a spokesman for the line, confirmed": the parse lost the name
            return Speaker(span.text, span.start_char, span.end_char, before, False, description(span))
        # "a spokeswoman for the ministry" where the article names its only spokeswoman
        sole = names.sole_role(head.lemma_.lower()) if head.lemma_.lower() in _ONE_HOLDER else None
        return Speaker(span.text, span.start_char, span.end_char, sole, sole is None, description(span))
    return Speaker(span.text, span.start_char, span.end_char)


def _untagged_surname(head: Token, names: NameIndex) -> str | None:
    """The person a capitalised bare noun names when it is the surname of someone the article named in
    full: "Sellers said" after "Joseph M. Sellers", never "The sellers said" nor "Sellers of cars said";
    also a subject the tagger read as a verb ("Trump over the weekend denied")."""
    if not head.text[:1].isupper() or "\n" in head.text:
        return None
    if head.pos_ not in ("NOUN", "PROPN") and not (head.pos_ == "VERB" and head.dep_ in SUBJECTS):
        return None  # "Trump over the weekend denied": "Trump" read as the verb of "trump over"
    if any(c.dep_ in ("det", "poss", "amod", "compound", "prep", "nummod") for c in head.children):
        return None
    return names.known_name(head.text)


# "Trump promised to end abuses, which he said cost jobs": a pronoun inside a
# sentence stands for the person who is that sentence's subject.
# So is the owner of that subject: "Clinton's camp is touting the fact she is the first ...".
def _sentence_subject(pronoun: Token, names: NameIndex) -> str | None:
    for tok in pronoun.doc[sentence_start(pronoun) : pronoun.i]:
        owner = tok.dep_ == "poss" and tok.head.dep_ == "nsubj" and speaking_subject(tok.head)
        subject = tok.dep_ == "nsubj" and speaking_subject(tok)
        if tok.pos_ != "PROPN" or names.quoted(tok.idx) or not (owner or subject):
            continue
        name = names.known_name(tok.text)
        if name is not None and names.can_be(name, pronoun.lower_):
            return name
    return None


_DEFINITE = frozenset({"the", "this", "that"})
# Roles an organisation usually gives one person at a time.
_ONE_HOLDER = frozenset({"spokesman", "spokeswoman", "spokesperson"})


def _named_in_apposition(head: Token, names: NameIndex) -> str | None:
    """The person a role names in apposition right after it: "The House Republican leader,
    Representative Kevin McCarthy of California, also criticized ..." is McCarthy, whoever else the
    article called a leader."""
    role = head.pos_ == "NOUN" or head.ent_type_ == "NORP" or any(c.dep_ == "det" for c in head.children) \
        or (head.lower_ == "one" and any(c.lower_ == "of" for c in head.children)) \
        or (head.pos_ == "PROPN" and head.lower_ in OFFICES)  # "One of its members, X,", "Minority Whip X"
    if not role or head.tag_ in ("NNS", "NNPS"):
        return None  # "the opinions of some members (Joe Scarborough and George Will among them)": many
    appos = next((c for c in head.children if c.i > head.i and apposed(head, c)), None)
    if appos is None:
        appos = name_apposed_to_a_name(head)
    if appos is None:
        return None
    appos = named_in_description(appos)  # "The other man, his cousin James York, 40,": York
    person = _person_in(head.doc[appos.left_edge.i : appos.right_edge.i + 1], appos)
    if person is None:
        person = untagged_name(appos)  # "One of its members, Demetrios Minor, said"
    return names.full_name(person.text) if person is not None and person.start <= appos.i < person.end else None


def _an_office(label: Token) -> bool:
    """Whether a party label names an office rather than a member of the party: "the top Republican on
    the House Foreign Affairs Committee", "the top Republican and Democrat on ...", not any Republican."""
    return any(c.dep_ == "prep" or (c.dep_ == "conj" and not apposed(label, c)) for c in label.children)


def _named_role(head: Token, names: NameIndex) -> str | None:
    """The named person a definite role noun stands for: "the spokeswoman", "Putin's spokesman"."""
    if not (head.pos_ == "NOUN" or head.ent_type_ == "NORP") or head.tag_ in ("NNS", "NNPS"):
        return None
    if head.ent_type_ == "NORP" and _an_office(head):
        return None
    near = [*head.children, *(g for c in head.children if c.dep_ == "compound" for g in c.children)]  # "the ex-"
    definite = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in near)
    party = next((PARTY_WORDS[t.lower_] for t in head.lefts if t.lower_ in PARTY_WORDS), None)
    return names.by_role(head.lemma_.lower(), head.idx, role_state(head), party) if definite else None


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


_INDEFINITE = frozenset({"a", "an", "one", "another"})


def _named_after_its_office(span: Span, person: Span) -> bool:
    """Whether a name that ends the speaker's phrase right after another proper noun names the speaker,
    however the parser hung it: "former U.S. attorney for the District of Columbia Joseph diGenova" (the
    parser read diGenova as the object of "for"); never "a spokesman for Putin" nor "an aide to Gov. Greg
    Abbott", where a preposition or a title comes right before the name, nor a source described with "a"."""
    if person.end != span.end or person.start <= span.start or span.doc[span.start].lower_ in _INDEFINITE:
        return False  # "A spokesman for St. Louis County Prosecutor Bob McCulloch" speaks for him
    before = span.doc[person.start - 1]
    words = before.lower_.rstrip(".")
    if words in TITLE_WORDS | HONORIFICS and person.start - 1 > span.start and span.root.pos_ == "PROPN":
        # "The National Organization for Women President Terry O'Neill": the body's own title, then
        # the name; the phrase names a body, not a role ("an aide to Gov. Greg Abbott")
        body = span.doc[person.start - 2]
        return body.pos_ == "PROPN" and body.ent_type_ not in ("", "PERSON")
    return before.pos_ == "PROPN" and before.ent_type_ != "PERSON" and words not in TITLE_WORDS | HONORIFICS


def _person_in(span: Span, head: Token) -> Span | None:
    """The PERSON entity wholly inside ``span`` that holds its head, else the first (``Span.ents``
    rebuilds every entity of the document on each call). In "state Senate President Pro Tem David
    Long" the tagger also called "Pro Tem" a person; the speaker is David Long."""
    doc = span.doc
    found = []
    i = span.start
    while i < span.end:
        tok = doc[i]
        if tok.ent_iob_ == "B" and tok.ent_type_ == "PERSON":
            end = i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            if end <= span.end:
                found.append(doc[i:end])
            i = end
        else:
            i += 1
    return next((p for p in found if p.start <= head.i < p.end), found[0] if found else None)


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


__all__ = ["NameIndex", "describe", "find_subject", "in_circumstance", "is_source", "left_neighbour", "phrase_bounds"]
