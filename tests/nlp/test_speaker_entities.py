"""A speaker points at the entity of the person it names, across the story (``nlp.analysis.link``).

The entity tagger sometimes misses a name the statement extractor reads
("Representative Kurt Schrader of Oregon, who backed ..., said" tagged only
"Oregon"). The mentions here are given by hand, as the tagger left them, so
the tests do not depend on its moods.
"""

from __future__ import annotations

import numpy as np
import pytest

import storydiff
from spacy.language import Language

from storydiff.models import Article
from storydiff.nlp.analysis import AnalyzedArticle, _with_speaker_names, link
from storydiff.nlp.entities import Mention
from tests.nlp.test_attributions import by_content, extract

TEXT = (
    "Representative Nora Castellan of Oregon, who backed the bridge plan, said after the vote that the "
    "county would pay for it.\n\n"
    "“We will not wait another winter,” Ms. Castellan said."
)


def _mentions(text: str) -> tuple[Mention, ...]:
    """What the tagger found: the state and the bare surname, not the full name."""
    oregon = text.index("Oregon")
    surname = text.index("Castellan said")
    return (
        Mention("art", "Oregon", oregon, oregon + 6, "GPE"),
        Mention("art", "Castellan", surname, surname + 9, "PERSON"),
    )


def _linked(nlp: Language, mentions: tuple[Mention, ...]) -> tuple:
    statements = tuple(extract(nlp, TEXT))
    article = AnalyzedArticle(Article(id="art", source="art.txt", text=TEXT), statements, (), np.zeros((0, 384)),
                              mentions)
    analysis = link([article])
    return analysis.articles[0].statements, {e.id: e for e in analysis.entities}


def test_a_place_in_the_speakers_words_is_not_the_speaker(nlp: Language) -> None:
    statements, entities = _linked(nlp, _mentions(TEXT))
    first = by_content(list(statements), "county would pay")
    assert first.speaker.name == "Nora Castellan"
    assert first.speaker.entity is None or entities[first.speaker.entity].type == "PERSON"


def test_a_full_name_the_tagger_missed_joins_the_bare_surname(nlp: Language) -> None:
    statements = extract(nlp, TEXT)
    mentions = _with_speaker_names(_mentions(TEXT), statements, TEXT)
    assert [m.text for m in mentions] == ["Nora Castellan", "Oregon", "Castellan"]
    linked, entities = _linked(nlp, mentions)
    first, later = by_content(list(linked), "county would pay"), by_content(list(linked), "another winter")
    assert first.speaker.entity == later.speaker.entity
    assert entities[first.speaker.entity].name == "Nora Castellan"
    assert later.speaker.name == "Nora Castellan"


def test_another_first_name_of_the_surname_is_another_person(nlp: Language) -> None:
    text = TEXT + "\n\nHer brother Paul Castellan, a ferry captain, said the river was too fast."
    statements = tuple(extract(nlp, text))
    start = text.index("Nora Castellan")
    mentions = (Mention("art", "Nora Castellan", start, start + 14, "PERSON"),)
    article = AnalyzedArticle(Article(id="art", source="art.txt", text=text), statements, (), np.zeros((0, 384)),
                              mentions)
    linked = link([article]).articles[0].statements
    paul = by_content(list(linked), "river was too fast")
    assert paul.speaker.name == "Paul Castellan" and paul.speaker.entity is None


@pytest.mark.parametrize(("text", "content", "said", "name"), [
    (  # "the Times": the paper its article named in full before
        "The New York Times reported on Monday that the harbour master had resigned.\n\n"
        "The Times said the harbour master had hidden the ferry accounts for two years.",
        "hidden the ferry accounts", "The Times", "New York Times",
    ),
    (  # the phrase's head word gave "National Alliance"; the body is named in full
        "“The fare rise is a betrayal,” said Helen Marsh, a founder of the National Alliance for Rail, "
        "which opposes the plan.",
        "the plan", "the National Alliance for Rail", "National Alliance for Rail",
    ),
])
def test_a_body_named_in_part_is_headed_by_its_full_name(text: str, content: str, said: str, name: str) -> None:
    brief = storydiff.brief([Article(id="A", source="a.txt", outlet="Valley Post", text=text)])
    st = by_content(list(brief.statements), content)
    assert st.speaker.text == said and st.speaker.name == name


def test_a_titled_speaker_the_tagger_called_a_body_is_a_person(nlp: Language) -> None:
    # The tagger labels "Ines Okonjo" an organisation; said by the "Harbour chief" the extractor reads
    # as her role, the name is a person's, and the later bare "Okonjo said" is the same person.
    text = ("Harbour chief Ines Okonjo said the east pier would stay shut until the divers finished.\n\n"
            "“The current moved the wreck twice,” Okonjo said.")
    statements = tuple(extract(nlp, text))
    start = text.index("Ines Okonjo")
    mentions = _with_speaker_names((Mention("art", "Ines Okonjo", start, start + 11, "ORG"),), statements, text)
    assert [m.label for m in mentions] == ["PERSON"]
    article = AnalyzedArticle(Article(id="art", source="art.txt", text=text), statements, (), np.zeros((0, 384)),
                              mentions)
    analysis = link([article])
    first = by_content(list(analysis.articles[0].statements), "east pier")
    later = by_content(list(analysis.articles[0].statements), "moved the wreck")
    assert first.speaker.entity is not None and later.speaker.entity == first.speaker.entity
    assert later.speaker.name == "Ines Okonjo"


@pytest.mark.parametrize("text", [
    "Harbour Freight said the east pier would stay shut until the divers finished.",
    "Harbour Freight, a shipping lobby group, said the east pier would stay shut until the divers finished.",
    "The Harbour Freight Committee said the east pier would stay shut until the divers finished.",
])
def test_a_body_that_speaks_keeps_its_label(nlp: Language, text: str) -> None:
    statements = tuple(extract(nlp, text))
    name = "Harbour Freight Committee" if "Committee" in text else "Harbour Freight"
    start = text.index(name)
    mentions = _with_speaker_names((Mention("art", name, start, start + len(name), "ORG"),), statements, text)
    assert [m.label for m in mentions] == ["ORG"]
