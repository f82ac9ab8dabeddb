"""Named entities, with one canonical name across all the articles of a story.

"Tillerson", "Rex Tillerson" and "U.S. Secretary of State Rex Tillerson" are
one person; "U.S.", "US" and "United States" one place. People are linked by
surname (or first name) to the one full name that carries it; other entities
by a normalised form.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from storydiff.lexicon.names import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, full_first_name
from storydiff.models import Entity

KEPT_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
HONORIFICS = {
    "mr", "mrs", "ms", "dr", "sir", "president", "secretary", "senator", "sen", "rep",
    "gov", "governor", "general", "gen", "minister", "prime", "chancellor", "judge",
    "justice", "mayor", "vice", "former", "lady", "lord", "pope", "king", "queen", "prince",
}
# Titles and offices written before a name ("Representative Bruce Braley", "State Department Deputy
# Spokesperson Marie Harf"): dropped from its front, so the name keys as the person's.
TITLE_WORDS = frozenset(str.split(
    "representative congressman congresswoman speaker leader majority minority chairman chairwoman chair "
    "ambassador commissioner sheriff chief director deputy spokesman spokeswoman spokesperson assistant "
    "attorney state department house senate gop democratic republican whip press secretary adviser advisor "
    "aide rev reverend pastor rabbi bishop cardinal officer lt lieutenant col colonel sgt sergeant capt "
    "captain adm admiral detective inspector superintendent treasurer comptroller council councilman "
    "councilwoman"
)) | frozenset(str.split(  # everyday callings a sentence opens a name with ("Grocer Mats Lindqvist said ...");
    # none that is also a common first name or surname ("Baker", "Hunter", "Carpenter", "Mason")
    "grocer librarian farmer nurse teacher fisherman shopkeeper resident engineer lawyer chef pilot coach "
    "clerk activist actress student voter reporter editor councillor councilmember firefighter paramedic "
    "trooper prosecutor lawmaker legislator assemblyman assemblywoman alderman trustee volunteer retiree "
    "homeowner tenant landlord mechanic electrician plumber architect scientist researcher epidemiologist "
    "physician surgeon dentist pharmacist historian economist professor analyst pollster strategist"
))
# Different spellings of the same place or body, keyed by a lowercase form.
ALIASES = {
    "us": "United States", "u.s.": "United States", "u.s": "United States",
    "united states": "United States", "america": "United States", "u.s.a.": "United States",
    "usa": "United States", "uk": "United Kingdom", "u.k.": "United Kingdom",
    "britain": "United Kingdom", "great britain": "United Kingdom",
    "united kingdom": "United Kingdom", "un": "United Nations", "u.n.": "United Nations",
    "united nations": "United Nations", "eu": "European Union", "e.u.": "European Union",
    "european union": "European Union", "g20": "G20", "g-20": "G20",
}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a named entity in an article."""

    article: str
    text: str
    start: int
    end: int
    label: str


def iter_mentions(doc: Any, article_id: str) -> Iterator[Mention]:
    """Yield the named-entity mentions worth linking (people, organisations, places).

    A person's courtesy title just before the name the tagger found ("Mr." in "Mr. Trump") is part of
    the mention: it tells which of two people of one surname a bare surname is (``courtesy_sex``).
    """
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS or "\n" in ent.text:
            continue
        text = _POSSESSIVE.sub("", ent.text.strip())
        if text.lower().startswith("the "):
            text = text[4:]
        if not text or len(text.split()) > 6 or not any(c.isalpha() for c in text):
            continue
        start = ent.start_char + ent.text.index(text)
        before = doc[ent.start - 1] if ent.start > 0 else None
        if ent.label_ == "PERSON" and before is not None and courtesy_sex(before.text) and before.whitespace_ == " ":
            text, start = f"{before.text} {text}", before.idx
        yield Mention(article_id, text, start, start + len(text), ent.label_)


_COURTESY = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


def courtesy_sex(word: str) -> str | None:
    """The sex a courtesy title gives ("Mr." -> "m", "Mrs." -> "f"), else None."""
    return _COURTESY.get(word.lower().rstrip("."))


