from storydiff.nlp.embed import embed
from storydiff.nlp.entities import Mention, link_entities


def _m(article, text, label="PERSON", start=0):
    return Mention(article, text, start, start + len(text), label)


def test_surname_and_title_forms_join_the_full_name_across_articles():
    mentions = [
        _m("A", "Secretary Mara Olsen", start=0),
        _m("A", "Olsen", start=40),
        _m("B", "Olsen", start=5),
        _m("B", "US", "GPE", start=20),
        _m("A", "U.S.", "GPE", start=60),
        _m("B", "Olsen", "ORG", start=80),  # the small model sometimes calls a surname an organisation
    ]
    entities, index = link_entities(mentions)
    people = [e for e in entities if e.type == "PERSON"]
    assert [p.name for p in people] == ["Mara Olsen"]
    assert people[0].articles == ("A", "B")
    assert {index[("A", 40)], index[("B", 5)], index[("B", 80)]} == {people[0].id}
    places = [e for e in entities if e.name == "United States"]
    assert len(places) == 1 and set(places[0].aliases) == {"US", "U.S."}


def test_a_short_first_name_is_the_same_person():
    mentions = [
        _m("A", "William Halloran"), _m("A", "Halloran", start=30), _m("B", "Bill Halloran", start=3),
        _m("C", "Bill Halloran", start=9), _m("C", "Halloran", start=50), _m("C", "Tom Ruiz", start=70),
        _m("B", "Tim Ruiz", start=40),  # a short name of another full name stays apart
    ]
    entities, index = link_entities(mentions)
    people = sorted(e.name for e in entities if e.type == "PERSON")
    assert people == ["Bill Halloran", "Tim Ruiz", "Tom Ruiz"]  # the commoner written form is shown
    assert index[("A", 30)] == index[("C", 50)] == index[("B", 3)]


def test_an_organisation_named_by_its_last_word_is_its_article_s_full_name():
    mentions = [
        _m("A", "Northern Harbour Gazette", "ORG", start=0), _m("A", "Gazette", "ORG", start=90),
        _m("A", "White House", "ORG", start=120), _m("A", "House", "ORG", start=160),  # a body's noun stays
        _m("B", "Denver Post", "ORG", start=0), _m("B", "Valley Post", "ORG", start=30),
        _m("B", "Post", "ORG", start=70),  # two full names end with it: as written
        _m("C", "Gazette", "ORG", start=5),  # its own article names no gazette in full
    ]
    entities, index = link_entities(mentions)
    gazette = next(e for e in entities if e.id == index[("A", 0)])
    assert gazette.name == "Northern Harbour Gazette" and index[("A", 90)] == gazette.id
    assert index[("A", 160)] != index[("A", 120)]
    assert index[("B", 70)] not in {index[("B", 0)], index[("B", 30)]}
    assert index[("C", 5)] != gazette.id


def test_an_ambiguous_surname_is_not_guessed():
    mentions = [_m("A", "Ann Berg"), _m("A", "Tom Berg", start=20), _m("B", "Berg", start=3)]
    entities, _ = link_entities(mentions)
    assert sorted(e.name for e in entities) == ["Ann Berg", "Berg", "Tom Berg"]


def test_a_full_name_tagged_as_an_organisation_is_the_person_its_surname_names():
    # The small model tags "Ines Varga" ORG and "Varga" (after "Ms.") PERSON: one person, not two.
    mentions = [_m("A", "Ines Varga", "ORG", start=10), _m("A", "Varga", start=80)]
    entities, index = link_entities(mentions)
    assert index[("A", 10)] == index[("A", 80)]
    varga = next(e for e in entities if e.id == index[("A", 80)])
    assert varga.type == "PERSON" and varga.name == "Ines Varga"
    # Not when the story names a person with that surname in full: "Varga" is Tom Varga then.
    mentions.append(_m("B", "Tom Varga", start=5))
    entities, index = link_entities(mentions)
    assert index[("A", 80)] == index[("B", 5)] != index[("A", 10)]


def test_a_headline_s_state_initials_are_no_part_of_the_name():
    # "NJ Gov Chris Christie to Throw His Hat in the Ring": one Christie, not three.
    mentions = [_m("A", "NJ Gov Ines Halvorsen"), _m("B", "Ines Halvorsen", start=4), _m("B", "Halvorsen", start=40)]
    entities, index = link_entities(mentions)
    assert [e.name for e in entities] == ["Ines Halvorsen"]
    assert len({index[("A", 0)], index[("B", 4)], index[("B", 40)]}) == 1


