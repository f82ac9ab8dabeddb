"""First names: short forms ("Bill Kristol" and "William Kristol" are one person), and women's names.

The short forms are read by entity linking (one canonical person across a story's articles) and by the
aligner's "people differ" check (one surname with two first names is two people, unless one is the
other's short form). ``FEMALE_FIRST_NAMES`` and ``MALE_FIRST_NAMES`` let the statement extractor tell "she" from "he"
when no title says ("Kathy Griffin ... he said" is not Griffin; "Tim Ryan ... she said" is not Ryan).
"""

from __future__ import annotations

from types import MappingProxyType

from storydiff.lexicon.words import word_set

_SHORT_FORMS = {
    "william": "bill billy will", "robert": "bob bobby rob", "michael": "mike", "james": "jim jimmy jamie",
    "thomas": "tom tommy", "joseph": "joe", "richard": "rick dick rich", "edward": "ed ted eddie",
    "christopher": "chris", "daniel": "dan danny", "david": "dave", "anthony": "tony", "nicholas": "nick",
    "patrick": "pat", "benjamin": "ben", "samuel": "sam", "alexander": "alex", "andrew": "andy",
    "matthew": "matt", "timothy": "tim", "gregory": "greg", "lawrence": "larry", "gerald": "jerry",
    "charles": "chuck charlie", "henry": "hank", "kenneth": "ken", "ronald": "ron", "donald": "don",
    "douglas": "doug", "frederick": "fred", "jeffrey": "jeff", "jonathan": "jon", "zachary": "zach",
    "steven": "steve", "stephen": "steve", "elizabeth": "liz beth betsy", "katherine": "kate katie kathy",
    "margaret": "peggy maggie meg", "jennifer": "jen jenny", "susan": "sue", "deborah": "debbie deb",
    "patricia": "patty", "rebecca": "becky",
}

# Lower-case short form -> the full forms it stands for ("steve" is Steven or Stephen).
FULL_FIRST_NAMES = MappingProxyType({
    short: tuple(full for full, shorts in _SHORT_FORMS.items() if short in shorts.split())
    for shorts in _SHORT_FORMS.values() for short in shorts.split()
})


def same_first_name(one: str, other: str) -> bool:
    """Whether two first names (any case) name one person: equal, or one a short form of the other."""
    a, b = one.lower(), other.lower()
    return a == b or a in FULL_FIRST_NAMES.get(b, ()) or b in FULL_FIRST_NAMES.get(a, ())


def full_first_name(name: str) -> str:
    """The full form of a first name, lower case ("Bill" -> "william"); itself when it has none or two."""
    fulls = FULL_FIRST_NAMES.get(name.lower(), ())
    return fulls[0] if len(fulls) == 1 else name.lower()


# Common first names of women in the news, for "she" against "he". The extractor keeps a sex per person
# (``nlp.statements.people``), none for one whose names and titles disagree: either pronoun may stand for them.
FEMALE_FIRST_NAMES = word_set(
    """
    amy angela ann anne barbara betsy catherine chelsea christine claire condoleezza
    debbie diane dianne donna elena elise elizabeth emily federica heather hillary
    hope huma ivanka jacinda jennifer jessica jill julie kamala karen kate katherine kathy
    kellyanne kirsten laura linda lisa loretta madeleine margaret maria
    marine mary maxine megyn melania michelle nancy nikki patricia rachel rebecca
    ruth samantha sarah sheryl sonia susan tammy theresa tulsi ursula
    abigail alice alicia allison amanda amber andrea anita anna ashley audrey beth beverly brenda carla
    carmen carol caroline carolyn cheryl christina cindy claudia colleen courtney cynthia danielle deborah
    denise diana doris dorothy eileen eleanor elaine ellen emma erica erin esther eva evelyn felicia
    frances gail gina gloria grace gwen hannah helen holly irene jacqueline jane janet janice joan joanne
    joyce judith judy julia kathleen katie kimberly kristen kristin lauren leah lucy marcia marie marilyn
    martha megan melanie melissa meredith michele miriam molly monica naomi natalie nicole nina nora
    olivia pamela paula peggy penny rita rosa rose sally sandra sara sharon shirley sophia stacey
    stephanie suzanne sylvia tamara tanya teresa tiffany tina valerie vanessa veronica victoria virginia
    wendy yvonne zoe
    bella isabella ella stella heidi sandi mazie joni marsha jeanne kirstjen
    """
)

# Men's first names common in news, for the same purpose; names used for both (Lee, Pat, Sam, Terry,
# Lindsey: Senator Graham) are in neither list.
MALE_FIRST_NAMES = word_set(
    """
    aaron adam alan albert alexander andrew anthony barack ben benjamin bernie bill bob brad brett
    brian bruce carl charles chris christopher chuck cory dan daniel david dennis dick don donald
    doug douglas ed edward eric frank fred gary george gerald greg gregory harry henry jack jake
    james jason jeb jeff jeffrey jeremy jerry jim jimmy joe joel john jon jonathan joseph josh
    joshua justin keith ken kenneth kevin larry marco mark matt matthew michael mike mitch mitt
    nathan newt nicholas nick orrin patrick paul pete peter phil ralph rand randy ray reince
    richard rick robert rod roger ron ronald roy rudy scott sean stephen steve steven ted thomas
    tim timothy todd tom tony trey vladimir walter wayne william
    jesse rahm rex jared steny eliot
    adrian alex alfred allen andy arthur barry bernard billy bobby brandon bryan calvin carlos chad
    charlie clarence clint colin craig curtis dale darrell dave dean derek duncan dwight earl eddie eli
    elijah elliott ernest eugene evan francis franklin gabriel gene geoffrey gilbert glenn gordon guy
    hank harold harvey howard hugh ian isaac ivan jacob jared jay jerome jesse johnny jorge jose juan
    julian karl kurt kyle lamar lance lawrence leo leonard lloyd louis luis luke malcolm marcus mario
    martin marvin max miguel mitchell nathaniel neil nelson noah norman oliver omar oscar owen rafael
    raul reggie ricardo rob rodney ross russell ryan samuel seth shawn simon stanley stuart theodore
    tommy travis troy tyler victor vince vincent wade wallace warren wesley willie zachary
    """
)

# Every first name either list knows: a word that is somebody's first name, whatever the tagger calls it.
FIRST_NAMES = FEMALE_FIRST_NAMES | MALE_FIRST_NAMES