def _fitting(full: set[str], sex: str | None, titled: set[str]) -> set[str]:
    """The full names a bare surname can be: with its own title (``sex``), those of that sex or of
    none known; untitled, all of them, unless a title the story gives the surname fits none of them
    (the one Trump named in full is Melania, and "Mr. Trump" someone else): then only the names that
    could be that unnamed person."""
    if sex is not None:
        return {k for k in full if first_name_sex(k) in (None, sex)}
    unnamed = {s for s in titled if not any(first_name_sex(k) in (None, s) for k in full)}
    return {k for k in full if first_name_sex(k) in (None, *unnamed)} if unnamed else full


def first_name_sex(name: str) -> str | None:
    """The sex a full name's first name tells, by the lexicon's lists of men's and women's names."""
    first = name.split()[0].lower() if name.split() else ""
    return "m" if first in MALE_FIRST_NAMES else "f" if first in FEMALE_FIRST_NAMES else None


# Words that open a sentence and that the tagger sometimes takes into a name ("Plus Obama is nominating").
SENTENCE_ADVERBS = frozenset({"plus", "also", "meanwhile", "still", "but", "and", "yet", "now", "then", "later", "so",
                              "instead", "indeed"})


def person_words(name: str) -> list[str]:
    """The words of a person's name without titles: "Sen. Ann Lee" -> ["Ann", "Lee"]; a headline's state or
    party initials before them go too: "NJ Gov Chris Christie" -> ["Chris", "Christie"]. A surname that
    is also a title stays: "Rep. Peter T. King" -> ["Peter", "T.", "King"], "Mr. King" -> ["King"]."""
    words = [w for w in re.split(r"\s+", name) if w]
    last = max((k for k, w in enumerate(words) if w.lower() not in NAME_SUFFIXES), default=len(words) - 1)
    kept = [w for k, w in enumerate(words) if k == last or w.lower().rstrip(".") not in HONORIFICS] or words
    while (len(kept) > 2 and re.fullmatch(r"[A-Z]{2,3}", kept[0])) or (
        len(kept) > 1 and kept[0].lower().rstrip(".") in TITLE_WORDS | SENTENCE_ADVERBS
    ):
        kept = kept[1:]
    return kept


def link_entities(mentions: Sequence[Mention]) -> tuple[list[Entity], dict[tuple[str, int], str]]:
    """Group mentions into entities; return them and a map (article, start) -> entity id."""
    keys = _keys(mentions)
    order: list[str] = []
    members: dict[str, list[Mention]] = defaultdict(list)
    for mention, key in zip(mentions, keys, strict=False):
        if key not in members:
            order.append(key)
        members[key].append(mention)

    entities: list[Entity] = []
    index: dict[tuple[str, int], str] = {}
    for n, key in enumerate(order, start=1):
        group = members[key]
        eid = f"E{n}"
        kind = Counter(m.label for m in group).most_common(1)[0][0]
        if key.startswith("person:"):
            kind = "PERSON"
        entities.append(Entity(
            id=eid,
            name=_canonical(key, group),
            type=kind,
            aliases=tuple(sorted({m.text for m in group})),
            articles=tuple(dict.fromkeys(m.article for m in group)),
        ))
        for m in group:
            index[(m.article, m.start)] = eid
    return entities, index