def test_curly_and_straight_apostrophes_are_one_name():
    mentions = [_m("A", "Terry O'Brien"), _m("B", "Terry O\u2019Brien", start=4), _m("B", "O\u2019Brien", start=40)]
    entities, index = link_entities(mentions)
    assert len(entities) == 1 and len({index[("A", 0)], index[("B", 4)], index[("B", 40)]}) == 1


def test_a_name_with_and_without_its_accents_is_one_name():
    mentions = [_m("A", "Inés Peña"), _m("B", "Ines Pena", start=4), _m("B", "Pena", start=40)]
    entities, index = link_entities(mentions)
    assert len(entities) == 1 and len({index[("A", 0)], index[("B", 4)], index[("B", 40)]}) == 1


def test_a_first_name_misspelt_by_one_outlet_is_the_same_person():
    mentions = [_m("A", "Roberto Lind"), _m("A", "Roberto Lind", start=30), _m("B", "Robberto Lind", start=4)]
    entities, index = link_entities(mentions)
    assert len(entities) == 1 and entities[0].name == "Roberto Lind" and index[("B", 4)] == index[("A", 0)]
    # two spellings in one article are two people its writer tells apart
    same = [_m("A", "Roberto Lind"), _m("A", "Robberto Lind", start=30)]
    assert len(link_entities(same)[0]) == 2


def test_a_bare_surname_is_the_person_the_story_mostly_names_so():
    # Ted Cruz written in full 3 times, his wife once: "Cruz" is Ted. Two people written as often: no guess.
    mentions = [_m("A", "Ted Cruz"), _m("A", "Ted Cruz", start=20), _m("B", "Sen. Ted Cruz", start=5),
                _m("B", "Heidi Cruz", start=40), _m("C", "Cruz", start=9)]
    entities, index = link_entities(mentions)
    assert next(e.name for e in entities if e.id == index[("C", 9)]) == "Ted Cruz"
    mentions = [_m("A", "Sandra Jackson"), _m("A", "Sandra Jackson", start=20), _m("B", "Jesse Jackson", start=5),
                _m("B", "Jesse Jackson", start=50), _m("C", "Jackson", start=9)]
    entities, index = link_entities(mentions)
    assert next(e.name for e in entities if e.id == index[("C", 9)]) == "Jackson"


def test_titles_and_initials_before_a_name_are_no_part_of_its_key():
    mentions = [_m("A", "Representative Ines Braley"), _m("B", "Ines Braley", start=4), _m("B", "Braley", start=30),
                _m("C", "A. Tomas Rand", start=2), _m("C", "Tomas Rand", start=50), _m("C", "Rand", start=80)]
    _, index = link_entities(mentions)
    assert len({index[("A", 0)], index[("B", 4)], index[("B", 30)]}) == 1
    assert len({index[("C", 2)], index[("C", 50)], index[("C", 80)]}) == 1


def test_embeddings_rank_paraphrase_above_unrelated_text():
    a, b, c = embed([
        "The ferry strike was called off after a late-night deal.",
        "A last-minute agreement ended the ferry strike.",
        "The museum will reopen on Wednesday with extra guards.",
    ])
    assert a @ b > 0.6 > a @ c
    assert abs(float(a @ a) - 1.0) < 1e-4


def test_a_sentence_adverb_taken_into_a_name_is_no_first_name() -> None:
    from storydiff.nlp.entities import person_words

    assert person_words("Plus Obama") == ["Obama"]
    assert person_words("Meanwhile Lindqvist") == ["Lindqvist"]
    assert person_words("Peter Lindqvist") == ["Peter", "Lindqvist"]


def test_a_formal_name_with_a_suffix_is_the_short_name_of_the_other_articles():
    mentions = [
        _m("A", "Roland J. Hale Jr.", start=0), _m("A", "Hale", start=40),
        _m("B", "Roland Hale", start=5), _m("C", "Roland Hale", start=9),
        _m("A", "Victor T. Marsh III", start=80), _m("B", "Victor Marsh", start=60),
    ]
    entities, index = link_entities(mentions)
    people = sorted(e.name for e in entities if e.type == "PERSON")
    assert people == ["Roland J. Hale Jr.", "Victor T. Marsh III"]
    assert index[("A", 0)] == index[("A", 40)] == index[("B", 5)] == index[("C", 9)]


