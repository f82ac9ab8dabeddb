"""The words that mark attribution: cue verbs, source nouns, speaker pronouns.

A word list, not a model: which verb lemmas can introduce what somebody said
or thought beyond the verbs of *speech* proper (``storydiff.lexicon.speech``,
shared with other stages), where each kind of cue keeps its content (a
clause, an object, an infinitive, a prepositional object), which nouns
describe an unnamed source, and which pronouns a speaker can be. Only the
statement extractor reads these lists.
"""

from __future__ import annotations

from spacy.tokens import Token

from storydiff.lexicon import SPEECH_LEMMAS, word_set


# Cue verbs beyond speech: citing, judging, showing, believing ("a study found").
OTHER_CUE_LEMMAS: frozenset[str] = word_set(
    """
    accuse address advocate apologize appear applaud attack back believe blame blast
    brand call challenge charge cheer choose cite compare conclude condemn
    congratulate criticise criticize decide decline decry deem defend demand
    denounce describe determine discuss dismiss dispute echo embrace endorse
    estimate expect express favor feel find focus hail highlight hop hope ignore
    imply indicate intend issue know label lament lean learn like list mock name
    offer oppose plan pledge point praise predict prefer project propose push rail
    recognize recommend refer refuse reject release remember remind ridicule rule
    see seek seem share shout show signal slam support talk thank think tout tweet
    understand view vow want welcome worry
    """
)

# Cues whose object is the content: "announced his resignation", "praised the plan".
# Verbs of telling are missing on purpose: their object is the listener.
NOMINAL_CONTENT_LEMMAS: frozenset[str] = word_set(
    """
    accuse acknowledge address admit advocate announce applaud attack back blame
    blast brand call challenge cheer choose cite compare condemn confirm
    congratulate criticise criticize declare decry defend demand denounce deny
    describe disclose discuss dismiss dispute embrace emphasise emphasize endorse
    estimate express favor hail highlight ignore issue label lament like list
    mention mock note offer oppose post praise predict prefer propose question
    recall recognize recommend recount reiterate reject release remember repeat
    report reveal ridicule say see seek share show slam stress support thank tout tweet view
    want welcome write
    """
)

# Cues whose infinitive is the content: "vowed to appeal", "wants to run".
INFINITIVE_CONTENT_LEMMAS: frozenset[str] = word_set(
    """
    agree appear ask call choose decide decline demand expect hop hope intend like
    plan pledge prefer promise refuse seek seem threaten urge vow want
    """
)

# Cues of report whose clause of "as" attributes the clause it modifies: "As The Atlantic
# noted, trust is collapsing"; not verbs of manner or time ("as she spoke", "as they cheered").
AS_CLAUSE_LEMMAS: frozenset[str] = word_set(
    "argue explain mention note observe point predict put report reveal say state suggest tell write"
)

# Cues whose prepositional object is the content: "spoke about the war".
PREPOSITION_CONTENT: dict[str, frozenset[str]] = {
    "focus": word_set("on"),
    "push": word_set("for"),
    "vote": word_set("for against"),
    "apologize": word_set("for"),
    "rail": word_set("against"),
    "lean": word_set("toward towards"),
    "respond": word_set("to"),
    "reply": word_set("to"),
    "speak": word_set("about of on"),
    "talk": word_set("about of"),
    "joke": word_set("about"),
    "remark": word_set("about on"),
    "comment": word_set("about on"),
    "write": word_set("about of"),
    "testify": word_set("about"),
    "complain": word_set("about of"),
    "warn": word_set("about against of"),
    "caution": word_set("about against"),
    "call": word_set("for"),
    "ask": word_set("about for"),
    "refer": word_set("to"),
    "point": word_set("to"),
    "argue": word_set("against for"),
    "tweet": word_set("about"),
    "boast": word_set("about of"),
    "brag": word_set("about"),
    "accuse": word_set("of"),
    "criticize": word_set("for"),
    "praise": word_set("for"),
    "blame": word_set("for"),
}

# Cues that are speech only when a quotation follows ("Caddell continued: “...”").
QUOTE_ONLY_LEMMAS: frozenset[str] = word_set("continue")

# Cues that need a particle to mean speech: "rowed back on", "weighed in".
PHRASAL_CUES: dict[str, frozenset[str]] = {
    "row": word_set("back"),
    "weigh": word_set("in"),
    "spell": word_set("out"),
    "put": word_set("it"),  # "as the memo put it, ...", "Ms. Varga put it this way: ..."
}


def puts_it_so(cue: Token) -> bool:
    """Whether "put it" words what someone said: in an "as" clause ("as the memo put it, ..."), or right
    before a colon or a quotation ("she put it bluntly: “...”"); not "put it on the shelf"."""
    if not any(c.lower_ == "it" for c in cue.rights):
        return False
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        return True
    after = cue.right_edge.i + 1
    return after < len(cue.doc) and cue.doc[after].text in (":", "\"", "“", "''")