def _keys(mentions: Sequence[Mention]) -> list[str]:
    """A grouping key per mention: people by full name, the rest by normalised form."""
    full_names: dict[str, set[str]] = defaultdict(set)  # surname or first name -> full keys
    written: Counter[str] = Counter()  # full key -> how often the story writes it
    articles: dict[str, set[str]] = defaultdict(set)  # full key -> the articles that write it
    formal = _formal_suffixes(mentions)
    for m in mentions:
        if m.label == "PERSON":
            words = formal.get((m.article, m.text)) or person_words(m.text)
            if len(words) >= 2:
                full_names[name_key(words[-1])].add(_full_key(words))
                written[_full_key(words)] += 1
                articles[_full_key(words)].add(m.article)
    respelt = _respellings(full_names, written, articles)
    for last, keys_of in full_names.items():
        full_names[last] = {respelt.get(k, k) for k in keys_of}
    named = _names_tagged_org(mentions, full_names)
    short_forms = _short_forms(mentions)
    # The sexes courtesy titles give a bare surname ("Mr. Trump"): a story whose one full name of it is
    # of the other sex ("Melania Trump", where the writer says "President Trump" and "Mr. Trump") names
    # two people by it (``_fitting``).
    titled: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        words = m.text.split()
        if m.label == "PERSON" and len(words) == 2 and (sex := courtesy_sex(words[0])):
            titled[name_key(words[-1])].add(sex)
    keys = []
    for m in mentions:
        words = (formal.get((m.article, m.text)) or person_words(m.text)) if m.label == "PERSON" else m.text.split()
        if (m.label == "PERSON" and len(words) >= 2) or m.text in named:
            keys.append("person:" + respelt.get(_full_key(words), _full_key(words)))
            continue
        single = name_key(words[-1]) if len(words) == 1 else None
        fitting = _fitting(full_names.get(single or "", set()), courtesy_sex(m.text.split()[0]),
                           titled.get(single or "", set()))
        person = _the_one(fitting, written) if single else None
        if person and m.label in ("PERSON", "ORG", "GPE"):
            keys.append("person:" + person)  # "Tillerson" -> Rex Tillerson
        elif m.label == "PERSON":
            keys.append("person:" + name_key(" ".join(words)))  # "Mr. Trump" keys as "Trump"
        else:
            norm = short_forms.get((m.article, m.text), m.text).lower()
            keys.append("thing:" + ALIASES.get(norm, norm).lower())
    return keys


GENERIC_BODIES = frozenset(str.split(
    "house senate congress parliament assembly court department committee party council board office agency "
    "government administration ministry commission police army navy union company bank university school"
))


def _short_forms(mentions: Sequence[Mention]) -> dict[tuple[str, str], str]:
    """An organisation named by its last word ("the Times", "the Journal") after its article named it in
    full ("The New York Times", "The Wall Street Journal"): keyed (article, short form) -> the full name.
    Only where one full name of the article ends with that word: beside "The Denver Post" and "The
    Washington Post", "the Post" stays as written; nor is a body's common noun ("the House" beside "the
    White House", "the Department") anyone's short form."""
    full: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in mentions:
        words = m.text.split()
        if m.label == "ORG" and len(words) >= 2:
            full[(m.article, words[-1])].add(m.text)
    found = {}
    for m in mentions:
        names = full.get((m.article, m.text), set()) if m.label == "ORG" and " " not in m.text else set()
        if len(names) == 1 and m.text[:1].isupper() and m.text.lower() not in GENERIC_BODIES:
            found[(m.article, m.text)] = next(iter(names))
    return found


NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})  # written after a surname, not one


def _formal_suffixes(mentions: Sequence[Mention]) -> dict[tuple[str, str], list[str]]:
    """Formal full names whose suffix is style, not a second person: "Roger J. Stone Jr." and "Robert S.
    Mueller III" (a middle initial and a suffix, as some papers write every name) are the "Roger Stone"
    and "Robert Mueller" of the other articles. Keyed (article, text) -> the name's words without the
    suffix, and so is the same name with the same suffix written without the initial ("Theodore Boutrous
    Jr." beside another article's "Theodore J. Boutrous Jr."). Never "Donald Trump Jr." alone (no middle
    initial: the suffix tells him from his father), nor a suffixed name whose article also writes the name
    without it ("Jesse L. Jackson Jr." beside the Rev. Jesse Jackson)."""
    plain: set[tuple[str, str]] = set()
    found: dict[tuple[str, str], list[str]] = {}
    short: dict[tuple[str, str], list[str]] = {}  # suffixed names without an initial: "Theodore Boutrous Jr."
    for m in mentions:
        if m.label != "PERSON":
            continue
        words = person_words(m.text)
        initial = any(re.fullmatch(r"[A-Z]\.", w) for w in words[1:-2])
        if len(words) >= 3 and words[-1].lower() in NAME_SUFFIXES:
            (found if initial else short)[(m.article, m.text)] = words
        elif len(words) >= 2:
            plain.add((m.article, _full_key(words)))
    def suffixed_key(words: list[str]) -> tuple[str, str]:  # ("theodore boutrous", "jr")
        return _full_key(words[:-1]), name_key(words[-1]).rstrip(".")

    found = {k: v for k, v in found.items() if (k[0], _full_key(v[:-1])) not in plain}
    formal = {suffixed_key(v) for v in found.values()}
    found.update((k, v) for k, v in short.items()
                 if (k[0], _full_key(v[:-1])) not in plain and suffixed_key(v) in formal)
    return {k: v[:-1] for k, v in found.items()}