def test_a_suffixed_name_without_its_initial_is_the_formal_name_of_another_article():
    # "Roland Hale Jr." is the "Roland J. Hale Jr." whom another article writes formally, and so the
    # "Roland Hale" of a third; a "Victor Marsh Jr." whose article also writes "Victor Marsh" stays apart.
    mentions = [
        _m("A", "Roland J. Hale Jr.", start=0), _m("B", "Roland Hale", start=5), _m("C", "Roland Hale Jr.", start=9),
        _m("A", "Victor T. Marsh Jr.", start=80), _m("C", "Victor Marsh Jr.", start=60),
        _m("C", "Victor Marsh", start=120),
    ]
    _, index = link_entities(mentions)
    assert index[("A", 0)] == index[("B", 5)] == index[("C", 9)]
    assert index[("C", 60)] != index[("C", 120)]


def test_a_suffix_that_tells_a_son_from_his_father_is_kept():
    # No middle initial: "Ward Pike Jr." is the son, whom the suffix tells from "Ward Pike".
    mentions = [_m("A", "Ward Pike", start=0), _m("A", "Ward Pike Jr.", start=30), _m("B", "Ward Pike", start=3)]
    # A formal name beside its own unsuffixed form in one article: two people (the Rev. and his son).
    mentions += [_m("C", "Rev. Ezra Lund", start=0), _m("C", "Ezra K. Lund Jr.", start=40),
                 _m("B", "Ezra Lund", start=50)]
    _, index = link_entities(mentions)
    assert index[("A", 0)] != index[("A", 30)]
    assert index[("C", 0)] != index[("C", 40)]


def test_a_calling_before_a_name_is_no_part_of_it():
    # "Historian Alan Brinkley of Columbia University told Fox News ...": the historian is Alan Brinkley.
    mentions = [_m("A", "Historian Ines Halvorsen"), _m("B", "Ines Halvorsen", start=4), _m("B", "Halvorsen", start=40)]
    entities, index = link_entities(mentions)
    assert [e.name for e in entities] == ["Ines Halvorsen"]
    assert len({index[("A", 0)], index[("B", 4)], index[("B", 40)]}) == 1


def test_a_titled_surname_is_not_the_one_full_name_of_the_other_sex(nlp):
    """An article that says "President Brook" and "Mr. Brook" and names only his wife in full, "Helen
    Brook": his words are Brook's, not hers; "Mrs. Brook" is still hers. Where the story names him in
    full too, his bare surname is his full name."""
    from storydiff.nlp.entities import iter_mentions

    text = ("President Brook met the harbour board on Monday. His wife, Helen Brook, was at his side.\n\n"
            "Mr. Brook said the ferry would run all winter. Mrs. Brook said nothing.")
    mentions = list(iter_mentions(nlp(text), "A"))
    assert "Mr. Brook" in [m.text for m in mentions]
    entities, index = link_entities(mentions)
    name = {e.id: e.name for e in entities}
    assert name[index[("A", text.index("Mr. Brook"))]] == "Brook"
    assert name[index[("A", text.index("Helen Brook"))]] == "Helen Brook"
    assert name[index[("A", text.index("Mrs. Brook"))]] == "Helen Brook"
    entities, index = link_entities([*mentions, _m("B", "Thomas Brook", start=0)])
    name = {e.id: e.name for e in entities}
    assert name[index[("A", text.index("Mr. Brook"))]] == "Thomas Brook"
    # a title that fits a full name says nothing of the bare surname: "Mrs. Brook" is Helen, and the
    # untitled "Brook" the one the story writes most
    story = [_m("A", "Thomas Brook", start=0), _m("A", "Thomas Brook", start=30), _m("A", "Thomas Brook", start=60),
             _m("A", "Helen Brook", start=90), _m("A", "Mrs. Brook", start=120), _m("A", "Brook", start=150)]
    entities, index = link_entities(story)
    name = {e.id: e.name for e in entities}
    assert (name[index[("A", 120)]], name[index[("A", 150)]]) == ("Helen Brook", "Thomas Brook")


def test_a_surname_that_is_also_a_title_is_kept():
    """Titles go from the front of a name, never its surname: "Representative Peter T. King" had become
    "Peter T.", and "Martin Luther King Jr." "Martin Luther Jr."."""
    from storydiff.nlp.entities import person_words

    assert person_words("Rep. Peter T. King") == ["Peter", "T.", "King"]
    assert person_words("Martin Luther King Jr.") == ["Martin", "Luther", "King", "Jr."]
    assert person_words("Mr. Prince") == ["Prince"] and person_words("Queen Elena") == ["Elena"]
    entities, _ = link_entities([_m("A", "Peter T. King"), _m("A", "King", start=40), _m("B", "Mr. King", start=3)])
    assert [e.name for e in entities] == ["Peter T. King"]