CUE_LEMMAS: frozenset[str] = (
    SPEECH_LEMMAS | OTHER_CUE_LEMMAS | frozenset(PREPOSITION_CONTENT) | QUOTE_ONLY_LEMMAS
)

# A cue written before the name it introduces ("Added Gibbs: ...", "Said Ruiz, ..."): no part of the name.
FRONTED_CUES: frozenset[str] = frozenset({"added", "adds", "said", "says", "asked", "asks", "continued", "replied",
                                          "wrote"})

# Prepositions that make a noun cue the circumstance of a clause, not its subject's act: "stepped aside
# amid questions about his travel", "despite warnings that ...".
CIRCUMSTANCES: frozenset[str] = frozenset({"amid", "amidst", "despite"})

# Nouns that describe a source without naming it ("one diplomat").
ANONYMOUS_NOUNS: frozenset[str] = word_set(
    """
    adviser advisor aide analyst diplomat employee executive expert insider lawmaker
    member negotiator observer officer official participant people person
    representative source spokesman spokesperson spokeswoman staffer witness
    """
)

# Head nouns that never speak: events and abstractions ("A lengthy meeting ...
# threatened", "the controversy showed"). Documents ("the report said") and
# groups ("the campaign said") are sources and are not listed.
NOT_SOURCE_NOUNS: frozenset[str] = word_set(
    """
    aftermath attack backlash battle conflict controversy conversation debate
    development dissolution effort election event failure feature feud fight
    hearing idea incident issue matter meeting move notion outcome provocation
    race rally scandal session situation speculation strike summit talk trip uproar
    view visit war worldview
    """
)

# Adjectives of willing and being able whose subject is the speaker of the cue they
# govern ("was unable to say", "was quick to add"); those of them that withhold the
# speech ("was unable to say", "it was impossible to say") mark it negated.
WILLING_ADJECTIVES = word_set("able unable willing unwilling reluctant loath eager quick happy careful ready")
UNABLE_ADJECTIVES = word_set("unable impossible unwilling reluctant loath")

# Verbs whose passive subject is the one accused, not the speaker: "are charged with converting ...".
ACCUSING_LEMMAS = word_set("accuse charge blame fault indict")
# ... or the one spoken to: "was asked", "was told".
ADDRESSED_LEMMAS = word_set("ask tell inform question urge advise notify instruct brief") | ACCUSING_LEMMAS

# Verbs that make a document: their object "that tweet" names it, it is not what was said.
DOCUMENT_VERBS = word_set("write post send sign draft tweet")

# Documents that say things themselves: "the article alleging that ..." is the article's claim, unless
# someone "issued a statement saying" it (their words, in that statement: ``AUTHORING_VERBS``).
DOCUMENT_NOUNS = word_set(
    "ad advertisement article book complaint document email filing indictment lawsuit letter memo op-ed "
    "petition poll post report story study survey tweet video"
)
AUTHORING_VERBS = DOCUMENT_VERBS | word_set("issue release publish file put give make air run")

# Pronouns a speaker can be, by the person they can stand for.
MALE_PRONOUNS = word_set("he him his")
FEMALE_PRONOUNS = word_set("she her")
PERSON_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
RELATIVE_PRONOUNS = word_set("who that which")

# Organisations: a person's title may name one ("Union chairwoman"), but the body speaks for itself.
BODIES = word_set(
    "union party committee company council board department office agency government administration "
    "ministry court police team campaign group firm association federation league club church school "
    "university hospital bank army navy"
)


# "Rep. Ana Ruiz ... the congresswoman said": a title's abbreviation stands for the role nouns a
# writer uses for it later.
ROLE_ABBREVIATIONS = {
    "rep": {"rep.", "representative", "congressman", "congresswoman", "lawmaker"},
    "sen": {"sen.", "senator", "lawmaker"},
    "gov": {"gov.", "governor"},
    "gen": {"gen.", "general"},
    "lt": {"lt.", "lieutenant"},
    "sgt": {"sgt.", "sergeant"},
    "atty": {"atty.", "attorney"},
    "dr": {"dr.", "doctor", "physician"},
}

# Party words before a role or a name ("Republican presidential nominee Donald Trump", "the Democratic
# nominee"), by party: the role resolver keeps "the Democratic nominee" off a Republican.
PARTY_WORDS = {"republican": "R", "gop": "R", "democrat": "D", "democratic": "D"}

# Capitalised heads of a title that is one person's office, not a body's name: "the DNC Communications
# Director said" is whoever holds the office (or no one named), where "the White House said" is the body.
OFFICE_HEADS = word_set(
    "director whip chairman chairwoman chair secretary spokesman spokeswoman spokesperson leader speaker "
    "president governor senator mayor minister ambassador commissioner sheriff adviser advisor aide treasurer "
    "comptroller"
)
