"""Short forms of first names: "Bill Kristol" and "William Kristol" are one person.

Read by entity linking (one canonical person across a story's articles) and by the aligner's
"people differ" check (one surname with two first names is two people, unless one is the
other's short form).
"""

from __future__ import annotations

from types import MappingProxyType

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