def _respellings(
    full_names: dict[str, set[str]], written: Counter[str], articles: dict[str, set[str]]
) -> dict[str, str]:
    """Full keys that are another outlet's misspelling of a first name -> the commoner spelling: "Vincente
    Fox" in one article, "Vicente Fox" in the others. Both first names of seven letters or more, one letter
    apart, and never both in one article (two such people in one story are told apart by its writers)."""
    out: dict[str, str] = {}
    for keys in full_names.values():
        ranked = sorted(keys, key=lambda k: (-written[k], k))
        for n, rare in enumerate(ranked):
            for common in ranked[:n]:
                first, other = rare.split()[0], common.split()[0]
                if min(len(first), len(other)) >= 7 and _one_edit(first, other) and common not in out \
                        and not articles[rare] & articles[common]:
                    out[rare] = common
                    break
    return out


def _one_edit(a: str, b: str) -> bool:
    """Whether two different words are one letter added, dropped or changed apart."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def _the_one(keys: set[str], written: Counter[str]) -> str | None:
    """The person a bare surname names: the only full name with it, or the one the story writes three times
    or more and at least twice as often as all the others together ("Cruz" is Ted Cruz, written 8 times,
    not Heidi Cruz, once); None when the story is about two ("Jackson": Sandra 4 times, Jesse 3)."""
    if len(keys) == 1:
        return next(iter(keys))
    ranked = sorted(keys, key=lambda k: (-written[k], k))
    if ranked and written[ranked[0]] >= max(3, 2 * sum(written[k] for k in ranked[1:])):
        return ranked[0]
    return None


def _names_tagged_org(mentions: Sequence[Mention], full_names: dict[str, set[str]]) -> set[str]:
    """Two-word names the tagger called an organisation that are a person's: "Ines Varga" (ORG) in a
    story that also calls her "Ms. Varga" (PERSON) and names no other Varga in full. Added to
    ``full_names``, so the bare surname joins them."""
    surnames = {
        name_key(m.text.split()[-1]) for m in mentions if m.label == "PERSON" and len(person_words(m.text)) == 1
    }
    found = set()
    for m in mentions:
        words = m.text.split()
        if m.label != "ORG" or len(words) != 2 or not all(w[:1].isupper() and w[1:].islower() for w in words):
            continue
        last = name_key(words[-1])
        if last in surnames and not full_names.get(last):
            found.add(m.text)
    for text in found:
        words = text.split()
        full_names[name_key(words[-1])].add(_full_key(words))
    return found


def name_key(word: str) -> str:
    """A name as a key: lower case, one kind of apostrophe, no accents ("Calderón" is the "Calderon" of
    an outlet that drops them)."""
    folded = unicodedata.normalize("NFKD", word.lower().replace("\u2019", "'"))
    return "".join(c for c in folded if not unicodedata.combining(c))


def _full_key(words: list[str]) -> str:
    """A person's key from the words of their name: first and last, the first name in its full form;
    curly and straight apostrophes alike ("O’Neill" is "O'Neill")."""
    first = next((w for w in words[:-1] if not re.fullmatch(r"[A-Z]\.", w)), words[0])  # "A. Barry Rand": Barry
    return name_key(f"{full_first_name(first)} {words[-1]}")


def _canonical(key: str, group: list[Mention]) -> str:
    """The name to show: a person's fullest form, the commonest of those ("Bill Kristol" written
    three times beats one "William Kristol"), else the alias or commonest form."""
    if key.startswith("person:"):
        forms = Counter(" ".join(person_words(m.text)) for m in group)
        return max(forms, key=lambda s: (len(s.split()), forms[s], len(s)))
    norm = key.split(":", 1)[1]
    for alias in ALIASES.values():
        if alias.lower() == norm:
            return alias
    written = Counter(m.text for m in group)
    full = [text for text in written if text.lower() == norm]  # "New York Times", not its short "Times"
    return max(full, key=lambda t: written[t]) if full else written.most_common(1)[0][0]
